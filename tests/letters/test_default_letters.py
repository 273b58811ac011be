"""Every default letter, drafted from a realistic record built through the services,
carries every required element; and cutting any element from the text blocks issuing,
naming exactly that element (domain.md §5)."""

from __future__ import annotations

import re

import pytest

from putright.complaints.models import Event
from putright.letters import services
from putright.letters.defaults import DEFAULTS
from putright.letters.elements import required_elements
from putright.letters.facts import letter_facts
from putright.letters.kinds import LetterKind
from putright.letters.models import Letter
from putright.rules.lifecycle import RuleError
from tests.letters import records
from tests.letters.edits import remove_all

pytestmark = pytest.mark.django_db

#: What each letter must say about the records in ``records.py``, as the resident reads it.
EXPECTED_PHRASES = {
    LetterKind.ACKNOWLEDGEMENT_STAGE1: [
        "We will send you our stage 1 response by 18 April 2024.",
        "- The boiler has not worked since January",
        "The gas supply to the street, which is the gas network's responsibility",
        "- phone 0300 111 3000",
    ],
    LetterKind.ACKNOWLEDGEMENT_STAGE2: [
        "We will send you our final response by 4 June 2024.",
        "£150 does not cover what I spent on electric heaters.",
        "we decided that your complaint was partly upheld",
        "- We are sorry that we booked your boiler repair so late.",
    ],
    LetterKind.EXTENSION: [
        "We will now send you our response by 25 April 2024.",
        "We are waiting for a report from a heating engineer.",
    ],
    LetterKind.STAGE1_RESPONSE: [
        "Your complaint is partly upheld.",
        "### Point 1: The boiler has not worked since January\n\nOur decision: upheld.",
        "### Point 2: Nobody called you back when we promised\n\nOur decision: partly upheld.",
        "- We are sorry that we booked your boiler repair so late.\n",
        "- We will pay you £150 for your time and trouble. We will do this by 8 May 2024.",
        "- Replace the boiler. We will do this by 10 May 2024.",
        "Please ask by 1 July 2024.",  # 28 days from the letter, which sends the response
        "- phone 01632 960 001",
    ],
    LetterKind.STAGE2_RESPONSE: [
        "This is our stage 2 response to your complaint. It is our final response.",
        "- We will pay you £212.40 to pay back what this cost you. We will do this by 14 "
        "June 2024.",
        "You can now ask the Housing Ombudsman Service to look at your complaint.",
    ],
    LetterKind.NOT_ACCEPTED: [
        "You have started court action about this repair, so the court will decide it.",
        "You can ask the Housing Ombudsman Service to look at our decision.",
    ],
    LetterKind.ESCALATION_REFUSED: [
        "You have since started court action about the boiler.",
        "Our stage 1 response of 24 April 2024 is our answer to your complaint.",
    ],
    LetterKind.UPDATE: [
        "We are writing to update you on your complaint, which we received on 29 March 2024.",
        "Your complaint is at stage 1 of our complaints process. We will send you our stage 1 "
        "response by 25 April 2024.",
        "- phone 01632 960 001",
        "You can contact the Housing Ombudsman Service at any time.",
    ],
}


def _drafted(kind: LetterKind):
    complaint = records.AT_THE_MOMENT_FOR[kind]()
    draft = services.letter_draft(complaint=complaint, kind=kind, on=records.LETTER_DATE)
    return complaint, draft


@pytest.mark.parametrize("kind", list(LetterKind))
def test_default_letter_renders_every_element_from_the_record(kind):
    complaint, draft = _drafted(kind)
    for phrase in EXPECTED_PHRASES[kind]:
        assert phrase in draft.body_text
    assert draft.subject == DEFAULTS[kind].subject
    assert draft.body_text.startswith("Dear Amina Okafor,")
    assert (
        services.letter_check(
            complaint=complaint, kind=kind, subject=draft.subject, body_text=draft.body_text
        )
        == {}
    )


@pytest.mark.parametrize("kind", list(LetterKind))
def test_cutting_any_element_blocks_issuing_and_names_exactly_that_element(kind):
    complaint, draft = _drafted(kind)
    facts = letter_facts(complaint, kind, on=records.LETTER_DATE)
    elements = required_elements(facts)
    assert elements, "every letter has required elements"
    for element in elements:
        for needle in element.needles(facts):
            subject = remove_all(draft.subject, needle.any_of)
            body = remove_all(draft.body_text, needle.any_of)
            with pytest.raises(RuleError) as refused:
                services.letter_issue(
                    complaint=complaint,
                    kind=kind,
                    subject=subject,
                    body_text=body,
                    delivery="post",
                    by=None,
                    on=records.LETTER_DATE,
                )
            # The decision's words are also each point's decision: cut, both go.
            shares_words = any(v in p.decision for v in needle.any_of for p in facts.points)
            also = {"point_decisions"} if element.key == "decision" and shares_words else set()
            assert set(refused.value.problems) == {element.key} | also, needle
            message = refused.value.problems[element.key]
            assert message.startswith(f"The letter does not include {element.name} (")
    assert not Letter.objects.exists()
    assert not Event.objects.filter(kind="letter").exists()


@pytest.mark.parametrize("kind", list(LetterKind))
def test_default_letters_are_in_plain_english(kind):
    """GOV.UK style: dates written out, no "working days" without a date, no legal words,
    short sentences, and "you" and "we"."""
    _, draft = _drafted(kind)
    text = draft.body_text
    assert "working day" not in text.lower()
    assert not re.search(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b", text)
    for word in ("hereby", "herein", "aforementioned", "pursuant", "whilst", "forthwith"):
        assert word not in text.lower()
    assert " you" in text and "We " in text
    sentences = [s for s in re.split(r"(?<=[.!?:])\s+|\n", text) if s.strip()]
    assert max(len(s.split()) for s in sentences) <= 30
