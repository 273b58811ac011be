"""The self-assessment as a document in the form's layout (one table per section of the
Code: requirement, comply, evidence, commentary, and the action and date for a "no"), and
as the annual report's section 8.1 (a)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import F, QuerySet

from putright.landlords.models import Landlord, today
from putright.learning.models import LearningRecord
from putright.reports.compliance import MEASURES, Measure, measures
from putright.reports.document import Column, Document, Section, Table
from putright.reports.periods import Period
from putright.reports.sections import SectionContent
from putright.rules.counting import financial_year_of
from putright.selfassessment.catalogue import BY_NUMBER, SECTIONS, part_heading, provisions_in
from putright.selfassessment.models import (
    Complies,
    ProvisionAnswer,
    ProvisionWording,
    SelfAssessment,
    SpotlightRecommendation,
    SpotlightReport,
    SpotlightStatus,
)

FORM_COLUMNS = [
    Column("Code requirement"),
    Column("Comply"),
    Column("Evidence"),
    Column("Commentary / explanation"),
    Column("Action planned and by when"),
]


def wordings() -> dict[str, str]:
    """The official wording loaded by an administrator, by provision number."""
    return dict(ProvisionWording.objects.values_list("number", "text"))


def requirement(number: str, official: dict[str, str]) -> str:
    """The requirement as the form shows it: the official wording if loaded, else ours."""
    return official.get(number) or BY_NUMBER[number].summary


def live_figures(assessment: SelfAssessment, *, on: dt.date | None = None) -> dict[str, Measure]:
    return {m.provision: m for m in measures(assessment.landlord, assessment.year, on=on)}


def measured_text(answer: ProvisionAnswer, live: dict[str, Measure]) -> str:
    """The figure from the record for a measurable provision: frozen at approval, else live."""
    if answer.measured:
        return answer.measured
    figure = live.get(answer.number)
    if figure is None:
        return ""
    return " ".join([figure.sentence.rstrip(".") + ".", *figure.notes])


def evidence_text(answer: ProvisionAnswer, live: dict[str, Measure]) -> str:
    measured = measured_text(answer, live)
    parts = [f"From the record: {measured}"] if measured else []
    if answer.evidence:
        parts.append(answer.evidence)
    return " ".join(parts)


def action_text(answer: ProvisionAnswer) -> str:
    if answer.complies != Complies.NO:
        return ""
    due = f" By {answer.action_due_on:%-d %B %Y}." if answer.action_due_on else ""
    return f"{answer.action}{due}"


def status_words(assessment: SelfAssessment) -> str:
    if assessment.is_approved:
        return f"Approved by {assessment.approved_by} on {assessment.approved_on:%-d %B %Y}."
    return "Not yet approved by the governing body."


def assessment_document(assessment: SelfAssessment, *, on: dt.date | None = None) -> Document:
    """The whole form, section by section, for HTML, PDF and the spreadsheet."""
    official = wordings()
    live = {} if assessment.is_approved else live_figures(assessment, on=on)
    answers = {a.number: a for a in assessment.answers.all()}
    counts = _counts(answers.values())
    intro = Section(
        id="about",
        heading="About this self-assessment",
        paragraphs=[
            f"{assessment.get_occasion_display()}, for {assessment.year_label}. "
            + status_words(assessment),
            f"We comply with {counts['yes']} of the {len(answers)} provisions"
            + (f"; {counts['no']} not yet" if counts["no"] else "")
            + (f"; {counts['not_answered']} not answered yet" if counts["not_answered"] else "")
            + ".",
            "Where the record can measure a provision, the evidence starts with the figure "
            "counted from it"
            + (" on the day of approval." if assessment.is_approved else ", as it stands today."),
        ]
        + ([assessment.occasion_note] if assessment.occasion_note else []),
    )
    sections = [intro]
    for code_section in SECTIONS:
        rows: list[list[Any]] = []
        for p in provisions_in(code_section.number):
            answer = answers.get(p.number)
            if answer is None:
                continue
            part = part_heading(p.number)
            rows.append(
                [
                    (f"{part}: " if part else "") + f"{p.number} {requirement(p.number, official)}",
                    answer.get_complies_display() or "Not answered",
                    evidence_text(answer, live),
                    answer.commentary,
                    action_text(answer),
                ]
            )
        sections.append(
            Section(
                id=f"section-{code_section.number}",
                heading=f"Section {code_section.number}: {code_section.title}",
                tables=[
                    Table(
                        f"Section {code_section.number}",
                        f"Section {code_section.number}: {code_section.title}",
                        FORM_COLUMNS,
                        rows,
                    )
                ],
            )
        )
    return Document(
        title="Self-assessment against the Complaint Handling Code",
        landlord=assessment.landlord.name,
        period=assessment.year_label,
        subtitle=status_words(assessment),
        sections=sections,
        generated_on=on or today(),
    )


def assessment_json(assessment: SelfAssessment) -> dict[str, Any]:
    """The self-assessment as data, for the published JSON (Code 8.2): every provision with
    the answer, the evidence with the figure from the record, the commentary and the action."""
    official = wordings()
    live = {} if assessment.is_approved else live_figures(assessment)
    answers = sorted(assessment.answers.all(), key=lambda a: BY_NUMBER[a.number].sort_key)
    return {
        "landlord": assessment.landlord.name,
        "year": assessment.year,
        "year_label": assessment.year_label,
        "occasion": assessment.occasion,
        "occasion_note": assessment.occasion_note,
        "approved_on": assessment.approved_on.isoformat() if assessment.approved_on else None,
        "approved_by": assessment.approved_by,
        "approval_note": assessment.approval_note,
        "provisions": [
            {
                "provision": a.number,
                "requirement": requirement(a.number, official),
                "complies": a.complies or None,
                "measured": measured_text(a, live),
                "evidence": a.evidence,
                "commentary": a.commentary,
                "action": a.action if a.complies == Complies.NO else "",
                "action_due_on": a.action_due_on.isoformat()
                if a.complies == Complies.NO and a.action_due_on
                else None,
            }
            for a in answers
        ],
    }


def _counts(answers: Any) -> dict[str, int]:
    counts = {"yes": 0, "no": 0, "not_answered": 0}
    for a in answers:
        counts[a.complies or "not_answered"] += 1
    return counts


def assessment_for_year(landlord: Landlord, year: int) -> SelfAssessment | None:
    """The assessment the annual report includes: the year's latest approved one, or else
    its latest."""
    return (
        _for_year(landlord, year)
        .order_by(F("approved_on").desc(nulls_last=True), "-created_at", "-id")
        .first()
    )


def _for_year(landlord: Landlord, year: int) -> QuerySet[SelfAssessment]:
    return SelfAssessment.objects.filter(landlord=landlord, year=year)


def self_assessment_section(landlord: Landlord, period: Period) -> SectionContent | None:
    """Code 8.1 (a) in the annual report: the self-assessment for the report's year."""
    year = financial_year_of(period.start)
    assessment = assessment_for_year(landlord, year)
    if assessment is None:
        return None
    official = wordings()
    live = {} if assessment.is_approved else live_figures(assessment)
    answers = list(assessment.answers.all())
    counts = _counts(answers)
    paragraphs = [
        f"{assessment.get_occasion_display()}. {status_words(assessment)}",
        f"We comply with {counts['yes']} of the {len(answers)} provisions of the Code"
        + (f" and do not yet comply with {counts['no']}" if counts["no"] else "")
        + (f"; {counts['not_answered']} are not answered yet" if counts["not_answered"] else "")
        + ".",
    ]
    others = _for_year(landlord, year).exclude(pk=assessment.pk).count()
    if others:
        paragraphs.append(
            f"{others} other self-assessment{'s were' if others > 1 else ' was'} started for "
            f"{assessment.year_label}, for example after a restructure or at the Ombudsman's "
            "request (Code 8.3, 8.4)."
        )
    not_complied = [a for a in answers if a.complies == Complies.NO]
    tables = []
    if not_complied:
        tables.append(
            Table(
                "self-assessment-actions",
                "Provisions we do not yet comply with, and what we are doing",
                [Column("Provision"), Column("Action planned"), Column("By when", "date")],
                [
                    [f"{a.number} {requirement(a.number, official)}", a.action, a.action_due_on]
                    for a in not_complied
                ],
            )
        )
    tables.append(
        Table(
            "self-assessment",
            "The self-assessment in full",
            [
                Column("Code requirement"),
                Column("Comply"),
                Column("Evidence"),
                Column("Commentary"),
            ],
            [
                [
                    f"{a.number} {requirement(a.number, official)}",
                    a.get_complies_display() or "Not answered",
                    evidence_text(a, live),
                    a.commentary,
                ]
                for a in sorted(answers, key=lambda a: BY_NUMBER[a.number].sort_key)
            ],
        )
    )
    return SectionContent(
        paragraphs=paragraphs,
        tables=tables,
        data={
            "occasion": assessment.occasion,
            "approved_on": assessment.approved_on.isoformat() if assessment.approved_on else None,
            "approved_by": assessment.approved_by,
            "provisions": len(answers),
            "comply": counts["yes"],
            "do_not_comply": counts["no"],
            "not_answered": counts["not_answered"],
            "actions": [
                {
                    "provision": a.number,
                    "action": a.action,
                    "by": a.action_due_on.isoformat() if a.action_due_on else None,
                }
                for a in not_complied
            ],
            "measured": {a.number: measured_text(a, live) for a in answers if a.number in MEASURES},
        },
    )


SPOTLIGHT_COLUMNS = [
    Column("Recommendation"),
    Column("Status"),
    Column("Evidence"),
    Column("Commentary"),
    Column("Actions on the learning register"),
]


def spotlight_reports_for(landlord: Landlord, period: Period) -> list[SpotlightReport]:
    """The spotlight reports the annual report shows: those the Ombudsman had published by
    the end of the report's year, each with its recommendations as assessed now."""
    return list(
        SpotlightReport.objects.filter(landlord=landlord, published_on__lte=period.end)
        .order_by("published_on", "id")
        .prefetch_related("recommendations__actions")
    )


def spotlight_counts(recommendations: Iterable[SpotlightRecommendation]) -> dict[str, int]:
    counts = dict.fromkeys(SpotlightStatus.values, 0) | {"not_assessed": 0}
    for r in recommendations:
        counts[r.status or "not_assessed"] += 1
    return counts


def _action_words(record: LearningRecord) -> str:
    due = f", by {record.due_on:%-d %B %Y}" if record.due_on else ""
    return f"{record.improvement} ({record.owner}{due}; {record.get_status_display().lower()})"


def spotlight_section(landlord: Landlord, period: Period) -> SectionContent | None:
    """The self-assessment against the Ombudsman's spotlight reports' recommendations, in
    the annual report's section 8.1 (a) beside the Code's (as Brent published it)."""
    reports = spotlight_reports_for(landlord, period)
    if not reports:
        return None
    paragraphs: list[str] = []
    tables: list[Table] = []
    data: list[dict[str, Any]] = []
    for report in reports:
        recommendations = list(report.recommendations.all())
        counts = spotlight_counts(recommendations)
        paragraphs.append(
            f"The Ombudsman's spotlight report “{report.title}” "
            f"({report.published_on:%-d %B %Y}) makes {len(recommendations)} "
            f"recommendation{'s' if len(recommendations) != 1 else ''}: we meet "
            f"{counts['met']}, partly meet {counts['partly_met']} and do not yet meet "
            f"{counts['not_met']}"
            + (f"; {counts['not_assessed']} not assessed yet" if counts["not_assessed"] else "")
            + "."
        )
        tables.append(
            Table(
                f"spotlight-{report.pk}",
                f"Spotlight report: {report.title}",
                SPOTLIGHT_COLUMNS,
                [
                    [
                        f"{r.number}. {r.text}",
                        r.get_status_display() or "Not assessed",
                        r.evidence,
                        r.commentary,
                        "; ".join(_action_words(a) for a in r.actions.all()),
                    ]
                    for r in recommendations
                ],
            )
        )
        data.append(
            {
                "title": report.title,
                "published_on": report.published_on.isoformat(),
                "recommendations": len(recommendations),
                "met": counts["met"],
                "partly_met": counts["partly_met"],
                "not_met": counts["not_met"],
                "not_assessed": counts["not_assessed"],
                "assessments": [
                    {
                        "number": r.number,
                        "recommendation": r.text,
                        "status": r.status or None,
                        "evidence": r.evidence,
                        "commentary": r.commentary,
                        "assessed_on": r.assessed_on.isoformat() if r.assessed_on else None,
                        "actions": [
                            {
                                "improvement": a.improvement,
                                "owner": a.owner,
                                "due_on": a.due_on.isoformat() if a.due_on else None,
                                "status": a.status,
                            }
                            for a in r.actions.all()
                        ],
                    }
                    for r in recommendations
                ],
            }
        )
    return SectionContent(paragraphs=paragraphs, tables=tables, data={"spotlight_reports": data})
