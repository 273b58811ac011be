"""The update letter (issue 12, item 7): anything else the resident should hear, written
from the record at any time, edited, then issued by email or post and kept on the timeline
like the Code's letters. While a stage is open it tells them when they will have the
response; otherwise nothing has to be in it."""

from __future__ import annotations

import pytest
from django.core import mail

from putright.complaints import services as complaint_services
from putright.complaints.models import Complaint
from putright.letters import services
from putright.letters.elements import required_elements
from putright.letters.facts import letter_facts
from putright.letters.kinds import LetterKind
from putright.letters.wording import long_date
from putright.rules.lifecycle import RuleError
from tests.letters import records
from tests.tasks import run_queued

pytestmark = pytest.mark.django_db

UPDATE = LetterKind.UPDATE


def _draft(complaint: Complaint):
    return services.letter_draft(complaint=complaint, kind=UPDATE, on=records.LETTER_DATE)


@pytest.mark.parametrize(
    ("builder", "progress"),
    [
        (
            records.logged,
            "We are deciding how to deal with your complaint. We will write to you soon.",
        ),
        (
            records.stage1_extended,
            "Your complaint is at stage 1 of our complaints process. We will send you our "
            "stage 1 response by 25 April 2024.",
        ),
        (
            records.stage2_acknowledged,
            "Your complaint is at stage 2 of our complaints process. We will send you our "
            "final response by 4 June 2024.",
        ),
    ],
)
def test_the_update_says_where_the_complaint_is_now(builder, progress):
    draft = _draft(builder())

    assert draft.subject == "An update on your complaint"
    assert progress in draft.body_text
    assert "Please quote your reference" in draft.body_text


def _final_response_sent() -> Complaint:
    """Stage 2 responded to, and the final response letter issued."""
    complaint = records.stage2_decided()
    kind = LetterKind.STAGE2_RESPONSE
    draft = services.letter_draft(complaint=complaint, kind=kind, on=records.LETTER_DATE)
    services.letter_issue(
        complaint=complaint,
        kind=kind,
        subject=draft.subject,
        body_text=draft.body_text,
        delivery="post",
        by=None,
        on=records.LETTER_DATE,
    )
    return Complaint.objects.get(pk=complaint.pk)


def test_after_the_final_response_the_update_says_when_it_was_sent():
    complaint = _final_response_sent()
    sent = complaint.stage(2).responded_on

    draft = _draft(complaint)

    assert f"We sent you our final response on {long_date(sent)}." in draft.body_text


def test_a_withdrawn_complaint_can_still_be_written_to():
    complaint = records.stage1_acknowledged()
    complaint_services.complaint_withdraw(
        complaint=complaint, requested_by="The resident", by=None, on=records.LETTER_DATE
    )

    draft = _draft(Complaint.objects.get(pk=complaint.pk))

    assert "Your complaint was withdrawn on 3 June 2024." in draft.body_text


def test_while_a_stage_is_open_the_update_must_give_the_response_date():
    complaint = records.stage1_extended()
    draft = _draft(complaint)
    body = draft.body_text.replace("25 April 2024", "the end of the month")

    with pytest.raises(RuleError) as refused:
        services.letter_issue(
            complaint=complaint,
            kind=UPDATE,
            subject=draft.subject,
            body_text=body,
            delivery="post",
            by=None,
            on=records.LETTER_DATE,
        )

    assert refused.value.problems == {
        "response_due_date": "The letter does not include the date the resident will have "
        "the response (25 April 2024)."
    }


def test_once_the_response_is_sent_an_update_has_nothing_it_must_say():
    complaint = _final_response_sent()

    assert required_elements(letter_facts(complaint, UPDATE)) == ()
    letter = services.letter_issue(
        complaint=complaint,
        kind=UPDATE,
        subject="The repair is booked",
        body_text="Dear Amina Okafor,\n\nThe engineer will come on 10 June.",
        delivery="post",
        by=None,
        on=records.LETTER_DATE,
    )

    assert letter.kind == "update"
    assert letter.stage == 2
    assert letter.event.summary.startswith("Update letter")
    assert "to Amina Okafor, Flat 4, Willow Court" in letter.event.summary


def test_an_update_is_emailed_and_kept_on_the_timeline(
    settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    complaint = records.stage1_acknowledged()
    draft = _draft(complaint)

    with django_capture_on_commit_callbacks(execute=True):
        letter = services.letter_issue(
            complaint=complaint,
            kind=UPDATE,
            subject=draft.subject,
            body_text=draft.body_text + "\n\nThe engineer will come on 10 April.",
            delivery="email",
            by=None,
            on=records.LETTER_DATE,
        )
    assert mail.outbox == []  # the background worker sends it
    run_queued()

    assert [m.to for m in mail.outbox] == [["amina.okafor@example.org"]]
    assert mail.outbox[0].subject == f"An update on your complaint ({complaint.reference})"

    assert letter.sent_to == "amina.okafor@example.org"
    assert "The engineer will come on 10 April." in letter.html
    assert letter.event.kind == "letter"
    assert letter.event.detail["letter_kind"] == "update"


def test_a_landlords_update_template_must_keep_the_response_date():
    landlord = records.landlord()

    with pytest.raises(RuleError) as refused:
        services.letter_template_save(
            landlord=landlord,
            kind=UPDATE,
            subject="News about your complaint",
            body="Dear {{ resident_name }},\n\nWe are still looking into it.",
            by=None,
        )

    assert set(refused.value.problems) == {"response_due_date"}
