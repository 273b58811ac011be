"""GET /reports/{year}/breakdown (issue 13): the same figures as `putright report
breakdown`, for the key's landlord only, refused in plain words when they cannot be
counted; GET /divisions: how the landlord groups its service areas."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from putright.landlords.models import Division
from tests import factories
from tests.api.helpers import API, client, get, key
from tests.reports.breakdown_cases import year_of_cases

pytestmark = pytest.mark.django_db


def test_the_breakdown_is_the_commands_figures(tmp_path):
    landlord = year_of_cases("Api Test")
    c = client(key(landlord, write=False))
    response = c.get(
        f"{API}/reports/2024/breakdown?measure=received,upheld&by=handler&by=service_area"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["by"] == ["handler", "service_area"]
    assert [
        (r["handler"], r["service_area"], r["received"], r["upheld"]) for r in body["rows"]
    ] == [
        ("landlord", "Estates", 1, 0),
        ("landlord", "Lettings", 1, 1),
        ("Mears", "Repairs", 2, 1),
    ]
    assert body["totals"] == {"received": 4, "upheld": 2}
    out = tmp_path / "b.csv"
    call_command("report", "breakdown", "--landlord", "Api Test", "--year", "2024",
                 "--measure", "received,upheld", "--by", "handler", "--by", "service_area",
                 "--out", str(out))  # fmt: skip
    as_csv = c.get(
        f"{API}/reports/2024/breakdown?measure=received,upheld&by=handler&by=service_area"
        "&format=csv"
    )
    assert as_csv["Content-Type"].startswith("text/csv")
    assert as_csv.content == out.read_bytes()


def test_only_the_keys_landlord_is_counted():
    year_of_cases("Counted")
    other = factories.landlord("Other")
    body = get(client(key(other)), "/reports/2024/breakdown", measure="received", by="handler")
    assert body.json()["rows"] == []


@pytest.mark.parametrize(
    ("query", "field", "words"),
    [
        ({"measure": "recieved", "by": "handler"}, "measure", "Unknown measure recieved"),
        ({"measure": "received", "by": "colour"}, "by", "Unknown dimension colour"),
        ({"measure": "escalated", "by": "handler", "stage": 2}, "measure", "choose stage 1"),
        ({"measure": "received", "by": "handler", "format": "pdf"}, "format", "json or csv"),
    ],
)
def test_a_breakdown_that_cannot_be_counted_is_422_saying_why(query, field, words):
    landlord = factories.landlord()
    response = get(client(key(landlord)), "/reports/2024/breakdown", **query)
    assert response.status_code == 422
    assert words in response.json()["problems"][field]


def test_a_year_not_started_is_refused():
    landlord = factories.landlord()
    response = get(client(key(landlord)), "/reports/2031/breakdown", measure="received",
                   by="handler")  # fmt: skip
    assert response.status_code == 422
    assert "has not started yet" in response.json()["message"]


def test_divisions_list_the_service_areas_each_groups():
    landlord = year_of_cases("Divided")
    Division.objects.create(landlord=landlord, name="Neighbourhoods")
    body = get(client(key(landlord, write=False)), "/divisions").json()
    assert body["divisions"] == [
        {"id": body["divisions"][0]["id"], "name": "Housing Management Property",
         "service_areas": ["Lettings", "Repairs"]},
        {"id": body["divisions"][1]["id"], "name": "Neighbourhoods", "service_areas": []},
    ]  # fmt: skip
    assert [(a["name"], a["division"]) for a in body["service_areas"]] == [
        ("Estates", None),
        ("Lettings", "Housing Management Property"),
        ("Repairs", "Housing Management Property"),
    ]
