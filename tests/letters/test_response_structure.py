"""Wording for the resident (issue 12, item 4): a response letter is checked on its
structure, not on the record's internal words copied into it. Each point under its own
heading with its decision and reasons, the reasons under "Why", a line for each remedy under
"put things right" with its date and amount, a line for each action with its date, and the
way to escalate: reworded, a letter still passes; with one of them gone, it fails, naming
it."""

from __future__ import annotations

import re

import pytest

from putright.complaints.models import StagePoint
from putright.letters import services
from putright.letters.kinds import LetterKind
from putright.letters.render import text_to_html
from putright.letters.structure import blocks, sections
from putright.letters.wording import sentence
from putright.rules.lifecycle import RuleError
from tests.letters import records

pytestmark = pytest.mark.django_db

KIND = LetterKind.STAGE1_RESPONSE


def _drafted():
    complaint = records.stage1_decided()
    draft = services.letter_draft(complaint=complaint, kind=KIND, on=records.LETTER_DATE)
    return complaint, draft


def _check(complaint, body: str) -> dict[str, str]:
    return services.letter_check(
        complaint=complaint, kind=KIND, subject="Our response", body_text=body
    )


def test_the_letter_tells_the_resident_what_the_form_said_for_them_not_the_internal_note():
    _, draft = _drafted()
    assert "We are sorry that we booked your boiler repair so late." in draft.body_text
    assert "We will pay you £150 for your time and trouble." in draft.body_text
    # The handler's notes on the remedies stay on the record.
    assert "Apologise for the late repair booking" not in draft.body_text
    assert "Compensation for time and trouble" not in draft.body_text


def test_a_letter_worded_differently_from_the_record_can_be_issued():
    complaint, draft = _drafted()
    reworded = (
        draft.body_text.replace(
            "We are sorry that we booked your boiler repair so late.",
            "I want to say sorry, on behalf of all of us, for the late booking of your repair.",
        )
        .replace(
            "We will pay you £150 for your time and trouble. We will do this by 8 May 2024.",
            "To make up for the time this took, £150 will be paid into your rent account "
            "before 8 May 2024.",
        )
        .replace(
            "Our records show the repair was booked 3 weeks late.",
            "When we checked, the repair had been booked three weeks after you called.",
        )
        .replace("Replace the boiler. We will do this by", "Fit a new boiler, no later than")
    )
    assert reworded != draft.body_text
    assert _check(complaint, reworded) == {}
    letter = services.letter_issue(
        complaint=complaint,
        kind=KIND,
        subject=draft.subject,
        body_text=reworded,
        delivery="post",
        by=None,
        on=records.LETTER_DATE,
    )
    assert "before 8 May 2024" in letter.body_text


def test_a_letter_without_a_remedy_cannot_be_issued_and_the_remedy_is_named():
    complaint, draft = _drafted()
    without = draft.body_text.replace(
        "- We will pay you £150 for your time and trouble. We will do this by 8 May 2024.\n", ""
    )
    assert _check(complaint, without) == {
        "remedies": "The letter does not include each remedy with its date (remedy 2: "
        "financial remedy, £150, by 8 May 2024)."
    }
    with pytest.raises(RuleError) as refused:
        services.letter_issue(
            complaint=complaint,
            kind=KIND,
            subject=draft.subject,
            body_text=without,
            delivery="post",
            by=None,
            on=records.LETTER_DATE,
        )
    assert set(refused.value.problems) == {"remedies"}


def test_a_remedy_line_without_its_date_or_amount_does_not_count():
    complaint, draft = _drafted()
    no_date = draft.body_text.replace("We will do this by 8 May 2024.", "We will do this soon.")
    assert (
        "remedy 2: financial remedy, £150, by 8 May 2024" in _check(complaint, no_date)["remedies"]
    )
    no_amount = draft.body_text.replace("We will pay you £150 for", "We will pay you for")
    assert set(_check(complaint, no_amount)) == {"remedies"}


def test_the_remedy_the_letter_gives_needs_its_own_line():
    complaint, draft = _drafted()
    without = draft.body_text.replace(
        "- We are sorry that we booked your boiler repair so late.\n", ""
    )
    assert _check(complaint, without) == {
        "remedies": "The letter does not include each remedy with its date (remedy 1: "
        "apology, given in the letter)."
    }


def test_remedies_are_looked_for_under_their_heading():
    complaint, draft = _drafted()
    moved = draft.body_text.replace(
        "## What we will do to put things right", "## Some other things"
    )
    assert (
        'a section headed "What we will do to put things right"'
        in _check(complaint, moved)["remedies"]
    )


def test_each_point_needs_its_heading_its_decision_and_its_reasons():
    complaint = records.stage1_decided()
    StagePoint.objects.filter(stage__complaint=complaint, number=1).update(
        finding="We booked the repair three weeks after you first called us."
    )
    draft = services.letter_draft(complaint=complaint, kind=KIND, on=records.LETTER_DATE)
    text = draft.body_text
    assert _check(complaint, text) == {}
    no_heading = text.replace("### Point 2: ", "### ")
    assert _check(complaint, no_heading) == {
        "point_decisions": "The letter does not include each point with its decision and "
        'reasons (point 2: a heading "Point 2" with the decision on it).'
    }
    wrong_decision = text.replace("Our decision: partly upheld.", "Our decision: upheld.")
    assert (
        'point 2: its decision, "partly upheld"'
        in _check(complaint, wrong_decision)["point_decisions"]
    )
    no_reasons = text.replace("We booked the repair three weeks after you first called us.", "")
    assert (
        "point 1: the reasons for the decision on it"
        in _check(complaint, no_reasons)["point_decisions"]
    )


def test_the_reasons_are_looked_for_under_a_why_heading():
    complaint, draft = _drafted()
    reworded = draft.body_text.replace(
        "## Why we made this decision", "## The reasons for our decision"
    )
    assert _check(complaint, reworded) == {}
    gone = re.sub(
        r"## Why we made this decision\n\n.*?\n\n## What we will do",
        "## What we will do",
        draft.body_text,
        flags=re.DOTALL,
    )
    assert set(_check(complaint, gone)) == {"reasons"}


def test_the_way_to_stage_2_is_still_required():
    complaint, draft = _drafted()
    without = draft.body_text.replace("stage 2", "the next stage")
    assert "how_to_escalate" in _check(complaint, without)


def test_no_punctuation_glitches_in_the_remedies_and_actions():
    """The letters went out as "bid., by 7 December 2026" and "… .: £100"."""
    _, draft = _drafted()
    assert not re.search(r"[.!?][,:;]", draft.body_text)
    assert ". ." not in draft.body_text
    assert sentence("Apologise for not telling her the outcome of her bid.") == (
        "Apologise for not telling her the outcome of her bid."
    )
    assert sentence("  pay £100 compensation, ") == "pay £100 compensation."
    assert sentence('She said "thank you."') == 'She said "thank you."'


def test_points_are_headings_under_the_decision_in_the_letter():
    _, draft = _drafted()
    html = text_to_html(draft.body_text)
    assert "<h3>Point 1: The boiler has not worked since January</h3>" in html
    found = {s.heading for s in sections(blocks(draft.body_text))}
    assert {"Our decision on each point", "Why we made this decision"} <= found
