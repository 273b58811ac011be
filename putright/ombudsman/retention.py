"""Ombudsman casework under the retention policy (domain.md §11): when a complaint's
personal data is removed (``putright.complaints.signals.complaint_anonymised``), so are the
words of the Ombudsman's cases about it, and the files we sent or kept as evidence. Kept:
the references, dates, kinds, findings and each order's kind and wording, which the annual
report publishes (Code 8.1 e and f)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.storage import default_storage
from django.db import transaction
from django.dispatch import receiver

from putright.complaints.models import Complaint
from putright.complaints.signals import complaint_anonymised
from putright.ombudsman.models import Contact, Finding, MrcCopy, OmbudsmanCase, Order, Reply
from putright.rules.retention import REMOVED, removed


@receiver(complaint_anonymised, dispatch_uid="ombudsman_retention")
def ombudsman_anonymise(sender: Any, *, complaint: Complaint, on: dt.date, **kwargs: Any) -> int:
    """Remove the personal data of the Ombudsman's cases about ``complaint``, inside the
    retention run's transaction; their files are deleted once it commits. Returns how many
    cases."""
    cases = OmbudsmanCase.objects.filter(complaint=complaint)
    names: list[str] = []
    for case in cases:
        case.resident_name = ""
        case.summary = removed(case.summary)
        case.save(update_fields=["resident_name", "summary"])
    for contact in Contact.objects.filter(case__in=cases):
        contact.details = removed(contact.details)
        contact.save(update_fields=["details"])
    for reply in Reply.objects.filter(contact__case__in=cases):
        if reply.file:
            names.append(str(reply.file.name))
        reply.summary, reply.file, reply.filename = REMOVED, "", ""
        reply.save(update_fields=["summary", "file", "filename"])
    for finding in Finding.objects.filter(determination__case__in=cases):
        finding.element = removed(finding.element)
        finding.save(update_fields=["element"])
    for order in Order.objects.filter(determination__case__in=cases):
        if order.evidence_file:
            names.append(str(order.evidence_file.name))
        order.evidence = removed(order.evidence)
        order.evidence_file, order.evidence_filename = "", ""
        order.save(update_fields=["evidence", "evidence_file", "evidence_filename"])
    # The copies to the Member Responsible for Complaints: who, what and when stay.
    MrcCopy.objects.filter(complaint=complaint).update(body=REMOVED)

    def delete() -> None:
        for name in names:
            default_storage.delete(name)

    transaction.on_commit(delete)
    return cases.count()
