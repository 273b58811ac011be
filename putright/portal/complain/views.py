"""The complaint form's pages: a question per page, files, check your answers, sent.

Views check the request at the edge (the forms) and call the portal's services; the
answers stay in the session until they are sent. Every page works without JavaScript.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from putright.landlords.models import Landlord
from putright.portal import ratelimit
from putright.portal.complain.forms import AcceptedFile, FilesForm, StepForm
from putright.portal.complain.journey import SENT_KEY, STEP_BY_NAME, Answers, Step
from putright.portal.decorators import portal_page
from putright.portal.services import (
    pending_upload_add,
    pending_upload_remove,
    portal_complaint_submit,
)
from putright.rules.timescales import acknowledgement_due
from putright.web.govuk import choice_pairs


def _guard(answers: Answers, step: Step) -> HttpResponse | None:
    """Send someone who skipped ahead to the first page they still need to answer."""
    if step.applies(answers.values) and answers.may_visit(step):
        return None
    waiting = answers.first_not_done()
    return redirect(waiting.url if waiting is not None else reverse("complain:check"))


def _changing(request: HttpRequest) -> bool:
    return request.GET.get("change") == "1"


def _back_url(request: HttpRequest, answers: Answers, step: Step) -> str:
    return reverse("complain:check") if _changing(request) else answers.previous_url(step)


@portal_page
@require_http_methods(["GET", "POST"])
def question(request: HttpRequest, landlord: Landlord, step_name: str) -> HttpResponse:
    """A question page. A wrong answer comes back with the error summary and everything
    typed still in place; a right one is kept and leads to the next page."""
    step = STEP_BY_NAME[step_name]
    answers = Answers(request.session, landlord)
    if (elsewhere := _guard(answers, step)) is not None:
        return elsewhere
    form: StepForm
    if request.method == "POST":
        form = answers.form_for(step, data=request.POST)
        if form.is_valid():
            answers.save(step, form.cleaned_data)
            return redirect(answers.next_url(step, _changing(request)))
    else:
        form = answers.form_for(step, initial=answers.values)
    fields = form.page_fields()
    return render(
        request,
        "portal/complain/question.html",
        {
            "form": form,
            "fields": fields,
            "single": fields[0] if len(fields) == 1 and not form.fieldset else None,
            "title": form.page_heading(),
            "has_errors": bool(form.errors),
            "back_url": _back_url(request, answers, step),
        },
    )


def _over_allowance(request: HttpRequest, accepted: list[AcceptedFile]) -> str:
    """Count the files and their size against the address's allowances (``upload``, and
    ``upload_kb``, which bounds what one address can add to the disk in a day): the message
    refusing them when that goes over either, else ""."""
    client = ratelimit.client_key(request)
    kilobytes = sum(-(-(a.upload.size or 0) // 1024) for a in accepted)
    too_many = ratelimit.hit("upload", client, amount=len(accepted))
    too_much = ratelimit.hit("upload_kb", client, amount=kilobytes)
    if too_much:
        return str(
            _(
                "You have sent as many files as we can take from your connection today. "
                "Try again tomorrow, or send your complaint without them"
            )
        )
    if too_many:
        return str(_("You have sent too many files. Try again in an hour"))
    return ""


@portal_page
@require_http_methods(["GET", "POST"])
def files(request: HttpRequest, landlord: Landlord) -> HttpResponse:
    """Optional files: each is checked against the complaint services' types and size and
    kept until the complaint is sent. Good files are kept when another is refused."""
    step = STEP_BY_NAME["files"]
    answers = Answers(request.session, landlord)
    if (elsewhere := _guard(answers, step)) is not None:
        return elsewhere
    uploads = answers.uploads()
    form = FilesForm(answers=answers.values, already=len(uploads))
    if request.method == "POST":
        if "remove" in request.POST:
            upload_id = request.POST["remove"]
            if upload_id.isdigit():
                pending_upload_remove(draft=answers.draft, upload_id=int(upload_id))
            return redirect(request.get_full_path())
        form = FilesForm(request.POST, request.FILES, answers=answers.values, already=len(uploads))
        form.is_valid()
        if form.accepted and (problem := _over_allowance(request, form.accepted)):
            form.accepted.clear()
            form.add_error(None, problem)
        for accepted in form.accepted:
            pending_upload_add(
                draft=answers.draft,
                filename=accepted.filename,
                content_type=accepted.content_type,
                content=accepted.upload.read(),
            )
        if not form.errors:
            if request.POST.get("action") == "continue":
                answers.save(step, {})
                return redirect(answers.next_url(step, _changing(request)))
            return redirect(request.get_full_path())
        uploads = answers.uploads()
    return render(
        request,
        "portal/complain/files.html",
        {
            "form": form,
            "uploads": uploads,
            "title": form.heading,
            "has_errors": bool(form.errors),
            "back_url": _back_url(request, answers, step),
        },
    )


def _choice_label(step_name: str, field: str, value: str, answers: Answers) -> str:
    form = answers.form_for(STEP_BY_NAME[step_name])
    return str(dict(choice_pairs(form, field)).get(value, value))


def _summary(answers: Answers) -> list[dict[str, Any]]:
    """The sections and rows of the check answers page, each row with its change link."""
    v = answers.values
    someone_else = answers.form_for(STEP_BY_NAME["who"]).someone_else

    def row(key: str, value: Any, step: str, hidden: str) -> dict[str, Any]:
        lines = value if isinstance(value, list) else [value]
        url = f"{reverse(f'complain:{step}')}?change=1"
        return {"key": key, "lines": [str(x) for x in lines], "url": url, "hidden": hidden}

    who = [
        row(
            _("Complaint for"),
            _choice_label("who", "person", v["person"], answers),
            "who",
            _("who the complaint is for"),
        )
    ]
    if someone_else:
        who += [
            row(_("Your name"), v["representative_name"], "representative", _("your name")),
            row(
                _("How you know them"),
                _choice_label(
                    "representative", "representative_kind", v["representative_kind"], answers
                ),
                "representative",
                _("how you know them"),
            ),
            row(_("Their name"), v["resident_name"], "name", _("their name")),
        ]
    else:
        who.append(row(_("Your name"), v["resident_name"], "name", _("your name")))
    contact = [
        row(
            _("Contact by"),
            _choice_label("contact_method", "contact_method", v["contact_method"], answers),
            "contact_method",
            _("how to contact you"),
        ),
        row(_("Email address"), v["email"], "contact_details", _("your email address")),
        row(
            _("Phone number"),
            v.get("phone") or _("Not given"),
            "contact_details",
            _("your phone number"),
        ),
    ]
    address_lines = [
        x for x in (v["address_line_1"], v.get("address_line_2"), v["town"], v["postcode"]) if x
    ]
    support_labels = [_choice_label("support", "support", k, answers) for k in v.get("support", [])]
    if v.get("interpreter_language") and "interpreter" in v.get("support", []):
        support_labels.append(
            _("Interpreter language: %(language)s") % {"language": v["interpreter_language"]}
        )
    if v.get("support_other") and "other" in v.get("support", []):
        support_labels.append(v["support_other"])
    files = [u.filename for u in answers.uploads()] or [_("None")]
    complaint = [
        row(_("Address"), address_lines, "address", _("the address")),
        row(_("What happened"), v["what_happened"], "what_happened", _("what happened")),
        row(
            _("What you would like us to do"),
            v.get("put_right") or _("Not given"),
            "put_right",
            _("what you would like us to do"),
        ),
        row(_("Support or changes"), support_labels, "support", _("support or changes")),
        row(_("Photos and documents"), files, "files", _("photos and documents")),
    ]
    return [
        {"heading": _("Who the complaint is for"), "rows": who},
        {"heading": _("How to contact you"), "rows": contact},
        {"heading": _("The complaint"), "rows": complaint},
    ]


@portal_page
@require_http_methods(["GET", "POST"])
def check(request: HttpRequest, landlord: Landlord) -> HttpResponse:
    """Check your answers, then send the complaint: it is logged with channel ``web`` for
    triage and the person is emailed their reference and private link."""
    answers = Answers(request.session, landlord)
    if (waiting := answers.first_not_done()) is not None:
        return redirect(waiting.url)
    problems: list[tuple[str, str]] = []
    if request.method == "POST":
        if ratelimit.hit("submit", ratelimit.client_key(request)):
            problems.append(
                (
                    "send",
                    _(
                        "You have sent too many complaints in a short time. Try again in an "
                        "hour, or contact us another way. Your answers are still here."
                    ),
                )
            )
        else:
            sent = portal_complaint_submit(
                landlord=landlord,
                answers=answers.to_complaint(),
                link=lambda token: request.build_absolute_uri(reverse("track:link", args=[token])),
            )
            request.session[SENT_KEY] = {
                "reference": sent.complaint.reference,
                "email": sent.access.email,
                "received_on": sent.complaint.received_on.isoformat(),
                "landlord": landlord.pk,
            }
            answers.forget()
            return redirect("complain:sent")
    return render(
        request,
        "portal/complain/check.html",
        {
            "sections": _summary(answers),
            "problems": problems,
            "has_errors": bool(problems),
            "back_url": reverse("complain:files"),
        },
    )


@portal_page
def sent(request: HttpRequest, landlord: Landlord) -> HttpResponse:
    """The confirmation: the reference, and what happens next by when."""
    done = request.session.get(SENT_KEY)
    if not done or done.get("landlord", landlord.pk) != landlord.pk:
        return redirect("complain:who")
    received_on = dt.date.fromisoformat(done["received_on"])
    return render(
        request,
        "portal/complain/sent.html",
        {
            "reference": done["reference"],
            "email": done["email"],
            "reply_by": acknowledgement_due(landlord.calendar(), received_on),
        },
    )
