"""The annual report and the quarterly update laid out as documents: headings under the
Code's paragraphs, tables with last year beside this year, a chart and a sentence for each
table that is worth drawing. The figures all come from the report's data (the same dict the
JSON is written from), so every format shows the same numbers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from putright.reports.document import (
    NOT_ENTERED,
    SUPPRESSED,
    SUPPRESSED_TEXT,
    Chart,
    Column,
    Document,
    Figure,
    Marker,
    Section,
    Table,
    format_cell,
    plural,
)
from putright.reports.labels import label
from putright.reports.quarterly import QuarterlyUpdate
from putright.reports.report import AnnualReport
from putright.reports.sections import SLOTS, SectionContent
from putright.rules.codes import Outcome
from putright.rules.counting import financial_year_label, percent
from putright.rules.timescales import (
    ACKNOWLEDGEMENT_WORKING_DAYS,
    EXTENSION_LIMIT_WORKING_DAYS,
    RESPONSE_WORKING_DAYS,
)


def _money(text: str | None) -> Any:
    return None if text is None else Decimal(text)


def _years(report: AnnualReport) -> tuple[str, str | None]:
    has_previous = report.figures["previous"] is not None
    return report.period.label, financial_year_label(report.year - 1) if has_previous else None


def _top(counts: dict[str, int], code_list: str | None, what: str = "") -> str:
    """ "Repairs had the most stage 1 complaints: 9 of 12." (the text beside a chart)."""
    if not counts:
        return ""
    key, n = max(counts.items(), key=lambda item: item[1])
    total = sum(counts.values())
    return f"{label(code_list, key)} had the most{' ' + what if what else ''}: {n:,} of {total:,}."


def _slot_section(key: str, content: SectionContent, period: str) -> Section:
    slot = SLOTS[key]
    return Section(
        id=key.replace("_", "-"),
        heading=slot.heading,
        code=f"Code {slot.code}",
        paragraphs=content.paragraphs or [slot.nothing.format(period=period)],
        tables=list(content.tables),
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
    summary = _top(stage1, code_list, summary_words)
    return Table(
        key=key,
        caption=caption,
        columns=columns,
        rows=rows,
        summary=summary or f"There were none at stage 1 in {now}.",
        chart=Chart((1, 2)) if rows else None,
    )


# The annual report ------------------------------------------------------------------------


def _glance(report: AnnualReport) -> Section:
    f, change = report.figures, report.figures["change"]
    now, before = _years(report)
    rows_spec = [
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
        columns += [Column(before, "figure"), Column("Change", "text")]
    rows = []
    for words, key, kind in rows_spec:
        value = current[key] if kind != "money" else _money(current[key])
        row: list[Any] = [words, Figure(value, kind)]
        if before:
            entry = change[key]
            previous = entry["previous"] if kind != "money" else _money(entry["previous"])
            row.append(Figure(previous, kind))
            row.append(_difference_words(entry, kind))
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
        amount = _money(difference)
        if amount == 0:
            return "no change"
        return f"{'up' if amount > 0 else 'down'} £{abs(amount):,.2f}"
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


def _volumes(report: AnnualReport) -> Section:
    f, p = report.figures, report.figures["previous"]
    now, before = _years(report)
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
        columns.append(Column(before, "count"))
    rows = [[words, get(f)] + ([get(p)] if before else []) for words, get in spec]
    rates = [
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
        tables=[Table("volumes", "Volumes", columns, rows), received_table, rate_table],
    )


def _not_accepted(report: AnnualReport) -> Section:
    f, p = report.figures, report.figures["previous"]
    now, before = _years(report)
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
                summary=_top(reasons, "not_accepted_reason") or f"None in {now}.",
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


def _about(report: AnnualReport) -> Section:
    f, p = report.figures, report.figures["previous"]
    years = _years(report)
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


def _outcomes(report: AnnualReport) -> Section:
    f, p = report.figures, report.figures["previous"]
    now, before = _years(report)
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


def _timeliness(report: AnnualReport) -> Section:
    f, p = report.figures, report.figures["previous"]
    now, before = _years(report)
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


def _extensions(report: AnnualReport) -> Section:
    f = report.figures
    now, _ = _years(report)
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
        summary=_top(
            {r: e1["by_reason"].get(r, 0) + e2["by_reason"].get(r, 0) for r in reasons}, None
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


def _escalation(report: AnnualReport) -> Section:
    f, p = report.figures, report.figures["previous"]
    now, before = _years(report)
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
                summary=_top(reasons, "escalation_reason") or f"No stage 2 complaints in {now}.",
                chart=Chart((1, 2) if before else (1,)),
            )
        ]
        if rows
        else [],
    )


def _remedies(report: AnnualReport) -> Section:
    f, p = report.figures, report.figures["previous"]
    now, before = _years(report)
    c = f["compensation"]
    money_columns = [
        Column("Stage"),
        Column("Responses offering compensation", "count"),
        Column("Offered", "money"),
        Column("Accepted", "money"),
        Column("Paid", "money"),
    ]
    money_rows = [
        [
            f"Stage {n}",
            c[f"stage{n}"]["cases"],
            _money(c[f"stage{n}"]["total_gbp"]),
            _money(c[f"stage{n}"]["accepted_gbp"]),
            _money(c[f"stage{n}"]["paid_gbp"]),
        ]
        for n in (1, 2)
    ]
    if before:
        money_rows += [
            [
                f"Stage {n} {before}",
                p[f"stage{n}"]["compensation"]["cases"],
                _money(p[f"stage{n}"]["compensation"]["total_gbp"]),
                None,
                None,
            ]
            for n in (1, 2)
        ]
    reasons = list(c["stage1"]["by_reason"]) + [
        k for k in c["stage2"]["by_reason"] if k not in c["stage1"]["by_reason"]
    ]
    reason_rows = []
    for r in reasons:
        one = c["stage1"]["by_reason"].get(r, {"cases": 0, "total_gbp": "0.00"})
        two = c["stage2"]["by_reason"].get(r, {"cases": 0, "total_gbp": "0.00"})
        reason_rows.append(
            [
                label("compensation_reason", r),
                one["cases"],
                _money(one["total_gbp"]),
                two["cases"],
                _money(two["total_gbp"]),
            ]
        )
    r = f["remedies"]
    kinds = list(r["stage1"]["by_kind"]) + [
        k for k in r["stage2"]["by_kind"] if k not in r["stage1"]["by_kind"]
    ]
    kind_rows = [
        [
            label("remedy_kind", k),
            r["stage1"]["by_kind"].get(k, 0),
            r["stage2"]["by_kind"].get(k, 0),
        ]
        for k in kinds
    ]
    followed = r["followed_through"]

    paragraphs = [
        f"We offered {format_cell(_money(c['total_gbp']), 'money')} in compensation in {now}, "
        f"in {plural(c['stage1']['cases'] + c['stage2']['cases'], 'response')}. Compensation is "
        "counted when the response offering it was sent.",
        f"Of the {plural(followed['due'], 'remedy', 'remedies')} due by a date in {now} that has passed, "
        f"{followed['done_on_time']:,} were done by that date, {followed['done_late']:,} later "
        f"and {followed['not_done']:,} are not done yet (Code 7.3).",
    ]
    tables = [
        Table("compensation", "Compensation by stage", money_columns, money_rows),
    ]
    if reason_rows:
        tables.append(
            Table(
                "compensation-reasons",
                "Compensation offered by reason",
                [
                    Column("Reason"),
                    Column("Stage 1 cases", "count"),
                    Column("Stage 1 offered", "money"),
                    Column("Stage 2 cases", "count"),
                    Column("Stage 2 offered", "money"),
                ],
                reason_rows,
                summary=_top(
                    {k: c["stage1"]["by_reason"].get(k, {"cases": 0})["cases"] for k in reasons},
                    "compensation_reason",
                ),
                chart=Chart((2, 4)),
            )
        )
    if kind_rows:
        tables.append(
            Table(
                "remedies",
                "Remedies offered, by kind",
                [Column("Remedy"), Column("Stage 1", "count"), Column("Stage 2", "count")],
                kind_rows,
                summary=_top(r["stage1"]["by_kind"], "remedy_kind"),
                chart=Chart((1, 2)),
            )
        )
    tables.append(
        Table(
            "remedies-followed-through",
            "Remedies followed through",
            [Column("Remedies due"), Column("Number", "count")],
            [
                ["Due by a date that has passed", followed["due"]],
                ["Done by the date", followed["done_on_time"]],
                ["Done later", followed["done_late"]],
                ["Not done yet", followed["not_done"]],
            ],
        )
    )
    return Section(
        id="putting-things-right",
        heading="Putting things right",
        code="Code 7",
        paragraphs=paragraphs,
        tables=tables,
    )


def _equality(report: AnnualReport) -> Section:
    e = report.figures["equality"]
    questions = (
        ("age_band", "Age"),
        ("sex", "Sex"),
        ("ethnicity", "Ethnicity"),
        ("disability", "Disability"),
    )
    tables = []
    for key, title in questions:
        counts = e[key]["counts"]
        rows = [[label(key, value), SUPPRESSED if n is None else n] for value, n in counts.items()]
        tables.append(
            Table(
                f"equality-{key.replace('_', '-')}",
                f"{title} of the people who complained",
                [Column(title), Column("Complaints", "count")],
                rows,
            )
        )
    with_data = e["with_equality_data"]
    answered = SUPPRESSED_TEXT if with_data is None else f"{with_data:,}"
    return Section(
        id="equality",
        heading="Who complained: equality data",
        paragraphs=[
            f"Of the {plural(e['complaints'], 'complaint')} received at stage 1, {answered} came from "
            "people who told us about themselves. Answering is optional, and the answers are "
            "held apart from the complaint and only ever counted together.",
            f"To protect people's privacy, any count below {e['threshold']} is shown as "
            f'"fewer than {e["threshold"]}", and where only one count of a question would '
            "be hidden, the next smallest is hidden too.",
        ],
        tables=tables,
    )


def _tsm(report: AnnualReport) -> Section:
    f = report.figures
    tsm = f["tsm"]
    medians = tsm["sector_medians"]
    reported = "strict" if tsm["CH02"]["strict"] else "with_agreed_extensions"
    rows = [
        [
            "CH01: stage 1 complaints per 1,000 homes",
            f["stage1"]["per_1000_homes"],
            medians["CH01.stage1_per_1000_homes"],
        ],
        [
            "CH01: stage 2 complaints per 1,000 homes",
            f["stage2"]["per_1000_homes"],
            medians["CH01.stage2_per_1000_homes"],
        ],
    ]

    percent_rows = [
        [
            "CH02: stage 1 responses within the Code's timescales (reported)",
            tsm["CH02"]["stage1_within_timescale_pct"],
            medians["CH02.stage1_within_timescale_pct"],
        ],
        [
            "CH02: stage 2 responses within the Code's timescales (reported)",
            tsm["CH02"]["stage2_within_timescale_pct"],
            medians["CH02.stage2_within_timescale_pct"],
        ],
        ["CH02 stage 1, not counting extensions", f["stage1"]["within_timescale_pct"], None],
        [
            "CH02 stage 1, counting agreed extensions",
            f["stage1"]["within_agreed_extension_pct"],
            None,
        ],
        ["CH02 stage 2, not counting extensions", f["stage2"]["within_timescale_pct"], None],
        [
            "CH02 stage 2, counting agreed extensions",
            f["stage2"]["within_agreed_extension_pct"],
            None,
        ],
        ["TP09: satisfied with our approach to complaints handling", tsm["TP09"], medians["TP09"]],
    ]

    def entered(value: Any, kind: str) -> Figure | Marker:
        return NOT_ENTERED if value is None else Figure(value, kind)  # type: ignore[arg-type]

    table_rows = [[words, Figure(v, "rate"), entered(m, "rate")] for words, v, m in rows]
    for words, v, m in percent_rows:
        ours = entered(v, "percent") if words.startswith("TP09") else Figure(v, "percent")
        median = entered(m, "percent") if words.startswith(("CH02:", "TP09")) else ""
        table_rows.append([words, ours, median])
    reading = (
        "We report CH02 counting only responses sent within the Code's timescales, ignoring "
        "extensions."
        if reported == "strict"
        else "We report CH02 counting a response sent within an extension agreed with the "
        "resident as on time, because the Code allows such extensions."
    )
    paragraphs = [
        "The Regulator of Social Housing's Tenant Satisfaction Measures on complaints. CH01 "
        "and CH02 are counted from our records; TP09 comes from our tenant perception survey.",
        reading + " Both readings are shown.",
    ]
    source = tsm["survey"]["medians_source"]
    if source:
        paragraphs.append(f"Sector medians: {source}.")
    if tsm["survey"]["about_the_survey"]:
        paragraphs.append(f"About the survey: {tsm['survey']['about_the_survey']}.")
    return Section(
        id="tsm",
        heading="Tenant Satisfaction Measures",
        paragraphs=paragraphs,
        tables=[
            Table(
                "tsm",
                "CH01, CH02 and TP09 with the sector medians",
                [
                    Column("Measure"),
                    Column("Our figure", "figure"),
                    Column("Sector median", "figure"),
                ],
                table_rows,
            )
        ],
    )


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
    sections.append(_slot_section("self_assessment", report.sections["self_assessment"], now))
    performance = Section(
        id="performance",
        heading="Our complaint handling performance",
        code="Code 8.1 (b)",
        paragraphs=[
            "How many complaints we received, what they were about, how we answered them and "
            "how quickly, and what we did to put things right."
        ],
        subsections=[
            _volumes(report),
            _not_accepted(report),
            _about(report),
            _outcomes(report),
            _timeliness(report),
            _extensions(report),
            _escalation(report),
            _remedies(report),
            _equality(report),
            _slot_section("resident_feedback", report.sections["resident_feedback"], now),
            _tsm(report),
        ],
    )
    sections.append(performance)
    sections.append(
        _slot_section("ombudsman_non_compliance", report.sections["ombudsman_non_compliance"], now)
    )
    learning = _slot_section("learning", report.sections["learning"], now)
    if narrative["learning"]:
        learning.written = narrative["learning"]
        if report.sections["learning"].is_empty:
            learning.paragraphs = []
    sections.append(learning)
    sections.append(_slot_section("ombudsman_casework", report.sections["ombudsman_casework"], now))
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


# The quarterly update ---------------------------------------------------------------------


def quarterly_document(update: QuarterlyUpdate) -> Document:
    """The update for the MRC and the governing body (Code 9.7)."""
    f = update.figures
    period = update.quarter.period
    s1, s2 = f["stage1"], f["stage2"]

    volumes = Table(
        "quarter-volumes",
        "Volumes this quarter",
        [Column("Figure"), Column("This quarter", "count"), Column("Year to date", "count")],
        [
            ["Complaints logged", f["logged"], f["year_to_date"]["logged"]],
            ["Stage 1 complaints received", s1["received"], f["year_to_date"]["stage1_received"]],
            ["Stage 2 complaints received", s2["received"], f["year_to_date"]["stage2_received"]],
            ["Stage 1 responses sent", s1["responded"], f["year_to_date"]["stage1_responded"]],
            ["Stage 2 responses sent", s2["responded"], f["year_to_date"]["stage2_responded"]],
            ["Complaints not accepted", f["not_accepted"]["total"], None],
            ["Complaints withdrawn", f["withdrawn"], None],
            ["Service requests", f["service_requests"], None],
            ["Member enquiries", f["member_enquiries"], None],
        ],
    )
    performance = Table(
        "quarter-performance",
        "Handling performance this quarter",
        [Column("Figure"), Column("Stage 1", "percent"), Column("Stage 2", "percent")],
        [
            [
                f"Acknowledged within {ACKNOWLEDGEMENT_WORKING_DAYS} working days (%)",
                _pct(s1["acknowledged_within_timescale"], s1["acknowledged"]),
                _pct(s2["acknowledged_within_timescale"], s2["acknowledged"]),
            ],
            [
                "Responded within the Code's timescale (%)",
                s1["within_timescale_pct"],
                s2["within_timescale_pct"],
            ],
            [
                "Responded within the timescale or an agreed extension (%)",
                s1["within_agreed_extension_pct"],
                s2["within_agreed_extension_pct"],
            ],
            ["Upheld or partly upheld (%)", s1["upheld_or_partly_pct"], s2["upheld_or_partly_pct"]],
        ],
    )
    outcomes = Table(
        "quarter-outcomes",
        "Outcomes of the responses sent this quarter",
        [Column("Outcome"), Column("Stage 1", "count"), Column("Stage 2", "count")],
        [
            [o.label, s1["outcomes"].get(o.value, 0), s2["outcomes"].get(o.value, 0)]
            for o in Outcome
        ],
        summary=f"{format_cell(s1['upheld_or_partly_pct'], 'percent')} of stage 1 responses upheld the complaint in full or in part.",
        chart=Chart((1, 2)),
    )
    categories = []
    for key, caption, field in (
        ("quarter-service-area", "Stage 1 complaints by service area", "by_service_area"),
        ("quarter-theme", "Stage 1 complaints by theme", "by_theme"),
    ):
        counts = s1[field]
        if counts:
            categories.append(
                Table(
                    key,
                    caption,
                    [
                        Column(caption.split(" by ")[1].capitalize()),
                        Column("Stage 1", "count"),
                        Column("Stage 2", "count"),
                    ],
                    [[k, n, s2[field].get(k, 0)] for k, n in counts.items()],
                    summary=_top(counts, None),
                    chart=Chart((1, 2)),
                )
            )
    trend = Table(
        "quarter-trend",
        "The last five quarters",
        [
            Column("Quarter"),
            Column("Stage 1 received", "count"),
            Column("Stage 2 received", "count"),
            Column("Stage 1 on time, with extensions (%)", "percent"),
            Column("Stage 2 on time, with extensions (%)", "percent"),
            Column("Stage 1 upheld or partly (%)", "percent"),
            Column("Compensation offered", "money"),
        ],
        [
            [
                row["quarter"],
                row["stage1_received"],
                row["stage2_received"],
                row["stage1_within_agreed_extension_pct"],
                row["stage2_within_agreed_extension_pct"],
                row["stage1_upheld_or_partly_pct"],
                _money(row["compensation_total_gbp"]),
            ]
            for row in f["trend"]
        ],
        summary="Stage 1 complaints received in each of the last five quarters: "
        + ", ".join(f"{row['quarter']} {row['stage1_received']:,}" for row in f["trend"])
        + ".",
        chart=Chart((1, 2)),
    )
    rising = f["themes"]["rising"]
    theme_paragraphs = (
        [
            "Themes with notably more stage 1 complaints than last quarter: "
            + "; ".join(
                f"{row['theme']} ({row['previous_quarter']:,} to {row['this_quarter']:,})"
                for row in rising
            )
            + "."
        ]
        if rising
        else ["No theme rose notably on the quarter before."]
    )
    ombudsman = _slot_section("ombudsman_casework", update.ombudsman, period.label)
    ombudsman.code = "Code 9.7 (c)"
    ombudsman.heading = "The Ombudsman's outcomes and progress on its orders"
    sections = [
        Section(
            id="volumes",
            heading="Volumes, categories and outcomes",
            code="Code 9.7 (a)",
            paragraphs=[
                f"{s1['received']:,} stage 1 and {s2['received']:,} stage 2 complaints were "
                f"received in {period.label}."
            ],
            tables=[volumes, outcomes, *categories],
        ),
        Section(
            id="performance",
            heading="Complaint handling performance",
            code="Code 9.7 (a)",
            tables=[performance],
        ),
        Section(
            id="trends",
            heading="Trends and themes",
            code="Code 9.7 (b)",
            paragraphs=theme_paragraphs,
            tables=[trend],
        ),
        ombudsman,
    ]
    return Document(
        title="Quarterly complaints update",
        landlord=update.landlord.name,
        period=period.label,
        subtitle="For the Member Responsible for Complaints and the governing body",
        sections=sections,
        generated_on=update.generated_on,
    )


def _pct(numerator: int, denominator: int) -> float | None:
    return percent(numerator, denominator)
