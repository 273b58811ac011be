"""The quarterly update for the Member Responsible for Complaints and the governing body
(Code 9.7) laid out as a document: volumes, categories and outcomes, handling performance,
the trend over five quarters with rising themes, and the Ombudsman's outcomes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from putright.ombudsman.models import OrderKind
from putright.reports.document import Chart, Column, Document, Section, Table, format_cell
from putright.reports.layout.common import as_decimal, slot_section, top_sentence
from putright.reports.layout.compliments import compliments_sentence, compliments_table
from putright.reports.quarterly import QuarterlyUpdate
from putright.rules.codes import Outcome
from putright.rules.counting import percent
from putright.rules.timescales import ACKNOWLEDGEMENT_WORKING_DAYS


def _open_orders_section(open_orders: dict[str, Any], end: dt.date) -> Section:
    """Code 9.7 (c): every order of the Ombudsman still open at the quarter's end, not only
    those of the quarter's determinations, with its due date, owner and whether overdue."""
    count, overdue = open_orders["count"], open_orders["overdue"]
    day = f"{end:%-d %B %Y}"
    if count:
        sentence = (
            f"{count:,} order{'s' if count != 1 else ''} of the Housing Ombudsman "
            f"{'were' if count != 1 else 'was'} still open on {day}, "
            f"{overdue:,} of {'them' if count != 1 else 'it'} overdue."
        )
    else:
        sentence = f"No order of the Housing Ombudsman was still open on {day}."
    kinds = dict(OrderKind.choices)
    table = Table(
        "quarter-open-orders",
        f"Ombudsman orders still open on {day}",
        [
            Column("Ombudsman case"),
            Column("Complaint"),
            Column("Order"),
            Column("Due", "date"),
            Column("Owner"),
            Column("Overdue"),
        ],
        [
            [
                row["case"],
                row["complaint"] or "",
                f"{kinds.get(row['kind'], row['kind'])}: {row['description']}",
                dt.date.fromisoformat(row["due_on"]),
                row["owner"],
                "Yes" if row["overdue"] else "No",
            ]
            for row in open_orders["orders"]
        ],
    )
    return Section(
        id="open-orders",
        heading="The Ombudsman's orders still open",
        code="Code 9.7 (c)",
        paragraphs=[sentence],
        tables=[table] if count else [],
    )


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
            ["Compliments", f["compliments"]["total"], f["compliments"]["year_to_date"]],
        ],
    )
    performance = Table(
        "quarter-performance",
        "Handling performance this quarter",
        [Column("Figure"), Column("Stage 1", "percent"), Column("Stage 2", "percent")],
        [
            [
                f"Acknowledged within {ACKNOWLEDGEMENT_WORKING_DAYS} working days (%)",
                percent(s1["acknowledged_within_timescale"], s1["acknowledged"]),
                percent(s2["acknowledged_within_timescale"], s2["acknowledged"]),
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
                    summary=top_sentence(counts, None),
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
                as_decimal(row["compensation_total_gbp"]),
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
    ombudsman = slot_section("ombudsman_casework", update.ombudsman, period.label)
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
        _open_orders_section(f["open_orders"], period.end),
        Section(
            id="compliments",
            heading="Compliments",
            paragraphs=[compliments_sentence(f["compliments"], period.label)],
            tables=(
                [
                    compliments_table(
                        f["compliments"], "quarter-compliments", "Compliments by service area"
                    )
                ]
                if f["compliments"]["total"]
                else []
            ),
        ),
    ]
    return Document(
        title="Quarterly complaints update",
        landlord=update.landlord.name,
        period=period.label,
        subtitle="For the Member Responsible for Complaints and the governing body",
        sections=sections,
        generated_on=update.generated_on,
    )
