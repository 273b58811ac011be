"""The self-assessment pages: the list and a form to start one, the whole form in the
Ombudsman's layout with the figures from the record, one section of the Code at a time to
edit, the governing body's approval, and the downloads (HTML, PDF, spreadsheet)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods

from putright.landlords.models import today
from putright.reports.access import EDIT_ROLES, REPORT_ROLES, can_edit
from putright.reports.compliance import MEASURES
from putright.reports.exports import CONTENT_TYPES
from putright.reports.forms import DateParts
from putright.reports.models import PublicationKind
from putright.reports.publications import publish_page
from putright.reports.render import document_pdf, standalone_html
from putright.reports.xlsx import document_xlsx
from putright.rules.counting import financial_year_label, financial_year_of
from putright.rules.publication import publication_due
from putright.selfassessment.catalogue import (
    SECTION_BY_NUMBER,
    SECTIONS,
    part_heading,
    provisions_in,
)
from putright.selfassessment.models import (
    Complies,
    Occasion,
    SelfAssessment,
    SpotlightRecommendation,
    SpotlightReport,
    SpotlightStatus,
)
from putright.selfassessment.report import (
    action_text,
    assessment_document,
    live_figures,
    measured_text,
    requirement,
    spotlight_counts,
    status_words,
    wordings,
)
from putright.selfassessment.services import (
    AnswerInput,
    AssessmentError,
    answers_save,
    assessment_approve,
    assessment_publish,
    assessment_start,
    spotlight_action_add,
    spotlight_assess,
    spotlight_record,
)
from putright.selfassessment.spotlight_import import FIELD as FILE_FIELD
from putright.selfassessment.spotlight_import import MAX_BYTES
from putright.web.access import StaffRequest, staff_view

EXPORT_FORMATS = ("pdf", "xlsx", "html")
FORMAT_NAMES = {
    "pdf": "PDF for the governing body",
    "xlsx": "Spreadsheet in the form's layout",
    "html": "Web page to publish",
}


def _render(request: StaffRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """Render a report page for the landlord the person is working for, in the staff
    workspace's layout (its title says "Error:" when the page shows errors)."""
    page = {
        "landlord": request.landlord,
        "membership": request.membership,
        "nav": "reports",
        "page_has_errors": bool(context.get("errors")),
    }
    return render(request, template, {**page, **context})


def _assessment(request: StaffRequest, pk: int) -> SelfAssessment:
    return get_object_or_404(SelfAssessment, pk=pk, landlord=request.landlord)


def _summary(
    problems: dict[str, str], anchors: dict[str, str] | None = None
) -> list[dict[str, str]]:
    anchors = anchors or {}
    return [{"href": f"#{anchors.get(key, key)}", "text": text} for key, text in problems.items()]


@staff_view(roles=REPORT_ROLES)
@require_http_methods(["GET", "POST"])
def assessment_list(request: StaffRequest) -> HttpResponse:
    landlord = request.landlord
    current = financial_year_of(today())
    values = {"year": str(current), "occasion": Occasion.ANNUAL, "occasion_note": ""}
    problems: dict[str, str] = {}
    if request.method == "POST":
        if not can_edit(request):
            return HttpResponse("Your role does not allow this.", status=403)
        values = {key: request.POST.get(key, "").strip() for key in values}
        year = int(values["year"]) if values["year"].isdigit() else 0
        try:
            assessment = assessment_start(
                landlord=landlord,
                year=year,
                occasion=values["occasion"],
                occasion_note=values["occasion_note"],
                by=request.user,
            )
        except AssessmentError as error:
            problems = error.problems
        else:
            messages.success(
                request,
                "The self-assessment has been started."
                + (
                    f" The answers of the {assessment.carried_forward_from.year_label} "
                    "self-assessment have been carried forward: check and update each one."
                    if assessment.carried_forward_from
                    else ""
                ),
            )
            return redirect("reports:selfassessment:detail", pk=assessment.pk)
    assessments = SelfAssessment.objects.filter(landlord=landlord)
    return _render(
        request,
        "selfassessment/list.html",
        {
            "assessments": [{"assessment": a, "status": status_words(a)} for a in assessments],
            "can_edit": can_edit(request),
            "values": values,
            "problems": problems,
            "errors": _summary(problems, {"occasion": "occasion", "year": "year"}),
            "occasions": Occasion.choices,
            "years": [
                {"value": str(y), "label": financial_year_label(y)}
                for y in range(current + 1, current - 4, -1)
            ],
        },
    )


def _rows(
    assessment: SelfAssessment, live: dict[str, Any], official: dict[str, str]
) -> list[dict[str, Any]]:
    answers = {a.number: a for a in assessment.answers.all()}
    sections = []
    for code_section in SECTIONS:
        rows = []
        for p in provisions_in(code_section.number):
            answer = answers[p.number]
            rows.append(
                {
                    "number": p.number,
                    "part": part_heading(p.number),
                    "requirement": requirement(p.number, official),
                    "answer": answer,
                    "measured": measured_text(answer, live),
                    "breaches_url": (
                        reverse("reports:breaches", args=[assessment.year, p.number])
                        if p.number in MEASURES
                        else ""
                    ),
                    "breaches": live[p.number].breaches if p.number in live else None,
                    "action": action_text(answer),
                }
            )
        sections.append({"section": code_section, "rows": rows})
    return sections


@staff_view(roles=REPORT_ROLES)
def assessment_detail(request: StaffRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    live = {} if assessment.is_approved else live_figures(assessment)
    answers = list(assessment.answers.all())
    return _render(
        request,
        "selfassessment/detail.html",
        {
            "assessment": assessment,
            "status": status_words(assessment),
            "last_change": assessment.changes.select_related("changed_by").first(),
            "sections": _rows(assessment, live, wordings()),
            "can_edit": can_edit(request) and not assessment.is_approved,
            "can_publish": can_edit(request) and assessment.is_approved,
            "answered": sum(1 for a in answers if a.complies),
            "comply": sum(1 for a in answers if a.complies == Complies.YES),
            "total": len(answers),
            "downloads": [
                {
                    "url": reverse("reports:selfassessment:download", args=[pk, fmt]),
                    "label": FORMAT_NAMES[fmt],
                    "format": fmt.upper(),
                }
                for fmt in EXPORT_FORMATS
            ],
        },
    )


def _field(number: str, name: str) -> str:
    """A form field's name and id for a provision: "6-3-complies" (no dots in ids)."""
    return f"{number.replace('.', '-')}-{name}"


def _answer_from(post: Any, number: str) -> tuple[AnswerInput, DateParts]:
    due = DateParts(
        post,
        _field(number, "action_due_on"),
        f"The date the action for {number} will be done by",
    )
    answer = AnswerInput(
        complies=post.get(_field(number, "complies"), ""),
        evidence=post.get(_field(number, "evidence"), ""),
        commentary=post.get(_field(number, "commentary"), ""),
        action=post.get(_field(number, "action"), ""),
        action_due_on=due.value,
    )
    return answer, due


@staff_view(roles=EDIT_ROLES)
@require_http_methods(["GET", "POST"])
def section_edit(request: StaffRequest, pk: int, section: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    if section not in SECTION_BY_NUMBER:
        raise Http404("The Code has no such section.")
    if assessment.is_approved:
        messages.success(
            request, "This self-assessment has been approved and can no longer be changed."
        )
        return redirect("reports:selfassessment:detail", pk=pk)
    provisions = provisions_in(section)
    answers = {
        a.number: a for a in assessment.answers.filter(number__in=[p.number for p in provisions])
    }
    problems: dict[str, str] = {}
    posted: dict[str, AnswerInput] = {}
    dates: dict[str, DateParts] = {}
    if request.method == "POST":
        for p in provisions:
            answer, due = _answer_from(request.POST, p.number)
            posted[p.number], dates[p.number] = answer, due
            if due.error and answer.complies == Complies.NO:
                problems[f"{p.number}-action_due_on"] = due.error
        if not problems:
            try:
                answers_save(assessment=assessment, answers=posted, by=request.user)
            except AssessmentError as error:
                problems = error.problems
            else:
                messages.success(request, f"Section {section} has been saved.")
                detail = reverse("reports:selfassessment:detail", args=[pk])
                return redirect(f"{detail}#section-{section}")
    live = live_figures(assessment)
    official = wordings()
    rows = []
    anchors: dict[str, str] = {}
    for p in provisions:
        stored = answers[p.number]
        answer = posted.get(p.number) or AnswerInput(
            stored.complies, stored.evidence, stored.commentary, stored.action, stored.action_due_on
        )
        date = dates.get(p.number) or DateParts.of(
            _field(p.number, "action_due_on"), stored.action_due_on
        )
        date.error = problems.get(f"{p.number}-action_due_on", "")
        for name in ("complies", "action"):
            anchors[f"{p.number}-{name}"] = _field(p.number, name)
        anchors[f"{p.number}-action_due_on"] = _field(p.number, "action_due_on-day")
        rows.append(
            {
                "number": p.number,
                "id": p.number.replace(".", "-"),
                "part": part_heading(p.number),
                "requirement": requirement(p.number, official),
                "answer": answer,
                "date": date,
                "measured": measured_text(stored, live),
                "breaches_url": (
                    reverse("reports:breaches", args=[assessment.year, p.number])
                    if p.number in MEASURES
                    else ""
                ),
                "errors": {
                    name: problems.get(f"{p.number}-{name}", "") for name in ("complies", "action")
                },
            }
        )
    return _render(
        request,
        "selfassessment/section_form.html",
        {
            "assessment": assessment,
            "code_section": SECTION_BY_NUMBER[section],
            "rows": rows,
            "errors": _summary(problems, anchors),
        },
    )


@staff_view(roles=EDIT_ROLES)
@require_http_methods(["GET", "POST"])
def approve(request: StaffRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    if assessment.is_approved:
        return redirect("reports:selfassessment:detail", pk=pk)
    approved_by = ""
    note = ""
    date = DateParts({}, "approved_on", "")
    problems: dict[str, str] = {}
    if request.method == "POST":
        approved_by = request.POST.get("approved_by", "")
        note = request.POST.get("approval_note", "")
        date = DateParts(request.POST, "approved_on", "The date of approval")
        if date.error:
            problems["approved_on"] = date.error
        else:
            try:
                assessment_approve(
                    assessment=assessment,
                    approved_on=date.value,
                    approved_by=approved_by,
                    approval_note=note,
                    today=today(),
                    by=request.user,
                )
            except AssessmentError as error:
                problems = error.problems
            else:
                messages.success(request, "The governing body's approval has been recorded.")
                return redirect("reports:selfassessment:detail", pk=pk)
        date.error = problems.get("approved_on", "")
    answer_problems = {k: v for k, v in problems.items() if k not in ("approved_by", "approved_on")}
    return _render(
        request,
        "selfassessment/approve.html",
        {
            "assessment": assessment,
            "approved_by": approved_by,
            "approval_note": note,
            "date": date,
            "problems": problems,
            "answer_problems": answer_problems,
            "errors": _summary(
                {k: v for k, v in problems.items() if k in ("approved_by", "approved_on")},
                {"approved_on": "approved_on-day"},
            )
            + [{"href": "#answers", "text": text} for text in answer_problems.values()],
        },
    )


@staff_view(roles=REPORT_ROLES)
def download(request: StaffRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in EXPORT_FORMATS:
        raise Http404("The self-assessment does not come in that format.")
    assessment = _assessment(request, pk)
    document = assessment_document(assessment)
    if fmt == "pdf":
        content = document_pdf(document)
    elif fmt == "xlsx":
        content = document_xlsx(document)
    else:
        content = standalone_html(document).encode("utf-8")
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    name = f"{slugify(assessment.landlord.name)}-self-assessment-{assessment.year}-{(assessment.year + 1) % 100:02d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@staff_view(roles=EDIT_ROLES)
@require_http_methods(["GET", "POST"])
def publish(request: StaffRequest, pk: int) -> HttpResponse:
    """Code 8.2: publish the approved self-assessment on the landlord's public pages."""
    assessment = _assessment(request, pk)
    problems: dict[str, str] = {}
    correction = ""
    if request.method == "POST":
        correction = request.POST.get("correction", "")
        try:
            publication = assessment_publish(
                assessment=assessment, correction=correction, by=request.user
            )
        except AssessmentError as error:
            problems = error.problems
        else:
            messages.success(
                request,
                f"The self-assessment for {publication.year_label} has been published "
                f"(version {publication.version}).",
            )
            return redirect("reports:selfassessment:publish", pk=pk)
    approved_on = assessment.approved_on
    page = publish_page(request.landlord, assessment.year, PublicationKind.SELF_ASSESSMENT)
    return _render(
        request,
        "reports/publish.html",
        {
            **page,
            "what": "self-assessment",
            "formats": "a web page, a PDF, a spreadsheet and JSON data",
            "approval": (
                {"by": assessment.approved_by, "on": approved_on} if approved_on else None
            ),
            "due": publication_due(request.landlord.calendar(), approved_on)
            if approved_on
            else None,
            "not_approved": "Record the governing body's approval of this self-assessment first.",
            "can_edit": True,
            "correction": correction,
            "problems": problems,
            "errors": [
                {"href": "#correction" if key == "correction" else "#not-approved", "text": text}
                for key, text in problems.items()
            ],
            "back_url": reverse("reports:selfassessment:detail", args=[pk]),
            "back_text": f"Self-assessment {assessment.year_label}",
        },
    )


# Spotlight reports --------------------------------------------------------------------------


@staff_view(roles=REPORT_ROLES)
@require_http_methods(["GET", "POST"])
def spotlight_list(request: StaffRequest) -> HttpResponse:
    """The Ombudsman's spotlight reports the landlord assesses itself against, and the form
    to record one with its recommendations."""
    values = {"title": "", "recommendations": ""}
    date = DateParts({}, "published_on", "")
    problems: dict[str, str] = {}
    if request.method == "POST":
        if not can_edit(request):
            return HttpResponse("Your role does not allow this.", status=403)
        values = {key: request.POST.get(key, "") for key in values}
        date = DateParts(request.POST, "published_on", "The date the Ombudsman published it")
        upload = request.FILES.get(FILE_FIELD)
        try:
            report = spotlight_record(
                landlord=request.landlord,
                title=values["title"],
                published_on=date.value,
                recommendations=values["recommendations"],
                recommendations_csv=(upload.read(MAX_BYTES + 1) if upload is not None else None),
                by=request.user,
            )
        except AssessmentError as error:
            problems = error.problems
            if date.error:
                problems["published_on"] = date.error
        else:
            messages.success(request, f"“{report.title}” has been recorded.")
            return redirect("reports:selfassessment:spotlight", pk=report.pk)
        date.error = problems.get("published_on", "")
    reports = SpotlightReport.objects.filter(landlord=request.landlord).prefetch_related(
        "recommendations"
    )
    return _render(
        request,
        "selfassessment/spotlight_list.html",
        {
            "reports": [
                {"report": r, "counts": spotlight_counts(r.recommendations.all())} for r in reports
            ],
            "can_edit": can_edit(request),
            "values": values,
            "date": date,
            "problems": problems,
            "file_problems": [v for k, v in problems.items() if k.startswith(FILE_FIELD)],
            "errors": _summary(
                problems,
                {
                    "published_on": "published_on-day",
                    **{k: FILE_FIELD for k in problems if k.startswith(FILE_FIELD)},
                },
            ),
        },
    )


def _spotlight(request: StaffRequest, pk: int) -> SpotlightReport:
    return get_object_or_404(SpotlightReport, pk=pk, landlord=request.landlord)


@staff_view(roles=REPORT_ROLES)
def spotlight_detail(request: StaffRequest, pk: int) -> HttpResponse:
    report = _spotlight(request, pk)
    recommendations = report.recommendations.prefetch_related("actions")
    return _render(
        request,
        "selfassessment/spotlight_detail.html",
        {
            "report": report,
            "recommendations": recommendations,
            "counts": spotlight_counts(recommendations),
            "can_edit": can_edit(request),
        },
    )


@staff_view(roles=EDIT_ROLES)
@require_http_methods(["GET", "POST"])
def spotlight_assess_page(request: StaffRequest, pk: int, number: int) -> HttpResponse:
    """Assess against one recommendation (met, partly met, not met), or put an action on
    the learning register for it: two forms, told apart by ``form``."""
    report = _spotlight(request, pk)
    recommendation = get_object_or_404(SpotlightRecommendation, report=report, number=number)
    values = {
        "status": recommendation.status,
        "evidence": recommendation.evidence,
        "commentary": recommendation.commentary,
        "improvement": "",
        "owner": "",
    }
    due = DateParts({}, "due_on", "")
    problems: dict[str, str] = {}
    detail = reverse("reports:selfassessment:spotlight", args=[pk])
    if request.method == "POST":
        values |= {key: request.POST.get(key, "") for key in values}
        try:
            if request.POST.get("form") == "action":
                due = DateParts(request.POST, "due_on", "The target date")
                if due.error and (due.day or due.month or due.year):
                    raise AssessmentError({"due_on": due.error})
                spotlight_action_add(
                    recommendation=recommendation,
                    improvement=values["improvement"],
                    owner=values["owner"],
                    due_on=None if due.error else due.value,
                    by=request.user,
                )
                messages.success(request, "The action has been put on the learning register.")
            else:
                spotlight_assess(
                    recommendation=recommendation,
                    status=values["status"],
                    evidence=values["evidence"],
                    commentary=values["commentary"],
                    by=request.user,
                )
                messages.success(request, f"Recommendation {number} has been assessed.")
        except AssessmentError as error:
            problems = error.problems
        else:
            return redirect(f"{detail}#recommendation-{number}")
        due.error = problems.get("due_on", "")
    return _render(
        request,
        "selfassessment/spotlight_assess.html",
        {
            "report": report,
            "recommendation": recommendation,
            "values": values,
            "due": due,
            "statuses": SpotlightStatus.choices,
            "problems": problems,
            "errors": _summary(problems, {"due_on": "due_on-day", "status": "status"}),
        },
    )
