"""The demo landlord's Housing Ombudsman casework (issue 5), made after its year of
records through ``putright.ombudsman.services``, as real use makes it.

- Three Ombudsman cases about complaints closed after stage 2: one with an evidence
  request due in two working days (on the work queue and in the reminders); one
  determined with severe maladministration and two orders, the apology complied with on
  evidence and the compensation still open; one decided months ago and closed (standing
  alone in a demo too small to have a complaint closed that long ago).
- A Complaint Handling Failure Order (the settled case's evidence went late), with the
  actions taken.
- The landlord's own compensation policy bands, shown beside the Ombudsman's.

Every date is worked out from today in the landlord's working days, and every choice from
the records in a fixed order, so a run is reproducible for the same day.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import User
from django.db.models import Max

from putright.complaints.models import Complaint
from putright.demo.chance import working_days_before
from putright.demo.context import Demo
from putright.landlords.models import Landlord
from putright.ombudsman import services as ombudsman_services
from putright.ombudsman.models import (
    ContactKind,
    FailureOrderKind,
    FindingKind,
    GuidanceBand,
    OmbudsmanCase,
    OmbudsmanCategory,
    OrderKind,
    OrderStatus,
)
from putright.ombudsman.services import FindingInput
from putright.rules.calendar import WorkingCalendar
from putright.rules.codes import Kind
from putright.rules.lifecycle import State
from putright.rules.remedies import Edition

#: The landlord's own compensation policy, beside the Ombudsman's bands (domain.md §6).
POLICY_BANDS = (
    ("Low impact", Decimal("25"), Decimal("150"), "A short delay or a missed call-back."),
    ("Medium impact", Decimal("150"), Decimal("500"), "Weeks of delay or repeated failures."),
    ("High impact", Decimal("500"), None, "Months of distress or a risk to health."),
)


def casework_add(demo: Demo, *, damp_theme: str) -> dict[str, OmbudsmanCase]:
    """Add the Ombudsman casework and the compensation policy to the demo landlord, and
    return its cases by what they show ("settled", "severe", "waiting"). A demo too small
    to have complaints closed after stage 2 at the right times gets only the cases about
    them it can have."""
    landlord, officer = demo.landlord, demo.officer
    _add_policy_bands(landlord)
    days = Days(demo.calendar, demo.today)
    closed = _closed_after_stage2(landlord)
    cases: dict[str, OmbudsmanCase] = {}
    settled = _first(closed, before=days.back(150), prefer=())
    cases["settled"] = _settled_case(landlord, officer, days, settled)
    severe = _first(closed, before=days.back(100), prefer=(damp_theme,), skip=(settled,))
    if severe is not None:
        cases["severe"] = _severe_case(landlord, officer, days, severe)
    waiting = _first(closed, before=days.back(8), prefer=(damp_theme,), skip=(settled, severe))
    if waiting is not None:
        cases["waiting"] = _evidence_requested(landlord, officer, days, waiting)
    return cases


class Days:
    """Dates counted in the landlord's working days from today."""

    def __init__(self, calendar: WorkingCalendar, today: dt.date) -> None:
        self.calendar = calendar
        self.today = today

    def back(self, n: int) -> dt.date:
        return working_days_before(self.calendar, self.today, n)

    def ahead(self, day: dt.date, n: int) -> dt.date:
        return self.calendar.add_working_days(day, n)


def _closed_after_stage2(landlord: Landlord) -> list[tuple[Complaint, dt.date]]:
    """Complaints closed after a stage 2 response (those the Ombudsman may look at), oldest
    first, each with the date of the last entry on its timeline: the Ombudsman's case starts
    after it, so the timeline stays in date order."""
    complaints = (
        Complaint.objects.filter(landlord=landlord, kind=Kind.COMPLAINT, state=State.CLOSED)
        .annotate(last_entry=Max("events__occurred_on"))
        .select_related("theme")
        .order_by("received_on", "id")
    )
    return [(c, c.last_entry) for c in complaints if c.last_entry is not None]


def _first(
    closed: list[tuple[Complaint, dt.date]],
    *,
    before: dt.date,
    prefer: tuple[str, ...],
    skip: tuple[Complaint | None, ...] = (),
) -> Complaint | None:
    """The most recent complaint whose timeline ends before ``before``, of a preferred
    theme if there is one."""
    skipped = {c.pk for c in skip if c is not None}
    fits = [c for c, last in closed if last < before and c.pk not in skipped]
    preferred = [c for c in fits if c.theme is not None and c.theme.name in prefer]
    chosen = preferred or fits
    return chosen[-1] if chosen else None


def _evidence_request(case: OmbudsmanCase, officer: User, received_on: dt.date, deadline: dt.date):
    return ombudsman_services.contact_record(
        case=case,
        kind=ContactKind.EVIDENCE_REQUEST,
        received_on=received_on,
        deadline=deadline,
        details="Send the complaint file: the complaint, our responses, the repair records "
        "and any survey reports.",
        by=officer,
    )


def _evidence_requested(
    landlord: Landlord, officer: User, days: Days, complaint: Complaint
) -> OmbudsmanCase:
    """A new case: the evidence request arrived eight working days ago and is due in two."""
    opened = days.back(8)
    case = ombudsman_services.ombudsman_case_open(
        landlord=landlord,
        reference="202509912",
        opened_on=opened,
        complaint=complaint,
        summary="The resident says the damp was never put right after our final response.",
        by=officer,
    )
    _evidence_request(case, officer, opened, days.ahead(days.today, 2))
    return case


def _severe_case(
    landlord: Landlord, officer: User, days: Days, complaint: Complaint
) -> OmbudsmanCase:
    """Determined a month ago: severe maladministration; the apology complied with on
    evidence, the compensation due in three working days (Code 9.7c)."""
    opened = days.back(100)
    case = ombudsman_services.ombudsman_case_open(
        landlord=landlord,
        reference="202507355",
        opened_on=opened,
        complaint=complaint,
        summary="Damp and mould left untreated for months; complaint handling delays.",
        by=officer,
    )
    request = _evidence_request(case, officer, opened, days.ahead(opened, 15))
    ombudsman_services.contact_reply(
        contact=request,
        sent_on=days.ahead(opened, 11),
        summary="Sent the complaint file, the repair history and the surveyor's report.",
        by=officer,
    )
    determined = days.back(22)
    determination = ombudsman_services.determination_record(
        case=case,
        determined_on=determined,
        findings=[
            FindingInput(
                "Our handling of the resident's reports of damp and mould",
                FindingKind.SEVERE_MALADMINISTRATION,
                OmbudsmanCategory.DAMP_AND_MOULD,
            ),
            FindingInput(
                "Our handling of the complaint",
                FindingKind.MALADMINISTRATION,
                OmbudsmanCategory.COMPLAINT_HANDLING,
            ),
        ],
        summary="The landlord did not inspect or treat the mould for seven months and did "
        "not consider the child's asthma.",
        by=officer,
    )
    apology = ombudsman_services.order_add(
        determination=determination,
        kind=OrderKind.APOLOGY,
        description="The Chief Executive to apologise to the resident in writing.",
        due_on=days.ahead(determined, 20),
        owner="Chief Executive",
        by=officer,
    )
    ombudsman_services.order_add(
        determination=determination,
        kind=OrderKind.COMPENSATION,
        description="Pay £1,250: £1,000 for the distress and inconvenience of living with "
        "mould, £250 for the time and trouble of the complaint.",
        due_on=days.ahead(days.today, 3),
        owner="Head of Repairs",
        amount=Decimal("1250"),
        by=officer,
    )
    ombudsman_services.order_record_progress(
        order=apology,
        status=OrderStatus.COMPLIED,
        evidence="Apology letter from the Chief Executive sent by post and email; copy "
        "sent to the Ombudsman.",
        completed_on=days.ahead(determined, 6),
        by=officer,
    )
    return case


def _settled_case(
    landlord: Landlord, officer: User, days: Days, complaint: Complaint | None
) -> OmbudsmanCase:
    """Decided months ago: the redress we offered was reasonable; the case is closed. With
    no complaint closed long enough ago, it stands alone, as a case about a complaint the
    landlord never logged would."""
    opened = days.back(150)
    case = ombudsman_services.ombudsman_case_open(
        landlord=landlord,
        reference="202504187",
        opened_on=opened,
        complaint=complaint,
        resident_name="" if complaint is not None else "Mr D Osei",
        summary="The resident asked for more compensation than we offered.",
        by=officer,
    )
    request = _evidence_request(case, officer, opened, days.ahead(opened, 15))
    sent = days.ahead(opened, 17)  # two working days late: the failure order follows
    ombudsman_services.contact_reply(
        contact=request,
        sent_on=sent,
        summary="Sent the complaint file and our compensation calculation.",
        by=officer,
    )
    _add_failure_order(landlord, officer, days, case, issued=days.ahead(sent, 5))
    determined = days.ahead(opened, 60)
    ombudsman_services.determination_record(
        case=case,
        determined_on=determined,
        findings=[
            FindingInput(
                "The compensation offered for the delay",
                FindingKind.REASONABLE_REDRESS,
                OmbudsmanCategory.REPAIRS,
            ),
        ],
        by=officer,
    )
    ombudsman_services.ombudsman_case_close(case=case, on=days.ahead(determined, 3), by=officer)
    return case


def _add_failure_order(
    landlord: Landlord,
    officer: User,
    days: Days,
    case: OmbudsmanCase,
    *,
    issued: dt.date,
) -> None:
    """A type 2 order: the evidence for the settled case went to the Ombudsman late."""
    failure = ombudsman_services.failure_order_record(
        landlord=landlord,
        issued_on=issued,
        kind=FailureOrderKind.TYPE_2,
        what_failed="The evidence the Ombudsman asked for was sent two working days after "
        "its deadline.",
        case=case,
        by=officer,
    )
    ombudsman_services.failure_order_record_actions(
        failure_order=failure,
        actions_taken="Ombudsman deadlines now appear on the work queue and in each "
        "handler's daily reminder; the complaints officer checks them every morning.",
        done_on=days.ahead(issued, 10),
        by=officer,
    )


def _add_policy_bands(landlord: Landlord) -> None:
    GuidanceBand.objects.bulk_create(
        GuidanceBand(
            landlord=landlord,
            edition=Edition.LANDLORD_POLICY,
            position=i,
            impact=impact,
            lower=lower,
            upper=upper,
            description=description,
        )
        for i, (impact, lower, upper, description) in enumerate(POLICY_BANDS, start=1)
    )
