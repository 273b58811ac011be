"""Background work for letters, run by ``putright db_worker`` (django-tasks)."""

from __future__ import annotations

from django_tasks import task

from putright.letters.services import letter_email_send


@task()
def send_letter_email(letter_id: int, attempt: int = 1) -> str:
    """Make an issued letter's PDF and email it, once (``services.letter_issue`` queued it
    when the letter was issued by email; ``services.letter_email_send`` queues the next
    try after a mail error that may pass). Returns what happened, for the task's result."""
    return letter_email_send(letter_id=letter_id, attempt=attempt)
