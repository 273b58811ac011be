"""The portal's commands (style.md: one function per command, ``<entity>_<verb>``).

Each validates what the rules need, writes in one transaction through the complaint services
(``putright.complaints.services``) where the complaint record changes and through the
resident services (``putright.residents.services``) for homes, residents, representatives
and adjustments, so that a home or a resident is recorded once whether staff or the resident
entered it; then queues its email for after the commit. Views call these; they never write
models themselves.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from putright.complaints import services as complaint_services
from putright.complaints.models import Complaint, Stage
from putright.landlords.models import Landlord, today
from putright.portal import emails
from putright.portal.models import (
    Feedback,
    OneTimeCode,
    PendingUpload,
    Person,
    PortalAccess,
)
from putright.portal.selectors import feedback_stage, may_see_everything
from putright.portal.tokens import code_digest, code_matches, new_code, new_token, token_digest
from putright.residents import services as resident_services
from putright.residents.models import AdjustmentRequest, Resident, Via
from putright.rules.codes import Channel, EscalationReason, RepresentativeKind
from putright.rules.lifecycle import RuleError

#: A code lasts 15 minutes and allows 5 tries.
CODE_LIFETIME = dt.timedelta(minutes=15)
CODE_ATTEMPTS = 5
#: Files waiting on a form nobody sent are removed after a day.
PENDING_UPLOAD_LIFETIME = dt.timedelta(days=1)

# Small helpers ------------------------------------------------------------------------------


def normalise_email(email: str) -> str:
    return email.strip().lower()


_REFERENCE = re.compile(r"^([A-Z]+)-?0*(\d{1,12})$")
_NUMBER = re.compile(r"^\d{1,12}$")


def normalise_reference(reference: str, landlord: Landlord) -> str:
    """A reference as the landlord writes it, from what a person typed: "cu 123" and
    "CU000123" both become "CU-000123", and for a landlord whose prefix holds digits,
    "g0001-135" becomes "G0001-000135". Anything else is returned tidied, to match
    nothing."""
    compact = re.sub(r"\s+", "", reference).upper()
    own = landlord.reference_prefix.upper()
    number = compact.removeprefix(own).removeprefix("-")
    if own and compact.startswith(own) and _NUMBER.match(number):
        return f"{own}-{int(number):06d}"
    match = _REFERENCE.match(compact)
    if match is None:
        return compact
    prefix, number = match.groups()
    return f"{prefix}-{int(number):06d}"


# Making a complaint -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ComplaintAnswers:
    """The answers to the complaint form, checked by its forms."""

    draft: uuid.UUID
    person: str  # Person.RESIDENT or Person.REPRESENTATIVE
    resident_name: str
    contact_method: str  # Resident.ContactPreference
    email: str
    what_happened: str
    address_line_1: str
    town: str
    postcode: str
    address_line_2: str = ""
    phone: str = ""
    put_right: str = ""
    representative_name: str = ""
    representative_kind: str = ""
    support: Sequence[str] = ()
    interpreter_language: str = ""
    support_other: str = ""


@dataclass(frozen=True, slots=True)
class Sent:
    """A complaint sent through the form. ``already`` when the same form was sent before."""

    complaint: Complaint
    access: PortalAccess
    already: bool = False


def _resident_for(landlord: Landlord, answers: ComplaintAnswers) -> Resident:
    """The resident complained for, at their home (``residents.services``: a home already
    recorded, by staff or online, is found whichever way its postcode was typed). Someone
    complaining for themselves who already has a record at this home under the same name
    and email is that resident (their record is not changed by an unchecked form); anyone
    else gets a new record for staff to match up."""
    address = "\n".join(
        line.strip()
        for line in (answers.address_line_1, answers.address_line_2, answers.town)
        if line.strip()
    )
    if answers.person == Person.RESIDENT:
        return resident_services.resident_find_or_create(
            landlord=landlord,
            name=answers.resident_name,
            email=normalise_email(answers.email),
            phone=answers.phone,
            contact_preference=answers.contact_method,
            address=address,
            postcode=answers.postcode,
            by=None,
            via=Via.WEB,
        )
    return resident_services.resident_create(
        landlord=landlord,
        name=answers.resident_name,
        address=address,
        postcode=answers.postcode,
        by=None,
        via=Via.WEB,
    )


def _contact_words(answers: ComplaintAnswers) -> str:
    """How the person wants to be contacted, then their other details: "by phone (07700
    900123); email sam@example.com"."""
    method = Resident.ContactPreference(answers.contact_method)
    where = {
        Resident.ContactPreference.EMAIL: answers.email,
        Resident.ContactPreference.PHONE: answers.phone,
        Resident.ContactPreference.TEXT: answers.phone,
        Resident.ContactPreference.LETTER: "to the home address",
    }[method]
    words = [f"by {method.label.lower()} ({where})"]
    if method != Resident.ContactPreference.EMAIL:
        words.append(f"email {answers.email}")
    if answers.phone and method not in (
        Resident.ContactPreference.PHONE,
        Resident.ContactPreference.TEXT,
    ):
        words.append(f"phone {answers.phone}")
    return "; ".join(words)


def _intake_note(answers: ComplaintAnswers, resident: Resident) -> str:
    """Staff's first note: who sent the form and how they want to be contacted."""
    if answers.person == Person.REPRESENTATIVE:
        kind = RepresentativeKind(answers.representative_kind).label.lower()
        return (
            f"Sent through the website by {answers.representative_name.strip()} ({kind}) for "
            f"{resident.name}. Code 3.6: get the resident's consent before dealing with "
            f"{answers.representative_name.strip()}. They would like to be contacted "
            f"{_contact_words(answers)}."
        )
    return (
        f"Sent through the website by the resident, {resident.name}. They would like to be "
        f"contacted {_contact_words(answers)}."
    )


def _attach_pending(complaint: Complaint, draft: uuid.UUID) -> None:
    for upload in PendingUpload.objects.filter(draft=draft):
        with upload.file.open("rb") as f:
            content = f.read()
        complaint_services.complaint_attach(
            complaint=complaint,
            filename=upload.filename,
            content=content,
            content_type=upload.content_type,
            description="sent with the complaint form",
            by=None,
        )
        name = upload.file.name
        assert name is not None  # an upload kept has its file
        upload.delete()
        transaction.on_commit(partial(upload.file.storage.delete, name))


def _submit(landlord: Landlord, answers: ComplaintAnswers, link: Callable[[str], str]) -> Sent:
    resident = _resident_for(landlord, answers)
    representative = None
    if answers.person == Person.REPRESENTATIVE:
        representative = resident_services.representative_add(
            resident=resident,
            name=answers.representative_name,
            kind=answers.representative_kind,
            email=normalise_email(answers.email),
            phone=answers.phone,
            by=None,
            via=Via.WEB,
        )
    complaint = complaint_services.complaint_log(
        landlord=landlord,
        received_on=today(),
        channel=Channel.WEB,
        description=answers.what_happened.strip(),
        outcome_wanted=answers.put_right.strip(),
        resident=resident,
        representative=representative,
        home=resident.home,
        by=None,
    )
    complaint_services.complaint_add_note(
        complaint=complaint, text=_intake_note(answers, resident), by=None
    )
    if resident_services.adjustments_wanted(kinds=answers.support):
        complaint_services.complaint_adjustments_request(
            complaint=complaint,
            kinds=answers.support,
            interpreter_language=answers.interpreter_language,
            other=answers.support_other,
            requested_by=answers.person,
            by=None,
        )
    _attach_pending(complaint, answers.draft)
    token = new_token()
    access = PortalAccess.objects.create(
        complaint=complaint,
        person=answers.person,
        email=normalise_email(answers.email),
        token_digest=token_digest(token),
        submission=answers.draft,
    )
    transaction.on_commit(partial(emails.send_confirmation, access.pk, link(token)))
    return Sent(complaint, access)


def portal_complaint_submit(
    *, landlord: Landlord, answers: ComplaintAnswers, link: Callable[[str], str]
) -> Sent:
    """Log a complaint sent through the website (Code 3.1), with channel ``web``, waiting for
    triage; with a representative awaiting the resident's consent (Code 3.6) when someone
    complains for the resident; the support asked for (Code 5.10); and the files chosen.
    The person gets a confirmation email with a private link (``link(token)`` is its
    address). Sending the same form again returns the complaint it made."""
    earlier = PortalAccess.objects.filter(submission=answers.draft).select_related("complaint")
    if (access := earlier.first()) is not None:
        return Sent(access.complaint, access, already=True)
    try:
        with transaction.atomic():
            return _submit(landlord, answers, link)
    except IntegrityError:
        # The same form sent twice at once: the other request logged it.
        access = earlier.get()
        return Sent(access.complaint, access, already=True)


def pending_upload_add(
    *, draft: uuid.UUID, filename: str, content_type: str, content: bytes
) -> PendingUpload:
    """Keep a checked file until the form is sent; forget files of forms left a day ago."""
    from django.core.files.base import ContentFile

    stale = PendingUpload.objects.filter(created_at__lt=timezone.now() - PENDING_UPLOAD_LIFETIME)
    for old in stale:
        pending_upload_remove(draft=old.draft, upload_id=old.pk)
    upload = PendingUpload(
        draft=draft, filename=filename, content_type=content_type, size=len(content)
    )
    upload.file.save(filename, ContentFile(content), save=False)
    upload.save()
    return upload


def pending_upload_remove(*, draft: uuid.UUID, upload_id: int) -> None:
    """Remove a file from the form (only from the form it belongs to)."""
    upload = PendingUpload.objects.filter(draft=draft, pk=upload_id).first()
    if upload is None:
        return
    name, storage = upload.file.name, upload.file.storage
    assert name is not None  # an upload kept has its file
    upload.delete()
    storage.delete(name)


# Finding a complaint again --------------------------------------------------------------------


def portal_access_by_token(token: str, *, landlord: Landlord) -> PortalAccess | None:
    """The access a private link gives to one of ``landlord``'s complaints, or None for a
    link that does not work: a link to another landlord's complaint never works here."""
    access = (
        PortalAccess.objects.filter(token_digest=token_digest(token), complaint__landlord=landlord)
        .select_related("complaint")
        .first()
    )
    if access is not None:
        PortalAccess.objects.filter(pk=access.pk).update(last_used_at=timezone.now())
    return access


def _matching_complaint(
    landlord: Landlord, reference: str, email: str
) -> tuple[Complaint | None, str]:
    """The complaint with this reference whose resident or representative has this email
    address, in one query whichever of the two is wrong."""
    complaint = (
        Complaint.objects.filter(landlord=landlord, reference=reference)
        .filter(Q(resident__email__iexact=email) | Q(representative__email__iexact=email))
        .select_related("resident", "representative")
        .first()
    )
    if complaint is None:
        return None, ""
    resident_email = complaint.resident.email if complaint.resident is not None else ""
    person = Person.RESIDENT if resident_email.lower() == email.lower() else Person.REPRESENTATIVE
    return complaint, person


@transaction.atomic
def portal_code_request(
    *,
    landlord: Landlord,
    reference: str,
    email: str,
    replaces: uuid.UUID | None = None,
) -> OneTimeCode:
    """Make a 6-digit code for whoever asks to follow a complaint by reference and email.

    Whether or not the two match a complaint, the same code row is made and the caller shows
    the same page, so nobody can learn from this whether a reference exists. Only when they
    match is the code emailed, to that address. A code asked for again replaces the last."""
    email = normalise_email(email)
    # Codes a day old are of no use to anyone: keep the table small.
    OneTimeCode.objects.filter(created_at__lt=timezone.now() - dt.timedelta(days=1)).delete()
    complaint, person = _matching_complaint(
        landlord, normalise_reference(reference, landlord), email
    )
    if replaces is not None:
        OneTimeCode.objects.filter(pk=replaces, used_at=None).update(used_at=timezone.now())
    code = new_code()
    otc = OneTimeCode(
        id=uuid.uuid4(),
        landlord=landlord,
        complaint=complaint,
        person=person,
        email=email,
        expires_at=timezone.now() + CODE_LIFETIME,
    )
    otc.digest = code_digest(code, str(otc.id))
    otc.save(force_insert=True)
    if complaint is not None:
        transaction.on_commit(partial(emails.send_code, otc.pk, code))
    return otc


class CodeProblem(Exception):
    """The code was not accepted. ``reason`` is "wrong", "expired" or "too_many";
    ``tries_left`` counts what remains after a wrong code."""

    def __init__(self, reason: str, tries_left: int = 0) -> None:
        self.reason = reason
        self.tries_left = tries_left
        super().__init__(reason)


def portal_code_verify(*, code_id: uuid.UUID, code: str, landlord: Landlord) -> PortalAccess:
    """Check a code. Right, in time and within 5 tries: the person may follow the complaint
    (their access is made the first time). A wrong code uses up a try, whether or not the
    reference matched, so the answers look the same. A code asked for on another landlord's
    pages is not found here, as if it had expired."""
    with transaction.atomic():
        otc = OneTimeCode.objects.select_for_update().filter(pk=code_id, landlord=landlord).first()
        if otc is None or otc.used_at is not None or otc.expires_at <= timezone.now():
            raise CodeProblem("expired")
        if otc.attempts >= CODE_ATTEMPTS:
            raise CodeProblem("too_many")
        right = code_matches(code, str(otc.id), otc.digest) and otc.complaint_id is not None
        if not right:
            otc.attempts += 1
            otc.save(update_fields=["attempts"])
            left = CODE_ATTEMPTS - otc.attempts
            wrong = CodeProblem("wrong" if left else "too_many", tries_left=left)
        else:
            assert otc.complaint_id is not None  # a right code is for a complaint
            otc.used_at = timezone.now()
            otc.save(update_fields=["used_at"])
            access, _ = PortalAccess.objects.get_or_create(
                complaint_id=otc.complaint_id,
                email=otc.email,
                defaults={"person": otc.person},
            )
            PortalAccess.objects.filter(pk=access.pk).update(last_used_at=timezone.now())
            return access
    raise wrong


# Acting on a complaint --------------------------------------------------------------------


def _require_full_access(access: PortalAccess) -> None:
    if not may_see_everything(access):
        raise RuleError(
            "We need the resident's permission before we can deal with you about this complaint.",
            code="not_allowed_now",
        )


def portal_escalate(*, access: PortalAccess, reason: str = "", reason_text: str = "") -> Stage:
    """Code 6.12: ask for stage 2, with a reason only if the person chose to give one."""
    _require_full_access(access)
    if reason and reason not in EscalationReason.values():
        raise RuleError({"reason": "Choose one of the reasons, or none."})
    with transaction.atomic():
        stage = complaint_services.complaint_request_escalation(
            complaint=access.complaint,
            requested_on=today(),
            by=None,
            reason=reason,
            reason_text=reason_text.strip(),
        )
        transaction.on_commit(partial(emails.send_stage2_received, access.pk))
    return stage


def portal_adjustments_request(
    *,
    access: PortalAccess,
    kinds: Sequence[str],
    interpreter_language: str = "",
    other: str = "",
) -> list[AdjustmentRequest]:
    """Code 5.10: the person asks for support or changes, recorded for staff to agree: on
    the resident's record, and the timeline tells staff."""
    return complaint_services.complaint_adjustments_request(
        complaint=access.complaint,
        kinds=kinds,
        interpreter_language=interpreter_language,
        other=other,
        requested_by=access.person,
        by=None,
    )


@transaction.atomic
def portal_feedback_give(
    *, access: PortalAccess, process_satisfaction: int, outcome_satisfaction: int, comments: str
) -> Feedback:
    """Record how the person felt about the handling of the complaint and its outcome, once
    the landlord has given its last answer; once per stage."""
    _require_full_access(access)
    complaint = Complaint.objects.prefetch_related("stages").get(pk=access.complaint_id)
    stage = feedback_stage(complaint, today())
    if stage is None:
        raise RuleError(
            "You can tell us what you think once we have sent our final answer.",
            code="not_allowed_now",
        )
    if Feedback.objects.filter(complaint=complaint, stage=stage).exists():
        raise RuleError("You have already told us what you think. Thank you.", code="done")
    return Feedback.objects.create(
        landlord_id=complaint.landlord_id,
        complaint=complaint,
        stage=stage,
        given_on=today(),
        given_by=access.person,
        process_satisfaction=process_satisfaction,
        outcome_satisfaction=outcome_satisfaction,
        comments=comments.strip(),
    )
