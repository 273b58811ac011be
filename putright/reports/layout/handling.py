"""The annual report's account of how complaints were handled (Code 8.1 b): how many came
in, which were not accepted, what they were about, their outcomes, how quickly they were
acknowledged and answered, the extensions and why residents escalated. Each section has
last year beside this year where there was a last year."""

from __future__ import annotations

from typing import Any

from putright.reports.document import (
    Chart,
    Column,
    ColumnKind,
    Figure,
    Section,
    Table,
    format_cell,
    plural,
)
from putright.reports.labels import label
from putright.reports.layout.common import report_years, top_sentence
from putright.reports.layout.homes import homes_table
from putright.reports.report import AnnualReport
from putright.rules.codes import Outcome
from putright.rules.counting import change_pct, percent
from putright.rules.timescales import (
    ACKNOWLEDGEMENT_WORKING_DAYS,
    EXTENSION_LIMIT_WORKING_DAYS,
    RESPONSE_WORKING_DAYS,
)


def _breakdown_table(
    key: str,
    caption: str,
    code_list: str | None,
    this: tuple[str, str | None],
    stage1: dict[str, int],
    stage2: dict[str, int],
    previous1: dict[str, int] | None,
    previous2: dict[str, int] | None,
    first_heading: str,
    summary_words: str,
) -> Table:
    """A breakdown by stage, with last year's counts beside this year's when there are any."""
    now, before = this
    keys = list(stage1)
    for counts in (stage2, previous1 or {}, previous2 or {}):
        keys += [k for k in counts if k not in keys]
    columns = [Column(first_heading), Column(f"Stage 1 {now}", "count")]
    if before:
        columns.append(Column(f"Stage 1 {before}", "count"))
    columns.append(Column(f"Stage 2 {now}", "count"))
    if before:
        columns.append(Column(f"Stage 2 {before}", "count"))
    rows = []
    for k in keys:
        row: list[Any] = [label(code_list, k), stage1.get(k, 0)]
        if before:
            row.append((previous1 or {}).get(k, 0))
        row.append(stage2.get(k, 0))
        if before:
            row.append((previous2 or {}).get(k, 0))
        rows.append(row)
    summary = top_sentence(stage1, code_list, summary_words)
    return Table(
        key=key,
        caption=caption,
        columns=columns,
        rows=rows,
        summary=summary or f"There were none at stage 1 in {now}.",
        chart=Chart((1, 2)) if rows else None,
    )


def volumes_section(report: AnnualReport) -> Section:
    """How many complaints, service requests and member enquiries, and the rates per 1,000 homes."""
    f, p = report.figures, report.figures["previous"]
    now, before = report_years(report)
    spec = [
        ("Complaints logged", lambda x: x["logged"]),
        ("Service requests", lambda x: x["service_requests"]),
        ("Member enquiries (MPs and councillors)", lambda x: x["member_enquiries"]),
        ("Complaints not accepted", lambda x: x["not_accepted"]["total"]),
        ("Stage 1 complaints received", lambda x: x["stage1"]["received"]),
        ("Stage 2 requests refused", lambda x: x["stage2"]["not_accepted"]),
        ("Stage 2 complaints received", lambda x: x["stage2"]["received"]),
        ("Complaints withdrawn", lambda x: x["withdrawn"]),
        ("Stage 1 responses sent", lambda x: x["stage1"]["responded"]),
        ("Stage 2 responses sent", lambda x: x["stage2"]["responded"]),
    ]
    columns = [Column("Figure"), Column(now, "count")]
    if before:
        columns += [Column(before, "count"), Column("Change", "change")]
    rows = [
        [words, get(f)] + ([get(p), change_pct(get(f), get(p))] if before else [])
        for words, get in spec
    ]
    rates: list[tuple[str, Any, ColumnKind, Any]] = [
        (
            "Stage 1 complaints per 1,000 homes (CH01)",
            f["stage1"]["per_1000_homes"],
            "rate",
            p and p["stage1"]["per_1000_homes"],
        ),
        (
            "Stage 2 complaints per 1,000 homes (CH01)",
            f["stage2"]["per_1000_homes"],
            "rate",
            p and p["stage2"]["per_1000_homes"],
        ),
        (
            "Escalation rate: stage 2 as a share of stage 1",
            f["escalation_rate_pct"],
            "percent",
            p and p["escalation_rate_pct"],
        ),
    ]
    rate_columns = [Column("Figure"), Column(now, "rate")]
    if before:
        rate_columns.append(Column(before, "rate"))
    received_table = Table(
        "received-by-stage",
        "Complaints received at each stage",
        [Column("Stage")] + [Column(now, "count")] + ([Column(before, "count")] if before else []),
        [
            ["Stage 1", f["stage1"]["received"]] + ([p["stage1"]["received"]] if before else []),
            ["Stage 2", f["stage2"]["received"]] + ([p["stage2"]["received"]] if before else []),
        ],
        summary=(
            f"{f['stage1']['received']:,} stage 1 and {f['stage2']['received']:,} stage 2 "
            f"complaints were received in {now}"
            + (
                f", against {p['stage1']['received']:,} and {p['stage2']['received']:,} in {before}."
                if before
                else "."
            )
        ),
        chart=Chart((1, 2) if before else (1,)),
    )
    homes = f["homes"]["total"]
    paragraphs = [
        "Every figure counts complaints under the Housing Ombudsman's jurisdiction only. "
        "A service request or a member enquiry is not a complaint; they are recorded and "
        "counted here because the Code asks us to monitor them (Code 1.4)."
    ]
    if homes:
        paragraphs.append(
            f"Rates per 1,000 homes use the {homes:,} homes we owned at the end of the year "
            f"({f['homes']['lcra']:,} low-cost rental and {f['homes']['lcho']:,} low-cost home "
            "ownership)."
        )
    else:
        paragraphs.append(
            "The number of homes owned at the end of the year has not been entered, so the "
            "rates per 1,000 homes cannot be worked out."
        )
    # A rate and a percentage share one table: each cell carries its own kind.
    rate_table = Table(
        "rates",
        "Rates",
        [rate_columns[0]] + [Column(c.heading, "figure") for c in rate_columns[1:]],
        [
            [words, Figure(value, kind)] + ([Figure(previous, kind)] if before else [])
            for words, value, kind, previous in rates
        ],
    )
    return Section(
        id="volumes",
        heading="How many complaints we received",
        paragraphs=paragraphs,
        tables=[Table("volumes", "Volumes", columns, rows), received_table, rate_table]
        + [t for t in [homes_table(report)] if t is not None],
    )


def not_accepted_section(report: AnnualReport) -> Section:
    """Complaints not accepted by reason (Code 2.4), and stage 2 requests refused (5.11)."""
    f, p = report.figures, report.figures["previous"]
    now, before = report_years(report)
    reasons = f["not_accepted"]["by_reason"]
    previous = p["not_accepted"]["by_reason"] if p else {}
    keys = list(reasons) + [k for k in previous if k not in reasons]
    columns = [Column("Reason"), Column(now, "count")] + (
        [Column(before, "count")] if before else []
    )
    rows = [
        [label("not_accepted_reason", k), reasons.get(k, 0)]
        + ([previous.get(k, 0)] if before else [])
        for k in keys
    ]
    total = f["not_accepted"]["total"]
    paragraphs = [
        f"We did not accept {plural(total, 'complaint')} in {now}. The Code asks that "
        "each is told why in writing, with the right to ask the Ombudsman to look at "
        "that decision (Code 2.4)."
        if total
        else f"We accepted every complaint made to us in {now}."
    ]
    refused = f["stage2"]["not_accepted"]
    paragraphs.append(
        f"We refused {plural(refused, 'request')} for stage 2 (Code 5.11)."
        if refused
        else f"We refused no requests for stage 2 in {now}."
    )
    tables = []
    if rows:
        tables.append(
            Table(
                "not-accepted",
                "Complaints not accepted, by reason",
                columns,
                rows,
                summary=top_sentence(reasons, "not_accepted_reason") or f"None in {now}.",
                chart=Chart((1, 2) if before else (1,)),
            )
        )
    return Section(
        id="not-accepted",
        heading="Complaints we did not accept",
        code="Code 8.1 (b)",
        paragraphs=paragraphs,
        tables=tables,
    )


def about_section(report: AnnualReport) -> Section:
    """What the complaints were about: service area, theme, handler, tenure and root cause."""
    f, p = report.figures, report.figures["previous"]
    years = report_years(report)
    s1, s2 = f["stage1"], f["stage2"]
    p1, p2 = (p["stage1"], p["stage2"]) if p else (None, None)

    def table(
        key: str, caption: str, field: str, code_list: str | None, heading: str, words: str
    ) -> Table:
        return _breakdown_table(
            key,
            caption,
            code_list,
            years,
            s1[field],
            s2[field],
            p1[field] if p1 else None,
            p2[field] if p2 else None,
            heading,
            words,
        )

    tables = [
        table(
            "service-area",
            "Complaints received by service area",
            "by_service_area",
            None,
            "Service area",
            "stage 1 complaints",
        ),
        table(
            "theme", "Complaints received by theme", "by_theme", None, "Theme", "stage 1 complaints"
        ),
        table(
            "handler",
            "Complaints received by who handled them",
            "by_handler",
            None,
            "Handled by",
            "stage 1 complaints",
        ),
        table(
            "tenure",
            "Complaints received by the resident's tenure",
            "by_tenure",
            "tenure",
            "Tenure",
            "stage 1 complaints",
        ),
        table(
            "root-cause",
            "Root causes of the complaints answered",
            "by_root_cause",
            "root_cause",
            "Root cause",
            "stage 1 complaints answered",
        ),
    ]
    for t in tables:
        if not t.rows:
            t.chart = None
    return Section(
        id="what-about",
        heading="What the complaints were about",
        paragraphs=[
            "Service area, theme, handler and tenure count the complaints received; root "
            "cause counts the complaints answered, because the cause is known when the "
            "response is. A contractor named under handler dealt with the complaint for us, "
            "inside our two stages (Code 5.4)."
        ],
        tables=[t for t in tables if t.rows] or [],
    )


def outcomes_section(report: AnnualReport) -> Section:
    """The outcomes of the responses sent, by stage."""
    f, p = report.figures, report.figures["previous"]
    now, before = report_years(report)
    columns = [Column("Outcome"), Column(f"Stage 1 {now}", "count")]
    if before:
        columns.append(Column(f"Stage 1 {before}", "count"))
    columns.append(Column(f"Stage 2 {now}", "count"))
    if before:
        columns.append(Column(f"Stage 2 {before}", "count"))
    rows = []
    for outcome in Outcome:
        row: list[Any] = [outcome.label, f["stage1"]["outcomes"].get(outcome.value, 0)]
        if before:
            row.append(p["stage1"]["outcomes"].get(outcome.value, 0))
        row.append(f["stage2"]["outcomes"].get(outcome.value, 0))
        if before:
            row.append(p["stage2"]["outcomes"].get(outcome.value, 0))
        rows.append(row)

    s1 = format_cell(f["stage1"]["upheld_or_partly_pct"], "percent")
    s2 = format_cell(f["stage2"]["upheld_or_partly_pct"], "percent")
    summary = (
        f"Of the stage 1 responses sent in {now}, {s1} upheld the complaint in full or in part; "
        f"at stage 2, {s2}."
    )
    return Section(
        id="outcomes",
        heading="Outcomes",
        paragraphs=[summary],
        tables=[
            Table(
                "outcomes",
                "Outcomes of the responses sent",
                columns,
                rows,
                summary=summary,
                chart=Chart((1, 3) if before else (1, 2)),
            )
        ],
    )


def timeliness_section(report: AnnualReport) -> Section:
    """Acknowledgements and responses on time (Code 6.2, 6.3, 6.11, 6.14), both CH02 readings."""
    f, p = report.figures, report.figures["previous"]
    now, before = report_years(report)
    columns = [
        Column("Stage and year"),
        Column("Acknowledgements sent", "count"),
        Column(f"Acknowledged within {ACKNOWLEDGEMENT_WORKING_DAYS} working days", "count"),
        Column("Acknowledged on time (%)", "percent"),
        Column("Responses sent", "count"),
        Column("Within the Code's timescale", "count"),
        Column("Within the timescale (%)", "percent"),
        Column("Within the timescale or an agreed extension", "count"),
        Column("Within the timescale or an agreed extension (%)", "percent"),
        Column("Responses that were extended", "count"),
    ]
    rows = []
    for n in (1, 2):
        for year_label, figures in ((now, f), (before, p)):
            if year_label is None or figures is None:
                continue
            s = figures[f"stage{n}"]

            rows.append(
                [
                    f"Stage {n} {year_label}",
                    s["acknowledged"],
                    s["acknowledged_within_timescale"],
                    percent(s["acknowledged_within_timescale"], s["acknowledged"]),
                    s["responded"],
                    s["responded_within_timescale"],
                    s["within_timescale_pct"],
                    s["responded_within_agreed_extension"],
                    s["within_agreed_extension_pct"],
                    s["extended"],
                ]
            )
    chart_rows = (
        [
            [
                f"Stage {n} acknowledgements",
                f["acknowledgements"][f"stage{n}"]["within_timescale_pct"],
            ]
            for n in (1, 2)
        ]
        + [
            [f"Stage {n} responses (strict)", f[f"stage{n}"]["within_timescale_pct"]]
            for n in (1, 2)
        ]
        + [
            [
                f"Stage {n} responses (with extensions)",
                f[f"stage{n}"]["within_agreed_extension_pct"],
            ]
            for n in (1, 2)
        ]
    )

    summary = (
        f"In {now}, {format_cell(f['stage1']['within_agreed_extension_pct'], 'percent')} of "
        "stage 1 responses and "
        f"{format_cell(f['stage2']['within_agreed_extension_pct'], 'percent')} of stage 2 "
        "responses were sent within the Code's timescales or an extension agreed with the "
        f"resident; without counting extensions, "
        f"{format_cell(f['stage1']['within_timescale_pct'], 'percent')} and "
        f"{format_cell(f['stage2']['within_timescale_pct'], 'percent')}."
    )
    return Section(
        id="timeliness",
        heading="How quickly we acknowledged and responded",
        paragraphs=[
            f"The Code gives {ACKNOWLEDGEMENT_WORKING_DAYS} working days to acknowledge a "
            "complaint at either stage (Code 6.2, 6.11), then "
            f"{RESPONSE_WORKING_DAYS[1]} working days for the stage 1 response (6.3) and "
            f"{RESPONSE_WORKING_DAYS[2]} for the stage 2 response (6.14), counted from the "
            "acknowledgement. A late "
            "acknowledgement does not add time. An extension agreed with the resident for a "
            "complex complaint moves the date (6.4, 6.15); both figures are shown.",
            summary,
        ],
        tables=[
            Table("timeliness", "Acknowledgements and responses on time", columns, rows),
            Table(
                "timeliness-chart",
                f"Share on time in {now}",
                [Column("Step"), Column("On time (%)", "percent")],
                chart_rows,
                summary=summary,
                chart=Chart((1,)),
            ),
        ],
    )


def extensions_section(report: AnnualReport) -> Section:
    """Extensions, their length and reasons (Code 6.4, 6.5, 6.15, 6.16)."""
    f = report.figures
    now, _ = report_years(report)
    e1, e2 = f["extensions"]["stage1"], f["extensions"]["stage2"]
    columns = [Column("Figure"), Column("Stage 1", "count"), Column("Stage 2", "count")]
    rows = [
        ["Responses that had been extended", e1["cases"], e2["cases"]],
        [
            "Extensions longer than the Code's limit in all "
            f"({EXTENSION_LIMIT_WORKING_DAYS[1]} / {EXTENSION_LIMIT_WORKING_DAYS[2]} working days)",
            e1["over_limit"],
            e2["over_limit"],
        ],
        [
            "Of those, with a good reason recorded",
            e1["over_limit_with_good_reason"],
            e2["over_limit_with_good_reason"],
        ],
        ["Extension decisions", e1["decisions"], e2["decisions"]],
        [
            "Decisions made in Putright",
            e1["decisions_recorded_in_putright"],
            e2["decisions_recorded_in_putright"],
        ],
        [
            "Of those, the resident was given the Ombudsman's details",
            e1["ombudsman_details_given"],
            e2["ombudsman_details_given"],
        ],
    ]
    average_table = Table(
        "extension-length",
        "Average length of an extension",
        [Column("Stage"), Column("Average working days", "rate")],
        [["Stage 1", e1["average_working_days"]], ["Stage 2", e2["average_working_days"]]],
    )
    reasons = list(e1["by_reason"]) + [k for k in e2["by_reason"] if k not in e1["by_reason"]]
    reason_table = Table(
        "extension-reasons",
        "Reasons for extensions",
        [Column("Reason"), Column("Stage 1", "count"), Column("Stage 2", "count")],
        [[label(None, r), e1["by_reason"].get(r, 0), e2["by_reason"].get(r, 0)] for r in reasons],
        summary=top_sentence(
            {r: e1["by_reason"].get(r, 0) + e2["by_reason"].get(r, 0) for r in reasons},
            None,
            "extensions",
            quoted=True,
        ),
        chart=Chart((1, 2)) if reasons else None,
    )
    total = e1["cases"] + e2["cases"]
    return Section(
        id="extensions",
        heading="Extensions and their reasons",
        paragraphs=[
            f"{plural(total, 'response')} sent in {now} had been extended. Counted over the "
            "responses sent in the year; the reasons are as recorded when the extension was "
            "agreed."
            if total
            else f"None of the responses sent in {now} had been extended."
        ],
        tables=[Table("extensions", "Extensions", columns, rows), average_table]
        + ([reason_table] if reasons else []),
    )


def escalation_section(report: AnnualReport) -> Section:
    """The reasons residents gave for asking for stage 2."""
    f, p = report.figures, report.figures["previous"]
    now, before = report_years(report)
    reasons = f["escalation_reasons"]
    previous = p["escalation_reasons"] if p else {}
    keys = list(reasons) + [k for k in previous if k not in reasons]
    rows = [
        [label("escalation_reason", k), reasons.get(k, 0)]
        + ([previous.get(k, 0)] if before else [])
        for k in keys
    ]
    columns = [Column("Reason"), Column(now, "count")] + (
        [Column(before, "count")] if before else []
    )
    return Section(
        id="escalation",
        heading="Why residents asked for stage 2",
        paragraphs=[
            "Residents do not have to give a reason to escalate (Code 6.12); where they did, "
            "it is counted here, over the stage 2 complaints received."
        ],
        tables=[
            Table(
                "escalation-reasons",
                "Reasons given for escalating to stage 2",
                columns,
                rows,
                summary=top_sentence(reasons, "escalation_reason")
                or f"No stage 2 complaints in {now}.",
                chart=Chart((1, 2) if before else (1,)),
            )
        ]
        if rows
        else [],
    )
