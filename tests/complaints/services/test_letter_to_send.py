"""A stage is done when its letter goes (issue 12, item 3; Code 6.2, 6.9, 6.19).

Acknowledging, or recording the response's decision, leaves the stage with its letter to
send: still open, still due, on the timeline as what it is ("Stage 1 decision recorded").
The response counts as sent on the date its letter goes, which is the date timeliness is
counted from; the letter also completes the remedies it gives itself. A recorded response
can be corrected until then, as a new entry beside the first."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from putright.complaints import services
from putright.complaints.models import Complaint, Event, EventKind, Remedy
from putright.rules.lifecycle import Command, LetterOwed, RuleError, allowed_commands
from tests import factories

pytestmark = pytest.mark.django_db

RECEIVED = dt.date(2024, 6, 3)  # Monday
ACKNOWLEDGED = dt.date(2024, 6, 4)  # stage 1 response due 18 June 2024
DECIDED = dt.date(2024, 6, 14)


def _acknowledged(**fields) -> Complaint:
    return factories.stage1_acknowledged(
        factories.landlord(), received_on=RECEIVED, on=ACKNOWLEDGED, **fields
    )


def _decided(c: Complaint | None = None, **fields) -> Complaint:
    c = c or _acknowledged()
    services.complaint_respond(
        complaint=c,
        outcome="upheld",
        reasons="The repair was booked three weeks late.",
        point_outcomes=["upheld"],
        point_findings=["We booked the repair three weeks after you told us."],
        remedies=[
            services.RemedyInput(
                kind="apology",
                description="Apologise for not telling Ms Morgan the outcome of her bid",
                resident_wording="We are sorry that we did not tell you the outcome of your bid.",
            ),
            services.RemedyInput(
                kind="financial",
                description="Time and trouble",
                due_on=dt.date(2024, 7, 1),
                amount=Decimal("100"),
                compensation_reason="time_trouble",
            ),
        ],
        by=None,
        on=DECIDED,
        **fields,
    )
    return Complaint.objects.get(pk=c.pk)


def test_acknowledging_leaves_the_acknowledgement_letter_to_send():
    c = _acknowledged()
    stage = c.stage(1)
    assert stage.letter_owed == LetterOwed.ACKNOWLEDGEMENT
    assert "The acknowledgement letter is still to send." in (
        Event.objects.filter(complaint=c, kind=EventKind.ACKNOWLEDGED).get().summary
    )


def test_the_acknowledgement_letter_ends_the_wait_for_it():
    c = _acknowledged()
    services.complaint_letter_sent(
        complaint=c,
        stage_number=1,
        completes=LetterOwed.ACKNOWLEDGEMENT,
        letter="Stage 1 acknowledgement",
        delivery="email",
        sent_to="amina@example.org",
        subject="We have received your complaint",
        on=ACKNOWLEDGED,
        by=None,
    )
    c = Complaint.objects.get(pk=c.pk)
    assert c.stage(1).letter_owed == ""
    entry = Event.objects.filter(complaint=c).latest("id")
    assert (entry.kind, entry.summary) == (
        EventKind.LETTER,
        "Stage 1 acknowledgement letter sent by email to amina@example.org: "
        "We have received your complaint",
    )


def test_recording_the_decision_leaves_the_stage_open_and_due_with_its_letter_to_send():
    c = _decided()
    stage = c.stage(1)
    assert (c.state, stage.status) == ("stage1", "acknowledged")
    assert (stage.decided_on, stage.responded_on) == (DECIDED, None)
    assert stage.letter_owed == LetterOwed.RESPONSE
    # Still due by the response date: the work queue and reminders keep it.
    assert c.next_due_on == stage.response_due_extended == dt.date(2024, 6, 18)
    entry = Event.objects.filter(complaint=c).latest("id")
    assert entry.kind == EventKind.DECIDED
    assert entry.get_kind_display() == "Decision recorded"
    assert entry.summary == (
        "Stage 1 decision recorded: upheld. The stage 1 response letter is still to send."
    )
    assert not Event.objects.filter(complaint=c, kind=EventKind.RESPONDED).exists()


def test_once_decided_the_decision_is_corrected_not_made_again():
    c = _decided()
    allowed = allowed_commands(c.situation())
    assert Command.CORRECT_RESPONSE in allowed
    assert not allowed & {Command.RESPOND, Command.EXTEND, Command.DEFINE}
    with pytest.raises(RuleError, match="correct the response if it is wrong"):
        _decided(c)
    with pytest.raises(RuleError, match="after a stage 1 response"):
        services.complaint_request_escalation(complaint=c, requested_on=DECIDED, by=None)


def test_the_response_is_sent_on_the_date_its_letter_goes():
    c = _decided()
    sent_on = dt.date(2024, 6, 17)
    entry = factories.response_letter_sent(c, on=sent_on, delivery="email")
    c = Complaint.objects.get(pk=c.pk)
    stage = c.stage(1)
    assert (c.state, stage.status, stage.responded_on) == ("stage1_closed", "responded", sent_on)
    assert (stage.letter_owed, stage.response_letter_sent, c.next_due_on) == ("", True, None)
    assert entry.kind == EventKind.RESPONDED
    assert entry.get_kind_display() == "Response sent"
    assert entry.summary.startswith("Stage 1 response letter sent by email to 1 High Street: ")
    assert "(late)" not in entry.summary


def test_a_letter_sent_after_the_due_date_is_a_late_response_whenever_it_was_decided():
    c = _decided()  # decided in time, on 14 June; due 18 June
    entry = factories.response_letter_sent(c, on=dt.date(2024, 6, 20))
    assert entry.detail["late"] is True
    assert "(late)." in entry.summary
    assert Complaint.objects.get(pk=c.pk).stage(1).responded_on == dt.date(2024, 6, 20)


def test_the_letter_cannot_be_dated_before_the_decision():
    c = _decided()
    with pytest.raises(RuleError, match="before the decision was recorded"):
        factories.response_letter_sent(c, on=DECIDED - dt.timedelta(days=1))


def test_a_response_letter_needs_the_decision_first():
    c = _acknowledged()
    with pytest.raises(RuleError, match="Record the decision"):
        factories.response_letter_sent(c, on=DECIDED)


def test_remedies_the_letter_gives_are_done_when_it_is_issued():
    c = _decided()
    apology = Remedy.objects.get(stage__complaint=c, kind="apology")
    money = Remedy.objects.get(stage__complaint=c, kind="financial")
    # Every remedy has a "by when": the apology is due with the letter.
    assert apology.due_on == dt.date(2024, 6, 18)
    assert apology.done_on is None
    entry = factories.response_letter_sent(c, on=dt.date(2024, 6, 17))
    apology.refresh_from_db()
    money.refresh_from_db()
    assert apology.done_on == dt.date(2024, 6, 17)
    assert apology.evidence == "Given in the stage 1 response letter of 17 June 2024."
    assert money.done_on is None  # paid later, by its own date
    assert entry.summary.endswith("Done with this letter: apology.")


def test_a_later_remedy_is_owned_by_the_handler_unless_someone_is_named():
    landlord = factories.landlord()
    handler = factories.user(landlord=landlord, first_name="Priya", last_name="Shah")
    c = _decided(
        factories.stage1_acknowledged(
            landlord, handler=handler, received_on=RECEIVED, on=ACKNOWLEDGED
        )
    )
    money = Remedy.objects.get(stage__complaint=c, kind="financial")
    assert (money.owner, money.owner_user) == ("Priya Shah", handler)
    apology = Remedy.objects.get(stage__complaint=c, kind="apology")
    assert apology.owner == ""  # the letter gives it


def test_the_resident_wording_is_kept_apart_from_the_internal_note():
    c = _decided()
    apology = Remedy.objects.get(stage__complaint=c, kind="apology")
    assert apology.description == "Apologise for not telling Ms Morgan the outcome of her bid"
    assert apology.resident_wording == (
        "We are sorry that we did not tell you the outcome of your bid."
    )
    # Left empty, the wording is a plain sentence for the kind, never the internal note.
    money = Remedy.objects.get(stage__complaint=c, kind="financial")
    assert money.resident_wording == "We will pay you £100 for your time and trouble."
    point = c.stage(1).points.get()
    assert point.finding == "We booked the repair three weeks after you told us."


def test_a_recorded_response_can_be_corrected_before_its_letter_goes():
    c = _decided()
    first = Event.objects.get(complaint=c, kind=EventKind.DECIDED)
    services.complaint_response_correct(
        complaint=c,
        outcome="partly_upheld",
        reasons="The repair was late, but we did call you back.",
        point_outcomes=["partly_upheld"],
        point_findings=["We booked the repair late, but kept you informed."],
        remedies=[services.RemedyInput(kind="apology")],
        by=None,
    )
    c = Complaint.objects.get(pk=c.pk)
    stage = c.stage(1)
    assert (stage.outcome, stage.reasons) == (
        "partly_upheld",
        "The repair was late, but we did call you back.",
    )
    assert [r.kind for r in stage.remedies.all()] == ["apology"]
    assert stage.letter_owed == LetterOwed.RESPONSE
    correction = Event.objects.filter(complaint=c).latest("id")
    assert correction.kind == EventKind.RESPONSE_CORRECTED
    assert correction.corrects == first
    assert correction.summary == (
        "Stage 1 response corrected before its letter was sent: the decision from upheld to "
        "partly upheld, the reasons, point 1, the remedies."
    )
    # The first entry is kept as it was, with the decision it recorded.
    first.refresh_from_db()
    assert first.detail["outcome"] == "upheld"


def test_a_response_cannot_be_corrected_once_its_letter_has_gone():
    c = _decided()
    factories.response_letter_sent(c, on=dt.date(2024, 6, 17))
    with pytest.raises(RuleError, match="before its letter is sent"):
        services.complaint_response_correct(
            complaint=c,
            outcome="not_upheld",
            reasons="Changed our mind.",
            point_outcomes=["not_upheld"],
            by=None,
        )


def test_a_correction_that_changes_nothing_is_refused():
    c = _acknowledged()
    services.complaint_respond(
        complaint=c, outcome="upheld", reasons="Late.", point_outcomes=["upheld"], by=None
    )
    with pytest.raises(RuleError, match="Nothing is different"):
        services.complaint_response_correct(
            complaint=c, outcome="upheld", reasons="Late.", point_outcomes=["upheld"], by=None
        )
