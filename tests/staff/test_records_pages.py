"""Service requests and member enquiries as work on the staff pages (issue 17, item 3): the
queue of open ones with owner, target and working days left or overdue, filtered by kind
and owner; the response form; the owner and member pages; the case page showing them."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from putright.complaints import services
from putright.complaints.models import Complaint
from putright.landlords.models import Role
from putright.rules.timescales import deadline_words, working_days_left
from tests import factories
from tests.staff.people import logged, resident, signed_in, staff

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def _rows(response) -> list[str]:
    return [
        re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", row))).strip()
        for row in re.findall(
            r"<tr class=\"govuk-table__row\">(.*?)</tr>", response.content.decode(), re.S
        )
    ][1:]  # the header row left out


def test_the_queue_lists_open_requests_and_enquiries_with_owner_and_days_left(today):
    landlord = factories.landlord()
    officer = staff(landlord, Role.OFFICER, first="Olu", last="Officer")
    sam = staff(landlord, Role.HANDLER, first="Sam", last="Jones")
    late = logged(landlord, received_on=today - dt.timedelta(days=30), kind="service_request")
    services.record_owner_set(record=late, owner=sam, by=None)
    fresh = logged(
        landlord, kind="member_enquiry", member_name="Jo Bloggs", member_role="mp",
        resident=resident(landlord),
    )  # fmt: skip
    done = logged(landlord, kind="service_request")
    services.record_respond(record=done, response="Done.", by=None)
    logged(landlord)  # a complaint waiting for triage is not listed
    late.refresh_from_db()
    calendar = landlord.calendar()

    rows = _rows(signed_in(officer).get("/staff/records/"))

    overdue = deadline_words(working_days_left(calendar, late.target_on, today))
    assert rows == [
        f"{late.reference} Service request No resident recorded Sam Jones "
        f"{late.target_on.day} {late.target_on:%B %Y} {overdue}",
        f"{fresh.reference} Member enquiry from MP Jo Bloggs Amina Okafor Nobody yet "
        f"{fresh.target_on.day} {fresh.target_on:%B %Y} due in 10 working days",
    ]


def test_the_queue_filters_by_kind_and_by_owner():
    landlord = factories.landlord()
    officer = staff(landlord, Role.OFFICER)
    sam = staff(landlord, Role.HANDLER, first="Sam", last="Jones")
    request = logged(landlord, kind="service_request")
    services.record_owner_set(record=request, owner=sam, by=None)
    enquiry = logged(landlord, kind="member_enquiry")
    client = signed_in(officer)

    def listed(query: str) -> list[str]:
        page = client.get("/staff/records/" + query).content.decode()
        return re.findall(r'href="/staff/cases/([^/]+)/"', page)

    assert listed("?kind=member_enquiry") == [enquiry.reference]
    assert listed(f"?owner={sam.pk}") == [request.reference]
    assert listed("?owner=none") == [enquiry.reference]
    assert listed("?kind=service_request&owner=none") == []
    # A value not understood is ignored: everything is listed.
    assert sorted(listed("?kind=nonsense&owner=x")) == sorted(
        [request.reference, enquiry.reference]
    )


def test_a_contractors_handler_sees_only_its_contractors_records():
    landlord = factories.landlord()
    contractor = factories.contractor(landlord)
    theirs = logged(landlord, kind="service_request", contractor=contractor)
    logged(landlord, kind="service_request")
    handler = staff(landlord, Role.CONTRACTOR_HANDLER, contractor=contractor)
    page = signed_in(handler).get("/staff/records/").content.decode()
    assert re.findall(r'href="/staff/cases/([^/]+)/"', page) == [theirs.reference]


def test_the_response_form_records_the_response_and_the_case_shows_it():
    landlord = factories.landlord()
    officer = staff(landlord, Role.OFFICER)
    record = logged(landlord, received_on=dt.date(2026, 11, 23), kind="service_request")
    client = signed_in(officer)
    url = f"/staff/cases/{record.reference}/resolve/"

    form = _text(client.get(url))
    assert "Record the response" in form and "Target: respond by 7 December 2026." in form

    response = client.post(url, {"version": record.version, "summary": " ", "on_day": "1",
                                 "on_month": "12", "on_year": "2026"})  # fmt: skip
    page = response.content.decode()
    assert 'href="#id_summary"' in page and "Enter what the response said" in page

    response = client.post(url, {"version": record.version, "summary": "Gutter cleared.",
                                 "on_day": "1", "on_month": "12", "on_year": "2026"})  # fmt: skip
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.state, record.responded_on, record.response) == (
        "resolved",
        dt.date(2026, 12, 1),
        "Gutter cleared.",
    )
    case = _text(client.get(f"/staff/cases/{record.reference}/"))
    assert "Response recorded: service request resolved, within its target." in case
    assert "1 December 2026, within target Gutter cleared." in case


def test_the_owner_and_member_pages_set_them_and_the_case_shows_them():
    landlord = factories.landlord()
    officer = staff(landlord, Role.OFFICER)
    sam = staff(landlord, Role.HANDLER, first="Sam", last="Jones")
    staff(landlord, Role.VIEWER, first="Vic", last="Viewer")
    record = logged(landlord, kind="member_enquiry")
    client = signed_in(officer)

    owner_page = _text(client.get(f"/staff/cases/{record.reference}/owner/"))
    assert "Sam Jones (Handler)" in owner_page and "Vic Viewer" not in owner_page
    response = client.post(
        f"/staff/cases/{record.reference}/owner/", {"version": record.version, "owner": sam.pk}
    )
    assert response.status_code == 302
    record.refresh_from_db()
    response = client.post(
        f"/staff/cases/{record.reference}/member/",
        {"version": record.version, "member_name": "Cllr Ann Patel", "member_role": "councillor"},
    )
    assert response.status_code == 302
    record = Complaint.objects.get(pk=record.pk)
    assert (record.owner, record.member_name, record.member_role) == (
        sam,
        "Cllr Ann Patel",
        "councillor",
    )
    case = _text(client.get(f"/staff/cases/{record.reference}/"))
    assert "Owner Sam Jones" in case
    assert "Member Cllr Ann Patel (Councillor)" in case
    assert "Change the member" in case and "Change the owner" in case
