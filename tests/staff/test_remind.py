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
from tests import factories
from tests.staff import people
from tests.staff.test_queue import working_days_ago

pytestmark = pytest.mark.django_db


def remind(*args: str) -> str:
    out = StringIO()
    call_command("remind", *args, stdout=out)
    return out.getvalue()


def test_each_handler_gets_their_overdue_and_due_soon_cases_once_a_day():
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


def test_again_sends_a_second_time_and_a_handler_without_email_is_reported():
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
