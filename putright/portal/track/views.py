"""Finding and following a complaint at /track/, with no account.

Two ways in: the private link from the confirmation email, or the reference and the email
address on the complaint confirmed with a code sent to that address. Either way the
session then follows that one complaint; its pages name it by the session alone, so no
address bar, history or log holds anything personal but the private link itself.

No page says whether a reference exists: a reference with the wrong email address, and an
unknown reference, get the same page, the same code row, the same counts and the same
"wrong code" answer.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from putright.landlords.models import Landlord, today
from putright.letters.facts import ombudsman_contact, ombudsman_label
from putright.letters.kinds import LetterKind
from putright.letters.services import letter_pdf_make, letter_pdf_removed
from putright.portal import ratelimit
from putright.portal.decorators import portal_page
from putright.portal.forms import SupportForm
from putright.portal.models import PortalAccess
from putright.portal.selectors import letter_for, private_link_landlord, resident_view
from putright.portal.services import (
    CodeProblem,
    normalise_email,
    normalise_reference,
    portal_access_by_token,
    portal_adjustments_request,
    portal_code_request,
    portal_code_verify,
    portal_escalate,
    portal_feedback_give,
)
from putright.portal.track.forms import CodeForm, FeedbackForm, FindForm, Stage2Form
from putright.rules.lifecycle import RuleError
from putright.web.public import landlord_path, public_site

CODE_KEY = "portal.code"
FOLLOW_KEY = "portal.follow"


def _follow(request: HttpRequest, access: PortalAccess) -> HttpResponse:
    """Let this session follow the complaint: a new session key, so that a session id known
    before (fixation) does not gain access."""
    request.session.cycle_key()
    request.session.pop(CODE_KEY, None)
    request.session[FOLLOW_KEY] = access.pk
    return redirect("track:complaint")


def following(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """The complaint this session follows, as ``access``; without one, find it first. Only
    a complaint of the landlord whose pages these are: a session following another
    landlord's complaint has to find one of this landlord's first."""

    @portal_page
    @wraps(view)
    def wrapped(
        request: HttpRequest, landlord: Landlord, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        access_id = request.session.get(FOLLOW_KEY)
        access = (
            PortalAccess.objects.select_related("complaint__landlord", "complaint__representative")
            .filter(pk=access_id, complaint__landlord=landlord)
            .first()
            if isinstance(access_id, int)
            else None
        )
        if access is None:
            return redirect("track:find")
        return view(request, access, *args, **kwargs)

    return wrapped


# Finding a complaint ----------------------------------------------------------------------


def _code_asked(request: HttpRequest, landlord: Landlord) -> dict[str, Any] | None:
    """The code this session asked for on this landlord's pages, if any."""
    asked = request.session.get(CODE_KEY)
    if not isinstance(asked, dict) or asked.get("landlord") != landlord.pk:
        return None
    return asked


def _too_many_codes(request: HttpRequest, reference: str, email: str, landlord: Landlord) -> bool:
    """Count a code request against the address and against the reference and email address
    together, both every time (so the counts say nothing about which exist). Someone who
    types a resident's reference with another email address, or their email address with
    another reference, uses up only their own allowance, never the resident's."""
    pair = f"{landlord.pk}\n{normalise_reference(reference, landlord)}\n{normalise_email(email)}"
    over = [
        ratelimit.hit("code_request_client", ratelimit.client_key(request)),
        ratelimit.hit("code_request_pair", pair),
    ]
    return any(over)


def _send_code(
    request: HttpRequest, landlord: Landlord, reference: str, email: str
) -> HttpResponse:
    previous = (_code_asked(request, landlord) or {}).get("id")
    otc = portal_code_request(
        landlord=landlord,
        reference=reference,
        email=email,
        replaces=uuid.UUID(previous) if previous else None,
    )
    request.session[CODE_KEY] = {
        "id": str(otc.id),
        "reference": reference,
        "email": email,
        "landlord": landlord.pk,
    }
    return redirect("track:code")


@portal_page
@require_http_methods(["GET", "POST"])
def find(request: HttpRequest, landlord: Landlord) -> HttpResponse:
    """Ask for the reference and email address; send a code if they match a complaint."""
    if request.method == "POST":
        form = FindForm(request.POST, landlord=landlord)
        if form.is_valid():
            reference, email = form.cleaned_data["reference"], form.cleaned_data["email"]
            if not _too_many_codes(request, reference, email, landlord):
                return _send_code(request, landlord, reference, email)
            form.add_error(
                None,
                _("You have asked for too many codes. Wait an hour, then try again."),
            )
    else:
        form = FindForm(landlord=landlord)
    return render(
        request,
        "portal/track/find.html",
        {"form": form, "has_errors": bool(form.errors), "back_url": reverse("web:start")},
    )


def _code_message(problem: CodeProblem) -> str:
    if problem.reason == "expired":
        return _("The code has expired. Ask for a new code")
    if problem.reason == "too_many":
        return _("You have entered the wrong code too many times. Ask for a new code")
    return ngettext(
        "The code is not right. Check the email and try again. You can try %(left)s more time",
        "The code is not right. Check the email and try again. You can try %(left)s more times",
        problem.tries_left,
    ) % {"left": problem.tries_left}


@portal_page
@require_http_methods(["GET", "POST"])
def code(request: HttpRequest, landlord: Landlord) -> HttpResponse:
    """Enter the code from the email. The page reads the same whether or not a code was sent."""
    asked = _code_asked(request, landlord)
    if not asked:
        return redirect("track:find")
    if request.method == "POST":
        form = CodeForm(request.POST)
        if form.is_valid():
            if ratelimit.hit("lookup", ratelimit.client_key(request)):
                form.add_error(
                    "code", _("You have tried too many codes. Wait an hour, then try again")
                )
            else:
                try:
                    access = portal_code_verify(
                        code_id=uuid.UUID(asked["id"]),
                        code=form.cleaned_data["code"],
                        landlord=landlord,
                    )
                except CodeProblem as problem:
                    form.add_error("code", _code_message(problem))
                else:
                    return _follow(request, access)
    else:
        form = CodeForm()
    return render(
        request,
        "portal/track/code.html",
        {
            "form": form,
            "email": asked["email"],
            "problems": [],
            "has_errors": bool(form.errors),
            "back_url": reverse("track:find"),
        },
    )


@portal_page
@require_POST
def new_code(request: HttpRequest, landlord: Landlord) -> HttpResponse:
    """Send a new code for the same reference and email address (the old one stops working)."""
    asked = _code_asked(request, landlord)
    if not asked:
        return redirect("track:find")
    if _too_many_codes(request, asked["reference"], asked["email"], landlord):
        return render(
            request,
            "portal/track/code.html",
            {
                "form": CodeForm(),
                "email": asked["email"],
                "problems": [
                    ("code", _("You have asked for too many codes. Wait an hour, then try again"))
                ],
                "has_errors": True,
                "back_url": reverse("track:find"),
            },
        )
    messages.success(request, _("We have sent a new code, if the details match a complaint."))
    return _send_code(request, landlord, asked["reference"], asked["email"])


def _link_elsewhere(request: HttpRequest, token: str) -> HttpResponseBase:
    """A private link opened at the root of an installation with several landlords (sent
    before the second was added): on to the same link under its own landlord's address."""
    if ratelimit.hit("lookup", ratelimit.client_key(request)):
        return render(
            request, "portal/track/too_many.html", {"back_url": reverse("web:start")}, status=429
        )
    owner = private_link_landlord(token)
    if owner is None:
        return render(request, "portal/track/link_not_working.html", status=404)
    return redirect(f"{landlord_path(owner, 'track')}link/{token}/")


@never_cache
def link(request: HttpRequest, token: str) -> HttpResponseBase:
    """The private link from the confirmation email. It works only on its own landlord's
    pages, except at the root of an installation where no landlord is chosen, which sends
    it on to them."""
    site = public_site(request)
    if site.landlord is None and site.choosing:
        return _link_elsewhere(request, token)
    return _link(request, token)


@portal_page
def _link(request: HttpRequest, landlord: Landlord, token: str) -> HttpResponse:
    if ratelimit.hit("lookup", ratelimit.client_key(request)):
        return render(
            request, "portal/track/too_many.html", {"back_url": reverse("web:start")}, status=429
        )
    access = portal_access_by_token(token, landlord=landlord)
    if access is None:
        return render(request, "portal/track/link_not_working.html", status=404)
    return _follow(request, access)


@portal_page
@require_POST
def stop(request: HttpRequest, landlord: Landlord) -> HttpResponse:
    """Stop following the complaint on this device (a shared computer, say)."""
    request.session.pop(FOLLOW_KEY, None)
    request.session.cycle_key()
    messages.success(request, _("You have stopped viewing the complaint on this device."))
    return redirect("track:find")


# Following a complaint ----------------------------------------------------------------------


@following
def complaint(request: HttpRequest, access: PortalAccess) -> HttpResponse:
    """Where the complaint is, what happens next and by when, letters, promised actions."""
    view = resident_view(access, today())
    c = view.complaint
    return render(
        request,
        "portal/track/complaint.html",
        {
            "view": view,
            "c": c,
            "landlord": c.landlord,
            "ombudsman": ombudsman_contact(c.landlord, c.jurisdiction),
            "ombudsman_label": ombudsman_label(c.jurisdiction),
        },
    )


@following
@require_http_methods(["GET", "POST"])
def stage2(request: HttpRequest, access: PortalAccess) -> HttpResponse:
    """Code 6.12: ask for stage 2; a reason may be given but never has to be."""
    view = resident_view(access, today())
    if not view.can_escalate:
        return redirect("track:complaint")
    problems: list[tuple[str, str]] = []
    if request.method == "POST":
        form = Stage2Form(request.POST)
        if form.is_valid():
            try:
                stage = portal_escalate(
                    access=access,
                    reason=form.cleaned_data["reason"],
                    reason_text=form.cleaned_data["reason_text"],
                )
            except RuleError as error:
                problems = [("reason", str(m)) for m in error.problems.values()]
            else:
                messages.success(
                    request,
                    _("We have your request for stage 2. We will write to you by %(date)s.")
                    % {"date": date_format(stage.acknowledgement_due, "j F Y")},
                )
                return redirect("track:complaint")
    else:
        form = Stage2Form()
    return render(
        request,
        "portal/track/stage2.html",
        {
            "form": form,
            "view": view,
            "landlord": view.complaint.landlord,
            "problems": problems,
            "has_errors": bool(form.errors or problems),
            "back_url": reverse("track:complaint"),
        },
    )


@following
@require_http_methods(["GET", "POST"])
def support(request: HttpRequest, access: PortalAccess) -> HttpResponse:
    """Code 5.10: ask for support or changes, recorded for staff to agree."""
    if request.method == "POST":
        form = SupportForm(request.POST, offer_none=False)
        if form.is_valid():
            if ratelimit.hit("adjustment", str(access.complaint_id)):
                form.add_error(None, _("You have asked many times today. Please call us instead."))
            else:
                kinds, language, other = form.requested()
                portal_adjustments_request(
                    access=access, kinds=kinds, interpreter_language=language, other=other
                )
                messages.success(
                    request,
                    _("We have your request. We will contact you to agree what we will do."),
                )
                return redirect("track:complaint")
    else:
        form = SupportForm(offer_none=False)
    return render(
        request,
        "portal/track/support.html",
        {
            "form": form,
            "landlord": access.complaint.landlord,
            "has_errors": bool(form.errors),
            "back_url": reverse("track:complaint"),
        },
    )


@following
@require_http_methods(["GET", "POST"])
def feedback(request: HttpRequest, access: PortalAccess) -> HttpResponse:
    """After our last answer: how satisfied with the handling and the outcome, and why."""
    view = resident_view(access, today())
    if view.feedback_stage is None or view.feedback_given:
        return redirect("track:complaint")
    if request.method == "POST":
        form = FeedbackForm(request.POST)
        if form.is_valid():
            portal_feedback_give(
                access=access,
                process_satisfaction=form.cleaned_data["process_satisfaction"],
                outcome_satisfaction=form.cleaned_data["outcome_satisfaction"],
                comments=form.cleaned_data["comments"],
            )
            messages.success(request, _("Thank you for telling us what you think."))
            return redirect("track:complaint")
    else:
        form = FeedbackForm()
    return render(
        request,
        "portal/track/feedback.html",
        {
            "form": form,
            "landlord": view.complaint.landlord,
            "has_errors": bool(form.errors),
            "back_url": reverse("track:complaint"),
        },
    )


@following
def letter(request: HttpRequest, access: PortalAccess, letter_id: int) -> FileResponse:
    """An issued letter of this complaint, as the PDF that was sent; nobody else's."""
    found = letter_for(access, letter_id)
    if found is None or letter_pdf_removed(found):
        raise Http404("No such letter.")
    kind = LetterKind(found.kind).label.lower().replace(" ", "-")
    response = FileResponse(
        io.BytesIO(letter_pdf_make(letter=found)),
        as_attachment=True,
        filename=f"{found.complaint.reference}-{kind}-{found.issued_on:%Y-%m-%d}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response
