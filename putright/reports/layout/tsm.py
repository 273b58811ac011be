"""The annual report's section on the Tenant Satisfaction Measures: CH01 and CH02 from the
record (both CH02 readings), TP09 from the survey, each beside the sector median entered,
and the tenant perception measures TP01 to TP12 entered from the survey."""

from __future__ import annotations

from typing import Any

from putright.reports.document import NOT_ENTERED, Column, Figure, Marker, Section, Table
from putright.reports.layout.perception import perception_tables
from putright.reports.report import AnnualReport


def tsm_section(report: AnnualReport) -> Section:
    """CH01, CH02 and TP09 beside the sector medians, with the CH02 reading reported."""
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
    tables = [
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
    ]
    perception = perception_tables(tsm["perception"], report.period.label)
    if perception:
        paragraphs.append(
            "The tenant perception measures come from our survey of tenants. Each percentage "
            "is the tenants who said they were very or fairly satisfied, out of those who "
            "answered the question, not counting anyone who said it did not apply to them or "
            "did not know."
        )
    tables.extend(perception)
    return Section(
        id="tsm",
        heading="Tenant Satisfaction Measures",
        paragraphs=paragraphs,
        tables=tables,
    )
