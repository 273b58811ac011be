"""The staff pages for the tenant perception measures: the TSM page lists TP01 to TP12,
and an officer or administrator enters each on its own page, a GOV.UK form whose errors
keep what was typed."""

from __future__ import annotations

import pytest

from putright.reports.models import PerceptionResult
from tests import factories
from tests.reports.construction import build_landlord

pytestmark = pytest.mark.django_db

ANSWERS = {
    "very_satisfied": "100",
    "fairly_satisfied": "64",
    "neither": "90",
    "fairly_dissatisfied": "70",
    "very_dissatisfied": "76",
}


@pytest.fixture
def landlord():
    return build_landlord()


def _signed_in(client, landlord, role):
    client.force_login(factories.user(landlord=landlord, role=role))
    return client


def test_an_officer_enters_tp09_and_sees_it_on_the_tsm_page(client, landlord):
    _signed_in(client, landlord, "officer")
    page = client.get("/staff/reports/tsm/2023/").content.decode()
    assert 'href="/staff/reports/tsm/2023/perception/TP09/">Enter' in page

    response = client.post(
        "/staff/reports/tsm/2023/perception/TP09/",
        {**ANSWERS, "median": "34", "previous_pct": "38"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/staff/reports/tsm/2023/#perception"
    saved = PerceptionResult.objects.get(landlord=landlord, year=2023, measure="TP09")
    assert saved.answers()["fairly_satisfied"] == 64
    page = client.get("/staff/reports/tsm/2023/").content.decode()
    assert "TP09 has been saved." in page
    assert "41.0%" in page and "34.0%" in page and "38.0%" in page
    assert "41.0% of 400 people who answered" in page


def test_bad_input_is_shown_beside_each_box_and_what_was_typed_is_kept(client, landlord):
    _signed_in(client, landlord, "administrator")

    page = client.post(
        "/staff/reports/tsm/2023/perception/TP04/",
        {**ANSWERS, "neither": "", "fairly_dissatisfied": "seventy", "median": "140",
         "lower_quartile": "12.5"},
    ).content.decode()  # fmt: skip

    assert "<title>Error:" in page
    assert (
        "Enter the number who answered &#x27;fairly dissatisfied&#x27; as a whole number, like 120"
        in page
    )
    assert 'href="#fairly_dissatisfied"' in page and 'href="#median"' in page
    assert "the sector median must be 100 or less" in page.lower()
    assert 'value="seventy"' in page and 'value="140"' in page and 'value="12.5"' in page
    assert 'value="100"' in page
    assert not PerceptionResult.objects.exists()


def test_the_services_problems_are_shown_beside_their_boxes(client, landlord):
    _signed_in(client, landlord, "officer")

    page = client.post(
        "/staff/reports/tsm/2023/perception/TP04/",
        {**ANSWERS, "neither": "", "lower_quartile": "80", "median": "70"},
    ).content.decode()

    assert (
        "Enter how many answered &#x27;neither satisfied nor dissatisfied&#x27; to TP04, or 0"
        in page
    )
    assert 'href="#neither"' in page and 'id="neither-error"' in page
    assert "The median (70%) must be at least the lower quartile (80%)" in page
    assert 'value="80"' in page
    assert not PerceptionResult.objects.exists()


def test_not_applicable_is_asked_only_where_the_measure_allows_it(client, landlord):
    _signed_in(client, landlord, "officer")
    assert (
        'name="not_applicable"'
        not in client.get("/staff/reports/tsm/2023/perception/TP01/").content.decode()
    )
    assert (
        'name="not_applicable"'
        in client.get("/staff/reports/tsm/2023/perception/TP12/").content.decode()
    )


def test_the_form_shows_what_was_entered_and_emptying_it_removes_the_measure(client, landlord):
    _signed_in(client, landlord, "officer")
    client.post("/staff/reports/tsm/2023/perception/TP05/", ANSWERS)

    page = client.get("/staff/reports/tsm/2023/perception/TP05/").content.decode()
    assert 'value="76"' in page

    response = client.post("/staff/reports/tsm/2023/perception/TP05/", {})
    assert response.status_code == 302
    assert not PerceptionResult.objects.exists()
    assert (
        "TP05 has been removed for 2023/24."
        in client.get("/staff/reports/tsm/2023/").content.decode()
    )


def test_a_viewer_reads_the_measures_but_cannot_enter_them(client, landlord):
    _signed_in(client, landlord, "viewer")
    page = client.get("/staff/reports/tsm/2023/").content.decode()
    assert "Tenant perception measures" in page and "/perception/TP01/" not in page
    assert client.get("/staff/reports/tsm/2023/perception/TP01/").status_code == 403
    assert client.post("/staff/reports/tsm/2023/perception/TP01/", ANSWERS).status_code == 403
    assert not PerceptionResult.objects.exists()


def test_there_is_no_page_for_a_measure_that_does_not_exist(client, landlord):
    _signed_in(client, landlord, "officer")
    assert client.get("/staff/reports/tsm/2023/perception/TP13/").status_code == 404
