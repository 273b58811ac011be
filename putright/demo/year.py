"""The year of records: every complaint, service request and member enquiry planned over
the year, then made in the order received.

The paths follow the councils' published reports: about 6 in 100 complaints not accepted,
3 in 100 withdrawn, 2 in 100 for the Local Government and Social Care Ombudsman (kept and
reported apart, counting-rules.md "Scope"), the rest answered at stage 1, about one in six
of those taken to stage 2; about 1 in 100 raised from a service request (Code 1.5); and,
when the year runs to today, about 7 in 100 placed on the work queue.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from putright.demo.complaints import Case, ComplaintMaker, case_new
from putright.demo.contacts import member_enquiries_plan, service_requests_plan
from putright.demo.context import Demo
from putright.demo.jobs import Jobs
from putright.demo.queue import queue_plan, queue_size

#: A complaint raised from a service request is received at least this long before today.
RAISED_DAYS_AGO = 40


def records_make(demo: Demo, *, start: dt.date, end: dt.date, complaints: int) -> None:
    """Plan every record, then make them in the order they were received."""
    jobs = Jobs()
    latest_raised = demo.today - dt.timedelta(days=RAISED_DAYS_AGO)
    raised = share(complaints, 0.01) if start < latest_raised else 0
    queued = queue_size(complaints - raised) if end >= demo.today else 0
    _history_plan(demo, jobs, start, end, complaints - raised - queued)
    service_requests_plan(
        demo,
        jobs,
        start=start,
        end=end,
        count=max(1, complaints // 6),
        raised=raised,
        latest_raised=latest_raised,
    )
    member_enquiries_plan(demo, jobs, start=start, end=end, count=max(1, complaints // 6))
    if queued:
        queue_plan(demo, jobs, complaints - raised)
    jobs.run()


def share(count: int, fraction: float, at_least: int = 1) -> int:
    """``fraction`` of ``count``, but at least ``at_least`` once there are 15 or more, so
    a small demo still shows every kind of path."""
    n = round(count * fraction)
    return max(n, at_least) if count >= 15 else n


def _history_plan(demo: Demo, jobs: Jobs, start: dt.date, end: dt.date, count: int) -> None:
    """The year's complaints, spread over it, with the year's proportions of paths."""
    if count <= 0:
        return
    paths = (
        ["not_accepted"] * share(count, 0.06)
        + ["withdrawn_before_triage"] * share(count, 0.005, at_least=0)
        + ["withdrawn"] * share(count, 0.03)
        + ["lgsco"] * share(count, 0.02)
    )
    paths += ["stage1"] * (count - len(paths))
    demo.rng.shuffle(paths)
    days = (end - start).days
    for path in paths:
        received = start + dt.timedelta(days=demo.rng.randint(0, days))
        case = case_new(demo, received, lgsco=path == "lgsco")
        walk = "stage1" if path == "lgsco" else path
        jobs.add(received, partial(_complaint_make, demo, case, walk))


def _complaint_make(demo: Demo, case: Case, walk: str) -> None:
    ComplaintMaker(demo, case).make(walk)
