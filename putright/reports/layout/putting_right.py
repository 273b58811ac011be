"""The annual report's section on putting things right (Code 7): compensation by stage and
reason, the remedies offered by kind, and whether remedies were done by the date promised."""

from __future__ import annotations

from putright.reports.document import Chart, Column, Section, Table, format_cell, plural
from putright.reports.labels import label
from putright.reports.layout.common import as_decimal, report_years, top_sentence
from putright.reports.report import AnnualReport


def putting_right_section(report: AnnualReport) -> Section:
    """Compensation, remedies by kind and remedies followed through (Code 7, 7.3)."""
    f, p = report.figures, report.figures["previous"]
    now, before = report_years(report)
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
            as_decimal(c[f"stage{n}"]["total_gbp"]),
            as_decimal(c[f"stage{n}"]["accepted_gbp"]),
            as_decimal(c[f"stage{n}"]["paid_gbp"]),
        ]
        for n in (1, 2)
    ]
    if before:
        money_rows += [
            [
                f"Stage {n} {before}",
                p[f"stage{n}"]["compensation"]["cases"],
                as_decimal(p[f"stage{n}"]["compensation"]["total_gbp"]),
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
                as_decimal(one["total_gbp"]),
                two["cases"],
                as_decimal(two["total_gbp"]),
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
        f"We offered {format_cell(as_decimal(c['total_gbp']), 'money')} in compensation in {now}, "
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
                summary=top_sentence(
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
                summary=top_sentence(r["stage1"]["by_kind"], "remedy_kind"),
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
