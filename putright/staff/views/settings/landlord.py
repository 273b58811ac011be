"""The landlord's own details: homes at the end of each year, the complaints policy (the
escalation window and its compensation bands), contact details, the languages of the resident pages, the Housing Ombudsman's
details and the letterhead's logo."""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import reverse

from putright.landlords.models import HomesCount, today
from putright.landlords.services import (
    CONTACT_FIELDS,
    HOMES_FIELDS,
    HOMES_TYPE_FIELDS,
    LOGO_MAX_BYTES,
    MRC_FIELDS,
    OMBUDSMAN_FIELDS,
    homes_count_set,
    landlord_contact_set,
    landlord_languages_set,
    landlord_logo_set,
    landlord_mrc_set,
    landlord_ombudsman_set,
    landlord_policy_set,
)
from putright.ombudsman.models import GuidanceBand
from putright.ombudsman.services import policy_bands_set
from putright.rules.counting import financial_year_label, financial_year_of
from putright.rules.lifecycle import RuleError
from putright.rules.remedies import Band, Edition
from putright.staff.forms.settings import (
    BandFormSet,
    ContactDetailsForm,
    HomesForm,
    LanguagesForm,
    LogoForm,
    MrcForm,
    OmbudsmanForm,
    PolicyForm,
)
from putright.staff.views.common import done, run_service, staff_render
from putright.staff.views.settings.common import settings_area, settings_view
from putright.web.access import StaffRequest
from putright.web.govuk import add_problems


@settings_view
def homes(request: StaffRequest) -> HttpResponse:
    """The homes owned at the end of each financial year (CH01's denominator), and
    entering or changing a year's (``?year=2025`` starts from that year's)."""
    landlord = request.landlord
    years = list(HomesCount.objects.filter(landlord=landlord).order_by("-year"))
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = financial_year_of(today())
    shown = next((h for h in years if h.year == year), None)
    initial: dict[str, object] = {"year": year}
    initial.update(
        {name: getattr(shown, name) for name in (*HOMES_FIELDS, *HOMES_TYPE_FIELDS)}
        if shown
        else {}
    )
    form = HomesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        year = form.cleaned_data["year"]
        ok, _ = run_service(
            form,
            lambda: homes_count_set(
                landlord=landlord, year=year, counts=form.counts(), by=request.user
            ),
        )
        if ok:
            return done(
                request,
                f"The homes at the end of {financial_year_label(year)} have been saved.",
                reverse("staff:settings_homes"),
            )
    names = (*HOMES_FIELDS, *HOMES_TYPE_FIELDS)
    fields = [form[name] for name in names]
    return staff_render(
        request,
        "staff/settings/homes.html",
        {
            "form": form,
            "count_fields": fields,
            "years": years,
            "labels": [form[name].label for name in names],
            "rows": [
                (
                    h,
                    financial_year_label(h.year),
                    [getattr(h, name) for name in names],
                )
                for h in years
            ],
            **settings_area("homes"),
        },
        nav="settings",
    )


def _bands_initial(request: StaffRequest) -> list[dict[str, object]]:
    return [
        {"impact": b.impact, "lower": b.lower, "upper": b.upper, "description": b.description}
        for b in GuidanceBand.objects.filter(
            landlord=request.landlord, edition=Edition.LANDLORD_POLICY
        ).order_by("position")
    ]


@settings_view
def policy(request: StaffRequest) -> HttpResponse:
    """The complaints policy values the Code leaves to the landlord: the escalation window,
    the sign-off rules and the targets for service requests and member enquiries."""
    landlord = request.landlord
    form = PolicyForm(
        request.POST or None,
        initial={
            "escalation_window_days": landlord.escalation_window_days,
            "approval_reviewed": landlord.approval_reviewed,
            "approval_compensation_over": landlord.approval_compensation_over,
            "service_request_target_days": landlord.service_request_target_days,
            "member_enquiry_target_days": landlord.member_enquiry_target_days,
        },
    )
    if request.method == "POST" and form.is_valid():
        ok, _ = run_service(
            form,
            lambda: landlord_policy_set(
                landlord=landlord,
                escalation_window_days=form.cleaned_data["escalation_window_days"],
                approval_reviewed=form.cleaned_data["approval_reviewed"],
                approval_compensation_over=form.cleaned_data.get("approval_compensation_over"),
                service_request_target_days=form.cleaned_data["service_request_target_days"],
                member_enquiry_target_days=form.cleaned_data["member_enquiry_target_days"],
                by=request.user,
            ),
        )
        if ok:
            return done(
                request,
                "The escalation window, the sign-off rules and the targets have been saved.",
                reverse("staff:settings_policy"),
            )
    return staff_render(
        request,
        "staff/settings/policy.html",
        {"form": form, "bands": _bands_initial(request), **settings_area("policy")},
        nav="settings",
    )


@settings_view
def remedies(request: StaffRequest) -> HttpResponse:
    """The bands of the landlord's own compensation policy, shown beside the Ombudsman's
    guidance when a handler chooses an amount (Code 7.4). Rows left empty are no band."""
    formset = BandFormSet(request.POST or None, initial=_bands_initial(request), prefix="band")
    if request.method == "POST" and formset.is_valid():
        filled = [f for f in formset.forms if not f.is_blank()]
        try:
            policy_bands_set(
                landlord=request.landlord,
                bands=[Band(*f.band_values()) for f in filled],
                by=request.user,
            )
        except RuleError as refusal:
            # "band 2": the second band entered, whichever row it was typed in.
            for key, message in refusal.problems.items():
                number = key.removeprefix("band ")
                row = filled[int(number) - 1] if number.isdigit() else formset.forms[0]
                row.add_error(None, message)
        else:
            return done(
                request,
                "Your compensation policy's bands have been saved.",
                reverse("staff:settings_policy"),
            )
    return staff_render(
        request,
        "staff/settings/remedies.html",
        {"formset": formset, **settings_area("policy")},
        nav="settings",
    )


@settings_view
def contact(request: StaffRequest) -> HttpResponse:
    """The landlord's name and contact details, on every letter and page."""
    landlord = request.landlord
    form = ContactDetailsForm(
        request.POST or None, initial={name: getattr(landlord, name) for name in CONTACT_FIELDS}
    )
    if request.method == "POST" and form.is_valid():
        ok, _ = run_service(
            form,
            lambda: landlord_contact_set(landlord=landlord, by=request.user, **form.cleaned_data),
        )
        if ok:
            return done(request, "Your contact details have been saved.", reverse("staff:settings"))
    return staff_render(
        request,
        "staff/settings/form.html",
        {
            "form": form,
            "title": "Contact details",
            "intro": "How residents reach you: printed at the top of every letter and shown "
            "on every page.",
            "button": "Save",
            **settings_area("contact"),
        },
        nav="settings",
    )


@settings_view
def languages(request: StaffRequest) -> HttpResponse:
    """The languages besides English the resident pages are offered in (issue 17, item 5)."""
    landlord = request.landlord
    form = LanguagesForm(
        request.POST if request.method == "POST" else None,
        initial={"languages": landlord.portal_language_codes},
    )
    if request.method == "POST" and form.is_valid():
        ok, _ = run_service(
            form,
            lambda: landlord_languages_set(
                landlord=landlord, languages=form.cleaned_data["languages"], by=request.user
            ),
        )
        if ok:
            return done(
                request,
                "The languages of the resident pages have been saved.",
                reverse("staff:settings"),
            )
    return staff_render(
        request,
        "staff/settings/form.html",
        {
            "form": form,
            "title": "Portal languages",
            "intro": "The resident pages (making a complaint, following it, saying thank "
            "you, the publications) are always in English, and in each language you turn on "
            "here. Letters are not translated: a resident who needs letters in another "
            "language has it recorded as an adjustment.",
            "button": "Save",
            **settings_area("languages"),
        },
        nav="settings",
    )


@settings_view
def ombudsman(request: StaffRequest) -> HttpResponse:
    """The Housing Ombudsman's contact details, as every letter gives them."""
    landlord = request.landlord
    form = OmbudsmanForm(
        request.POST or None, initial={name: getattr(landlord, name) for name in OMBUDSMAN_FIELDS}
    )
    if request.method == "POST" and form.is_valid():
        ok, _ = run_service(
            form,
            lambda: landlord_ombudsman_set(landlord=landlord, by=request.user, **form.cleaned_data),
        )
        if ok:
            return done(
                request,
                "The ombudsmen's details have been saved.",
                reverse("staff:settings_ombudsman"),
            )
    return staff_render(
        request,
        "staff/settings/form.html",
        {
            "form": form,
            "title": "Ombudsman's details",
            "intro": "Every response letter tells the resident how to contact the ombudsman "
            "their complaint can go to: the Housing Ombudsman, or for a council's complaints "
            "under its jurisdiction the Local Government and Social Care Ombudsman. These are "
            "their published details; change them only if they do.",
            "button": "Save",
            **settings_area("ombudsman"),
        },
        nav="settings",
    )


@settings_view
def mrc(request: StaffRequest) -> HttpResponse:
    """The Member Responsible for Complaints (Code 9.7, 9.8): who they are, and what is
    copied to them by email."""
    landlord = request.landlord
    form = MrcForm(
        request.POST or None, initial={name: getattr(landlord, name) for name in MRC_FIELDS}
    )
    if request.method == "POST" and form.is_valid():
        ok, _ = run_service(
            form,
            lambda: landlord_mrc_set(landlord=landlord, by=request.user, **form.cleaned_data),
        )
        if ok:
            return done(
                request,
                "The Member Responsible for Complaints has been saved.",
                reverse("staff:settings_mrc"),
            )
    return staff_render(
        request,
        "staff/settings/form.html",
        {
            "form": form,
            "title": "Member Responsible for Complaints",
            "intro": "Every determination, order and Complaint Handling Failure Order of the "
            "Housing Ombudsman is emailed to your Member Responsible for Complaints when it "
            "is recorded, and the case records when it went. Leave both empty to copy "
            "nothing.",
            "button": "Save",
            **settings_area("mrc"),
        },
        nav="settings",
    )


@settings_view
def letterhead(request: StaffRequest) -> HttpResponse:
    """The letterhead's logo: upload one (checked: a PNG or JPEG, small enough), or
    remove it."""
    landlord = request.landlord
    if request.method == "POST" and request.POST.get("action") == "remove":
        landlord_logo_set(landlord=landlord, data=None, by=request.user)
        return done(request, "The logo has been removed.", reverse("staff:settings_letterhead"))
    form = LogoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["logo"]
        # Read one byte past the limit, so a larger file is refused without reading it all.
        data = upload.read(LOGO_MAX_BYTES + 1)
        try:
            landlord_logo_set(landlord=landlord, data=data, by=request.user)
        except RuleError as refusal:
            add_problems(form, refusal.problems)
        else:
            return done(request, "The logo has been saved.", reverse("staff:settings_letterhead"))
    return staff_render(
        request,
        "staff/settings/letterhead.html",
        {"form": form, **settings_area("letterhead")},
        nav="settings",
    )
