"""The staff pages under /staff/reports/: the annual report with its written sections, the
TSM return with TP09 and the sector medians and the tenant perception measures TP01 to
TP12, the quarterly update, and the live compliance
view with the cases that break each provision. Views read through the report modules; the
words and figures staff enter (the narrative, TP09, the medians) are saved by
``reports.services``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from putright.complaints.models import Complaint
from putright.landlords.models import LandlordGroup, Role, today
from putright.landlords.permissions import can_read_group
from putright.landlords.replica import reading_from_replica
from putright.reports.access import EDIT_ROLES, REPORT_ROLES, can_edit
from putright.reports.annual_breakdowns import chosen_keys, default_keys, offered
from putright.reports.compliance import MEASURES, breaches, measures
from putright.reports.equality import equality_options
from putright.reports.explore import Choices, explore_context, period_words
from putright.reports.exports import (
    ANNUAL_FORMATS,
    QUARTERLY_FORMATS,
    TSM_FORMATS,
    Export,
    annual_export,
    quarterly_export,
    tsm_export,
)
from putright.reports.forms import (
    DateParts,
    EqualityForm,
    NarrativeForm,
    PerceptionForm,
    TsmForm,
    error_summary,
)
from putright.reports.group import group_breakdowns, group_figures
from putright.reports.layout import annual_document, quarterly_document
from putright.reports.links import case_url
from putright.reports.models import (
    PerceptionResult,
    PublicationKind,
    ReportChange,
    ReportNarrative,
    TsmYear,
)
from putright.reports.perception import band_label, perception_figures
from putright.reports.periods import Quarter, report_years, year_period
from putright.reports.publications import publish_page
from putright.reports.quarterly import quarterly_update
from putright.reports.render import document_context
from putright.reports.report import annual_report
from putright.reports.services import (
    annual_report_publish,
    equality_options_save,
    narrative_save,
    perception_save,
    report_breakdowns_save,
    tsm_inputs_save,
)
from putright.reports.tsm import tsm_return
from putright.rules import counting
from putright.rules.counting import financial_year_label, financial_year_of
from putright.rules.lifecycle import RuleError
from putright.rules.perception import PERCEPTION_MEASURES
from putright.rules.publication import publication_due
from putright.web.access import GroupRequest, StaffRequest, group_view, staff_view
from putright.web.govuk import add_problems, error_items
from putright.web.spreadsheets import CONTENT_TYPES, table_xlsx

FORMAT_NAMES = {
    "pdf": "PDF for the committee",
    "xlsx": "Spreadsheet (one sheet per table)",
    "html": "Web page to publish",
    "json": "JSON data",
    "csv": "CSV for the Regulator's return",
}
BREACHES_PER_PAGE = 50


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


def _download(export: Export) -> HttpResponse:
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


def _year(year: int) -> int:
    """``year`` if a report can be asked for it (``report_years``), else a 404: a year out
    of range has no page, never a server error."""
    if year not in report_years(today()):
        raise Http404("There are no reports for that year.")
    return year


def _years(request: StaffRequest) -> list[int]:
    """Financial years with records, newest first, always including the current one."""
    current = financial_year_of(today())
    first = (
        Complaint.objects.filter(landlord=request.landlord)
        .order_by("received_on")
        .values_list("received_on", flat=True)
        .first()
    )
    start = financial_year_of(first) if first else current
    return list(range(current, min(start, current) - 1, -1))


def _downloads(kind: str, key: Any, formats: tuple[str, ...]) -> list[dict[str, str]]:
    return [
        {
            "url": reverse(f"reports:{kind}_download", args=[key, fmt]),
            "label": FORMAT_NAMES[fmt],
            "format": fmt.upper(),
        }
        for fmt in formats
    ]


@staff_view(roles=REPORT_ROLES)
@reading_from_replica()
def index(request: StaffRequest) -> HttpResponse:
    years = _years(request)
    current = Quarter.containing(today())
    quarters = [current.previous(n) for n in range(0, 8)]
    return _render(
        request,
        "reports/index.html",
        {
            "years": [{"year": y, "label": financial_year_label(y)} for y in years],
            "quarters": [{"key": str(q), "label": q.period.label} for q in quarters],
            "group": _readable_group(request),
        },
    )


def _readable_group(request: StaffRequest) -> LandlordGroup | None:
    """The group of the landlord the person works for, if they may read its report."""
    group = request.landlord.group
    return group if group is not None and can_read_group(request.user, group) else None


def _shown(value: Any, money: bool = False) -> str:
    """A figure as the group report shows it: a count with commas, a percentage with its
    sign, a rate per 1,000 homes as it is, money in pounds; None as "not applicable"."""
    if value is None:
        return "not applicable"
    if money:
        return f"£{Decimal(value):,.2f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def _pct(value: float | None) -> str | None:
    return None if value is None else f"{value}%"


#: The group report's rows: a label and how to read it from one set of annual figures.
GROUP_ROWS: list[tuple[str, Any]] = [
    ("Homes at the end of the year", lambda f: f["homes"]["total"]),
    ("Complaints logged", lambda f: f["logged"]),
    ("Stage 1 complaints received", lambda f: f["stage1"]["received"]),
    ("Stage 1 per 1,000 homes (CH01)", lambda f: f["stage1"]["per_1000_homes"]),
    ("Stage 1 responses", lambda f: f["stage1"]["responded"]),
    (
        "Stage 1 on time, not counting extensions",
        lambda f: _pct(f["stage1"]["within_timescale_pct"]),
    ),
    (
        "Stage 1 on time, with agreed extensions",
        lambda f: _pct(f["stage1"]["within_agreed_extension_pct"]),
    ),
    ("Stage 1 upheld or partly upheld", lambda f: _pct(f["stage1"]["upheld_or_partly_pct"])),
    ("Stage 2 complaints received", lambda f: f["stage2"]["received"]),
    ("Stage 2 per 1,000 homes (CH01)", lambda f: f["stage2"]["per_1000_homes"]),
    ("Stage 2 responses", lambda f: f["stage2"]["responded"]),
    (
        "Stage 2 on time, not counting extensions",
        lambda f: _pct(f["stage2"]["within_timescale_pct"]),
    ),
    (
        "Stage 2 on time, with agreed extensions",
        lambda f: _pct(f["stage2"]["within_agreed_extension_pct"]),
    ),
    ("Stage 2 upheld or partly upheld", lambda f: _pct(f["stage2"]["upheld_or_partly_pct"])),
    ("Escalation rate", lambda f: _pct(f["escalation_rate_pct"])),
]


def _table_of(counted: dict[str, Any]) -> dict[str, Any]:
    """A group breakdown as a table: its headings and its rows' cells, in order."""
    by, measures = counted["by"], counted["measures"]
    return {
        "title": counted["title"],
        "by": [counting.DIMENSIONS[d] for d in by],
        "measures": [counting.MEASURES[m].label for m in measures],
        "rows": [
            {
                "names": [row[d] for d in by],
                "cells": ["not applicable" if row[m] is None else row[m] for m in measures],
            }
            for row in counted["rows"]
        ],
    }


@group_view(
    refusal=(
        "Only the group's officers and viewers, and people who read the reports of every "
        "landlord in the group, can see the group's report."
    )
)
@reading_from_replica()
def group_report(request: GroupRequest, year: int) -> HttpResponse:
    """Issue 15, item 4: a group's annual figures, added up from its landlords' by the
    counting rules, with each landlord's own beside them, and the group's breakdowns. For
    the group's people and anyone who reads every one of its landlords' reports; anyone
    else is told so (a group that does not exist is not found). The group's own officers
    and viewers need no role at any of its landlords (``web.access.group_view``)."""
    year = _year(year)
    group = request.group
    counted = group_figures(group, year)
    columns = [counted.figures, *counted.landlords]
    rows = [
        {"label": label, "cells": [_shown(read(f)) for f in columns]} for label, read in GROUP_ROWS
    ]
    rows.append(
        {
            "label": "Compensation offered",
            "cells": [_shown(f["compensation_total_gbp"], money=True) for f in columns],
        }
    )
    return render(
        request,
        "reports/group.html",
        {
            "nav": "reports" if request.membership is not None else "",
            "group": group,
            "year": year,
            "year_label": financial_year_label(year),
            "landlord_names": [f["landlord"] for f in counted.landlords],
            "rows": rows,
            "breakdowns": [_table_of(b) for b in group_breakdowns(group, year)],
            "strict": counted.figures["tsm"]["CH02"]["strict"],
        },
    )


@staff_view(roles=REPORT_ROLES)
@reading_from_replica()
def annual(request: StaffRequest, year: int) -> HttpResponse:
    year = _year(year)
    report = annual_report(request.landlord, year)
    document = annual_document(report)
    return _render(
        request,
        "reports/annual.html",
        {
            **document_context(document),
            "year": year,
            "year_label": report.period.label,
            "downloads": _downloads("annual", year, ANNUAL_FORMATS),
            "can_edit": can_edit(request),
            "narrative": report.narrative,
            "last_change": ReportChange.objects.last_for(
                request.landlord,
                year,
                ReportChange.Part.NARRATIVE,
            ),
        },
    )


@staff_view(roles=REPORT_ROLES)
@reading_from_replica()
def annual_download(request: StaffRequest, year: int, fmt: str) -> HttpResponse:
    year = _year(year)
    if fmt not in ANNUAL_FORMATS:
        raise Http404("The annual report does not come in that format.")
    return _download(annual_export(request.landlord, year, fmt))


@staff_view(roles=EDIT_ROLES)
@require_http_methods(["GET", "POST"])
def annual_publish(request: StaffRequest, year: int) -> HttpResponse:
    """Code 8.2: publish the year's annual report, with the governing body's response, once
    that response is recorded on the written sections page."""
    year = _year(year)
    landlord = request.landlord
    problems: dict[str, str] = {}
    correction = ""
    if request.method == "POST":
        correction = request.POST.get("correction", "")
        try:
            publication = annual_report_publish(
                landlord=landlord, year=year, correction=correction, by=request.user
            )
        except RuleError as error:
            problems = error.problems
        else:
            messages.success(
                request,
                f"The annual report for {publication.year_label} has been published "
                f"(version {publication.version}).",
            )
            return redirect("reports:annual_publish", year=year)
    narrative = ReportNarrative.objects.filter(landlord=landlord, year=year).first()
    approved_on = narrative.governing_body_response_on if narrative else None
    approval = (
        {"by": narrative.governing_body, "on": approved_on}
        if narrative is not None
        and approved_on is not None
        and narrative.governing_body.strip()
        and narrative.governing_body_response.strip()
        else None
    )
    page = publish_page(landlord, year, PublicationKind.ANNUAL_REPORT)
    return _render(
        request,
        "reports/publish.html",
        {
            **page,
            "what": "annual report",
            "formats": "a web page, a PDF and JSON data",
            "approval": approval,
            "due": publication_due(landlord.calendar(), approved_on)
            if approval and approved_on
            else None,
            "not_approved": "Record the governing body's name, its response and the date of "
            "its response on the written sections page first: Code 8.2 has the response "
            "published alongside the report.",
            "can_edit": True,
            "correction": correction,
            "problems": problems,
            "errors": [
                {"href": "#correction" if key == "correction" else "#not-approved", "text": text}
                for key, text in problems.items()
            ],
            "back_url": reverse("reports:annual", args=[year]),
            "back_text": f"Annual report {page['year_label']}",
        },
    )


@staff_view(roles=EDIT_ROLES)
@require_http_methods(["GET", "POST"])
def narrative_edit(request: StaffRequest, year: int) -> HttpResponse:
    year = _year(year)
    landlord = request.landlord
    narrative = ReportNarrative.objects.filter(landlord=landlord, year=year).first()
    if request.method == "POST":
        form = NarrativeForm(request.POST)
        if form.is_valid():
            try:
                narrative_save(landlord=landlord, year=year, by=request.user, **form.cleaned_data)
            except RuleError as error:
                form.add_problems(error.problems)
            else:
                messages.success(request, "The written sections have been saved.")
                return redirect("reports:annual", year=year)
        response_on = form.response_on
    else:
        initial = {
            name: getattr(narrative, name, "")
            for name in (
                "introduction",
                "learning",
                "plans",
                "governing_body",
                "governing_body_response",
            )
        }
        form = NarrativeForm(initial=initial)
        response_on = DateParts.of(
            "governing_body_response_on",
            narrative.governing_body_response_on if narrative else None,
        )
    return _render(
        request,
        "reports/narrative_form.html",
        {
            "form": form,
            "errors": error_summary(form, "governing_body_response_on-day")
            if form.is_bound
            else [],
            "response_on": response_on,
            "year": year,
            "year_label": financial_year_label(year),
        },
    )


#: Where each kind of breakdown goes in the report, in words for the choosing page.
_WHERE = {
    "what-about": "Printed under “What the complaints were about”.",
    "timeliness": "Printed under “How quickly we acknowledged and responded”.",
    "escalation": "Printed under “Why residents asked for stage 2”.",
    "putting-things-right": "Printed under “Putting things right”.",
}


def _breakdown_groups(request: StaffRequest, keys: list[str]) -> list[dict[str, Any]]:
    """The checkboxes of the choosing page: a group per kind and stage, a box per dimension."""
    groups: dict[tuple[str, int], dict[str, Any]] = {}
    for c in offered(request.landlord):
        group = groups.setdefault(
            (c.kind.key, c.stage),
            {
                "id": f"group-{c.kind.key}-{c.stage}",
                "legend": f"Stage {c.stage}: {c.kind.title.lower()}",
                "hint": _WHERE[c.kind.section],
                "measures": ", ".join(counting.MEASURES[m].label.lower() for m in c.kind.measures),
                "items": [],
            },
        )
        then = f", then by {counting.DIMENSIONS[c.kind.then].lower()}" if c.kind.then else ""
        group["items"].append(
            {
                "key": c.key,
                "id": f"breakdown-{c.key.replace('.', '-')}",
                "label": f"by {counting.DIMENSIONS[c.dimension].lower()}{then}",
                "checked": c.key in keys,
            }
        )
    result = list(groups.values())
    if result:
        result[0]["items"][0]["id"] = "breakdowns"  # the error summary links here
    return result


@staff_view(roles=EDIT_ROLES)
@require_http_methods(["GET", "POST"])
def breakdowns_edit(request: StaffRequest, year: int) -> HttpResponse:
    """Choose the breakdowns the year's annual report carries (issue 13), through
    ``report_breakdowns_save``: a box for each breakdown on offer, or back to the defaults."""
    year = _year(year)
    landlord = request.landlord
    errors: list[dict[str, str]] = []
    keys = chosen_keys(landlord, year)
    if request.method == "POST":
        wanted = (
            default_keys(landlord)
            if "defaults" in request.POST
            else [str(k) for k in request.POST.getlist("breakdowns")]
        )
        try:
            report_breakdowns_save(landlord=landlord, year=year, by=request.user, breakdowns=wanted)
        except RuleError as error:
            errors = [{"text": text, "href": "#breakdowns"} for text in error.problems.values()]
            keys = wanted
        else:
            messages.success(request, "The breakdowns in the report have been saved.")
            return redirect("reports:annual", year=year)
    return _render(
        request,
        "reports/breakdowns_form.html",
        {
            "groups": _breakdown_groups(request, keys),
            "errors": errors,
            "year": year,
            "year_label": financial_year_label(year),
            "last_change": ReportChange.objects.last_for(
                landlord, year, ReportChange.Part.BREAKDOWNS
            ),
        },
    )


@staff_view(roles=EDIT_ROLES)
@require_http_methods(["GET", "POST"])
def equality_edit(request: StaffRequest, year: int) -> HttpResponse:
    """The equality data in the year's report: whether it counts complaints or people, and,
    for administrators, the smallest count published (the landlord's, for every report)."""
    year = _year(year)
    landlord = request.landlord
    threshold, counting = equality_options(landlord, year)
    administrator = request.membership.role == Role.ADMINISTRATOR
    form = EqualityForm(
        request.POST or None,
        can_set_threshold=administrator,
        initial={"threshold": threshold, "counting": counting},
    )
    if request.method == "POST" and form.is_valid():
        try:
            equality_options_save(
                landlord=landlord,
                year=year,
                by=request.user,
                threshold=form.cleaned_data.get("threshold", threshold),
                counting=form.cleaned_data["counting"],
            )
        except RuleError as error:
            add_problems(form, error.problems)
        else:
            messages.success(request, "The equality data settings have been saved.")
            return redirect(f"{reverse('reports:annual', args=[year])}#equality")
    return _render(
        request,
        "reports/equality_form.html",
        {
            "form": form,
            "errors": error_items(form),
            "threshold": threshold,
            "year": year,
            "year_label": financial_year_label(year),
            "last_change": ReportChange.objects.last_for(
                landlord, year, ReportChange.Part.EQUALITY
            ),
        },
    )


@staff_view(roles=REPORT_ROLES)
@require_http_methods(["GET", "POST"])
def tsm(request: StaffRequest, year: int) -> HttpResponse:
    year = _year(year)
    landlord = request.landlord
    entered = TsmYear.objects.filter(landlord=landlord, year=year).first()
    editable = can_edit(request)
    if request.method == "POST":
        if not editable:
            return HttpResponse("Your role does not allow this.", status=403)
        form = TsmForm(request.POST, instance=entered or TsmYear(landlord=landlord, year=year))
        if form.is_valid():
            try:
                tsm_inputs_save(landlord=landlord, year=year, by=request.user, **form.cleaned_data)
            except RuleError as error:
                for field, message in error.problems.items():
                    form.add_error(field if field in form.fields else None, message)
            else:
                messages.success(request, "TP09 and the sector medians have been saved.")
                return redirect("reports:tsm", year=year)
    else:
        form = TsmForm(instance=entered)
    with reading_from_replica():
        figures = tsm_return(landlord, year)
    return _render(
        request,
        "reports/tsm.html",
        {
            "tsm": figures,
            "medians": {k.replace(".", "_"): v for k, v in figures["sector_medians"].items()},
            "form": form,
            "errors": error_summary(form) if form.is_bound else [],
            "can_edit": editable,
            "last_change": ReportChange.objects.last_for(landlord, year, ReportChange.Part.TSM),
            "year": year,
            "year_label": financial_year_label(year),
            "downloads": _downloads("tsm", year, TSM_FORMATS),
            "perception": [
                {
                    "code": code,
                    **entry,
                    "band_label": band_label(entry["sector"]["band"]),
                    "url": reverse("reports:perception", args=[year, code]),
                }
                for code, entry in figures["perception"].items()
            ],
            "perception_change": ReportChange.objects.last_for(
                landlord, year, ReportChange.Part.PERCEPTION
            ),
        },
    )


@staff_view(roles=EDIT_ROLES)
@require_http_methods(["GET", "POST"])
def perception_edit(request: StaffRequest, year: int, code: str) -> HttpResponse:
    """Enter one tenant perception measure (TP01 to TP12) for the year from the landlord's
    survey: how many gave each answer, last year's figure and the sector quartiles."""
    year = _year(year)
    measure = PERCEPTION_MEASURES.get(code)
    if measure is None:
        raise Http404("There is no tenant perception measure of that name.")
    landlord = request.landlord
    entered = PerceptionResult.objects.filter(landlord=landlord, year=year, measure=code).first()
    if request.method == "POST":
        form = PerceptionForm(request.POST, measure=measure)
        if form.is_valid():
            data = form.cleaned_data
            try:
                saved = perception_save(
                    landlord=landlord,
                    year=year,
                    measure=code,
                    by=request.user,
                    answers=form.answers(),
                    previous_pct=data["previous_pct"],
                    lower_quartile=data["lower_quartile"],
                    median=data["median"],
                    upper_quartile=data["upper_quartile"],
                    quartile_band_entered=data["quartile_band"],
                )
            except RuleError as error:
                form.add_problems(error.problems)
            else:
                messages.success(
                    request,
                    f"{code} has been saved."
                    if saved is not None
                    else f"{code} has been removed for {financial_year_label(year)}.",
                )
                return redirect(reverse("reports:tsm", args=[year]) + "#perception")
    else:
        initial: dict[str, Any] = {}
        if entered is not None:
            initial = {
                **entered.answers(),
                **{
                    name: getattr(entered, name)
                    for name in (
                        "previous_pct",
                        "lower_quartile",
                        "median",
                        "upper_quartile",
                        "quartile_band",
                    )
                },
            }
        form = PerceptionForm(initial=initial, measure=measure)
    previous = perception_figures(landlord, year)[code]
    return _render(
        request,
        "reports/perception_form.html",
        {
            "form": form,
            "measure": measure,
            "errors": error_summary(form, "very_satisfied") if form.is_bound else [],
            "year": year,
            "year_label": financial_year_label(year),
            "previous_year_label": financial_year_label(year - 1),
            # Last year's answers are in Putright: its figure comes from them.
            "previous_from_answers": PerceptionResult.objects.filter(
                landlord=landlord, year=year - 1, measure=code
            ).exists(),
            "previous_pct": previous["previous_pct"],
            "entered": entered is not None,
        },
    )


@staff_view(roles=REPORT_ROLES)
@reading_from_replica()
def tsm_download(request: StaffRequest, year: int, fmt: str) -> HttpResponse:
    year = _year(year)
    if fmt not in TSM_FORMATS:
        raise Http404("The TSM return does not come in that format.")
    return _download(tsm_export(request.landlord, year, fmt))


def _quarter(key: str) -> Quarter:
    try:
        quarter = Quarter.parse(key)
    except ValueError:
        raise Http404("There is no such quarter.") from None
    _year(quarter.year)
    return quarter


def _reportable(quarter: Quarter) -> str:
    """The quarter's key if its page can be asked for, else "" (no link to a 404)."""
    return str(quarter) if quarter.year in report_years(today()) else ""


@staff_view(roles=REPORT_ROLES)
@reading_from_replica()
def quarterly(request: StaffRequest, quarter: str) -> HttpResponse:
    q = _quarter(quarter)
    update = quarterly_update(request.landlord, q)
    return _render(
        request,
        "reports/quarterly.html",
        {
            **document_context(quarterly_document(update)),
            "quarter": q,
            "previous_quarter": _reportable(q.previous()),
            "next_quarter": _reportable(q.previous(-1)),
            "downloads": _downloads("quarterly", str(q), QUARTERLY_FORMATS),
        },
    )


@staff_view(roles=REPORT_ROLES)
@reading_from_replica()
def quarterly_download(request: StaffRequest, quarter: str, fmt: str) -> HttpResponse:
    if fmt not in QUARTERLY_FORMATS:
        raise Http404("The quarterly update does not come in that format.")
    return _download(quarterly_export(request.landlord, _quarter(quarter), fmt))


@staff_view(roles=REPORT_ROLES)
@reading_from_replica()
def compliance(request: StaffRequest, year: int) -> HttpResponse:
    year = _year(year)
    period = year_period(year)
    figures = measures(request.landlord, year)
    return _render(
        request,
        "reports/compliance.html",
        {
            "year": year,
            "year_label": period.label,
            "live": period.start <= today() <= period.end,
            "measures": [
                {
                    "measure": m,
                    "url": reverse("reports:breaches", args=[year, m.provision]),
                }
                for m in figures
            ],
        },
    )


@staff_view(roles=REPORT_ROLES)
@reading_from_replica()
def breaches_list(request: StaffRequest, year: int, provision: str) -> HttpResponse:
    year = _year(year)
    if provision not in MEASURES:
        raise Http404("The record does not measure that provision.")
    landlord = request.landlord
    found = breaches(landlord, year, provision)
    page = Paginator(found, BREACHES_PER_PAGE).get_page(request.GET.get("page"))
    rows = [
        {
            "breach": b,
            "url": case_url(b.reference, b.complaint_id) if b.reference and b.complaint_id else "",
        }
        for b in page.object_list
    ]
    definition = MEASURES[provision]
    return _render(
        request,
        "reports/breaches.html",
        {
            "year": year,
            "year_label": financial_year_label(year),
            "provision": provision,
            "title": definition.title,
            "rows": rows,
            "page": page,
            "count": len(found),
        },
    )


#: The fields of the "Explore the figures" form, in the order the error summary lists them.
EXPLORE_FIELDS = {"year": "year", "stage": "stage-1", "measure": "measure", "by": "by"}


@staff_view(roles=REPORT_ROLES)
@reading_from_replica()
def explore(request: StaffRequest) -> HttpResponse:
    """Explore the figures (issue 13): any measure of a stage by one or two dimensions,
    as a table and a chart, with the same figures as ``putright report breakdown``."""
    years = _years(request)
    choices = Choices.read(request.GET, years)
    figures = explore_context(request.landlord, choices)
    errors = [
        {"text": message, "href": f"#{EXPLORE_FIELDS.get(field, field)}"}
        for field, message in choices.problems.items()
    ]
    return _render(
        request,
        "reports/explore.html",
        {
            **figures,
            "choices": choices,
            "errors": errors,
            "years": [{"year": y, "label": financial_year_label(y)} for y in years],
            "period": period_words(choices.year),
            "measures": [
                {"name": m.name, "label": m.label, "stage1_only": m.stage1_only}
                for m in counting.MEASURES.values()
            ],
            "dimensions": list(counting.DIMENSIONS.items()),
            "query": choices.query(),
        },
    )


@staff_view(roles=REPORT_ROLES)
@reading_from_replica()
def explore_download(request: StaffRequest, fmt: str) -> HttpResponse:
    """The breakdown chosen, as CSV (``putright report breakdown``'s) or XLSX (the table
    as the page shows it); formulas are written as text."""
    if fmt not in ("csv", "xlsx"):
        raise Http404("The breakdown comes as CSV or XLSX.")
    choices = Choices.read(request.GET, _years(request))
    figures = explore_context(request.landlord, choices)
    if figures["result"] is None:
        return redirect(reverse("reports:explore") + "?" + request.GET.urlencode())
    result, shown = figures["result"], figures["shown"]
    name = f"breakdown-{'-'.join(result.by)}-{choices.year}-stage{choices.stage}"
    if fmt == "csv":
        content = ("\ufeff" + result.csv()).encode("utf-8")
    else:
        content = table_xlsx("Breakdown", shown.spreadsheet_headings, shown.spreadsheet_rows)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
