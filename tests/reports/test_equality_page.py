"""The equality data page of the annual report (/staff/reports/annual/YEAR/equality-data/):
complaints officers and administrators choose whether the year's report counts complaints
or people; only administrators change the smallest count published; every change goes
through ``equality_options_save`` and is kept in the reports' history of changes."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from putright.reports.models import EqualitySetting, EqualityYear, ReportChange
from putright.reports.services import equality_options_save
from putright.rules.lifecycle import RuleError
from tests import factories

pytestmark = pytest.mark.django_db

PAGE = "/staff/reports/annual/2023/equality-data/"


@pytest.fixture
def landlord():
    return factories.landlord("Equal Homes")


def _signed_in(client, landlord, role):
    person = factories.user(landlord=landlord, role=role)
    client.force_login(person)
    return person


def test_an_administrator_sets_the_threshold_and_counts_people(client, landlord):
    admin = _signed_in(client, landlord, "administrator")
    page = client.get(PAGE).content.decode()
    assert "What should the equality section count?" in page
    assert 'name="threshold"' in page and 'value="5"' in page

    response = client.post(PAGE, {"counting": "people", "threshold": "3"})

    assert response.status_code == 302
    assert response.url == "/staff/reports/annual/2023/#equality"
    assert EqualitySetting.objects.get(landlord=landlord).threshold == 3
    assert EqualityYear.objects.get(landlord=landlord, year=2023).counting == "people"
    change = ReportChange.objects.get()
    assert (change.part, change.year, change.fields, change.changed_by) == (
        "equality",
        2023,
        ["threshold", "counting"],
        admin,
    )
    annual = client.get("/staff/reports/annual/2023/").content.decode()
    assert "The equality data settings have been saved." in annual
    assert "any count below 3 is shown as" in annual
    assert "Last changed by" in client.get(PAGE).content.decode()


def test_an_officer_chooses_people_but_cannot_change_the_threshold(client, landlord):
    officer = _signed_in(client, landlord, "officer")
    page = client.get(PAGE).content.decode()
    assert 'name="threshold"' not in page
    assert "Only administrators can change this." in page

    # A threshold sent anyway is not read: the page has no such field for an officer.
    response = client.post(PAGE, {"counting": "people", "threshold": "3"})
    assert response.status_code == 302
    assert not EqualitySetting.objects.exists()
    assert EqualityYear.objects.get(landlord=landlord, year=2023).counting == "people"

    with pytest.raises(PermissionDenied, match="Only administrators can change"):
        equality_options_save(
            landlord=landlord, year=2023, by=officer, threshold=3, counting="people"
        )
    assert not EqualitySetting.objects.exists()


def test_viewers_and_other_landlords_staff_cannot_change_it(client, landlord):
    viewer = _signed_in(client, landlord, "viewer")
    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE, {"counting": "people"}).status_code == 403
    with pytest.raises(PermissionDenied):
        equality_options_save(
            landlord=landlord, year=2023, by=viewer, threshold=5, counting="people"
        )
    stranger = factories.user(landlord=factories.landlord(), role="administrator")
    with pytest.raises(PermissionDenied):
        equality_options_save(
            landlord=landlord, year=2023, by=stranger, threshold=3, counting="people"
        )
    assert not EqualityYear.objects.exists()


def test_the_form_says_what_is_wrong_and_where(client, landlord):
    _signed_in(client, landlord, "administrator")
    page = client.post(PAGE, {"threshold": "2"}).content.decode()
    assert "<title>Error: " in page
    assert "Choose whether the report counts complaints or people" in page
    assert "The smallest count published must be 3 or more" in page
    assert 'href="#id_threshold"' in page
    page = client.post(PAGE, {"counting": "people", "threshold": "five"}).content.decode()
    assert "Enter the smallest count published as a whole number, like 5" in page
    assert not EqualitySetting.objects.exists()

    with pytest.raises(RuleError) as error:
        equality_options_save(landlord=landlord, year=2023, by=None, threshold=21, counting="all")
    assert error.value.problems == {
        "threshold": "The smallest count published must be a whole number from 3 to 20",
        "counting": "Choose whether the report counts complaints or people",
    }


def test_saving_what_is_already_set_records_no_change(client, landlord):
    _signed_in(client, landlord, "administrator")
    client.post(PAGE, {"counting": "complaints", "threshold": "5"})
    assert not ReportChange.objects.exists()
    # The threshold is the landlord's, for every year's report.
    client.post(PAGE, {"counting": "complaints", "threshold": "7"})
    assert (
        client.get("/staff/reports/annual/2022/equality-data/").content.decode().count('value="7"')
        == 1
    )
