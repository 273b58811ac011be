"""/api/v1/compliments: record a compliment and list them, by year and service area."""

from __future__ import annotations

import datetime as dt

import pytest

from putright.compliments.models import Compliment
from putright.compliments.services import compliment_record
from putright.landlords.models import ServiceArea
from putright.residents.models import Resident
from tests import factories
from tests.api.helpers import client, get, key, post

pytestmark = pytest.mark.django_db


def test_a_write_key_records_a_compliment_with_its_area_staff_member_and_resident(today):
    landlord = factories.landlord()
    repairs = ServiceArea.objects.create(landlord=landlord, name="Repairs")
    resident = Resident.objects.create(landlord=landlord, name="Sam Green")
    answer = post(
        client(key(landlord)),
        "/compliments",
        {
            "words": "Dee fixed our boiler the same day.",
            "channel": "email",
            "service_area_id": repairs.pk,
            "staff_named": "Dee Okafor",
            "resident_id": resident.pk,
        },
    )
    assert answer.status_code == 201, answer.json()
    body = answer.json()
    assert body["service_area"] == {"id": repairs.pk, "name": "Repairs"}
    assert (body["staff_named"], body["resident_id"]) == ("Dee Okafor", resident.pk)
    assert body["received_on"] == today.isoformat()
    compliment = Compliment.objects.get()
    assert compliment.recorded_by is not None and compliment.landlord == landlord


def test_another_landlords_service_area_is_refused_on_its_field():
    landlord = factories.landlord()
    theirs = ServiceArea.objects.create(landlord=factories.landlord(), name="Repairs")
    answer = post(
        client(key(landlord)),
        "/compliments",
        {"words": "Thanks.", "channel": "phone", "service_area_id": theirs.pk},
    )
    assert answer.status_code == 422
    assert answer.json()["problems"] == {
        "service_area_id": "No service area of this landlord has this id."
    }
    assert not Compliment.objects.exists()


def test_a_date_to_come_and_no_words_are_refused(today):
    answer = post(
        client(key(factories.landlord())),
        "/compliments",
        {
            "words": " ",
            "channel": "phone",
            "received_on": (today + dt.timedelta(days=1)).isoformat(),
        },
    )
    assert answer.status_code == 422
    assert set(answer.json()["problems"]) == {"words", "received_on"}


def test_a_read_key_may_not_record_one():
    answer = post(
        client(key(factories.landlord(), write=False)),
        "/compliments",
        {"words": "Thanks.", "channel": "phone"},
    )
    assert answer.status_code == 403


def test_the_list_is_the_landlords_own_by_financial_year_and_service_area():
    landlord = factories.landlord()
    repairs = ServiceArea.objects.create(landlord=landlord, name="Repairs")
    for day, area in (
        (dt.date(2026, 3, 31), repairs),
        (dt.date(2026, 4, 1), repairs),
        (dt.date(2026, 5, 1), None),
    ):
        compliment_record(
            landlord=landlord,
            words=f"Thanks {day}",
            channel="letter",
            received_on=day,
            service_area=area,
            by=None,
        )
    compliment_record(landlord=factories.landlord(), words="Not ours", channel="web", by=None)
    c = client(key(landlord, write=False))
    every = get(c, "/compliments").json()["items"]
    assert [item["received_on"] for item in every] == ["2026-05-01", "2026-04-01", "2026-03-31"]
    this_year = get(c, "/compliments", year=2026, service_area_id=repairs.pk).json()["items"]
    assert [item["received_on"] for item in this_year] == ["2026-04-01"]
    first = get(c, "/compliments", limit=2).json()
    rest = get(c, "/compliments", limit=2, cursor=first["next_cursor"]).json()
    assert [i["received_on"] for i in rest["items"]] == ["2026-03-31"]
    assert get(c, "/compliments", year=2040).status_code == 422
