"""Sign-off rules (issue 17, item 2): which responses need approval and who may give it."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from putright.rules.allocation import Organisation, Person
from putright.rules.approval import ApprovalPolicy, approval_problems, approval_reasons

money = st.decimals(min_value=0, max_value=100_000, places=2, allow_nan=False)


@given(reviewed=st.sampled_from(["none", "stage2", "all"]), stage=st.sampled_from([1, 2]),
       limit=st.none() | money, compensation=money)  # fmt: skip
def test_approval_is_needed_exactly_when_the_policy_says(reviewed, stage, limit, compensation):
    reasons = approval_reasons(
        ApprovalPolicy(reviewed=reviewed, compensation_over=limit),
        stage=stage,
        compensation=compensation,
    )
    by_review = reviewed == "all" or (reviewed == "stage2" and stage == 2)
    by_money = limit is not None and compensation > limit
    assert bool(reasons) == (by_review or by_money)
    assert len(reasons) == by_review + by_money


def test_the_reasons_say_why_in_plain_words():
    policy = ApprovalPolicy(reviewed="stage2", compensation_over=Decimal("500"))
    assert approval_reasons(policy, stage=2, compensation=Decimal("750")) == (
        "every stage 2 response is approved before it goes",
        "the compensation offered, £750.00, is over £500.00",
    )
    assert approval_reasons(policy, stage=1, compensation=Decimal("500")) == ()
    assert approval_reasons(ApprovalPolicy(), stage=2, compensation=Decimal("99999")) == ()


def _person(pk, role, **kw):
    return Person(id=pk, name=f"P{pk}", role=role, role_label=role.replace("_", " "), **kw)


def test_who_may_approve():
    handler, recorder = _person(1, "handler"), _person(2, "officer")
    assert approval_problems(approver=_person(3, "senior_handler"), handler=handler,
                             recorder=recorder) == {}  # fmt: skip
    assert approval_problems(approver=_person(3, "officer"), handler=handler,
                             recorder=recorder) == {}  # fmt: skip
    for role in ("handler", "viewer", "administrator", "contractor_handler"):
        problem = approval_problems(approver=_person(3, role), handler=handler, recorder=recorder)
        assert "cannot approve a response" in problem["by"], role
    contractor = _person(3, "senior_handler", contractor=Organisation(9, "Mears"))
    assert "by" in approval_problems(approver=contractor, handler=handler, recorder=recorder)
    assert "by" in approval_problems(
        approver=_person(3, "officer", service_user=True), handler=handler, recorder=recorder
    )
    assert approval_problems(approver=None, handler=handler, recorder=recorder) == {
        "by": "Only the landlord's own staff can approve a response."
    }
    assert approval_problems(approver=_person(7, "officer"), handler=_person(7, "officer"),
                             recorder=recorder)["by"].startswith("You handle this stage")  # fmt: skip
    own = approval_problems(approver=_person(2, "officer"), handler=handler, recorder=recorder)
    assert own == {
        "by": "You recorded this decision, so someone else must approve it: the review is "
        "independent."
    }
