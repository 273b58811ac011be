"""The case page: the header with stage, state, handler, due dates and flags; the commands
the lifecycle allows now; the letters; the Housing Ombudsman's cases about it and the
learning from it, with the ways to record more and to produce the case file bundle (issue
5, Code 5.12, 9.1); a possible hazard the complaint mentions, and whether repairs were told
(Awaab's Law); the full timeline. Every read is logged (domain.md §11), and
administrators see the log. Also the downloads of letters and attachments,
served only to staff who can see the case."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from csp.constants import NONE
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from putright.complaints.models import Attachment, Complaint, Event, EventKind, HazardCase
from putright.landlords.models import today
from putright.landlords.selectors import exceptional_circumstances_since
from putright.learning.selectors import records_of_complaint
from putright.letters.kinds import LetterKind
from putright.letters.models import Letter
from putright.letters.services import kinds_available, letter_pdf_make, letter_pdf_removed
from putright.ombudsman.permissions import LINK_ROLES as OMBUDSMAN_LINK_ROLES
from putright.ombudsman.permissions import READ_ROLES as OMBUDSMAN_READ_ROLES
from putright.ombudsman.selectors import cases_of_complaint, next_deadlines
from putright.residents.selectors import format_needs
from putright.residents.services import ADJUSTMENT_ROLES
from putright.rules.codes import Kind
from putright.rules.exceptional import late_period, notice_in_force_during
from putright.rules.hazard_clocks import MILESTONES, HazardClass
from putright.rules.hazards import hazard_flag
from putright.rules.lifecycle import Command, LetterOwed, State, allowed_commands
from putright.rules.timescales import EXTENSION_LIMIT_WORKING_DAYS, working_days_left
from putright.staff import selectors
from putright.staff.views.common import case_or_refusal, staff_render
from putright.web.access import ACTING_ROLES, AUDIT_ROLES, OWN_STAFF_ROLES, StaffRequest, staff_view
from putright.web.csp import style_hashes
from putright.web.models import CaseRead
from putright.web.services import case_read_record


@dataclass(frozen=True)
class Offer:
    """A command offered on the case page: its words and where its form is."""

    label: str
    url: str
    primary: bool = False


_LABELS: dict[Command, str] = {
    Command.TRIAGE: "Triage",
    Command.DEFINE: "Define the complaint",
    Command.ALLOCATE: "Allocate",
    Command.ACKNOWLEDGE: "Acknowledge",
    Command.EXTEND: "Extend the response date",
    Command.RESPOND: "Record the response",
    Command.CORRECT_RESPONSE: "Correct the response",
    Command.REQUEST_ESCALATION: "Record a request for stage 2",
    Command.REFUSE_ESCALATION: "Refuse stage 2",
    Command.WITHDRAW: "Withdraw",
    Command.RESOLVE: "Record the response",
    Command.ADD_NOTE: "Add a note",
    Command.ATTACH: "Attach a file",
}
_ORDER = [
    Command.TRIAGE,
    Command.DEFINE,
    Command.ALLOCATE,
    Command.ACKNOWLEDGE,
    Command.RESPOND,
    Command.CORRECT_RESPONSE,
    Command.EXTEND,
    Command.REQUEST_ESCALATION,
    Command.REFUSE_ESCALATION,
    Command.RESOLVE,
    Command.WITHDRAW,
    Command.ADD_NOTE,
    Command.ATTACH,
]


#: Commands only the landlord's own staff run, never a contractor's handler.
_OWN_STAFF_COMMANDS = frozenset({Command.WITHDRAW})


def offers(complaint: Complaint, *, own_staff: bool = True) -> list[Offer]:
    """Only the commands the lifecycle allows now (``rules.lifecycle``), in the order the
    work is done; the next step of the process first and as the primary button. Someone
    who is not the landlord's own staff (``own_staff``: a contractor's handler) is not
    offered what only the landlord does."""
    allowed = allowed_commands(complaint.situation())
    if not own_staff:
        allowed = allowed - _OWN_STAFF_COMMANDS
    stage = complaint.current_stage
    result: list[Offer] = []
    for command in _ORDER:
        if command not in allowed:
            continue
        label = _LABELS[command]
        if command is Command.DEFINE and stage is not None and stage.defined_on is not None:
            label = "Revise the definition"
        if command is Command.ALLOCATE and stage is not None and stage.handler_id is not None:
            label = "Reallocate"
        result.append(Offer(label, reverse(f"staff:{command.value}", args=[complaint.reference])))
    result += casework_offers(complaint)
    if Command.RESOLVE in allowed:
        result.append(
            Offer("Change the owner", reverse("staff:record_owner", args=[complaint.reference]))
        )
    if complaint.kind == Kind.MEMBER_ENQUIRY:
        label = "Change the member" if complaint.member_name else "Record the member"
        result.append(Offer(label, reverse("staff:record_member", args=[complaint.reference])))
    if complaint.kind == Kind.SERVICE_REQUEST:
        result.insert(
            0,
            Offer(
                "Raise a complaint from this service request",
                reverse("staff:raise_complaint", args=[complaint.reference]),
            ),
        )
    if (letter := letter_offer(complaint)) is not None:
        return [letter, *result]  # the stage's step is done when its letter goes
    next_step = _next_step(complaint, allowed)
    return [
        Offer(o.label, o.url, primary=o.url.endswith(f"/{next_step}/")) if next_step else o
        for o in result
    ]


#: The letter a stage is waiting for, by its stage's number.
_LETTER_OWED = {
    (LetterOwed.ACKNOWLEDGEMENT, 1): LetterKind.ACKNOWLEDGEMENT_STAGE1,
    (LetterOwed.ACKNOWLEDGEMENT, 2): LetterKind.ACKNOWLEDGEMENT_STAGE2,
    (LetterOwed.RESPONSE, 1): LetterKind.STAGE1_RESPONSE,
    (LetterOwed.RESPONSE, 2): LetterKind.STAGE2_RESPONSE,
}


def letter_offer(complaint: Complaint) -> Offer | None:
    """The letter the open stage is waiting for, first and as the primary button: its
    acknowledgement or response is not done until the letter is issued."""
    stage = complaint.current_stage
    if stage is None or not stage.letter_owed or not stage.is_open:
        return None
    kind = _LETTER_OWED[(LetterOwed(stage.letter_owed), stage.number)]
    return Offer(
        f"Write the {kind.label.lower()} letter",
        reverse("staff:letter", args=[complaint.reference, kind.value]),
        primary=True,
    )


def casework_offers(complaint: Complaint) -> list[Offer]:
    """What a handler may do at any time, beside the lifecycle's steps: record a contact
    with the resident, record how an accessible format or language they need was met
    without a letter, and change what the complaint is about (Code 5.12, 5.10, 9.2)."""
    reference = [complaint.reference]
    found = [Offer("Record a contact", reverse("staff:record_contact", args=reference))]
    if format_needs(complaint.resident_id):
        found.append(
            Offer("Record how a need was met", reverse("staff:format_met", args=reference))
        )
    found.append(
        Offer("Change the service area or theme", reverse("staff:reclassify", args=reference))
    )
    if complaint.current_stage is not None and complaint.state != State.WITHDRAWN:
        # Code 5.9: the service says when nothing is outstanding, so no updates are owed.
        found.append(
            Offer(
                "Agree how often the resident is updated",
                reverse("staff:update_interval", args=reference),
            )
        )
    return found


def _update_due(complaint: Complaint, on: dt.date) -> dict[str, Any] | None:
    """Code 5.9, 6.6, 6.17: the next update owed to the resident, with the working days
    left (negative: overdue)."""
    if complaint.update_due_on is None:
        return None
    calendar = complaint.landlord.calendar()
    return {
        "due_on": complaint.update_due_on,
        "days_left": working_days_left(calendar, complaint.update_due_on, on),
    }


def _next_step(complaint: Complaint, allowed: frozenset[Command]) -> str:
    stage = complaint.current_stage
    if Command.TRIAGE in allowed:
        return "triage"
    if stage is None or not stage.is_open:
        return ""
    if stage.defined_on is None:
        return "define"
    if stage.handler_id is None:
        return "allocate"
    if Command.ACKNOWLEDGE in allowed:
        return "acknowledge"
    if Command.RESPOND in allowed:
        return "respond"
    return ""


def _due(
    complaint: Complaint, on: dt.date
) -> list[tuple[str, dt.date, int | None, bool, dt.date | None]]:
    """The current stage's deadlines: (what, date, working days left or None when done
    or no longer due, done late, done on)."""
    stage = complaint.current_stage
    if complaint.kind != Kind.COMPLAINT:
        return []
    calendar = complaint.landlord.calendar()
    if stage is None:
        # Code 6.2: waiting for triage, the acknowledgement is due counted from receipt.
        if complaint.state != State.RECEIVED or complaint.next_due_on is None:
            return []
        left = working_days_left(calendar, complaint.next_due_on, on)
        return [("Stage 1 acknowledgement due", complaint.next_due_on, left, False, None)]
    rows = []
    ack_left = (
        None
        if stage.acknowledged_on or not stage.is_open
        else working_days_left(calendar, stage.acknowledgement_due, on)
    )
    rows.append(
        (
            f"Stage {stage.number} acknowledgement due",
            stage.acknowledgement_due,
            ack_left,
            bool(stage.acknowledged_on and stage.acknowledged_on > stage.acknowledgement_due),
            stage.acknowledged_on,
        )
    )
    response_left = (
        working_days_left(calendar, stage.response_due_extended, on)
        if stage.is_open and complaint.state in (State.STAGE1, State.STAGE2)
        else None
    )
    label = f"Stage {stage.number} response due"
    if stage.extension_working_days:
        label += f" (extended by {stage.extension_working_days} working days)"
    rows.append(
        (
            label,
            stage.response_due_extended,
            response_left,
            bool(stage.responded_on and stage.responded_on > stage.response_due_extended),
            stage.responded_on,
        )
    )
    return rows


def _next_deadline(complaint: Complaint, on: dt.date) -> dict[str, Any] | None:
    """The record's next deadline, named as the work queue names it (its own, or a
    Housing Ombudsman deadline on it when sooner), with the working days left."""
    deadline = next_deadlines([complaint]).get(complaint.pk)
    if deadline is None:
        return None
    calendar = complaint.landlord.calendar()
    return {"deadline": deadline, "days_left": working_days_left(calendar, deadline.due_on, on)}


def _notices_beside_lateness(
    complaint: Complaint,
    due: list[tuple[str, dt.date, int | None, bool, dt.date | None]],
    on: dt.date,
) -> list[dict[str, Any]]:
    """Code 8.5: the notices of exceptional circumstances in force while a deadline of the
    case was late, each with the deadlines it was in force for. The clock does not stop:
    the deadline is still late, and the notice explains it."""
    late: list[tuple[dict[str, Any], tuple[dt.date, dt.date]]] = []
    for what, due_on, left, _late, done_on in due:
        if left is None and done_on is None:
            continue  # no longer due (the stage closed), so neither met nor late
        period = late_period(due_on, done_on, on)
        if period is not None:
            late.append(({"what": what, "due_on": due_on}, period))
    if not late:
        return []
    since = min(period[0] for _what, period in late)
    shown = []
    for notice in exceptional_circumstances_since(complaint.landlord, since):
        deadlines = [
            what
            for what, period in late
            if notice_in_force_during(period, notice.started_on, notice.withdrawn_on, on)
        ]
        if deadlines:
            shown.append({"notice": notice, "deadlines": deadlines})
    return shown


def _repairs_told(timeline: list[Event]) -> Event | None:
    """Awaab's Law: the latest entry saying the repairs service was told of the hazard."""
    told = [e for e in timeline if e.kind == EventKind.REPAIRS_TOLD]
    return told[-1] if told else None


def _hazard_clocks(complaint: Complaint) -> dict[str, Any]:
    """Awaab's Law: the complaint's hazard, its clocks as they stand now and the steps
    still to record, in order."""
    hazard = HazardCase.objects.filter(complaint=complaint).select_related("landlord").first()
    if hazard is None:
        return {"hazard_case": None}
    done = hazard.milestones_done()
    return {
        "hazard_case": hazard,
        "hazard_clocks": hazard.clocks(timezone.now()),
        "hazard_steps": [m for m in MILESTONES[HazardClass(hazard.hazard_class)] if m not in done],
    }


@staff_view()
def case(request: StaffRequest, reference: str) -> HttpResponse:
    """The case file. Reading it is logged."""
    membership = request.membership
    complaint = selectors.case_get(membership, reference)
    if complaint is None:
        return case_or_refusal(request, reference)  # type: ignore[return-value]
    case_read_record(complaint=complaint, membership=membership)
    on = today()
    acting = membership.role in ACTING_ROLES
    stages = sorted(complaint.stages.all(), key=lambda s: s.number)
    timeline = selectors.case_timeline(complaint)
    letters = list(
        Letter.objects.filter(complaint=complaint)
        .select_related("issued_by")
        .order_by("issued_on", "id")
    )
    # Ombudsman casework and learning are the landlord's, not a contractor's (ombudsman
    # permissions); recording learning needs a role that changes records too.
    reads_casework = membership.role in OMBUDSMAN_READ_ROLES
    due = _due(complaint, on)
    context = {
        "ombudsman_cases": cases_of_complaint(complaint.pk) if reads_casework else None,
        "learning_records": records_of_complaint(complaint.pk) if reads_casework else None,
        "can_record_ombudsman": membership.role in OMBUDSMAN_LINK_ROLES,
        "can_record_learning": reads_casework and acting,
        "can_bundle": reads_casework and acting,  # producing it is a change: logged
        "complaint": complaint,
        "stages": stages,
        "stage": complaint.current_stage,
        "due": due,
        "exceptional_circumstances": _notices_beside_lateness(complaint, due, on),
        "next_deadline": _next_deadline(complaint, on),
        "update_due": _update_due(complaint, on),
        "flags": selectors.resident_flags(complaint.resident),
        "hazard": hazard_flag(complaint.description),
        "repairs_told": _repairs_told(timeline),
        **_hazard_clocks(complaint),
        "adjustment_requests": selectors.adjustment_requests_waiting(complaint),
        "can_agree_adjustments": membership.role in ADJUSTMENT_ROLES,
        "timeline": timeline,
        "offers": offers(complaint, own_staff=membership.role in OWN_STAFF_ROLES) if acting else [],
        "letter_kinds": kinds_available(complaint) if acting else (),
        "letters": letters,
        "raised": list(complaint.complaints_raised.all()),
        "reads": selectors.case_reads(complaint) if membership.role in AUDIT_ROLES else None,
        "extension_limit": EXTENSION_LIMIT_WORKING_DAYS,
    }
    return staff_render(request, "staff/case/case.html", context, nav="queue")


def _visible(request: StaffRequest, reference: str) -> Complaint | HttpResponse:
    return case_or_refusal(request, reference)


@staff_view(read_only=True)
def letter_download(
    request: StaffRequest, reference: str, letter_id: int, fmt: str
) -> HttpResponseBase:
    """An issued letter as it was frozen: the HTML or the PDF. Only for staff who can see
    the case; logged as a read."""
    found = _visible(request, reference)
    if isinstance(found, HttpResponse):
        return found
    letter = get_object_or_404(Letter, pk=letter_id, complaint=found)
    case_read_record(complaint=found, membership=request.membership, what=CaseRead.What.LETTER)
    name = f"{found.reference}-{letter.kind.replace('_', '-')}-{letter.issued_on:%Y-%m-%d}"
    response: HttpResponseBase
    if fmt == "pdf":
        if letter_pdf_removed(letter):
            raise Http404("This letter's PDF was removed under the retention policy.")
        pdf = io.BytesIO(letter_pdf_make(letter=letter))
        response = FileResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    else:
        response = HttpResponse(letter.html, content_type="text/html; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="{name}.html"'
        # The frozen letter is our own HTML; even so it may run nothing and load nothing
        # but its own <style>, and nothing may frame it.
        response["Content-Security-Policy"] = (
            f"default-src 'none'; style-src {' '.join(style_hashes(letter.html)) or NONE}; "
            "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
        )
    response["Cache-Control"] = "private, no-store"
    return response


@staff_view(read_only=True)
def attachment_download(
    request: StaffRequest, reference: str, attachment_id: int
) -> HttpResponseBase:
    """A file from the timeline, always as a download (never shown inline), logged."""
    found = _visible(request, reference)
    if isinstance(found, HttpResponse):
        return found
    attachment = get_object_or_404(Attachment, pk=attachment_id, complaint=found)
    if not attachment.file:
        raise Http404("This file was removed under the retention policy.")
    case_read_record(complaint=found, membership=request.membership, what=CaseRead.What.ATTACHMENT)
    response = FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.content_type,
        as_attachment=True,
        filename=attachment.filename,
    )
    response["Cache-Control"] = "private, no-store"
    return response
