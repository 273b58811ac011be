"""The lifecycle of a stage whose decision is recorded and whose letter is still to send,
and the remedies a response letter gives itself (issue 12, items 3 to 5; pure rules)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from putright.rules.codes import Kind, RemedyKind
from putright.rules.lifecycle import (
    Command,
    RuleError,
    Situation,
    StageStatus,
    State,
    allowed_commands,
    require_allowed,
)
from putright.rules.remedies import resident_wording

DECIDED = Situation(Kind.COMPLAINT, State.STAGE1, StageStatus.ACKNOWLEDGED, response_decided=True)
ACKNOWLEDGED = Situation(Kind.COMPLAINT, State.STAGE1, StageStatus.ACKNOWLEDGED)


def test_a_decided_stage_can_be_corrected_reallocated_or_withdrawn_and_nothing_else():
    assert allowed_commands(DECIDED) == {
        Command.CORRECT_RESPONSE,
        Command.ALLOCATE,
        Command.WITHDRAW,
        Command.ADD_NOTE,
        Command.ATTACH,
    }
    assert Command.CORRECT_RESPONSE not in allowed_commands(ACKNOWLEDGED)
    assert Command.RESPOND in allowed_commands(ACKNOWLEDGED)


@pytest.mark.parametrize("command", [Command.RESPOND, Command.EXTEND, Command.DEFINE])
def test_a_decided_stage_says_why_the_decision_cannot_be_made_again(command):
    with pytest.raises(RuleError, match="issue the response letter"):
        require_allowed(DECIDED, command)


def test_apologies_acknowledgements_and_explanations_are_given_in_the_letter():
    given = {kind for kind in RemedyKind if kind.delivered_in_letter}
    assert given == {RemedyKind.APOLOGY, RemedyKind.ACKNOWLEDGEMENT, RemedyKind.EXPLANATION}


def test_a_remedy_is_worded_for_the_resident_by_its_kind():
    assert resident_wording("apology") == "We are sorry for what went wrong."
    assert (
        resident_wording("financial", Decimal("1250.5"), "distress_inconvenience")
        == "We will pay you £1,250.50 for the distress and inconvenience this caused you."
    )
    assert resident_wording("financial") == "We will pay you."
    for kind in RemedyKind:
        words = resident_wording(kind.value, Decimal("10"), "goodwill")
        assert words.startswith("We ") and words.endswith(".")
