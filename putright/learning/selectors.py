"""Reading the learning: the improvements register, themes and root causes over time by
service area, contractor, estate and block, the trend signal, and the hazard queue
(Code 9.4: assess themes and trends for systemic issues and serious risks)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Min, Q, QuerySet

from putright.complaints.models import Complaint
from putright.landlords.models import Landlord, StaffMembership
from putright.learning.models import CaseReview, LearningRecord, LearningStatus
from putright.rules.codes import Kind, RootCause
from putright.rules.hazards import NOT_FLAGGED, Hazard, HazardFlag, hazard_flag
from putright.rules.lifecycle import State
from putright.rules.trends import (
    BASELINE_WINDOWS,
    WINDOW_MONTHS,
    TrendSignal,
    monthly_counts,
    months_ending,
    trend_signal_on,
)

#: What the themes page can break complaints down by.
DIMENSIONS = {
    "theme": "Theme",
    "root_cause": "Root cause",
    "service_area": "Service area",
    "contractor": "Contractor",
    "estate": "Estate",
    "block": "Block",
}
NOT_RECORDED = "Not recorded"
#: Months of history the trend signal reads: the recent window and twelve rolling windows.
TREND_MONTHS = WINDOW_MONTHS + BASELINE_WINDOWS + WINDOW_MONTHS - 1


def register(landlord: Landlord, status: str = "") -> QuerySet[LearningRecord]:
    """The improvements register: open improvements first, by target date, then done."""
    records = LearningRecord.objects.filter(landlord=landlord).select_related(
        "complaint", "ombudsman_case", "service_area", "theme"
    )
    if status in LearningStatus.values:
        records = records.filter(status=status)
    return records.order_by("status", "due_on", "-recorded_on", "-id")


def records_of_complaint(complaint_id: int) -> list[LearningRecord]:
    """The learning recorded from one complaint (Code 9.1), newest first, for its page."""
    return list(
        LearningRecord.objects.filter(complaint_id=complaint_id).order_by("-recorded_on", "-id")
    )


def complaints_counted(landlord: Landlord) -> QuerySet[Complaint]:
    """Complaints (not service requests or member enquiries) for themes and trends."""
    return Complaint.objects.filter(landlord=landlord, kind=Kind.COMPLAINT)


def _label(complaint_row: dict, dimension: str) -> str:
    value = complaint_row.get(dimension)
    if dimension == "root_cause":
        return RootCause(value).label if value in RootCause.values() else NOT_RECORDED
    return value or NOT_RECORDED


_FIELDS = {
    "theme": "theme__name",
    "root_cause": "root_cause",
    "service_area": "service_area__name",
    "contractor": "contractor__name",
    "estate": "home__estate",
    "block": "home__block",
}


@dataclass(frozen=True, slots=True)
class Breakdown:
    """Counts per month of complaints received, by the values of one dimension."""

    dimension: str
    months: list[dt.date]
    rows: list[tuple[str, list[int]]]  # largest total first

    @property
    def totals(self) -> list[int]:
        return [sum(counts[i] for _, counts in self.rows) for i in range(len(self.months))]

    def summary(self) -> str:
        """A sentence or two saying what the chart shows."""
        if not self.rows or not sum(self.totals):
            return "No complaints were received in these months."
        first, last = self.months[0], self.months[-1]
        top_label, top_counts = self.rows[0]
        total = sum(self.totals)
        words = (
            f"{total} complaints were received from {first:%B %Y} to {last:%B %Y}. "
            f"The largest {DIMENSIONS[self.dimension].lower()} was {top_label} with "
            f"{sum(top_counts)}."
        )
        busiest = max(range(len(self.months)), key=lambda i: self.totals[i])
        return (
            words + f" The busiest month was {self.months[busiest]:%B %Y} ({self.totals[busiest]})."
        )


@dataclass(frozen=True, slots=True)
class Within:
    """Narrow the complaints counted to one service area, contractor, estate or block."""

    service_area_id: int | None = None
    contractor_id: int | None = None
    estate: str = ""
    block: str = ""

    def apply(self, complaints: QuerySet[Complaint]) -> QuerySet[Complaint]:
        if self.service_area_id:
            complaints = complaints.filter(service_area_id=self.service_area_id)
        if self.contractor_id:
            complaints = complaints.filter(contractor_id=self.contractor_id)
        if self.estate:
            complaints = complaints.filter(home__estate=self.estate)
        if self.block:
            complaints = complaints.filter(home__block=self.block)
        return complaints


def estates_and_blocks(landlord: Landlord) -> tuple[list[str], list[str]]:
    """The estates and blocks the landlord's complaints are about, for the filters."""
    homes = complaints_counted(landlord).exclude(home=None)
    estates = sorted(set(homes.exclude(home__estate="").values_list("home__estate", flat=True)))
    blocks = sorted(set(homes.exclude(home__block="").values_list("home__block", flat=True)))
    return estates, blocks


def breakdown(
    landlord: Landlord,
    dimension: str,
    today: dt.date,
    months: int = 12,
    within: Within | None = None,
) -> Breakdown:
    """Complaints received in the last ``months`` months (this month included), counted
    per month for each value of ``dimension`` (theme, root cause, service area, contractor,
    estate or block), optionally only those of one service area, contractor, estate or
    block (``within``): e.g. the themes of one contractor's complaints over time."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"cannot break complaints down by {dimension!r}")
    month_list = months_ending(today, months)
    field = _FIELDS[dimension]
    complaints = complaints_counted(landlord).filter(
        received_on__gte=month_list[0], received_on__lte=today
    )
    if within is not None:
        complaints = within.apply(complaints)
    rows = complaints.values("received_on", field)
    by_label: dict[str, list[dt.date]] = defaultdict(list)
    for row in rows:
        label = _label({dimension: row[field]}, dimension)
        by_label[label].append(row["received_on"])
    counted = [(label, monthly_counts(days, month_list)) for label, days in by_label.items()]
    counted.sort(key=lambda item: (-sum(item[1]), item[0]))
    return Breakdown(dimension, month_list, counted)


@dataclass(frozen=True, slots=True)
class ThemeTrend:
    theme: str
    months: list[dt.date]
    monthly: list[int]
    signal: TrendSignal


def theme_trends(landlord: Landlord, today: dt.date) -> list[ThemeTrend]:
    """The trend signal for every theme (``putright.rules.trends.trend_signal_on``), flagged
    ones first. The landlord's records start with its first complaint received: windows
    before that are unknown, not months without complaints."""
    month_list = months_ending(today, TREND_MONTHS)
    counted = complaints_counted(landlord)
    history_start = counted.aggregate(first=Min("received_on"))["first"]
    rows = (
        counted.filter(received_on__gte=month_list[0], received_on__lte=today)
        .exclude(theme=None)
        .values_list("theme__name", "received_on")
    )
    by_theme: dict[str, list[dt.date]] = defaultdict(list)
    for name, received in rows:
        by_theme[name].append(received)
    trends = []
    for name, days in by_theme.items():
        counts = monthly_counts(days, month_list)
        signal = trend_signal_on(days, today, history_start=history_start)
        trends.append(ThemeTrend(name, month_list, counts, signal))
    trends.sort(key=lambda t: (not t.signal.flagged, -t.signal.recent, t.theme))
    return trends


# The hazard queue -------------------------------------------------------------------------

#: Records still waiting on the landlord: triage, an open stage, an open service request.
OPEN_STATES = (State.RECEIVED, State.STAGE1, State.STAGE2, State.OPEN)


@dataclass(frozen=True, slots=True)
class FlaggedComplaint:
    complaint: Complaint
    flag: HazardFlag


def hazard_queue(membership: StaffMembership) -> list[FlaggedComplaint]:
    """Open records whose description mentions a hazard or a vulnerable household, or whose
    resident disclosed a vulnerability, emergency hazards first, then oldest first: to be
    triaged first and the repairs service told (Awaab's Law, domain.md §12). Contractors'
    staff see only their allocations."""
    from putright.web.access import visible_complaints

    records = (
        visible_complaints(membership)
        .filter(state__in=OPEN_STATES)
        # By the priority each record keeps (Complaint.hazard_priority), so only the
        # flagged records' descriptions are read for their words.
        .filter(Q(hazard_priority__lt=NOT_FLAGGED) | Q(vulnerable=True))
        .only("pk", "reference", "description", "received_on", "state", "vulnerable", "kind")
        .order_by("received_on", "pk")
    )
    flagged = []
    for complaint in records.iterator():
        flag = hazard_flag(complaint.description)
        if complaint.vulnerable and not flag.flagged:
            flag = HazardFlag((Hazard.VULNERABLE,), ("disclosed vulnerability",))
        if flag.flagged:
            flagged.append(FlaggedComplaint(complaint, flag))
    flagged.sort(key=lambda f: (f.flag.priority, f.complaint.received_on, f.complaint.pk))
    return flagged


def case_reviews(landlord: Landlord) -> QuerySet[CaseReview]:
    """The landlord's critical case reviews, newest first, with how many complaints and
    actions each has."""
    return (
        CaseReview.objects.filter(landlord=landlord)
        .annotate(
            complaint_count=Count("complaints", distinct=True),
            action_count=Count("actions", distinct=True),
        )
        .order_by("-selected_on", "-id")
    )
