"""Records as the API shows them (the shapes are in ``schemas.py``). Blank codes become
null; money is a string with two decimals."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from decimal import Decimal
from types import EllipsisType
from typing import Any

from django.db.models import Prefetch, prefetch_related_objects
from django.urls import reverse

from putright.complaints.models import Attachment, Complaint, Event, Stage
from putright.letters.facts import ombudsman_contact
from putright.ombudsman.models import (
    Contact,
    Determination,
    FindingKind,
    OmbudsmanCase,
    Order,
    Reply,
)
from putright.ombudsman.selectors import next_deadlines, own_deadline
from putright.residents.models import (
    AdjustmentRequest,
    ReasonableAdjustment,
    Representative,
    Resident,
)
from putright.rules.calendar import WorkingCalendar
from putright.rules.codes import Kind
from putright.rules.deadlines import Deadline
from putright.rules.lifecycle import Command, State, allowed_commands
from putright.rules.records import has_target
from putright.rules.timescales import working_days_left

#: Lifecycle commands as the API's action paths (POST /complaints/{reference}/<action>).
ACTION_PATHS = {
    Command.TRIAGE: ("triage", "not-accept"),
    Command.DEFINE: ("define",),
    Command.ALLOCATE: ("allocate",),
    Command.ACKNOWLEDGE: ("acknowledge",),
    Command.EXTEND: ("extend",),
    Command.RESPOND: ("respond",),
    Command.REQUEST_ESCALATION: ("escalate",),
    Command.REFUSE_ESCALATION: ("refuse-escalation",),
    Command.WITHDRAW: ("withdraw",),
    Command.RESOLVE: ("resolve",),
    Command.ADD_NOTE: ("notes",),
    Command.ATTACH: ("attachments",),
}


def _money(amount: Decimal | None) -> str | None:
    return None if amount is None else f"{amount:.2f}"


def _username(user: Any) -> str | None:
    return user.get_username() if user is not None else None


def _named(obj: Any) -> dict[str, Any] | None:
    return {"id": obj.pk, "name": obj.name} if obj is not None else None


def complaint_summary(
    complaint: Complaint, deadline: Deadline | EllipsisType | None = ...
) -> dict[str, Any]:
    """The record in brief, with its next deadline named as the work queue names it
    (``deadline``, when the caller has worked them out for a page of records at once)."""
    if isinstance(deadline, EllipsisType):
        deadline = next_deadlines([complaint]).get(complaint.pk)
    stage = complaint.current_stage
    return {
        "reference": complaint.reference,
        "kind": complaint.kind,
        "state": complaint.state,
        "version": complaint.version,
        "received_on": complaint.received_on,
        "channel": complaint.channel or None,
        "resident_id": complaint.resident_id,
        "current_stage": stage.number if stage else None,
        "next_due": deadline.due_on if deadline is not None else None,
        "next_due_kind": deadline.kind.value if deadline is not None else None,
        "updated_at": complaint.updated_at,
        "update_due": complaint.update_due_on,
        "target_on": complaint.target_on,
        "responded_on": complaint.responded_on,
    }


def allowed_actions(complaint: Complaint) -> list[str]:
    allowed = allowed_commands(complaint.situation())
    return sorted(path for command in allowed for path in ACTION_PATHS.get(command, ()))


def stage_detail(stage: Stage) -> dict[str, Any]:
    return {
        "number": stage.number,
        "status": stage.status,
        "requested_on": stage.requested_on,
        "handler": _username(stage.handler),
        "contractor": _named(stage.contractor),
        "points": [
            {
                "number": p.number,
                "summary": p.summary,
                "outcome": p.outcome or None,
                "finding": p.finding,
            }
            for p in stage.points.all()
        ],
        "outcomes_sought": stage.outcomes_sought,
        "not_responsible": stage.not_responsible,
        "defined_on": stage.defined_on,
        "acknowledged_on": stage.acknowledged_on,
        "acknowledgement_due": stage.acknowledgement_due,
        "response_due": stage.response_due,
        "response_due_extended": stage.response_due_extended,
        "extension_working_days": stage.extension_working_days,
        "extensions": [
            {
                "working_days": e.working_days,
                "reason_code": e.reason_code or None,
                "reason": e.reason,
                "good_reason": e.good_reason,
                "ombudsman_details_given": e.ombudsman_details_given,
                "decided_on": e.decided_on,
                "agreed_on": e.agreed_on,
                "previous_due": e.previous_due,
                "new_due": e.new_due,
            }
            for e in stage.extensions.all()
        ],
        "decided_on": stage.decided_on,
        "letter_to_send": stage.letter_owed or None,
        "approval_needed": stage.approval_needed or None,
        "awaiting_approval": stage.awaiting_approval,
        "approved_by": _username(stage.approved_by),
        "approved_at": stage.approved_at,
        "responded_on": stage.responded_on,
        "outcome": stage.outcome or None,
        "reasons": stage.reasons,
        "remedies": [
            {
                "id": r.pk,
                "kind": r.kind,
                "description": r.description,
                "resident_wording": r.resident_wording,
                "owner": r.owner,
                "due_on": r.due_on,
                "done_on": r.done_on,
                "evidence": r.evidence,
                "amount_offered": _money(r.amount_offered),
                "compensation_reason": r.compensation_reason or None,
                "offered_on": r.offered_on,
                "accepted_on": r.accepted_on,
                "amount_accepted": _money(r.amount_accepted),
                "paid_on": r.paid_on,
                "amount_paid": _money(r.amount_paid),
                "payment_method": r.payment_method or None,
            }
            for r in stage.remedies.all()
        ],
        "actions": [
            {
                "id": a.pk,
                "description": a.description,
                "owner": a.owner,
                "due_on": a.due_on,
                "done_on": a.done_on,
            }
            for a in stage.actions.all()
        ],
        "not_accepted_reason": stage.not_accepted_reason or None,
        "not_accepted_detail": stage.not_accepted_detail,
        "not_accepted_on": stage.not_accepted_on,
        "escalation_reason": stage.escalation_reason or None,
        "escalation_reason_text": stage.escalation_reason_text,
        "outside_escalation_window": stage.outside_escalation_window,
        "update_interval": stage.update_interval,
        "update_interval_agreed_on": stage.update_interval_agreed_on,
        "update_interval_note": stage.update_interval_note,
    }


def complaint_detail(
    complaint: Complaint, deadline: Deadline | EllipsisType | None = ...
) -> dict[str, Any]:
    return {
        **complaint_summary(complaint, deadline),
        "state_label": State(complaint.state).label,
        "jurisdiction": complaint.jurisdiction,
        "ombudsman": asdict(ombudsman_contact(complaint.landlord, complaint.jurisdiction)),
        "description": complaint.description,
        "outcome_wanted": complaint.outcome_wanted,
        "representative_id": complaint.representative_id,
        "home_id": complaint.home_id,
        "tenure": complaint.tenure or None,
        "stock_type": complaint.stock_type,
        "service_area": _named(complaint.service_area),
        "contractor": _named(complaint.contractor),
        "theme": _named(complaint.theme),
        "root_cause": complaint.root_cause or None,
        "sub_cause": (
            {
                "code": complaint.sub_cause.code,
                "label": complaint.sub_cause.label,
                "root_cause": complaint.sub_cause.root_cause,
                "active": complaint.sub_cause.active,
            }
            if complaint.sub_cause
            else None
        ),
        "root_cause_detail": complaint.root_cause_detail,
        "vulnerable": complaint.vulnerable,
        "raised_from": complaint.raised_from.reference if complaint.raised_from else None,
        "withdrawn_on": complaint.withdrawn_on,
        "withdrawn_by": complaint.withdrawn_by,
        "ombudsman_reference": complaint.ombudsman_reference,
        "logged_by": _username(complaint.logged_by),
        "created_at": complaint.created_at,
        "allowed_actions": allowed_actions(complaint),
        "stages": [stage_detail(s) for s in sorted(complaint.stages.all(), key=lambda s: s.number)],
        "owner": _username(complaint.owner),
        "response": complaint.response,
        "responded_within_target": complaint.responded_within_target
        if has_target(complaint.kind)
        else None,
        "member": {"name": complaint.member_name, "role": complaint.member_role or None}
        if complaint.kind == Kind.MEMBER_ENQUIRY
        else None,
    }


def logged_detail(complaint: Complaint) -> dict[str, Any]:
    """``complaint_detail`` of the record ``complaint_log`` has just made, from the record
    in hand rather than read back: the same body a GET gives. A record just logged has no
    stages yet, and no Housing Ombudsman case can name it, so its next deadline is its own;
    its landlord, lists, resident's links and the person who logged it are the objects the
    service was given."""
    prefetch_related_objects([complaint], Prefetch("stages", queryset=Stage.objects.none()))
    return complaint_detail(complaint, own_deadline(complaint))


def event_detail(event: Event) -> dict[str, Any]:
    try:
        attachment_id: int | None = event.attachment.pk
    except Attachment.DoesNotExist:
        attachment_id = None
    return {
        "id": event.pk,
        "kind": event.kind,
        "stage": event.stage,
        "occurred_on": event.occurred_on,
        "recorded_at": event.recorded_at,
        "actor": _username(event.actor),
        "summary": event.summary,
        "detail": event.detail if isinstance(event.detail, dict) else {"value": event.detail},
        "imported": event.imported,
        "corrects": event.corrects_id,
        "attachment_id": attachment_id,
    }


def attachment_detail(attachment: Attachment, *, reference: str) -> dict[str, Any]:
    return {
        "id": attachment.pk,
        "event_id": attachment.event_id,
        "filename": attachment.filename,
        "content_type": attachment.content_type,
        "size": attachment.size,
        "sha256": attachment.sha256,
        "occurred_on": attachment.event.occurred_on,
        "download_url": reverse(
            "api-v1:attachments_download",
            kwargs={"reference": reference, "attachment_id": attachment.pk},
        ),
    }


def resident_summary(resident: Resident) -> dict[str, Any]:
    return {
        "id": resident.pk,
        "name": resident.name,
        "tenure": resident.tenure,
        "tenancy_reference": resident.tenancy_reference,
        "home_id": resident.home_id,
    }


def adjustment_detail(adjustment: ReasonableAdjustment) -> dict[str, Any]:
    return {
        "id": adjustment.pk,
        "kind": adjustment.kind,
        "kind_label": adjustment.get_kind_display(),
        "details": adjustment.details,
        "agreed_on": adjustment.agreed_on,
        "ended_on": adjustment.ended_on,
        "review_due_on": adjustment.review_due_on,
        "last_reviewed_on": adjustment.last_reviewed_on,
    }


def adjustment_request_detail(request: AdjustmentRequest) -> dict[str, Any]:
    return {
        "id": request.pk,
        "complaint_reference": request.complaint.reference,
        "kind": request.kind,
        "kind_label": request.get_kind_display(),
        "details": request.details,
        "requested_on": request.requested_on,
        "requested_by": request.requested_by,
        "agreed_adjustment_id": request.agreed_as_id,
    }


def representative_detail(representative: Representative) -> dict[str, Any]:
    return {
        "id": representative.pk,
        "name": representative.name,
        "kind": representative.kind,
        "email": representative.email,
        "phone": representative.phone,
        "consent_given_on": representative.consent_given_on,
        "consent_withdrawn_on": representative.consent_withdrawn_on,
        "has_consent": representative.has_consent,
    }


def resident_detail(resident: Resident) -> dict[str, Any]:
    home = resident.home
    return {
        **resident_summary(resident),
        "email": resident.email,
        "phone": resident.phone,
        "contact_preference": resident.contact_preference,
        "preferred_language": resident.preferred_language,
        "home": (
            {
                "id": home.pk,
                "uprn": home.uprn,
                "address": home.address,
                "postcode": home.postcode,
                "estate": home.estate,
                "block": home.block,
                "stock_type": home.stock_type,
            }
            if home is not None
            else None
        ),
        "adjustments": [adjustment_detail(a) for a in resident.adjustments.all()],
        "representatives": [representative_detail(r) for r in resident.representatives.all()],
        "created_at": resident.created_at,
    }


# Ombudsman cases --------------------------------------------------------------------------


def reply_detail(reply: Reply) -> dict[str, Any]:
    return {
        "id": reply.pk,
        "sent_on": reply.sent_on,
        "summary": reply.summary,
        "answers_in_full": reply.answers_in_full,
        "bundle_sha256": reply.bundle_sha256,
        "filename": reply.filename,
        "sha256": reply.sha256,
        "sent_by": _username(reply.sent_by),
    }


def contact_detail(contact: Contact) -> dict[str, Any]:
    return {
        "id": contact.pk,
        "kind": contact.kind,
        "kind_label": contact.get_kind_display(),
        "received_on": contact.received_on,
        "deadline": contact.deadline,
        "details": contact.details,
        "met_on": contact.met_on,
        "met_late": contact.met_late(),
        "replies": [reply_detail(r) for r in contact.replies.all()],
    }


def order_detail(order: Order) -> dict[str, Any]:
    """An order or recommendation; ``order`` comes from ``selectors.case_orders``, which
    marks those that follow severe maladministration."""
    return {
        "id": order.pk,
        "is_recommendation": order.is_recommendation,
        "kind": order.kind,
        "kind_label": order.get_kind_display(),
        "description": order.description,
        "amount": _money(order.amount),
        "due_on": order.due_on,
        "owner": order.owner,
        "status": order.status,
        "status_label": order.get_status_display(),
        "evidence": order.evidence,
        "evidence_filename": order.evidence_filename,
        "completed_on": order.completed_on,
        "finding": order.finding.number if order.finding is not None else None,
        "follows_severe": bool(order.follows_severe),  # type: ignore[attr-defined]
    }


def determination_detail(determination: Determination, orders: list[Order]) -> dict[str, Any]:
    findings = list(determination.findings.all())
    return {
        "id": determination.pk,
        "determined_on": determination.determined_on,
        "summary": determination.summary,
        "severe": any(f.finding == FindingKind.SEVERE_MALADMINISTRATION for f in findings),
        "findings": [
            {
                "number": f.number,
                "element": f.element,
                "finding": f.finding,
                "finding_label": f.get_finding_display(),
                "category": f.category or None,
                "category_label": f.get_category_display() if f.category else "",
            }
            for f in findings
        ],
        "orders": [order_detail(o) for o in orders if o.determination_id == determination.pk],
    }


def deadline_entries(
    contacts: list[Contact], orders: list[Order], calendar: WorkingCalendar, today: dt.date
) -> list[dict[str, Any]]:
    """The contacts not yet met and orders not yet finished, soonest first, with the working
    days left as the staff work queue counts them (``rules.timescales``)."""
    entries: list[dict[str, Any]] = [
        {
            "kind": "contact",
            "id": c.pk,
            "what": c.get_kind_display(),
            "due_on": c.deadline,
            "severe": False,
        }
        for c in contacts
        if c.is_open
    ]
    entries += [
        {
            "kind": "order",
            "id": o.pk,
            "what": f"{'Recommendation' if o.is_recommendation else 'Order'}: "
            f"{o.get_kind_display()}",
            "due_on": o.due_on,
            "severe": bool(o.follows_severe),  # type: ignore[attr-defined]
        }
        for o in orders
        if o.is_open
    ]
    for entry in entries:
        entry["working_days_left"] = working_days_left(calendar, entry["due_on"], today)
        entry["overdue"] = entry["due_on"] < today
    return sorted(entries, key=lambda e: (e["due_on"], e["kind"], e["id"]))


def ombudsman_case_summary(case: OmbudsmanCase) -> dict[str, Any]:
    """A case; ``case`` comes from ``selectors.ombudsman_cases_of`` (``next_deadline``)."""
    return {
        "id": case.pk,
        "reference": case.reference,
        "complaint": case.complaint.reference if case.complaint is not None else None,
        "resident_name": case.resident_name,
        "opened_on": case.opened_on,
        "closed_on": case.closed_on,
        "is_open": case.is_open,
        "next_deadline": getattr(case, "next_deadline", None),
    }


def ombudsman_case_detail(
    case: OmbudsmanCase, orders: list[Order], today: dt.date
) -> dict[str, Any]:
    """A case from ``selectors.ombudsman_case_get`` with its orders (``case_orders``)."""
    contacts = list(case.contacts.all())
    return {
        **ombudsman_case_summary(case),
        "summary": case.summary,
        "created_at": case.created_at,
        "contacts": [contact_detail(c) for c in contacts],
        "deadlines": deadline_entries(contacts, orders, case.landlord.calendar(), today),
        "determinations": [determination_detail(d, orders) for d in case.determinations.all()],
        "failure_orders": [
            {
                "id": f.pk,
                "issued_on": f.issued_on,
                "kind": f.kind,
                "kind_label": f.get_kind_display(),
                "what_failed": f.what_failed,
                "actions_taken": f.actions_taken,
                "actions_done_on": f.actions_done_on,
            }
            for f in sorted(case.failure_orders.all(), key=lambda f: (f.issued_on, f.pk))
        ],
    }
