"""Issuing a letter: only at the right moment, frozen as HTML on the timeline, and, by
email, queued once the transaction has committed for the background worker, which makes
the PDF and sends it once (domain.md §5)."""

from __future__ import annotations

import datetime as dt
import hashlib
import smtplib
import subprocess

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from putright.complaints import services as complaint_services
from putright.complaints.models import AppendOnlyError, Complaint, Event
from putright.landlords.models import Role
from putright.letters import services
from putright.letters.kinds import LetterKind
from putright.letters.models import Letter
from putright.letters.render import render_pdf
from putright.letters.tasks import send_letter_email
from putright.rules.lifecycle import RuleError
from tests import factories
from tests.letters import records
from tests.tasks import run_queued

pytestmark = pytest.mark.django_db

ACK1 = LetterKind.ACKNOWLEDGEMENT_STAGE1
UPDATE = LetterKind.UPDATE


def _issue(complaint: Complaint, kind: LetterKind = ACK1, **overrides) -> Letter:
    draft = services.letter_draft(complaint=complaint, kind=kind, on=records.LETTER_DATE)
    arguments = {
        "complaint": complaint,
        "kind": kind,
        "subject": draft.subject,
        "body_text": draft.body_text,
        "delivery": "post",
        "by": None,
        "on": records.LETTER_DATE,
    } | overrides
    return services.letter_issue(**arguments)


def _pdf_text(letter: Letter, tmp_path) -> str:
    path = tmp_path / "letter.pdf"
    path.write_bytes(services.letter_pdf_make(letter=letter))
    result = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    )
    return " ".join(result.stdout.split())


# Only at the right moment ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("builder", "available"),
    [
        (records.logged, {UPDATE}),
        (records.stage1_acknowledged, {ACK1, UPDATE}),
        (records.stage1_extended, {ACK1, LetterKind.EXTENSION, UPDATE}),
        (records.stage1_decided, {LetterKind.STAGE1_RESPONSE, UPDATE}),
        # Its letter sent the stage 1 response: it is not sent again.
        (records.stage2_acknowledged, {LetterKind.ACKNOWLEDGEMENT_STAGE2, UPDATE}),
        (records.stage2_decided, {LetterKind.STAGE2_RESPONSE, UPDATE}),
        (records.not_accepted, {LetterKind.NOT_ACCEPTED, UPDATE}),
        (records.escalation_refused, {LetterKind.ESCALATION_REFUSED, UPDATE}),
    ],
)
def test_each_letter_fits_only_its_moment(builder, available):
    complaint = builder()
    assert set(services.kinds_available(complaint)) == available
    for kind in set(LetterKind) - available:
        with pytest.raises(RuleError) as refused:
            services.letter_issue(
                complaint=complaint,
                kind=kind,
                subject="A letter",
                body_text="Some text.",
                delivery="post",
                by=None,
                on=records.LETTER_DATE,
            )
        assert refused.value.code == "not_allowed_now"
        assert set(refused.value.problems) == {"kind"}
    assert not Letter.objects.exists()


def test_a_stage1_response_letter_waits_for_the_response():
    complaint = records.stage1_acknowledged()
    with pytest.raises(RuleError, match="once the stage 1 decision is recorded"):
        services.letter_draft(complaint=complaint, kind=LetterKind.STAGE1_RESPONSE)


def test_a_withdrawn_complaint_gets_no_acknowledgement_letter():
    complaint = records.stage1_acknowledged()
    complaint_services.complaint_withdraw(
        complaint=complaint, requested_by="The resident", by=None, on=records.LETTER_DATE
    )
    # Only an update: the resident can still be written to about the withdrawal.
    assert services.kinds_available(Complaint.objects.get(pk=complaint.pk)) == (UPDATE,)


def test_letters_are_for_complaints_not_service_requests():
    record = records.logged()
    complaint_services.complaint_triage(
        complaint=record, decision="service_request", by=None, on=records.RECEIVED
    )
    with pytest.raises(RuleError, match="not service requests"):
        services.letter_draft(complaint=record, kind=ACK1)


# Frozen on the timeline -----------------------------------------------------------------


def test_issuing_by_post_freezes_the_letter_on_the_timeline(tmp_path):
    complaint = records.stage1_acknowledged()
    version = complaint.version
    letter = _issue(complaint)

    assert letter.kind == ACK1 and letter.stage == 1
    assert letter.delivery == "post"
    assert letter.sent_to == "Amina Okafor\nFlat 4, Willow Court\n12 Mill Lane\nExampleton\nEX2 3BB"
    assert letter.issued_on == records.LETTER_DATE
    assert letter.event.kind == "letter"
    assert letter.event.stage == 1
    assert letter.event.occurred_on == records.LETTER_DATE
    assert letter.event.summary.startswith(
        "Stage 1 acknowledgement letter sent by post to Amina Okafor"
    )
    assert letter.event.detail["html_sha256"] == hashlib.sha256(letter.html.encode()).hexdigest()
    assert "18 April 2024" in letter.html
    assert Complaint.objects.get(pk=complaint.pk).version == version + 1
    assert mail.outbox == []


def test_the_pdf_is_a_real_a4_pdf_carrying_the_reference_and_due_date(tmp_path):
    complaint = records.stage1_acknowledged()
    letter = _issue(complaint)
    content = services.letter_pdf_make(letter=letter)
    assert content.startswith(b"%PDF-")
    assert hashlib.sha256(content).hexdigest() == letter.sha256
    assert letter.pdf.name == (
        f"letters/{complaint.landlord_id}/{complaint.pk}/{letter.sha256}.pdf"
    )
    text = _pdf_text(letter, tmp_path)
    assert complaint.reference in text
    assert "18 April 2024" in text
    assert "Page 1 of" in text
    info = subprocess.run(
        ["pdfinfo", letter.pdf.path], capture_output=True, text=True, check=True
    ).stdout
    assert "595.276 x 841.89 pts (A4)" in info


def test_large_print_is_18pt(tmp_path):
    letter = _issue(records.stage1_acknowledged(), large_print=True)
    assert letter.large_print
    assert "font-size: 18pt" in letter.html
    assert "18 April 2024" in _pdf_text(letter, tmp_path)


def test_the_issued_letter_never_changes_when_the_template_later_does(tmp_path):
    complaint = records.stage1_acknowledged()
    letter = _issue(complaint)
    services.letter_pdf_make(letter=letter)
    frozen = (letter.subject, letter.body_text, letter.html, letter.sha256)

    body = services.letter_template_source(complaint.landlord, ACK1)[1]
    services.letter_template_save(
        landlord=complaint.landlord,
        kind=ACK1,
        subject="Your complaint: what happens next",
        body="Hello.\n\n" + body,
        by=None,
    )
    redrafted = services.letter_draft(complaint=complaint, kind=ACK1)
    assert redrafted.subject == "Your complaint: what happens next"

    letter = Letter.objects.get(pk=letter.pk)
    assert (letter.subject, letter.body_text, letter.html, letter.sha256) == frozen
    with letter.pdf.open("rb") as pdf:
        assert hashlib.sha256(pdf.read()).hexdigest() == frozen[3]


def test_a_posted_letters_pdf_is_made_from_its_frozen_html_when_first_needed_then_kept(
    monkeypatch,
):
    """Issued by post, a letter has no PDF until someone needs one (to print it, the
    resident, the Ombudsman's bundle): then it is made from the HTML frozen at issue, kept
    with its SHA-256, and never made again."""
    complaint = records.stage1_acknowledged()
    letter = _issue(complaint)
    assert (letter.sha256, letter.pdf.name) == ("", "")
    assert "sha256" not in letter.event.detail

    content = services.letter_pdf_make(letter=Letter.objects.get(pk=letter.pk))

    stored = Letter.objects.get(pk=letter.pk)
    assert stored.sha256 == hashlib.sha256(content).hexdigest()
    with stored.pdf.open("rb") as pdf:
        assert pdf.read() == content

    def render_again(html: str) -> bytes:
        raise AssertionError("a letter's PDF is made once")

    monkeypatch.setattr(services, "render_pdf", render_again)
    assert services.letter_pdf_make(letter=letter) == content  # a stale copy of the letter
    assert services.letter_pdf_make(letter=Letter.objects.get(pk=letter.pk)) == content


def test_an_emailed_letters_pdf_is_made_by_the_worker_from_the_frozen_html(
    monkeypatch, django_capture_on_commit_callbacks
):
    """Issuing by email makes no PDF in the request: the timeline entry carries the frozen
    HTML's SHA-256, and the worker makes the PDF from that HTML before it sends it. The same
    frozen HTML makes the same bytes, so it is the PDF issuing would have made."""

    def not_in_the_request(html: str) -> bytes:
        raise AssertionError("the PDF is made by the worker")

    with monkeypatch.context() as patch, django_capture_on_commit_callbacks(execute=True):
        patch.setattr(services, "render_pdf", not_in_the_request)
        emailed = _issue(records.stage1_acknowledged(), delivery="email")
    assert (emailed.sha256, emailed.pdf.name) == ("", "")
    assert "sha256" not in emailed.event.detail
    assert emailed.event.detail["html_sha256"] == hashlib.sha256(emailed.html.encode()).hexdigest()

    run_queued()
    emailed = Letter.objects.get(pk=emailed.pk)
    assert emailed.sha256
    with emailed.pdf.open("rb") as pdf:
        assert render_pdf(emailed.html) == pdf.read()
    assert Event.objects.get(pk=emailed.event_id).detail == emailed.event.detail


def test_a_recorded_pdf_is_never_replaced():
    letter = _issue(records.stage1_acknowledged())
    services.letter_pdf_make(letter=letter)
    assert Letter.objects.pdf_record(pk=letter.pk, name="letters/other.pdf", sha256="0" * 64) == 0
    assert Letter.objects.get(pk=letter.pk).sha256 == letter.sha256


def test_an_issued_letter_cannot_be_changed_or_deleted():
    letter = _issue(records.stage1_acknowledged())
    letter.subject = "Something else"
    with pytest.raises(AppendOnlyError):
        letter.save()
    with pytest.raises(AppendOnlyError):
        letter.delete()
    with pytest.raises(AppendOnlyError):
        Letter.objects.filter(pk=letter.pk).update(subject="x")
    with pytest.raises(AppendOnlyError):
        Letter.objects.filter(pk=letter.pk).delete()


def test_staff_edits_are_issued_as_edited():
    complaint = records.stage1_acknowledged()
    draft = services.letter_draft(complaint=complaint, kind=ACK1)
    edited = draft.body_text.replace(
        "If we have misunderstood",
        "We have also asked the repairs team to call you.\r\n\r\nIf we have misunderstood",
    )
    letter = _issue(complaint, body_text=edited)
    assert "We have also asked the repairs team to call you.\n\nIf we" in letter.body_text
    assert "<p>We have also asked the repairs team to call you.</p>" in letter.html


# Who may issue ----------------------------------------------------------------------------


def test_a_viewer_cannot_issue_a_letter():
    complaint = records.stage1_acknowledged()
    viewer = factories.user(landlord=complaint.landlord, role=Role.VIEWER)
    with pytest.raises(PermissionDenied):
        _issue(complaint, by=viewer)
    assert not Letter.objects.exists()


def test_the_issuer_is_recorded():
    complaint = records.stage1_acknowledged()
    officer = factories.user(landlord=complaint.landlord, role=Role.OFFICER)
    letter = _issue(complaint, by=officer)
    assert letter.issued_by == officer
    assert letter.event.actor == officer


def test_a_letter_cannot_be_dated_in_the_future():
    complaint = records.stage1_acknowledged()
    with pytest.raises(RuleError) as refused:
        _issue(complaint, on=dt.date.today() + dt.timedelta(days=2))
    assert set(refused.value.problems) == {"on"}


# By email, queued after commit, sent by the worker once ------------------------------------


def test_email_is_queued_after_commit_and_sent_by_the_worker_with_the_pdf(
    django_capture_on_commit_callbacks,
):
    complaint = records.stage1_acknowledged()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        letter = _issue(complaint, delivery="email")
    assert len(callbacks) == 1
    assert run_queued() == []  # nothing queued before the commit

    callbacks[0]()
    assert mail.outbox == []  # queued, not sent: the worker sends it
    assert Letter.objects.get(pk=letter.pk).email_status == "waiting"
    assert run_queued() == [
        ("putright.letters.tasks.send_letter_email", "sent to amina.okafor@example.org")
    ]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["amina.okafor@example.org"]
    assert message.reply_to == ["complaints@riverside-homes.example"]
    assert message.subject == f"We have received your complaint ({complaint.reference})"
    assert "We will send you our stage 1 response by 18 April 2024." in message.body
    assert "## " not in message.body
    assert message.alternatives[0] == (letter.html, "text/html")
    name, content, mimetype = message.attachments[0]
    assert mimetype == "application/pdf"
    assert name == f"{complaint.reference}-acknowledgement-stage1.pdf"
    letter = Letter.objects.get(pk=letter.pk)
    assert hashlib.sha256(content).hexdigest() == letter.sha256
    assert letter.email_status == "sent"
    assert letter.emailed_at is not None
    assert letter.sent_to == "amina.okafor@example.org"
    assert letter.event.summary.startswith(
        "Stage 1 acknowledgement letter sent by email to amina.okafor@example.org"
    )


def test_an_emailed_letter_is_sent_once_however_often_its_task_runs(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        letter = _issue(records.stage1_acknowledged(), delivery="email")
    send_letter_email.enqueue(letter.pk)  # queued twice, as a retry or a second worker might
    assert [result for _, result in run_queued()] == [
        "sent to amina.okafor@example.org",
        "skipped: already sent",
    ]
    sent_at = Letter.objects.get(pk=letter.pk).emailed_at
    assert services.letter_email_send(letter_id=letter.pk) == "skipped: already sent"
    assert len(mail.outbox) == 1
    assert Letter.objects.get(pk=letter.pk).emailed_at == sent_at


def test_a_posted_letter_is_never_emailed():
    letter = _issue(records.stage1_acknowledged())
    assert letter.email_status == ""
    assert services.letter_email_send(letter_id=letter.pk) == "skipped: not an emailed letter"
    assert mail.outbox == []


def test_nothing_is_sent_when_the_transaction_fails(django_capture_on_commit_callbacks):
    complaint = records.stage1_acknowledged()

    class Boom(Exception):
        pass

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(Boom),
        transaction.atomic(),
    ):
        _issue(complaint, delivery="email")
        raise Boom
    assert callbacks == []
    assert run_queued() == []
    assert mail.outbox == []
    assert not Letter.objects.exists()


def test_email_goes_to_a_representative_with_consent(django_capture_on_commit_callbacks):
    ll = records.landlord()
    person = records.resident(ll)
    complaint = records.stage1_acknowledged(
        ll, resident=person, representative=records.representative(person)
    )
    with django_capture_on_commit_callbacks(execute=True):
        _issue(complaint, delivery="email")
    run_queued()
    assert mail.outbox[0].to == ["jo@advocacy.example"]


def test_email_goes_to_the_resident_while_consent_is_awaited(django_capture_on_commit_callbacks):
    ll = records.landlord()
    person = records.resident(ll)
    complaint = records.stage1_acknowledged(
        ll, resident=person, representative=records.representative(person, consent=False)
    )
    with django_capture_on_commit_callbacks(execute=True):
        _issue(complaint, delivery="email")
    run_queued()
    assert mail.outbox[0].to == ["amina.okafor@example.org"]


def test_an_email_address_can_be_given(django_capture_on_commit_callbacks):
    complaint = records.stage1_acknowledged()
    with django_capture_on_commit_callbacks(execute=True):
        _issue(complaint, delivery="email", send_to="amina@work.example")
    run_queued()
    assert mail.outbox[0].to == ["amina@work.example"]


def test_no_address_to_send_to_is_a_clear_problem():
    ll = records.landlord()
    complaint = records.stage1_acknowledged(ll, resident=records.resident(ll, email=""))
    with pytest.raises(RuleError) as refused:
        _issue(complaint, delivery="email")
    assert refused.value.problems == {
        "send_to": "There is no email address for the resident. Enter one, or send the letter "
        "by post."
    }
    with pytest.raises(RuleError) as refused:
        _issue(complaint, delivery="email", send_to="not an address")
    assert set(refused.value.problems) == {"send_to"}
    assert not Letter.objects.exists()


class RefusingBackend(BaseEmailBackend):
    """A mail server that refuses the address for good (550)."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPRecipientsRefused({"amina.okafor@example.org": (550, b"No such user")})


class FailingBackend(BaseEmailBackend):
    """A mail server that cannot be reached (an error that may pass)."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server down")


class FailingOnceBackend(BaseEmailBackend):
    tries = 0

    def send_messages(self, email_messages):
        FailingOnceBackend.tries += 1
        if FailingOnceBackend.tries == 1:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        mail.outbox.extend(email_messages)
        return len(email_messages)


def test_a_refused_email_is_noted_on_the_timeline_and_on_the_letter(
    settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    complaint = records.stage1_acknowledged()
    with django_capture_on_commit_callbacks(execute=True):
        letter = _issue(complaint, delivery="email")
    events = list(Event.objects.filter(complaint=complaint).values_list("pk", "summary", "detail"))

    [(_, result)] = run_queued()
    assert result.startswith("failed: SMTPRecipientsRefused")
    assert run_queued() == []  # not tried again: the address was refused for good
    stored = Letter.objects.get(pk=letter.pk)
    assert stored.email_status == "failed"
    assert stored.email_failed_at is not None
    assert stored.email_failure.startswith("SMTPRecipientsRefused")
    note = Event.objects.filter(complaint=complaint, kind="note").latest("id")
    assert "could not be sent (SMTPRecipientsRefused)" in note.summary
    assert note.detail["letter"] == letter.pk
    # A new entry; the ones before, the letter's own among them, are as they were.
    assert (
        list(
            Event.objects.filter(complaint=complaint)
            .exclude(pk=note.pk)
            .values_list("pk", "summary", "detail")
        )
        == events
    )


def test_the_retention_policy_removes_why_an_email_failed_and_nothing_is_sent_after(
    settings, django_capture_on_commit_callbacks, today
):
    from putright.letters.retention import letters_anonymise
    from putright.rules.retention import REMOVED

    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    complaint = records.stage1_acknowledged()
    with django_capture_on_commit_callbacks(execute=True):
        refused = _issue(complaint, delivery="email")
        waiting = _issue(complaint, UPDATE, delivery="email")
    send_letter_email.call(refused.pk)
    assert "amina.okafor@example.org" in Letter.objects.get(pk=refused.pk).email_failure

    letters_anonymise(sender=None, complaint=complaint, on=today)
    assert Letter.objects.get(pk=refused.pk).email_failure == REMOVED
    assert Letter.objects.get(pk=waiting.pk).email_failure == ""
    assert services.letter_email_send(letter_id=waiting.pk) == (
        "skipped: the letter was removed under the retention policy"
    )


def test_an_email_that_may_get_through_later_is_tried_again_then_given_up(
    settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    complaint = records.stage1_acknowledged()
    with django_capture_on_commit_callbacks(execute=True):
        letter = _issue(complaint, delivery="email")

    from django_tasks_db.models import DBTaskResult

    results = []
    for _ in services.EMAIL_RETRY_AFTER:
        [(_, result)] = run_queued()
        results.append(result)
        stored = Letter.objects.get(pk=letter.pk)
        assert stored.email_status == "waiting"
        assert stored.email_failure == "ConnectionRefusedError: mail server down"
        assert not Event.objects.filter(complaint=complaint, kind="note").exists()
        assert DBTaskResult.objects.get().run_after is not None  # the next try, later
    assert results == ["not sent, to be tried again: ConnectionRefusedError: mail server down"] * 3

    assert run_queued() == [
        (
            "putright.letters.tasks.send_letter_email",
            "failed: ConnectionRefusedError: mail server down",
        )
    ]
    assert run_queued() == []
    assert Letter.objects.get(pk=letter.pk).email_status == "failed"
    note = Event.objects.get(complaint=complaint, kind="note")
    assert "could not be sent (ConnectionRefusedError)" in note.summary


def test_an_email_tried_again_after_a_dropped_connection_is_sent_once(
    settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.FailingOnceBackend"
    FailingOnceBackend.tries = 0
    with django_capture_on_commit_callbacks(execute=True):
        letter = _issue(records.stage1_acknowledged(), delivery="email")
    assert [r for _, r in run_queued()] == [
        "not sent, to be tried again: SMTPServerDisconnected: Connection unexpectedly closed"
    ]
    assert [r for _, r in run_queued()] == ["sent to amina.okafor@example.org"]
    stored = Letter.objects.get(pk=letter.pk)
    assert (stored.email_status, stored.email_failure) == ("sent", "")
    assert services.letter_email_send(letter_id=letter.pk, attempt=3) == "skipped: already sent"
    assert len(mail.outbox) == 1 and FailingOnceBackend.tries == 2


# Preview ------------------------------------------------------------------------------------


def test_preview_writes_nothing():
    complaint = records.stage1_acknowledged()
    events = Event.objects.count()
    html = services.letter_preview(complaint=complaint, kind=ACK1, on=records.LETTER_DATE)
    assert '<html lang="en-GB">' in html
    assert "18 April 2024" in html
    assert "3 June 2024" in html
    assert Event.objects.count() == events
    assert not Letter.objects.exists()


def test_preview_shows_the_edited_text():
    complaint = records.stage1_acknowledged()
    html = services.letter_preview(
        complaint=complaint, kind=ACK1, subject="Edited subject", body_text="Edited <body>."
    )
    assert "<h1>Edited subject</h1>" in html
    assert "<p>Edited &lt;body&gt;.</p>" in html


def test_large_print_is_offered_when_agreed_as_an_adjustment():
    from putright.residents.models import ReasonableAdjustment

    complaint = records.stage1_acknowledged()
    assert not services.wants_large_print(complaint)
    ReasonableAdjustment.objects.create(
        resident=complaint.resident,
        kind="large_print",
        agreed_on=records.RECEIVED,
        review_due_on=dt.date(2025, 3, 29),
    )
    assert services.wants_large_print(complaint)


def test_a_landlord_without_contact_details_cannot_say_how_to_escalate():
    complaint = records.stage1_decided(records.landlord(phone="", email="", address="", website=""))
    draft = services.letter_draft(complaint=complaint, kind=LetterKind.STAGE1_RESPONSE)
    problems = services.letter_check(
        complaint=complaint,
        kind=LetterKind.STAGE1_RESPONSE,
        subject=draft.subject,
        body_text=draft.body_text,
    )
    assert problems == {
        "how_to_escalate": "The letter cannot include how to escalate to stage 2: add the "
        "landlord's phone number, email address, website or postal address to its settings."
    }


def test_the_ombudsman_details_are_given_when_the_extension_letter_is_issued():
    # Code 6.5 / 6.16: the letter carries them, so they are given with it, not before.
    complaint = records.stage1_extended()
    extension = complaint.stage(1).extensions.get()
    assert extension.ombudsman_details_given is False
    _issue(complaint, LetterKind.EXTENSION)
    extension.refresh_from_db()
    assert extension.ombudsman_details_given is True


def test_issuing_a_response_letter_reads_the_complaint_once_and_checks_the_person_once():
    complaint = records.stage1_decided()
    officer = factories.user(landlord=complaint.landlord, role=Role.OFFICER)
    draft = services.letter_draft(
        complaint=complaint, kind=LetterKind.STAGE1_RESPONSE, on=records.LETTER_DATE
    )
    with CaptureQueriesContext(connection) as queries:
        services.letter_issue(
            complaint=complaint,
            kind=LetterKind.STAGE1_RESPONSE,
            subject=draft.subject,
            body_text=draft.body_text,
            delivery="post",
            by=officer,
            on=records.LETTER_DATE,
        )
    sql = [q["sql"] for q in queries.captured_queries]
    # The letter's own lock and read; the response is then sent on that same record.
    assert sum(s.startswith('SELECT "complaints_complaint"."id"') for s in sql) == 1
    assert sum('FROM "landlords_staffmembership"' in s for s in sql) == 1
    stored = Complaint.objects.get(pk=complaint.pk)
    assert stored.state == "stage1_closed"
    assert stored.version == complaint.version + 1
    assert Event.objects.filter(complaint=complaint, kind="responded").count() == 1


# Issuing the letter generated from the record, unedited ---------------------------------


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (records.stage1_decided, LetterKind.STAGE1_RESPONSE),
        (records.stage2_decided, LetterKind.STAGE2_RESPONSE),
        (records.stage1_acknowledged, ACK1),
    ],
)
def test_the_generated_letter_is_issued_as_the_draft_would_be(make, kind):
    """``letter_issue_generated`` drafts from the record it locks: the same subject, words,
    HTML and timeline entry as drafting first and issuing the draft, on an identical
    record."""
    landlord = records.landlord()
    drafted_first = _issue(make(landlord), kind)
    generated = services.letter_issue_generated(
        complaint=make(landlord), kind=kind, delivery="post", by=None, on=records.LETTER_DATE
    )

    def same(letter: Letter, text: str) -> str:
        return text.replace(letter.complaint.reference, "REF")

    assert generated.kind == kind
    assert generated.subject == drafted_first.subject
    assert same(generated, generated.body_text) == same(drafted_first, drafted_first.body_text)
    assert same(generated, generated.html) == same(drafted_first, drafted_first.html)
    assert generated.event.summary == drafted_first.event.summary
    assert Letter.objects.filter(complaint=generated.complaint).count() == 1


def test_the_generated_letter_is_refused_when_it_does_not_fit_the_record():
    complaint = records.stage1_acknowledged()
    with pytest.raises(RuleError) as refused:
        services.letter_issue_generated(
            complaint=complaint,
            kind=LetterKind.STAGE1_RESPONSE,
            delivery="post",
            by=None,
            on=records.LETTER_DATE,
        )
    assert set(refused.value.problems) == {"kind"}
    assert not Letter.objects.filter(complaint=complaint).exists()
