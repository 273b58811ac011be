"""Records as the API shows them (the shapes are in ``schemas.py``). Blank codes become
null; money is a string with two decimals."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.urls import reverse

from putright.complaints.models import Attachment, Complaint, Event, Stage
from putright.residents.models import Resident
from putright.rules.lifecycle import Command, State, allowed_commands

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


def complaint_summary(complaint: Complaint) -> dict[str, Any]:
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
        "next_due": complaint.next_due_on,
        "updated_at": complaint.updated_at,
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
                "reason": e.reason,
                "good_reason": e.good_reason,
                "ombudsman_details_given": e.ombudsman_details_given,
                "decided_on": e.decided_on,
                "previous_due": e.previous_due,
                "new_due": e.new_due,
            }
            for e in stage.extensions.all()
        ],
        "responded_on": stage.responded_on,
        "outcome": stage.outcome or None,
        "reasons": stage.reasons,
        "remedies": [
            {
                "id": r.pk,
                "kind": r.kind,
                "description": r.description,
                "due_on": r.due_on,
                "done_on": r.done_on,
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
    }


def complaint_detail(complaint: Complaint) -> dict[str, Any]:
    return {
        **complaint_summary(complaint),
        "state_label": State(complaint.state).label,
        "jurisdiction": complaint.jurisdiction,
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
    }


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
        "adjustments": [
            {
                "id": a.pk,
                "kind": a.kind,
                "kind_label": a.get_kind_display(),
                "details": a.details,
                "agreed_on": a.agreed_on,
                "ended_on": a.ended_on,
                "review_due_on": a.review_due_on,
                "last_reviewed_on": a.last_reviewed_on,
            }
            for a in resident.adjustments.all()
        ],
        "representatives": [
            {
                "id": r.pk,
                "name": r.name,
                "kind": r.kind,
                "email": r.email,
                "phone": r.phone,
                "consent_given_on": r.consent_given_on,
                "consent_withdrawn_on": r.consent_withdrawn_on,
                "has_consent": r.has_consent,
            }
            for r in resident.representatives.all()
        ],
        "created_at": resident.created_at,
    }
