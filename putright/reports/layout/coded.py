"""The annual report's sections for the coded detail (issue 13, item 5): root causes by
the landlord's own sub-causes, extensions by their reason code per stage, and service
requests and member enquiries by service area. The figures are ``reports.coded``'s."""

from __future__ import annotations

from typing import Any

from putright.reports.document import Chart, Column, Section, Table, plural
from putright.reports.labels import label
from putright.reports.layout.common import report_years, top_sentence
from putright.reports.report import AnnualReport
from putright.rules.codes import ExtensionReason


def sub_causes_section(report: AnnualReport) -> Section:
    """Root causes and, under each, the landlord's sub-causes (Brent: service failure, of
    which delay; communication, of which not kept informed)."""
    now, _ = report_years(report)
    tables = []
    for n in (1, 2):
        rows: list[list[Any]] = []
        for row in report.figures["root_causes_by_sub_cause"][f"stage{n}"]:
            cause = label("root_cause", row["root_cause"])
            if row["sub_cause"] is None:
                rows.append([cause, "All", row["responded"], row["share_of_root_cause_pct"]])
            else:
                rows.append([cause, row["label"], row["responded"], row["share_of_root_cause_pct"]])
        if rows:
            tables.append(
                Table(
                    f"stage{n}-sub-causes",
                    f"Stage {n} responses by root cause and sub-cause",
                    [
                        Column("Root cause"),
                        Column("Sub-cause"),
                        Column("Responses", "count"),
                        Column("Share of the root cause (%)", "percent"),
                    ],
                    rows,
                )
            )
    return Section(
        id="sub-causes",
        heading="Root causes in detail",
        paragraphs=[
            f"What went wrong, as recorded with each response sent in {now}: the root cause, "
            "and under it the sub-cause from our own list. A response without a sub-cause is "
            "counted as not recorded under its root cause."
            if tables
            else f"No root causes were recorded with the responses sent in {now}."
        ],
        tables=tables,
    )


def extension_reasons_section(report: AnnualReport) -> Section:
    """Extended responses by the reason code of their extensions, per stage."""
    now, _ = report_years(report)
    by_stage = {
        n: {r["reason"]: r["extended"] for r in report.figures["extensions_by_reason"][f"stage{n}"]}
        for n in (1, 2)
    }
    order = [*ExtensionReason.values(), "not_recorded"]
    reasons = [r for r in order if r in by_stage[1] or r in by_stage[2]]
    rows = [[_reason_words(r), by_stage[1].get(r, 0), by_stage[2].get(r, 0)] for r in reasons]
    table = Table(
        "extension-reason-codes",
        "Extended responses by reason",
        [Column("Reason"), Column("Stage 1", "count"), Column("Stage 2", "count")],
        rows,
        summary=top_sentence(
            {_reason_words(r): by_stage[1].get(r, 0) + by_stage[2].get(r, 0) for r in reasons},
            None,
            "extended responses",
        ),
        chart=Chart((1, 2)) if rows else None,
    )
    total = sum(sum(s.values()) for s in by_stage.values())
    return Section(
        id="extension-reason-codes",
        heading="Why responses were extended",
        paragraphs=[
            f"The reasons given for the {plural(total, 'extended response')} sent in {now}, "
            "from our list of reasons. A response extended twice for different reasons is "
            "counted under each."
            if rows
            else f"None of the responses sent in {now} had been extended."
        ],
        tables=[table] if rows else [],
    )


def _reason_words(code: str) -> str:
    if code in ExtensionReason.values():
        return ExtensionReason(code).label
    return label(None, code)


def records_by_service_area_section(report: AnnualReport) -> Section:
    """Service requests and member enquiries received, by service area (Cannock)."""
    now, _ = report_years(report)
    f = report.figures
    tables = []
    for key, what, caption in (
        ("service_requests_by_service_area", "service requests", "Service requests"),
        (
            "member_enquiries_by_service_area",
            "member enquiries",
            "Member enquiries (MPs and councillors)",
        ),
    ):
        rows = [[r["service_area"] if r["service_area"] != "not_recorded" else
                 "Not recorded", r["received"], r["share_pct"]] for r in f[key]]  # fmt: skip
        if rows:
            tables.append(
                Table(
                    key.replace("_", "-"),
                    f"{caption} received by service area",
                    [
                        Column("Service area"),
                        Column("Received", "count"),
                        Column("Share (%)", "percent"),
                    ],
                    rows,
                    summary=top_sentence({r[0]: r[1] for r in rows}, None, what),
                    chart=Chart((1,)),
                )
            )
    tables += _within_target_tables(report)
    return Section(
        id="service-requests-by-area",
        heading="Service requests and member enquiries by service area",
        paragraphs=[
            f"The service requests and enquiries from MPs and councillors received in {now}, "
            "by the service area each was about. They are not complaints, and are not counted "
            "in the complaint figures."
            if tables
            else f"No service requests or member enquiries were recorded in {now}."
        ],
        tables=tables,
    )


def _within_target_tables(report: AnnualReport) -> list[Table]:
    """Each kind's records received in the year and responded to within the landlord's
    target, by service area (issue 17, item 3)."""
    f = report.figures
    tables = []
    for name, key, caption in (
        ("service_requests", "service_requests_within_target_by_service_area", "Service requests"),
        ("member_enquiries", "member_enquiries_within_target_by_service_area", "Member enquiries"),
    ):
        rows = [
            [r["service_area"] if r["service_area"] != "not_recorded" else "Not recorded",
             r["received"], r["responded"], r["responded_within_target"], r["within_target_pct"]]
            for r in f.get(key, [])
        ]  # fmt: skip
        if not rows:
            continue
        total = f["records_within_target"][name]
        tables.append(
            Table(
                key.replace("_", "-"),
                f"{caption} responded to within target by service area",
                [
                    Column("Service area"),
                    Column("Received", "count"),
                    Column("Responded to", "count"),
                    Column("Within target", "count"),
                    Column("Within target (%)", "percent"),
                ],
                rows,
                notes=[
                    f"The target is {plural(total['target_working_days'], 'working day')} "
                    "from when it was received. Counted over those received in the year."
                ],
            )
        )
    return tables
