"""The annual report's section on who complained: the equality data, counted together with
small numbers hidden (``putright.reports.equality`` does the counting and the hiding)."""

from __future__ import annotations

from putright.reports.document import Column, Marker, Section, Table, plural
from putright.reports.labels import label
from putright.reports.report import AnnualReport


def equality_section(report: AnnualReport) -> Section:
    """Who complained: one table per equality question, small counts hidden, counting the
    complaints or the people who made them as the landlord chose for the year."""
    e = report.figures["equality"]
    threshold = e["threshold"]
    hidden = Marker(f"fewer than {threshold}")
    people = e.get("counting") == "people"
    unit = "People" if people else "Complaints"
    questions = (
        ("age_band", "Age"),
        ("sex", "Sex"),
        ("ethnicity", "Ethnicity"),
        ("disability", "Disability"),
    )
    tables = []
    for key, title in questions:
        counts = e[key]["counts"]
        rows = [[label(key, value), hidden if n is None else n] for value, n in counts.items()]
        tables.append(
            Table(
                f"equality-{key.replace('_', '-')}",
                f"{title} of the people who complained",
                [Column(title), Column(unit, "count")],
                rows,
            )
        )
    with_data = e["with_equality_data"]
    answered = hidden.text if with_data is None else f"{with_data:,}"
    received = plural(e["complaints"], "complaint")
    if people:
        who = (
            f"The {received} received at stage 1 were made by "
            f"{plural(e['people'], 'person', 'people')}, each counted once however often "
            f"they complained; {answered} told us about themselves."
        )
    else:
        who = (
            f"Of the {received} received at stage 1, {answered} came from people who told "
            "us about themselves."
        )
    return Section(
        id="equality",
        heading="Who complained: equality data",
        paragraphs=[
            f"{who} Answering is optional, and the answers are held apart from the complaint "
            "and only ever counted together.",
            f"To protect people's privacy, any count below {threshold} is shown as "
            f'"fewer than {threshold}", and where only one count of a question would '
            "be hidden, the next smallest is hidden too.",
        ],
        tables=tables,
    )
