"""Background work for Ombudsman casework, run by ``putright db_worker`` (django-tasks)."""

from __future__ import annotations

from django_tasks import task

from putright.ombudsman.services import exceptional_circumstances_email_send, mrc_copy_send


@task()
def send_mrc_copy(copy_id: int) -> str:
    """Send one copy to the Member Responsible for Complaints (``services.mrc_copy_queue``
    queued it). Returns what happened, for the task's result."""
    copy = mrc_copy_send(copy_id=copy_id)
    if copy is None:
        return "skipped: the copy no longer exists"
    if copy.sent_at is None:
        return f"not sent: {copy.failure}"
    return f"sent to {copy.to_email}"


@task()
def send_exceptional_circumstances_email(notice_id: int) -> str:
    """Email a notice of exceptional circumstances (Code 8.5) to the Ombudsman and record on
    the notice that it went, or why it could not. Returns what happened, for the task's
    result."""
    return exceptional_circumstances_email_send(notice_id=notice_id)
