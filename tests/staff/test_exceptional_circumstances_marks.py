"""Code 8.5 in the workspace: a case late while a notice of exceptional circumstances was in
force shows the notice beside it on the case page, and the work queue marks its late rows
while a notice is in force (in one query, however many rows)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from putright.landlords.models import ExceptionalCircumstances, Role
from tests import factories
from tests.staff import people
from tests.staff.test_queue import working_days_ago

pytestmark = pytest.mark.django_db

MARKER = "putright-exceptional"
WHAT = "A cyber attack took our case management system offline."


def _notice(landlord, started_on, withdrawn_on=None):
    return ExceptionalCircumstances.objects.create(
        landlord=landlord,
        what_happened=WHAT,
        started_on=started_on,
        back_to_compliance="Back within our timescales by 31 January 2027.",
        withdrawn_on=withdrawn_on,
    )


def _late(landlord, days=7):
    return people.logged(landlord, received_on=working_days_ago(landlord, days))


def test_the_queue_marks_late_rows_while_a_notice_is_in_force(today):
    landlord = factories.landlord()
    late = _late(landlord)
    on_time = people.logged(landlord)
    client = people.signed_in(people.staff(landlord, Role.OFFICER))

    assert MARKER not in client.get("/staff/").content.decode()

    notice = _notice(landlord, today - dt.timedelta(days=3))
    html = client.get("/staff/").content.decode()
    assert html.count(MARKER) == 1
    late_row = html[html.index(f">{late.reference}</a>") :]
    late_row = late_row[: late_row.index("</tr>")]
    assert MARKER in late_row
    assert f"in force since {notice.started_on:%-d %B %Y}" in late_row
    on_time_row = html[html.index(f">{on_time.reference}</a>") :]
    assert MARKER not in on_time_row[: on_time_row.index("</tr>")]

    notice.withdrawn_on = today
    notice.save()
    assert MARKER not in client.get("/staff/").content.decode()


def test_the_queue_marker_costs_one_query_however_many_rows_are_late(
    today, django_assert_max_num_queries
):
    landlord = factories.landlord()
    _late(landlord)
    _notice(landlord, today - dt.timedelta(days=3))
    client = people.signed_in(people.staff(landlord, Role.OFFICER))
    client.get("/staff/")  # the session and caches warmed
    with CaptureQueriesContext(connection) as one_late:
        assert client.get("/staff/").content.decode().count(MARKER) == 1
    for days in (8, 9, 10, 11):
        _late(landlord, days)
    with django_assert_max_num_queries(len(one_late.captured_queries)):
        assert client.get("/staff/").content.decode().count(MARKER) == 5
    notice_queries = [
        q for q in one_late.captured_queries if "exceptionalcircumstances" in q["sql"].lower()
    ]
    assert len(notice_queries) == 1


def _late_at_stage1(landlord):
    """Acknowledged on the day it came in, 30 working days ago: the stage 1 response (due
    10 working days after) is 20 working days late; the acknowledgement was on time."""
    return people.stage1_open(
        landlord,
        handler=people.staff(landlord, Role.HANDLER),
        received_on=working_days_ago(landlord, 30),
        acknowledge=True,
    )


def test_a_case_late_while_a_notice_is_in_force_shows_it_beside_it(today):
    landlord = factories.landlord(name="Riverside Homes")
    late = _late_at_stage1(landlord)
    notice = _notice(landlord, today - dt.timedelta(days=7))
    client = people.signed_in(people.staff(landlord, Role.OFFICER))

    html = client.get(f"/staff/cases/{late.reference}/").content.decode()

    inset = html[html.index(f'id="exceptional-circumstances-{notice.pk}"') :]
    inset = inset[: inset.index("</div>")]
    assert (
        f"Riverside Homes recorded exceptional circumstances from {notice.started_on:%-d %B %Y}, "
        "still in force (Code 8.5)" in inset
    )
    stage = late.current_stage
    assert f"Stage 1 response due {stage.response_due_extended.day} " in inset
    assert "acknowledgement" not in inset  # acknowledged on time
    assert WHAT in inset
    assert "Back within our timescales by 31 January 2027." in inset


def test_a_notice_withdrawn_during_the_lateness_is_shown_with_its_end(today):
    landlord = factories.landlord(name="Riverside Homes")
    late = _late_at_stage1(landlord)
    due = late.current_stage.response_due_extended
    notice = _notice(landlord, due - dt.timedelta(days=20), withdrawn_on=due + dt.timedelta(days=1))
    client = people.signed_in(people.staff(landlord, Role.OFFICER))

    html = client.get(f"/staff/cases/{late.reference}/").content.decode()

    assert f'id="exceptional-circumstances-{notice.pk}"' in html
    assert f"until {notice.withdrawn_on.day} " in html


def test_a_notice_not_in_force_while_the_case_was_late_is_not_shown(today):
    landlord = factories.landlord()
    late = _late_at_stage1(landlord)
    on_time = people.stage1_open(
        landlord, handler=people.staff(landlord, Role.HANDLER), acknowledge=True
    )
    due = late.current_stage.response_due_extended
    # Withdrawn on the day the response was due: the case was not late yet.
    _notice(landlord, due - dt.timedelta(days=20), withdrawn_on=due)
    client = people.signed_in(people.staff(landlord, Role.OFFICER))
    assert (
        "exceptional-circumstances-"
        not in client.get(f"/staff/cases/{late.reference}/").content.decode()
    )

    # In force now, but the other case is not late.
    _notice(landlord, today - dt.timedelta(days=3))
    html = client.get(f"/staff/cases/{on_time.reference}/").content.decode()
    assert "exceptional-circumstances-" not in html
