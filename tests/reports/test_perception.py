"""The tenant perception measures TP01 to TP12 (issue 13, item 9): entered by the complaints
officers and administrators through ``reports.services.perception_save``, each change
recorded; shown on the TSM page and in the annual report's TSM section (HTML, XLSX, JSON
``tsm.perception``), and in the TSM return (JSON ``perception``, CSV, the API)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import load_workbook

from putright.landlords.models import Role
from putright.reports.exports import annual_export, tsm_export
from putright.reports.models import PerceptionResult, ReportChange, TsmYear
from putright.reports.report import annual_report
from putright.reports.services import perception_save
from putright.reports.tsm import tsm_return
from putright.rules.lifecycle import RuleError
from tests import factories
from tests.api.helpers import client, get, key
from tests.reports.construction import build_landlord

pytestmark = pytest.mark.django_db

ON = dt.date(2024, 6, 1)
#: Cannock's TP09 for 2023/24 was 41%: 164 of the 400 who answered were satisfied.
TP09_ANSWERS = {
    "very_satisfied": 100,
    "fairly_satisfied": 64,
    "neither": 90,
    "fairly_dissatisfied": 70,
    "very_dissatisfied": 76,
}


@pytest.fixture
def landlord():
    return build_landlord()


@pytest.fixture
def officer(landlord):
    return factories.user(landlord=landlord, role=Role.OFFICER, first_name="Robin")


def test_an_officer_enters_tp09_and_the_percentage_is_worked_out_and_the_change_recorded(
    landlord, officer
):
    saved = perception_save(
        landlord=landlord,
        year=2023,
        measure="TP09",
        by=officer,
        answers=TP09_ANSWERS,
        lower_quartile=Decimal("28"),
        median=Decimal("34"),
        upper_quartile=Decimal("42"),
    )

    assert saved is not None and saved.answers()["not_applicable"] == 0
    tp09 = tsm_return(landlord, 2023)["perception"]["TP09"]
    assert (tp09["respondents"], tp09["satisfied"], tp09["satisfied_pct"]) == (400, 164, 41.0)
    assert tp09["sector"] == {
        "lower_quartile": 28.0,
        "median": 34.0,
        "upper_quartile": 42.0,
        "band": "upper_middle",
    }
    change = ReportChange.objects.get()
    assert (change.part, change.changed_by, change.year) == ("perception", officer, 2023)
    assert change.fields[:2] == ["TP09.very_satisfied", "TP09.fairly_satisfied"]
    assert "TP09.median" in change.fields


def test_not_applicable_counts_among_respondents_but_not_in_the_percentage(landlord, officer):
    perception_save(
        landlord=landlord,
        year=2023,
        measure="TP12",
        by=officer,
        answers={**TP09_ANSWERS, "not_applicable": 600},
    )

    tp12 = tsm_return(landlord, 2023)["perception"]["TP12"]
    assert (tp12["respondents"], tp12["answering"], tp12["satisfied_pct"]) == (1000, 400, 41.0)


def test_not_applicable_is_refused_where_the_question_does_not_allow_it(landlord, officer):
    with pytest.raises(RuleError) as refused:
        perception_save(
            landlord=landlord,
            year=2023,
            measure="TP01",
            by=officer,
            answers={**TP09_ANSWERS, "not_applicable": 5},
        )
    assert (
        "TP01 does not allow the answer 'not applicable or don't know'"
        in (refused.value.problems["not_applicable"])
    )
    assert not PerceptionResult.objects.exists() and not ReportChange.objects.exists()


def test_a_missing_answer_and_quartiles_out_of_order_are_each_named(landlord, officer):
    with pytest.raises(RuleError) as refused:
        perception_save(
            landlord=landlord,
            year=2023,
            measure="TP04",
            by=officer,
            answers={**TP09_ANSWERS, "neither": None},
            lower_quartile=Decimal("80"),
            median=Decimal("70"),
        )
    assert refused.value.problems == {
        "neither": "Enter how many answered 'neither satisfied nor dissatisfied' to TP04, or 0",
        "median": "The median (70%) must be at least the lower quartile (80%)",
    }


def test_a_band_that_contradicts_the_quartiles_is_refused_and_without_them_it_is_kept(
    landlord, officer
):
    with pytest.raises(RuleError) as refused:
        perception_save(
            landlord=landlord,
            year=2023,
            measure="TP09",
            by=officer,
            answers=TP09_ANSWERS,
            lower_quartile=Decimal("28"),
            median=Decimal("34"),
            upper_quartile=Decimal("42"),
            quartile_band_entered="lower",
        )
    assert refused.value.problems["quartile_band"].startswith(
        "TP09 is 41%, which is in the band 'above the median' by the quartiles entered"
    )

    perception_save(
        landlord=landlord,
        year=2023,
        measure="TP09",
        by=officer,
        answers=TP09_ANSWERS,
        quartile_band_entered="upper",
    )
    assert tsm_return(landlord, 2023)["perception"]["TP09"]["sector"]["band"] == "upper"


@pytest.mark.parametrize("role", [Role.VIEWER, Role.HANDLER])
def test_only_officers_and_administrators_enter_the_measures(landlord, role):
    someone = factories.user(landlord=landlord, role=role)
    with pytest.raises(PermissionDenied, match="Only complaints officers and administrators"):
        perception_save(
            landlord=landlord, year=2023, measure="TP01", by=someone, answers=TP09_ANSWERS
        )
    stranger = factories.user(landlord=factories.landlord(), role=Role.OFFICER)
    with pytest.raises(PermissionDenied):
        perception_save(
            landlord=landlord, year=2023, measure="TP01", by=stranger, answers=TP09_ANSWERS
        )
    assert not PerceptionResult.objects.exists()


def test_emptying_every_answer_removes_the_measure_and_records_that(landlord, officer):
    perception_save(landlord=landlord, year=2023, measure="TP05", by=officer, answers=TP09_ANSWERS)

    removed = perception_save(
        landlord=landlord, year=2023, measure="TP05", by=officer, answers={"neither": None}
    )

    assert removed is None and not PerceptionResult.objects.exists()
    assert ReportChange.objects.order_by("-id").first().fields == ["TP05.removed"]


def test_last_years_figure_comes_from_last_years_answers_else_from_what_was_typed(
    landlord, officer
):
    perception_save(
        landlord=landlord,
        year=2023,
        measure="TP01",
        by=officer,
        answers={"very_satisfied": 3, "fairly_satisfied": 0, "neither": 1,
                 "fairly_dissatisfied": 0, "very_dissatisfied": 0},
        previous_pct=Decimal("70.1"),
    )  # fmt: skip
    assert tsm_return(landlord, 2023)["perception"]["TP01"]["previous_pct"] == 70.1
    assert tsm_return(landlord, 2023)["perception"]["TP01"]["change"] == 4.9

    perception_save(
        landlord=landlord,
        year=2022,
        measure="TP01",
        by=officer,
        answers={"very_satisfied": 1, "fairly_satisfied": 1, "neither": 0,
                 "fairly_dissatisfied": 0, "very_dissatisfied": 2},
    )  # fmt: skip
    tp01 = tsm_return(landlord, 2023)["perception"]["TP01"]
    assert (tp01["satisfied_pct"], tp01["previous_pct"], tp01["change"]) == (75.0, 50.0, 25.0)


def test_tp09_comes_from_its_answers_when_entered_rather_than_the_typed_percentage(
    landlord, officer
):
    TsmYear.objects.create(landlord=landlord, year=2023, tp09_pct=Decimal("39"))
    assert tsm_return(landlord, 2023)["TP09"] == 39.0

    perception_save(landlord=landlord, year=2023, measure="TP09", by=officer, answers=TP09_ANSWERS)

    assert tsm_return(landlord, 2023)["TP09"] == 41.0
    assert tsm_return(landlord, 2023)["TP09_respondents"] == 400
    tsm = annual_report(landlord, 2023, on=ON).figures["tsm"]
    assert tsm["TP09"] == 41.0 and tsm["survey"]["TP09_respondents"] == 400

    # The TP09 median entered with the measure stands in where none was typed beside CH01
    # and CH02; one typed there is kept.
    perception_save(
        landlord=landlord,
        year=2023,
        measure="TP09",
        by=officer,
        answers=TP09_ANSWERS,
        median=Decimal("34"),
    )
    assert tsm_return(landlord, 2023)["sector_medians"]["TP09"] == 34.0
    TsmYear.objects.filter(landlord=landlord).update(median_tp09=Decimal("35"))
    assert tsm_return(landlord, 2023)["sector_medians"]["TP09"] == 35.0


def test_the_annual_report_json_has_every_measure_under_tsm_perception(landlord, officer):
    perception_save(landlord=landlord, year=2023, measure="TP09", by=officer, answers=TP09_ANSWERS)

    figures = json.loads(annual_export(landlord, 2023, "json", on=ON).content)

    perception = figures["tsm"]["perception"]
    assert list(perception) == [f"TP{n:02d}" for n in range(1, 13)]
    assert perception["TP09"]["satisfied_pct"] == 41.0
    assert perception["TP09"]["answers"] == {**TP09_ANSWERS, "not_applicable": 0}
    assert perception["TP01"] == {
        "title": "Overall satisfaction",
        "allows_not_applicable": False,
        "entered": False,
        "answers": None,
        "respondents": None,
        "answering": None,
        "satisfied": None,
        "satisfied_pct": None,
        "previous_pct": None,
        "change": None,
        "sector": {"lower_quartile": None, "median": None, "upper_quartile": None, "band": None},
    }
    # The keys that were there before are still there.
    assert {"CH01", "CH02", "TP09", "sector_medians", "survey"} <= set(figures["tsm"])


def test_the_annual_report_spreadsheet_holds_the_measures_and_their_answers(landlord, officer):
    perception_save(
        landlord=landlord,
        year=2023,
        measure="TP09",
        by=officer,
        answers=TP09_ANSWERS,
        previous_pct=Decimal("38.5"),
        median=Decimal("34"),
    )
    perception_save(
        landlord=landlord,
        year=2023,
        measure="TP11",
        by=officer,
        answers={**TP09_ANSWERS, "not_applicable": 12},
    )

    workbook = load_workbook(BytesIO(annual_export(landlord, 2023, "xlsx", on=ON).content))

    sheet = workbook["tsm-perception"]
    rows = {r[0]: list(r[1:]) for r in sheet.iter_rows(min_row=5, values_only=True) if r[0]}
    tp09 = "TP09: Satisfaction with the landlord's approach to handling complaints"
    assert rows[tp09] == [
        41.0, 38.5, "up 2.5 percentage points", "not entered", 34.0, "not entered", "not entered"
    ]  # fmt: skip
    answers = workbook["tsm-perception-answers"]
    rows = {r[0]: list(r[1:]) for r in answers.iter_rows(min_row=5, values_only=True) if r[0]}
    assert rows["TP09"][:8] == [100, 64, 90, 70, 76, "not asked", 400, 164]
    assert rows["TP11"][:8] == [100, 64, 90, 70, 76, "12", 412, 164]


def test_the_annual_report_leaves_out_the_measures_when_none_is_entered(landlord):
    workbook = load_workbook(BytesIO(annual_export(landlord, 2023, "xlsx", on=ON).content))
    assert "tsm-perception" not in workbook.sheetnames


def test_the_tsm_return_csv_and_the_api_carry_the_measures(landlord, officer):
    perception_save(landlord=landlord, year=2023, measure="TP09", by=officer, answers=TP09_ANSWERS)

    csv_text = tsm_export(landlord, 2023, "csv").content.decode()
    assert "TP09.satisfied_pct,41.0" in csv_text
    assert "TP09.answers.very_dissatisfied,76" in csv_text
    assert "TP01." not in csv_text

    response = get(client(key(landlord, write=False)), "/reports/tsm", year=2023)
    assert response.status_code == 200
    assert response.json()["perception"]["TP09"]["satisfied_pct"] == 41.0
