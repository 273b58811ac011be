"""Bar charts drawn on the server as SVG, so they work without JavaScript, print in the PDF
and need nothing from outside. Each chart is an image with a title and a description
(role="img", WCAG 1.1.1); the table it draws sits beside it with the same figures, and the
value is written at the end of every bar, so nothing is told by colour alone (1.4.1).
Colours: GOV.UK blue for this year and dark grey for last year, both at least 3:1 against
white (1.4.11). A long label is wrapped onto as many lines as it needs, its row made taller
to hold them: a label is never cut short."""

from __future__ import annotations

import textwrap
from decimal import Decimal
from html import escape
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from putright.reports.document import Figure, Marker, Table, format_cell

SERIES_COLOURS = ("#1d70b8", "#505a5f")
TEXT_COLOUR = "#0b0c0c"
LABEL_WIDTH = 170
BAR_AREA = 190
VALUE_WIDTH = 90
BAR_HEIGHT = 18
BAR_GAP = 4
ROW_GAP = 12
FONT_SIZE = 14
LINE_HEIGHT = 17
#: Characters on one line of a label (about 7px each at 14px, in LABEL_WIDTH less a gap).
MAX_LABEL_CHARS = 22


def _number(value: Any) -> float | None:
    if isinstance(value, Figure):
        value = value.value
    if value is None or isinstance(value, Marker):
        return None
    if isinstance(value, (int, float, Decimal)):
        return float(value)
    return None


def label_lines(text: str) -> list[str]:
    """A label as lines of at most ``MAX_LABEL_CHARS`` characters, broken between words (a
    word longer than a line is broken inside it): every character of it is drawn."""
    return textwrap.wrap(" ".join(text.split()), MAX_LABEL_CHARS, break_on_hyphens=False) or [""]


def _label(lines: list[str], middle: float) -> str:
    """The label's lines, right-aligned before the bars and centred on ``middle``."""
    first = middle - (len(lines) - 1) * LINE_HEIGHT / 2
    spans = "".join(
        f'<tspan x="{LABEL_WIDTH - 8}" y="{first + i * LINE_HEIGHT:.1f}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text text-anchor="end" fill="{TEXT_COLOUR}">{spans}</text>'


def bar_chart(table: Table, chart_id: str) -> SafeString:
    """The table's chart as an inline SVG element; empty when the table has nothing to draw."""
    chart = table.chart
    if chart is None or not table.rows:
        return mark_safe("")
    series = list(chart.value_columns)
    values = [[_number(row[c]) for c in series] for row in table.rows]
    top = max((v for row in values for v in row if v is not None), default=0.0)
    if top <= 0:
        return mark_safe("")
    bars = len(series) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP
    labels = [label_lines(str(row[chart.label_column])) for row in table.rows]
    rows_height = [max(bars, len(lines) * LINE_HEIGHT) + ROW_GAP for lines in labels]
    legend_height = 28 if len(series) > 1 else 0
    height = legend_height + sum(rows_height) + 4
    width = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH
    parts = [
        f'<svg class="report-chart" id="{chart_id}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="Liberation Sans, Arial, sans-serif" '
        f'font-size="{FONT_SIZE}">',
        f'<title id="{chart_id}-title">{escape(table.caption)}</title>',
        f'<desc id="{chart_id}-desc">{escape(table.summary or table.caption)}</desc>',
    ]
    if len(series) > 1:
        x = 0
        for i, column in enumerate(series):
            name = escape(table.columns[column].heading)
            parts.append(
                f'<rect x="{x}" y="4" width="14" height="14" fill="{SERIES_COLOURS[i % 2]}"/>'
                f'<text x="{x + 20}" y="16" fill="{TEXT_COLOUR}">{name}</text>'
            )
            x += 30 + 8 * len(table.columns[column].heading)  # about 8px a character
    y = legend_height
    for row, row_values, lines, row_height in zip(
        table.rows, values, labels, rows_height, strict=True
    ):
        bars_top = y + (row_height - ROW_GAP - bars) / 2  # centred on the label
        parts.append(_label(lines, y + (row_height - ROW_GAP) / 2 + FONT_SIZE / 3))
        for i, (column, value) in enumerate(zip(series, row_values, strict=True)):
            bar_y = bars_top + i * (BAR_HEIGHT + BAR_GAP)
            length = 0.0 if value is None else max(value / top * BAR_AREA, 1.0 if value else 0.0)
            text = escape(format_cell(row[column], table.columns[column].kind))
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{bar_y:.1f}" width="{length:.1f}" '
                f'height="{BAR_HEIGHT}" fill="{SERIES_COLOURS[i % 2]}"/>'
                f'<text x="{LABEL_WIDTH + length + 6:.1f}" y="{bar_y + BAR_HEIGHT - 4:.1f}" '
                f'fill="{TEXT_COLOUR}">{text}</text>'
            )
        y += row_height
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text in it is escaped above
