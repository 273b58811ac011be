"""What comes in that is not a complaint (Code 1.5): service requests, most resolved, some
still open, some received as complaints and triaged as service requests, and a few that
led to a complaint while the request went on; and enquiries from councillors and MPs.
Service requests and member enquiries are each about a sixth of the complaints."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial

from putright.complaints import services
from putright.complaints.models import Complaint
from putright.demo.complaints import Case, ComplaintMaker, case_new
from putright.demo.context import Demo
from putright.demo.jobs import Jobs
from putright.demo.words import MEMBER_ENQUIRIES, MEMBERS, SERVICE_REQUESTS, Story
from putright.residents.models import Resident
from putright.rules.codes import Channel, Kind, MemberRole


@dataclass
class ServiceRequestPlan:
    """A service request to make, and (once made) its record."""

    received_on: dt.date
    area: str
    asked: str
    resolved: str
    via_triage: bool
    leads_to_complaint: bool = False
    record: Complaint | None = None
    resident: Resident | None = None


def service_requests_plan(
    demo: Demo,
    jobs: Jobs,
    *,
    start: dt.date,
    end: dt.date,
    count: int,
    raised: int,
    latest_raised: dt.date,
) -> None:
    """``count`` service requests received from ``start`` to ``end``, the first ``raised``
    of them leading to a complaint (received by ``latest_raised``)."""
    rng = demo.rng
    for i in range(count):
        leads_to_complaint = i < raised
        last = min(end, latest_raised) if leads_to_complaint else end
        received = start + dt.timedelta(days=rng.randint(0, (last - start).days))
        area, asked, resolved = rng.choice(SERVICE_REQUESTS)
        request = ServiceRequestPlan(received, area, asked, resolved, demo.chance(0.25))
        jobs.add(received, partial(_service_request_make, demo, request))
        if leads_to_complaint:
            request.leads_to_complaint = True
            raised_on = received + dt.timedelta(days=rng.randint(5, 15))
            case = case_new(demo, raised_on, area)
            jobs.add(raised_on, partial(_raised_complaint_make, demo, request, case))


def member_enquiries_plan(
    demo: Demo, jobs: Jobs, *, start: dt.date, end: dt.date, count: int
) -> None:
    days = (end - start).days
    for _ in range(count):
        received = start + dt.timedelta(days=demo.rng.randint(0, days))
        jobs.add(received, partial(_member_enquiry_make, demo, received))


def _service_request_make(demo: Demo, plan: ServiceRequestPlan) -> None:
    case = case_new(demo, plan.received_on, plan.area)
    case.story = Story(plan.asked, (), "")
    maker = ComplaintMaker(demo, case)
    plan.record = maker.log(kind=Kind.COMPLAINT if plan.via_triage else Kind.SERVICE_REQUEST)
    plan.resident = case.resident
    triaged_on = plan.received_on
    if plan.via_triage:  # the record returned knows it is now a service request
        triaged_on = min(demo.today, maker.first_action_day(plan.received_on))
        plan.record = services.complaint_triage(
            complaint=plan.record, decision=Kind.SERVICE_REQUEST, by=demo.officer, on=triaged_on
        )
    if plan.leads_to_complaint:
        return  # resolved after the complaint is raised
    # Never resolved before it was triaged: received at a weekend or on a bank holiday,
    # the first working day after can be both the triage and the first day to resolve it.
    resolve_on = demo.add_days(plan.received_on, demo.rng.randint(1, 20))
    _resolve(demo, plan, max(resolve_on, triaged_on))


def _raised_complaint_make(demo: Demo, plan: ServiceRequestPlan, case: Case) -> None:
    """Code 1.5: the resident is unhappy with how the request is handled; a complaint is
    raised and the service request goes on to be resolved."""
    case.resident = plan.resident
    case.raised_from = plan.record
    ComplaintMaker(demo, case).make("stage1")
    _resolve(demo, plan, demo.add_days(case.received_on, demo.rng.randint(5, 25)))


def _resolve(demo: Demo, plan: ServiceRequestPlan, on: dt.date) -> None:
    if demo.come(on):
        assert plan.record is not None  # made when the request was received
        services.record_resolve(record=plan.record, summary=plan.resolved, by=demo.officer, on=on)


def _member_enquiry_make(demo: Demo, received_on: dt.date) -> None:
    area, asked, answered = demo.rng.choice(MEMBER_ENQUIRIES)
    case = case_new(demo, received_on, area)
    member = demo.rng.choice(MEMBERS)
    case.story = Story(asked.format(member=member), (), "")
    record = ComplaintMaker(demo, case).log(
        kind=Kind.MEMBER_ENQUIRY,
        channel=Channel.COUNCILLOR_MP,
        member_name=member,
        member_role=MemberRole.COUNCILLOR if member.startswith("Cllr ") else MemberRole.MP,
    )
    answer_on = demo.add_days(received_on, demo.rng.randint(2, 15))
    if demo.come(answer_on):
        services.record_resolve(record=record, summary=answered, by=demo.officer, on=answer_on)
