"""The staff pages: the list of compliments by year and service area, and the form to log
one, which keeps what was typed when it is refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from putright.compliments.models import Compliment
from putright.compliments.services import compliment_record
from putright.landlords.models import Role, ServiceArea
from putright.residents.models import Resident
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _quick_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _form(area: ServiceArea, **changes: str) -> dict[str, str]:
    data = {
        "service_area": str(area.pk),
        "staff_named": "Dee Okafor",
        "giver_name": "",
        "received_on_day": "1",
        "received_on_month": "12",
        "received_on_year": "2026",
        "channel": "phone",
        "words": "Dee fixed our boiler the same day.",
    }
    data.update(changes)
    return data


def test_a_handler_logs_a_compliment_and_finds_it_on_the_list():
    landlord = factories.landlord()
    repairs = ServiceArea.objects.create(landlord=landlord, name="Repairs")
    client = signed_in(factories.user(landlord=landlord, role=Role.HANDLER))
    answer = client.post("/staff/compliments/new/", _form(repairs))
    assert answer.status_code == 302
    assert answer["Location"] == "/staff/compliments/"
    compliment = Compliment.objects.get()
    assert (compliment.service_area, compliment.staff_named) == (repairs, "Dee Okafor")
    assert compliment.received_on == dt.date(2026, 12, 1)
    page = client.get("/staff/compliments/").content.decode()
    assert "Compliment logged." in page
    assert "Dee fixed our boiler the same day." in page


def test_a_refused_compliment_keeps_what_was_typed_and_says_what_is_wrong():
    landlord = factories.landlord()
    repairs = ServiceArea.objects.create(landlord=landlord, name="Repairs")
    client = signed_in(factories.user(landlord=landlord, role=Role.OFFICER))
    answer = client.post(
        "/staff/compliments/new/",
        _form(repairs, words="", **{"received_on_day": "31", "received_on_month": "2"}),
    )
    page = answer.content.decode()
    assert answer.status_code == 200
    assert "<title>Error:" in page
    assert "Enter what the compliment said" in page
    assert "The date received must be a real date" in page
    assert 'value="Dee Okafor"' in page
    assert not Compliment.objects.exists()


def test_a_compliment_from_a_resident_on_record_names_them():
    landlord = factories.landlord()
    repairs = ServiceArea.objects.create(landlord=landlord, name="Repairs")
    resident = Resident.objects.create(landlord=landlord, name="Sam Green")
    client = signed_in(factories.user(landlord=landlord, role=Role.HANDLER))
    assert (
        "From Sam Green"
        in client.get(f"/staff/compliments/new/?resident={resident.pk}").content.decode()
    )
    client.post(f"/staff/compliments/new/?resident={resident.pk}", _form(repairs))
    assert Compliment.objects.get().resident == resident


def test_another_landlords_resident_is_not_found():
    landlord = factories.landlord()
    resident = Resident.objects.create(landlord=factories.landlord(), name="Sam Green")
    client = signed_in(factories.user(landlord=landlord, role=Role.HANDLER))
    assert client.get(f"/staff/compliments/new/?resident={resident.pk}").status_code == 404


def test_the_list_filters_by_financial_year_and_service_area():
    landlord = factories.landlord()
    repairs = ServiceArea.objects.create(landlord=landlord, name="Repairs")
    estates = ServiceArea.objects.create(landlord=landlord, name="Estates")
    for day, area, words in (
        (dt.date(2026, 3, 31), repairs, "Last year's repair"),
        (dt.date(2026, 4, 1), repairs, "This year's repair"),
        (dt.date(2026, 5, 1), estates, "This year's estates"),
    ):
        compliment_record(
            landlord=landlord,
            words=words,
            channel="email",
            received_on=day,
            service_area=area,
            by=None,
        )
    client = signed_in(factories.user(landlord=landlord, role=Role.VIEWER))
    page = client.get("/staff/compliments/", {"year": "2026", "service_area": repairs.pk})
    text = page.content.decode()
    assert "This year&#x27;s repair" in text
    assert "Last year&#x27;s repair" not in text
    assert "This year&#x27;s estates" not in text
    every = client.get("/staff/compliments/", {"year": "2025"}).content.decode()
    assert "Last year&#x27;s repair" in every and "This year&#x27;s repair" not in every
    assert "2025/26 by service area" in every


def test_a_viewer_reads_the_list_without_the_button_and_is_refused_the_form():
    landlord = factories.landlord()
    client = signed_in(factories.user(landlord=landlord, role=Role.VIEWER))
    assert "Log a compliment" not in client.get("/staff/compliments/").content.decode()
    assert client.get("/staff/compliments/new/").status_code == 403


def test_a_contractors_handler_does_not_see_compliments():
    landlord = factories.landlord()
    person = factories.user(
        landlord=landlord, role=Role.CONTRACTOR_HANDLER, contractor=factories.contractor(landlord)
    )
    assert signed_in(person).get("/staff/compliments/").status_code == 403
