"""The live compliance view as a file (`putright report compliance`, interfaces.md): for each
measurable provision of the Code, the figure, its numerator and denominator, the
percentage, and the references of the cases that break it.

JSON: the landlord, the financial year and the day it was judged on, then one object per
provision. CSV: one row per provision, the columns in ``CSV_COLUMNS``; a percentage is
empty when there was nothing to count, and the breaking references are separated by
spaces. Both read the same counts as the staff page (``putright.reports.compliance``).
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.utils.text import slugify

from putright.landlords.models import Landlord, today
from putright.reports.compliance import Breach, Measure, measures_with_breaches
from putright.reports.exports import CONTENT_TYPES, Export, as_json
from putright.reports.periods import year_period
from putright.web.spreadsheets import csv_writer

COMPLIANCE_FORMATS = ("json", "csv")
CSV_COLUMNS = (
    "provision",
    "figure",
    "numerator",
    "denominator",
    "percentage",
    "breaking_references",
)


def breaking_references(found: list[Breach]) -> list[str]:
    """The references of the complaints that break a provision, each once, in the order the
    view lists them. A breach that is no complaint's (a resident's adjustment with no
    complaint yet) is counted in the figure but has no reference to give."""
    return list(dict.fromkeys(b.reference for b in found if b.reference))


def _provision(measure: Measure, found: list[Breach]) -> dict[str, Any]:
    return {
        "provision": measure.provision,
        "title": measure.title,
        "figure": measure.sentence,
        "numerator": measure.met,
        "denominator": measure.total,
        "percentage": measure.pct,
        "breaches": measure.breaches,
        "breaking_references": breaking_references(found),
        "notes": list(measure.notes),
    }


def compliance_figures(landlord: Landlord, year: int, *, on: dt.date | None = None) -> dict:
    """The view's figures for the financial year, as the JSON export holds them."""
    on = on or today()
    period = year_period(year)
    return {
        "landlord": landlord.name,
        "year": year,
        "period": period.as_dict(),
        "as_of": min(on, period.end).isoformat(),
        "provisions": [
            _provision(measure, found)
            for measure, found in measures_with_breaches(landlord, year, on=on)
        ],
    }


def compliance_csv(figures: dict) -> str:
    out = io.StringIO()
    writer = csv_writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in figures["provisions"]:
        writer.writerow(
            [
                row["provision"],
                row["figure"],
                row["numerator"],
                row["denominator"],
                "" if row["percentage"] is None else f"{row['percentage']:.1f}",
                " ".join(row["breaking_references"]),
            ]
        )
    return out.getvalue()


def compliance_export(
    landlord: Landlord, year: int, fmt: str, *, on: dt.date | None = None
) -> Export:
    figures = compliance_figures(landlord, year, on=on)
    if fmt == "json":
        content = as_json(figures)
    elif fmt == "csv":
        content = compliance_csv(figures).encode("utf-8")
    else:
        raise ValueError(
            f"The compliance view comes as {', '.join(COMPLIANCE_FORMATS)}, not {fmt}."
        )
    name = f"{slugify(landlord.name)}-compliance-{year}-{(year + 1) % 100:02d}.{fmt}"
    return Export(content, name, CONTENT_TYPES[fmt])
