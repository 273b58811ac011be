"""`putright demo`: a demo landlord with a realistic year of records, every one made the way
a landlord makes it, through the services with explicit dates, so each complaint has a
proper timeline, due dates worked out by the rules, the Code's checks applied, its letters
issued and its remedies followed up.

In the order made: the landlord and its lists (``landlord``), its staff (``staff``), its
residents (``residents``); the year's complaints, service requests and member enquiries
in the order received (``year``, ``complaints``, ``contacts``), with the work queue around
today (``queue``), their letters (``letters``) and what they put right
(``putting_right``); then the Ombudsman's casework (``casework``), the learning and the
suggestion model (``learning``).

A seeded ``random.Random`` makes a run reproducible for the same name, year, size and day.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction

from putright.complaints.models import Complaint, Stage
from putright.demo.casework import casework_add
from putright.demo.context import Demo
from putright.demo.landlord import (
    DAMP,
    WORKMANSHIP,
    closure_days_add,
    contractors_add,
    homes_add,
    landlord_create,
    service_areas_add,
    themes_add,
)
from putright.demo.learning import learning_add
from putright.demo.residents import residents_add
from putright.demo.staff import SignIn, off_sick_add, sign_ins, staff_add
from putright.demo.year import records_make
from putright.landlords.models import Landlord, today
from putright.rules.codes import Kind
from putright.rules.counting import financial_year, financial_year_of
from putright.rules.lifecycle import StageStatus

DEFAULT_LANDLORD = "Riverside Homes (demo)"
DEFAULT_PASSWORD = "putright-demo"
DEFAULT_COMPLAINTS = 480
SERVE_URL = "http://127.0.0.1:8000/"


@dataclass(frozen=True)
class DemoSummary:
    landlord: str
    start: dt.date
    end: dt.date
    complaints: int
    service_requests: int
    member_enquiries: int
    open_stages: int
    overdue_stages: int
    sign_ins: tuple[SignIn, ...]


def demo_period(year: int | None, on: dt.date) -> tuple[dt.date, dt.date]:
    """The year of records to make: the twelve months ending today, or, for a financial
    year already over, that year (1 April to 31 March)."""
    year = financial_year_of(on) if year is None else year
    start, end = financial_year(year)
    if end >= on:
        end = on
        start = _one_year_before(on)
    return start, end


def _one_year_before(day: dt.date) -> dt.date:
    """The first day of the twelve months that end on ``day``."""
    try:
        return day.replace(year=day.year - 1) + dt.timedelta(days=1)
    except ValueError:  # 29 February
        return dt.date(day.year - 1, 3, 1)


@transaction.atomic
def demo_create(
    *,
    name: str = DEFAULT_LANDLORD,
    year: int | None = None,
    complaints: int = DEFAULT_COMPLAINTS,
    password: str = DEFAULT_PASSWORD,
) -> DemoSummary:
    """Create the demo landlord and its records, all in one transaction: a failure leaves
    nothing half made. The caller checks that ``name`` is free and ``year`` not to come."""
    on = today()
    start, end = demo_period(year, on)
    rng = random.Random(f"{name}|{start}|{end}|{complaints}")
    landlord = landlord_create(name)
    homes_add(landlord, start, end, rng)
    closure_days_add(landlord, start, max(end, on))
    contractors = contractors_add(landlord)
    staff, made = staff_add(landlord, contractors, password)
    off_sick_add(landlord, staff, on)
    demo = Demo(
        rng=rng,
        today=on,
        landlord=landlord,
        calendar=landlord.calendar(),
        staff=staff,
        contractors=contractors,
        areas=service_areas_add(landlord),
        themes=themes_add(landlord),
        residents=residents_add(
            rng=rng,
            landlord=landlord,
            officer=staff["officer"],
            today=on,
            count=max(40, complaints + complaints // 4),
            since=start,
        ),
    )
    records_make(demo, start=start, end=end, complaints=complaints)
    cases = casework_add(demo, damp_theme=DAMP)
    learning_add(demo, cases, workmanship_theme=WORKMANSHIP)
    return _summary(landlord, start, end, password, made)


def _summary(
    landlord: Landlord, start: dt.date, end: dt.date, password: str, made: set[str]
) -> DemoSummary:
    records = Complaint.objects.filter(landlord=landlord)
    open_stages = Stage.objects.filter(
        landlord=landlord, status__in=[StageStatus.REQUESTED, StageStatus.ACKNOWLEDGED]
    )
    on = today()
    overdue = (
        open_stages.filter(status=StageStatus.REQUESTED, acknowledgement_due__lt=on).count()
        + open_stages.filter(status=StageStatus.ACKNOWLEDGED, response_due_extended__lt=on).count()
    )
    return DemoSummary(
        landlord=landlord.name,
        start=start,
        end=end,
        complaints=records.filter(kind=Kind.COMPLAINT).count(),
        service_requests=records.filter(kind=Kind.SERVICE_REQUEST).count(),
        member_enquiries=records.filter(kind=Kind.MEMBER_ENQUIRY).count(),
        open_stages=open_stages.count(),
        overdue_stages=overdue,
        sign_ins=tuple(
            SignIn(s.username, s.role, password if s.username in made else None)
            for s in sign_ins(password)
        ),
    )
