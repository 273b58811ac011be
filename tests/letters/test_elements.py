"""The required elements of each letter (domain.md §5), checked on the text as a pure
function of the facts: no database here."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from putright.letters.defaults import DEFAULTS
from putright.letters.elements import (
    ELEMENTS,
    contains,
    missing_elements,
    normalise,
    required_elements,
)
from putright.letters.facts import LetterFacts, sample_facts
from putright.letters.kinds import LetterKind
from putright.letters.render import Draft, draft_from_templates
from tests.letters.edits import remove_all


def _names(kind: LetterKind) -> set[str]:
    return {e.name for e in ELEMENTS[kind]}


def _default_draft(kind: LetterKind) -> tuple[LetterFacts, Draft]:
    facts = sample_facts(kind)
    default = DEFAULTS[kind]
    return facts, draft_from_templates(default.subject, default.body, facts)


def test_acknowledgement_elements_are_the_definition_due_date_and_ombudsman():
    """Code 5.6: points, outcomes, responsibility, the due date, the Ombudsman's details."""
    expected = {
        "the points of the complaint",
        "the outcomes the resident wants",
        "what the landlord is and is not responsible for",
        "the response due date",
        "the Housing Ombudsman's contact details",
    }
    assert _names(LetterKind.ACKNOWLEDGEMENT_STAGE1) == expected
    assert _names(LetterKind.ACKNOWLEDGEMENT_STAGE2) == expected | {
        "why the resident asked for stage 2",
        "what was resolved at stage 1",
    }


def test_extension_elements_are_the_new_date_the_reason_and_the_ombudsman():
    assert _names(LetterKind.EXTENSION) == {
        "the new response date",
        "the reason for the extension",
        "the Housing Ombudsman's contact details",
    }


def test_stage_responses_carry_code_6_9_a_to_g():
    common = {
        "which stage this response is",
        "each point with its decision and reasons",
        "the outcomes the resident wants",
        "the decision",
        "the reasons for the decision",
        "each remedy with its date",
        "outstanding actions with dates",
    }
    assert _names(LetterKind.STAGE1_RESPONSE) == common | {"how to escalate to stage 2"}
    assert _names(LetterKind.STAGE2_RESPONSE) == common | {
        "how to take the complaint to the Housing Ombudsman"
    }


def test_refusals_carry_the_reasons_and_the_right_to_go_to_the_ombudsman():
    for kind in (LetterKind.NOT_ACCEPTED, LetterKind.ESCALATION_REFUSED):
        assert "the right to take this decision to the Housing Ombudsman" in _names(kind)
        assert any(name.startswith("the reasons") for name in _names(kind))


@pytest.mark.parametrize("kind", list(LetterKind))
def test_every_default_letter_carries_every_element_of_a_full_record(kind):
    facts, draft = _default_draft(kind)
    assert required_elements(facts) == ELEMENTS[kind]
    assert missing_elements(facts, draft.text) == {}


def test_a_missing_due_date_is_named_with_the_date_as_written():
    facts, draft = _default_draft(LetterKind.ACKNOWLEDGEMENT_STAGE1)
    text = draft.text.replace("19 April 2024", "soon")
    assert missing_elements(facts, text) == {
        "response_due_date": "The letter does not include the response due date (19 April 2024)."
    }


def test_the_ombudsman_can_be_reached_by_phone_or_website():
    facts, draft = _default_draft(LetterKind.EXTENSION)
    no_phone = remove_all(draft.text, ("0300 111 3000",))
    assert missing_elements(facts, no_phone) == {}
    neither = remove_all(no_phone, ("housing-ombudsman.org.uk",))
    assert missing_elements(facts, neither) == {
        "ombudsman_contact": "The letter does not include the Housing Ombudsman's contact "
        "details (0300 111 3000 or housing-ombudsman.org.uk)."
    }


def test_every_missing_point_is_listed_in_one_message():
    facts, draft = _default_draft(LetterKind.ACKNOWLEDGEMENT_STAGE1)
    text = remove_all(draft.text, tuple(p.summary for p in facts.points))
    problems = missing_elements(facts, text)
    assert list(problems) == ["definition_points"]
    assert 'point 1: "The boiler has not worked since January"' in problems["definition_points"]
    assert 'point 2: "Nobody called back when promised"' in problems["definition_points"]


def test_no_remedy_and_no_action_means_neither_is_required():
    facts, _ = _default_draft(LetterKind.STAGE1_RESPONSE)
    bare = LetterFacts(**{**_fields(facts), "remedies": (), "actions": ()})
    keys = {e.key for e in required_elements(bare)}
    assert "remedies" not in keys
    assert "outstanding_actions" not in keys


def test_an_unknown_escalation_reason_is_not_required():
    """Code 6.12: the resident need not say why they escalated."""
    facts, _ = _default_draft(LetterKind.ACKNOWLEDGEMENT_STAGE2)
    silent = LetterFacts(
        **{**_fields(facts), "escalation_reason_sentence": "", "escalation_reason_words": ""}
    )
    assert "escalation_reason" not in {e.key for e in required_elements(silent)}


def test_the_record_must_hold_what_the_letter_must_say():
    facts, draft = _default_draft(LetterKind.STAGE1_RESPONSE)
    empty = LetterFacts(**{**_fields(facts), "reasons": "", "points": ()})
    problems = missing_elements(empty, draft.text)
    assert problems["reasons"] == (
        "The letter cannot include the reasons for the decision: record the reasons in the "
        "stage response first."
    )
    assert problems["point_decisions"] == (
        "The letter cannot include each point with its decision and reasons: define the "
        "complaint: write the points it is about."
    )


def test_matching_ignores_case_line_breaks_quotes_and_spaces_in_numbers():
    assert contains("Call us on\n0300\u00a0111 3000.", "0300 111 3000")
    assert contains("Call us on 03001113000.", "0300 111 3000")
    assert contains("THE GAS NETWORK\u2019S\nresponsibility", "the gas network's responsibility.")
    assert not contains("We will reply by 8 April", "8 April 2024")
    assert normalise("  A\t\tB \n C ") == "a b c"


def _fields(facts: LetterFacts) -> dict[str, object]:
    return {name: getattr(facts, name) for name in LetterFacts.__slots__}


def _needles(kind: LetterKind) -> list[tuple[str, tuple[str, ...]]]:
    facts = sample_facts(kind)
    return [(e.key, n.any_of) for e in ELEMENTS[kind] for n in e.needles(facts)]


@pytest.mark.parametrize(
    ("kind", "key", "phrases"),
    [(kind, key, phrases) for kind in LetterKind for key, phrases in _needles(kind)],
)
def test_cutting_one_required_phrase_names_exactly_its_element(kind, key, phrases):
    facts, draft = _default_draft(kind)
    problems = missing_elements(facts, remove_all(draft.text, phrases))
    # The decision's words are also the decision on a point: cut, both go.
    shares_words = any(phrase in p.decision for phrase in phrases for p in facts.points)
    also = {"point_decisions"} if key == "decision" and shares_words else set()
    assert set(problems) == {key} | also


_line_breaks = st.lists(st.integers(min_value=0), max_size=5)
_insertions = st.lists(
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=80), max_size=5
)


@settings(max_examples=60, deadline=None)
@given(kind=st.sampled_from(list(LetterKind)), insertions=_insertions, at=_line_breaks)
def test_adding_text_between_lines_keeps_every_element(kind, insertions, at):
    facts, draft = _default_draft(kind)
    lines = draft.body_text.split("\n")
    for text, where in zip(insertions, at, strict=False):
        lines.insert(where % (len(lines) + 1), text.replace("\n", " "))
    edited = Draft(draft.subject, "\n".join(lines))
    assert missing_elements(facts, edited.text) == {}


def _wrappable(words: list[str], body: str) -> list[int]:
    """The spaces that rewrapping may turn into line breaks: inside a paragraph's line, and
    not before a word that would start a heading or a list item. A heading or an item is a
    line of its own (``structure.py``): breaking it changes what the letter says."""
    spaces, offset = [], 0
    for i, word in enumerate(words[:-1]):
        offset += len(word)
        line = body[:offset].rsplit("\n", 1)[-1].lstrip()
        following = words[i + 1]
        if not line.startswith(("#", "-")) and not following.startswith(("#", "-")):
            spaces.append(i)
        offset += 1
    return spaces


@settings(max_examples=60, deadline=None)
@given(kind=st.sampled_from(list(LetterKind)), data=st.data())
def test_rewrapping_and_changing_case_keeps_every_element(kind, data):
    facts, draft = _default_draft(kind)
    words = draft.body_text.split(" ")
    wrappable = _wrappable(words, draft.body_text)
    breaks = data.draw(st.sets(st.sampled_from(wrappable), max_size=20))
    rewrapped = "".join(
        w + ("\n" if i in breaks else " " if i < len(words) - 1 else "")
        for i, w in enumerate(words)
    )
    upper = data.draw(st.booleans())
    edited = Draft(draft.subject, rewrapped.upper() if upper else rewrapped)
    assert missing_elements(facts, edited.text) == {}
