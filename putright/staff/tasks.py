"""Background work for the staff workspace, run by ``putright db_worker`` (django-tasks)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django_tasks import task

from putright.landlords.models import Landlord
from putright.staff.services import reminder_send


@task()
def send_reminder(landlord_id: int, user_id: int, on: str, base_url: str, again: bool) -> str:
    """Send one handler's reminder digest for the day ``on`` (ISO date), as ``putright remind
    --queue`` asked. What is due is worked out when the worker runs it, so a case dealt with
    in the meantime is left out. Returns what happened, for the task's result."""
    landlord = Landlord.objects.filter(pk=landlord_id).first()
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if landlord is None or user is None:
        return "skipped: the landlord or the person no longer exists"
    result = reminder_send(
        landlord=landlord, user=user, on=dt.date.fromisoformat(on), base_url=base_url, again=again
    )
    if result is None:
        return "nothing due"
    return "sent" if result.sent else f"not sent: {result.why_not}"
