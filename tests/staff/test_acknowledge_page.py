"""The acknowledge page says when the response will fall due, by the true rule (issue 12,
item 10): 10 working days after the acknowledgement at stage 1, counted from the
acknowledgement's due date when the acknowledgement is late; and it shows the date."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from putright.landlords.models import Role
from tests import factories
from tests.staff import people

pytestmark = pytest.mark.django_db


def _long(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _page(landlord, received_on: dt.date) -> str:
    handler = people.staff(landlord, Role.HANDLER)
    case = people.stage1_open(landlord, handler=handler, received_on=received_on)
    officer = people.signed_in(people.staff(landlord, Role.OFFICER))
    response = officer.get(f"/staff/cases/{case.reference}/acknowledge/")
    assert response.status_code == 200
    words = re.sub(r"<[^>]+>", "", response.content.decode())
    return " ".join(html.unescape(words).split())


def test_on_time_the_page_shows_the_response_date_if_acknowledged_today(today):
    landlord = factories.landlord()
    calendar = landlord.calendar()

    page = _page(landlord, received_on=today)

    due = calendar.add_working_days(today, 10)
    acknowledgement_due = calendar.add_working_days(today, 5)
    assert f"Acknowledged today, it is due by {_long(due)}." in page
    assert f"An acknowledgement after {_long(acknowledgement_due)} gives no more time" in page


def test_a_late_acknowledgement_counts_the_response_from_its_due_date(today):
    landlord = factories.landlord()
    calendar = landlord.calendar()
    received = today - dt.timedelta(days=21)

    page = _page(landlord, received_on=received)

    acknowledgement_due = calendar.add_working_days(received, 5)
    due = calendar.add_working_days(acknowledgement_due, 10)
    assert f"The acknowledgement was due on {_long(acknowledgement_due)}." in page
    assert "counted from that day, not from the acknowledgement" in page
    assert f"the response is due by {_long(due)}." in page
    assert "10 working days after the acknowledgement." not in page
