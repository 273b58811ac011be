"""Accessible formats and languages (issue 17, item 5; Code 5.10): a letter to a resident
who needs one is held until staff say how this letter meets it, and the case records how,
when and by whom."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from putright.complaints import services as complaint_services
from putright.complaints.models import Complaint, Event, EventKind
from putright.letters import services
from putright.letters.checks import format_problems
from putright.letters.kinds import LetterKind
from putright.letters.models import Letter
from putright.residents.models import FORMAT_KINDS, ReasonableAdjustment
from putright.residents.selectors import FormatNeed, format_needs
from putright.rules.lifecycle import RuleError
from tests.letters import records

pytestmark = pytest.mark.django_db

ACK1 = LetterKind.ACKNOWLEDGEMENT_STAGE1
Kind = ReasonableAdjustment.Kind


def _need(complaint: Complaint, kind: str, details: str = "", **fields) -> ReasonableAdjustment:
    return ReasonableAdjustment.objects.create(
        resident=complaint.resident,
        kind=kind,
        details=details,
        agreed_on=records.RECEIVED,
        review_due_on=records.RECEIVED + dt.timedelta(days=180),
        **fields,
    )


def _issue(complaint: Complaint, **overrides) -> Letter:
    draft = services.letter_draft(complaint=complaint, kind=ACK1, on=records.LETTER_DATE)
    arguments = {
        "complaint": complaint,
        "kind": ACK1,
        "subject": draft.subject,
        "body_text": draft.body_text,
        "delivery": "post",
        "by": None,
        "on": records.LETTER_DATE,
    } | overrides
    return services.letter_issue(**arguments)


def test_a_letter_to_a_resident_who_needs_braille_is_held_until_staff_say_how():
    complaint = records.stage1_acknowledged()
    _need(complaint, Kind.BRAILLE)

    with pytest.raises(RuleError) as held:
        _issue(complaint)

    assert held.value.problems == {
        "format_braille": "The resident needs Braille: say how you are meeting this need for "
        "this letter."
    }
    assert not Letter.objects.filter(complaint=complaint).exists()
    assert not Event.objects.filter(complaint=complaint, kind=EventKind.FORMAT_MET).exists()


def test_each_need_is_held_on_its_own_and_the_language_is_named():
    complaint = records.stage1_acknowledged()
    _need(complaint, Kind.LANGUAGE, "Polish")
    _need(complaint, Kind.LARGE_PRINT)

    with pytest.raises(RuleError) as held:
        _issue(complaint, formats_met={"large_print": "Printed at 18 point."})

    assert held.value.problems == {
        "format_language": "The resident needs A language other than English: Polish: say how "
        "you are meeting this need for this letter."
    }


def test_the_case_records_which_format_how_when_and_by_whom():
    complaint = records.stage1_acknowledged()
    handler = complaint.stage(1).handler
    _need(complaint, Kind.LANGUAGE, "Polish")
    _need(complaint, Kind.AUDIO)

    letter = _issue(
        complaint,
        by=handler,
        formats_met={
            "language": "Translated into Polish by Lingo Ltd, sent with the English letter.",
            "audio": "Recorded on CD and posted.",
        },
    )

    entries = Event.objects.filter(complaint=complaint, kind=EventKind.FORMAT_MET).order_by("id")
    assert [(e.summary, e.occurred_on, e.actor) for e in entries] == [
        (
            "Audio provided for the stage 1 acknowledgement letter: Recorded on CD and posted.",
            records.LETTER_DATE,
            handler,
        ),
        (
            "A language other than English: Polish provided for the stage 1 acknowledgement "
            "letter: Translated into Polish by Lingo Ltd, sent with the English letter.",
            records.LETTER_DATE,
            handler,
        ),
    ]
    assert entries[1].detail["format"] == "language"
    assert entries[1].detail["details"] == "Polish"
    assert letter.event_id < entries[0].pk


def test_an_ended_adjustment_no_longer_holds_a_letter():
    complaint = records.stage1_acknowledged()
    _need(complaint, Kind.BRAILLE, ended_on=records.RECEIVED)

    letter = _issue(complaint)

    assert letter.pk is not None
    assert not Event.objects.filter(complaint=complaint, kind=EventKind.FORMAT_MET).exists()


def test_a_bsl_interpreter_at_a_meeting_is_recorded_on_the_case():
    complaint = records.stage1_acknowledged()
    _need(complaint, Kind.BSL)

    event = complaint_services.complaint_format_met(
        complaint=complaint,
        kind="bsl",
        how="Interpreter booked through SignLive and present.",
        what="the meeting on 3 December",
        by=None,
    )

    assert event.summary == (
        "British Sign Language provided for the meeting on 3 December: Interpreter booked "
        "through SignLive and present."
    )


def test_a_format_the_resident_does_not_need_cannot_be_recorded():
    complaint = records.stage1_acknowledged()

    with pytest.raises(RuleError) as refused:
        complaint_services.complaint_format_met(
            complaint=complaint, kind="braille", how="Sent", what="a call", by=None
        )

    assert refused.value.problems == {
        "kind": "Choose one of the formats or languages the resident needs."
    }


def test_a_language_adjustment_needs_the_language():
    from putright.residents import services as resident_services

    complaint = records.stage1_acknowledged()
    with pytest.raises(RuleError) as refused:
        resident_services.adjustment_agree(
            resident=complaint.resident,
            kind="language",
            agreed_on=records.RECEIVED,
            review_due_on=records.RECEIVED + dt.timedelta(days=90),
            by=None,
        )
    assert refused.value.problems == {
        "details": "Enter the language the resident needs, such as Polish."
    }


def test_format_needs_come_in_the_order_of_the_formats_once_each():
    complaint = records.stage1_acknowledged()
    _need(complaint, Kind.AUDIO)
    _need(complaint, Kind.LARGE_PRINT, "24 point")
    _need(complaint, Kind.LARGE_PRINT, "18 point")
    _need(complaint, Kind.SUPPORT_PERSON)

    assert format_needs(complaint.resident_id) == [
        FormatNeed("large_print", "Large print", "24 point"),
        FormatNeed("audio", "Audio", ""),
    ]


@given(
    needed=st.sets(st.sampled_from(FORMAT_KINDS)),
    answered=st.dictionaries(
        st.sampled_from(FORMAT_KINDS), st.text(max_size=20).filter(lambda t: t.strip())
    ),
)
def test_the_check_holds_exactly_the_needs_without_an_answer(needed, answered):
    needs = [FormatNeed(kind, Kind(kind).label, "") for kind in needed]

    problems = format_problems(needs, answered)

    assert set(problems) == {f"format_{kind}" for kind in needed - set(answered)}
