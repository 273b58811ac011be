"""One page per command on a case, each a GOV.UK form that calls one service (style.md).

Each page is offered only when the lifecycle allows its command now
(``rules.lifecycle.allowed_commands``); asked for at another time, it says why not. Errors
from the form or the service are shown in an error summary linking to the fields, with
everything typed kept. A hidden version number catches a case changed by someone else
while the form was open.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import User
from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from putright.complaints import services
from putright.complaints.models import Complaint, Event
from putright.landlords.models import Role, today
from putright.rules.codes import Kind
from putright.rules.lifecycle import Command, RuleError, require_allowed
from putright.rules.timescales import RESPONSE_WORKING_DAYS, response_due
from putright.staff import forms as staff_forms
from putright.staff.selectors import staff_names
from putright.staff.views.common import case_or_refusal, case_url, done, run_service, staff_render
from putright.web.access import (
    ACTING_ROLES,
    APPROVER_ROLES,
    OWN_STAFF_ONLY,
    OWN_STAFF_ROLES,
    StaffRequest,
    staff_view,
)


def _complaint(request: StaffRequest, reference: str) -> Complaint | HttpResponse:
    found = case_or_refusal(request, reference)
    if isinstance(found, HttpResponse):
        return found
    return (
        Complaint.objects.select_related(
            "landlord", "resident", "home", "contractor", "representative"
        )
        .prefetch_related("stages__points", "stages__handler", "stages__extensions")
        .get(pk=found.pk)
    )


def _not_now(request: StaffRequest, complaint: Complaint, command: Command) -> HttpResponse | None:
    try:
        require_allowed(complaint.situation(), command)
    except RuleError as refusal:
        return staff_render(
            request,
            "staff/not_now.html",
            {"complaint": complaint, "reason": refusal.problems.get("", str(refusal))},
            nav="queue",
            status=409,
        )
    return None


def command_page(
    request: StaffRequest,
    reference: str,
    *,
    command: Command | None,
    title: str,
    button: str,
    make_form: Callable[[Any, Complaint], staff_forms.StaffForm],
    perform: Callable[[dict[str, Any], Complaint], Any],
    success: Callable[[Complaint, Any], str] | str,
    fields: dict[str, str] | None = None,
    template: str = "staff/commands/form.html",
    context: Callable[[Complaint], dict[str, Any]] | None = None,
) -> HttpResponse:
    """A command's page: the form on GET; on POST validate, call the service, and go back
    to the case with a success banner, or show the form again with its errors."""
    complaint = _complaint(request, reference)
    if isinstance(complaint, HttpResponse):
        return complaint
    if command is not None and (refusal := _not_now(request, complaint, command)):
        return refusal
    if request.method == "POST":
        form = make_form(request.POST, complaint)
        if form.is_valid() and not staff_forms.complaint_version_problem(form, complaint):
            ok, result = run_service(form, lambda: perform(form.cleaned_data, complaint), fields)
            if ok:
                message = success(complaint, result) if callable(success) else success
                return done(request, message, case_url(complaint))
    else:
        form = make_form(None, complaint)
    extra = context(complaint) if context else {}
    return staff_render(
        request,
        template,
        {"complaint": complaint, "form": form, "title": title, "button": button, **extra},
        nav="queue",
    )


def _initial(complaint: Complaint, **more: Any) -> dict[str, Any]:
    return {"version": complaint.version, **more}


# Triage ---------------------------------------------------------------------------------


def _triage(data: dict[str, Any], complaint: Complaint, by) -> Complaint:
    if data["decision"] == "not_accepted":
        return services.complaint_not_accept(
            complaint=complaint,
            reason=data["reason"],
            explanation=data["explanation"],
            discretion_considered=data.get("discretion_considered") or "",
            by=by,
            on=data["on"],
        )
    return services.complaint_triage(
        complaint=complaint, decision=data["decision"], by=by, on=data["on"]
    )


_TRIAGE_DONE = {
    Kind.COMPLAINT: "Accepted as a stage 1 complaint. Next, define the complaint.",
    Kind.SERVICE_REQUEST: "Recorded as a service request.",
    Kind.MEMBER_ENQUIRY: "Recorded as a member enquiry.",
}


@staff_view(ACTING_ROLES)
def triage(request: StaffRequest, reference: str) -> HttpResponse:
    """Accept as a complaint, treat as a service request or member enquiry, or do not
    accept with a reason, an explanation and the discretion considered (Code 4.1 - 4.3)."""
    return command_page(
        request,
        reference,
        command=Command.TRIAGE,
        title="Triage",
        button="Save decision",
        make_form=lambda data, c: staff_forms.TriageForm(data, initial=_initial(c)),
        perform=lambda d, c: _triage(d, c, request.user),
        success=lambda c, result: (
            "Not accepted. Write the letter to tell the resident why."
            if result.state == "not_accepted"
            else _TRIAGE_DONE[Kind(result.kind)]
        ),
        template="staff/commands/triage.html",
    )


# Define ---------------------------------------------------------------------------------


def _definition_initial(complaint: Complaint) -> tuple[list[str], dict[str, Any]]:
    """The current definition to revise, or at stage 2 the stage 1 definition as a start."""
    stage = complaint.current_stage
    source = stage
    if stage is not None and stage.defined_on is None and stage.number == 2:
        source = complaint.stage(1)
    points = [p.summary for p in source.points.all()] if source else []
    initial = {
        "outcomes_sought": (
            source.outcomes_sought
            if source and source.outcomes_sought
            else complaint.outcome_wanted
        ),
        "not_responsible": source.not_responsible if source else "",
    }
    return points, initial


@staff_view(ACTING_ROLES)
def define(request: StaffRequest, reference: str) -> HttpResponse:
    """Code 5.6: the points of the complaint, the outcomes sought and what the landlord is
    not responsible for. "Add another point" adds a box without JavaScript."""
    complaint = _complaint(request, reference)
    if isinstance(complaint, HttpResponse):
        return complaint
    if refusal := _not_now(request, complaint, Command.DEFINE):
        return refusal
    if request.method == "POST":
        adding = "add_point" in request.POST
        count = len([k for k in request.POST if k.startswith("point_")]) + (1 if adding else 0)
        form = staff_forms.DefineForm(request.POST, points=count)
        if adding:
            form.hide_errors = True
        elif form.is_valid() and not staff_forms.complaint_version_problem(form, complaint):
            ok, _ = run_service(
                form,
                lambda: services.complaint_define(
                    complaint=complaint,
                    points=form.points(),
                    outcomes_sought=form.cleaned_data["outcomes_sought"],
                    not_responsible=form.cleaned_data.get("not_responsible") or "",
                    by=request.user,
                    on=form.cleaned_data["on"],
                ),
                {"points": "point_1"},
            )
            if ok:
                return done(request, "The complaint definition is saved.", case_url(complaint))
    else:
        points, initial = _definition_initial(complaint)
        initial.update({f"point_{i}": p for i, p in enumerate(points, start=1)})
        form = staff_forms.DefineForm(
            initial=_initial(complaint, **initial), points=max(1, len(points))
        )
    return staff_render(
        request,
        "staff/commands/define.html",
        {"complaint": complaint, "form": form, "stage": complaint.current_stage},
        nav="queue",
    )


# Allocate -------------------------------------------------------------------------------


def _allocate_form(
    request: StaffRequest, data: Any, complaint: Complaint
) -> staff_forms.AllocateForm:
    membership = request.membership
    stage = complaint.current_stage
    first = complaint.stage(1)
    names = staff_names(complaint.landlord_id)
    contractor_only = (
        membership.contractor_id if membership.role == Role.CONTRACTOR_HANDLER else None
    )
    handlers = staff_forms.handler_choices(
        complaint.landlord,
        stage=stage.number if stage else None,
        exclude_user=first.handler_id
        if stage is not None and stage.number == 2 and first
        else None,
        contractor_id=contractor_only,
        names=names,
    )
    contractors = list(complaint.landlord.contractors.values_list("id", "name"))
    initial = _initial(
        complaint,
        handler=stage.handler_id if stage else None,
        contractor=str(complaint.contractor_id) if complaint.contractor_id else "landlord",
    )
    form = staff_forms.AllocateForm(
        data, initial=initial, handlers=handlers, contractors=contractors
    )
    if stage is None:
        # Not triaged yet, so no stage to hand to anyone: only who handles it can be set.
        del form.fields["handler"]
    if contractor_only is not None:
        del form.fields["contractor"]
    if stage is not None and stage.number == 2:
        form.fields["handler"].help_text = (
            "Stage 2 is handled by a senior handler or a complaints officer of the landlord who "
            "did not handle stage 1 (Code 6.13)."
        )
    return form


def _allocate(request: StaffRequest, data: dict[str, Any], complaint: Complaint) -> Complaint:
    from django.contrib.auth import get_user_model

    handler = None
    if data.get("handler"):
        handler = get_user_model().objects.get(pk=data["handler"])
    choice = data.get("contractor", "")
    contractor: Any = ...
    if choice == "landlord":
        contractor = None
    elif choice:
        contractor = complaint.landlord.contractors.get(pk=int(choice))
    return services.complaint_allocate(
        complaint=complaint, handler=handler, contractor=contractor, by=request.user
    )


@staff_view(ACTING_ROLES)
def allocate(request: StaffRequest, reference: str) -> HttpResponse:
    """Allocate or reallocate the handler of the current stage, and who handles it: the
    landlord or a contractor, as it is unless changed. At stage 2, only a different, more
    senior person. The service's refusal (``putright.rules.allocation``) is shown on the
    field it concerns, with what was chosen kept."""
    return command_page(
        request,
        reference,
        command=Command.ALLOCATE,
        title="Allocate",
        button="Allocate",
        make_form=lambda data, c: _allocate_form(request, data, c),
        perform=lambda d, c: _allocate(request, d, c),
        success="Allocated.",
        template="staff/commands/allocate.html",
    )


# Acknowledge, extend --------------------------------------------------------------------


@staff_view(ACTING_ROLES)
def acknowledge(request: StaffRequest, reference: str) -> HttpResponse:
    """Code 6.2 / 6.11: acknowledge the stage, once it is defined and allocated."""
    return command_page(
        request,
        reference,
        command=Command.ACKNOWLEDGE,
        title="Acknowledge",
        button="Acknowledge",
        make_form=lambda data, c: staff_forms.AcknowledgeForm(data, initial=_initial(c)),
        perform=lambda d, c: services.complaint_acknowledge(
            complaint=c, by=request.user, on=d["on"]
        ),
        success=lambda c, stage: (
            f"Stage {stage.number} acknowledged. The response is due "
            f"{stage.response_due_extended.day} {stage.response_due_extended:%B %Y}. "
            "Now write the acknowledgement letter."
        ),
        template="staff/commands/acknowledge.html",
        context=_acknowledge_context,
    )


def _acknowledge_context(complaint: Complaint) -> dict[str, Any]:
    """What the acknowledge page tells: when the response falls due if the stage is
    acknowledged today (Code 6.3, 6.14: 10 or 20 working days after the acknowledgement,
    counted from the acknowledgement's due date when it is late: a late acknowledgement
    never buys time)."""
    stage = complaint.current_stage
    if stage is None:  # not reached: acknowledging needs an open stage (rules.lifecycle)
        return {"stage": None}
    on = today()
    return {
        "stage": stage,
        "late": on > stage.acknowledgement_due,
        "response_working_days": RESPONSE_WORKING_DAYS[stage.number],
        "response_due": response_due(
            complaint.landlord.calendar(), stage.number, stage.requested_on, on
        ),
    }


@staff_view(ACTING_ROLES)
def extend(request: StaffRequest, reference: str) -> HttpResponse:
    """Code 6.4 / 6.16: extend the response date. Shows the limit and asks for the good
    reason beyond it. Code 6.4 / 6.5: agreed on or before the due date it extends, or
    refused with the form kept as typed; the extension letter then gives the resident the
    new date with the Ombudsman's details."""

    def make(data: Any, c: Complaint) -> staff_forms.ExtendForm:
        stage = c.current_stage
        assert stage is not None, "command_page refuses to extend a complaint with no stage"
        return staff_forms.ExtendForm(
            data,
            initial=_initial(c),
            stage=stage.number,
            used=stage.extension_working_days,
        )

    return command_page(
        request,
        reference,
        command=Command.EXTEND,
        title="Extend the response date",
        button="Extend",
        make_form=make,
        perform=lambda d, c: services.complaint_extend(
            complaint=c,
            working_days=d["working_days"],
            reason_code=d["reason_code"],
            reason=d["reason"],
            good_reason=d.get("good_reason") or "",
            by=request.user,
            on=d["on"],
        ),
        success=lambda c, ext: (
            f"Extended. The response is now due {ext.new_due.day} {ext.new_due:%B %Y}. "
            "Now write the extension letter."
        ),
        template="staff/commands/extend.html",
        context=lambda c: {"stage": c.current_stage},
    )


# Stage 2, withdrawal, resolution ----------------------------------------------------------


@staff_view(ACTING_ROLES)
def request_escalation(request: StaffRequest, reference: str) -> HttpResponse:
    """Code 6.12: the resident asks for stage 2. No reason is required."""
    return command_page(
        request,
        reference,
        command=Command.REQUEST_ESCALATION,
        title="Record a request for stage 2",
        button="Record the request",
        make_form=lambda data, c: staff_forms.EscalateForm(data, initial=_initial(c)),
        perform=lambda d, c: services.complaint_request_escalation(
            complaint=c,
            requested_on=d["requested_on"],
            reason="" if d["reason"] == "not_given" else d["reason"],
            reason_text=d.get("reason_text") or "",
            by=request.user,
        ),
        success=lambda c, stage: (
            "Stage 2 started. Allocate it to a senior handler who did not handle stage 1."
            + (
                " The request came outside the escalation window: record how you used discretion."
                if stage.outside_escalation_window
                else ""
            )
        ),
    )


@staff_view(ACTING_ROLES)
def refuse_escalation(request: StaffRequest, reference: str) -> HttpResponse:
    """Code 6.12, 4.1: refuse stage 2 only for a valid reason, explained."""
    return command_page(
        request,
        reference,
        command=Command.REFUSE_ESCALATION,
        title="Refuse stage 2",
        button="Refuse stage 2",
        make_form=lambda data, c: staff_forms.RefuseEscalationForm(data, initial=_initial(c)),
        perform=lambda d, c: services.complaint_refuse_escalation(
            complaint=c,
            reason=d["reason"],
            explanation=d["explanation"],
            by=request.user,
            on=d["on"],
        ),
        success="Stage 2 refused. Write the letter to tell the resident why.",
    )


@staff_view(OWN_STAFF_ROLES, refusal=OWN_STAFF_ONLY)
def withdraw(request: StaffRequest, reference: str) -> HttpResponse:
    """Withdraw before the stage's response, recording the date and who asked. The
    landlord's own staff only, not a contractor's handler (the service checks it too)."""
    return command_page(
        request,
        reference,
        command=Command.WITHDRAW,
        title="Withdraw",
        button="Withdraw",
        make_form=lambda data, c: staff_forms.WithdrawForm(data, initial=_initial(c)),
        perform=lambda d, c: services.complaint_withdraw(
            complaint=c,
            requested_by=d["requested_by"],
            reason=d.get("reason") or "",
            by=request.user,
            on=d["on"],
        ),
        success="Withdrawn.",
        fields={"withdrawn_on": "on"},
    )


@staff_view(ACTING_ROLES)
def resolve(request: StaffRequest, reference: str) -> HttpResponse:
    """The response to a service request or member enquiry: its date and what was said,
    which resolves it (issue 17, item 3; ``services.record_respond``)."""
    return command_page(
        request,
        reference,
        command=Command.RESOLVE,
        title="Record the response",
        button="Record the response",
        make_form=lambda data, c: staff_forms.ResolveForm(data, initial=_initial(c)),
        perform=lambda d, c: services.record_respond(
            record=c, response=d["summary"], by=request.user, on=d["on"]
        ),
        success=lambda c, record: (
            f"Response recorded: {record.get_kind_display().lower()} resolved"
            + (", within its target." if record.responded_within_target else ", after its target.")
        ),
        fields={"response": "summary"},
        template="staff/commands/record_response.html",
    )


@staff_view(ACTING_ROLES)
def owner(request: StaffRequest, reference: str) -> HttpResponse:
    """Who owns a service request or member enquiry while it is open."""
    return command_page(
        request,
        reference,
        command=Command.RESOLVE,
        title="Change the owner",
        button="Save the owner",
        make_form=lambda data, c: staff_forms.OwnerForm(
            data,
            initial=_initial(c, owner=c.owner_id),
            people=staff_forms.owner_choices(c.landlord, staff_names(c.landlord_id)),
        ),
        perform=lambda d, c: services.record_owner_set(
            record=c,
            owner=User.objects.get(pk=d["owner"]) if d["owner"] else None,
            by=request.user,
        ),
        success="Owner saved.",
    )


@staff_view(ACTING_ROLES)
def member(request: StaffRequest, reference: str) -> HttpResponse:
    """The councillor or MP who made a member enquiry."""
    return command_page(
        request,
        reference,
        command=None,
        title="Record the member",
        button="Save the member",
        make_form=lambda data, c: staff_forms.MemberForm(
            data, initial=_initial(c, member_name=c.member_name, member_role=c.member_role)
        ),
        perform=lambda d, c: services.record_member_set(
            record=c, member_name=d["member_name"], member_role=d["member_role"], by=request.user
        ),
        success="Member saved.",
    )


# Notes, files, corrections ----------------------------------------------------------------


@staff_view(APPROVER_ROLES)
def approve_response(request: StaffRequest, reference: str) -> HttpResponse:
    """Sign-off (issue 17, item 2): approve a response waiting for approval, or send it
    back with what to change. The service checks the approver is independent of it."""

    def perform(d: dict[str, Any], c: Complaint) -> Any:
        if d["decision"] == "approve":
            return services.complaint_response_approve(complaint=c, by=request.user,
                                                       note=d.get("note") or "")  # fmt: skip
        return services.complaint_response_send_back(complaint=c, by=request.user,
                                                     reason=d.get("note") or "")  # fmt: skip

    return command_page(
        request,
        reference,
        command=None,
        title="Approve the response",
        button="Continue",
        make_form=lambda data, c: staff_forms.ApprovalForm(data, initial=_initial(c)),
        perform=perform,
        success=lambda c, stage: (
            f"Stage {stage.number} response approved. Its letter can now be sent."
            if stage.approved_at
            else f"Stage {stage.number} response sent back to the handler."
        ),
        fields={"by": "decision", "reason": "note"},
        template="staff/commands/approve_response.html",
        context=lambda c: {"stage": c.current_stage},
    )


@staff_view(ACTING_ROLES)
def add_note(request: StaffRequest, reference: str) -> HttpResponse:
    return command_page(
        request,
        reference,
        command=Command.ADD_NOTE,
        title="Add a note",
        button="Add note",
        make_form=lambda data, c: staff_forms.NoteForm(data, initial=_initial(c)),
        perform=lambda d, c: services.complaint_add_note(
            complaint=c, text=d["text"], by=request.user, on=d["on"]
        ),
        success="Note added.",
    )


@staff_view(ACTING_ROLES)
def update_interval(request: StaffRequest, reference: str) -> HttpResponse:
    """Code 5.9: record how often the resident will be updated, as agreed with them, while
    the stage is open or the actions promised are outstanding (the service says when
    not)."""

    def make(data: Any, c: Complaint) -> staff_forms.UpdateIntervalForm:
        stage = c.current_stage
        initial = _initial(c)
        if stage is not None and stage.update_interval:
            initial |= {"working_days": stage.update_interval, "note": stage.update_interval_note}
        return staff_forms.UpdateIntervalForm(data, initial=initial)

    return command_page(
        request,
        reference,
        command=None,
        title="Agree how often the resident is updated",
        button="Save",
        make_form=make,
        perform=lambda d, c: services.complaint_update_interval_set(
            complaint=c,
            working_days=d["working_days"],
            note=d.get("note") or "",
            by=request.user,
            on=d["on"],
        ),
        success=lambda c, stage: (
            f"Updates agreed every {stage.update_interval} working days."
            if stage.update_interval
            else "No regular updates are agreed any more."
        ),
    )


def _content_type(upload: Any) -> str:
    """The browser's type for the file, or one guessed from its name when the browser
    sent a generic one."""
    given = (upload.content_type or "").split(";")[0].strip().lower()
    if given and given != "application/octet-stream":
        return given
    guessed, _ = mimetypes.guess_type(upload.name)
    return guessed or given or "application/octet-stream"


@staff_view(ACTING_ROLES)
def attach(request: StaffRequest, reference: str) -> HttpResponse:
    """Attach a file to the timeline; its size and type are checked by the service."""

    def perform(d: dict[str, Any], c: Complaint) -> Any:
        upload = d["file"]
        if upload.size > services.MAX_ATTACHMENT_BYTES:
            raise RuleError({"file": "The file must be smaller than 20 MB."})
        return services.complaint_attach(
            complaint=c,
            filename=upload.name,
            content=upload.read(),
            content_type=_content_type(upload),
            description=d.get("description") or "",
            by=request.user,
        )

    return command_page(
        request,
        reference,
        command=Command.ATTACH,
        title="Attach a file",
        button="Attach",
        make_form=lambda data, c: staff_forms.AttachForm(
            data, request.FILES if data is not None else None, initial=_initial(c)
        ),
        perform=perform,
        success=lambda c, a: f"{a.filename} attached.",
        template="staff/commands/attach.html",
    )


@staff_view(ACTING_ROLES)
def correct(request: StaffRequest, reference: str, event_id: int) -> HttpResponse:
    """Correct a timeline entry: the entry stays, the correction is added next to it."""
    found = case_or_refusal(request, reference)
    if isinstance(found, HttpResponse):
        return found
    event = get_object_or_404(Event, pk=event_id, complaint=found)
    return command_page(
        request,
        reference,
        command=None,
        title="Correct an entry",
        button="Add correction",
        make_form=lambda data, c: staff_forms.CorrectForm(data, initial=_initial(c)),
        perform=lambda d, c: services.event_correct(
            event=event, correction=d["correction"], by=request.user
        ),
        success="Correction added to the timeline.",
        template="staff/commands/correct.html",
        context=lambda c: {"event": event},
    )
