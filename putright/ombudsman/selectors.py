"""Reading Ombudsman casework, remedies and the remedies guidance (style.md: selectors read).

Deadlines are counted in the landlord's working days (domain.md §3): "due within two working
days" includes today and the next two working days; anything earlier and not met is overdue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)

from putright.complaints.models import Complaint, Remedy, Stage
from putright.landlords.models import Landlord
from putright.ombudsman.models import (
    Contact,
    ContactKind,
    FailureOrder,
    Finding,
    FindingKind,
    GuidanceBand,
    GuidanceFixedSum,
    MrcCopy,
    MrcCopyWhat,
    OmbudsmanCase,
    Order,
    OrderKind,
    OrderStatus,
)
from putright.rules.calendar import WorkingCalendar
from putright.rules.codes import RemedyKind
from putright.rules.deadlines import Deadline, DeadlineKind, deadline_kind, earliest
from putright.rules.remedies import (
    OMBUDSMAN_BANDS,
    OMBUDSMAN_FIXED_SUMS,
    Band,
    Edition,
    FixedSum,
    Per,
    bands_for_amount,
    fixed_sums_in_force,
)
from putright.rules.timescales import deadline_words, working_days_left

if TYPE_CHECKING:
    # The type of a record with annotations (django-stubs' own helper, for mypy only).
    from django_stubs_ext import WithAnnotations


class Severity(TypedDict):
    """What ``with_severity`` adds to an order."""

    determination_severe: bool
    follows_severe: bool


OPEN_ORDER_STATUSES = (OrderStatus.OPEN, OrderStatus.IN_PROGRESS)


@dataclass(frozen=True, slots=True)
class DeadlineDue:
    """One Ombudsman deadline for the work queue and the reminders."""

    what: str  # "Evidence request" or "Order: Apology"
    case_reference: str
    complaint_reference: str | None
    due_on: dt.date
    working_days_left: int  # negative when overdue
    kind: str  # "contact" or "order"
    pk: int
    severe: bool = False
    case_pk: int = 0
    complaint_pk: int | None = None

    @property
    def overdue(self) -> bool:
        return self.working_days_left < 0

    @property
    def words(self) -> str:
        """The deadline in the work queue's own words: "due today", "due in 3 working
        days", "2 working days overdue"."""
        return deadline_words(self.working_days_left)


def cases_for(landlord: Landlord) -> QuerySet[OmbudsmanCase]:
    return (
        OmbudsmanCase.objects.filter(landlord=landlord)
        .select_related("complaint")
        .prefetch_related("contacts")
    )


def cases_of_complaint(complaint_id: int) -> list[OmbudsmanCase]:
    """The Ombudsman's cases about one complaint, newest first, each with its contacts not
    yet met as ``open_replies`` (soonest deadline first): for the complaint's own page."""
    return list(
        OmbudsmanCase.objects.filter(complaint_id=complaint_id)
        .prefetch_related(
            Prefetch(
                "contacts",
                queryset=Contact.objects.filter(met_on__isnull=True).order_by("deadline", "id"),
                to_attr="open_replies",
            )
        )
        .order_by("-opened_on", "-id")
    )


def open_contacts(landlord: Landlord) -> QuerySet[Contact]:
    """Contacts not yet met, soonest deadline first."""
    return (
        Contact.objects.filter(case__landlord=landlord, met_on__isnull=True)
        .select_related("case", "case__complaint")
        .order_by("deadline", "id")
    )


def with_severity(orders: QuerySet[Order]) -> QuerySet[WithAnnotations[Order, Severity]]:
    """Annotate ``follows_severe``: the order follows a finding of severe maladministration
    (its own finding, or when it names none, any finding of its determination). Code 9.7c:
    the governing body is told of progress on these."""
    severe_in_determination = Finding.objects.filter(
        determination=OuterRef("determination"), finding=FindingKind.SEVERE_MALADMINISTRATION
    )
    return orders.annotate(
        determination_severe=Exists(severe_in_determination),
    ).annotate(
        follows_severe=ExpressionWrapper(
            Q(finding__finding=FindingKind.SEVERE_MALADMINISTRATION)
            | Q(finding__isnull=True, determination_severe=True),
            output_field=BooleanField(),
        )
    )


def orders_for(landlord: Landlord) -> QuerySet[WithAnnotations[Order, Severity]]:
    return with_severity(
        Order.objects.filter(determination__case__landlord=landlord).select_related(
            "determination", "determination__case", "determination__case__complaint", "finding"
        )
    )


def open_orders(landlord: Landlord) -> QuerySet[WithAnnotations[Order, Severity]]:
    """Every order and recommendation not yet finished, those after severe maladministration
    first, then by due date."""
    return (
        orders_for(landlord)
        .filter(status__in=OPEN_ORDER_STATUSES)
        .order_by("-follows_severe", "due_on", "id")
    )


def orders_open_at(landlord: Landlord, on: dt.date) -> QuerySet[Order]:
    """Code 9.7 (c): every order (not recommendation) of the Ombudsman still open at the
    end of ``on``, whichever determination it came from: made on or before ``on``, and not
    complied with by then (still open, or complied with after). By due date."""
    return (
        Order.objects.filter(
            determination__case__landlord=landlord,
            is_recommendation=False,
            determination__determined_on__lte=on,
        )
        .filter(Q(status__in=OPEN_ORDER_STATUSES) | Q(completed_on__gt=on))
        .select_related("determination__case__complaint")
        .order_by("due_on", "id")
    )


def failure_orders_for(landlord: Landlord) -> QuerySet[FailureOrder]:
    return FailureOrder.objects.filter(landlord=landlord).select_related("case")


def mrc_copies_of_case(case: OmbudsmanCase) -> QuerySet[MrcCopy]:
    """The copies to the Member Responsible for Complaints of the case's decisions (its
    determinations, orders and failure orders; Code 9.7, 9.8), newest first."""
    return MrcCopy.objects.filter(landlord_id=case.landlord_id, case=case)


def mrc_copies_of_failure_orders(landlord: Landlord) -> QuerySet[MrcCopy]:
    """The copies of the landlord's Complaint Handling Failure Orders to its Member
    Responsible for Complaints, newest first."""
    return MrcCopy.objects.filter(landlord=landlord, what=MrcCopyWhat.FAILURE_ORDER)


class _ComplaintId(TypedDict):
    complaint_id: int


def _latest_stage_handled_by(user_ids: Iterable[int]) -> QuerySet[Stage, _ComplaintId]:
    """The complaints (as ``complaint_id`` values) whose latest stage, stage 2 if there is
    one, is handled by one of ``user_ids``: the handler who answered the complaint last is
    the one the Ombudsman's questions about it go to."""
    has_stage2 = Exists(Stage.objects.filter(complaint_id=OuterRef("complaint_id"), number=2))
    return (
        Stage.objects.filter(handler_id__in=list(user_ids))
        .filter(Q(number=2) | ~has_stage2)
        .values("complaint_id")
    )


def ombudsman_deadlines_due(
    landlord: Landlord,
    within_working_days: int,
    today: dt.date,
    *,
    calendar: WorkingCalendar | None = None,
    handled_by: Iterable[int] | None = None,
) -> list[DeadlineDue]:
    """Ombudsman contacts not yet met and orders not yet finished whose deadline is today,
    within the next ``within_working_days`` working days, or already past, soonest first:
    for the staff work queue, ``putright remind`` and ``putright ombudsman_remind``
    (domain.md §7: each contact has a deadline; Code 9.7c: orders are tracked to the end).

    ``handled_by`` keeps only the deadlines of complaints whose latest stage one of those
    people handles (a handler's own queue); a case with no complaint is then left out.
    ``calendar`` saves reading the landlord's closure days again when the caller has them."""
    calendar = calendar or landlord.calendar()
    horizon = (
        calendar.add_working_days(today, within_working_days) if within_working_days else today
    )
    contacts = open_contacts(landlord).filter(deadline__lte=horizon)
    orders = open_orders(landlord).filter(due_on__lte=horizon)
    if handled_by is not None:
        handled = _latest_stage_handled_by(handled_by)
        contacts = contacts.filter(case__complaint_id__in=Subquery(handled))
        orders = orders.filter(determination__case__complaint_id__in=Subquery(handled))
    due: list[DeadlineDue] = []
    for contact in contacts:
        case = contact.case
        due.append(
            DeadlineDue(
                what=contact.get_kind_display(),
                case_reference=case.reference,
                complaint_reference=case.complaint.reference if case.complaint else None,
                due_on=contact.deadline,
                working_days_left=working_days_left(calendar, contact.deadline, today),
                kind="contact",
                pk=contact.pk,
                case_pk=case.pk,
                complaint_pk=case.complaint_id,
            )
        )
    for order in orders:
        case = order.determination.case
        word = "Recommendation" if order.is_recommendation else "Order"
        due.append(
            DeadlineDue(
                what=f"{word}: {order.get_kind_display()}",
                case_reference=case.reference,
                complaint_reference=case.complaint.reference if case.complaint else None,
                due_on=order.due_on,
                working_days_left=working_days_left(calendar, order.due_on, today),
                kind="order",
                pk=order.pk,
                severe=order.follows_severe,
                case_pk=case.pk,
                complaint_pk=case.complaint_id,
            )
        )
    return sorted(due, key=lambda d: (d.due_on, d.kind, d.pk))


def ombudsman_deadlines_by_handler(
    landlord: Landlord, within_working_days: int, today: dt.date
) -> dict[int, list[DeadlineDue]]:
    """The Ombudsman deadlines due soon or overdue (as ``ombudsman_deadlines_due``), by the
    handler of the complaint each is about (the handler of its latest stage), for each
    handler's daily reminder. Deadlines of cases with no complaint, or whose complaint has
    no handler, go only to the complaints officers (``putright ombudsman_remind``)."""
    due = ombudsman_deadlines_due(landlord, within_working_days, today)
    complaint_ids = {d.complaint_pk for d in due if d.complaint_pk is not None}
    latest: dict[int, tuple[int, int | None]] = {}
    stages = Stage.objects.filter(complaint_id__in=complaint_ids).values_list(
        "complaint_id", "number", "handler_id"
    )
    for complaint_id, number, handler_id in stages:
        if complaint_id not in latest or number > latest[complaint_id][0]:
            latest[complaint_id] = (number, handler_id)
    by_handler: dict[int, list[DeadlineDue]] = {}
    for d in due:
        handler = latest.get(d.complaint_pk, (0, None))[1] if d.complaint_pk else None
        if handler is not None:
            by_handler.setdefault(handler, []).append(d)
    return by_handler


def ombudsman_next_deadlines(complaint_ids: Iterable[int]) -> dict[int, Deadline]:
    """The soonest Housing Ombudsman deadline on each of these complaints, if any: a
    contact not yet met or an order not yet finished (two queries)."""
    ids = list(complaint_ids)
    soonest: dict[int, Deadline] = {}

    def keep(complaint_id: int, deadline: Deadline) -> None:
        if complaint_id not in soonest or deadline.due_on < soonest[complaint_id].due_on:
            soonest[complaint_id] = deadline

    contact_kinds = dict(ContactKind.choices)
    for complaint_id, due_on, kind in (
        Contact.objects.filter(case__complaint_id__in=ids, met_on__isnull=True)
        .order_by()
        .values_list("case__complaint_id", "deadline", "kind")
    ):
        keep(complaint_id, Deadline(DeadlineKind.OMBUDSMAN, due_on, what=contact_kinds[kind]))
    order_kinds = dict(OrderKind.choices)
    for complaint_id, due_on, kind, recommendation in (
        Order.objects.filter(
            determination__case__complaint_id__in=ids, status__in=OPEN_ORDER_STATUSES
        )
        .order_by()
        .values_list("determination__case__complaint_id", "due_on", "kind", "is_recommendation")
    ):
        word = "Recommendation" if recommendation else "Order"
        what = f"{word}: {order_kinds[kind]}"
        keep(complaint_id, Deadline(DeadlineKind.OMBUDSMAN, due_on, what=what))
    return soonest


def own_deadline(complaint: Complaint) -> Deadline | None:
    """The record's own next deadline (``next_due_on``, which the services keep), named by
    ``putright.rules.deadlines``. Reads its stages: prefetch them for many records."""
    if complaint.next_due_on is None:
        return None
    stage = complaint.current_stage
    kind = deadline_kind(complaint.state, stage)
    if kind is None:
        return None
    return Deadline(kind, complaint.next_due_on, stage.number if stage is not None else 1)


def next_deadlines(complaints: Iterable[Complaint]) -> dict[int, Deadline | None]:
    """Each record's next deadline as the work queue, the case page, the reminders and the
    API name it: its own (Code 6.2: a complaint waiting for triage is to be acknowledged 5
    working days after receipt; then the open stage's acknowledgement, then its response
    as extended), or a Housing Ombudsman deadline on it when that is sooner. The records'
    stages are read from each (prefetch them); the Ombudsman's in two queries for all."""
    records = list(complaints)
    ombudsman = ombudsman_next_deadlines(c.pk for c in records)
    return {c.pk: earliest(own_deadline(c), ombudsman.get(c.pk)) for c in records}


# Putting things right ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RemediesByProgress:
    overdue: list[Remedy]
    due: list[Remedy]
    done: list[Remedy]


def remedy_is_done(remedy: Remedy) -> bool:
    """A remedy is done when it is recorded as done; a financial remedy also when paid."""
    return remedy.done_on is not None or (
        remedy.kind == RemedyKind.FINANCIAL and remedy.paid_on is not None
    )


def remedies_by_progress(
    landlord: Landlord, today: dt.date, done_since: dt.date
) -> RemediesByProgress:
    """The landlord's remedies followed to completion (Code 7, domain.md §6): overdue (past
    their "by when"), due (not yet done), and done since ``done_since``."""
    remedies = (
        Remedy.objects.filter(stage__landlord=landlord)
        .select_related("stage", "stage__complaint")
        .order_by("due_on", "id")
    )
    overdue: list[Remedy] = []
    due: list[Remedy] = []
    done: list[Remedy] = []
    for remedy in remedies:
        if remedy_is_done(remedy):
            finished = remedy.done_on or remedy.paid_on
            if finished is not None and finished >= done_since:
                done.append(remedy)
        elif remedy.due_on is not None and remedy.due_on < today:
            overdue.append(remedy)
        else:
            due.append(remedy)
    # Each one done has the date it was done or paid (``remedy_is_done``).
    done.sort(key=lambda r: r.done_on or r.paid_on or dt.date.min, reverse=True)
    return RemediesByProgress(overdue, due, done)


# The remedies guidance ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Guidance:
    """What to show beside an amount: the Ombudsman's bands and fixed sums (the landlord's
    copy, or the published defaults), the landlord's own policy if it has one, and which
    bands the amount falls in."""

    ombudsman_bands: tuple[Band, ...]
    ombudsman_fixed_sums: tuple[FixedSum, ...]
    policy_bands: tuple[Band, ...]
    policy_fixed_sums: tuple[FixedSum, ...]
    fixed_sums_in_force: bool
    amount: Decimal | None
    matching_ombudsman: tuple[Band, ...]
    matching_policy: tuple[Band, ...]
    using_defaults: bool


def _bands(rows: Sequence[GuidanceBand]) -> tuple[Band, ...]:
    return tuple(Band(r.impact, r.lower, r.upper, r.description) for r in rows)


def _sums(rows: Sequence[GuidanceFixedSum]) -> tuple[FixedSum, ...]:
    return tuple(FixedSum(r.what, r.amount, Per(r.per), r.description) for r in rows)


def remedy_guidance(landlord: Landlord, on: dt.date, amount: Decimal | None = None) -> Guidance:
    """The remedies guidance for ``landlord`` on ``on`` (Code 7.4), with the bands an
    ``amount`` falls in. The landlord's copy of each Ombudsman edition is used when it has
    one (so it can be checked and updated in the admin); otherwise the published defaults."""
    bands = list(GuidanceBand.objects.filter(landlord=landlord))
    sums = list(GuidanceFixedSum.objects.filter(landlord=landlord))
    hos_bands = _bands([b for b in bands if b.edition == Edition.BANDS_BEFORE_2026])
    hos_sums = _sums([s for s in sums if s.edition == Edition.FIXED_SUMS_FROM_2026])
    using_defaults = not hos_bands or not hos_sums
    hos_bands = hos_bands or OMBUDSMAN_BANDS
    hos_sums = hos_sums or OMBUDSMAN_FIXED_SUMS
    policy_bands = _bands([b for b in bands if b.edition == Edition.LANDLORD_POLICY])
    policy_sums = _sums([s for s in sums if s.edition == Edition.LANDLORD_POLICY])
    return Guidance(
        ombudsman_bands=hos_bands,
        ombudsman_fixed_sums=hos_sums,
        policy_bands=policy_bands,
        policy_fixed_sums=policy_sums,
        fixed_sums_in_force=fixed_sums_in_force(on),
        amount=amount,
        matching_ombudsman=bands_for_amount(hos_bands, amount) if amount is not None else (),
        matching_policy=bands_for_amount(policy_bands, amount) if amount is not None else (),
        using_defaults=using_defaults,
    )
