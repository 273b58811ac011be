"""The breakdowns the annual report carries (issue 13, items 4 and 6): the defaults on a
year known by hand, the landlord's own choice, the same figures as the breakdown engine
and the report's own totals, last year beside this year, and every format (JSON, the
page, PDF, XLSX)."""

from __future__ import annotations

import datetime as dt
import subprocess
from io import BytesIO

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from putright.landlords.models import Role
from putright.reports.annual_breakdowns import chosen, default_keys, offered, parse
from putright.reports.breakdown import breakdown
from putright.reports.exports import annual_export
from putright.reports.layout import annual_document
from putright.reports.report import annual_report
from putright.reports.services import report_breakdowns_save
from putright.reports.xlsx import sheet_names
from tests import factories
from tests.reports.breakdown_cases import year_of_cases
from tests.reports.construction import build_landlord

pytestmark = pytest.mark.django_db

ON = dt.date(2024, 6, 1)
LATER = dt.date(2025, 6, 1)


def _rows(entry, *columns):
    """Each row's dimensions and the columns named, as tuples."""
    return [tuple(row[c] for c in [*entry["by"], *columns]) for row in entry["rows"]]


def test_the_defaults_appear_with_the_right_rows_on_a_year_known_by_hand():
    # Five complaints of 2024/25 (tests/reports/breakdown_cases.py): Repairs (A, B, by the
    # contractor Mears at stage 1) and Lettings (C) in the division Housing Management
    # Property, Estates (D refused, E open) in none; A escalated for compensation and
    # answered by the landlord at stage 2. No records before 2024/25: nothing to compare.
    landlord = year_of_cases()
    report = annual_report(landlord, 2024, on=LATER)
    found = {b["key"]: b for b in report.figures["breakdowns"]}

    assert list(found) == [
        "received.1.service_area",
        "received.1.handler",
        "received.2.service_area",
        "received.2.handler",
        "timeliness.1.handler",
        "timeliness.2.handler",
        "escalation.1.division",
        "reasons.1.division",
    ]
    for entry in found.values():
        assert set(entry) >= {"stage", "measures", "by", "rows"}
        assert entry["compare"] is False
    measures = ("received", "responded", "upheld", "upheld_pct")
    by_area = found["received.1.service_area"]
    assert (by_area["stage"], by_area["measures"], by_area["by"]) == (
        1,
        list(measures),
        ["service_area"],
    )
    assert _rows(by_area, *measures) == [
        ("Estates", 1, 0, 0, None),
        ("Lettings", 1, 1, 1, 100.0),
        ("Repairs", 2, 2, 1, 50.0),
    ]
    assert _rows(found["received.1.handler"], *measures) == [
        ("landlord", 2, 1, 1, 100.0),
        ("Mears", 2, 2, 1, 50.0),
    ]
    assert _rows(found["received.2.service_area"], *measures) == [("Repairs", 1, 1, 1, 100.0)]
    assert _rows(found["received.2.handler"], *measures) == [("landlord", 1, 1, 1, 100.0)]
    timely = ("responded", "on_time", "on_time_pct")
    # B was answered on 28 June 2024, well after its due date; A and C on time.
    assert _rows(found["timeliness.1.handler"], *timely) == [
        ("landlord", 1, 1, 100.0),
        ("Mears", 2, 1, 50.0),
    ]
    assert _rows(found["timeliness.2.handler"], *timely) == [("landlord", 1, 1, 100.0)]
    escalation = ("received", "escalated", "escalation_rate_pct")
    assert _rows(found["escalation.1.division"], *escalation) == [
        ("Housing Management Property", 3, 1, 33.3),
        ("not_recorded", 1, 0, 0.0),
    ]
    reasons = found["reasons.1.division"]
    assert reasons["by"] == ["division", "escalation_reason"]
    assert _rows(reasons, "escalated") == [("Housing Management Property", "compensation", 1)]


def test_a_landlord_without_divisions_has_no_division_breakdowns_by_default_or_on_offer():
    landlord = factories.landlord()
    assert default_keys(landlord) == [
        "received.1.service_area",
        "received.1.handler",
        "received.2.service_area",
        "received.2.handler",
        "timeliness.1.handler",
        "timeliness.2.handler",
    ]
    assert not [c for c in offered(landlord) if c.dimension == "division"]
    assert parse("escalation.2.division") is None  # escalation is stage 1's
    assert parse("reasons.1.theme") is None  # not on offer
    assert parse("received.1.nonsense") is None


@pytest.mark.parametrize("year", [2022, 2023])
def test_every_breakdown_on_offer_is_the_engines_and_adds_up_to_the_reports_own_figures(year):
    landlord = build_landlord()
    officer = factories.user(landlord=landlord, role=Role.OFFICER)
    keys = [c.key for c in offered(landlord)]
    report_breakdowns_save(landlord=landlord, year=year, by=officer, breakdowns=keys)
    figures = annual_report(landlord, year, on=ON).figures
    compare = figures["previous"] is not None
    assert [b["key"] for b in figures["breakdowns"]] == keys

    for entry in figures["breakdowns"]:
        engine = breakdown(
            landlord,
            year,
            stage=entry["stage"],
            measures=entry["measures"],
            by=entry["by"],
            compare=compare,
        )
        assert (entry["rows"], entry["totals"]) == (engine.rows, engine.totals), entry["key"]
        s = figures[f"stage{entry['stage']}"]
        totals = entry["totals"]
        if "received" in entry["measures"]:
            assert totals["received"] == s["received"]
        if "upheld" in entry["measures"]:
            upheld = s["outcomes"].get("upheld", 0) + s["outcomes"].get("partly_upheld", 0)
            assert (totals["upheld"], totals["upheld_pct"]) == (upheld, s["upheld_or_partly_pct"])
        if "on_time" in entry["measures"]:
            assert (totals["responded"], totals["on_time"], totals["on_time_pct"]) == (
                s["responded"],
                s["responded_within_timescale"],
                s["within_timescale_pct"],
            )
        if "escalation_rate_pct" in entry["measures"]:
            assert totals["escalated"] == figures["stage2"]["received"]
            assert totals["escalation_rate_pct"] == figures["escalation_rate_pct"]
        if "compensation_gbp" in entry["measures"]:
            assert totals["compensation_cases"] == s["compensation"]["cases"]
            assert totals["compensation_gbp"] == s["compensation"]["total_gbp"]
        if entry["by"] == ["service_area"] and "received" in entry["measures"]:
            named = {r["service_area"]: r["received"] for r in entry["rows"]}
            named.pop("not_recorded", None)
            assert named == {k: v for k, v in s["by_service_area"].items() if v}
        if entry["by"] == ["handler"] and "received" in entry["measures"]:
            by_handler = {r["handler"]: r["received"] for r in entry["rows"] if r["received"]}
            assert by_handler == {k: v for k, v in s["by_handler"].items() if v}
        if compare and "received" in entry["measures"]:
            before = figures["previous"][f"stage{entry['stage']}"]["received"]
            assert totals["received_last_year"] == before


def test_each_breakdown_has_last_years_figures_and_the_change_beside_this_years():
    # Known Homes (tests/reports/construction.py): 12 stage 1 complaints in 2023/24, 2 in
    # 2022/23; Repairs 9 after 1, and one without a service area in each year.
    landlord = build_landlord()
    figures = annual_report(landlord, 2023, on=ON).figures
    by_area = next(b for b in figures["breakdowns"] if b["key"] == "received.1.service_area")
    assert by_area["compare"] is True
    assert _rows(by_area, "received", "received_last_year", "received_change_pct") == [
        ("Repairs", 9, 1, 800.0),
        ("Tenancy", 2, 0, None),  # nothing last year: no change in per cent
        ("not_recorded", 1, 1, 0.0),
    ]
    assert (
        by_area["totals"]["received"],
        by_area["totals"]["received_last_year"],
        by_area["totals"]["received_change_pct"],
    ) == (12, 2, 500.0)


def test_money_in_the_headline_figures_has_its_change_in_per_cent():
    landlord = build_landlord()
    change = annual_report(landlord, 2024, on=LATER).figures["change"]
    # £475.50 of compensation in 2023/24; none in 2024/25.
    assert change["compensation_total_gbp"] == {
        "current": "0.00",
        "previous": "475.50",
        "difference": "-475.50",
        "change_pct": -100.0,
    }
    assert change["stage1_compensation_gbp"]["change_pct"] == -100.0
    assert change["stage1_compensation_cases"] == {
        "current": 0,
        "previous": 3,
        "difference": -3,
        "change_pct": -100.0,
    }
    # Last year's was nothing: no change in per cent.
    before = annual_report(landlord, 2023, on=ON).figures["change"]
    assert before["compensation_total_gbp"]["change_pct"] is None


def test_the_landlords_choice_replaces_the_defaults_in_every_format(tmp_path):
    landlord = build_landlord()
    officer = factories.user(landlord=landlord, role=Role.OFFICER)
    report_breakdowns_save(
        landlord=landlord,
        year=2023,
        by=officer,
        breakdowns=["compensation.1.compensation_reason", "received.1.theme"],
    )
    figures = annual_report(landlord, 2023, on=ON).figures
    assert [b["key"] for b in figures["breakdowns"]] == [
        "received.1.theme",
        "compensation.1.compensation_reason",
    ]
    money = figures["breakdowns"][1]
    assert _rows(money, "compensation_cases", "compensation_gbp") == [
        ("time_trouble", 1, "250.00"),
        ("distress_inconvenience", 1, "100.00"),
        ("reimbursement", 1, "75.00"),
    ]
    assert money["totals"]["compensation_gbp"] == figures["stage1"]["compensation"]["total_gbp"]

    document = annual_document(annual_report(landlord, 2023, on=ON))
    tables = {t.key: t for t in document.tables()}
    assert "s1 received by theme" in tables
    assert "s1 received by service_area" not in tables
    about = next(s for s in document.walk() if s.id == "what-about")
    assert "s1 received by theme" in [t.key for t in about.tables]
    putting_right = next(s for s in document.walk() if s.id == "putting-things-right")
    assert "s1 compensation by compensation_reason" in [t.key for t in putting_right.tables]

    workbook = load_workbook(BytesIO(annual_export(landlord, 2023, "xlsx", on=ON).content))
    names = sheet_names(document)
    sheet = workbook[
        names[[t.key for t in document.tables()].index("s1 compensation by compensation_reason")]
    ]
    assert sheet["A1"].value == "Stage 1 compensation offered, by the reason for it"
    headings = [c.value for c in sheet[4]]
    assert headings == [
        "Compensation reason",
        "Cases with compensation, 2023/24",
        "Cases with compensation, 2022/23",
        "Cases with compensation: change",
        "Compensation offered (£), 2023/24",
        "Compensation offered (£), 2022/23",
        "Compensation offered (£): change",
    ]
    rows = [list(r) for r in sheet.iter_rows(min_row=5, max_row=7, values_only=True)]
    assert rows == [
        ["Time and trouble", 1, 0, None, 250, 0, None],
        ["Distress and inconvenience", 1, 0, None, 100, 0, None],
        ["Reimbursement of costs", 1, 0, None, 75, 0, None],
    ]
    assert sheet["E5"].number_format == '"£"#,##0.00'

    html = annual_export(landlord, 2023, "html", on=ON).content.decode()
    assert "Stage 1 complaints received and upheld, by theme" in html
    assert "Stage 1 complaints received and upheld, by service area" not in html


def test_no_breakdowns_chosen_means_none_in_the_report():
    landlord = build_landlord()
    officer = factories.user(landlord=landlord, role=Role.OFFICER)
    report_breakdowns_save(landlord=landlord, year=2023, by=officer, breakdowns=[])
    assert annual_report(landlord, 2023, on=ON).figures["breakdowns"] == []
    # Another year keeps the defaults.
    assert len(annual_report(landlord, 2024, on=LATER).figures["breakdowns"]) == 6


def test_the_spreadsheet_has_a_sheet_per_breakdown_with_the_change_as_a_signed_percentage():
    landlord = build_landlord()
    document = annual_document(annual_report(landlord, 2023, on=ON))
    workbook = load_workbook(BytesIO(annual_export(landlord, 2023, "xlsx", on=ON).content))
    keys = [t.key for t in document.tables()]
    name = sheet_names(document)[keys.index("s1 received by handler")]
    sheet = workbook[name]
    assert [c.value for c in sheet[4]][:4] == [
        "Handled by",
        "Received, 2023/24",
        "Received, 2022/23",
        "Received: change",
    ]
    rows = {r[0]: list(r[1:4]) for r in sheet.iter_rows(min_row=5, values_only=True) if r[0]}
    assert rows["Known Homes (landlord)"] == [10, 2, 400.0]
    assert sheet["D5"].number_format == '+0.0"%";-0.0"%";0.0"%"'
    glance = workbook["at-a-glance"]
    assert [c.value for c in glance[4]][-1] == "Change (%)"
    compensation = {r[0]: r for r in glance.iter_rows(min_row=5, values_only=True) if r[0]}
    assert compensation["Complaints logged"][-1] == 333.3


def test_the_pdf_prints_each_breakdown_with_last_year_and_the_signed_change(tmp_path):
    landlord = build_landlord()
    path = tmp_path / "report.pdf"
    path.write_bytes(annual_export(landlord, 2023, "pdf", on=ON).content)
    text = " ".join(
        subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
        ).stdout.split()
    )
    assert "Stage 1 complaints received and upheld, by who handled it" in text
    assert "Stage 2 responses sent on time, by who handled it" in text
    # Known Homes itself: 10 stage 1 complaints received after 2 the year before (the
    # columns' headings and the row's name wrap over several lines in the PDF).
    assert "Known 10 2 +400.0% 4 1 +300.0% 3 1 +200.0% 75.0% 100.0%" in text
    assert (
        "In all at stage 1 in 2023/24, received, 2023/24: 12; received, 2022/23: 2; "
        "received: change: +500.0%"
    ) in text


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(picks=st.lists(st.integers(min_value=0, max_value=10_000), max_size=12))
def test_any_choice_is_kept_once_each_in_the_reports_order_and_read_back(landlord_once, picks):
    landlord, officer, keys = landlord_once
    wanted = [keys[i % len(keys)] for i in picks]
    choice = report_breakdowns_save(landlord=landlord, year=2024, by=officer, breakdowns=wanted)
    assert choice.breakdowns == [k for k in keys if k in set(wanted)]
    assert [c.key for c in chosen(landlord, 2024)] == choice.breakdowns
    assert all(parse(k) is not None and parse(k).key == k for k in choice.breakdowns)


@pytest.fixture
def landlord_once():
    landlord = year_of_cases("Choosing Homes")
    officer = factories.user(landlord=landlord, role=Role.OFFICER)
    return landlord, officer, [c.key for c in offered(landlord)]
