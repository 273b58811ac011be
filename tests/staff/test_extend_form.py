"""The extend form (issue 12, item 2, Code 6.4, 6.5): an extension is agreed on or before
the due date it extends; after it the form says why not and keeps what was typed. The
Ombudsman's details are given by the extension letter, not a question on the form."""

from __future__ import annotations

import html as htmllib

import pytest

from putright.complaints.models import Complaint
from putright.landlords.models import Role
from tests import factories
from tests.staff import people
from tests.staff.test_queue import working_days_ago

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return htmllib.unescape(response.content.decode())


def _long(day) -> str:
    return f"{day.day} {day:%B %Y}"


def _overdue_case(landlord, handler) -> Complaint:
    """Acknowledged the day it was received, 12 working days ago: the response was due 10
    working days later, 2 working days ago."""
    return people.stage1_open(
        landlord, handler=handler, acknowledge=True, received_on=working_days_ago(landlord, 12)
    )


def _extend(client, complaint, on, **fields):
    complaint = Complaint.objects.get(pk=complaint.pk)
    return client.post(
        f"/staff/cases/{complaint.reference}/extend/",
        {
            "version": complaint.version,
            "working_days": "10",
            "reason_code": "awaiting_contractor",
            "reason": "We need an independent damp survey.",
            **people.date_fields("on", on),
            **fields,
        },
    )


def test_the_form_asks_when_it_was_agreed_and_not_about_the_ombudsman_details(today):
    landlord = factories.landlord()
    handler = people.staff(landlord, Role.HANDLER)
    c = people.stage1_open(landlord, handler=handler, acknowledge=True)
    due = c.stage(1).response_due_extended
    page = _text(people.signed_in(handler).get(f"/staff/cases/{c.reference}/extend/"))
    assert "Date the extension was agreed" in page
    assert f"An extension has to be agreed on or before {_long(due)}." in page
    assert "ombudsman_details_given" not in page
    assert "the Housing Ombudsman's contact details" in page  # what the letter will give


def test_an_extension_after_the_due_date_is_refused_keeping_what_was_typed(today):
    landlord = factories.landlord()
    handler = people.staff(landlord, Role.HANDLER)
    c = _overdue_case(landlord, handler)
    due = c.stage(1).response_due_extended
    assert due < today

    response = _extend(people.signed_in(handler), c, today)

    page = _text(response)
    assert response.status_code == 200
    assert (
        f"The response was due on {_long(due)}. An extension has to be agreed on or before "
        "that date; tell the resident the new date as an update instead."
    ) in page
    assert 'class="govuk-error-summary' in page
    assert "We need an independent damp survey." in page
    assert 'value="10"' in page
    c = Complaint.objects.get(pk=c.pk)
    assert (c.stage(1).extensions.count(), c.next_due_on) == (0, due)


def test_an_extension_agreed_on_the_due_date_is_recorded_without_the_ombudsman_details_yet(
    today,
):
    landlord = factories.landlord()
    handler = people.staff(landlord, Role.HANDLER)
    c = _overdue_case(landlord, handler)
    due = c.stage(1).response_due_extended
    client = people.signed_in(handler)

    response = _extend(client, c, due)

    assert response.status_code == 302
    extension = c.stage(1).extensions.get()
    assert (extension.agreed_on, extension.ombudsman_details_given) == (due, False)
    page = _text(client.get(f"/staff/cases/{c.reference}/"))
    assert f"10 working days, agreed {_long(due)}" in page
    assert "Ombudsman's details given: not yet: the extension letter gives them" in page


def test_the_form_asks_why_from_the_list_and_keeps_the_code_with_the_words(today):
    landlord = factories.landlord()
    handler = people.staff(landlord, Role.HANDLER)
    c = people.stage1_open(landlord, handler=handler, acknowledge=True)
    client = people.signed_in(handler)
    page = _text(client.get(f"/staff/cases/{c.reference}/extend/"))
    assert "What is the main reason?" in page
    assert 'value="resident_unavailable"' in page

    missing = _extend(client, c, today, reason_code="")
    assert missing.status_code == 200
    assert "Choose the main reason more time is needed" in _text(missing)
    assert "We need an independent damp survey." in _text(missing)
    assert c.stage(1).extensions.count() == 0

    done = _extend(client, c, today, reason_code="complexity")
    assert done.status_code == 302
    extension = c.stage(1).extensions.get()
    assert (extension.reason_code, extension.reason) == (
        "complexity",
        "We need an independent damp survey.",
    )
