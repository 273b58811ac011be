"""Copies of upheld decisions to the Member Responsible for Complaints: the complaints app
says when a response is sent (its timeline's ``responded`` entry,
``putright.complaints.signals.timeline_written``), and this copies it, inside the same
transaction, when the landlord has chosen to (``services.mrc_copy_upheld_decision``)."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from putright.complaints.models import Complaint, EventKind
from putright.complaints.signals import timeline_written
from putright.ombudsman.services import mrc_copy_upheld_decision


@receiver(timeline_written, dispatch_uid="ombudsman_mrc_upheld")
def on_response_sent(sender: Any, *, complaint: Complaint, kind: str, **_: Any) -> None:
    if kind != EventKind.RESPONDED or not complaint.landlord.mrc_copy_upheld:
        return
    event = complaint.events.filter(kind=EventKind.RESPONDED).order_by("-id").first()
    if event is None or event.stage is None:
        return
    mrc_copy_upheld_decision(
        complaint=complaint, stage=event.stage, outcome=str(event.detail.get("outcome", ""))
    )
