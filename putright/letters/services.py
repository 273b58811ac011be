"""Letters: draft, check, preview and issue (domain.md §5; Code 2.4, 4.1, 5.6, 5.7, 6.4,
6.5, 6.9, 6.16, 6.17, 6.19), and the commands on a landlord's letter templates.

What the staff workspace calls:

- ``letter_draft``: the letter generated from the record, for staff to edit;
- ``letter_check``: the problems with an edited letter (missing elements), before issuing;
- ``letter_preview``: the letter as HTML, writing nothing;
- ``letter_issue``: freeze the letter on the timeline and, for email, queue it for the
  background worker (``putright db_worker``) to send;
- ``letter_issue_generated``: issue the letter generated from the record, unedited;
- ``letter_email_send``: the worker's part, the email sent once (``letters.tasks``);
- ``letter_pdf_make``: the issued letter's PDF, made from its frozen HTML the first time
  it is needed and kept from then on;
- ``letter_template_save`` / ``letter_template_reset``: a landlord's own wording.

Reads (draft, check, preview) do not check who is asking: the view shows them only to
someone who can see the complaint (``permissions.can_see``). Writes check for themselves.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import smtplib
from collections.abc import Callable, Mapping
from functools import partial

from django.conf import settings
from django.contrib.auth import models as auth_models
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from putright.complaints.models import Complaint, EventKind
from putright.complaints.services import (
    extension_letter_issued,
    format_met_write,
    letter_sent_write,
)
from putright.complaints.timeline import event_write
from putright.landlords.models import Landlord, Role, today
from putright.landlords.permissions import membership, require_can_act
from putright.letters.checks import (
    format_problems,
    kind_problem,
    kinds_available,
    letter_problems,
    sign_off_problem,
    template_check,
)
from putright.letters.defaults import DEFAULTS
from putright.letters.facts import LetterFacts, letter_facts, recipient_address
from putright.letters.kinds import Delivery, LetterKind
from putright.letters.models import Letter, LetterTemplate, letter_pdf_path
from putright.letters.render import (
    Draft,
    draft_from_templates,
    render_html,
    render_pdf,
    signatory_for,
    text_for_email,
)
from putright.letters.templating import one_line_subject
from putright.residents.models import ReasonableAdjustment
from putright.residents.selectors import FormatNeed, format_needs
from putright.rules.lifecycle import LetterOwed, RuleError
from putright.rules.retention import REMOVED

__all__ = [
    "Draft",
    "FormatNeed",
    "format_needs",
    "kinds_available",
    "letter_check",
    "letter_draft",
    "letter_email",
    "letter_email_again",
    "letter_email_send",
    "letter_emails_lost",
    "letter_issue",
    "letter_issue_generated",
    "letter_pdf_make",
    "letter_pdf_removed",
    "letter_preview",
    "letter_template_reset",
    "letter_template_save",
    "letter_template_source",
    "recipient_email",
    "signatory_for",
    "wants_large_print",
]

logger = logging.getLogger(__name__)

#: The person acting: Django's own user (``AUTH_USER_MODEL`` is not swapped), the type every
#: model's ``..._by`` field holds.
User = auth_models.User

#: Who may change a landlord's letter templates.
TEMPLATE_EDITORS = {Role.OFFICER, Role.ADMINISTRATOR}

#: The step of a stage each kind of letter completes: the stage waits for it.
LETTER_COMPLETES: dict[LetterKind, LetterOwed] = {
    LetterKind.ACKNOWLEDGEMENT_STAGE1: LetterOwed.ACKNOWLEDGEMENT,
    LetterKind.ACKNOWLEDGEMENT_STAGE2: LetterOwed.ACKNOWLEDGEMENT,
    LetterKind.STAGE1_RESPONSE: LetterOwed.RESPONSE,
    LetterKind.STAGE2_RESPONSE: LetterOwed.RESPONSE,
}


def _kind(kind: str) -> LetterKind:
    if kind not in LetterKind.values():
        raise RuleError({"kind": "Choose which letter to write."})
    return LetterKind(kind)


def _require_fits(complaint: Complaint, kind: LetterKind) -> None:
    if problem := kind_problem(complaint, kind):
        raise RuleError({"kind": problem}, code="not_allowed_now")


def _with_record(complaint: Complaint) -> Complaint:
    return (
        Complaint.objects.select_related("landlord", "resident__home", "home", "representative")
        .prefetch_related("stages__handler")
        .get(pk=complaint.pk)
    )


# Templates ------------------------------------------------------------------------------


def letter_template_source(landlord: Landlord, kind: str) -> tuple[str, str]:
    """The subject and body templates a landlord's letters of ``kind`` are written from:
    its own, or the one Putright ships."""
    kind = _kind(kind)
    own = LetterTemplate.objects.filter(landlord=landlord, kind=kind).first()
    if own is not None:
        return own.subject, own.body
    default = DEFAULTS[kind]
    return default.subject, default.body


def _require_can_edit_templates(by: User | None, landlord: Landlord) -> None:
    require_can_act(by, landlord, None)
    if by is None or getattr(by, "is_superuser", False):
        return
    m = membership(by, landlord)
    if m is None or m.role not in TEMPLATE_EDITORS:
        raise PermissionDenied(
            "Only complaints officers and administrators can change letter templates."
        )


@transaction.atomic
def letter_template_save(
    *, landlord: Landlord, kind: str, subject: str, body: str, by: User | None
) -> LetterTemplate:
    """Save a landlord's wording of a letter. Refused, with the line and the reason, if it
    does not compile; refused, naming each element, if a letter from it would leave out a
    required element (domain.md §5)."""
    _require_can_edit_templates(by, landlord)
    kind = _kind(kind)
    template_check(kind, subject, body)
    template, _ = LetterTemplate.objects.update_or_create(
        landlord=landlord,
        kind=kind,
        defaults={
            "subject": subject.strip(),
            "body": body.replace("\r\n", "\n").strip() + "\n",
            "updated_by": by if by is not None and by.is_authenticated else None,
        },
    )
    return template


@transaction.atomic
def letter_template_reset(*, landlord: Landlord, kind: str, by: User | None) -> None:
    """Go back to the letter Putright ships for ``kind``."""
    _require_can_edit_templates(by, landlord)
    LetterTemplate.objects.filter(landlord=landlord, kind=_kind(kind)).delete()


# Drafting and checking ------------------------------------------------------------------


def letter_draft(*, complaint: Complaint, kind: str, on: dt.date | None = None) -> Draft:
    """The letter of ``kind`` generated from the record, dated ``on``, for staff to edit.

    Raises RuleError when the letter does not fit the complaint now, and
    ``LetterTemplateError`` (a RuleError) when the landlord's template is broken."""
    kind = _kind(kind)
    complaint = _with_record(complaint)
    _require_fits(complaint, kind)
    subject, body = letter_template_source(complaint.landlord, kind)
    return draft_from_templates(subject, body, letter_facts(complaint, kind, on=on))


def letter_check(
    *, complaint: Complaint, kind: str, subject: str, body_text: str, on: dt.date | None = None
) -> dict[str, str]:
    """The problems that would stop this letter being issued, one per missing element:
    {"response_due_date": "The letter does not include the response due date (8 April
    2024)."}. Empty when it can be issued."""
    kind = _kind(kind)
    complaint = _with_record(complaint)
    if problem := kind_problem(complaint, kind):
        return {"kind": problem}
    facts = letter_facts(complaint, kind, on=on)
    return letter_problems(facts, _draft(subject, body_text)) | sign_off_problem(body_text)


def _draft(subject: str, body_text: str) -> Draft:
    return Draft(one_line_subject(subject), body_text.replace("\r\n", "\n").strip())


def letter_preview(
    *,
    complaint: Complaint,
    kind: str,
    subject: str | None = None,
    body_text: str | None = None,
    large_print: bool = False,
    on: dt.date | None = None,
    sender: User | None = None,
) -> str:
    """The letter as HTML exactly as it would be issued by ``sender``, who signs it,
    writing nothing. Without a subject and body, the letter generated from the record."""
    kind = _kind(kind)
    complaint = _with_record(complaint)
    _require_fits(complaint, kind)
    if subject is None or body_text is None:
        draft = letter_draft(complaint=complaint, kind=kind, on=on)
        subject = draft.subject if subject is None else subject
        body_text = draft.body_text if body_text is None else body_text
    return render_html(
        _draft(subject, body_text),
        complaint.landlord,
        complaint,
        large_print=large_print,
        dated=on,
        signatory=signatory_for(sender),
    )


def recipient_email(complaint: Complaint) -> str:
    """Where a letter is emailed by default: the representative, if the resident has
    consented to them acting (Code 3.6) and they have an email address; else the resident."""
    rep = complaint.representative if complaint.representative_id else None
    if rep is not None and rep.has_consent and rep.email:
        return rep.email
    resident = complaint.resident
    if resident is not None and resident.email:
        return resident.email
    return ""


def wants_large_print(complaint: Complaint) -> bool:
    """The resident has an agreed, current large-print adjustment (Code 5.10), so the
    workspace offers large print first."""
    if not complaint.resident_id:
        return False
    return ReasonableAdjustment.objects.filter(
        resident_id=complaint.resident_id,
        kind=ReasonableAdjustment.Kind.LARGE_PRINT,
        ended_on__isnull=True,
    ).exists()


# Issuing --------------------------------------------------------------------------------


def _locked(complaint: Complaint) -> Complaint:
    """Re-read the complaint under a row lock, with what a letter is written from."""
    return (
        Complaint.objects.select_for_update(of=("self",))
        .select_related("landlord", "resident__home", "home", "representative")
        .prefetch_related("stages__handler")
        .get(pk=complaint.pk)
    )


def _sent_to(
    complaint: Complaint, delivery: str, send_to: str | None
) -> tuple[str, dict[str, str]]:
    """The address the letter goes to, or the problem with it."""
    given = (send_to or "").strip()
    if delivery == Delivery.EMAIL:
        address = given or recipient_email(complaint)
        if not address:
            return "", {
                "send_to": "There is no email address for the resident. Enter one, or send "
                "the letter by post."
            }
        try:
            validate_email(address)
        except ValidationError:
            return "", {
                "send_to": "Enter an email address in the correct format, like name@example.com."
            }
        return address, {}
    lines = given.splitlines() if given else list(recipient_address(complaint))
    lines = [line.strip() for line in lines if line.strip()]
    if not lines:
        return "", {
            "send_to": "There is no postal address for the resident. Enter one, or send the "
            "letter by email."
        }
    if not given and complaint.resident is not None:
        lines.insert(0, complaint.resident.name)
    return "\n".join(lines), {}


@transaction.atomic
def letter_issue(
    *,
    complaint: Complaint,
    kind: str,
    subject: str,
    body_text: str,
    delivery: str,
    by: User | None,
    send_to: str | None = None,
    large_print: bool = False,
    formats_met: Mapping[str, str] | None = None,
    on: dt.date | None = None,
) -> Letter:
    """Issue a letter: check it carries every required element of its kind (domain.md §5),
    then in one transaction freeze its HTML, write the ``Letter`` and its timeline event
    (which carries the SHA-256 of the frozen HTML). For post, it is recorded as posted.
    For email, the sending is put on the task queue once the transaction has committed:
    the background worker (``putright db_worker``, ``letters.tasks.send_letter_email``)
    makes the PDF from the frozen HTML and sends the email (plain text, the HTML letter,
    the PDF attached) once, and records on the letter when it went, or why it could not
    (``letter_email_send``). Nothing here makes a PDF: the request does not wait for
    WeasyPrint, and the PDF made later from the frozen HTML is the one issuing would have
    made (``letter_pdf_make``). A posted letter's PDF is made the same way when it is
    first needed (to print it, or for the resident or the Ombudsman).

    A stage is done when its letter goes: the acknowledgement letter ends the stage's wait
    for it, and the response letter sends the response, on the letter's date
    (``complaint_letter_sent``, which writes the entry: "Stage 1 response letter sent by
    email to ..."; called as ``letter_sent_write``, as the complaint is locked and the
    person checked here already).

    A resident who needs an accessible format or another language (Code 5.10,
    ``residents.selectors.format_needs``) has the letter held until ``formats_met`` says,
    for each need by its kind, how this letter meets it (``checks.format_problems``); each
    answer is written on the timeline with the letter (``format_met_write``).

    Raises RuleError, writing nothing, with one entry per missing element ("The letter does
    not include the response due date (8 April 2024).") or other problem."""
    return _issue(
        _locked(complaint),
        kind=kind,
        draft=lambda facts: _draft(subject, body_text),
        delivery=delivery,
        by=by,
        send_to=send_to,
        large_print=large_print,
        formats_met=formats_met,
        on=on,
    )


@transaction.atomic
def letter_issue_generated(
    *,
    complaint: Complaint,
    kind: str,
    delivery: str,
    by: User | None,
    send_to: str | None = None,
    large_print: bool = False,
    formats_met: Mapping[str, str] | None = None,
    on: dt.date | None = None,
) -> Letter:
    """Issue the letter of ``kind`` generated from the record (``letter_draft``), unedited:
    the same letter as ``letter_issue`` given the draft, drafted from the record it has
    locked rather than read again. Raises RuleError as ``letter_draft`` and
    ``letter_issue`` do."""
    complaint = _locked(complaint)
    kind = _kind(kind)

    def generated(facts: LetterFacts) -> Draft:
        subject, body = letter_template_source(complaint.landlord, kind)
        draft = draft_from_templates(subject, body, facts)
        return _draft(draft.subject, draft.body_text)

    return _issue(
        complaint,
        kind=kind,
        draft=generated,
        delivery=delivery,
        by=by,
        send_to=send_to,
        large_print=large_print,
        formats_met=formats_met,
        on=on,
    )


def _issue(
    complaint: Complaint,
    *,
    kind: str,
    draft: Callable[[LetterFacts], Draft],
    delivery: str,
    by: User | None,
    send_to: str | None,
    large_print: bool,
    formats_met: Mapping[str, str] | None,
    on: dt.date | None,
) -> Letter:
    """``letter_issue`` on the ``complaint`` it has locked, with the letter its ``draft``
    makes from the record's facts: the HTML frozen and its SHA-256 on the timeline entry,
    no PDF made; an emailed letter queued for the worker once the transaction commits."""
    require_can_act(by, complaint.landlord, complaint)
    kind = _kind(kind)
    problems: dict[str, str] = {}
    if delivery not in Delivery.values():
        problems["delivery"] = "Choose whether to send the letter by email or by post."
    on = on or today()
    if on > today():
        problems["on"] = "The date of the letter cannot be in the future."
    if problems:
        raise RuleError(problems)
    _require_fits(complaint, kind)

    facts = letter_facts(complaint, kind, on=on)
    drafted = draft(facts)
    problems = letter_problems(facts, drafted) | sign_off_problem(drafted.body_text)
    sent_to, recipient_problems = _sent_to(complaint, delivery, send_to)
    problems |= recipient_problems
    needs = format_needs(complaint.resident_id)
    met = formats_met or {}
    problems |= format_problems(needs, met)
    if problems:
        raise RuleError(problems)

    html = render_html(
        drafted,
        complaint.landlord,
        complaint,
        large_print=large_print,
        dated=on,
        signatory=signatory_for(by),
    )
    html_digest = hashlib.sha256(html.encode()).hexdigest()
    event = letter_sent_write(
        opened=complaint,
        stage_number=facts.stage,
        completes=LETTER_COMPLETES.get(kind),
        letter=kind.label,
        delivery=delivery,
        sent_to=sent_to,
        subject=drafted.subject,
        on=on,
        by=by,
        detail={
            "letter_kind": kind.value,
            "subject": drafted.subject,
            "delivery": delivery,
            "sent_to": sent_to,
            "large_print": large_print,
            "html_sha256": html_digest,
        },
    )
    letter = Letter(
        landlord_id=complaint.landlord_id,
        complaint=complaint,
        stage=facts.stage,
        kind=kind,
        subject=drafted.subject,
        body_text=drafted.body_text,
        html=html,
        large_print=large_print,
        issued_on=on,
        issued_by=by if by is not None and by.is_authenticated else None,
        delivery=delivery,
        sent_to=sent_to,
        event=event,
    )
    letter.save()
    if needs:
        format_met_write(
            opened=complaint,
            needs=needs,
            met=met,
            on=on,
            by=by,
            what=f"the {kind.label.lower()} letter",
        )
    if kind == LetterKind.EXTENSION and facts.stage is not None:
        # The letter carries the Ombudsman's details: given with the extension (Code 6.5).
        extension_letter_issued(complaint=complaint, stage=facts.stage)
    if delivery == Delivery.EMAIL:
        transaction.on_commit(partial(_queue_email, letter.pk))
    return letter


def _queue_email(letter_id: int) -> None:
    """After commit: put the letter's email on the task queue (``putright db_worker``
    sends it)."""
    from putright.letters.tasks import send_letter_email

    send_letter_email.enqueue(letter_id)


def _pdf_store(letter: Letter, pdf: bytes) -> None:
    """Keep ``pdf`` as the letter's PDF, named by its SHA-256 (on ``letter``, not saved).
    The same bytes are kept once: a PDF made again from the same HTML is not stored twice."""
    letter.sha256 = hashlib.sha256(pdf).hexdigest()
    name = letter_pdf_path(letter, "")
    storage = letter.pdf.storage
    if storage.exists(name):
        letter.pdf.name = name
    else:
        letter.pdf.save(name, ContentFile(pdf), save=False)


def letter_pdf_removed(letter: Letter) -> bool:
    """Whether the retention policy has removed the letter's PDF and words for good
    (``putright.letters.retention``): there is nothing to make a PDF from."""
    return not letter.pdf and letter.html == REMOVED


def letter_pdf_make(*, letter: Letter) -> bytes:
    """The issued letter's PDF (domain.md §5), as the resident has it or will have it.

    Made here from the letter's frozen HTML the first time anyone needs it (for an emailed
    letter, the background worker before it sends the email; for a posted one, staff
    printing it, the resident's download, the Ombudsman's bundle), then kept with its
    SHA-256 and never made again (``Letter.objects.pdf_record``). The HTML was frozen at
    issue, and WeasyPrint lays the same HTML out to the same bytes, so the PDF is the one
    issuing would have made. No timeline entry: nothing happened to the complaint.
    Under a lock on the letter, so two first downloads at once make it once. Not for a
    letter whose PDF the retention policy removed (``letter_pdf_removed``)."""
    if letter_pdf_removed(letter):
        raise ValueError(f"Letter {letter.pk}'s PDF was removed under the retention policy.")
    if not letter.sha256:
        with transaction.atomic():
            stored = Letter.objects.select_for_update().get(pk=letter.pk)
            if not stored.sha256:
                _pdf_store(stored, render_pdf(stored.html))
                Letter.objects.pdf_record(
                    pk=stored.pk, name=str(stored.pdf.name), sha256=stored.sha256
                )
            letter.sha256, letter.pdf.name = stored.sha256, stored.pdf.name
    with letter.pdf.open("rb") as pdf:
        content: bytes = pdf.read()
    return content


def letter_email(letter: Letter) -> EmailMultiAlternatives:
    """The email of an issued letter: the text, the frozen HTML letter, the PDF attached.
    Sent from the service's address, with replies going to the landlord."""
    complaint = letter.complaint
    landlord = letter.landlord
    draft = Draft(letter.subject, letter.body_text)
    message = EmailMultiAlternatives(
        subject=f"{letter.subject} ({complaint.reference})",
        body=text_for_email(
            draft,
            signatory_for(letter.issued_by),
            landlord.name,
            complaint.reference,
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[letter.sent_to],
        reply_to=[landlord.email] if landlord.email else None,
    )
    message.attach_alternative(letter.html, "text/html")
    message.attach(
        f"{complaint.reference}-{letter.kind.replace('_', '-')}.pdf",
        letter_pdf_make(letter=letter),
        "application/pdf",
    )
    return message


#: After a mail error that may pass (the mail server busy, unreachable or timing out), the
#: worker tries the email again after each of these waits, then gives up.
EMAIL_RETRY_AFTER = (
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=30),
    dt.timedelta(hours=2),
)


def _may_pass(error: Exception) -> bool:
    """Whether a mail error is worth trying again: the server's temporary refusals (4xx)
    and a connection that failed or timed out; not a permanent refusal (5xx), a refused
    address, or a fault in the letter."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return bool(error.recipients) and all(
            400 <= code < 500 for code, _ in error.recipients.values()
        )
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return True
    return isinstance(error, OSError) and not isinstance(error, smtplib.SMTPException)


def letter_email_send(*, letter_id: int, attempt: int = 1) -> str:
    """The background worker's part of issuing a letter by email
    (``letters.tasks.send_letter_email``): make its PDF from the frozen HTML
    (``letter_pdf_make``), send the email, and record on the letter when it went
    (``Letter.emailed_at``). Returns what happened, for the task's result.

    Sent once: a letter recorded as sent is left alone, and the sending is done under a
    lock on the letter, so a task run twice (a retry, a second worker) does not send it
    again. A mail error that may pass is tried again after ``EMAIL_RETRY_AFTER``, the
    letter showing the reason meanwhile; any other failure, or the last try, is recorded
    on the letter (``email_failed_at``), logged and noted on the timeline, so staff see
    that the resident has not had it. The issued letter stands either way, and the
    timeline entry written when it was issued is never changed."""
    letter = (
        Letter.objects.select_related("complaint__landlord", "landlord", "issued_by")
        .filter(pk=letter_id)
        .first()
    )
    if letter is None:
        return "skipped: the letter no longer exists"
    if letter.delivery != Delivery.EMAIL:
        return "skipped: not an emailed letter"
    if letter.emailed_at is not None:
        return "skipped: already sent"
    if letter_pdf_removed(letter):
        return "skipped: the letter was removed under the retention policy"
    letter_pdf_make(letter=letter)  # kept once, outside the lock held while sending
    failed: Exception | None = None
    with transaction.atomic():
        sent_at = (
            Letter.objects.select_for_update()
            .filter(pk=letter_id)
            .values_list("emailed_at", flat=True)
            .first()
        )
        if sent_at is not None:
            return "skipped: already sent"
        try:
            letter_email(letter).send()
        except Exception as exc:  # any mail failure: the letter is issued, the email is not
            failed = exc
        else:
            Letter.objects.email_sent_record(pk=letter_id, at=timezone.now())
            return f"sent to {letter.sent_to}"
    assert failed is not None
    reason = f"{type(failed).__name__}: {failed}" if str(failed) else type(failed).__name__
    if _may_pass(failed) and attempt <= len(EMAIL_RETRY_AFTER) and _retry(letter_id, attempt):
        logger.warning("Letter %s could not be emailed (try %s): %s", letter_id, attempt, reason)
        Letter.objects.email_failed_record(pk=letter_id, failure=reason, at=None)
        return f"not sent, to be tried again: {reason}"
    logger.error("Letter %s could not be emailed", letter_id, exc_info=failed)
    with transaction.atomic():
        Letter.objects.email_failed_record(pk=letter_id, failure=reason, at=timezone.now())
        event_write(
            complaint=letter.complaint,
            kind=EventKind.NOTE,
            stage=letter.stage,
            occurred_on=today(),
            by=None,
            summary=(
                f"The {LetterKind(letter.kind).label.lower()} letter was issued but the "
                f"email to {letter.sent_to} could not be sent ({type(failed).__name__}). "
                "Send it again or post it."
            ),
            detail={"letter": letter.pk, "error": str(failed)[:500]},
        )
    return f"failed: {reason}"


@transaction.atomic
def letter_email_again(*, letter: Letter, by: User | None) -> Letter:
    """Send an emailed letter again after the worker gave up on it ("Not sent" on the case
    page): the letter is waiting to go once more, the worker sends it once the
    transaction commits (``letter_email_send``), and the timeline says who asked. The
    letter as issued, its address and its timeline entry stay as they were; to change the
    address, post it or issue it again. Raises RuleError, changing nothing, for a letter
    that was posted, has been sent, is waiting to go already, or whose words the retention
    policy removed."""
    complaint = letter.complaint
    require_can_act(by, complaint.landlord, complaint)
    letter = Letter.objects.select_for_update().select_related("complaint").get(pk=letter.pk)
    if letter.delivery != Delivery.EMAIL:
        raise RuleError({"letter": "This letter was posted, not emailed."})
    if letter.emailed_at is not None:
        sent_on = timezone.localdate(letter.emailed_at)
        raise RuleError({"letter": f"This letter was emailed on {sent_on:%-d %B %Y} already."})
    if letter.email_failed_at is None:
        raise RuleError({"letter": "This letter is waiting to be emailed already."})
    if letter_pdf_removed(letter):
        raise RuleError({"letter": "This letter's words were removed under the retention policy."})
    Letter.objects.email_failed_record(pk=letter.pk, failure="", at=None)
    label = LetterKind(letter.kind).label.lower()
    event_write(
        complaint=letter.complaint,
        kind=EventKind.NOTE,
        stage=letter.stage,
        occurred_on=today(),
        by=by,
        summary=f"The {label} letter is to be emailed to {letter.sent_to} again.",
        detail={"letter": letter.pk, "email_again": True},
    )
    transaction.on_commit(partial(_queue_email, letter.pk))
    letter.refresh_from_db()
    return letter


def letter_emails_lost(*, waited: dt.timedelta, now: dt.datetime | None = None) -> list[int]:
    """The letters issued by email more than ``waited`` ago that are neither sent nor
    failed, and that no task on the queue will send (none ready, waiting to retry or
    running): a process stopped between the issue's commit and the queueing
    (``putright send_letter_emails`` sends them). Oldest first."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from putright.letters.tasks import send_letter_email

    now = now or timezone.now()
    waiting = list(
        Letter.objects.filter(
            delivery=Delivery.EMAIL,
            emailed_at__isnull=True,
            email_failed_at__isnull=True,
            created_at__lt=now - waited,
        )
        .exclude(html=REMOVED)
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)
    )
    if not waiting:
        return []
    # A task running for longer than ``waited`` had its worker stopped under it.
    pending = (
        DBTaskResult.objects.filter(task_path=send_letter_email.module_path)
        .filter(
            Q(status=TaskResultStatus.READY)
            | Q(status=TaskResultStatus.RUNNING, started_at__gte=now - waited)
        )
        .values_list("args_kwargs", flat=True)
    )
    queued = {int(a["args"][0]) for a in pending if a.get("args")}
    return [pk for pk in waiting if pk not in queued]


def _retry(letter_id: int, attempt: int) -> bool:
    """Queue the next try of a letter's email after its wait, if the task backend can
    defer (the database backend can). Whether it was queued."""
    from putright.letters.tasks import send_letter_email

    if not send_letter_email.get_backend().supports_defer:
        return False
    when = timezone.now() + EMAIL_RETRY_AFTER[attempt - 1]
    send_letter_email.using(run_after=when).enqueue(letter_id, attempt + 1)
    return True
