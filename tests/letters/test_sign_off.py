"""Who signs a letter (issue 12, item 10): the person who sends it, not the stage's
handler; the complaints team when the system or an integration sends it. Every letter is
signed once, below its text: a sign-off typed at the end of the text, or of a landlord's
template, would sign it twice, and is refused."""

from __future__ import annotations

import pytest
from django.core import mail

from putright.api.keys import api_key_issue
from putright.landlords.models import Role
from putright.letters import services
from putright.letters.kinds import LetterKind
from putright.letters.models import Letter
from putright.rules.lifecycle import RuleError
from tests import factories
from tests.letters import records
from tests.tasks import run_queued

pytestmark = pytest.mark.django_db

ACK1 = LetterKind.ACKNOWLEDGEMENT_STAGE1


def _draft(complaint):
    return services.letter_draft(complaint=complaint, kind=ACK1, on=records.LETTER_DATE)


def _issue(complaint, by, **overrides) -> Letter:
    draft = _draft(complaint)
    arguments = {
        "complaint": complaint,
        "kind": ACK1,
        "subject": draft.subject,
        "body_text": draft.body_text,
        "delivery": "email",
        "by": by,
        "on": records.LETTER_DATE,
    } | overrides
    return services.letter_issue(**arguments)


def _sign_off(html: str) -> str:
    return html[html.index('<div class="sign-off">') : html.index("</main>")]


def test_the_letter_is_signed_by_the_person_who_sends_it_not_the_stages_handler(
    django_capture_on_commit_callbacks,
):
    complaint = records.stage1_acknowledged()  # handled by Priya Shah
    sender = factories.user(
        landlord=complaint.landlord, role=Role.OFFICER, first_name="Sam", last_name="Patel"
    )

    with django_capture_on_commit_callbacks(execute=True):
        letter = _issue(complaint, sender)
    run_queued()  # the background worker sends it

    sign_off = _sign_off(letter.html)
    assert "Sam Patel" in sign_off
    assert "Priya Shah" not in sign_off
    assert "Yours sincerely\n\nSam Patel\n" in mail.outbox[0].body
    assert "Priya Shah" not in mail.outbox[0].body


def test_the_preview_is_signed_by_whoever_will_send_it():
    complaint = records.stage1_acknowledged()
    sender = factories.user(
        landlord=complaint.landlord, role=Role.OFFICER, first_name="Sam", last_name="Patel"
    )

    html = services.letter_preview(complaint=complaint, kind=ACK1, sender=sender)

    assert "Sam Patel" in _sign_off(html)


def test_the_complaints_team_signs_what_the_system_or_an_integration_sends():
    complaint = records.stage1_acknowledged()
    integration = api_key_issue(landlord=complaint.landlord, name="Housing CRM", can_write=True)

    by_system = _issue(complaint, None)
    by_integration = services.letter_preview(
        complaint=complaint, kind=ACK1, sender=integration.api_key.user
    )

    assert "Complaints team" in _sign_off(by_system.html)
    assert "Complaints team" in _sign_off(by_integration)
    assert "API" not in _sign_off(by_integration)


def test_a_sign_off_typed_at_the_end_of_the_letter_is_refused_as_signing_it_twice():
    complaint = records.stage1_acknowledged()
    body = _draft(complaint).body_text + "\n\nYours sincerely,\n\nPriya Shah\nComplaints team"

    problems = services.letter_check(
        complaint=complaint,
        kind=ACK1,
        subject="We have received your complaint",
        body_text=body,
        on=records.LETTER_DATE,
    )
    with pytest.raises(RuleError) as refused:
        _issue(complaint, None, body_text=body)

    assert "signed twice" in problems["body_text"]
    assert "signed twice" in refused.value.problems["body_text"]
    assert not Letter.objects.exists()


def test_a_template_that_signs_the_letter_itself_is_refused():
    landlord = records.landlord()
    source_subject, source_body = services.letter_template_source(landlord, ACK1)

    with pytest.raises(RuleError) as refused:
        services.letter_template_save(
            landlord=landlord,
            kind=ACK1,
            subject=source_subject,
            body=source_body + "\nKind regards\n\n{{ landlord.name }}\n",
            by=None,
        )

    assert "signed twice" in refused.value.problems["body"]
