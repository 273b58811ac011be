"""Logging what came in (Code 3.1): a complaint from any channel, a service request or a
member enquiry; and a complaint raised from a service request, which goes on (Code 1.5)."""

from __future__ import annotations

import html as htmllib

import pytest

from putright.complaints.models import Complaint
from putright.landlords.models import Role, today
from putright.residents.models import Resident
from tests import factories
from tests.staff import people

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return htmllib.unescape(response.content.decode())


def form(**more: str) -> dict[str, str]:
    return {
        "kind": "complaint",
        "channel": "email",
        **people.date_fields("received_on", today()),
        "description": "My kitchen ceiling is leaking and nobody has come.",
        "outcome_wanted": "Fix the leak",
        "jurisdiction": "housing",
        "vulnerable": "unknown",
        **more,
    }


def test_log_a_complaint_for_a_new_person(today):
    landlord = factories.landlord()
    area = people.area(landlord)
    client = people.signed_in(people.staff(landlord, Role.OFFICER))

    response = client.post(
        "/staff/log/",
        form(
            resident_name="Grace Oduya",
            resident_email="grace@example.org",
            service_area=str(area.pk),
            vulnerable="yes",
        ),
        follow=True,
    )

    c = Complaint.objects.get()
    assert "Complaint CU-000001 logged. Next, triage it." in text(response)
    assert (c.state, c.channel, c.service_area, c.vulnerable) == ("received", "email", area, True)
    assert c.resident.name == "Grace Oduya"
    assert c.logged_by is not None


def test_log_from_a_residents_page_with_their_representative(today):
    landlord = factories.landlord()
    person = people.resident(landlord)
    rep = person.representatives.create(name="Jo Advocate", kind="advocate")
    client = people.signed_in(people.staff(landlord, Role.OFFICER))

    page = client.get(f"/staff/log/?resident={person.pk}")
    client.post("/staff/log/", form(resident=str(person.pk), representative=str(rep.pk)))

    assert "Amina Okafor" in text(page)
    c = Complaint.objects.get()
    assert (c.resident, c.representative, c.home) == (person, rep, person.home)


@pytest.mark.parametrize(
    ("kind", "words"),
    [("service_request", "Service request"), ("member_enquiry", "Member enquiry")],
)
def test_record_a_service_request_or_a_member_enquiry(today, kind, words):
    landlord = factories.landlord()
    client = people.signed_in(people.staff(landlord, Role.OFFICER))

    response = client.post("/staff/log/", form(kind=kind, channel="councillor_mp"), follow=True)

    c = Complaint.objects.get()
    assert (c.kind, c.state) == (kind, "open")
    assert f"{words} CU-000001 recorded." in text(response)


def test_a_member_enquiry_is_logged_with_its_member(today):
    """Issue 17, item 3: the councillor or MP who made it, named as it is logged."""
    landlord = factories.landlord()
    client = people.signed_in(people.staff(landlord, Role.OFFICER))
    response = client.post(
        "/staff/log/",
        form(kind="complaint", member_name="Rachel Osei MP", member_role="mp"),
    )
    assert '<a href="#id_member_name">Only a member enquiry records a councillor or MP.</a>' in (
        text(response)
    )
    assert not Complaint.objects.exists()

    client.post(
        "/staff/log/",
        form(kind="member_enquiry", channel="councillor_mp", member_name="Rachel Osei MP",
             member_role="mp"),
    )  # fmt: skip
    c = Complaint.objects.get()
    assert (c.kind, c.member_name, c.member_role) == ("member_enquiry", "Rachel Osei MP", "mp")


def test_errors_keep_what_was_typed_and_create_nobody(today):
    landlord = factories.landlord()
    client = people.signed_in(people.staff(landlord, Role.OFFICER))

    response = client.post(
        "/staff/log/",
        form(channel="", description="", resident_name="Grace Oduya", received_on_day="32"),
    )

    page = text(response)
    assert '<a href="#id_channel">Choose how it came in</a>' in page
    assert '<a href="#id_description">Enter what the resident told us</a>' in page
    assert '<a href="#id_received_on_day">The date received must be a real date</a>' in page
    assert 'value="Grace Oduya"' in page
    assert not Complaint.objects.exists()
    assert not Resident.objects.exists()


def test_a_complaint_raised_from_a_service_request_leaves_it_open(today):
    landlord = factories.landlord()
    person = people.resident(landlord)
    sr = people.logged(
        landlord, kind="service_request", resident=person, description="Report a leak"
    )
    client = people.signed_in(people.staff(landlord, Role.HANDLER))

    page = client.get(f"/staff/cases/{sr.reference}/raise-complaint/")
    data = form(description="Nobody came to fix the leak I reported.")
    del data["kind"]
    response = client.post(f"/staff/cases/{sr.reference}/raise-complaint/", data, follow=True)

    assert "the service request carries on (Code 1.5)" in text(page)
    complaint = Complaint.objects.get(raised_from=sr)
    assert (complaint.kind, complaint.resident, complaint.home) == (
        "complaint",
        person,
        person.home,
    )
    sr.refresh_from_db()
    assert sr.state == "open"
    assert sr.events.filter(kind="complaint_raised").exists()
    assert f"Complaint {complaint.reference} logged." in text(response)


def test_only_a_service_request_can_raise_a_complaint():
    landlord = factories.landlord()
    c = people.logged(landlord)

    response = people.signed_in(people.staff(landlord)).get(
        f"/staff/cases/{c.reference}/raise-complaint/"
    )

    assert response.status_code == 409
