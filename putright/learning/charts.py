"""A line chart as SVG, drawn on the server so it needs no script, with the numbers behind
it always shown beside it as a table and a sentence (WCAG 1.1.1: a text alternative)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

#: Colours with enough contrast on white (3:1 for graphics, WCAG 1.4.11), each line also
#: drawn with its own dash pattern and marker so colour is not the only difference (1.4.1).
COLOURS = ("#1d70b8", "#d4351c", "#00703c", "#4c2c92", "#b58840", "#0b0c0c", "#d53880", "#28a197")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "10 4", "1 2", "4 4", "12 2 2 2")
MARKERS = ("circle", "square", "diamond", "triangle", "circle", "square", "diamond", "triangle")

WIDTH, HEIGHT = 720, 320
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 16, 48


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "square":
        return f'<rect x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7" fill="{colour}"/>'
    if shape == "diamond":
        return f'<path d="M{x:.1f} {y - 4.5:.1f}L{x + 4.5:.1f} {y:.1f}L{x:.1f} {y + 4.5:.1f}L{x - 4.5:.1f} {y:.1f}Z" fill="{colour}"/>'
    if shape == "triangle":
        return f'<path d="M{x:.1f} {y - 4.5:.1f}L{x + 4.5:.1f} {y + 3.5:.1f}L{x - 4.5:.1f} {y + 3.5:.1f}Z" fill="{colour}"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>'


def _nice_top(value: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if value <= step * 5:
            return step * max(1, -(-value // step))
    return value


def line_chart(
    months: Sequence[dt.date],
    series: Sequence[tuple[str, Sequence[int]]],
    *,
    title: str,
    description: str,
) -> SafeString:
    """An SVG line chart of monthly counts, one line per series, with a legend."""
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    top = _nice_top(max([1, *(max(counts, default=0) for _, counts in series)]))
    step_x = plot_w / max(1, len(months) - 1)

    def x(i: int) -> float:
        return LEFT + i * step_x

    def y(v: int) -> float:
        return TOP + plot_h - (v / top) * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="chart-title chart-desc" class="putright-chart" '
        f'font-size="12">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<desc id="chart-desc">{escape(description)}</desc>',
    ]
    for i in range(5):
        value = round(top * i / 4)
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
            f'stroke="#b1b4b6" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{y(value) + 4:.1f}" text-anchor="end" fill="#0b0c0c">{value}</text>'
        )
    for i, month in enumerate(months):
        if len(months) <= 12 or i % 2 == 0 or i == len(months) - 1:
            parts.append(
                f'<text x="{x(i):.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" '
                f'fill="#0b0c0c">{month:%b}</text>'
            )
        if month.month == 1 or i == 0:
            parts.append(
                f'<text x="{x(i):.1f}" y="{HEIGHT - BOTTOM + 34}" text-anchor="middle" '
                f'fill="#505a5f">{month:%Y}</text>'
            )
    for n, (label, counts) in enumerate(series):
        colour, dash, shape = COLOURS[n % 8], DASHES[n % 8], MARKERS[n % 8]
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(counts))
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<g aria-hidden="true"><title>{escape(label)}</title>')
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2.5"{dash_attr}/>'
        )
        parts.extend(_marker(shape, x(i), y(v), colour) for i, v in enumerate(counts))
        parts.append("</g>")
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every label is escaped above


def legend(series_labels: Sequence[str]) -> list[dict[str, str]]:
    """What each line looks like, for a legend in the page (as HTML, not in the SVG)."""
    return [
        {
            "label": label,
            "colour": COLOURS[n % 8],
            "dash": DASHES[n % 8],
            "marker": MARKERS[n % 8],
        }
        for n, label in enumerate(series_labels)
    ]
