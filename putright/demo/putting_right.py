"""Putting things right: the remedies a response offers (Code section 7) and the
outstanding actions it promises (Code 6.6, 6.9f, 6.17), and their follow-up to completion
through the services, on their dates.

Most are done by the date promised: an apology or explanation on the day of the response,
compensation accepted within a week and paid within the ten working days offered, works
within their target. A realistic few are late, and a few actions are still not done past
their date, so the Actions and remedies queue and the compliance view (7.3, 6.6, 6.17)
show what a real landlord's do. Whatever falls due after today is still open.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Callable
from decimal import Decimal
from itertools import count

from django.contrib.auth.models import User
from django.utils import timezone

from putright.complaints import services
from putright.complaints.models import (
    ContactDirection,
    ContactMethod,
    OutstandingAction,
    Remedy,
    Stage,
)
from putright.complaints.services import ActionInput, RemedyInput
from putright.demo.context import Demo
from putright.demo.words import Findings
from putright.rules.codes import CompensationReason, Outcome, PaymentMethod, RemedyKind

#: How often a remedy with work to do, a payment, or an action is done after its date.
LATE: dict[str, float] = {RemedyKind.FINANCIAL: 0.08, RemedyKind.CHANGE_POLICY: 0.2}
LATE_OTHERWISE = 0.08
ACTION_LATE = 0.08
#: Actions that slipped and are still not done once their date has passed.
ACTION_FORGOTTEN = 0.04
#: Of the actions not done by their date, one in this many has its resident not told
#: (Code 6.6, 6.17): the few that break 5.9 in the compliance view.
UPDATE_FORGOTTEN_EVERY = 7
PAYMENT_METHODS = {
    PaymentMethod.BANK_TRANSFER: 50,
    PaymentMethod.RENT_ACCOUNT: 45,
    PaymentMethod.VOUCHER: 5,
}


class FollowUps:
    """The steps still to come on one complaint after a response (a remedy paid, an action
    done), kept in date order and taken before any later step on the complaint, so that its
    timeline stays in date order."""

    def __init__(self) -> None:
        self._steps: list[tuple[dt.date, int, Callable[[], object]]] = []
        self._order = count()

    def add(self, on: dt.date, step: Callable[[], object]) -> None:
        heapq.heappush(self._steps, (on, next(self._order), step))

    def run_until(self, day: dt.date) -> None:
        """Take every step dated on or before ``day``, oldest first."""
        while self._steps and self._steps[0][0] <= day:
            heapq.heappop(self._steps)[2]()


# What a response offers and promises ------------------------------------------------------


def remedies_offered(
    demo: Demo, outcome: str, number: int, on: dt.date, finding: Findings
) -> list[RemedyInput]:
    """Code section 7: put right what went wrong; compensation within the Ombudsman's
    remedies guidance bands, more often and more generous at stage 2."""
    if outcome == Outcome.NOT_UPHELD:
        remedies = [RemedyInput(RemedyKind.EXPLANATION, f"How {finding.policy} applies.", on)]
        if demo.chance(0.03):
            amount = Decimal(demo.rng.choice((25, 50)))
            remedies.append(compensation(demo, on, amount, goodwill=True))
        return remedies
    remedies = [RemedyInput(RemedyKind.APOLOGY, "Apology in this response.", on)]
    if demo.chance(0.3):
        remedies.append(
            RemedyInput(RemedyKind.ACKNOWLEDGEMENT, f"We acknowledge that {finding.failure}.", on)
        )
    if demo.chance(0.3):
        remedies.append(
            RemedyInput(
                RemedyKind.ACTION_ON_DELAY,
                "The outstanding work is booked as a priority.",
                demo.add_days(on, 10),
            )
        )
    upheld = outcome == Outcome.UPHELD
    if demo.chance((0.35 if upheld else 0.25) if number == 1 else (0.6 if upheld else 0.45)):
        bands = (
            {(50, 250): 70, (250, 600): 25, (600, 1000): 5}
            if number == 1
            else {(100, 600): 60, (600, 1000): 30, (1000, 2500): 10}
        )
        low, high = demo.pick(bands)
        remedies.append(compensation(demo, on, Decimal(demo.rng.randrange(low, high + 1, 25))))
    if demo.chance(0.02 if number == 1 else 0.1):
        remedies.append(
            RemedyInput(
                RemedyKind.CHANGE_POLICY,
                f"{finding.policy[0].upper()}{finding.policy[1:]} reviewed so this does not "
                "happen again.",
                on + dt.timedelta(days=90),
            )
        )
    return remedies


def compensation(demo: Demo, on: dt.date, amount: Decimal, goodwill: bool = False) -> RemedyInput:
    """A payment offered, to be paid within ten working days."""
    reason = (
        CompensationReason.GOODWILL
        if goodwill
        else demo.pick(
            {
                CompensationReason.DELAY_FAILURE: 70,
                CompensationReason.TIME_TROUBLE: 14,
                CompensationReason.DISTRESS_INCONVENIENCE: 8,
                CompensationReason.REIMBURSEMENT: 6,
                CompensationReason.GOODWILL: 2,
            }
        )
    )
    return RemedyInput(
        RemedyKind.FINANCIAL,
        f"£{amount} for {CompensationReason(reason).label.lower()}, paid to the rent "
        "account or by bank transfer, as the resident chooses.",
        demo.add_days(on, 10),
        amount,
        reason,
    )


def actions_promised(
    demo: Demo, outcome: str, on: dt.date, finding: Findings, owner: str
) -> list[ActionInput]:
    """Code 6.9f: what is still to be done when the response goes, with its owner and date:
    about a third of the complaints upheld in whole or part."""
    if outcome == Outcome.NOT_UPHELD or not demo.chance(0.35):
        return []
    return [ActionInput(finding.action, owner, on + dt.timedelta(days=demo.rng.randint(21, 60)))]


# Following them up --------------------------------------------------------------------------


def follow_up(demo: Demo, stage: Stage, by: User, later: FollowUps) -> None:
    """Plan, for the stage just answered, when each remedy and action is done."""
    for remedy in Remedy.objects.filter(stage=stage).order_by("id"):
        remedy.stage = stage
        _plan_remedy(demo, remedy, by, later)
    for action in OutstandingAction.objects.filter(stage=stage).order_by("id"):
        action.stage = stage
        _plan_action(demo, action, by, later)


def _on_time_or_late(demo: Demo, start: dt.date, due: dt.date, late: float) -> dt.date:
    """A working day from ``start`` up to ``due``, or, now and then, a few after it."""
    if demo.chance(late):
        return demo.add_days(due, demo.rng.randint(1, 8))
    return max(start, demo.add_days(due, -demo.rng.randint(0, 5)))


def _plan_remedy(demo: Demo, remedy: Remedy, by: User, later: FollowUps) -> None:
    on = remedy.stage.responded_on
    assert on is not None and remedy.due_on is not None
    if remedy.delivered_in_letter:
        return  # done by the response letter itself, on its day
    if remedy.kind != RemedyKind.FINANCIAL:
        done = _on_time_or_late(demo, on, remedy.due_on, LATE.get(remedy.kind, LATE_OTHERWISE))
        later.add(done, lambda: services.remedy_record_progress(remedy=remedy, by=by, done_on=done))
        return
    accepted = min(on + dt.timedelta(days=demo.rng.randint(1, 6)), remedy.due_on)
    paid = max(accepted, _on_time_or_late(demo, on, remedy.due_on, LATE[RemedyKind.FINANCIAL]))
    method = demo.pick(PAYMENT_METHODS)
    later.add(
        accepted,
        lambda: services.remedy_record_progress(
            remedy=remedy, by=by, accepted_on=accepted, amount_accepted=remedy.amount_offered
        ),
    )
    later.add(
        paid,
        lambda: services.remedy_record_progress(
            remedy=remedy,
            by=by,
            paid_on=paid,
            amount_paid=remedy.amount_offered,
            payment_method=method,
            done_on=paid,
        ),
    )


def _update_on_late_action(
    demo: Demo, action: OutstandingAction, by: User, later: FollowUps
) -> None:
    """Code 6.6, 6.17: an action not done by its date owes the resident an update; most
    handlers phone on the day it was due, a few forget (the compliance view's 5.9)."""
    on = action.due_on
    # One in UPDATE_FORGOTTEN_EVERY forgotten, by the action's number: the demo's random
    # draws here follow the ones that made the action late, so a fixed share reads truer.
    if on is None or on >= demo.today or action.pk % UPDATE_FORGOTTEN_EVERY == 0:
        return
    complaint = action.stage.complaint
    resident = complaint.resident
    at = timezone.make_aware(dt.datetime.combine(on, dt.time(10, 30)))
    later.add(
        on,
        lambda: services.complaint_record_contact(
            complaint=complaint,
            method=ContactMethod.PHONE,
            direction=ContactDirection.TO_RESIDENT,
            with_whom=resident.name if resident is not None else "The resident",
            summary=f"Update: {action.description[:1].lower()}{action.description[1:]} is "
            "taking longer than we said. We will call again when it is done.",
            by=by,
            at=at,
        ),
    )


def _plan_action(demo: Demo, action: OutstandingAction, by: User, later: FollowUps) -> None:
    on = action.stage.responded_on
    assert on is not None
    if demo.chance(ACTION_FORGOTTEN):
        _update_on_late_action(demo, action, by, later)
        return
    if demo.chance(ACTION_LATE):
        done = action.due_on + dt.timedelta(days=demo.rng.randint(1, 20))
        _update_on_late_action(demo, action, by, later)
    else:
        done = max(on, action.due_on - dt.timedelta(days=demo.rng.randint(0, 14)))
    later.add(done, lambda: services.action_complete(action=action, by=by, on=done))
