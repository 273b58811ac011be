"""Letters under the retention policy (domain.md §11): when a complaint's personal data is
removed (``putright.complaints.signals.complaint_anonymised``), its issued letters lose
their words, where they were sent, why an email could not be sent (the mail server's words
may name the address) and their PDF file; each letter's row stays with its kind, stage,
date, delivery, when it was emailed and the SHA-256 of its PDF if one was made, which the
compliance view counts (Code 5.6, 6.9, 6.19)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import QuerySet
from django.dispatch import receiver

from putright.complaints.models import Complaint
from putright.complaints.signals import complaint_anonymised
from putright.letters.models import Letter
from putright.rules.retention import REMOVED


@receiver(complaint_anonymised, dispatch_uid="letters_retention")
def letters_anonymise(sender: Any, *, complaint: Complaint, on: dt.date, **kwargs: Any) -> int:
    """Remove the personal data of ``complaint``'s letters, inside the retention run's
    transaction; the PDF files are deleted once it commits. An issued letter refuses every
    other change (``LetterQuerySet.update``): this writes through the plain queryset, and
    the complaint's timeline says why ("Personal data removed under the retention
    policy")."""
    letters = Letter.objects.filter(complaint=complaint)
    names = [name for name in letters.values_list("pdf", flat=True) if name]
    write_over = QuerySet.update  # the append-only guard's parent: see the docstring
    count = write_over(
        letters, subject=REMOVED, body_text=REMOVED, html=REMOVED, sent_to=REMOVED, pdf=""
    )
    write_over(letters.exclude(email_failure=""), email_failure=REMOVED)

    def delete() -> None:
        for name in names:
            default_storage.delete(name)

    transaction.on_commit(delete)
    return int(count)
