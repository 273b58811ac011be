"""The lifecycle of domain.md §3: which commands each situation allows, and what each
command requires (Code sections 1, 4, 5 and 6)."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest

from putright.rules.codes import Kind, NotAcceptedReason, Outcome
from putright.rules.lifecycle import (
    STATE_LABELS,
    ActionDraft,
    Command,
    Definition,
    PointOutcome,
    RemedyDraft,
    Response,
    RuleError,
    Situation,
    StageStatus,
    State,
    allowed_commands,
    check_acknowledge,
    check_definition,
    check_extension,
    check_not_accepted,
    check_response,
    check_stage2_handler,
    check_withdrawal,
    escalation_outside_window,
    require_allowed,
)

C = Command
S = State
SS = StageStatus

ALWAYS = frozenset({C.ADD_NOTE, C.ATTACH})
OPEN_STAGE = ALWAYS | {C.DEFINE, C.ALLOCATE, C.WITHDRAW}

# The expected table for complaints, written from domain.md §3:
# - triage only when received; notes and attachments always;
# - acknowledge only while the stage is requested (not yet acknowledged);
# - respond only when acknowledged; extend an open stage before its response;
# - escalation only after the stage 1 response;
# - refuse escalation only at stage 2 before acknowledgement;
# - withdraw at any point before a stage's response (received, or a stage still open).
# A stage state whose stage is already over (responded, refused, withdrawn) allows nothing
# but notes and attachments.
COMPLAINT_IN_A_STAGE = {
    (S.STAGE1, None): OPEN_STAGE,
    (S.STAGE1, SS.REQUESTED): OPEN_STAGE | {C.ACKNOWLEDGE, C.EXTEND},
    (S.STAGE1, SS.ACKNOWLEDGED): OPEN_STAGE | {C.EXTEND, C.RESPOND},
    (S.STAGE1, SS.RESPONDED): ALWAYS,
    (S.STAGE1, SS.NOT_ACCEPTED): ALWAYS,
    (S.STAGE1, SS.WITHDRAWN): ALWAYS,
    (S.STAGE2, None): OPEN_STAGE,
    (S.STAGE2, SS.REQUESTED): OPEN_STAGE | {C.ACKNOWLEDGE, C.EXTEND, C.REFUSE_ESCALATION},
    (S.STAGE2, SS.ACKNOWLEDGED): OPEN_STAGE | {C.EXTEND, C.RESPOND},
    (S.STAGE2, SS.RESPONDED): ALWAYS,
    (S.STAGE2, SS.NOT_ACCEPTED): ALWAYS,
    (S.STAGE2, SS.WITHDRAWN): ALWAYS,
}
# Outside a stage the stage status plays no part.
COMPLAINT_OUTSIDE_A_STAGE = {
    S.RECEIVED: ALWAYS | {C.TRIAGE, C.ALLOCATE, C.WITHDRAW},
    S.NOT_ACCEPTED: ALWAYS,
    S.STAGE1_CLOSED: ALWAYS | {C.REQUEST_ESCALATION},
    S.CLOSED: ALWAYS,
    S.WITHDRAWN: ALWAYS,
    S.OPEN: ALWAYS,  # a service request's state: nothing for a complaint to do
    S.RESOLVED: ALWAYS,
}
# Service requests and member enquiries: resolve while open; notes and attachments always.
NOT_A_COMPLAINT = {
    S.OPEN: ALWAYS | {C.RESOLVE},
    S.RESOLVED: ALWAYS,
    S.RECEIVED: ALWAYS,
    S.NOT_ACCEPTED: ALWAYS,
    S.STAGE1: ALWAYS,
    S.STAGE1_CLOSED: ALWAYS,
    S.STAGE2: ALWAYS,
    S.CLOSED: ALWAYS,
    S.WITHDRAWN: ALWAYS,
}

STAGE_STATUSES = [None, *StageStatus]


def expected_commands(kind: Kind, state: State, status: StageStatus | None) -> frozenset:
    if kind is not Kind.COMPLAINT:
        return NOT_A_COMPLAINT[state]
    if state in (S.STAGE1, S.STAGE2):
        return COMPLAINT_IN_A_STAGE[(state, status)]
    return COMPLAINT_OUTSIDE_A_STAGE[state]


EVERY_SITUATION = [
    Situation(kind, state, status)
    for kind, state, status in itertools.product(Kind, State, STAGE_STATUSES)
]


def test_the_expected_tables_cover_every_state():
    assert set(NOT_A_COMPLAINT) == set(State)
    assert set(COMPLAINT_OUTSIDE_A_STAGE) | {S.STAGE1, S.STAGE2} == set(State)
    assert set(COMPLAINT_IN_A_STAGE) == set(itertools.product([S.STAGE1, S.STAGE2], STAGE_STATUSES))
    assert len(EVERY_SITUATION) == 3 * 9 * 6


@pytest.mark.parametrize(
    "situation",
    EVERY_SITUATION,
    ids=[f"{s.kind}-{s.state}-{s.stage_status}" for s in EVERY_SITUATION],
)
def test_allowed_commands_in_every_situation(situation):
    assert allowed_commands(situation) == expected_commands(
        situation.kind, situation.state, situation.stage_status
    )


def test_notes_and_attachments_are_always_allowed():
    for situation in EVERY_SITUATION:
        assert allowed_commands(situation) >= ALWAYS, situation


def test_triage_only_when_received():
    allowing = {s for s in EVERY_SITUATION if C.TRIAGE in allowed_commands(s)}
    assert allowing and all(s.kind is Kind.COMPLAINT and s.state is S.RECEIVED for s in allowing)


def test_acknowledge_only_when_the_stage_is_requested():
    for s in EVERY_SITUATION:
        if C.ACKNOWLEDGE in allowed_commands(s):
            assert s.state in (S.STAGE1, S.STAGE2)
            assert s.stage_status is SS.REQUESTED


def test_respond_only_when_acknowledged():
    for s in EVERY_SITUATION:
        if C.RESPOND in allowed_commands(s):
            assert s.stage_status is SS.ACKNOWLEDGED


def test_escalation_only_after_the_stage1_response():
    allowing = {s for s in EVERY_SITUATION if C.REQUEST_ESCALATION in allowed_commands(s)}
    assert {(s.kind, s.state) for s in allowing} == {(Kind.COMPLAINT, S.STAGE1_CLOSED)}


def test_refuse_escalation_only_at_stage2_before_acknowledgement():
    allowing = {s for s in EVERY_SITUATION if C.REFUSE_ESCALATION in allowed_commands(s)}
    assert allowing == {Situation(Kind.COMPLAINT, S.STAGE2, SS.REQUESTED)}


def test_withdraw_only_before_the_stage_response():
    for s in EVERY_SITUATION:
        if C.WITHDRAW in allowed_commands(s):
            assert s.kind is Kind.COMPLAINT
            assert s.state in (S.RECEIVED, S.STAGE1, S.STAGE2)
            if s.state is not S.RECEIVED:
                assert s.stage_status in (None, SS.REQUESTED, SS.ACKNOWLEDGED)


@pytest.mark.parametrize("kind", [Kind.SERVICE_REQUEST, Kind.MEMBER_ENQUIRY])
def test_service_requests_and_member_enquiries_only_resolve_note_and_attach(kind):
    for s in EVERY_SITUATION:
        if s.kind is kind:
            assert allowed_commands(s) <= ALWAYS | {C.RESOLVE}
    assert C.RESOLVE in allowed_commands(Situation(kind, S.OPEN))
    assert C.RESOLVE not in allowed_commands(Situation(kind, S.RESOLVED))


def test_a_complaint_cannot_be_resolved_like_a_service_request():
    assert all(
        C.RESOLVE not in allowed_commands(s) for s in EVERY_SITUATION if s.kind is Kind.COMPLAINT
    )


# --- require_allowed ---


def test_require_allowed_is_silent_when_the_command_is_allowed():
    assert require_allowed(Situation(Kind.COMPLAINT, S.RECEIVED), C.TRIAGE) is None


@pytest.mark.parametrize(
    ("situation", "command", "message"),
    [
        (
            Situation(Kind.COMPLAINT, S.STAGE1, SS.REQUESTED),
            C.TRIAGE,
            "Only a complaint waiting for triage can be triaged.",
        ),
        (
            Situation(Kind.COMPLAINT, S.STAGE1, SS.ACKNOWLEDGED),
            C.ACKNOWLEDGE,
            "Only a stage that has not yet been acknowledged can be acknowledged.",
        ),
        (
            Situation(Kind.COMPLAINT, S.STAGE1, SS.REQUESTED),
            C.RESPOND,
            "A stage must be open and acknowledged before it can be responded to.",
        ),
        (
            Situation(Kind.COMPLAINT, S.STAGE1, SS.REQUESTED),
            C.REQUEST_ESCALATION,
            "Stage 2 can only be asked for after a stage 1 response.",
        ),
        (
            Situation(Kind.COMPLAINT, S.STAGE2, SS.ACKNOWLEDGED),
            C.REFUSE_ESCALATION,
            "Only a stage 2 request not yet acknowledged can be refused.",
        ),
        (
            Situation(Kind.COMPLAINT, S.STAGE1_CLOSED),
            C.WITHDRAW,
            "Only an open complaint can be withdrawn, before the stage's response.",
        ),
        (
            Situation(Kind.COMPLAINT, S.CLOSED),
            C.EXTEND,
            "Only an open stage that has not been responded to can be extended.",
        ),
        (
            Situation(Kind.COMPLAINT, S.CLOSED),
            C.DEFINE,
            "The complaint can only be defined while a stage is open.",
        ),
        (
            Situation(Kind.COMPLAINT, S.WITHDRAWN),
            C.ALLOCATE,
            "A handler can only be allocated while the complaint is open.",
        ),
        (
            Situation(Kind.SERVICE_REQUEST, S.RESOLVED),
            C.RESOLVE,
            "Only an open service request or member enquiry can be resolved.",
        ),
    ],
)
def test_require_allowed_raises_a_rule_error_with_a_plain_message(situation, command, message):
    with pytest.raises(RuleError) as caught:
        require_allowed(situation, command)
    assert caught.value.problems == {"": message}
    assert caught.value.code == "not_allowed_now"
    assert str(caught.value) == message


def test_require_allowed_refuses_exactly_what_is_not_allowed():
    for situation in EVERY_SITUATION:
        allowed = allowed_commands(situation)
        for command in Command:
            if command in allowed:
                require_allowed(situation, command)
            else:
                with pytest.raises(RuleError) as caught:
                    require_allowed(situation, command)
                message = caught.value.problems[""]
                assert message.endswith(".") and message[0].isupper(), message
                assert message != "That is not allowed now.", (situation, command)


def test_a_rule_error_holds_one_message_per_problem():
    error = RuleError({"reason": "Choose a reason.", "explanation": "Explain it."})
    assert error.problems == {"reason": "Choose a reason.", "explanation": "Explain it."}
    assert error.code == "rule_broken"
    assert str(error) == "Choose a reason. Explain it."
    assert RuleError("No.").problems == {"": "No."}


def test_every_state_has_a_label():
    assert set(STATE_LABELS) == set(State)
    assert State.STAGE1_CLOSED.label == "Stage 1 responded"
    assert all(state.label for state in State)


# --- check_not_accepted: Code 4.1 - 4.3 ---


def test_not_accepted_with_a_reason_and_explanation_is_fine():
    assert (
        check_not_accepted(
            reason=NotAcceptedReason.LEGAL_PROCEEDINGS,
            explanation="Court proceedings about the disrepair have started.",
            discretion_considered="",
            twelve_months=False,
        )
        == {}
    )


@pytest.mark.parametrize("reason", [None, "", "too_busy"])
def test_not_accepted_needs_a_valid_reason(reason):
    assert check_not_accepted(
        reason=reason, explanation="Because.", discretion_considered="", twelve_months=False
    ) == {"reason": "Choose the reason the complaint is not accepted."}


@pytest.mark.parametrize("explanation", ["", "   ", "\n\t"])
def test_not_accepted_needs_an_explanation(explanation):
    assert check_not_accepted(
        reason="duplicate", explanation=explanation, discretion_considered="", twelve_months=False
    ) == {"explanation": "Explain to the resident why the complaint is not accepted."}


DISCRETION = {
    "discretion_considered": "Record how discretion was considered for an issue over 12 months old."
}


def test_not_accepted_over_12_months_needs_the_discretion_considered():
    assert (
        check_not_accepted(
            reason="over_12_months",
            explanation="The leak was in 2021.",
            discretion_considered="  ",
            twelve_months=False,
        )
        == DISCRETION
    )


def test_an_issue_flagged_over_12_months_needs_discretion_whatever_the_reason():
    assert (
        check_not_accepted(
            reason="previously_considered",
            explanation="Already answered.",
            discretion_considered="",
            twelve_months=True,
        )
        == DISCRETION
    )


def test_not_accepted_over_12_months_with_discretion_recorded_is_fine():
    assert (
        check_not_accepted(
            reason="over_12_months",
            explanation="The leak was in 2021.",
            discretion_considered="No good reason for the delay was given.",
            twelve_months=True,
        )
        == {}
    )


def test_not_accepted_reports_every_problem_at_once():
    assert check_not_accepted(
        reason=None, explanation="", discretion_considered="", twelve_months=True
    ) == {
        "reason": "Choose the reason the complaint is not accepted.",
        "explanation": "Explain to the resident why the complaint is not accepted.",
        **DISCRETION,
    }


# --- check_definition: Code 5.6 ---


def test_a_definition_with_points_and_outcomes_is_fine():
    assert check_definition(Definition(points=("Leak not fixed",), outcomes_sought="Fix it")) == {}


@pytest.mark.parametrize("points", [(), ("",), ("  ", "\t")])
def test_a_definition_needs_at_least_one_point(points):
    assert check_definition(Definition(points=points, outcomes_sought="Fix it")) == {
        "points": "Write at least one point the complaint is about."
    }


def test_a_definition_needs_the_outcomes_sought():
    assert check_definition(Definition(points=("Leak",), outcomes_sought=" ")) == {
        "outcomes_sought": "Write what the resident wants to happen."
    }


def test_what_the_landlord_is_not_responsible_for_is_optional():
    d = Definition(points=("Leak",), outcomes_sought="Fix it", not_responsible="The gas meter")
    assert check_definition(d) == {}


# --- check_acknowledge: Code 5.6, 6.2 ---


def test_acknowledging_needs_a_definition_and_a_handler():
    assert check_acknowledge(defined=True, has_handler=True) == {}
    assert check_acknowledge(defined=False, has_handler=True) == {
        "definition": "Define the complaint before acknowledging it."
    }
    assert check_acknowledge(defined=True, has_handler=False) == {
        "handler": "Allocate a handler before acknowledging the complaint."
    }
    assert set(check_acknowledge(defined=False, has_handler=False)) == {"definition", "handler"}


# --- check_stage2_handler: Code 6.13 ---


def test_the_stage2_handler_must_differ_from_the_stage1_handler():
    assert check_stage2_handler(stage1_handler_id=7, stage2_handler_id=7) == {
        "handler": "The stage 2 handler must be a different person from the stage 1 handler."
    }


@pytest.mark.parametrize(("stage1", "stage2"), [(7, 8), (None, 8), (7, None), (None, None)])
def test_a_different_or_not_yet_allocated_stage2_handler_is_fine(stage1, stage2):
    assert check_stage2_handler(stage1_handler_id=stage1, stage2_handler_id=stage2) == {}


# --- check_extension: Code 6.4 / 6.16 ---


def extension(**overrides):
    args = {
        "stage": 1,
        "working_days": 5,
        "reason": "A surveyor must inspect the roof.",
        "total_before": 0,
        "good_reason": "",
    }
    return check_extension(**{**args, **overrides})


def test_an_explained_extension_within_the_limit_is_fine():
    assert extension() == {}
    assert extension(working_days=10) == {}
    assert extension(stage=2, working_days=20) == {}
    assert extension(stage=2, working_days=15, total_before=5) == {}


@pytest.mark.parametrize("days", [0, -3])
def test_an_extension_is_at_least_one_working_day(days):
    assert extension(working_days=days) == {
        "working_days": "An extension must be at least 1 working day."
    }


def test_an_extension_must_be_explained():
    assert extension(reason="  ") == {"reason": "Explain why more time is needed."}


@pytest.mark.parametrize(
    ("stage", "days", "before", "limit"),
    [(1, 11, 0, 10), (1, 5, 6, 10), (1, 1, 10, 10), (2, 21, 0, 20), (2, 1, 20, 20)],
)
def test_an_extension_beyond_the_limit_in_all_needs_a_good_reason(stage, days, before, limit):
    assert extension(stage=stage, working_days=days, total_before=before) == {
        "good_reason": f"This takes the stage {stage} extension past {limit} working days in all: "
        "give the good reason for it."
    }
    assert (
        extension(
            stage=stage,
            working_days=days,
            total_before=before,
            good_reason="Awaiting a structural engineer's report.",
        )
        == {}
    )


def test_an_extension_at_the_limit_in_all_needs_no_good_reason():
    assert extension(working_days=4, total_before=6) == {}
    assert extension(stage=2, working_days=1, total_before=19) == {}


# --- check_response: Code 6.9 / 6.19 ---

GOOD_RESPONSE = Response(
    outcome=Outcome.PARTLY_UPHELD,
    reasons="The repair was late; the charge was correct under the lease.",
    points=(
        PointOutcome("Repair delay", Outcome.UPHELD, "Six weeks late"),
        PointOutcome("Service charge", Outcome.NOT_UPHELD),
    ),
    remedies=(
        RemedyDraft("apology", "We apologise", due=dt.date(2024, 5, 1)),
        RemedyDraft("financial", "Time and trouble", due=dt.date(2024, 5, 10), amount=Decimal(75)),
    ),
    actions=(ActionDraft("Replace the window", "Repairs manager", dt.date(2024, 6, 1)),),
)


def response(**overrides):
    fields = {
        "outcome": GOOD_RESPONSE.outcome,
        "reasons": GOOD_RESPONSE.reasons,
        "points": GOOD_RESPONSE.points,
        "remedies": GOOD_RESPONSE.remedies,
        "actions": GOOD_RESPONSE.actions,
    }
    fields.update(overrides)
    return check_response(Response(**fields))


def test_a_complete_response_is_fine():
    assert check_response(GOOD_RESPONSE) == {}
    assert check_response(Response(outcome="not_upheld", reasons="No fault found.")) == {}


@pytest.mark.parametrize("outcome", [None, "", "withdrawn", "maybe"])
def test_a_response_needs_the_overall_decision(outcome):
    assert response(outcome=outcome) == {
        "outcome": "Choose the overall decision: upheld, partly upheld or not upheld."
    }


def test_a_response_needs_reasons():
    assert response(reasons=" \n") == {"reasons": "Give the reasons for the decision."}


def test_a_response_needs_a_decision_on_each_point():
    points = (PointOutcome("Repair delay", "upheld"), PointOutcome("Charge", None))
    assert response(points=points) == {"points.2": "Give the decision on point 2."}


def test_every_remedy_needs_a_by_when():
    remedies = (RemedyDraft("apology", "Sorry", due=None),)
    assert response(remedies=remedies) == {"remedies.1.due": "Say by when remedy 1 will be done."}


@pytest.mark.parametrize("amount", [None, Decimal(0), Decimal("-5.00")])
def test_a_financial_remedy_needs_an_amount(amount):
    remedies = (
        RemedyDraft("apology", "Sorry", due=dt.date(2024, 5, 1)),
        RemedyDraft("financial", "Distress", due=dt.date(2024, 5, 1), amount=amount),
    )
    assert response(remedies=remedies) == {
        "remedies.2.amount": "Give the amount of financial remedy 2."
    }


def test_a_remedy_that_is_not_financial_needs_no_amount():
    remedies = (RemedyDraft("explanation", "Why", due=dt.date(2024, 5, 1)),)
    assert response(remedies=remedies) == {}


def test_every_outstanding_action_needs_an_owner_and_a_date():
    actions = (
        ActionDraft("Replace the window", "Repairs manager", dt.date(2024, 6, 1)),
        ActionDraft("Fix the gutter", "  ", None),
    )
    assert response(actions=actions) == {
        "actions.2.due": "Give the date outstanding action 2 will be done by.",
        "actions.2.owner": "Say who owns outstanding action 2.",
    }


def test_a_response_reports_every_problem_at_once():
    problems = check_response(
        Response(
            outcome=None,
            reasons="",
            points=(PointOutcome("a", None),),
            remedies=(RemedyDraft("financial", "x", None, None),),
            actions=(ActionDraft("y", "", None),),
        )
    )
    assert set(problems) == {
        "outcome",
        "reasons",
        "points.1",
        "remedies.1.due",
        "remedies.1.amount",
        "actions.1.due",
        "actions.1.owner",
    }


# --- check_withdrawal ---


def test_a_withdrawal_records_who_asked_and_when():
    received = dt.date(2024, 1, 8)
    assert (
        check_withdrawal(requested_by="The resident", withdrawn_on=received, received_on=received)
        == {}
    )
    assert check_withdrawal(
        requested_by=" ", withdrawn_on=dt.date(2024, 1, 12), received_on=received
    ) == {"requested_by": "Record who asked to withdraw the complaint."}
    assert check_withdrawal(
        requested_by="The resident", withdrawn_on=dt.date(2024, 1, 7), received_on=received
    ) == {"withdrawn_on": "The withdrawal date cannot be before the complaint was received."}


# --- the escalation window: the landlord's policy, never a hard block ---


def test_the_escalation_window_is_counted_in_calendar_days():
    responded = dt.date(2024, 1, 31)
    assert not escalation_outside_window(
        responded_on=responded, requested_on=dt.date(2024, 3, 1), window_days=30
    )
    assert escalation_outside_window(
        responded_on=responded, requested_on=dt.date(2024, 3, 2), window_days=30
    )
    assert not escalation_outside_window(
        responded_on=responded, requested_on=responded, window_days=0
    )
