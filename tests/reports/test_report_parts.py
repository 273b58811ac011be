"""The small parts of the reports: small-number suppression, the packing of counts, cells
written out, charts, section providers, and TP09 in the TSM return."""

from __future__ import annotations

import csv
import datetime as dt
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from hypothesis import given
from hypothesis import strategies as st

from putright.reports.charts import bar_chart
from putright.reports.document import SUPPRESSED, Chart, Column, Figure, Table, format_cell, plural
from putright.reports.equality import suppress
from putright.reports.models import TsmYear
from putright.reports.periods import Period
from putright.reports.sections import SLOTS, SectionContent, register, section_content, unregister
from putright.reports.tally import Packing
from tests import factories

counts = st.dictionaries(st.text(min_size=1, max_size=5), st.integers(0, 40), max_size=8)


@given(counts)
def test_no_count_from_1_to_4_is_ever_published(values):
    shown, hidden = suppress(values)
    assert all(n is None or n == 0 or n >= 5 for n in shown.values())
    assert set(hidden) == {k for k, n in shown.items() if n is None}
    assert all(shown[k] == values[k] for k in values if k not in hidden)


@given(counts)
def test_a_lone_hidden_count_cannot_be_worked_out_from_the_total(values):
    _, hidden = suppress(values)
    if any(0 < n < 5 for n in values.values()):
        positive_hidden = [k for k in hidden if values[k] > 0]
        others = [k for k, n in values.items() if n > 0 and k not in hidden]
        assert len(positive_hidden) >= 2 or not others


def test_suppression_examples():
    assert suppress({"a": 7, "b": 3, "c": 9}) == ({"a": None, "b": None, "c": 9}, ["a", "b"])
    assert suppress({"a": 7, "b": 3, "c": 2}) == ({"a": 7, "b": None, "c": None}, ["b", "c"])
    assert suppress({"a": 7, "b": 0}) == ({"a": 7, "b": 0}, [])


@given(st.lists(st.integers(1, 9), min_size=1, max_size=6), st.data())
def test_packing_unpacks_what_it_packed(radices, data):
    packing = Packing(tuple((f"x{i}", r) for i, r in enumerate(radices)))
    values = [data.draw(st.integers(0, r - 1)) for r in radices]
    packed = sum(v * _scale(radices, i) for i, v in enumerate(values))
    assert packing.unpack(packed) == values
    assert packing.size == _scale(radices, len(radices))


def _scale(radices, i):
    scale = 1
    for r in radices[:i]:
        scale *= r
    return scale


def test_cells_are_written_out_in_plain_english():
    assert format_cell(1234, "count") == "1,234"
    assert format_cell(83.3, "percent") == "83.3%"
    assert format_cell(7.0, "rate") == "7.00"
    assert format_cell(Decimal("1200.5"), "money") == "£1,200.50"
    assert format_cell(None, "percent") == "not applicable"
    assert format_cell(SUPPRESSED, "count") == "fewer than 5"
    assert format_cell(Figure(Decimal("5"), "money"), "figure") == "£5.00"
    assert format_cell(dt.date(2024, 3, 9), "date") == "9 March 2024"
    assert (
        plural(1, "complaint") == "1 complaint"
        and plural(1200, "remedy", "remedies") == "1,200 remedies"
    )


def test_a_chart_is_an_image_with_a_title_a_description_and_the_values_written():
    table = Table(
        "areas",
        "Complaints by service area",
        [Column("Area"), Column("2023/24", "count"), Column("2022/23", "count")],
        [["Repairs <& gas>", 9, 4], ["Tenancy", 2, SUPPRESSED]],
        summary="Repairs had the most.",
        chart=Chart((1, 2)),
    )
    svg = str(bar_chart(table, "c1"))
    assert svg.startswith(
        '<svg class="report-chart" id="c1" role="img" aria-labelledby="c1-title c1-desc"'
    )
    assert '<title id="c1-title">Complaints by service area</title>' in svg
    assert '<desc id="c1-desc">Repairs had the most.</desc>' in svg
    assert "Repairs &lt;&amp; gas&gt;" in svg and ">fewer than 5<" in svg and ">9<" in svg
    empty = Table("none", "Nothing", [Column("A"), Column("N", "count")], [["x", 0]], chart=Chart())
    assert str(bar_chart(empty, "c2")) == ""


@pytest.mark.django_db
def test_a_section_provider_fills_its_slot_and_an_empty_one_leaves_the_plain_words():
    landlord = factories.landlord()
    period = Period(dt.date(2023, 4, 1), dt.date(2024, 3, 31), "2023/24")

    def provider(landlord, period):
        return SectionContent(paragraphs=[f"Learning for {period.label}."], data={"n": 1})

    def nothing(landlord, period):
        return None

    register("learning", provider)
    register("learning", provider)  # once only
    register("learning", nothing)
    try:
        content = section_content("learning", landlord, period)
        assert content.paragraphs == ["Learning for 2023/24."] and content.data == {"n": 1}
    finally:
        unregister("learning", provider)
        unregister("learning", nothing)
    assert section_content("learning", landlord, period).is_empty
    assert SLOTS["learning"].nothing.format(period="2023/24") == (
        "No service improvements from learning were recorded in 2023/24."
    )
    with pytest.raises(KeyError, match="no report section called 'lessons'"):
        register("lessons", provider)


@pytest.mark.django_db
def test_the_tsm_return_includes_tp09_and_the_medians_when_entered(tmp_path):
    landlord = factories.landlord("Survey Homes")
    TsmYear.objects.create(
        landlord=landlord, year=2023, tp09_pct=Decimal("41.0"), median_tp09=Decimal("34.0")
    )
    out = tmp_path / "tsm.json"
    call_command("report", "tsm", "--landlord", "Survey Homes", "--year", "2023", "--out", str(out))
    tsm = json.loads(out.read_text())
    assert tsm["TP09"] == 41.0
    assert tsm["sector_medians"]["TP09"] == 34.0
    call_command(
        "report", "tsm", "--landlord", "Survey Homes", "--year", "2023", "--format", "csv",
        "--out", str(tmp_path / "tsm.csv"),
    )  # fmt: skip
    rows = dict(csv.reader((tmp_path / "tsm.csv").read_text().splitlines()))
    assert rows["TP09"] == "41.0" and rows["sector_median.TP09"] == "34.0"
    call_command("report", "tsm", "--landlord", "Survey Homes", "--year", "2022", "--out", str(out))
    assert json.loads(out.read_text())["TP09"] is None
