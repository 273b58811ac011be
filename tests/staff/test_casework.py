"""A handler's everyday casework on the case page (issue 12, items 7 and 8): record a
contact with the resident, change the service area or theme, and record that the repairs
service was told of the hazard the complaint mentions. Each is a form that keeps what was
typed when something is wrong, and each goes on the timeline."""

from __future__ import annotations

import datetime as dt
import html as htmllib

import pytest
from django.utils import timezone

from putright.complaints.models import Complaint, Contact, Event
from putright.landlords.models import Role
from putright.residents.models import Restriction
from tests import factories
from tests.staff import people

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return htmllib.unescape(response.content.decode())


def post(client, complaint, path, data, **kw):
    complaint = Complaint.objects.get(pk=complaint.pk)
    return client.post(
        f"/staff/cases/{complaint.reference}/{path}/",
        {"version": complaint.version, **data},
        **kw,
    )


@pytest.fixture
def landlord():
    return factories.landlord()


@pytest.fixture
def officer(landlord):
    return people.staff(landlord, Role.OFFICER, first="Olivia", last="Grant")


def _contact(on: dt.date, **more) -> dict[str, str]:
    return {
        "method": "phone",
        "direction": "from_resident",
        "with_whom": "Amina Okafor",
        "time": "9:15am",
        "summary": "Asked when the engineer is coming.",
        **people.date_fields("on", on),
        **more,
    }


def test_the_case_page_offers_a_contact_and_a_change_of_service_area(landlord, officer):
    c = people.logged(landlord)

    response = people.signed_in(officer).get(f"/staff/cases/{c.reference}/")

    labels = [o.label for o in response.context["offers"]]
    assert "Record a contact" in labels
    assert "Change the service area or theme" in labels


def test_a_phone_call_is_recorded_and_shown_on_the_timeline(today, landlord, officer):
    person = people.resident(landlord)
    c = people.logged(landlord, resident=person)
    client = people.signed_in(officer)

    form = client.get(f"/staff/cases/{c.reference}/contact/")
    response = post(client, c, "contact", _contact(today), follow=True)

    assert form.context["form"].initial["with_whom"] == "Amina Okafor"
    contact = Contact.objects.get(complaint=c)
    assert (contact.method, contact.direction) == ("phone", "from_resident")
    assert timezone.localtime(contact.occurred_at).time() == dt.time(9, 15)
    page = text(response)
    assert "The phone call is recorded on the timeline." in page
    assert "Phone call from Amina Okafor at 9:15am: Asked when the engineer is coming." in page


def test_a_contact_with_mistakes_keeps_what_was_typed(today, landlord, officer):
    c = people.logged(landlord)
    client = people.signed_in(officer)

    response = post(
        client,
        c,
        "contact",
        _contact(today, time="25:70", summary="", with_whom="Grace Okafor, her daughter"),
    )

    page = text(response)
    assert response.status_code == 200
    assert '<a href="#id_time">Enter a real time, like 9:30am or 14:15</a>' in page
    assert '<a href="#id_summary">Enter what was said</a>' in page
    assert 'value="Grace Okafor, her daughter"' in page
    assert 'value="25:70"' in page
    assert "<title>Error: Record a contact" in page
    assert not Contact.objects.exists()


def test_a_contact_later_today_is_refused_on_the_time(today, landlord, officer):
    c = people.logged(landlord)
    later = timezone.localtime() + dt.timedelta(hours=1)  # the suite's clock starts at 10:00

    response = post(people.signed_in(officer), c, "contact", _contact(today, time=f"{later:%H:%M}"))

    assert '<a href="#id_time">The time cannot be in the future.</a>' in text(response)
    assert not Contact.objects.exists()


def test_the_contact_form_warns_of_a_restriction_on_contact(today, landlord, officer):
    person = people.resident(landlord)
    Restriction.objects.create(
        resident=person,
        restriction="Contact by email only",
        reason="Abusive calls",
        evidence="Call logs",
        proportionality="Email still lets them raise anything",
        starts_on=today,
        review_due_on=today + dt.timedelta(days=90),
    )
    c = people.logged(landlord, resident=person)

    page = text(people.signed_in(officer).get(f"/staff/cases/{c.reference}/contact/"))

    assert "Before you contact the resident" in page
    assert "Contact by email only" in page


def test_a_viewer_cannot_record_a_contact(today, landlord):
    c = people.logged(landlord)
    viewer = people.staff(landlord, Role.VIEWER)

    response = post(people.signed_in(viewer), c, "contact", _contact(today))

    assert response.status_code == 403
    assert not Contact.objects.exists()


def test_the_service_area_and_theme_are_changed_with_a_timeline_entry(landlord, officer):
    repairs, estates = people.area(landlord, "Repairs"), people.area(landlord, "Estates")
    noise = people.theme(landlord, "Noise")
    c = people.logged(landlord, service_area=repairs)
    client = people.signed_in(officer)

    form = client.get(f"/staff/cases/{c.reference}/service-area/")
    response = post(
        client, c, "service-area", {"service_area": estates.pk, "theme": noise.pk}, follow=True
    )

    assert form.context["form"].initial["service_area"] == repairs.pk
    c.refresh_from_db()
    assert (c.service_area, c.theme) == (estates, noise)
    assert (
        "Service area changed from Repairs to Estates. Theme changed from not recorded to Noise."
        in text(response)
    )


def test_saving_the_same_service_area_and_theme_says_so_and_keeps_the_choice(landlord, officer):
    repairs = people.area(landlord, "Repairs")
    people.area(landlord, "Estates")
    c = people.logged(landlord, service_area=repairs)

    response = post(people.signed_in(officer), c, "service-area", {"service_area": repairs.pk})

    page = text(response)
    assert "Choose a different service area or theme" in page
    assert f'<option value="{repairs.pk}" selected>Repairs</option>' in page
    assert not Event.objects.filter(kind="reclassified").exists()


def test_the_case_page_shows_the_hazard_triage_saw_and_repairs_told(today, landlord, officer):
    c = people.logged(landlord, description="There is black mould in the baby's bedroom.")
    client = people.signed_in(officer)

    before = text(client.get(f"/staff/cases/{c.reference}/"))
    saved = post(
        client,
        c,
        "repairs-told",
        {
            "how": "phone",
            "told": "Repairs contact centre, Sam Patel",
            "job_reference": "R-48213",
            "time": "9:05",
            **people.date_fields("on", today),
        },
        follow=True,
    )
    after = text(saved)

    assert "Possible hazard (Damp and mould, Vulnerable household): triage first" in before
    assert "“mould”" in before
    assert "Nobody has recorded telling the repairs service yet." in before
    assert "Record that repairs were told" in before
    assert "Recorded that the repairs service was told." in after
    assert (
        "Repairs told of the possible hazard at 9:05am, by phone: Repairs contact centre, "
        "Sam Patel. Repair job R-48213." in after
    )
    assert f"On {today.day} {today:%B %Y}, recorded by Olivia Grant." in after
    assert "Nobody has recorded telling the repairs service yet." not in after


def test_no_hazard_no_warning(landlord, officer):
    c = people.logged(landlord, description="Nobody answered my letter about the bins.")

    page = text(people.signed_in(officer).get(f"/staff/cases/{c.reference}/"))

    assert "Possible hazard" not in page
    assert "Record that repairs were told" not in page


def test_repairs_told_keeps_what_was_typed_when_something_is_missing(today, landlord, officer):
    c = people.logged(landlord, description="Water is pouring through the ceiling light.")

    response = post(
        people.signed_in(officer),
        c,
        "repairs-told",
        {"told": "Out-of-hours repairs", "time": "9:05", **people.date_fields("on", today)},
    )

    page = text(response)
    assert '<a href="#id_how">Choose how you told them</a>' in page
    assert 'value="Out-of-hours repairs"' in page
    assert "Leak or flooding" in page
