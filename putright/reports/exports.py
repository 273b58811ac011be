"""The reports in each of their formats, as bytes with a file name and a content type:
shared by the command line (`putright report`) and the staff pages' downloads."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from django.utils.text import slugify

from putright.landlords.models import Landlord
from putright.reports.layout import annual_document, quarterly_document
from putright.reports.periods import Quarter
from putright.reports.quarterly import quarterly_update
from putright.reports.render import document_pdf, standalone_html
from putright.reports.report import annual_report
from putright.reports.tsm import tsm_csv, tsm_return
from putright.reports.xlsx import document_xlsx

CONTENT_TYPES = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
ANNUAL_FORMATS = ("json", "html", "pdf", "xlsx")
TSM_FORMATS = ("json", "csv")
QUARTERLY_FORMATS = ("json", "html", "pdf", "xlsx")


@dataclass(frozen=True)
class Export:
    content: bytes
    filename: str
    content_type: str


def as_json(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _name(landlord: Landlord, what: str, fmt: str) -> str:
    return f"{slugify(landlord.name)}-{what}.{fmt}"


def annual_export(landlord: Landlord, year: int, fmt: str, *, on: dt.date | None = None) -> Export:
    report = annual_report(landlord, year, on=on)
    if fmt == "json":
        content = as_json(report.figures)
    else:
        document = annual_document(report)
        if fmt == "html":
            content = standalone_html(document).encode("utf-8")
        elif fmt == "pdf":
            content = document_pdf(document)
        elif fmt == "xlsx":
            content = document_xlsx(document)
        else:
            raise ValueError(f"The annual report comes as {', '.join(ANNUAL_FORMATS)}, not {fmt}.")
    what = f"annual-complaints-report-{year}-{(year + 1) % 100:02d}"
    return Export(content, _name(landlord, what, fmt), CONTENT_TYPES[fmt])


def tsm_export(landlord: Landlord, year: int, fmt: str) -> Export:
    tsm = tsm_return(landlord, year)
    if fmt == "csv":
        content = tsm_csv(tsm).encode("utf-8")
    elif fmt == "json":
        content = as_json(tsm)
    else:
        raise ValueError(f"The TSM return comes as {', '.join(TSM_FORMATS)}, not {fmt}.")
    what = f"tsm-complaints-{year}-{(year + 1) % 100:02d}"
    return Export(content, _name(landlord, what, fmt), CONTENT_TYPES[fmt])


def quarterly_export(
    landlord: Landlord, quarter: Quarter, fmt: str, *, on: dt.date | None = None
) -> Export:
    update = quarterly_update(landlord, quarter, on=on)
    if fmt == "json":
        content = as_json(update.figures)
    else:
        document = quarterly_document(update)
        if fmt == "html":
            content = standalone_html(document).encode("utf-8")
        elif fmt == "pdf":
            content = document_pdf(document)
        elif fmt == "xlsx":
            content = document_xlsx(document)
        else:
            raise ValueError(
                f"The quarterly update comes as {', '.join(QUARTERLY_FORMATS)}, not {fmt}."
            )
    return Export(content, _name(landlord, f"quarterly-update-{quarter}", fmt), CONTENT_TYPES[fmt])
