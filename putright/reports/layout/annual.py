"""The annual complaints performance and service improvement report (Code 8.1) laid out as a
document, with the governing body's response (8.2): the order of its sections, the figures
at a glance, and the words the landlord wrote. The sections on handling, putting things
right, equality and the TSMs are in their own modules beside this one."""

from __future__ import annotations

import datetime as dt
from typing import Any

from putright.reports.document import (
    Column,
    ColumnKind,
    Document,
    Figure,
    Section,
    Table,
    plural,
)
from putright.reports.layout.breakdowns import add_breakdowns
from putright.reports.layout.coded import (
    extension_reasons_section,
    records_by_service_area_section,
    sub_causes_section,
)
from putright.reports.layout.common import as_decimal, report_years, slot_section
from putright.reports.layout.compliments import compliments_section
from putright.reports.layout.equality import equality_section
from putright.reports.layout.handling import (
    about_section,
    escalation_section,
    extensions_section,
    not_accepted_section,
    outcomes_section,
    timeliness_section,
    volumes_section,
)
from putright.reports.layout.putting_right import putting_right_section
from putright.reports.layout.tsm import tsm_section
from putright.reports.report import AnnualReport


def _glance(report: AnnualReport) -> Section:
    f, change = report.figures, report.figures["change"]
    now, before = report_years(report)
    rows_spec: list[tuple[str, str, ColumnKind]] = [
        ("Complaints logged", "logged", "count"),
        ("Stage 1 complaints received", "stage1_received", "count"),
        ("Stage 2 complaints received", "stage2_received", "count"),
        ("Stage 1 complaints per 1,000 homes", "stage1_per_1000_homes", "rate"),
        ("Escalated to stage 2 (% of stage 1)", "escalation_rate_pct", "percent"),
        (
            "Stage 1 responses within the Code's timescales, with agreed extensions",
            "stage1_within_agreed_extension_pct",
            "percent",
        ),
        (
            "Stage 2 responses within the Code's timescales, with agreed extensions",
            "stage2_within_agreed_extension_pct",
            "percent",
        ),
        (
            "Stage 1 complaints upheld or partly upheld (%)",
            "stage1_upheld_or_partly_pct",
            "percent",
        ),
        ("Compensation offered", "compensation_total_gbp", "money"),
    ]
    current = {
        "logged": f["logged"],
        "stage1_received": f["stage1"]["received"],
        "stage2_received": f["stage2"]["received"],
        "stage1_per_1000_homes": f["stage1"]["per_1000_homes"],
        "escalation_rate_pct": f["escalation_rate_pct"],
        "stage1_within_agreed_extension_pct": f["stage1"]["within_agreed_extension_pct"],
        "stage2_within_agreed_extension_pct": f["stage2"]["within_agreed_extension_pct"],
        "stage1_upheld_or_partly_pct": f["stage1"]["upheld_or_partly_pct"],
        "compensation_total_gbp": f["compensation_total_gbp"],
    }
    # Mixed units in one table: each cell carries its own kind.
    columns = [Column("Figure"), Column(now, "figure")]
    if before:
        columns += [
            Column(before, "figure"),
            Column("Change", "text"),
            Column("Change (%)", "change"),
        ]
    rows = []
    for words, key, kind in rows_spec:
        value = current[key] if kind != "money" else as_decimal(current[key])
        row: list[Any] = [words, Figure(value, kind)]
        if before:
            entry = change[key]
            previous = entry["previous"] if kind != "money" else as_decimal(entry["previous"])
            row.append(Figure(previous, kind))
            row.append(_difference_words(entry, kind))
            row.append(entry.get("change_pct"))
        rows.append(row)
    paragraphs = [
        f"We logged {plural(f['logged'], 'complaint')} in {now}: "
        f"{f['stage1']['received']:,} {'was' if f['stage1']['received'] == 1 else 'were'} "
        f"taken on at stage 1 and {f['stage2']['received']:,} went on to stage 2."
    ]
    if before:
        paragraphs.append(
            f"The figures for {before} are shown beside this year's throughout, counted by "
            "the same rules."
        )
    return Section(
        id="at-a-glance",
        heading=f"{now} at a glance",
        paragraphs=paragraphs,
        tables=[Table("at-a-glance", "Headline figures", columns, rows)],
    )


def _difference_words(entry: dict[str, Any], kind: str) -> str:
    difference = entry["difference"]
    if difference is None:
        return "no comparison"
    if kind == "money":
        amount = as_decimal(difference)
        if amount == 0:
            return "no change"
        pct = entry.get("change_pct")
        return f"{'up' if amount > 0 else 'down'} £{abs(amount):,.2f}" + (
            f" ({abs(pct):.1f}%)" if pct is not None else ""
        )
    if difference == 0:
        return "no change"
    direction = "up" if difference > 0 else "down"
    if kind == "count":
        pct = entry.get("change_pct")
        return f"{direction} {abs(difference):,}" + (
            f" ({abs(pct):.1f}%)" if pct is not None else ""
        )
    unit = " percentage points" if kind == "percent" else ""
    return f"{direction} {abs(difference):.{1 if kind == 'percent' else 2}f}{unit}"


def _written(section_id: str, heading: str, text: str, code: str = "", by: str = "") -> Section:
    return Section(id=section_id, heading=heading, code=code, written=text, written_by=by)


def annual_document(report: AnnualReport) -> Document:
    """The annual complaints performance and service improvement report (Code 8.1), with the
    governing body's response (8.2)."""
    now = report.period.label
    narrative = report.figures["narrative"]
    sections: list[Section] = []
    if narrative["introduction"]:
        sections.append(_written("introduction", "Introduction", narrative["introduction"]))
    sections.append(_glance(report))
    sections.append(slot_section("self_assessment", report.sections["self_assessment"], now))
    performance = Section(
        id="performance",
        heading="Our complaint handling performance",
        code="Code 8.1 (b)",
        paragraphs=[
            "How many complaints we received, what they were about, how we answered them and "
            "how quickly, and what we did to put things right."
        ],
        subsections=[
            volumes_section(report),
            records_by_service_area_section(report),
            not_accepted_section(report),
            about_section(report),
            sub_causes_section(report),
            outcomes_section(report),
            timeliness_section(report),
            extensions_section(report),
            extension_reasons_section(report),
            escalation_section(report),
            putting_right_section(report),
            equality_section(report),
            slot_section("resident_feedback", report.sections["resident_feedback"], now),
            tsm_section(report),
        ],
    )
    add_breakdowns(performance, report)
    sections.append(performance)
    sections.append(compliments_section(report.figures["compliments"], now))
    sections.append(
        slot_section("ombudsman_non_compliance", report.sections["ombudsman_non_compliance"], now)
    )
    learning = slot_section("learning", report.sections["learning"], now)
    if narrative["learning"]:
        learning.written = narrative["learning"]
        if report.sections["learning"].is_empty:
            learning.paragraphs = []
    sections.append(learning)
    sections.append(slot_section("ombudsman_casework", report.sections["ombudsman_casework"], now))
    if narrative["plans"]:
        sections.append(_written("plans", "Our plans for the coming year", narrative["plans"]))
    body = narrative["governing_body"] or "The governing body"
    response = _written(
        "governing-body-response",
        "The governing body's response",
        narrative["governing_body_response"],
        code="Code 8.2",
    )
    if narrative["governing_body_response"]:
        on = narrative["governing_body_response_on"]
        response.paragraphs = [
            f"{body} considered this report"
            + (f" on {_long_date(on)}" if on else "")
            + " and responded as follows."
        ]
    else:
        response.paragraphs = [f"{body} has not yet responded to this report."]
    sections.append(response)
    return Document(
        title="Annual complaints performance and service improvement report",
        landlord=report.landlord.name,
        period=now,
        subtitle=f"1 April {report.year} to 31 March {report.year + 1}",
        sections=sections,
        generated_on=report.generated_on,
    )


def _long_date(iso: str) -> str:
    return f"{dt.date.fromisoformat(iso):%-d %B %Y}"
