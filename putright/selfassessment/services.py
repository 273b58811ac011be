"""Writing the self-assessment (Code 8.1 a, 8.3, 8.4): start one (carrying last time's text
forward), save answers, record the governing body's approval, publish it once approved
(Code 8.2, ``assessment_publish``), load the Code's official wording.

Each function takes the acting user (``by``; None is the system itself: the command line)
and checks first who may do it: the complaints officers and administrators of the landlord
keep the self-assessment and record its approval (``REPORT_EDITORS``; the governing body
and the MRC read it as viewers), and only a site administrator or the command line loads
the Code's wording, which every landlord shares. It raises ``PermissionDenied`` for anyone
else. Then it checks what it is given and raises ``AssessmentError`` with a message per
field, in the words the form shows (GOV.UK error messages), and changes nothing then.
Every change is appended to ``AssessmentChange`` in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F

from putright.landlords.models import Landlord, today
from putright.landlords.permissions import REPORT_EDITORS, require_role
from putright.learning.models import LearningRecord
from putright.learning.services import learning_record_add
from putright.reports.exports import CONTENT_TYPES, Export, as_json
from putright.reports.models import Publication, PublicationKind
from putright.reports.render import document_pdf, standalone_html
from putright.reports.services import PUBLISH_REFUSAL, publication_record
from putright.reports.xlsx import document_xlsx
from putright.rules.lifecycle import RuleError
from putright.selfassessment.catalogue import BY_NUMBER, PROVISIONS
from putright.selfassessment.models import (
    AssessmentChange,
    Complies,
    Occasion,
    ProvisionAnswer,
    ProvisionWording,
    SelfAssessment,
    SpotlightRecommendation,
    SpotlightReport,
    SpotlightStatus,
)
from putright.selfassessment.spotlight_import import recommendations_read


class AssessmentError(Exception):
    """What is wrong, field by field: {"6.3-action": "Say what ..."}."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        super().__init__("; ".join(problems.values()))
        self.problems = dict(problems)


@dataclass(frozen=True)
class AnswerInput:
    complies: str = ""
    evidence: str = ""
    commentary: str = ""
    action: str = ""
    action_due_on: dt.date | None = None


def answer_problems(number: str, answer: AnswerInput) -> dict[str, str]:
    """A "no" needs the action planned and the date it will be done by (the form's layout)."""
    problems: dict[str, str] = {}
    if answer.complies not in ("", *Complies.values):
        problems[f"{number}-complies"] = f"Select yes or no for {number}"
    if answer.complies == Complies.NO:
        if not answer.action.strip():
            problems[f"{number}-action"] = f"Enter the action planned to comply with {number}"
        if answer.action_due_on is None:
            problems[f"{number}-action_due_on"] = (
                f"Enter the date the action for {number} will be done by"
            )
    return problems


def _require_editor(by: User | None, landlord: Landlord) -> None:
    require_role(
        by,
        landlord,
        REPORT_EDITORS,
        "Only complaints officers and administrators can change the self-assessment.",
    )


def _by(by: User | None) -> User | None:
    return by if by is not None and by.is_authenticated else None


def _record(
    assessment: SelfAssessment | None, action: str, summary: str, by: User | None
) -> AssessmentChange:
    return AssessmentChange.objects.create(
        assessment=assessment, action=action, summary=summary, changed_by=_by(by)
    )


def _numbers(numbers: Iterable[str]) -> str:
    listed = list(numbers)
    return ", ".join(listed[:12]) + (f" and {len(listed) - 12} more" if len(listed) > 12 else "")


def _previous(landlord: Landlord) -> SelfAssessment | None:
    """The assessment to carry forward: the landlord's latest approved one, or, if none is
    approved yet, its latest."""
    return (
        SelfAssessment.objects.filter(landlord=landlord)
        .order_by(F("approved_on").desc(nulls_last=True), "-year", "-created_at", "-id")
        .first()
    )


@transaction.atomic
def assessment_start(
    *,
    landlord: Landlord,
    year: int,
    occasion: str = Occasion.ANNUAL,
    occasion_note: str = "",
    by: User | None,
) -> SelfAssessment:
    """A new assessment with a row for every provision, last time's answers and words
    carried forward to be checked and edited (Code 8.1 a, 8.3, 8.4)."""
    _require_editor(by, landlord)
    problems: dict[str, str] = {}
    if occasion not in Occasion.values:
        problems["occasion"] = "Select why this self-assessment is being done"
    if occasion != Occasion.ANNUAL and not occasion_note.strip():
        problems["occasion_note"] = (
            "Say what prompted this self-assessment, for example the restructure or the "
            "Ombudsman's case reference"
        )
    if not 2000 <= year <= 2100:
        problems["year"] = "Enter a financial year such as 2024"
    if problems:
        raise AssessmentError(problems)
    previous = _previous(landlord)
    assessment = SelfAssessment.objects.create(
        landlord=landlord,
        year=year,
        occasion=occasion,
        occasion_note=occasion_note.strip(),
        carried_forward_from=previous,
        created_by=_by(by),
    )
    carried = {a.number: a for a in previous.answers.all()} if previous else {}
    ProvisionAnswer.objects.bulk_create(
        ProvisionAnswer(
            assessment=assessment,
            number=p.number,
            complies=carried[p.number].complies if p.number in carried else "",
            evidence=carried[p.number].evidence if p.number in carried else "",
            commentary=carried[p.number].commentary if p.number in carried else "",
            action=carried[p.number].action if p.number in carried else "",
            action_due_on=carried[p.number].action_due_on if p.number in carried else None,
        )
        for p in PROVISIONS
    )
    _record(
        assessment,
        AssessmentChange.Action.STARTED,
        f"{assessment.get_occasion_display()}, for {assessment.year_label}"
        + (f", carried forward from {previous.year_label}." if previous else "."),
        by,
    )
    return assessment


def _not_approved(assessment: SelfAssessment) -> None:
    if assessment.is_approved:
        raise AssessmentError(
            {
                "assessment": f"This self-assessment was approved on "
                f"{assessment.approved_on:%-d %B %Y} and cannot be changed; start a new one "
                "instead"
            }
        )


@transaction.atomic
def answers_save(
    *, assessment: SelfAssessment, answers: Mapping[str, AnswerInput], by: User | None
) -> None:
    """Save the answers given (by provision number); every one is checked first. Answers
    saved as they were record no change."""
    _require_editor(by, assessment.landlord)
    assessment = SelfAssessment.objects.select_for_update().get(pk=assessment.pk)
    _not_approved(assessment)
    problems: dict[str, str] = {}
    for number, answer in answers.items():
        if number not in BY_NUMBER:
            problems[number] = f"There is no provision {number} in the Code"
            continue
        problems.update(answer_problems(number, answer))
    if problems:
        raise AssessmentError(problems)
    fields = ["complies", "evidence", "commentary", "action", "action_due_on"]
    rows = {a.number: a for a in assessment.answers.filter(number__in=list(answers))}
    changed = []
    for number, answer in answers.items():
        row = rows[number]
        before = [getattr(row, f) for f in fields]
        row.complies = answer.complies
        row.evidence = answer.evidence.strip()
        row.commentary = answer.commentary.strip()
        row.action = answer.action.strip() if answer.complies == Complies.NO else ""
        row.action_due_on = answer.action_due_on if answer.complies == Complies.NO else None
        if [getattr(row, f) for f in fields] != before:
            changed.append(row)
    if not changed:
        return
    ProvisionAnswer.objects.bulk_update(changed, fields)
    assessment.save(update_fields=["updated_at"])
    _record(
        assessment,
        AssessmentChange.Action.ANSWERS_SAVED,
        f"Answers changed for {_numbers(row.number for row in changed)}.",
        by,
    )


@transaction.atomic
def assessment_approve(
    *,
    assessment: SelfAssessment,
    approved_on: dt.date | None,
    approved_by: str,
    approval_note: str = "",
    today: dt.date,
    by: User | None,
) -> SelfAssessment:
    """Code 8.1 a: record the governing body's approval. Every provision must be answered
    and every "no" must have its action and date. The figures from the record are kept as
    they stood on the day of approval. Recorded by the complaints officers and
    administrators, on the governing body's behalf."""
    from putright.reports.compliance import MEASURES, measure

    require_role(
        by,
        assessment.landlord,
        REPORT_EDITORS,
        "Only complaints officers and administrators can record the governing body's approval.",
    )
    assessment = SelfAssessment.objects.select_for_update().get(pk=assessment.pk)
    _not_approved(assessment)
    problems: dict[str, str] = {}
    if not approved_by.strip():
        problems["approved_by"] = "Enter the name of the governing body that approved it"
    if approved_on is None:
        problems["approved_on"] = "Enter the date the governing body approved it"
    elif approved_on > today:
        problems["approved_on"] = "The date of approval must be today or in the past"
    answers = list(assessment.answers.all())
    unanswered = [a.number for a in answers if not a.complies]
    if unanswered:
        problems["answers"] = (
            f"Answer yes or no for every provision before approval: {len(unanswered)} "
            f"{'is' if len(unanswered) == 1 else 'are'} not answered ("
            + ", ".join(unanswered[:8])
            + (" and more" if len(unanswered) > 8 else "")
            + ")"
        )
    for a in answers:
        problems.update(
            answer_problems(
                a.number,
                AnswerInput(a.complies, a.evidence, a.commentary, a.action, a.action_due_on),
            )
        )
    if problems:
        raise AssessmentError(problems)
    for a in answers:
        if a.number in MEASURES:
            figure = measure(assessment.landlord, assessment.year, a.number, on=approved_on)
            a.measured = " ".join([figure.sentence.rstrip(".") + ".", *figure.notes])
    ProvisionAnswer.objects.bulk_update(answers, ["measured"])
    assessment.approved_on = approved_on
    assessment.approved_by = approved_by.strip()
    assessment.approval_note = approval_note.strip()
    assessment.save(update_fields=["approved_on", "approved_by", "approval_note", "updated_at"])
    _record(
        assessment,
        AssessmentChange.Action.APPROVAL_RECORDED,
        f"Approved by {assessment.approved_by} on {approved_on:%-d %B %Y}.",
        by,
    )
    return assessment


def assessment_files(assessment: SelfAssessment) -> list[Export]:
    """The self-assessment as published: the web page, the PDF, the spreadsheet and the
    data, each made now from the approved record."""
    from putright.selfassessment.report import assessment_document, assessment_json

    document = assessment_document(assessment, on=today())
    stem = f"self-assessment-{assessment.year}-{(assessment.year + 1) % 100:02d}"
    contents = {
        "html": standalone_html(document).encode("utf-8"),
        "pdf": document_pdf(document),
        "xlsx": document_xlsx(document),
        "json": as_json(assessment_json(assessment)),
    }
    return [
        Export(content, f"{stem}.{fmt}", CONTENT_TYPES[fmt]) for fmt, content in contents.items()
    ]


@transaction.atomic
def assessment_publish(
    *, assessment: SelfAssessment, correction: str = "", by: User | None
) -> Publication:
    """Code 8.2: publish an approved self-assessment on the landlord's public pages, frozen
    as it was approved (its HTML, PDF, spreadsheet and JSON, each with its SHA-256). A
    self-assessment published already for its year is superseded by this one, which must
    say what it corrects."""
    require_role(by, assessment.landlord, REPORT_EDITORS, PUBLISH_REFUSAL)
    assessment = SelfAssessment.objects.select_for_update().get(pk=assessment.pk)
    if not assessment.is_approved or assessment.approved_on is None:
        raise AssessmentError(
            {
                "assessment": "Record the governing body's approval of this self-assessment "
                "before publishing it"
            }
        )
    try:
        publication = publication_record(
            landlord=assessment.landlord,
            year=assessment.year,
            kind=PublicationKind.SELF_ASSESSMENT,
            approved_on=assessment.approved_on,
            approved_by=assessment.approved_by,
            files=assessment_files(assessment),
            correction=correction,
            by=by,
        )
    except RuleError as error:
        raise AssessmentError(error.problems) from None
    _record(
        assessment,
        AssessmentChange.Action.PUBLISHED,
        f"Published, version {publication.version}"
        + (f": {publication.correction}" if publication.correction else "."),
        by,
    )
    return publication


@transaction.atomic
def wording_load(*, rows: Iterable[tuple[str, str]], by: User | None) -> int:
    """Load the Code's official wording from (number, text) rows: all or nothing. Returns
    how many provisions now have official wording from these rows. The wording is shared
    by every landlord, so only a site administrator (or the command line) loads it."""
    if by is not None and not getattr(by, "is_superuser", False):
        raise PermissionDenied("Only a site administrator can load the Code's official wording.")
    problems: dict[str, str] = {}
    seen: dict[str, str] = {}
    for line, (number, text) in enumerate(rows, start=1):
        number = number.strip().rstrip(".")
        if number.lower() in ("number", "provision") and line == 1:
            continue
        if number not in BY_NUMBER:
            problems[f"line {line}"] = (
                f"line {line}: {number!r} is not a provision of the Code's self-assessment "
                "(1.2 to 9.8)"
            )
        elif number in seen:
            problems[f"line {line}"] = f"line {line}: provision {number} appears twice"
        elif not text.strip():
            problems[f"line {line}"] = f"line {line}: provision {number} has no text"
        else:
            seen[number] = " ".join(text.split())
    if problems:
        raise AssessmentError(problems)
    for number, text in seen.items():
        ProvisionWording.objects.update_or_create(number=number, defaults={"text": text})
    if seen:
        _record(
            None,
            AssessmentChange.Action.WORDING_LOADED,
            f"Official wording loaded for {_numbers(seen)}.",
            by,
        )
    return len(seen)


# Spotlight reports ------------------------------------------------------------------------


def _spotlight_recommendations(text: str) -> list[str]:
    """The recommendations as staff typed or pasted them: one a line, blank lines and any
    leading numbering ("1.", "2)") left out."""
    lines = (line.strip() for line in text.splitlines())
    return [re.sub(r"^\d+[.)]\s*", "", line) for line in lines if line]


@transaction.atomic
def spotlight_record(
    *,
    landlord: Landlord,
    title: str,
    published_on: dt.date | None,
    recommendations: str,
    by: User | None,
    recommendations_csv: bytes | None = None,
) -> SpotlightReport:
    """Record one of the Ombudsman's spotlight reports and its recommendations, one a line,
    in the Ombudsman's own words, to assess against; all or nothing. The recommendations
    come pasted (``recommendations``) or from a CSV file (``recommendations_csv``, read by
    ``spotlight_import.recommendations_read``: every problem named by its line)."""
    _require_editor(by, landlord)
    problems: dict[str, str] = {}
    if not title.strip():
        problems["title"] = "Enter the title of the spotlight report"
    if published_on is None:
        problems["published_on"] = "Enter the date the Ombudsman published the report"
    elif published_on > today():
        problems["published_on"] = "The date it was published must be today or in the past"
    rows: list[tuple[str, str]] = []
    if recommendations_csv is not None:
        if recommendations.strip():
            problems["recommendations"] = (
                "Paste the recommendations or choose a CSV file of them, not both"
            )
        imported, file_problems = recommendations_read(recommendations_csv)
        problems.update(file_problems)
        rows = [(row.reference, row.text) for row in imported]
    else:
        rows = [("", text) for text in _spotlight_recommendations(recommendations)]
        if not rows:
            problems["recommendations"] = (
                "Enter the report's recommendations, one on each line, or choose a CSV file"
            )
    if problems:
        raise AssessmentError(problems)
    assert published_on is not None  # checked above
    report = SpotlightReport.objects.create(
        landlord=landlord, title=title.strip(), published_on=published_on, created_by=_by(by)
    )
    SpotlightRecommendation.objects.bulk_create(
        SpotlightRecommendation(report=report, number=n, reference=reference, text=text)
        for n, (reference, text) in enumerate(rows, start=1)
    )
    _record(
        None,
        AssessmentChange.Action.SPOTLIGHT_RECORDED,
        f"{report.title}: {len(rows)} recommendations recorded"
        + (" from a CSV file." if recommendations_csv is not None else "."),
        by,
    )
    return report


def spotlight_answer_problems(status: str, commentary: str) -> dict[str, str]:
    """A recommendation partly met or not met needs the commentary saying why and what next."""
    problems: dict[str, str] = {}
    if status not in SpotlightStatus.values:
        problems["status"] = "Select met, partly met or not met"
    elif status != SpotlightStatus.MET and not commentary.strip():
        problems["commentary"] = (
            "Say why the recommendation is not fully met, and what we will do about it"
        )
    return problems


@transaction.atomic
def spotlight_assess(
    *,
    recommendation: SpotlightRecommendation,
    status: str,
    evidence: str,
    commentary: str,
    by: User | None,
) -> SpotlightRecommendation:
    """Assess the landlord against one recommendation of a spotlight report, as against
    the Code: met, partly met or not met, the evidence and the commentary, dated today."""
    report = recommendation.report
    _require_editor(by, report.landlord)
    problems = spotlight_answer_problems(status, commentary)
    if problems:
        raise AssessmentError(problems)
    recommendation = SpotlightRecommendation.objects.select_for_update().get(pk=recommendation.pk)
    recommendation.status = status
    recommendation.evidence = evidence.strip()
    recommendation.commentary = commentary.strip()
    recommendation.assessed_on = today()
    recommendation.save(update_fields=["status", "evidence", "commentary", "assessed_on"])
    _record(
        None,
        AssessmentChange.Action.SPOTLIGHT_ASSESSED,
        f"{report.title}, recommendation {recommendation.number}: "
        f"{recommendation.get_status_display()}.",
        by,
    )
    return recommendation


@transaction.atomic
def spotlight_action_add(
    *,
    recommendation: SpotlightRecommendation,
    improvement: str,
    owner: str,
    due_on: dt.date | None,
    by: User | None,
) -> LearningRecord:
    """Put an action on a spotlight recommendation into the learning register (Code 9.1,
    9.3), linked to the recommendation, so the governing body follows it with the rest."""
    recommendation = SpotlightRecommendation.objects.select_related("report").get(
        pk=recommendation.pk
    )
    report = recommendation.report
    _require_editor(by, report.landlord)
    try:
        record = learning_record_add(
            landlord=report.landlord,
            what_went_wrong=f"The Ombudsman's spotlight report “{report.title}”, "
            f"recommendation {recommendation.number}: "
            + (recommendation.get_status_display() or "not yet assessed").lower()
            + ".",
            learning=recommendation.text,
            improvement=improvement,
            owner=owner,
            due_on=due_on,
            by=by,
        )
    except RuleError as error:
        raise AssessmentError(error.problems) from None
    recommendation.actions.add(record)
    _record(
        None,
        AssessmentChange.Action.SPOTLIGHT_ACTION,
        f"{report.title}, recommendation {recommendation.number}: action "
        f"“{record.improvement}” put on the learning register.",
        by,
    )
    return record
