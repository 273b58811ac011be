"""Code 8.5: a notice of exceptional circumstances is recorded, sent to the Ombudsman,
written to the resident of every open complaint, and withdrawn."""

from __future__ import annotations

import datetime as dt
import smtplib

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.utils import timezone

from putright.complaints.models import Event
from putright.landlords.models import ExceptionalCircumstances, Role
from putright.landlords.models import today as clock_today
from putright.landlords.selectors import exceptional_circumstances_in_force
from putright.letters.models import Letter
from putright.ombudsman.services import (
    NOTICE_HEADING,
    exceptional_circumstances_email_again,
    exceptional_circumstances_email_send,
    exceptional_circumstances_record,
    exceptional_circumstances_withdraw,
)
from putright.rules.lifecycle import RuleError
from tests import factories
from tests.letters import records
from tests.tasks import run_queued

pytestmark = pytest.mark.django_db

WHAT = "A cyber attack took our case management system offline."
BACK = "We expect to be back within our timescales by 31 December 2026."


def _record(landlord, by=None, **fields):
    values = {
        "what_happened": WHAT,
        "started_on": clock_today() - dt.timedelta(days=7),
        "back_to_compliance": BACK,
        **fields,
    }
    return exceptional_circumstances_record(landlord=landlord, by=by, **values)


def test_recording_a_notice_writes_an_update_letter_to_each_open_complaint(
    django_capture_on_commit_callbacks,
):
    landlord = records.landlord()
    logged = records.logged(landlord)
    at_stage1 = records.stage1_acknowledged(landlord)
    answered = factories.stage1_responded(landlord)
    other_landlord = records.landlord()
    records.logged(other_landlord)
    with django_capture_on_commit_callbacks(execute=True):
        notice = _record(landlord)
    letters = Letter.objects.filter(landlord=landlord, kind="update")
    assert sorted(letters.values_list("complaint__reference", flat=True)) == sorted(
        [logged.reference, at_stage1.reference]
    )
    assert answered.reference not in [row["reference"] for row in notice.letters]
    for letter in letters:
        assert WHAT in letter.body_text
        assert BACK in letter.body_text
        assert NOTICE_HEADING in letter.html
        assert letter.delivery == "email"
        assert Event.objects.filter(complaint=letter.complaint, pk=letter.event_id).exists()
    assert not Letter.objects.filter(landlord=other_landlord).exists()
    assert sorted(row["letter"] for row in notice.letters) == sorted(
        letters.values_list("pk", flat=True)
    )


def test_recording_a_notice_queues_its_email_to_the_recorded_ombudsman_address(today):
    landlord = records.landlord(ombudsman_email="casework@ombudsman.example")
    notice = _record(landlord)
    # Queued, not sent: the worker sends it.
    assert [m for m in mail.outbox if m.to == ["casework@ombudsman.example"]] == []
    assert notice.ombudsman_email_status == "queued"

    assert run_queued() == [
        ("putright.ombudsman.tasks.send_exceptional_circumstances_email", "sent")
    ]

    to_ombudsman = [m for m in mail.outbox if m.to == ["casework@ombudsman.example"]]
    assert len(to_ombudsman) == 1
    assert "Code 8.5" in to_ombudsman[0].subject
    assert WHAT in to_ombudsman[0].body
    assert f"{notice.started_on:%-d %B %Y}" in to_ombudsman[0].body
    notice.refresh_from_db()
    assert notice.ombudsman_emailed_to == "casework@ombudsman.example"
    assert notice.ombudsman_email_status == "sent"
    assert notice.ombudsman_email_sent_at is not None
    assert timezone.localdate(notice.ombudsman_email_sent_at) == today
    # Run again (a task delivered twice), it is not sent twice.
    assert exceptional_circumstances_email_send(notice_id=notice.pk) == "skipped: already sent"
    assert len([m for m in mail.outbox if m.to == ["casework@ombudsman.example"]]) == 1


def _refused_by_the_mail_server(monkeypatch):
    def refuse(self, fail_silently=False):
        raise smtplib.SMTPRecipientsRefused({"casework@ombudsman.example": (550, b"No such user")})

    monkeypatch.setattr(EmailMessage, "send", refuse)


def test_a_failed_email_is_recorded_with_its_reason_and_can_be_sent_again(monkeypatch, today):
    landlord = records.landlord(ombudsman_email="casework@ombudsman.example")
    officer = factories.user(landlord=landlord, role=Role.OFFICER)
    notice = _record(landlord, by=officer)
    real_send = EmailMessage.send
    _refused_by_the_mail_server(monkeypatch)

    [(_, result)] = run_queued()

    assert result.startswith("failed: SMTPRecipientsRefused")
    notice.refresh_from_db()
    assert notice.ombudsman_email_status == "failed"
    assert "SMTPRecipientsRefused" in notice.ombudsman_email_failure
    assert "No such user" in notice.ombudsman_email_failure
    assert notice.ombudsman_email_sent_at is None

    # The address is corrected in the settings; "Send again" queues it to the new one.
    landlord.ombudsman_email = "complaints@ombudsman.example"
    landlord.save(update_fields=["ombudsman_email"])
    monkeypatch.setattr(EmailMessage, "send", real_send)
    again = exceptional_circumstances_email_again(notice=notice, by=officer)
    assert again.ombudsman_email_status == "queued"
    assert again.ombudsman_email_failure == ""

    assert [r for _, r in run_queued()] == ["sent"]
    assert [m.to for m in mail.outbox if "Code 8.5" in m.subject] == [
        ["complaints@ombudsman.example"]
    ]
    notice.refresh_from_db()
    assert notice.ombudsman_email_status == "sent"
    assert notice.ombudsman_emailed_to == "complaints@ombudsman.example"


def test_only_a_failed_email_can_be_sent_again(today):
    landlord = records.landlord(ombudsman_email="casework@ombudsman.example")
    officer = factories.user(landlord=landlord, role=Role.OFFICER)
    notice = _record(landlord, by=officer)
    with pytest.raises(RuleError) as waiting:
        exceptional_circumstances_email_again(notice=notice, by=officer)
    assert waiting.value.problems == {
        "notice": "The email to the Ombudsman is waiting to be sent already"
    }
    run_queued()
    with pytest.raises(RuleError) as sent:
        exceptional_circumstances_email_again(notice=notice, by=officer)
    assert sent.value.problems == {
        "notice": f"The email to the Ombudsman was sent on {today:%-d %B %Y} already"
    }


def test_a_handler_cannot_send_the_email_again(monkeypatch, today):
    landlord = records.landlord(ombudsman_email="casework@ombudsman.example")
    notice = _record(landlord, by=factories.user(landlord=landlord, role=Role.OFFICER))
    _refused_by_the_mail_server(monkeypatch)
    run_queued()
    with pytest.raises(PermissionDenied):
        exceptional_circumstances_email_again(
            notice=notice, by=factories.user(landlord=landlord, role=Role.HANDLER)
        )


def test_a_complaint_with_no_address_is_noted_not_written_to():
    landlord = records.landlord()
    nowhere = factories.complaint(landlord)
    notice = _record(landlord)
    assert notice.letters == [
        {
            "reference": nowhere.reference,
            "letter": None,
            "problem": "There is no postal address for the resident. Enter one, or send the "
            "letter by email.",
        }
    ]


def test_a_notice_needs_what_happened_when_and_the_way_back():
    landlord = records.landlord()
    with pytest.raises(RuleError) as error:
        _record(landlord, what_happened=" ", started_on=None, back_to_compliance="")
    assert set(error.value.problems) == {"what_happened", "started_on", "back_to_compliance"}
    assert not ExceptionalCircumstances.objects.exists()


def test_a_notice_cannot_start_in_the_future(today):
    landlord = records.landlord()
    with pytest.raises(RuleError) as error:
        _record(landlord, started_on=today + dt.timedelta(days=1))
    assert error.value.problems == {
        "started_on": "The date they started must be today or in the past"
    }


def test_a_handler_cannot_record_a_notice():
    landlord = records.landlord()
    handler = factories.user(landlord=landlord, role=Role.HANDLER)
    with pytest.raises(PermissionDenied):
        _record(landlord, by=handler)


def test_the_notice_is_in_force_until_withdrawn(today):
    landlord = records.landlord()
    officer = factories.user(landlord=landlord, role=Role.OFFICER)
    notice = _record(landlord, by=officer)
    assert exceptional_circumstances_in_force(landlord) == notice
    exceptional_circumstances_withdraw(
        notice=notice, withdrawn_on=today, note="Systems restored.", by=officer
    )
    assert exceptional_circumstances_in_force(landlord) is None
    notice.refresh_from_db()
    assert (notice.withdrawn_on, notice.withdrawn_note, notice.withdrawn_by) == (
        today,
        "Systems restored.",
        officer,
    )


def test_a_notice_cannot_be_withdrawn_before_it_started_or_twice(today):
    landlord = records.landlord()
    notice = _record(landlord)
    with pytest.raises(RuleError) as error:
        exceptional_circumstances_withdraw(
            notice=notice, withdrawn_on=notice.started_on - dt.timedelta(days=29), by=None
        )
    assert error.value.problems == {
        "withdrawn_on": "The date it is withdrawn cannot be before it started "
        f"({notice.started_on:%-d %B %Y})"
    }
    exceptional_circumstances_withdraw(notice=notice, withdrawn_on=today, by=None)
    with pytest.raises(RuleError) as error:
        exceptional_circumstances_withdraw(notice=notice, withdrawn_on=today, by=None)
    assert error.value.problems == {
        "notice": f"This notice was withdrawn on {today:%-d %B %Y} already"
    }
