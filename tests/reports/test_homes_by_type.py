"""Homes by property type (issue 13, item 10): optional, and when entered they add up to the
homes owned (LCRA plus LCHO); shown in the annual report where the homes are, in the JSON
(``homes.by_type``), the spreadsheet and the API."""

from __future__ import annotations

import datetime as dt
import json
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from putright.landlords.models import HomesCount
from putright.landlords.services import homes_count_save
from putright.reports.exports import annual_export
from putright.rules.lifecycle import RuleError
from tests.api.helpers import client, get, key
from tests.reports.construction import build_landlord

pytestmark = pytest.mark.django_db

ON = dt.date(2024, 6, 1)


@pytest.fixture
def landlord():
    return build_landlord()


def test_without_types_the_json_says_null_and_the_report_has_no_table(landlord):
    figures = json.loads(annual_export(landlord, 2023, "json", on=ON).content)
    assert figures["homes"] == {"lcra": 4000, "lcho": 1000, "total": 5000, "by_type": None}
    workbook = load_workbook(BytesIO(annual_export(landlord, 2023, "xlsx", on=ON).content))
    assert "homes-by-type" not in workbook.sheetnames


def test_types_entered_are_in_the_json_the_spreadsheet_and_the_api(landlord):
    homes_count_save(
        landlord=landlord,
        year=2023,
        lcra=4000,
        by_type={"flats": 2100, "houses": 2400, "independent_living": 500},
    )
    homes_count_save(
        landlord=landlord, year=2022, lcra=3900, by_type={"flats": 2000, "houses": 2900}
    )

    figures = json.loads(annual_export(landlord, 2023, "json", on=ON).content)
    assert figures["homes"]["by_type"] == {
        "flats": 2100,
        "houses": 2400,
        "independent_living": 500,
        "other": 0,
    }
    assert figures["previous"]["homes"]["by_type"]["houses"] == 2900

    workbook = load_workbook(BytesIO(annual_export(landlord, 2023, "xlsx", on=ON).content))
    sheet = workbook["homes-by-type"]
    rows = {r[0]: list(r[1:3]) for r in sheet.iter_rows(min_row=5, values_only=True) if r[0]}
    assert rows == {
        "Flats": [2100, 2000],
        "Houses": [2400, 2900],
        "Independent living or sheltered": [500, 0],
        "Other": [0, 0],
        "All homes (LCRA and LCHO)": [5000, 4900],
    }
    html = annual_export(landlord, 2023, "html", on=ON).content.decode()
    assert "Homes we owned at the end of the year, by property type" in html

    response = get(client(key(landlord, write=False)), "/reports/annual", year=2023)
    assert response.json()["homes"]["by_type"]["flats"] == 2100


def test_types_that_do_not_add_up_are_refused_by_the_service_and_the_admin(landlord):
    with pytest.raises(RuleError) as refused:
        homes_count_save(landlord=landlord, year=2023, lcra=4000, by_type={"flats": 10})
    assert "add up to 10" in refused.value.problems["by_type"]
    assert "are 5,000" in refused.value.problems["by_type"]
    assert HomesCount.objects.get(landlord=landlord, year=2023).flats is None

    count = HomesCount.objects.get(landlord=landlord, year=2023)
    count.houses = 4999
    with pytest.raises(ValidationError, match="add up to 4,999"):
        count.full_clean()
