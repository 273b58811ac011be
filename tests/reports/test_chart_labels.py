"""A chart's labels are wrapped, never cut (issue 12, item 10): "Repairs and maintenance of
communal areas" is drawn whole, over as many lines as it needs, in a row made taller."""

from __future__ import annotations

import re

from putright.reports.charts import MAX_LABEL_CHARS, bar_chart, label_lines
from putright.reports.document import Chart, Column, Table

LONG = "Repairs and maintenance of communal areas"


def _chart(*labels: str) -> str:
    table = Table(
        "areas",
        "Complaints by service area",
        [Column("Area"), Column("2026/27", "count")],
        [[label, 9 - n] for n, label in enumerate(labels)],
        chart=Chart((1,)),
    )
    return str(bar_chart(table, "c1"))


def test_a_long_label_is_drawn_whole_over_several_lines():
    svg = _chart(LONG, "Tenancy")

    lines = re.findall(r'<tspan x="\d+" y="[\d.]+">([^<]*)</tspan>', svg)
    assert "…" not in svg
    assert " ".join(lines[:-1]) == LONG
    assert len(lines) > 2
    assert all(len(line) <= MAX_LABEL_CHARS for line in lines)
    assert lines[-1] == "Tenancy"


def test_a_row_with_a_wrapped_label_is_taller_so_nothing_overlaps():
    short = _chart("Tenancy", "Estates")
    wrapped = _chart(LONG, "Estates")

    height = re.compile(r'height="(\d+)" xmlns')
    assert int(height.search(wrapped).group(1)) > int(height.search(short).group(1))


def test_a_word_longer_than_a_line_is_broken_not_lost():
    word = "Neighbourhood-management-and-antisocial-behaviour"

    assert "".join(label_lines(word)) == word
