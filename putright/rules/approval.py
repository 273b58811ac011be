"""Sign-off before a response goes (issue 17, item 2).

A landlord may ask for a response to be approved before its letter is sent: every response,
or every stage 2 response (reviewed independently before it is issued), and any response
offering compensation above an amount it sets (approval levels). The decision is recorded
as usual; its letter cannot be issued until someone who may approve it has. Waiting for
approval does not stop the clock: the stage is done when its letter goes, and stays due by
its response date.

Who may approve: a complaints officer or a senior handler of the landlord's own staff
(never a contractor's handler, a viewer, an administrator or an API key's user), and never
the person the stage is allocated to or who recorded its decision: the review is
independent.

Roles are the codes the landlord's staff list stores, as in ``putright.rules.allocation``.
This module knows nothing of the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from putright.rules.allocation import OFFICER, SENIOR_HANDLER, Person

#: Roles that approve a response.
APPROVER_ROLES = frozenset({OFFICER, SENIOR_HANDLER})

NONE = "none"
STAGE2 = "stage2"
ALL = "all"
#: Which responses are reviewed before they go, whatever they offer.
REVIEWED = {
    NONE: "No response needs approval, unless its compensation is over the limit",
    STAGE2: "Every stage 2 response is approved before it goes",
    ALL: "Every response is approved before it goes",
}


@dataclass(frozen=True, slots=True)
class ApprovalPolicy:
    """The landlord's sign-off rules: ``reviewed`` (``none``, ``stage2`` or ``all``) and
    ``compensation_over``: compensation above this amount in pounds needs approval (None:
    no limit)."""

    reviewed: str = NONE
    compensation_over: Decimal | None = None


def _pounds(amount: Decimal) -> str:
    return f"£{amount:,.2f}"


def approval_reasons(
    policy: ApprovalPolicy, *, stage: int, compensation: Decimal
) -> tuple[str, ...]:
    """Why a response of ``stage`` offering ``compensation`` (pounds, all its financial
    remedies together) needs approval before its letter goes, in plain words; empty when
    it does not."""
    reasons = []
    if policy.reviewed == ALL:
        reasons.append("every response is approved before it goes")
    elif policy.reviewed == STAGE2 and stage == 2:
        reasons.append("every stage 2 response is approved before it goes")
    limit = policy.compensation_over
    if limit is not None and compensation > limit:
        reasons.append(
            f"the compensation offered, {_pounds(compensation)}, is over {_pounds(limit)}"
        )
    return tuple(reasons)


def approval_problems(
    *, approver: Person | None, handler: Person | None, recorder: Person | None
) -> dict[str, str]:
    """Why ``approver`` may not approve a response of a stage allocated to ``handler`` whose
    decision ``recorder`` recorded: keyed ``by``; empty when they may."""
    if approver is None or approver.role is None:
        return {"by": "Only the landlord's own staff can approve a response."}
    if approver.service_user:
        return {"by": "A response is approved by a person, not by an integration's key."}
    if approver.role not in APPROVER_ROLES or approver.contractor is not None:
        return {
            "by": f"A {approver.role_label.lower() or approver.role} cannot approve a "
            "response: ask a complaints officer or a senior handler."
        }
    for other, what in ((handler, "handle this stage"), (recorder, "recorded this decision")):
        if other is not None and other.id == approver.id:
            return {
                "by": f"You {what}, so someone else must approve it: the review is independent."
            }
    return {}
