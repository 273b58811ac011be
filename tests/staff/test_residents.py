"""Residents (issue 3, item 4): find and create; tenancy and home; disabilities,
vulnerabilities and adjustments with review dates (Code 5.10); representatives with
consent (Code 3.6); restrictions with review dates (Code 5.14, 5.15); equality data on its
own form for the roles allowed; the queue of reviews due."""

from __future__ import annotations

import datetime as dt
import html as htmllib

import pytest

from putright.landlords.models import Role, today
from putright.residents.models import (
    EqualityData,
    ReasonableAdjustment,
    Representative,
    Resident,
    Restriction,
)
from tests import factories
from tests.staff import people

pytestmark = pytest.mark.django_db

LATER = today() + dt.timedelta(days=180)


def text(response) -> str:
    return htmllib.unescape(response.content.decode())


@pytest.fixture
def landlord():
    return factories.landlord()


@pytest.fixture
def officer(landlord):
    return people.signed_in(people.staff(landlord, Role.OFFICER))


def test_find_a_resident_by_name_email_postcode_or_tenancy(landlord, officer):
    amina = people.resident(landlord, tenancy_reference="T-1001")
    people.resident(landlord, "Bob Other", postcode="ZZ1 1ZZ", email="bob@example.org")

    for q in ("okafor", "amina@example.org", "ex2 3bb", "EX23BB", "T-1001"):
        found = officer.get("/staff/residents/", {"q": q}).context["page"].object_list
        assert [r.pk for r in found] == [amina.pk], q


def test_add_a_resident_with_home_and_tenancy(landlord, officer):
    response = officer.post(
        "/staff/residents/new/",
        {
            "name": "Grace Oduya",
            "email": "grace@example.org",
            "tenure": "leaseholder",
            "tenancy_reference": "L-77",
            "address": "12 Mill Lane\nExampleton",
            "postcode": "ex1 2ab",
            "contact_preference": "email",
        },
        follow=True,
    )

    person = Resident.objects.get()
    assert "Grace Oduya is added." in text(response)
    assert (person.tenure, person.home.postcode, person.contact_preference) == (
        "leaseholder",
        "EX1 2AB",
        "email",
    )


def test_adding_a_resident_without_a_name_keeps_what_was_typed(officer):
    response = officer.post(
        "/staff/residents/new/",
        {"name": "", "email": "not-an-email", "tenure": "tenant", "phone": "0161 000"},
    )

    assert "Enter the resident's full name" in text(response)
    assert "Enter an email address in the correct format" in text(response)
    assert 'value="0161 000"' in text(response)
    assert not Resident.objects.exists()


def test_change_details(landlord, officer):
    person = people.resident(landlord)

    officer.post(
        f"/staff/residents/{person.pk}/edit/",
        {
            "name": "Amina Okafor-Reed",
            "tenure": "tenant",
            "address": "Flat 5\nExampleton",
            "postcode": "EX2 3BC",
        },
    )

    person.refresh_from_db()
    assert person.name == "Amina Okafor-Reed"
    assert person.home.address == "Flat 5\nExampleton"


def test_record_an_adjustment_and_review_it(today, landlord, officer):
    person = people.resident(landlord)

    officer.post(
        f"/staff/residents/{person.pk}/add/adjustment/",
        {
            "kind": "large_print",
            "details": "18 point",
            **people.date_fields("agreed_on", today),
            **people.date_fields("review_due_on", LATER),
        },
    )
    adjustment = ReasonableAdjustment.objects.get()
    page = text(officer.get(f"/staff/residents/{person.pk}/"))
    missing = officer.post(
        f"/staff/residents/{person.pk}/reviews/adjustment/{adjustment.pk}/",
        {"outcome": "continue", **people.date_fields("reviewed_on", today)},
    )
    officer.post(
        f"/staff/residents/{person.pk}/reviews/adjustment/{adjustment.pk}/",
        {"outcome": "end", **people.date_fields("reviewed_on", today)},
    )

    assert "18 point" in page and f"Review by {LATER.day} {LATER:%B %Y}" in page
    assert "Enter the next review date" in text(missing)
    adjustment.refresh_from_db()
    assert (adjustment.ended_on, adjustment.last_reviewed_on) == (today, today)


def test_record_a_disability_vulnerability_and_restriction(today, landlord, officer):
    person = people.resident(landlord)
    later = people.date_fields("review_due_on", LATER)

    officer.post(
        f"/staff/residents/{person.pk}/add/disability/",
        {"description": "Partially sighted", **later},
    )
    officer.post(
        f"/staff/residents/{person.pk}/add/vulnerability/", {"description": "Lives alone", **later}
    )
    missing = officer.post(
        f"/staff/residents/{person.pk}/add/restriction/", {"restriction": "Email only", **later}
    )
    officer.post(
        f"/staff/residents/{person.pk}/add/restriction/",
        {
            "restriction": "Email only",
            "reason": "Abusive calls",
            "evidence": "Call recordings of 3 and 4 March",
            "proportionality": "They can still complain by email",
            **people.date_fields("starts_on", today),
            **later,
        },
    )

    assert "Enter why the restriction is proportionate" in text(missing)
    assert "Email only" in text(missing)
    assert person.disabilities.count() == person.vulnerabilities.count() == 1
    assert Restriction.objects.get().evidence == "Call recordings of 3 and 4 March"


def test_a_representative_is_dealt_with_only_once_consent_is_recorded(today, landlord, officer):
    person = people.resident(landlord)

    officer.post(
        f"/staff/residents/{person.pk}/add/representative/",
        {"name": "Jo Advocate", "kind": "advocate", "email": "jo@example.org"},
    )
    rep = Representative.objects.get()
    page = text(officer.get(f"/staff/residents/{person.pk}/"))
    officer.post(
        f"/staff/residents/{person.pk}/representatives/{rep.pk}/consent/",
        {"action": "given", "consent_evidence": "Signed form", **people.date_fields("on", today)},
    )

    assert "Consent not recorded: do not deal with them yet" in page
    rep.refresh_from_db()
    assert rep.has_consent and rep.consent_evidence == "Signed form"


def test_equality_data_is_on_its_own_form_for_officers_only(landlord, officer):
    person = people.resident(landlord)
    handler = people.signed_in(people.staff(landlord, Role.HANDLER))

    officer.post(
        f"/staff/residents/{person.pk}/equality/",
        {"age_band": "31_50", "sex": "female", "ethnicity": "", "disability": "prefer_not_to_say"},
    )

    data = EqualityData.objects.get(resident=person)
    assert (data.age_band, data.disability) == ("31_50", "prefer_not_to_say")
    assert "Equality monitoring" in text(officer.get(f"/staff/residents/{person.pk}/"))
    assert "Equality monitoring" not in text(handler.get(f"/staff/residents/{person.pk}/"))
    assert (
        handler.post(f"/staff/residents/{person.pk}/equality/", {"sex": "male"}).status_code == 403
    )


def test_a_contractor_sees_only_residents_of_its_cases(landlord):
    kestrel = people.contractor(landlord, "Kestrel")
    theirs = people.resident(landlord, "Theirs")
    other = people.resident(landlord, "Other", postcode="ZZ1 1ZZ")
    people.logged(landlord, resident=theirs, contractor=kestrel)
    client = people.signed_in(people.staff(landlord, Role.CONTRACTOR_HANDLER, contractor=kestrel))

    assert [r.name for r in client.get("/staff/residents/").context["page"].object_list] == [
        "Theirs"
    ]
    refused = client.get(f"/staff/residents/{other.pk}/")
    assert refused.status_code == 403
    assert "This resident has no complaint allocated to your organisation." in text(refused)
    assert client.get("/staff/residents/999999/").status_code == 403
    assert (
        people.signed_in(people.staff(landlord)).get("/staff/residents/999999/").status_code == 404
    )


def test_reviews_due_lists_the_overdue_and_those_due_soon(today, landlord, officer):
    person = people.resident(landlord)
    ReasonableAdjustment.objects.create(
        resident=person,
        kind="interpreter",
        agreed_on=today,
        review_due_on=today - dt.timedelta(days=3),
    )
    ReasonableAdjustment.objects.create(
        resident=person, kind="bsl", agreed_on=today, review_due_on=LATER
    )
    Restriction.objects.create(
        resident=person,
        restriction="Email only",
        reason="r",
        evidence="e",
        proportionality="p",
        starts_on=today,
        review_due_on=today + dt.timedelta(days=2),
    )

    response = officer.get("/staff/reviews/")
    groups = {label: rows for label, _, rows in response.context["groups"]}

    assert [r.get_kind_display() for r, _ in groups["Reasonable adjustments"]] == ["Interpreter"]
    assert len(groups["Restrictions"]) == 1
    assert "working days overdue" in text(response) or "working day overdue" in text(response)
