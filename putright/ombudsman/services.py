"""One function per command on Ombudsman casework (style.md: ``<entity>_<verb>``).

Each checks who is acting, checks the dates run forwards and none is in the future, writes
the change and (for a case linked to a complaint) its entry on the complaint's timeline in
one transaction, and returns. ``RuleError`` carries one plain message per problem, keyed by
the field it concerns.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from putright.complaints.models import Complaint
from putright.complaints.services import signature_problem
from putright.complaints.timeline import complaint_ombudsman_reference_set
from putright.landlords.models import ExceptionalCircumstances, Landlord, SettingsChange, today
from putright.landlords.permissions import SETTINGS_REFUSAL, SETTINGS_ROLES, require_role
from putright.landlords.services import settings_change_record
from putright.letters.kinds import Delivery, LetterKind
from putright.letters.services import letter_draft, letter_issue, recipient_email
from putright.ombudsman.models import (
    Contact,
    ContactKind,
    Determination,
    FailureOrder,
    FailureOrderKind,
    Finding,
    FindingKind,
    GuidanceBand,
    GuidanceFixedSum,
    MrcCopy,
    MrcCopyWhat,
    OmbudsmanCase,
    OmbudsmanCategory,
    Order,
    OrderKind,
    OrderStatus,
    Reply,
)
from putright.ombudsman.permissions import require_link_officer
from putright.ombudsman.timeline import ombudsman_detail, ombudsman_event
from putright.rules.codes import Kind, Outcome
from putright.rules.lifecycle import RuleError, State
from putright.rules.remedies import (
    OMBUDSMAN_BANDS,
    OMBUDSMAN_FIXED_SUMS,
    Band,
    Edition,
    band_problems,
    money,
)
from putright.web.mail import from_address

#: Evidence files: what the Ombudsman accepts and staff keep (PDF, images, documents, email).
EVIDENCE_TYPES = frozenset(
    {
        "application/pdf",
        "image/jpeg",
        "image/png",
        "text/plain",
        "application/msword",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "message/rfc822",
        "application/zip",
    }
)
MAX_EVIDENCE_BYTES = 20 * 1024 * 1024
#: The outcomes of a response copied to the MRC when the landlord chooses upheld decisions.
UPHELD_OUTCOMES = frozenset({Outcome.UPHELD, Outcome.PARTLY_UPHELD})


@dataclass(frozen=True)
class UploadedFile:
    """A file given with a reply or as evidence of compliance."""

    filename: str
    content: bytes
    content_type: str


def _raise_if(problems: dict[str, str]) -> None:
    if problems:
        raise RuleError(problems)


def _date_problems(
    problems: dict[str, str],
    field: str,
    day: dt.date | None,
    *,
    earliest: dt.date | None = None,
    what: str = "",
) -> None:
    if day is None:
        problems.setdefault(field, "Enter the date.")
        return
    if day > today():
        problems.setdefault(field, "The date cannot be in the future.")
    if earliest is not None and day < earliest:
        problems.setdefault(field, f"The date cannot be before {what} ({earliest:%-d %B %Y}).")


def _file_problems(problems: dict[str, str], field: str, upload: UploadedFile | None) -> None:
    if upload is None:
        return
    if upload.content_type not in EVIDENCE_TYPES:
        problems[field] = "The file must be a PDF, image, Word document, text, email or zip file."
    elif not upload.content:
        problems[field] = "The file is empty."
    elif len(upload.content) > MAX_EVIDENCE_BYTES:
        problems[field] = "The file must be smaller than 20 MB."
    elif problem := signature_problem(upload.content[:16], upload.content_type):
        problems[field] = problem


def _long(day: dt.date) -> str:
    return f"{day:%-d %B %Y}"


def _stored(upload: UploadedFile) -> tuple[str, ContentFile[bytes]]:
    digest = hashlib.sha256(upload.content).hexdigest()
    return digest, ContentFile(upload.content)


# Cases and contacts -----------------------------------------------------------------------


@transaction.atomic
def ombudsman_case_open(
    *,
    landlord: Landlord,
    reference: str,
    opened_on: dt.date,
    by: User | None,
    complaint: Complaint | None = None,
    resident_name: str = "",
    summary: str = "",
) -> OmbudsmanCase:
    """Record a case the Housing Ombudsman holds, by its reference, linked to the complaint
    it is about, or standing alone where the Ombudsman contacts us about a case we did not
    log (domain.md §7). The complaint keeps the Ombudsman's reference too."""
    require_link_officer(by, landlord)
    problems: dict[str, str] = {}
    reference = reference.strip()
    if not reference:
        problems["reference"] = "Enter the Ombudsman's reference for the case."
    elif OmbudsmanCase.objects.filter(landlord=landlord, reference=reference).exists():
        problems["reference"] = f"There is already a case with the reference {reference}."
    if complaint is not None and complaint.landlord_id != landlord.pk:
        problems["complaint"] = "That complaint belongs to another landlord."
    if complaint is None and not resident_name.strip():
        problems["resident_name"] = "Enter who complained, or choose the complaint it is about."
    _date_problems(
        problems,
        "opened_on",
        opened_on,
        earliest=complaint.received_on if complaint else None,
        what="the complaint was received",
    )
    _raise_if(problems)
    try:
        with transaction.atomic():
            case = OmbudsmanCase.objects.create(
                landlord=landlord,
                complaint=complaint,
                reference=reference,
                resident_name=resident_name.strip(),
                summary=summary.strip(),
                opened_on=opened_on,
                created_by=by if by is not None and by.is_authenticated else None,
            )
    except IntegrityError:
        raise RuleError(
            {"reference": f"There is already a case with the reference {reference}."}
        ) from None
    if complaint is not None:
        complaint_ombudsman_reference_set(
            complaint=complaint,
            reference=reference,
            summary=f"The Housing Ombudsman opened case {reference} about this complaint.",
            occurred_on=opened_on,
            by=by,
            detail=ombudsman_detail("case", {"case": case.pk, "reference": reference}),
        )
    return case


@transaction.atomic
def ombudsman_case_close(*, case: OmbudsmanCase, on: dt.date, by: User | None) -> OmbudsmanCase:
    """Record that the Ombudsman's case is over (decided, withdrawn or not taken on)."""
    require_link_officer(by, case.landlord)
    case = OmbudsmanCase.objects.select_for_update().get(pk=case.pk)
    problems: dict[str, str] = {}
    if case.closed_on is not None:
        problems[""] = "This case is already closed."
    _date_problems(problems, "on", on, earliest=case.opened_on, what="the case was opened")
    _raise_if(problems)
    case.closed_on = on
    case.save(update_fields=["closed_on"])
    ombudsman_event(
        case.complaint,
        f"Housing Ombudsman case {case.reference} closed.",
        on=on,
        by=by,
        what="case_closed",
        detail={"case": case.pk},
    )
    return case


@transaction.atomic
def contact_record(
    *,
    case: OmbudsmanCase,
    kind: str,
    received_on: dt.date,
    deadline: dt.date | None,
    by: User | None,
    details: str = "",
) -> Contact:
    """Record a contact from the Ombudsman with the deadline it set, so it is on the work
    queue and in the reminders until it is met (domain.md §7)."""
    require_link_officer(by, case.landlord)
    case = (
        OmbudsmanCase.objects.select_for_update(of=("self",))
        .select_related("complaint")
        .get(pk=case.pk)
    )
    problems: dict[str, str] = {}
    if kind not in ContactKind.values:
        problems["kind"] = "Choose what the Ombudsman asked for."
    _date_problems(
        problems, "received_on", received_on, earliest=case.opened_on, what="the case was opened"
    )
    if deadline is None:
        problems["deadline"] = "Enter the date the Ombudsman asked us to reply by."
    elif received_on is not None and deadline < received_on:
        problems["deadline"] = "The deadline cannot be before the contact was received."
    if case.closed_on is not None:
        problems[""] = "This case is closed."
    _raise_if(problems)
    assert deadline is not None  # refused above when missing
    contact = Contact.objects.create(
        case=case,
        kind=kind,
        received_on=received_on,
        deadline=deadline,
        details=details.strip(),
        recorded_by=by if by is not None and by.is_authenticated else None,
    )
    ombudsman_event(
        case.complaint,
        f"Housing Ombudsman {ContactKind(kind).label.lower()} received (case {case.reference}): "
        f"reply due {_long(deadline)}." + (f" {details.strip()}" if details.strip() else ""),
        on=received_on,
        by=by,
        what="contact",
        detail={"case": case.pk, "contact": contact.pk, "kind": kind, "deadline": str(deadline)},
    )
    return contact


@transaction.atomic
def contact_reply(
    *,
    contact: Contact,
    sent_on: dt.date,
    summary: str,
    by: User | None,
    answers_in_full: bool = True,
    upload: UploadedFile | None = None,
    with_bundle: bool = False,
) -> Reply:
    """Record the landlord's reply to a contact; a reply that answers everything meets the
    deadline (or meets it late). ``with_bundle`` builds the complaint's case file bundle
    (Code 5.12) and keeps the very file sent with the reply."""
    from putright.ombudsman.bundle import bundle_filename, bundle_produce

    case = contact.case
    require_link_officer(by, case.landlord)
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    problems: dict[str, str] = {}
    _date_problems(
        problems,
        "sent_on",
        sent_on,
        earliest=contact.received_on,
        what="the Ombudsman's contact was received",
    )
    if not summary.strip():
        problems["summary"] = "Say what we sent the Ombudsman."
    if with_bundle and upload is not None:
        problems["file"] = "Send either the case file bundle or a file, not both."
    if with_bundle and case.complaint is None:
        problems["with_bundle"] = "There is no complaint record to make a case file bundle from."
    _file_problems(problems, "file", upload)
    _raise_if(problems)

    reply = Reply(
        contact=contact,
        sent_on=sent_on,
        summary=summary.strip(),
        answers_in_full=answers_in_full,
        sent_by=by if by is not None and by.is_authenticated else None,
    )
    extra = ""
    if with_bundle:
        assert case.complaint is not None
        built = bundle_produce(complaint=case.complaint, by=by)
        reply.bundle_sha256 = built.sha256
        upload = UploadedFile(bundle_filename(case.complaint), built.content, "application/zip")
        extra = (
            f" The case file bundle was sent: {built.events} timeline entries, "
            f"{built.letters} letters and {built.attachments} attachments."
        )
    if upload is not None:
        digest, content = _stored(upload)
        reply.sha256 = digest
        reply.filename = upload.filename
        reply.file.save(digest, content, save=False)
    reply.save()
    if answers_in_full and contact.met_on is None:
        contact.met_on = sent_on
        contact.save(update_fields=["met_on"])
    late = answers_in_full and sent_on > contact.deadline
    ombudsman_event(
        case.complaint,
        f"Reply sent to the Housing Ombudsman's {contact.get_kind_display().lower()} "
        f"(case {case.reference})" + (" late" if late else "") + f": {summary.strip()}" + extra,
        on=sent_on,
        by=by,
        what="reply",
        detail={
            "case": case.pk,
            "contact": contact.pk,
            "reply": reply.pk,
            "answers_in_full": answers_in_full,
            "bundle_sha256": reply.bundle_sha256,
        },
    )
    return reply


# Determinations and orders ---------------------------------------------------------------


@dataclass(frozen=True)
class FindingInput:
    element: str
    finding: str
    #: The Ombudsman's category (``OmbudsmanCategory``); empty when not given.
    category: str = ""


@transaction.atomic
def determination_record(
    *,
    case: OmbudsmanCase,
    determined_on: dt.date,
    findings: Sequence[FindingInput],
    by: User | None,
    summary: str = "",
) -> Determination:
    """Record the Ombudsman's determination: for each element of the complaint, a finding
    (no maladministration, service failure, maladministration, severe maladministration,
    reasonable redress, outside jurisdiction, resolved by mediation, withdrawn) and the
    Ombudsman's category of what it is about (Code 8.1 e, f: the annual report counts the
    findings by both). Orders follow with ``order_add``."""
    require_link_officer(by, case.landlord)
    problems: dict[str, str] = {}
    _date_problems(
        problems, "determined_on", determined_on, earliest=case.opened_on, what="the case opened"
    )
    clean = [
        (f.element.strip(), f.finding, f.category)
        for f in findings
        if f.element.strip() or f.finding or f.category
    ]
    if not clean:
        problems["findings"] = "Enter at least one element of the complaint and its finding."
    for i, (element, finding, category) in enumerate(clean, start=1):
        if not element:
            problems[f"findings-{i}-element"] = f"Describe element {i} of the complaint."
        if finding not in FindingKind.values:
            problems[f"findings-{i}-finding"] = f"Choose the finding on element {i}."
        if category and category not in OmbudsmanCategory.values:
            problems[f"findings-{i}-category"] = (
                f"Choose the Ombudsman's category of element {i} from the list."
            )
    _raise_if(problems)
    determination = Determination.objects.create(
        case=case,
        determined_on=determined_on,
        summary=summary.strip(),
        recorded_by=by if by is not None and by.is_authenticated else None,
    )
    Finding.objects.bulk_create(
        Finding(
            determination=determination,
            number=i,
            element=element,
            finding=finding,
            category=category,
        )
        for i, (element, finding, category) in enumerate(clean, start=1)
    )
    words = "; ".join(
        f"{element}"
        + (f" ({OmbudsmanCategory(category).label.lower()})" if category else "")
        + f": {FindingKind(finding).label.lower()}"
        for element, finding, category in clean
    )
    ombudsman_event(
        case.complaint,
        f"Housing Ombudsman determination (case {case.reference}): {words}.",
        on=determined_on,
        by=by,
        what="determination",
        detail={
            "case": case.pk,
            "determination": determination.pk,
            "findings": [finding for _, finding, _ in clean],
            "categories": [category for _, _, category in clean],
        },
    )
    mrc_copy_queue(
        landlord=case.landlord,
        what=MrcCopyWhat.DETERMINATION,
        subject=f"Housing Ombudsman determination on case {case.reference}",
        opening=f"The Housing Ombudsman's determination of {_long(determined_on)} on case "
        f"{case.reference}{_about(case)} has been recorded. Its findings:",
        lines=[
            f"{i}. {element}: {FindingKind(finding).label.lower()}"
            for i, (element, finding, _) in enumerate(clean, start=1)
        ]
        + ([f"\nSummary: {summary.strip()}"] if summary.strip() else []),
        case=case,
    )
    return determination


@transaction.atomic
def order_add(
    *,
    determination: Determination,
    kind: str,
    description: str,
    due_on: dt.date | None,
    owner: str,
    by: User | None,
    amount: Decimal | None = None,
    is_recommendation: bool = False,
    finding: Finding | None = None,
    owner_user: User | None = None,
) -> Order:
    """Record an order or recommendation of a determination, with its due date and owner
    (domain.md §7). Compensation has an amount."""
    case = determination.case
    require_link_officer(by, case.landlord)
    problems: dict[str, str] = {}
    if kind not in OrderKind.values:
        problems["kind"] = "Choose what the order is for."
    if not description.strip():
        problems["description"] = "Describe what the Ombudsman ordered."
    if due_on is None:
        problems["due_on"] = "Enter the date it is due by."
    elif due_on < determination.determined_on:
        problems["due_on"] = "The due date cannot be before the determination."
    if not owner.strip():
        problems["owner"] = "Enter who is responsible for it."
    if kind == OrderKind.COMPENSATION and (amount is None or amount <= 0):
        problems["amount"] = "Enter the amount of compensation ordered."
    if amount is not None and amount < 0:
        problems["amount"] = "The amount cannot be negative."
    if finding is not None and finding.determination_id != determination.pk:
        problems["finding"] = "That finding belongs to another determination."
    _raise_if(problems)
    assert due_on is not None  # refused above when missing
    order = Order.objects.create(
        determination=determination,
        finding=finding,
        is_recommendation=is_recommendation,
        kind=kind,
        description=description.strip(),
        amount=amount if kind == OrderKind.COMPENSATION else None,
        due_on=due_on,
        owner=owner.strip(),
        owner_user=owner_user,
    )
    ombudsman_event(
        case.complaint,
        f"Housing Ombudsman {'recommendation' if is_recommendation else 'order'} "
        f"(case {case.reference}): {order.get_kind_display().lower()}"
        + (f" of {money(order.amount)}" if order.amount is not None else "")
        + f", due {_long(due_on)}, owner {owner.strip()}. {description.strip()}",
        on=determination.determined_on,
        by=by,
        what="order",
        detail={"case": case.pk, "order": order.pk, "kind": kind},
    )
    word = "recommendation" if is_recommendation else "order"
    if not is_recommendation:
        mrc_copy_queue(
            landlord=case.landlord,
            what=MrcCopyWhat.ORDER,
            subject=f"Housing Ombudsman {word} on case {case.reference}",
            opening=f"The Housing Ombudsman's determination of "
            f"{_long(determination.determined_on)} on case {case.reference}{_about(case)} "
            f"ordered us to act:",
            lines=[
                f"What: {order.get_kind_display()}"
                + (f" of {money(order.amount)}" if order.amount is not None else ""),
                f"Details: {order.description}",
                f"Due by: {_long(due_on)}",
                f"Owner: {order.owner}",
            ],
            case=case,
        )
    return order


@transaction.atomic
def order_record_progress(
    *,
    order: Order,
    status: str,
    by: User | None,
    evidence: str = "",
    upload: UploadedFile | None = None,
    completed_on: dt.date | None = None,
) -> Order:
    """Move an order on: in progress, or complied with (with evidence of compliance: text,
    a file or both, and the date), or for a recommendation, not taken up (with the reason
    as evidence). Code 9.7c: the governing body tracks these."""
    case = order.determination.case
    require_link_officer(by, case.landlord)
    order = Order.objects.select_for_update().get(pk=order.pk)
    problems: dict[str, str] = {}
    if status not in OrderStatus.values:
        problems["status"] = "Choose the status."
    if not order.is_open:
        problems[""] = "This order is already finished."
    finishing = status in (OrderStatus.COMPLIED, OrderStatus.NOT_ACCEPTED)
    if status == OrderStatus.NOT_ACCEPTED and not order.is_recommendation:
        problems["status"] = (
            "An order must be complied with; only a recommendation can be declined."
        )
    if finishing:
        _date_problems(
            problems,
            "completed_on",
            completed_on,
            earliest=order.determination.determined_on,
            what="the determination",
        )
        if status == OrderStatus.COMPLIED and not evidence.strip() and upload is None:
            problems["evidence"] = "Give the evidence of compliance: describe it or attach a file."
        if status == OrderStatus.NOT_ACCEPTED and not evidence.strip():
            problems["evidence"] = "Say why the recommendation was not taken up."
    _file_problems(problems, "evidence_file", upload)
    _raise_if(problems)
    order.status = status
    if evidence.strip():
        order.evidence = evidence.strip()
    if upload is not None:
        digest, content = _stored(upload)
        order.evidence_sha256 = digest
        order.evidence_filename = upload.filename
        order.evidence_file.save(digest, content, save=False)
    order.completed_on = completed_on if finishing else None
    order.save()
    on = completed_on if finishing and completed_on else today()
    word = "Recommendation" if order.is_recommendation else "Order"
    ombudsman_event(
        case.complaint,
        f"Housing Ombudsman {word.lower()} (case {case.reference}), "
        f"{order.get_kind_display().lower()}: {OrderStatus(status).label.lower()}"
        + (f". Evidence: {evidence.strip()}" if evidence.strip() else "")
        + (f" (file {upload.filename})" if upload is not None else "")
        + ".",
        on=on,
        by=by,
        what="order_progress",
        detail={"case": case.pk, "order": order.pk, "status": status},
    )
    return order


# Complaint Handling Failure Orders ---------------------------------------------------------


@transaction.atomic
def failure_order_record(
    *,
    landlord: Landlord,
    issued_on: dt.date,
    kind: str,
    what_failed: str,
    by: User | None,
    actions_taken: str = "",
    case: OmbudsmanCase | None = None,
) -> FailureOrder:
    """Record a Complaint Handling Failure Order against the landlord: the date, the type,
    what failed and what we did (the annual report must include them, Code 8.1c)."""
    require_link_officer(by, landlord)
    problems: dict[str, str] = {}
    _date_problems(problems, "issued_on", issued_on)
    if kind not in FailureOrderKind.values:
        problems["kind"] = "Choose the type of order."
    if not what_failed.strip():
        problems["what_failed"] = "Say what failed."
    if case is not None and case.landlord_id != landlord.pk:
        problems["case"] = "That case belongs to another landlord."
    _raise_if(problems)
    failure_order = FailureOrder.objects.create(
        landlord=landlord,
        case=case,
        issued_on=issued_on,
        kind=kind,
        what_failed=what_failed.strip(),
        actions_taken=actions_taken.strip(),
        recorded_by=by if by is not None and by.is_authenticated else None,
    )
    ombudsman_event(
        case.complaint if case is not None else None,
        f"Complaint Handling Failure Order issued by the Housing Ombudsman "
        f"({FailureOrderKind(kind).label}): {what_failed.strip()}",
        on=issued_on,
        by=by,
        what="failure_order",
        detail={"failure_order": failure_order.pk, "kind": kind},
    )
    mrc_copy_queue(
        landlord=landlord,
        what=MrcCopyWhat.FAILURE_ORDER,
        subject="Complaint Handling Failure Order issued by the Housing Ombudsman",
        opening=f"The Housing Ombudsman issued a Complaint Handling Failure Order against "
        f"us on {_long(issued_on)}"
        + (f" (case {case.reference}{_about(case)})" if case is not None else "")
        + ":",
        lines=[
            f"Type: {FailureOrderKind(kind).label}",
            f"What failed: {what_failed.strip()}",
        ]
        + ([f"What we have done: {actions_taken.strip()}"] if actions_taken.strip() else []),
        case=case,
    )
    return failure_order


@transaction.atomic
def failure_order_record_actions(
    *,
    failure_order: FailureOrder,
    actions_taken: str,
    by: User | None,
    done_on: dt.date | None = None,
) -> FailureOrder:
    """Record what was done after a Complaint Handling Failure Order, and when it was done."""
    require_link_officer(by, failure_order.landlord)
    problems: dict[str, str] = {}
    if not actions_taken.strip():
        problems["actions_taken"] = "Say what was done."
    if done_on is not None:
        _date_problems(
            problems, "done_on", done_on, earliest=failure_order.issued_on, what="the order"
        )
    _raise_if(problems)
    failure_order.actions_taken = actions_taken.strip()
    failure_order.actions_done_on = done_on
    failure_order.save(update_fields=["actions_taken", "actions_done_on"])
    case = failure_order.case
    ombudsman_event(
        case.complaint if case is not None else None,
        f"Actions after the Complaint Handling Failure Order: {actions_taken.strip()}",
        on=done_on or today(),
        by=by,
        what="failure_order_actions",
        detail={"failure_order": failure_order.pk},
    )
    return failure_order


# Copies to the Member Responsible for Complaints (Code 9.7, 9.8) ------------------------


def _about(case: OmbudsmanCase) -> str:
    """ ", about complaint CU-000123" for a case linked to a complaint; else nothing."""
    return f", about complaint {case.complaint.reference}" if case.complaint else ""


def mrc_copy_queue(
    *,
    landlord: Landlord,
    what: str,
    subject: str,
    opening: str,
    lines: Sequence[str],
    case: OmbudsmanCase | None = None,
    complaint: Complaint | None = None,
) -> MrcCopy | None:
    """Copy a decision to the landlord's Member Responsible for Complaints: the email is
    written now, inside the caller's transaction, and put on the task queue once that
    commits (the background worker, ``putright db_worker``, sends it: ``mrc_copy_send``).
    Nothing when the landlord has recorded no MRC's email address (its settings page,
    "Member Responsible for Complaints")."""
    if not landlord.mrc_email:
        return None
    if complaint is None and case is not None:
        complaint = case.complaint
    copy = MrcCopy(
        landlord=landlord,
        what=what,
        complaint=complaint,
        case=case,
        to_name=landlord.mrc_name,
        to_email=landlord.mrc_email,
        subject=f"{subject} ({landlord.name})"[:300],
    )
    copy.body = render_to_string(
        "ombudsman/email/mrc_copy.txt",
        {"copy": copy, "landlord": landlord, "opening": opening, "lines": lines},
    )
    copy.save()
    copy_id = copy.pk

    def enqueue() -> None:
        from putright.ombudsman.tasks import send_mrc_copy

        send_mrc_copy.enqueue(copy_id)

    transaction.on_commit(enqueue)
    return copy


def mrc_copy_upheld_decision(*, complaint: Complaint, stage: int, outcome: str) -> MrcCopy | None:
    """Copy a response that upholds a complaint, in full or in part, to the Member
    Responsible for Complaints, when the landlord has chosen to (Brent copies every upheld
    decision). Called when the response's letter is sent (the timeline's ``responded``
    entry), inside that transaction."""
    landlord = complaint.landlord
    if not landlord.mrc_copy_upheld or outcome not in UPHELD_OUTCOMES:
        return None
    words = "upheld" if outcome == Outcome.UPHELD else "partly upheld"
    return mrc_copy_queue(
        landlord=landlord,
        what=MrcCopyWhat.UPHELD_DECISION,
        subject=f"Complaint {complaint.reference} {words} at stage {stage}",
        opening=f"Our stage {stage} response to complaint {complaint.reference} has been "
        f"sent: the complaint was {words}.",
        lines=[
            *([f"Service area: {complaint.service_area}"] if complaint.service_area else []),
            f"What it was about: {complaint.description[:500]}",
        ],
        complaint=complaint,
    )


@transaction.atomic
def mrc_copy_send(*, copy_id: int) -> MrcCopy | None:
    """Send one queued copy to the Member Responsible for Complaints, once: a copy already
    sent is left alone. When it has gone, the time is kept on the copy and a linked
    complaint's timeline says the MRC was told, and when. A mail server that refuses it
    leaves the reason on the copy, unsent, for the task to report."""
    copy = (
        MrcCopy.objects.select_for_update(of=("self",))
        .select_related("landlord", "complaint")
        .filter(pk=copy_id)
        .first()
    )
    if copy is None or copy.sent_at is not None:
        return copy
    message = EmailMessage(
        subject=copy.subject,
        body=copy.body,
        from_email=from_address(copy.landlord),
        to=[copy.to_email],
        reply_to=[copy.landlord.email] if copy.landlord.email else None,
    )
    try:
        message.send()
    except Exception as error:  # any mail failure (SMTP, DNS, refused address)
        copy.failure = str(error)[:1000] or type(error).__name__
        copy.save(update_fields=["failure"])
        return copy
    copy.sent_at = timezone.now()
    copy.failure = ""
    copy.save(update_fields=["sent_at", "failure"])
    if copy.complaint is not None:
        ombudsman_event(
            copy.complaint,
            f"Copied to the Member Responsible for Complaints, {copy.to_name} "
            f"({copy.to_email}), by email: {copy.subject}.",
            on=timezone.localdate(copy.sent_at),
            by=None,
            what="mrc_copy",
            detail={"mrc_copy": copy.pk, "copied": copy.what},
        )
    return copy


# Remedies guidance ------------------------------------------------------------------------


@transaction.atomic
def guidance_load_defaults(*, landlord: Landlord, by: User | None) -> int:
    """Give a landlord its own copy of the Ombudsman's remedies guidance (the bands before
    1 April 2026 and the fixed sums from then), to check and update in the admin. Editions
    it already has are left alone. Returns the number of rows added."""
    require_link_officer(by, landlord)
    added = 0
    has_bands = GuidanceBand.objects.filter(
        landlord=landlord, edition=Edition.BANDS_BEFORE_2026
    ).exists()
    if not has_bands:
        GuidanceBand.objects.bulk_create(
            GuidanceBand(
                landlord=landlord,
                edition=Edition.BANDS_BEFORE_2026,
                position=i,
                impact=band.impact,
                lower=band.lower,
                upper=band.upper,
                description=band.description,
            )
            for i, band in enumerate(OMBUDSMAN_BANDS, start=1)
        )
        added += len(OMBUDSMAN_BANDS)
    has_sums = GuidanceFixedSum.objects.filter(
        landlord=landlord, edition=Edition.FIXED_SUMS_FROM_2026
    ).exists()
    if not has_sums:
        GuidanceFixedSum.objects.bulk_create(
            GuidanceFixedSum(
                landlord=landlord,
                edition=Edition.FIXED_SUMS_FROM_2026,
                position=i,
                what=fixed.what,
                amount=fixed.amount,
                per=fixed.per,
                description=fixed.description,
            )
            for i, fixed in enumerate(OMBUDSMAN_FIXED_SUMS, start=1)
        )
        added += len(OMBUDSMAN_FIXED_SUMS)
    return added


@transaction.atomic
def policy_bands_set(*, landlord: Landlord, bands: Sequence[Band], by: User | None) -> int:
    """The bands of the landlord's own compensation policy (Code 7.4 leaves them to the
    landlord), shown beside the Ombudsman's when a handler chooses an amount: all of them
    at once, in order, replacing the last set, by one of its administrators, on the
    settings audit log. An empty list takes them away. Returns how many there are."""
    require_role(by, landlord, SETTINGS_ROLES, SETTINGS_REFUSAL)
    problems = band_problems(bands)
    if problems:
        raise RuleError(problems)
    kept = GuidanceBand.objects.filter(landlord=landlord, edition=Edition.LANDLORD_POLICY)
    old = [_band_words(b.impact, b.lower, b.upper) for b in kept]
    new = [_band_words(b.impact.strip(), b.lower, b.upper) for b in bands]
    old_descriptions = [b.description for b in kept]
    if old == new and old_descriptions == [b.description.strip() for b in bands]:
        return len(bands)
    GuidanceBand.objects.filter(landlord=landlord, edition=Edition.LANDLORD_POLICY).delete()
    GuidanceBand.objects.bulk_create(
        GuidanceBand(
            landlord=landlord,
            edition=Edition.LANDLORD_POLICY,
            position=i,
            impact=band.impact.strip(),
            lower=band.lower,
            upper=band.upper,
            description=band.description.strip(),
        )
        for i, band in enumerate(bands, start=1)
    )
    settings_change_record(
        landlord=landlord,
        section=SettingsChange.Section.POLICY,
        summary=f"Changed the compensation policy's bands ({len(bands)} band"
        f"{'s' if len(bands) != 1 else ''})",
        changes={"bands": ("; ".join(old), "; ".join(new))},
        by=by,
    )
    return len(bands)


def _band_words(impact: str, lower: Decimal, upper: Decimal | None) -> str:
    return f"{impact}: {Band(impact, lower, upper).words}"


# Exceptional circumstances (Code 8.5) ---------------------------------------------------

#: The complaints a notice of exceptional circumstances affects: those still waiting for a
#: decision or a response (a service request or member enquiry gets no letter, Code 1.2).
AFFECTED_STATES = (State.RECEIVED, State.STAGE1, State.STAGE2)
NOTICE_HEADING = "Why we may take longer than usual"
OMBUDSMAN_EMAIL_MISSING = (
    "Record the Ombudsman's email address in the settings (Housing Ombudsman details) "
    "first, so the notice can be sent to it"
)


def notice_section(notice: ExceptionalCircumstances) -> str:
    """The part of a letter, or of the Ombudsman's email, that gives the notice: what
    happened, from when, and the timescale back to compliance."""
    return (
        f"## {NOTICE_HEADING}\n\n"
        f"{notice.what_happened}\n\n"
        f"This has affected our complaints service since {_long(notice.started_on)}. "
        f"{notice.back_to_compliance}\n\n"
        "Your complaint stays open and its timescales still apply. If we cannot meet one, we "
        "will tell you and say why."
    )


def _with_notice(body_text: str, notice: ExceptionalCircumstances) -> str:
    """The update letter with the notice put before its first heading, so the resident
    reads it straight after the opening paragraph."""
    at = body_text.find("\n## ")
    section = notice_section(notice)
    if at < 0:
        return f"{body_text}\n\n{section}"
    return f"{body_text[:at]}\n\n{section}\n{body_text[at:]}"


def _notice_problems(
    what_happened: str, started_on: dt.date | None, back_to_compliance: str
) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not what_happened.strip():
        problems["what_happened"] = "Say what happened, in words residents will understand"
    if started_on is None:
        problems["started_on"] = "Enter the date the exceptional circumstances started"
    elif started_on > today():
        problems["started_on"] = "The date they started must be today or in the past"
    if not back_to_compliance.strip():
        problems["back_to_compliance"] = (
            "Say when you expect to meet the Code's timescales again, and how"
        )
    return problems


def _letter_to(
    complaint: Complaint, notice: ExceptionalCircumstances, by: User | None
) -> dict[str, object]:
    """Write to the resident of one open complaint about the notice, as an update letter
    generated from the record (by email where we have an address, else by post). A letter
    that cannot go (no address, a broken template) is noted with its problem."""
    try:
        draft = letter_draft(complaint=complaint, kind=LetterKind.UPDATE)
        letter = letter_issue(
            complaint=complaint,
            kind=LetterKind.UPDATE,
            subject=draft.subject,
            body_text=_with_notice(draft.body_text, notice),
            delivery=Delivery.EMAIL if recipient_email(complaint) else Delivery.POST,
            by=by,
        )
    except RuleError as error:
        return {"reference": complaint.reference, "letter": None, "problem": str(error)}
    return {"reference": complaint.reference, "letter": letter.pk, "problem": ""}


def _ombudsman_message(notice: ExceptionalCircumstances) -> EmailMessage:
    """The email that gives the Ombudsman the notice, to the landlord's recorded address."""
    landlord = notice.landlord
    return EmailMessage(
        subject=f"{landlord.name}: notice of exceptional circumstances (Code 8.5)",
        body=(
            f"{landlord.name} is writing under paragraph 8.5 of the Complaint Handling Code.\n\n"
            + notice_section(notice).replace(f"## {NOTICE_HEADING}\n\n", "", 1)
            + f"\n\nWe have written to the residents of {len(notice.letters)} open "
            "complaints to tell them.\n"
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notice.ombudsman_emailed_to],
        reply_to=[landlord.email] if landlord.email else None,
    )


def _queue_ombudsman_email(notice_id: int) -> None:
    """Put the email to the Ombudsman on the task queue (``putright db_worker`` sends it).
    The database backend writes the task in the caller's transaction, so the notice and its
    email are recorded together or not at all."""
    from putright.ombudsman.tasks import send_exceptional_circumstances_email

    send_exceptional_circumstances_email.enqueue(notice_id)


def exceptional_circumstances_email_send(*, notice_id: int) -> str:
    """The task's work: email the notice to the Ombudsman, once, and record on the notice
    when it was sent or when and why it could not be. Returns what happened."""
    with transaction.atomic():
        notice = (
            ExceptionalCircumstances.objects.select_for_update()
            .select_related("landlord")
            .filter(pk=notice_id)
            .first()
        )
        if notice is None:
            return "skipped: the notice no longer exists"
        if notice.ombudsman_email_sent_at is not None:
            return "skipped: already sent"
        try:
            _ombudsman_message(notice).send()
        except Exception as error:  # any failure of the mail server is recorded, not raised
            notice.ombudsman_email_failed_at = timezone.now()
            notice.ombudsman_email_failure = (
                f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
            )
            notice.save(update_fields=["ombudsman_email_failed_at", "ombudsman_email_failure"])
            return f"failed: {notice.ombudsman_email_failure}"
        notice.ombudsman_email_sent_at = timezone.now()
        notice.ombudsman_email_failed_at = None
        notice.ombudsman_email_failure = ""
        notice.save(
            update_fields=[
                "ombudsman_email_sent_at",
                "ombudsman_email_failed_at",
                "ombudsman_email_failure",
            ]
        )
        return "sent"


@transaction.atomic
def exceptional_circumstances_email_again(
    *, notice: ExceptionalCircumstances, by: User | None
) -> ExceptionalCircumstances:
    """Queue the email to the Ombudsman again after it failed (the address may have been
    corrected in the settings since: it goes to the one recorded now)."""
    require_link_officer(by, notice.landlord)
    notice = (
        ExceptionalCircumstances.objects.select_for_update()
        .select_related("landlord")
        .get(pk=notice.pk)
    )
    if notice.ombudsman_email_sent_at is not None:
        _raise_if(
            {
                "notice": "The email to the Ombudsman was sent on "
                f"{_long(timezone.localdate(notice.ombudsman_email_sent_at))} already"
            }
        )
    if notice.ombudsman_email_failed_at is None:
        _raise_if({"notice": "The email to the Ombudsman is waiting to be sent already"})
    address = notice.landlord.ombudsman_email.strip()
    if not address:
        _raise_if({"ombudsman_email": OMBUDSMAN_EMAIL_MISSING})
    notice.ombudsman_emailed_to = address
    notice.ombudsman_email_failed_at = None
    notice.ombudsman_email_failure = ""
    notice.save(
        update_fields=[
            "ombudsman_emailed_to",
            "ombudsman_email_failed_at",
            "ombudsman_email_failure",
        ]
    )
    _queue_ombudsman_email(notice.pk)
    return notice


@transaction.atomic
def exceptional_circumstances_record(
    *,
    landlord: Landlord,
    what_happened: str,
    started_on: dt.date | None,
    back_to_compliance: str,
    by: User | None,
) -> ExceptionalCircumstances:
    """Code 8.5: record a notice of exceptional circumstances, email it to the Ombudsman at
    the landlord's recorded address (``Landlord.ombudsman_email``), and write to the
    resident of every open complaint (an update letter from the record, with the notice in
    it; each on the complaint's timeline). The public pages show it until it is withdrawn.
    The Code does not stop the clock, so no timescale changes."""
    require_link_officer(by, landlord)
    problems = _notice_problems(what_happened, started_on, back_to_compliance)
    if not landlord.ombudsman_email.strip():
        problems["ombudsman_email"] = OMBUDSMAN_EMAIL_MISSING
    _raise_if(problems)
    assert started_on is not None  # checked above
    notice = ExceptionalCircumstances.objects.create(
        landlord=landlord,
        what_happened=what_happened.strip(),
        started_on=started_on,
        back_to_compliance=back_to_compliance.strip(),
        recorded_by=by if by is not None and by.is_authenticated else None,
        ombudsman_emailed_to=landlord.ombudsman_email.strip(),
    )
    affected = Complaint.objects.filter(
        landlord=landlord, kind=Kind.COMPLAINT, state__in=AFFECTED_STATES
    ).order_by("received_on", "id")
    notice.letters = [_letter_to(complaint, notice, by) for complaint in affected]
    notice.save(update_fields=["letters"])
    _queue_ombudsman_email(notice.pk)
    return notice


@transaction.atomic
def exceptional_circumstances_withdraw(
    *,
    notice: ExceptionalCircumstances,
    withdrawn_on: dt.date | None,
    note: str = "",
    by: User | None,
) -> ExceptionalCircumstances:
    """Code 8.5: the landlord can meet the Code again: the notice comes off the public
    pages from now and stays on record."""
    require_link_officer(by, notice.landlord)
    notice = ExceptionalCircumstances.objects.select_for_update().get(pk=notice.pk)
    problems: dict[str, str] = {}
    if notice.withdrawn_on is not None:
        problems["notice"] = f"This notice was withdrawn on {_long(notice.withdrawn_on)} already"
    if withdrawn_on is None:
        problems["withdrawn_on"] = "Enter the date the notice is withdrawn"
    elif withdrawn_on > today():
        problems["withdrawn_on"] = "The date it is withdrawn must be today or in the past"
    elif withdrawn_on < notice.started_on:
        problems["withdrawn_on"] = (
            f"The date it is withdrawn cannot be before it started ({_long(notice.started_on)})"
        )
    _raise_if(problems)
    notice.withdrawn_on = withdrawn_on
    notice.withdrawn_note = note.strip()
    notice.withdrawn_by = by if by is not None and by.is_authenticated else None
    notice.save(update_fields=["withdrawn_on", "withdrawn_note", "withdrawn_by"])
    return notice
