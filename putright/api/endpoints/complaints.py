"""``/complaints``: log a record, read and list them, and the commands on a complaint as
POST actions. Every write calls the same service as the staff pages
(``putright.complaints.services``), so the same rules hold and the same events are written.

Any record, whatever its kind, is at ``/complaints/{reference}``: a complaint triaged to a
service request keeps its address. The list shows one kind at a time (complaints unless
``kind`` says otherwise).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile as DjangoUploadedFile
from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponse
from django.urls import reverse
from ninja import File, Form, Header, Query, Router, Status, UploadedFile
from ninja.decorators import decorate_view

from putright.api.access import ATTACHMENT, api_case_read_record
from putright.api.auth import current_key, writing_key
from putright.api.endpoints.common import (
    IDEMPOTENCY_DOC,
    IF_MATCH_DOC,
    READ_ERRORS,
    WRITE_ERRORS,
    etag,
    run_command,
    run_timeline_write,
)
from putright.api.errors import ApiError
from putright.api.idempotency import idempotent
from putright.api.models import ApiKey
from putright.api.pagination import Ordering, bounded_int, paginate
from putright.api.schemas import (
    AcknowledgeIn,
    ActionCompleteIn,
    AllocateIn,
    AttachmentOut,
    ClassificationIn,
    ComplaintIn,
    ComplaintOut,
    ComplaintPage,
    CorrectionIn,
    DefineIn,
    EscalateIn,
    EventOut,
    ExtendIn,
    Id,
    LetterIssueIn,
    ListFilters,
    NotAcceptIn,
    NoteIn,
    RecordIn,
    RefuseEscalationIn,
    RemedyProgressIn,
    RepairsToldIn,
    ResidentContactIn,
    ResolveIn,
    RespondIn,
    TriageIn,
    UpdateIntervalIn,
    WithdrawIn,
)
from putright.api.selectors import (
    action_get,
    attachment_get,
    attachments_of,
    complaint_get,
    complaints_of,
    contractor_for,
    event_get,
    events_of,
    handler_for,
    home_for,
    raised_from_for,
    remedy_get,
    representative_for,
    resident_for,
    service_area_for,
    theme_for,
)
from putright.api.serialize import (
    attachment_detail,
    complaint_detail,
    complaint_summary,
    event_detail,
    logged_detail,
)
from putright.api.webhooks import webhook_subscriptions
from putright.complaints import services
from putright.complaints.models import Complaint, Event
from putright.letters import services as letters
from putright.ombudsman.selectors import next_deadlines
from putright.rules.codes import Kind

router = Router(tags=["complaints"])

ORDER = Ordering(fields=("-received_on", "-id"), parsers=(dt.date.fromisoformat, bounded_int))
IfMatch = Header(None, alias="If-Match", description=IF_MATCH_DOC)
IdempotencyKey = Header(None, alias="Idempotency-Key", description=IDEMPOTENCY_DOC)


# Logging, reading, listing ---------------------------------------------------------------


def log_record(
    request: HttpRequest, response: HttpResponse, payload: RecordIn, kind: str
) -> Status:
    """Log what was received (any kind), as the key's integration, and answer 201."""
    api_key = writing_key(request)
    landlord = api_key.landlord
    with transaction.atomic():
        resident = resident_for(landlord, payload.resident_id)
        # Read now, not after the service has taken the landlord's reference counter
        # (held to the commit), where telling the webhooks of the new record would read it.
        webhook_subscriptions(landlord.pk)
        complaint = services.complaint_log(
            landlord=landlord,
            received_on=payload.received_on,
            channel=payload.channel,
            description=payload.description,
            by=api_key.user,
            kind=kind,
            outcome_wanted=payload.outcome_wanted,
            jurisdiction=payload.jurisdiction,
            resident=resident,
            representative=representative_for(landlord, payload.representative_id, resident),
            home=home_for(landlord, payload.home_id),
            tenure=payload.tenure or "",
            service_area=service_area_for(landlord, payload.service_area_id),
            contractor=contractor_for(landlord, payload.contractor_id),
            theme=theme_for(landlord, payload.theme_id),
            vulnerable=payload.vulnerable,
            raised_from=raised_from_for(landlord, getattr(payload, "raised_from", None)),
            member_name=payload.member_name,
            member_role=payload.member_role or "",
        )
        body = logged_detail(complaint)
    response["Location"] = reverse("api-v1:complaints_get", args=[complaint.reference])
    response["ETag"] = etag(complaint)
    return Status(201, body)


def list_records(api_key: ApiKey, kind: str, filters: ListFilters) -> dict[str, Any]:
    """One page of the key's landlord's records of ``kind``, newest received first."""
    qs = complaints_of(api_key.landlord).filter(kind=kind)
    if filters.state is not None:
        qs = qs.filter(state=filters.state)
    if filters.received_from is not None:
        qs = qs.filter(received_on__gte=filters.received_from)
    if filters.received_to is not None:
        qs = qs.filter(received_on__lte=filters.received_to)
    if filters.resident_id is not None:
        qs = qs.filter(resident_id=filters.resident_id)
    if filters.updated_since is not None:
        qs = qs.filter(updated_at__gte=filters.updated_since)
    page = paginate(qs, ORDER, cursor=filters.cursor, limit=filters.limit)
    deadlines = next_deadlines(page.items)
    return {
        "items": [complaint_summary(c, deadlines.get(c.pk)) for c in page.items],
        "next_cursor": page.next_cursor,
    }


@router.post(
    "/complaints",
    response={201: ComplaintOut, **WRITE_ERRORS},
    operation_id="complaints_create",
    summary="Log a complaint (or another kind of record) received through any channel",
)
@decorate_view(idempotent)
def complaints_create(
    request: HttpRequest,
    response: HttpResponse,
    payload: ComplaintIn,
    idempotency_key: str | None = IdempotencyKey,
) -> Status:
    """Code 3.1: a complaint can be made through any channel. A complaint waits for
    triage; a service request or member enquiry is open at once."""
    return log_record(request, response, payload, payload.kind)


@router.get(
    "/complaints",
    response={200: ComplaintPage, **READ_ERRORS},
    operation_id="complaints_list",
    summary="List records, newest received first",
)
def complaints_list(
    request: HttpRequest, filters: Query[ListFilters], kind: Kind = Kind.COMPLAINT
) -> dict[str, Any]:
    return list_records(current_key(request), kind, filters)


@router.get(
    "/complaints/{reference}",
    response={200: ComplaintOut, **READ_ERRORS},
    operation_id="complaints_get",
    summary="A record with its stages; its version is also the ETag",
)
def complaints_get(request: HttpRequest, response: HttpResponse, reference: str) -> dict[str, Any]:
    """Reading a record is logged in the staff access log (domain.md §11)."""
    api_key = current_key(request)
    complaint = complaint_get(api_key.landlord, reference)
    api_case_read_record(api_key=api_key, complaint=complaint)
    response["ETag"] = etag(complaint)
    return complaint_detail(complaint)


# Commands --------------------------------------------------------------------------------


def _command(path: str, summary: str) -> dict[str, Any]:
    return {
        "path": f"/complaints/{{reference}}/{path}",
        "response": {200: ComplaintOut, **WRITE_ERRORS},
        "operation_id": "complaints_" + re.sub(r"\W+", "_", re.sub(r"\{\w+\}/", "", path)),
        "summary": summary,
    }


@router.post(**_command("triage", "Triage: a complaint, a service request or a member enquiry"))
@decorate_view(idempotent)
def complaints_triage(
    request: HttpRequest,
    response: HttpResponse,
    reference: str,
    payload: TriageIn,
    if_match: str | None = IfMatch,
    idempotency_key: str | None = IdempotencyKey,
) -> dict[str, Any]:
    """A complaint starts stage 1, counted from the date it was received."""
    return run_command(
        request,
        response,
        reference,
        if_match,
        lambda c, by: services.complaint_triage(
            complaint=c, decision=payload.decision, by=by, on=payload.on
        ),
    )


@router.post(**_command("not-accept", "Decide not to accept the complaint (Code 4.1 - 4.3)"))
@decorate_view(idempotent)
def complaints_not_accept(
    request: HttpRequest,
    response: HttpResponse,
    reference: str,
    payload: NotAcceptIn,
    if_match: str | None = IfMatch,
    idempotency_key: str | None = IdempotencyKey,
) -> dict[str, Any]:
    return run_command(
        request,
        response,
        reference,
        if_match,
        lambda c, by: services.complaint_not_accept(
            complaint=c,
            reason=payload.reason,
            explanation=payload.explanation,
            discretion_considered=payload.discretion_considered,
            by=by,
            on=payload.on,
        ),
    )


@router.post(**_command("define", "Define the complaint at the current stage (Code 5.6)"))
@decorate_view(idempotent)
def complaints_define(
    request: HttpRequest,
    response: HttpResponse,
    reference: str,
    payload: DefineIn,
    if_match: str | None = IfMatch,
    idempotency_key: str | None = IdempotencyKey,
) -> dict[str, Any]:
    return run_command(
        request,
        response,
        reference,
        if_match,
        lambda c, by: services.complaint_define(
            complaint=c,
            points=payload.points,
            outcomes_sought=payload.outcomes_sought,
            not_responsible=payload.not_responsible,
            by=by,
            on=payload.on,
        ),
    )


@router.post(**_command("allocate", "Allocate the handler (and contractor) of the current stage"))
@decorate_view(idempotent)
def complaints_allocate(
    request: HttpRequest,
    response: HttpResponse,
    reference: str,
    payload: AllocateIn,
    if_match: str | None = IfMatch,
    idempotency_key: str | None = IdempotencyKey,
) -> dict[str, Any]:
    """Code 6.13: the stage 2 handler must differ from the stage 1 handler."""
    landlord = writing_key(request).landlord
    handler = handler_for(landlord, payload.handler)
    # Left out, the contractor stays as it is (or follows the handler); null clears it.
    contractor = (
        contractor_for(landlord, payload.contractor_id)
        if "contractor_id" in payload.model_fields_set
        else ...
    )
    return run_command(
        request,
        response,
        reference,
        if_match,
        lambda c, by: services.complaint_allocate(
            complaint=c, handler=handler, contractor=contractor, by=by, on=payload.on
        ),
    )


@router.post(**_command("acknowledge", "Acknowledge the stage (Code 6.2 / 6.11)"))
@decorate_view(idempotent)
def complaints_acknowledge(
    request: HttpRequest,
    response: HttpResponse,
    reference: str,
    payload: AcknowledgeIn,
    if_match: str | None = IfMatch,
    idempotency_key: str | None = IdempotencyKey,
) -> dict[str, Any]:
    """The stage must be defined and have a handler. The response is then due 10 (stage
    1) or 20 (stage 2) working days later."""
    return run_command(
        request,
        response,
        reference,
        if_match,
        lambda c, by: services.complaint_acknowledge(complaint=c, by=by, on=payload.on),
    )


@router.post(**_command("extend", "Extend the response date (Code 6.4 / 6.16)"))
@decorate_view(idempotent)
def complaints_extend(
    request: HttpRequest,
    response: HttpResponse,
    reference: str,
    payload: ExtendIn,
    if_match: str | None = IfMatch,
    idempotency_key: str | None = IdempotencyKey,
) -> dict[str, Any]:
    return run_command(
        request,
        response,
        reference,
        if_match,
        lambda c, by: services.complaint_extend(
            complaint=c,
            working_days=payload.working_days,
            reason_code=payload.reason_code or "",
            reason=payload.reason,
            good_reason=payload.good_reason,
            ombudsman_details_given=payload.ombudsman_details_given,
            by=by,
            on=payload.on,
            agreed_on=payload.agreed_on,
        ),
    )


@router.post(**_command("update-interval", "Agree how often the resident is updated (Code 5.9)"))
@decorate_view(idempotent)
def complaints_update_interval(
    request: HttpRequest,
    response: HttpResponse,
    reference: str,
    payload: UpdateIntervalIn,
    if_match: str | None = IfMatch,
    idempotency_key: str | None = IdempotencyKey,
) -> dict[str, Any]:
    """Code 5.9, 6.6, 6.17: the update interval agreed with the resident for the current
    stage. The complaint's update_due then says when the next update is owed; an update
    letter or a contact recorded to the resident moves it on."""
    return run_command(
        request,
        response,
        reference,
        if_match,
        lambda c, by: services.complaint_update_interval_set(
            complaint=c,
            working_days=payload.working_days,
            note=payload.note,
            by=by,
            on=payload.on,
        ),
    )


@router.post(
    **_command(
        "respond",
        "Record the stage response's decision (Code 6.9 / 6.19); the response is sent when "
        "its letter is issued",
    )
)
@decorate_view(idempotent)
def complaints_respond(
    request: HttpRequest,
    response: HttpResponse,
    reference: str,
    payload: RespondIn,
    if_match: str | None = IfMatch,
    idempotency_key: str | None = IdempotencyKey,
) -> dict[str, Any]:
    remedies = [
        services.RemedyInput(
            kind=r.kind,
            description=r.description,
            due_on=r.due_on,
            amount=r.amount,
            compensation_reason=r.compensation_reason or "",
            resident_wording=r.resident_wording,
            owner=r.owner,
        )
        for r in payload.remedies
    ]
    actions = [
        services.ActionInput(description=a.description, owner=a.owner, due_on=a.due_on)
        for a in payload.actions
    ]
    return run_command(
        request,
        response,
        reference,
        if_match,
        lambda c, by: services.complaint_respond(
            complaint=c,
            outcome=payload.outcome,
            reasons=payload.reasons,
            point_outcomes=list(payload.point_outcomes),
            point_findings=list(payload.point_findings),
            remedies=remedies,
            actions=actions,
            root_cause=payload.root_cause or "",
            root_cause_detail=payload.root_cause_detail,
            sub_cause=payload.sub_cause,
            by=by,
            on=payload.on,
        ),
    )


@router.post(
    **_command(
        "letters",
        "Issue a letter written from the record: the response letter sends the response "
        "(Code 6.9 / 6.19)",
    )
)
@decorate_view(idempotent)
def complaints_letter_issue(
    request: HttpRequest,
    response: HttpResponse,
    reference: str,
    payload: LetterIssueIn,
    if_match: str | None = IfMatch,
    idempotency_key: str | None = IdempotencyKey,
) -> dict[str, Any]:
    """The letter the staff pages would draft from the record, issued as it is: refused
    (409) when it does not fit the complaint now, and (422) naming each element the record
    cannot supply."""

    def issue(complaint: Complaint, by: Any) -> Any:
        draft = letters.letter_draft(complaint=complaint, kind=payload.kind, on=payload.on)
        return letters.letter_issue(
            complaint=complaint,
            kind=payload.kind,
            subject=draft.subject,
            body_text=draft.body_text,
            delivery=payload.delivery,
            send_to=payload.send_to or None,
            large_print=payload.large_print,
            formats_met=payload.formats_met,
            by=by,
            on=payload.on,
        )

    return run_command(request, response, reference, if_match, issue)


@router.post(**_command("escalate", "The resident asked for stage 2 (Code 6.12)"))
@decorate_view(idempotent)
def complaints_escalate(
    request: HttpRequest,
    response: HttpResponse,
    reference: str,
    payload: EscalateIn,
    if_match: str | None = IfMatch,
    idempotency_key: str | None = IdempotencyKey,
) -> dict[str, Any]:
    """No reason is required; a request outside the escalation window is flagged for
    discretion, never refused."""
    return run_command(
        request,
        response,
        reference,
        if_match,
        lambda c, by: services.complaint_request_escalation(
            complaint=c,
            requested_on=payload.requested_on,
            reason=payload.reason or "",
            reason_text=payload.reason_text,
            by=by,
        ),
    )


@router.post(**_command("refuse-escalation", "Refuse the stage 2 request, for a valid reason"))
@decorate_view(idempotent)
def complaints_refuse_escalation(
    request: HttpRequest,
    response: HttpResponse,
    reference: str,
    payload: RefuseEscalationIn,
    if_match: str | None = IfMatch,
    idempotency_key: str | None = IdempotencyKey,
) -> dict[str, Any]:
    return run_command(
        request,
        response,
        reference,
        if_match,
        lambda c, by: services.complaint_refuse_escalation(
            complaint=c,
            reason=payload.reason,
            explanation=payload.explanation,
            by=by,
            on=payload.on,
        ),
    )


@router.post(**_command("withdraw", "Withdraw the complaint before the stage's response"))
@decorate_view(idempotent)
def complaints_withdraw(
    request: HttpRequest,
    response: HttpResponse,
    reference: str,
    payload: WithdrawIn,
    if_match: str | None = IfMatch,
    idempotency_key: str | None = IdempotencyKey,
) -> dict[str, Any]:
    return run_command(
        request,
        response,
        reference,
        if_match,
        lambda c, by: services.complaint_withdraw(
            complaint=c,
            requested_by=payload.requested_by,
            reason=payload.reason,
            by=by,
            on=payload.on,
        ),
    )


@router.post(**_command("resolve", "Resolve a service request or member enquiry"))
@decorate_view(idempotent)
def complaints_resolve(
    request: HttpRequest,
    response: HttpResponse,
    reference: str,
    payload: ResolveIn,
    if_match: str | None = IfMatch,
    idempotency_key: str | None = IdempotencyKey,
) -> dict[str, Any]:
    return run_command(
        request,
        response,
        reference,
        if_match,
        lambda c, by: services.record_resolve(
            record=c, summary=payload.summary, by=by, on=payload.on
        ),
    )


@router.post(
    **_command(
        "actions/{action_id}/complete", "An outstanding action promised in a response is done"
    )
)
@decorate_view(idempotent)
def complaints_action_complete(
    request: HttpRequest,
    response: HttpResponse,
    reference: str,
    action_id: Id,
    payload: ActionCompleteIn,
    if_match: str | None = IfMatch,
    idempotency_key: str | None = IdempotencyKey,
) -> dict[str, Any]:
    """Code 6.9(f): outstanding actions are tracked to completion."""
    return run_command(
        request,
        response,
        reference,
        if_match,
        lambda c, by: services.action_complete(
            action=action_get(c, action_id), note=payload.note, by=by, on=payload.on
        ),
    )


@router.post(
    **_command("remedies/{remedy_id}/progress", "A remedy accepted, paid or done (Code 7)")
)
@decorate_view(idempotent)
def complaints_remedy_progress(
    request: HttpRequest,
    response: HttpResponse,
    reference: str,
    remedy_id: Id,
    payload: RemedyProgressIn,
    if_match: str | None = IfMatch,
    idempotency_key: str | None = IdempotencyKey,
) -> dict[str, Any]:
    return run_command(
        request,
        response,
        reference,
        if_match,
        lambda c, by: services.remedy_record_progress(
            remedy=remedy_get(c, remedy_id),
            accepted_on=payload.accepted_on,
            amount_accepted=payload.amount_accepted,
            paid_on=payload.paid_on,
            amount_paid=payload.amount_paid,
            payment_method=payload.payment_method or "",
            done_on=payload.done_on,
            by=by,
        ),
    )


# The timeline ----------------------------------------------------------------------------


@router.get(
    "/complaints/{reference}/events",
    response={200: list[EventOut], **READ_ERRORS},
    operation_id="complaints_events",
    summary="The timeline, oldest first",
)
def complaints_events(request: HttpRequest, reference: str) -> list[dict[str, Any]]:
    """Reading the timeline is logged in the staff access log (domain.md §11)."""
    api_key = current_key(request)
    complaint = complaint_get(api_key.landlord, reference)
    api_case_read_record(api_key=api_key, complaint=complaint)
    return [event_detail(e) for e in events_of(complaint)]


@router.post(
    "/complaints/{reference}/notes",
    response={201: EventOut, **WRITE_ERRORS},
    operation_id="complaints_note",
    summary="Add a note (a call, an email, an internal note) to the timeline",
)
@decorate_view(idempotent)
def complaints_note(
    request: HttpRequest,
    response: HttpResponse,
    reference: str,
    payload: NoteIn,
    if_match: str | None = IfMatch,
    idempotency_key: str | None = IdempotencyKey,
) -> Status:
    event = run_timeline_write(
        request,
        response,
        reference,
        if_match,
        lambda c, by: services.complaint_add_note(
            complaint=c, text=payload.text, by=by, on=payload.on
        ),
    )
    return Status(201, event_detail(event))


@router.post(
    "/complaints/{reference}/events/{event_id}/corrections",
    response={201: EventOut, **WRITE_ERRORS},
    operation_id="complaints_correct_event",
    summary="Correct a timeline entry: the entry stays, the correction is added after it",
)
@decorate_view(idempotent)
def complaints_correct_event(
    request: HttpRequest,
    response: HttpResponse,
    reference: str,
    event_id: Id,
    payload: CorrectionIn,
    if_match: str | None = IfMatch,
    idempotency_key: str | None = IdempotencyKey,
) -> Status:
    def correct(complaint: Complaint, by: User) -> Event:
        return services.event_correct(
            event=event_get(complaint, event_id), correction=payload.correction, by=by
        )

    event = run_timeline_write(request, response, reference, if_match, correct)
    return Status(201, event_detail(event))


@router.post(
    "/complaints/{reference}/contacts",
    response={201: EventOut, **WRITE_ERRORS},
    operation_id="complaints_contact",
    summary="Record a call, email, text, visit or letter with the resident (the new entry)",
)
@decorate_view(idempotent)
def complaints_contact(
    request: HttpRequest,
    response: HttpResponse,
    reference: str,
    payload: ResidentContactIn,
    if_match: str | None = IfMatch,
    idempotency_key: str | None = IdempotencyKey,
) -> Status:
    """Code 5.12: any time, on any record, as a note is; the entry's detail holds the
    method, direction, who it was with and when."""
    contact = run_timeline_write(
        request,
        response,
        reference,
        if_match,
        lambda c, by: services.complaint_record_contact(
            complaint=c,
            method=payload.method,
            direction=payload.direction,
            with_whom=payload.with_whom,
            summary=payload.summary,
            at=payload.at,
            by=by,
        ),
    )
    return Status(201, event_detail(contact.event))


@router.post(
    "/complaints/{reference}/repairs-told",
    response={201: EventOut, **WRITE_ERRORS},
    operation_id="complaints_repairs_told",
    summary="Record that the repairs service was told of a possible hazard (the new entry)",
)
@decorate_view(idempotent)
def complaints_repairs_told(
    request: HttpRequest,
    response: HttpResponse,
    reference: str,
    payload: RepairsToldIn,
    if_match: str | None = IfMatch,
    idempotency_key: str | None = IdempotencyKey,
) -> Status:
    """Awaab's Law (domain.md §12): when, how and who was told, and the repair job."""
    event = run_timeline_write(
        request,
        response,
        reference,
        if_match,
        lambda c, by: services.complaint_record_repairs_told(
            complaint=c,
            how=payload.how,
            told=payload.told,
            job_reference=payload.job_reference,
            at=payload.at,
            by=by,
        ),
    )
    return Status(201, event_detail(event))


@router.post(**_command("classification", "Change the service area or theme after logging"))
@decorate_view(idempotent)
def complaints_classification(
    request: HttpRequest,
    response: HttpResponse,
    reference: str,
    payload: ClassificationIn,
    if_match: str | None = IfMatch,
    idempotency_key: str | None = IdempotencyKey,
) -> dict[str, Any]:
    """The timeline says from what to what; a field left out stays as it is."""
    landlord = writing_key(request).landlord
    given = payload.model_fields_set
    service_area = (
        service_area_for(landlord, payload.service_area_id) if "service_area_id" in given else ...
    )
    theme = theme_for(landlord, payload.theme_id) if "theme_id" in given else ...
    return run_command(
        request,
        response,
        reference,
        if_match,
        lambda c, by: services.complaint_reclassify(
            complaint=c, service_area=service_area, theme=theme, by=by, on=payload.on
        ),
    )


# Attachments -----------------------------------------------------------------------------


@router.post(
    "/complaints/{reference}/attachments",
    response={201: AttachmentOut, **WRITE_ERRORS},
    operation_id="attachments_upload",
    summary="Attach a file to the timeline (multipart/form-data)",
)
@decorate_view(idempotent)
def attachments_upload(
    request: HttpRequest,
    response: HttpResponse,
    reference: str,
    file: File[UploadedFile],
    description: Form[str] = "",
    if_match: str | None = IfMatch,
    idempotency_key: str | None = IdempotencyKey,
) -> Status:
    """A PDF, image, Word document, text, email, audio or video file of up to 20 MB; its
    type is the part's Content-Type."""
    writing_key(request)
    upload: DjangoUploadedFile = file
    if (upload.size or 0) > services.MAX_ATTACHMENT_BYTES:
        raise ApiError(
            422,
            "rule_broken",
            "The file must be smaller than 20 MB.",
            {"file": "The file must be smaller than 20 MB."},
        )
    filename = (upload.name or "file").replace("\x00", "")[:255] or "file"
    attachment = run_timeline_write(
        request,
        response,
        reference,
        if_match,
        lambda c, by: services.complaint_attach(
            complaint=c,
            filename=filename,
            content=upload.read(),
            content_type=(upload.content_type or "application/octet-stream").split(";")[0],
            description=description.replace("\x00", "")[:2000],
            by=by,
        ),
    )
    return Status(201, attachment_detail(attachment, reference=attachment.complaint.reference))


@router.get(
    "/complaints/{reference}/attachments",
    response={200: list[AttachmentOut], **READ_ERRORS},
    operation_id="attachments_list",
    summary="The files on the timeline (their details, not their content)",
)
def attachments_list(request: HttpRequest, reference: str) -> list[dict[str, Any]]:
    """Logged in the staff access log as a read of the files (domain.md §11)."""
    api_key = current_key(request)
    complaint = complaint_get(api_key.landlord, reference)
    api_case_read_record(api_key=api_key, complaint=complaint, what=ATTACHMENT)
    return [attachment_detail(a, reference=complaint.reference) for a in attachments_of(complaint)]


@router.get(
    "/complaints/{reference}/attachments/{attachment_id}",
    response={200: AttachmentOut, **READ_ERRORS},
    operation_id="attachments_get",
    summary="One file's details",
)
def attachments_get(request: HttpRequest, reference: str, attachment_id: Id) -> dict[str, Any]:
    """Logged in the staff access log as a read of the files (domain.md §11)."""
    api_key = current_key(request)
    complaint = complaint_get(api_key.landlord, reference)
    attachment = attachment_get(complaint, attachment_id)
    api_case_read_record(api_key=api_key, complaint=complaint, what=ATTACHMENT)
    return attachment_detail(attachment, reference=complaint.reference)


@router.get(
    "/complaints/{reference}/attachments/{attachment_id}/content",
    response={200: None, **READ_ERRORS},
    operation_id="attachments_download",
    url_name="attachments_download",
    summary="Download the file (any key of the record's landlord)",
    openapi_extra={
        "responses": {
            200: {
                "description": "The file, as it was attached.",
                "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def attachments_download(request: HttpRequest, reference: str, attachment_id: Id) -> FileResponse:
    """Logged in the staff access log as a read of the files (domain.md §11)."""
    api_key = current_key(request)
    complaint = complaint_get(api_key.landlord, reference)
    attachment = attachment_get(complaint, attachment_id)
    api_case_read_record(api_key=api_key, complaint=complaint, what=ATTACHMENT)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.filename,
        content_type=attachment.content_type,
    )
