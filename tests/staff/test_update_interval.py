"""Keeping the resident informed in the staff workspace (issue 17, item 1; Code 5.9, 6.6,
6.17): the handler records the update interval agreed with the resident from the case
page; the next update owed shows on the case page, as a flag and filter on the work queue,
and in the handler's daily reminder."""

from __future__ import annotations

import datetime as dt
import html as htmllib
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from putright.complaints import services
from putright.complaints.models import Complaint
from putright.landlords.models import Role
from tests import factories
from tests.staff import people
from tests.staff.test_queue import counting, refs  # noqa: F401

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return " ".join(htmllib.unescape(response.content.decode()).split())


def _open_with_interval(landlord, handler, today, *, agreed_days_ago: int = 21):
    c = people.stage1_open(
        landlord,
        handler=handler,
        acknowledge=True,
        received_on=today - dt.timedelta(days=agreed_days_ago + 2),
    )
    services.complaint_update_interval_set(
        complaint=c,
        working_days=5,
        note="While the damp survey is outstanding.",
        on=today - dt.timedelta(days=agreed_days_ago),
        by=None,
    )
    return Complaint.objects.get(pk=c.pk)


def test_the_handler_records_the_interval_agreed_from_the_case_page(today):
    landlord = factories.landlord()
    handler = people.staff(landlord, Role.HANDLER)
    c = people.stage1_open(landlord, handler=handler, acknowledge=True, received_on=today)
    client = people.signed_in(handler)
    case_page = client.get(f"/staff/cases/{c.reference}/")
    assert f"/staff/cases/{c.reference}/update-interval/" in [
        o.url for o in case_page.context["offers"]
    ]

    response = client.post(
        f"/staff/cases/{c.reference}/update-interval/",
        {
            "version": str(c.version),
            "working_days": "10",
            "note": "By phone, while the works are outstanding.",
            **people.date_fields("on", today),
        },
    )

    assert response.status_code == 302
    stage = Complaint.objects.get(pk=c.pk).current_stage
    assert (stage.update_interval, stage.update_interval_agreed_on) == (10, today)
    page = text(client.get(f"/staff/cases/{c.reference}/"))
    assert "Updates agreed every 10 working days." in page
    assert "Every 10 working days, agreed" in page
    assert "By phone, while the works are outstanding." in page
    assert "Next update due" in page


def test_a_wrong_interval_is_refused_with_the_input_kept(today):
    landlord = factories.landlord()
    handler = people.staff(landlord, Role.HANDLER)
    c = people.stage1_open(landlord, handler=handler, acknowledge=True, received_on=today)
    response = people.signed_in(handler).post(
        f"/staff/cases/{c.reference}/update-interval/",
        {
            "version": str(c.version),
            "working_days": "90",
            "note": "Every few months",
            **people.date_fields("on", today),
        },
    )
    assert response.status_code == 200
    page = text(response)
    assert "There is a problem" in page
    assert "The update interval must be 60 working days or fewer" in page
    assert 'href="#id_working_days"' in page
    assert "Every few months" in page
    assert 'value="90"' in page
    assert Complaint.objects.get(pk=c.pk).current_stage.update_interval is None


def test_a_closed_case_with_nothing_outstanding_says_why_no_interval(today):
    landlord = factories.landlord()
    handler = people.staff(landlord, Role.OFFICER)
    c = factories.stage1_responded(landlord, received_on=today - dt.timedelta(days=20), on=today)
    response = people.signed_in(handler).post(
        f"/staff/cases/{c.reference}/update-interval/",
        {"version": str(c.version), "working_days": "5", **people.date_fields("on", today)},
    )
    assert response.status_code == 200
    assert "Nothing is outstanding on this complaint" in text(response)


def test_the_queue_flags_and_filters_the_updates_due(today, counting):  # noqa: F811
    landlord = factories.landlord()
    handler = people.staff(landlord, Role.HANDLER)
    owed = _open_with_interval(landlord, handler, today)
    not_yet = _open_with_interval(landlord, handler, today, agreed_days_ago=0)
    none_agreed = people.stage1_open(landlord, handler=handler, acknowledge=True)
    client = people.signed_in(handler)

    response = client.get("/staff/?update=on")

    assert refs(response) == [owed.reference]
    assert not_yet.reference not in refs(response)
    assert none_agreed.reference not in refs(response)
    [row] = response.context["queue"].rows
    assert row.update_due_on == owed.update_due_on
    assert "Update due" in text(response)
    if counting == "counted":
        assert client.get("/staff/").context["queue"].flag_counts["update"] == 1


def test_the_queue_reads_the_update_flag_without_a_query_per_row(
    today, django_assert_max_num_queries
):
    landlord = factories.landlord()
    handler = people.staff(landlord, Role.HANDLER)
    for _ in range(3):
        _open_with_interval(landlord, handler, today)
    client = people.signed_in(handler)
    client.get("/staff/?update=on")  # warm the session and caches
    with django_assert_max_num_queries(40) as few:
        client.get("/staff/?update=on")
    for _ in range(5):
        _open_with_interval(landlord, handler, today)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/staff/?update=on")
    assert len(refs(response)) == 8


def test_the_daily_reminder_lists_the_updates_owed(today):
    landlord = factories.landlord()
    hamza = people.staff(landlord, Role.HANDLER, email="hamza@example.org")
    owed = _open_with_interval(landlord, hamza, today)
    Complaint.objects.filter(pk=owed.pk).update(next_due_on=today + dt.timedelta(days=60))

    call_command("remind", "--again", stdout=StringIO())

    [email] = mail.outbox
    assert "1 update to residents due" in email.subject
    assert "Updates owed to residents (1)" in email.body
    assert f"{owed.reference}" in email.body
    assert "update to the resident" in email.body
    assert "overdue" in email.body
