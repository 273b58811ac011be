"""The open cases placed around today, so the work queue looks like a Monday morning: some
waiting for triage, a few overdue, some due today and in the coming days, at both stages.

Each is worked back from the date its next step is due to when each earlier step happened,
every one of them on time: only the step now due is (or is about to be) late. Then it is
made through the services like any other complaint, so its timeline is as real.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from putright.complaints import services
from putright.demo import letters
from putright.demo.complaints import Case, ComplaintMaker, case_new, stage2_handler
from putright.demo.context import Demo
from putright.demo.jobs import Jobs
from putright.demo.landlord import (
    ASB,
    CUSTOMER,
    ESTATE,
    GROUNDS_CONTRACTOR,
    LEASEHOLD,
    LETTINGS,
    REPAIRS,
    REPAIRS_CONTRACTOR,
    TENANCY,
)
from putright.demo.words import ESCALATION_REASONS, EXTENSION_REASONS
from putright.rules.codes import EscalationReason, Kind

#: (what is due, working days from today it is due): overdue ones first, so a small demo
#: still has them.
CORE_QUEUE = (
    ("s1_response", -3),
    ("triage", 0),
    ("s1_response", 0),
    ("s1_ack", -2),
    ("s1_response", 2),
    ("s2_response", -1),
    ("s1_ack", 0),
    ("triage", -1),
    ("s1_extended", 3),
    ("s2_ack", 1),
    ("s1_response", -8),
    ("s1_response", 4),
    ("s2_response", 3),
    ("triage", -7),
    ("s1_response", 1),
    ("s1_ack", 2),
)
MORE_QUEUE = (
    ("s1_response", (5, 9)),
    ("s1_ack", (3, 4)),
    ("s2_response", (5, 18)),
    ("s1_response", (1, 4)),
    ("triage", (-2, 0)),
    ("s1_extended", (4, 8)),
    ("s2_ack", (2, 4)),
    ("s1_response", (-2, -1)),
)
DESKS = (
    ("contractor", REPAIRS),
    ("handler", REPAIRS),
    ("priya.shah", TENANCY),
    ("handler", LETTINGS),
    ("tom.reed", ESTATE),
    ("contractor", REPAIRS),
    ("priya.shah", ASB),
    ("handler", LEASEHOLD),
    ("sam.fletcher", ESTATE),
    ("officer", CUSTOMER),
)
#: The contractor each contractor's handler works for.
DESK_CONTRACTORS = {"contractor": REPAIRS_CONTRACTOR, "sam.fletcher": GROUNDS_CONTRACTOR}


@dataclass
class QueuePlan:
    """An open case placed around today: what is due next, when, and whose it is."""

    what: str
    due: dt.date
    username: str
    received_on: dt.date = dt.date.min
    acknowledged_on: dt.date | None = None
    requested_on: dt.date | None = None
    extension: int = 0


def queue_size(complaints: int) -> int:
    """About 7 in 100 of the complaints, and at least the core queue."""
    return min(complaints, max(len(CORE_QUEUE), round(complaints * 0.07)))


def queue_plan(demo: Demo, jobs: Jobs, complaints: int) -> None:
    """The open cases placed around today: (what, due in working days, desk index)."""
    size = queue_size(complaints)
    specs = [(what, offset, i) for i, (what, offset) in enumerate(CORE_QUEUE)]
    i = 0
    while len(specs) < size:
        what, (low, high) = MORE_QUEUE[i % len(MORE_QUEUE)]
        specs.append((what, demo.rng.randint(low, high), len(specs)))
        i += 1
    for spec in specs[:size]:
        _case_plan(demo, jobs, *spec)


def _case_plan(demo: Demo, jobs: Jobs, what: str, offset: int, desk: int) -> None:
    rng = demo.rng
    due = demo.add_days(demo.today, offset)
    username, area = DESKS[desk % len(DESKS)]
    plan = QueuePlan(what=what, due=due, username=username)
    if what == "triage":  # waiting since it came in; the acknowledgement clock runs
        plan.received_on = demo.today if offset == 0 else due
    elif what == "s1_ack":
        plan.received_on = demo.add_days(due, -5)
    elif what in ("s1_response", "s1_extended"):
        plan.extension = 10 if what == "s1_extended" else 0
        plan.acknowledged_on = demo.add_days(due, -10 - plan.extension)
        plan.received_on = demo.add_days(plan.acknowledged_on, -rng.randint(1, 4))
    else:  # stage 2, asked for after a stage 1 answered in time
        if what == "s2_ack":
            plan.requested_on = demo.add_days(due, -5)
        else:
            plan.acknowledged_on = demo.add_days(due, -20)
            plan.requested_on = demo.add_days(plan.acknowledged_on, -rng.randint(1, 4))
        plan.received_on = demo.add_days(plan.requested_on, -14 - rng.randint(2, 6))
    case = case_new(demo, plan.received_on, area)
    jobs.add(plan.received_on, lambda: _case_make(demo, case, plan))


def _case_make(demo: Demo, case: Case, plan: QueuePlan) -> None:
    """An open case whose next step is due on ``plan.due``."""
    maker = ComplaintMaker(demo, case)
    maker.log()
    if plan.what != "triage":
        _case_walk(demo, maker, plan)
    maker.finish()


def _case_walk(demo: Demo, maker: ComplaintMaker, plan: QueuePlan) -> None:
    rng, officer = demo.rng, demo.officer
    case, complaint = maker.case, maker.complaint
    handler = demo.staff[plan.username]
    contractor = (
        demo.contractors[DESK_CONTRACTORS[plan.username]]
        if plan.username in DESK_CONTRACTORS
        else None
    )
    triage_on = min(demo.add_days(case.received_on, rng.randint(0, 1)), demo.today)
    services.complaint_triage(
        complaint=complaint, decision=Kind.COMPLAINT, by=officer, on=triage_on
    )
    services.complaint_allocate(
        complaint=complaint, handler=handler, contractor=contractor, by=officer, on=triage_on
    )
    points = case.points()
    if plan.what == "s1_ack":
        if demo.chance(0.5):
            services.complaint_define(
                complaint=complaint,
                points=points,
                outcomes_sought=case.story.outcome_wanted,
                by=handler,
                on=triage_on,
            )
        return
    if plan.what in ("s1_response", "s1_extended"):
        assert plan.acknowledged_on is not None
        acknowledged_on = max(plan.acknowledged_on, triage_on)
        maker.acknowledge(handler, points, acknowledged_on)
        letters.acknowledgement_letter(demo, complaint, 1, acknowledged_on, handler)
        if plan.extension:
            original_due = demo.add_days(plan.due, -plan.extension)
            services.complaint_extend(
                complaint=complaint,
                working_days=plan.extension,
                reason=rng.choice(EXTENSION_REASONS),
                by=handler,
                on=max(acknowledged_on, demo.add_days(original_due, -2)),
            )
        return
    assert plan.requested_on is not None
    stage1_acknowledged = demo.add_days(triage_on, rng.randint(1, 3))
    maker.acknowledge(handler, points, stage1_acknowledged)
    stage1_on = demo.add_days(stage1_acknowledged, rng.randint(5, 9))
    maker.respond(1, handler, contractor, stage1_on, len(points), may_wait=False)
    reason = demo.pick({k: w for k, (w, _) in ESCALATION_REASONS.items()})
    services.complaint_request_escalation(
        complaint=complaint,
        requested_on=maker.at(plan.requested_on),
        reason=reason,
        reason_text=ESCALATION_REASONS[reason][1],
        by=officer,
    )
    senior = stage2_handler(demo, handler)
    services.complaint_allocate(
        complaint=complaint,
        handler=senior,
        contractor=contractor,
        by=officer,
        on=maker.at(demo.add_days(plan.requested_on, 0)),
    )
    if plan.acknowledged_on is not None:
        points2 = [f"The resident remains unhappy: {EscalationReason(reason).label.lower()}"]
        maker.acknowledge(senior, points2, plan.acknowledged_on)
        letters.acknowledgement_letter(demo, complaint, 2, plan.acknowledged_on, senior)
