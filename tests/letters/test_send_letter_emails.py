"""`putright send_letter_emails`: the safety net for an emailed letter whose task the queue
lost (a process stopped between the issue's commit and the queueing). It sends the letters
that have waited with no task to send them, once, and leaves the rest to the worker."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from putright.letters import services
from putright.letters.models import Letter
from putright.rules.lifecycle import RuleError
from tests.letters import records
from tests.letters.test_letter_issue import _issue
from tests.tasks import run_queued

pytestmark = pytest.mark.django_db

LATER = dt.timedelta(minutes=16)


def _emailed(django_capture_on_commit_callbacks, *, lost: bool) -> Letter:
    """A letter issued by email, its task queued after the commit; ``lost``: then gone."""
    with django_capture_on_commit_callbacks(execute=True):
        letter = _issue(records.stage1_acknowledged(), delivery="email")
    if lost:
        DBTaskResult.objects.all().delete()
    return letter


def _run(**options) -> str:
    out = io.StringIO()
    call_command("send_letter_emails", stdout=out, **options)
    return out.getvalue()


def test_a_letter_whose_task_was_lost_is_sent_once(django_capture_on_commit_callbacks):
    letter = _emailed(django_capture_on_commit_callbacks, lost=True)

    assert services.letter_emails_lost(waited=dt.timedelta(minutes=15)) == []  # too soon
    later = timezone.now() + LATER
    assert services.letter_emails_lost(waited=dt.timedelta(minutes=15), now=later) == [letter.pk]
    out = _run(minutes=0)

    assert f"Letter {letter.pk}: sent to amina.okafor@example.org." in out
    assert len(mail.outbox) == 1
    assert mail.outbox[0].attachments[0][2] == "application/pdf"
    assert Letter.objects.get(pk=letter.pk).email_status == "sent"
    assert "0 letter(s)" in _run(minutes=0)  # sent: not sent again
    assert len(mail.outbox) == 1


def test_a_letter_whose_task_is_still_queued_is_left_to_the_worker(
    django_capture_on_commit_callbacks,
):
    letter = _emailed(django_capture_on_commit_callbacks, lost=False)

    assert "0 letter(s)" in _run(minutes=0)
    assert mail.outbox == []
    assert Letter.objects.get(pk=letter.pk).email_status == "waiting"
    run_queued()
    assert len(mail.outbox) == 1


def test_a_task_running_for_longer_than_the_wait_is_taken_as_stopped(
    django_capture_on_commit_callbacks,
):
    letter = _emailed(django_capture_on_commit_callbacks, lost=False)
    started = timezone.now()
    DBTaskResult.objects.update(status="RUNNING", started_at=started)
    wait = dt.timedelta(minutes=15)

    assert services.letter_emails_lost(waited=wait, now=started + LATER) == [letter.pk]
    assert services.letter_emails_lost(waited=wait, now=started + dt.timedelta(minutes=1)) == []


def test_posted_sent_and_failed_letters_are_never_sent(django_capture_on_commit_callbacks):
    posted = _issue(records.stage1_acknowledged())
    sent = _emailed(django_capture_on_commit_callbacks, lost=False)
    run_queued()
    failed = _emailed(django_capture_on_commit_callbacks, lost=True)
    Letter.objects.email_failed_record(pk=failed.pk, failure="refused", at=timezone.now())
    mail.outbox.clear()

    later = timezone.now() + LATER
    assert services.letter_emails_lost(waited=dt.timedelta(minutes=15), now=later) == []
    assert "0 letter(s)" in _run(minutes=0)
    assert mail.outbox == []
    assert {posted.pk, sent.pk, failed.pk} == set(Letter.objects.values_list("pk", flat=True))


def test_sending_again_is_only_for_a_letter_the_worker_gave_up_on(
    django_capture_on_commit_callbacks,
):
    posted = _issue(records.stage1_acknowledged())
    waiting = _emailed(django_capture_on_commit_callbacks, lost=False)

    for letter, refusal in (
        (posted, "This letter was posted, not emailed."),
        (waiting, "This letter is waiting to be emailed already."),
    ):
        with pytest.raises(RuleError) as refused:
            services.letter_email_again(letter=letter, by=None)
        assert refused.value.problems == {"letter": refusal}
    assert Letter.objects.get(pk=waiting.pk).email_status == "waiting"


@pytest.mark.parametrize(
    ("given", "said"),
    [("-5", "expected from 0 to 10,080 minutes, not '-5'"), ("soon", "not 'soon'")],
)
def test_a_wait_that_is_no_number_of_minutes_is_refused_in_one_line(given, said):
    with pytest.raises(CommandError, match=re.escape(said)):
        call_command("send_letter_emails", "--minutes", given)
    assert mail.outbox == []
