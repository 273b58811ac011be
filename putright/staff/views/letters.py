"""Letters: generate from the record, preview, edit, and issue by email or post (domain.md
§5). A letter missing a required element cannot be issued, and the page names the
element. Also the landlord's letter template editor, for complaints officers and
administrators."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse

from putright.letters import services as letters
from putright.letters.elements import ELEMENTS, required_elements
from putright.letters.facts import letter_facts
from putright.letters.kinds import KIND_STAGE, Delivery, LetterKind
from putright.letters.models import Letter, LetterTemplate
from putright.letters.recipient import delivery_advice
from putright.letters.templating import VARIABLES
from putright.rules.lifecycle import RuleError
from putright.staff import forms as staff_forms
from putright.staff.selectors import resident_flags
from putright.staff.views.commands import _complaint
from putright.staff.views.common import case_or_refusal, case_url, done, staff_render
from putright.web.access import ACTING_ROLES, TEMPLATE_ROLES, StaffRequest, staff_view
from putright.web.csp import allow_styles_of
from putright.web.govuk import add_problems
from putright.web.models import CaseRead
from putright.web.services import case_read_record

_FIELDS = {
    "body_text": "body_text",
    "subject": "subject",
    "send_to": "send_to",
    "delivery": "delivery",
}


@staff_view(ACTING_ROLES)
def letter(request: StaffRequest, reference: str, kind: str) -> HttpResponse:
    """Write a letter: the draft from the record, then "Check and preview" as often as
    wanted, then "Issue". Nothing is kept until the letter is issued. The page says first
    who it is for: the resident's adjustments and representative, and how they prefer to
    hear from us, which sets how it is sent (``letters.recipient``)."""
    complaint = _complaint(request, reference)
    if isinstance(complaint, HttpResponse):
        return complaint
    if kind not in LetterKind.values():
        return staff_render(
            request,
            "staff/not_now.html",
            {"complaint": complaint, "reason": "There is no letter of that kind."},
            status=404,
        )
    kind = LetterKind(kind)
    try:
        draft = letters.letter_draft(complaint=complaint, kind=kind)
    except RuleError as refusal:
        return staff_render(
            request,
            "staff/not_now.html",
            {"complaint": complaint, "reason": " ".join(refusal.problems.values())},
            nav="queue",
            status=409,
        )
    email = letters.recipient_email(complaint)
    advice = delivery_advice(complaint, email)
    needs = letters.format_needs(complaint.resident_id)
    if request.method == "GET":
        case_read_record(
            complaint=complaint,
            membership=request.membership,
            what=CaseRead.What.LETTER_DRAFT,
        )
    if request.method == "POST":
        form = staff_forms.LetterForm(request.POST, needs=needs)
        issuing = request.POST.get("action") == "issue"
    else:
        form = staff_forms.LetterForm(
            needs=needs,
            initial={
                "version": complaint.version,
                "subject": draft.subject,
                "body_text": draft.body_text,
                "large_print": letters.wants_large_print(complaint),
                "delivery": advice.delivery.value,
            },
        )
        issuing = False
    subject = form.data.get("subject", draft.subject) if form.is_bound else draft.subject
    body = form.data.get("body_text", draft.body_text) if form.is_bound else draft.body_text
    large_print = (
        bool(form.data.get("large_print")) if form.is_bound else form.initial["large_print"]
    )
    missing = letters.letter_check(complaint=complaint, kind=kind, subject=subject, body_text=body)
    if issuing and form.is_valid() and not staff_forms.complaint_version_problem(form, complaint):
        try:
            issued = letters.letter_issue(
                complaint=complaint,
                kind=kind,
                subject=form.cleaned_data["subject"],
                body_text=form.cleaned_data["body_text"],
                delivery=form.cleaned_data["delivery"],
                send_to=form.cleaned_data.get("send_to") or None,
                large_print=form.cleaned_data.get("large_print", False),
                formats_met=form.formats_met(needs),
                by=request.user,
            )
        except RuleError as refusal:
            add_problems(form, refusal.problems, _FIELDS)
        else:
            # The background worker sends an emailed letter: the case's letters say when.
            how = (
                "will be emailed to"
                if issued.delivery == Delivery.EMAIL
                else "recorded as posted to"
            )
            return done(
                request,
                f"The {kind.label.lower()} letter is issued and {how} "
                f"{', '.join(issued.sent_to.splitlines())}.",
                case_url(complaint) + "#letters",
            )
    elif form.is_bound and not issuing:
        form.hide_errors = True
    preview = letters.letter_preview(
        complaint=complaint,
        kind=kind,
        subject=subject,
        body_text=body,
        large_print=large_print,
        sender=request.user,
    )
    facts = letter_facts(complaint, kind)
    stage = complaint.current_stage
    approval_stage = (
        stage
        if stage is not None and stage.awaiting_approval and KIND_STAGE.get(kind) == stage.number
        and kind in (LetterKind.STAGE1_RESPONSE, LetterKind.STAGE2_RESPONSE)
        else None
    )  # fmt: skip
    page = staff_render(
        request,
        "staff/letters/letter.html",
        {
            "complaint": complaint,
            "kind": kind,
            "form": form,
            "missing": missing if not (issuing and form.errors) else {},
            "preview": preview,
            "email": email,
            "elements": [e.name_for(facts) for e in required_elements(facts)],
            "advice": advice,
            "flags": resident_flags(complaint.resident),
            "signatory": letters.signatory_for(request.user),
            "approval_stage": approval_stage,
            "needs": needs,
            "format_fields": [form[staff_forms.format_field(need.kind)] for need in needs],
        },
        nav="queue",
    )
    # The preview is the letter as sent, with its own <style>: let just that through.
    allow_styles_of(page, preview)
    return page


# The landlord's templates ------------------------------------------------------------------


@staff_view(TEMPLATE_ROLES)
def letter_templates(request: StaffRequest) -> HttpResponse:
    """The landlord's letters: which use its own wording and which Putright's."""
    own = {
        t.kind: t
        for t in LetterTemplate.objects.filter(landlord=request.landlord).select_related(
            "updated_by"
        )
    }
    rows = [(kind, own.get(kind.value)) for kind in LetterKind]
    return staff_render(request, "staff/letters/templates.html", {"rows": rows}, nav="templates")


@staff_view(TEMPLATE_ROLES)
def letter_template(request: StaffRequest, kind: str) -> HttpResponse:
    """Edit the wording of one kind of letter. A template that does not compile, or would
    leave out a required element, is refused with the line or the element named."""
    if kind not in LetterKind.values():
        return staff_render(
            request,
            "staff/forbidden.html",
            {"message": "There is no letter of that kind."},
            status=404,
        )
    kind = LetterKind(kind)
    landlord = request.landlord
    subject, body = letters.letter_template_source(landlord, kind)
    customised = LetterTemplate.objects.filter(landlord=landlord, kind=kind).exists()
    if request.method == "POST" and request.POST.get("action") == "reset":
        letters.letter_template_reset(landlord=landlord, kind=kind, by=request.user)
        return done(
            request,
            f"The {kind.label.lower()} letter uses Putright's wording again.",
            reverse("staff:letter_templates"),
        )
    form = staff_forms.LetterTemplateForm(
        request.POST if request.method == "POST" else None,
        initial={"subject": subject, "body": body},
    )
    if request.method == "POST" and form.is_valid():
        try:
            letters.letter_template_save(
                landlord=landlord,
                kind=kind,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                by=request.user,
            )
        except RuleError as refusal:
            add_problems(form, refusal.problems)
        else:
            return done(
                request,
                f"The {kind.label.lower()} letter template is saved.",
                reverse("staff:letter_templates"),
            )
    return staff_render(
        request,
        "staff/letters/template.html",
        {
            "kind": kind,
            "form": form,
            "customised": customised,
            "variables": VARIABLES,
            "elements": [(e.name, e.provision) for e in ELEMENTS[kind]],
        },
        nav="templates",
    )


@staff_view(ACTING_ROLES)
def letter_email_again(request: StaffRequest, reference: str, letter_id: int) -> HttpResponse:
    """Email again a letter the worker could not send (a POST, from the "Send again" button
    beside "Not sent" in the case's letters); back to the case's letters either way."""
    complaint = case_or_refusal(request, reference)  # the record alone: no page to draw
    if isinstance(complaint, HttpResponse):
        return complaint
    letter = get_object_or_404(Letter, pk=letter_id, complaint=complaint)
    if request.method == "POST":
        try:
            again = letters.letter_email_again(letter=letter, by=request.user)
        except RuleError as refusal:
            messages.error(request, " ".join(refusal.problems.values()))
        else:
            messages.success(
                request,
                f"The {again.get_kind_display().lower()} letter will be emailed to "
                f"{again.sent_to} again.",
            )
    return HttpResponseRedirect(case_url(complaint) + "#letters")
