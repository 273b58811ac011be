"""`putright remind` (issue 3, item 6): each handler gets one email listing their cases due
in the next two working days and those overdue; running it again the same day sends
nothing twice."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from putright.landlords.models import Role
from putright.ombudsman import services as ombudsman_services
from putright.ombudsman.models import ContactKind, OmbudsmanCase
from tests import factories
from tests.staff import people
from tests.staff.test_queue import working_days_ago

pytestmark = pytest.mark.django_db


def remind(*args: str) -> str:
    out = StringIO()
    call_command("remind", *args, stdout=out)
    return out.getvalue()


def test_each_handler_gets_their_overdue_and_due_soon_cases_once_a_day(today):
    landlord = factories.landlord()
    hamza = people.staff(
        landlord, Role.HANDLER, first="Hamza", last="Ali", email="hamza@example.org"
    )
    priya = people.staff(
        landlord, Role.HANDLER, first="Priya", last="Shah", email="priya@example.org"
    )
    overdue = people.stage1_open(landlord, handler=hamza, received_on=working_days_ago(landlord, 7))
    soon = people.stage1_open(landlord, handler=hamza, received_on=working_days_ago(landlord, 4))
    later = people.stage1_open(landlord, handler=hamza)
    people.stage1_open(landlord, handler=priya)

    first = remind("--base-url", "https://complaints.example.org")
    second = remind()

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["hamza@example.org"]
    assert "1 overdue, 1 due soon" in email.subject
    assert overdue.reference in email.body and "2 working days overdue" in email.body
    assert soon.reference in email.body and "due in 1 working day" in email.body
    assert later.reference not in email.body
    assert f"https://complaints.example.org/staff/cases/{overdue.reference}/" in email.body
    assert "Sent to hamza (hamza@example.org): 2 case(s)" in first.replace(hamza.username, "hamza")
    assert "already sent today" in second
    assert "0 reminder email(s) sent." in second


def test_again_sends_a_second_time_and_a_handler_without_email_is_reported(today):
    landlord = factories.landlord()
    hamza = people.staff(landlord, Role.HANDLER, email="")
    people.stage1_open(landlord, handler=hamza, received_on=working_days_ago(landlord, 7))

    out = remind("--again")

    assert "no email address" in out
    assert not mail.outbox


def test_a_date_and_a_landlord_can_be_given():
    landlord = factories.landlord("Riverside Homes")
    hamza = people.staff(landlord, Role.HANDLER, email="hamza@example.org")
    c = people.stage1_open(landlord, handler=hamza)

    remind(
        "--landlord",
        "Riverside Homes",
        "--date",
        (c.next_due_on - dt.timedelta(days=1)).isoformat(),
    )

    assert len(mail.outbox) == 1
    with pytest.raises(CommandError):
        remind("--landlord", "Nobody")
    with pytest.raises(CommandError):
        remind("--date", "tomorrow")


def test_a_handler_is_reminded_of_the_ombudsman_deadlines_on_complaints_they_handle(today):
    """Issue 5: the Ombudsman's deadlines go in the handler's own digest too; a contractor's
    handler is never told of them, and the other handler hears nothing of this one."""
    landlord = factories.landlord()
    hamza = people.staff(landlord, Role.HANDLER, first="Hamza", email="hamza@example.org")
    priya = people.staff(landlord, Role.HANDLER, email="priya@example.org")
    kestrel = people.contractor(landlord, "Kestrel")
    carl = people.staff(
        landlord, Role.CONTRACTOR_HANDLER, email="carl@example.org", contractor=kestrel
    )
    received = working_days_ago(landlord, 30)
    his = factories.stage1_responded(landlord, handler=hamza, received_on=received, on=received)
    contractors = factories.stage1_responded(
        landlord, handler=carl, contractor=kestrel, received_on=received, on=received
    )
    people.stage1_open(landlord, handler=priya)  # nothing due for her yet
    deadline = landlord.calendar().add_working_days(today, 1)
    for complaint, reference in ((his, "202412345"), (contractors, "202499999")):
        case = ombudsman_services.ombudsman_case_open(
            landlord=landlord, reference=reference, opened_on=received, complaint=complaint, by=None
        )
        ombudsman_services.contact_record(
            case=case,
            kind=ContactKind.EVIDENCE_REQUEST,
            received_on=received,
            deadline=deadline,
            by=None,
        )

    out = remind("--base-url", "https://complaints.example.org")

    assert [m.to for m in mail.outbox] == [["hamza@example.org"]]
    email = mail.outbox[0]
    assert "0 overdue, 0 due soon, 1 Housing Ombudsman deadline" in email.subject
    assert "Housing Ombudsman deadlines (1):" in email.body
    assert (
        f"- {his.reference}: Evidence request, Ombudsman case 202412345, due in 1 working day"
        in email.body
    )
    case_pk = OmbudsmanCase.objects.get(reference="202412345").pk
    assert f"https://complaints.example.org/staff/ombudsman/cases/{case_pk}/" in email.body
    assert "202499999" not in email.body
    assert "0 case(s) and 1 Ombudsman deadline(s)" in out


def test_a_digest_the_mail_server_refuses_is_reported_and_the_others_still_go(today, monkeypatch):
    landlord = factories.landlord()
    amir = people.staff(landlord, Role.HANDLER, first="Amir", last="Khan", email="amir@example.org")
    bea = people.staff(landlord, Role.HANDLER, first="Bea", last="Lowe", email="bea@example.org")
    people.stage1_open(landlord, handler=amir, received_on=working_days_ago(landlord, 7))
    people.stage1_open(landlord, handler=bea, received_on=working_days_ago(landlord, 7))
    from django.core.mail import EmailMessage

    real_send = EmailMessage.send

    def refuse_amir(message, fail_silently=False):
        if message.to == ["amir@example.org"]:
            raise ConnectionRefusedError("connection refused")
        return real_send(message, fail_silently)

    monkeypatch.setattr(EmailMessage, "send", refuse_amir)
    first = remind()

    assert [m.to for m in mail.outbox] == [["bea@example.org"]]
    assert "the email could not be sent (connection refused)" in first
    assert "1 reminder email(s) sent." in first

    monkeypatch.setattr(EmailMessage, "send", real_send)
    second = remind()

    # Amir's digest was not marked sent, so the next run sends it; Bea's is not sent twice.
    assert [m.to for m in mail.outbox] == [["bea@example.org"], ["amir@example.org"]]
    assert "1 reminder email(s) sent." in second


def test_queued_digests_are_sent_by_the_task_worker(today, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    landlord = factories.landlord()
    hamza = people.staff(
        landlord, Role.HANDLER, first="Hamza", last="Ali", email="hamza@example.org"
    )
    people.stage1_open(landlord, handler=hamza, received_on=working_days_ago(landlord, 7))

    out = remind("--queue")

    assert "1 reminder email(s) queued." in out
    assert mail.outbox == []
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "putright.staff.tasks.send_reminder"
    # What `putright db_worker` does with it (run here without the worker's own handling of
    # database connections, which would end the test's transaction).
    assert queued.task.call(*queued.args_kwargs["args"], **queued.args_kwargs["kwargs"]) == "sent"
    assert [m.to for m in mail.outbox] == [["hamza@example.org"]]
    assert "1 overdue" in mail.outbox[0].subject
    # The day's digest is now marked sent: the cron run does not send it again.
    assert "already sent today" in remind()
