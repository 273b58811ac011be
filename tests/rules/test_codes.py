"""The code lists: one place for every code and its plain-English label."""

from __future__ import annotations

import pytest

from putright.rules import codes
from putright.rules.codes import (
    Channel,
    Coded,
    EscalationReason,
    Jurisdiction,
    Kind,
    NotAcceptedReason,
    Outcome,
    RemedyKind,
    RootCause,
    Tenure,
)

CODE_LISTS = [
    v
    for v in vars(codes).values()
    if isinstance(v, type) and issubclass(v, Coded) and v is not Coded
]


@pytest.mark.parametrize("code_list", CODE_LISTS, ids=lambda c: c.__name__)
def test_every_code_has_a_label_and_is_a_lower_case_code(code_list):
    assert list(code_list)
    for member in code_list:
        assert member.label
        assert member.value == member.value.lower()
        assert " " not in member.value
    assert code_list.values() == [m.value for m in code_list]
    assert code_list.choices() == [(m.value, m.label) for m in code_list]
    assert len(set(code_list.values())) == len(code_list.values())


def test_codes_compare_equal_to_their_string_values():
    assert Channel.WEB == "web"
    assert Channel.WEB.label == "Web form"
    assert Kind("service_request") is Kind.SERVICE_REQUEST


def test_the_kinds_and_jurisdictions_the_counting_rules_use():
    assert Kind.values() == ["complaint", "service_request", "member_enquiry"]
    assert Jurisdiction.values() == ["housing", "lgsco"]


def test_outcomes_are_upheld_partly_upheld_not_upheld():
    """domain.md §2: upheld, partly upheld, not upheld; withdrawn is a state, not a decision."""
    assert Outcome.values() == ["upheld", "partly_upheld", "not_upheld"]


def test_the_channels_of_domain_md():
    assert set(Channel.values()) == {
        "phone",
        "email",
        "web",
        "letter",
        "in_person",
        "social_media",
        "councillor_mp",
        "contractor",
        "other",
    }


def test_escalation_reasons_include_not_given():
    """counting-rules.md: no reason given counts as not_given."""
    assert EscalationReason.NOT_GIVEN == "not_given"
    assert {
        "disagrees_with_decision",
        "actions_not_done",
        "compensation",
        "points_not_addressed",
        "other",
    } <= set(EscalationReason.values())


def test_tenure_has_unknown_for_the_breakdowns():
    assert Tenure.UNKNOWN == "unknown"
    assert {"tenant", "leaseholder", "shared_owner", "applicant"} <= set(Tenure.values())


def test_root_causes_and_remedies_of_domain_md():
    assert RootCause.values() == ["communication", "policy_procedure", "service_failure"]
    assert RemedyKind.FINANCIAL == "financial"
    assert len(RemedyKind) == 8
    assert NotAcceptedReason.OVER_12_MONTHS == "over_12_months"


def test_a_default_label_is_made_from_the_code():
    class Sample(Coded):
        SOME_THING = "some_thing"

    assert Sample.SOME_THING.label == "Some thing"
