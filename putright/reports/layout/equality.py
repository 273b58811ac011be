"""The annual report's section on who complained: the equality data, counted together with
small numbers hidden (``putright.reports.equality`` does the counting and the hiding)."""

from __future__ import annotations

from putright.reports.document import SUPPRESSED, SUPPRESSED_TEXT, Column, Section, Table, plural
from putright.reports.labels import label
from putright.reports.report import AnnualReport


def equality_section(report: AnnualReport) -> Section:
    """Who complained: one table per equality question, small counts hidden."""
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
