"""Reads for the staff workspace: the work queue, the case file, the queues of actions,
remedies and reviews, and the access log. Selectors never write (style.md); each asks the
database for what one page shows, in a fixed, small number of queries.

The work queue (issue 3, domain.md §9 "Live") is built on ``Complaint.next_due_on``, which
the services keep, and the ``(landlord, state)`` index. One query reads, for every record
in scope, the few columns the filters need (the latest stage and its handler through the
``(complaint, number)`` index, and the vulnerability, adjustment and outstanding-action
flags from their own small tables); the counts per filter, the order and the page are
worked out from those rows in Python, and one more query fetches the page's records. A
result too big to count that way (years of closed cases) is filtered, counted and paged by
the database instead. Searches look each kind of match up on its own index.

The safety words of each record's description (issue 5, Awaab's Law, domain.md §12) are
read as the triage priority the record keeps (``Complaint.hazard_priority``, written with
the description; docs/architecture.md, "The safety words on the record"): the "safety
words" filter with its count and, waiting for triage, the flagged records first, in Python
or in SQL alike. Only the page's flagged records have their description read again, for
the words shown on the row (``rules.hazards.hazard_flag``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connections
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    FilteredRelation,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Lower
from django.utils import timezone

from putright.complaints.models import (
    Complaint,
    Event,
    Extension,
    HazardCase,
    OutstandingAction,
    Remedy,
    Stage,
)
from putright.landlords.models import (
    ClosureDay,
    Contractor,
    Landlord,
    Role,
    ServiceArea,
    StaffMembership,
    Theme,
)
from putright.ombudsman.selectors import next_deadlines
from putright.residents.lookups import (
    CompactUpper,
    PhoneKey,
    email_key,
    looks_like_phone,
    phone_keys,
    tenancy_key,
)
from putright.residents.models import (
    AdjustmentRequest,
    DisclosedDisability,
    Property,
    ReasonableAdjustment,
    Representative,
    Resident,
    Restriction,
    VulnerabilityFlag,
)
from putright.rules.calendar import WorkingCalendar, calendar_for
from putright.rules.deadlines import Deadline
from putright.rules.hazard_clocks import HazardClock
from putright.rules.hazard_clocks import next_due as hazard_next_due
from putright.rules.hazard_clocks import overdue as hazard_overdue
from putright.rules.hazards import NOT_FLAGGED, HazardFlag, hazard_flag
from putright.rules.lifecycle import LetterOwed, StageStatus, State
from putright.rules.records import RECORD_KINDS
from putright.rules.timescales import working_days_left
from putright.web.access import visible_complaints
from putright.web.models import CaseRead

#: The records that are work in hand: waiting for triage, a stage open, or a service
#: request or member enquiry being dealt with. The queue shows these unless asked otherwise.
OPEN_STATES: tuple[str, ...] = (State.RECEIVED, State.STAGE1, State.STAGE2, State.OPEN)
#: Complaint states in which stage 1 (or stage 2) is the latest stage.
STAGE1_STATES = (State.STAGE1, State.STAGE1_CLOSED, State.NOT_ACCEPTED)
STAGE2_STATES = (State.STAGE2, State.CLOSED)

SCOPES = {"mine": "Mine", "team": "My team", "all": "All"}
SORTS = {
    "due": "Due date, soonest first",
    "-due": "Due date, latest first",
    "-received": "Received, newest first",
    "received": "Received, oldest first",
}
PAGE_SIZE = 25


@dataclass(frozen=True)
class QueueFilters:
    """What the person asked the queue for (the form in ``forms.QueueForm`` makes one)."""

    scope: str = "all"
    q: str = ""
    landlord: int | None = None  # the group queue's landlord filter (issue 15, item 4)
    state: str = ""  # "" means open work; "any" means every state
    stage: int | None = None
    service_area: int | None = None
    handler: int | None = None
    contractor: int | None = None
    theme: int | None = None
    vulnerable: bool = False
    adjustments: bool = False
    overdue: bool = False
    due_within: int | None = None
    waiting: bool = False
    safety: bool = False
    letter: bool = False  # a stage waiting for its acknowledgement or response letter
    update: bool = False  # an update to the resident owed today or before (Code 5.9)
    sort: str = "due"
    page: int = 1


@dataclass
class FacetOption:
    value: Any
    label: str
    count: int | None
    selected: bool


@dataclass
class QueueRow:
    complaint: Complaint
    handler_name: str
    days_left: int | None
    vulnerable: bool
    adjustments: bool
    waiting: bool
    hazard: HazardFlag | None = None  # the safety words in the description, if any
    #: The next deadline, named (Acknowledge, Respond, Respond (extended), Ombudsman). The
    #: filters and the order go by the record's own (next_due_on); the Ombudsman's
    #: deadlines have their own panel above the queue.
    deadline: Deadline | None = None
    letter_owed: str = ""  # "Response letter to send": the letter the stage waits for
    #: Code 5.9, 6.6, 6.17: the update owed to the resident, when it is due today or before.
    update_due_on: dt.date | None = None
    #: Awaab's Law: the soonest open deadline of the record's hazard clocks, and whether
    #: it has passed.
    hazard_due_at: dt.datetime | None = None
    hazard_overdue: bool = False


@dataclass
class Queue:
    rows: list[QueueRow]
    total: int
    page: int
    pages: int
    facets: dict[str, list[FacetOption]]
    flag_counts: dict[str, int | None]
    due_within_counts: dict[int, int | None]
    counted: bool = True


# Building blocks ------------------------------------------------------------------------


def _is_current_stage() -> Q:
    """Stages that are their complaint's latest: stage 2, or stage 1 with no stage 2."""
    return Q(number=2) | Q(
        ~Exists(Stage.objects.filter(complaint_id=OuterRef("complaint_id"), number=2))
    )


def handled_by(user_ids: Iterable[int]) -> Q:
    """Complaints whose current stage is handled by one of ``user_ids``, found through the
    index on ``Stage.handler`` (the outer query picks the landlord)."""
    stages = (
        Stage.objects.filter(handler_id__in=list(user_ids))
        .filter(_is_current_stage())
        .order_by()
        .values("complaint_id")
    )
    return Q(pk__in=Subquery(stages))


def handling_now(user_ids: Iterable[int]) -> Q:
    """Complaints with an open stage handled by one of ``user_ids``: the same as
    ``handled_by`` for open work (an open stage is always the latest), found through the
    people's open stages (the ``(handler, status)`` index) rather than everything they
    ever handled. The outer query picks the landlord: given here too, SQLite would read
    every open stage of the landlord instead."""
    stages = (
        Stage.objects.filter(
            status__in=(StageStatus.REQUESTED, StageStatus.ACKNOWLEDGED),
            handler_id__in=list(user_ids),
        )
        .order_by()
        .values("complaint_id")
    )
    return Q(pk__in=Subquery(stages))


def team_members(membership: StaffMembership) -> list[int]:
    """The people in the same team at this landlord (just oneself when no team is set)."""
    if not membership.team:
        return [membership.user_id]
    return list(
        StaffMembership.objects.filter(
            landlord_id=membership.landlord_id, team=membership.team
        ).values_list("user_id", flat=True)
    )


# The flags are looked up for each record through the index on the flag's resident or
# stage (correlated EXISTS), not read in full: at a million records the lists of current
# vulnerabilities, adjustments and unfinished actions are tens of thousands of rows, which
# SQLite would read for every query, even for a page of 25.


def _vulnerable_resident() -> Exists:
    return Exists(
        VulnerabilityFlag.objects.filter(resident_id=OuterRef("resident_id"), ended_on__isnull=True)
    )


def _adjusted_resident() -> Exists:
    return Exists(
        ReasonableAdjustment.objects.filter(
            resident_id=OuterRef("resident_id"), ended_on__isnull=True
        )
    )


def _waiting_on_action() -> Exists:
    """An unfinished action on one of the record's stages: the stages by the (complaint,
    number) index, their actions by the stage index."""
    return Exists(
        OutstandingAction.objects.filter(
            stage__complaint_id=OuterRef("pk"), done_on__isnull=True
        ).order_by()
    )


def _letter_to_send() -> Exists:
    """A stage of the record waiting for its letter (issue 12, item 3): acknowledged or
    decided, the letter not yet issued. Only an open stage waits, and it is the latest."""
    return Exists(
        Stage.objects.filter(complaint_id=OuterRef("pk"), status=StageStatus.ACKNOWLEDGED)
        .exclude(letter_owed="")
        .order_by()
    )


#: A whole reference: a prefix of 1 to 10 letters or digits starting with a letter (as
#: ``putright landlord`` allows; ``putright generate``'s are G0001 and on), a hyphen, a number.
REFERENCE = re.compile(r"^[A-Za-z][A-Za-z0-9]{0,9}-\d{1,12}$")
#: What follows the landlord's own prefix, if typed, in part of a reference: a hyphen or a
#: space perhaps, the zeros before the number, the number.
REFERENCE_NUMBER = re.compile(r"^[- ]?0*(\d{1,12})$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")
#: The longest tenancy reference a resident's record holds.
TENANCY_REFERENCE_LENGTH = 50
POSTCODE = re.compile(r"^([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})?$")

#: The most records whose counts per filter are worked out. A landlord's open work is well
#: under this.
FACET_LIMIT = 5000
#: The most records a search finds (the newest first): more than a person can look through.
SEARCH_LIMIT = 1000


@dataclass(frozen=True)
class Found:
    """What a search found: record ids (the most recent first), and whether there were
    more than ``SEARCH_LIMIT``."""

    ids: list[int]
    more: bool


def _ids(qs: QuerySet, limit: int | None = None) -> list[int]:
    limit = SEARCH_LIMIT + 1 if limit is None else limit
    return list(qs.values_list("id", flat=True)[:limit])


def search(q: str, landlord: Landlord) -> Found:
    """Issue 3: find records by reference, the resident's name, the address or postcode,
    or words in the description (every word must appear); issue 12 (7): by part of a
    reference ("763" finds RH-000763), or by the resident's (or their representative's)
    phone number however it is spaced, email address or tenancy reference. The newest
    records first. A search that finds records by one of those identifiers, or residents
    by name or homes by address, gives their records; one that finds none looks for the
    words in the descriptions.

    Each kind of match is looked up on its own, so each uses its index: the reference on
    the unique (landlord, reference) index; a phone number, an email address or a tenancy
    reference on the residents' and representatives' indexes of their normal forms
    (``residents.lookups``), then the complaints by resident or representative, looked up
    only when the text has that shape; a postcode on the homes' postcode index, then the
    complaints by home; a name or an address through the residents and homes, which are
    fewer than the records; words by reading the descriptions, newest first, stopping at
    ``SEARCH_LIMIT`` matches."""
    q = " ".join(q.split())
    landlord_id = landlord.pk
    identified = _identified(q, landlord)
    if identified:
        return _found_ids(identified)
    if REFERENCE.match(q):
        return Found([], False)
    postcode = POSTCODE.match(q.upper())
    if postcode:
        outward, inward = postcode.groups()
        homes = Property.objects.all()
        if inward:
            homes = homes.filter(postcode=f"{outward} {inward}")
        else:
            homes = homes.filter(postcode__gte=f"{outward} ", postcode__lt=f"{outward}!")
        # By the postcode index, then the home index, alone (given the landlord too, SQLite
        # would read all of its records); the queue keeps only the landlord's records.
        home_ids = _ids(homes)
        return _found(Complaint.objects.filter(home_id__in=home_ids[:SEARCH_LIMIT]))
    found: set[int] = set()
    resident_ids = _ids(Resident.objects.filter(landlord_id=landlord_id, name__icontains=q))
    if resident_ids:
        found.update(_ids(Complaint.objects.filter(resident_id__in=resident_ids[:SEARCH_LIMIT])))
    home_ids = _ids(Property.objects.filter(landlord_id=landlord_id, address__icontains=q))
    if home_ids:
        found.update(_ids(Complaint.objects.filter(home_id__in=home_ids[:SEARCH_LIMIT])))
    if found:
        # A name or an address: the person's records, not every mention of the words.
        return _found_ids(found)
    # Newest first, by reading the table backwards in its own (id) order and stopping at
    # the limit. On SQLite "landlord_id + 0" keeps it from choosing the landlord index,
    # which would read every match and sort them before stopping. On PostgreSQL the
    # landlord is compared as it is: the trigram index of the description (complaints
    # migration 0020) gives the planner the expression's statistics, and it reads
    # backwards by id for a common word, or the index for a rare one; "+ 0" would hide
    # the landlord's share of the rows from it, and it would read every record instead.
    words = Complaint.objects.order_by("-id")
    if connections[words.db].vendor == "sqlite":
        words = words.alias(landlord_of=F("landlord_id") + 0).filter(landlord_of=landlord_id)
    else:
        words = words.filter(landlord_id=landlord_id)
    for word in q.split(" "):
        words = words.filter(description__icontains=word)
    found.update(_ids(words))
    return _found_ids(found)


def _found_ids(found: set[int]) -> Found:
    ordered = sorted(found, reverse=True)
    return Found(ordered[:SEARCH_LIMIT], len(ordered) > SEARCH_LIMIT)


def _found(qs: QuerySet) -> Found:
    ids = sorted(_ids(qs), reverse=True)
    return Found(ids[:SEARCH_LIMIT], len(ids) > SEARCH_LIMIT)


def _identified(q: str, landlord: Landlord) -> set[int]:
    """The records an identifier typed in full or in part finds: an email address; a
    phone number; a complaint reference, or its number alone; a tenancy reference. Each
    is looked up only when the text could be one."""
    found: set[int] = set()
    if EMAIL.match(q):
        found.update(_of_contacts(landlord.pk, Lower("email"), [email_key(q)]))
        return found
    if looks_like_phone(q):
        found.update(_of_contacts(landlord.pk, PhoneKey("phone"), phone_keys(q)))
    references = _references(q, landlord)
    if references:
        complaints = Complaint.objects.filter(landlord_id=landlord.pk, reference__in=references)
        found.update(_ids(complaints.order_by()))
    if any(c.isdigit() for c in q) and len(q) <= TENANCY_REFERENCE_LENGTH:
        tenancies = (
            Resident.objects.alias(tenancy=CompactUpper("tenancy_reference"))
            .filter(landlord_id=landlord.pk, tenancy=tenancy_key(q))
            .order_by()
            .values("id")
        )
        found.update(_ids(Complaint.objects.filter(resident_id__in=tenancies).order_by()))
    return found


def _references(q: str, landlord: Landlord) -> list[str]:
    """The references ``q`` may mean: as typed, and the landlord's reference with the
    number typed ("763", "000763", "rh763" and "RH-763" all mean RH-000763; "g0001-135"
    means G0001-000135)."""
    references = [q.upper()] if REFERENCE.match(q) else []
    typed, own = q.upper(), landlord.reference_prefix.upper()
    # The landlord's own prefix is taken off first, so that a prefix with digits in it
    # ("G0001") is not read as part of the number. A prefix starts with a letter, so a
    # number typed alone is never cut.
    number = REFERENCE_NUMBER.match(typed.removeprefix(own) if own else typed)
    if number:
        references.append(landlord.format_reference(int(number.group(1))))
    return references


def _of_contacts(landlord_id: int, key: Func, values: list[str]) -> list[int]:
    """Records whose resident, or whose representative, has this contact detail (its
    normal form ``key`` in ``values``), by the index of that normal form."""
    residents = (
        Resident.objects.alias(contact=key)
        .filter(landlord_id=landlord_id, contact__in=values)
        .order_by()
        .values("id")
    )
    representatives = (
        Representative.objects.alias(contact=key)
        .filter(contact__in=values, resident__landlord_id=landlord_id)
        .order_by()
        .values("id")
    )
    return _ids(
        Complaint.objects.filter(
            Q(resident_id__in=residents) | Q(representative_id__in=representatives)
        ).order_by()
    )


@dataclass(frozen=True)
class Scope:
    """The records a person's queue looks through: those they may see; theirs, their
    team's or everyone's; and those the search found."""

    membership: StaffMembership
    handlers: list[int] | None  # None: everyone's
    found: Found | None

    def records(self, open_only: bool = False) -> QuerySet[Complaint]:
        """In any state, or (``open_only``) in the open states only, found more quickly."""
        if self.found is not None:
            qs = self._by_id().filter(pk__in=self.found.ids)
        elif self.handlers is not None and open_only:
            # The people's open stages are a few thousand at most: read the records by id
            # from them, not along the landlord's indexes past years of closed records.
            qs = self._by_id()
        else:
            qs = visible_complaints(self.membership)
        if self.handlers is not None:
            if open_only:
                qs = qs.filter(
                    handling_now(self.handlers),
                    state__in=OPEN_STATES,
                )
            else:
                qs = qs.filter(handled_by(self.handlers))
        return qs

    def _by_id(self) -> QuerySet[Complaint]:
        """The records this person may see, for looking up by id (the search's, or their
        open stages'). The landlord and contractor are compared as values ("+ 0"), not
        through their indexes, which SQLite would otherwise read in full instead."""
        m = self.membership
        qs = Complaint.objects.alias(landlord_of=F("landlord_id") + 0).filter(
            landlord_of=m.landlord_id
        )
        if m.role == Role.CONTRACTOR_HANDLER:
            qs = qs.alias(contractor_of=F("contractor_id") + 0).filter(
                contractor_of=m.contractor_id
            )
        return qs


def queue_scope(membership: StaffMembership, f: QueueFilters) -> Scope:
    handlers = None
    if f.scope == "mine":
        handlers = [membership.user_id]
    elif f.scope == "team":
        handlers = team_members(membership)
    found = search(f.q, membership.landlord) if f.q else None
    return Scope(membership, handlers, found)


@dataclass(frozen=True)
class GroupScope:
    """Issue 15, item 4: the records of a group's work queue, every record of the group's
    landlords (``landlord_ids``), or those the search found in them. Nobody's own: the
    group's officers read the queue, they do not handle its cases."""

    landlord_ids: tuple[int, ...]
    found: Found | None
    handlers: None = None

    def records(self, open_only: bool = False) -> QuerySet[Complaint]:
        qs = Complaint.objects.filter(landlord_id__in=self.landlord_ids)
        if self.found is not None:
            qs = qs.filter(pk__in=self.found.ids)
        return qs


def group_scope(landlords: list[Landlord], f: QueueFilters) -> GroupScope:
    """The group queue's records: each landlord searched as its own queue searches it
    (``search``), the finds put together, newest first."""
    found = None
    if f.q:
        ids: set[int] = set()
        for landlord in landlords:
            ids.update(search(f.q, landlord).ids)
        found = _found_ids(ids)
    return GroupScope(tuple(landlord.pk for landlord in landlords), found)


def _in_states(scope: Scope | GroupScope, f: QueueFilters) -> QuerySet[Complaint]:
    states = _states(f)
    if states is None:
        return scope.records()
    return scope.records(open_only=set(states) <= set(OPEN_STATES)).filter(state__in=states)


def _states(f: QueueFilters) -> tuple[str, ...] | None:
    if f.state == "any":
        return None
    if f.state:
        return (f.state,)
    return OPEN_STATES


def due_by(calendar: WorkingCalendar, today: dt.date, working_days: int) -> dt.date:
    """The last date that is "due within N working days" of today."""
    return calendar.add_working_days(today, working_days) if working_days > 0 else today


def _filters_sql(f: QueueFilters, today: dt.date, due_limit: dt.date | None) -> Q:
    """The filters as SQL, for a result too big to count by filter in Python."""
    q = Q()
    if f.stage is not None:
        has_stage2 = Exists(Stage.objects.filter(complaint_id=OuterRef("pk"), number=2))
        states = STAGE1_STATES if f.stage == 1 else STAGE2_STATES
        withdrawn = Q(state=State.WITHDRAWN) & (Q(has_stage2) if f.stage == 2 else ~Q(has_stage2))
        if f.stage == 1:
            withdrawn &= Q(Exists(Stage.objects.filter(complaint_id=OuterRef("pk"), number=1)))
        q &= Q(state__in=states) | withdrawn
    if f.landlord is not None:
        q &= Q(landlord_id=f.landlord)
    if f.service_area is not None:
        q &= Q(service_area_id=f.service_area)
    if f.handler is not None:
        q &= handled_by([f.handler])
    if f.contractor is not None:
        q &= Q(contractor_id=f.contractor)
    if f.theme is not None:
        q &= Q(theme_id=f.theme)
    if f.vulnerable:
        q &= Q(vulnerable=True) | Q(_vulnerable_resident())
    if f.adjustments:
        q &= Q(_adjusted_resident())
    if f.waiting:
        q &= Q(_waiting_on_action())
    if f.letter:
        q &= Q(_letter_to_send())
    if f.update:
        q &= Q(update_due_on__lte=today)
    if f.safety:
        q &= Q(hazard_priority__lt=NOT_FLAGGED)
    if f.overdue:
        q &= Q(next_due_on__lt=today)
    if due_limit is not None:
        q &= Q(next_due_on__gte=today, next_due_on__lte=due_limit)
    return q


def _with_columns(qs: QuerySet[Complaint]) -> QuerySet[Complaint]:
    """Each record with what the queue filters on: the latest stage and its handler
    (through two joins on the (complaint, number) index) and the flags."""
    return qs.annotate(
        s1=FilteredRelation("stages", condition=Q(stages__number=1)),
        s2=FilteredRelation("stages", condition=Q(stages__number=2)),
        q_stage=Case(
            When(s2__id__isnull=False, then=Value(2)),
            When(s1__id__isnull=False, then=Value(1)),
            default=Value(None),
            output_field=IntegerField(),
        ),
        q_handler=Case(
            When(s2__id__isnull=False, then=F("s2__handler_id")),
            default=F("s1__handler_id"),
        ),
        q_vulnerable=Case(
            When(vulnerable=True, then=Value(True)),
            When(_vulnerable_resident(), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        q_adjustments=Case(
            When(_adjusted_resident(), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        q_waiting=Case(
            When(_waiting_on_action(), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        # Only an open stage waits for its letter (a withdrawn one no longer does).
        q_letter=Case(
            When(~Q(state__in=(State.STAGE1, State.STAGE2)), then=Value("")),
            When(s2__id__isnull=False, then=F("s2__letter_owed")),
            default=F("s1__letter_owed"),
        ),
    )


_COLUMNS = (
    "id",
    "landlord_id",
    "state",
    "q_stage",
    "service_area_id",
    "contractor_id",
    "theme_id",
    "q_handler",
    "q_vulnerable",
    "q_adjustments",
    "q_waiting",
    "q_letter",
    "update_due_on",
    "next_due_on",
    "received_on",
    "hazard_priority",
)
FACET_FIELDS = ("landlord", "stage", "service_area", "handler", "contractor", "theme")
FLAG_FIELDS = ("vulnerable", "adjustments", "waiting", "overdue", "safety", "letter", "update")
DUE_WITHIN_CHOICES = (0, 2, 5, 10)


@dataclass(frozen=True, slots=True)
class _Row:
    id: int
    landlord: int
    state: str
    stage: int | None
    service_area: int | None
    contractor: int | None
    theme: int | None
    handler: int | None
    vulnerable: bool
    adjustments: bool
    waiting: bool
    letter: str | None  # the letter the latest stage waits for ("" or None: none)
    update_due_on: dt.date | None  # the update owed to the resident (Code 5.9)
    next_due_on: dt.date | None
    received_on: dt.date
    hazard: int  # the triage priority of the safety words in the description (NOT_FLAGGED: none)


def _row(values: tuple[Any, ...]) -> _Row:
    """A record's columns (``_COLUMNS``), in order."""
    return _Row(*values)


def _fails(r: _Row, f: QueueFilters, today: dt.date, due_limit: dt.date | None) -> frozenset[str]:
    """The filters a record does not pass."""
    failed = []
    if f.landlord is not None and r.landlord != f.landlord:
        failed.append("landlord")
    if f.stage is not None and r.stage != f.stage:
        failed.append("stage")
    if f.service_area is not None and r.service_area != f.service_area:
        failed.append("service_area")
    if f.handler is not None and r.handler != f.handler:
        failed.append("handler")
    if f.contractor is not None and r.contractor != f.contractor:
        failed.append("contractor")
    if f.theme is not None and r.theme != f.theme:
        failed.append("theme")
    if f.vulnerable and not r.vulnerable:
        failed.append("vulnerable")
    if f.adjustments and not r.adjustments:
        failed.append("adjustments")
    if f.waiting and not r.waiting:
        failed.append("waiting")
    if f.safety and r.hazard == NOT_FLAGGED:
        failed.append("safety")
    if f.letter and not r.letter:
        failed.append("letter")
    if f.update and not _update_due(r, today):
        failed.append("update")
    if f.overdue and not (r.next_due_on is not None and r.next_due_on < today):
        failed.append("overdue")
    if due_limit is not None and not (
        r.next_due_on is not None and today <= r.next_due_on <= due_limit
    ):
        failed.append("due_within")
    return frozenset(failed)


def _update_due(r: _Row, today: dt.date) -> bool:
    """Code 5.9, 6.6, 6.17: an update to the resident is owed today or was owed before."""
    return r.update_due_on is not None and r.update_due_on <= today


def _sort_key(sort: str, triage: bool = False) -> Callable[[_Row], tuple]:
    """The queue's order for rows read into Python: as ``_order`` orders it in SQL. In the
    triage view (records waiting for triage) those whose description mentions a hazard or a
    vulnerable household come first, emergencies first (Awaab's Law, domain.md §12), each
    group in the order asked for."""
    key = _plain_sort_key(sort)
    if triage:
        return lambda r: (r.hazard, *key(r))
    return key


def _plain_sort_key(sort: str) -> Callable[[_Row], tuple]:
    far = dt.date.max
    if sort == "-due":
        return lambda r: (
            r.next_due_on is None,
            -(r.next_due_on or far).toordinal(),
            -r.received_on.toordinal(),
            -r.id,
        )
    if sort == "-received":
        return lambda r: (-r.received_on.toordinal(), -r.id)
    if sort == "received":
        return lambda r: (r.received_on, r.id)
    return lambda r: (r.next_due_on is None, r.next_due_on or far, r.received_on, r.id)


def _order(qs: QuerySet[Complaint], sort: str, triage: bool = False) -> QuerySet[Complaint]:
    """The queue's order in SQL; in the triage view the records kept with a hazard's
    priority first, emergencies first, as ``_sort_key``."""
    if triage:
        ordered = _order(qs, sort)
        return ordered.order_by("hazard_priority", *ordered.query.order_by)
    if sort == "-due":
        return qs.order_by(F("next_due_on").desc(nulls_last=True), "-received_on", "-id")
    if sort == "-received":
        return qs.order_by("-received_on", "-id")
    if sort == "received":
        return qs.order_by("received_on", "id")
    return qs.order_by(F("next_due_on").asc(nulls_last=True), "received_on", "id")


def staff_names(landlord_id: int) -> dict[int, str]:
    """Everyone who works for the landlord, by user id: their full name or username."""
    return staff_names_of([landlord_id])


def staff_names_of(landlord_ids: Iterable[int]) -> dict[int, str]:
    """Everyone who works for any of these landlords, by user id, in one query."""
    users = (
        get_user_model().objects.filter(memberships__landlord_id__in=list(landlord_ids)).distinct()
    )
    return {
        u.pk: (u.get_full_name().strip() or u.get_username())
        for u in users.only("id", "first_name", "last_name", "username")
    }


def work_queue(
    scope: Scope | GroupScope,
    f: QueueFilters,
    *,
    today: dt.date,
    calendar: WorkingCalendar,
    names: dict[int, str],
    labels: dict[str, dict[Any, str]],
    states: dict[str, int | None] | None = None,
    calendars: Mapping[int, WorkingCalendar] | None = None,
) -> Queue:
    """The work queue: one page of records sorted by due date, and for every filter option
    the number of records it would give with the other filters as they are (issue 3,
    "counts per filter").

    One query reads the few columns the filters need for every record in scope (open work
    is a few thousand at most); the counts, the sorting and the page are worked out from
    them in Python, and a second query fetches the page's records to show. Past
    ``FACET_LIMIT`` records (a search or a closed state over years of records) the filters,
    the total and the page are left to the database and the counts are not shown.
    ``states`` (from ``state_counts``) saves counting the records in scope again;
    ``calendars``, each landlord's working days by its id, count a group's rows' days left
    by their own landlord's calendar (``calendar`` otherwise)."""
    base = _in_states(scope, f)
    due_limit = due_by(calendar, today, f.due_within) if f.due_within is not None else None
    # Counted on an index first, so a large result never reads its columns.
    in_scope = _known_count(states, f)
    if in_scope is None:
        in_scope = base.count()
    if in_scope > FACET_LIMIT:
        return _large_queue(base, f, today, calendar, names, labels, due_limit, in_scope, calendars)
    raw = list(_with_columns(base).order_by().values_list(*_COLUMNS))

    rows = [_row(values) for values in raw]
    counters: dict[str, Counter] = {
        name: Counter() for name in (*FACET_FIELDS, *FLAG_FIELDS, "due_within")
    }
    due_limits = {n: due_by(calendar, today, n) for n in DUE_WITHIN_CHOICES}
    matching: list[_Row] = []
    for r in rows:
        failed = _fails(r, f, today, due_limit)
        if len(failed) > 1:
            continue
        if not failed:
            matching.append(r)
        for facet in FACET_FIELDS:
            if not failed or failed == {facet}:
                counters[facet][getattr(r, facet)] += 1
        for flag in ("vulnerable", "adjustments", "waiting", "letter"):
            if getattr(r, flag) and (not failed or failed == {flag}):
                counters[flag][True] += 1
        if _update_due(r, today) and (not failed or failed == {"update"}):
            counters["update"][True] += 1
        if r.hazard != NOT_FLAGGED and (not failed or failed == {"safety"}):
            counters["safety"][True] += 1
        if r.next_due_on is not None:
            if r.next_due_on < today and (not failed or failed == {"overdue"}):
                counters["overdue"][True] += 1
            if not failed or failed == {"due_within"}:
                for n, limit in due_limits.items():
                    if today <= r.next_due_on <= limit:
                        counters["due_within"][n] += 1

    facets = {
        name: [
            FacetOption(value, label, counters[name][value], value == getattr(f, name))
            for value, label in labels[name].items()
            if counters[name][value] or value == getattr(f, name)
        ]
        for name in FACET_FIELDS
    }
    matching.sort(key=_sort_key(f.sort, triage=f.state == State.RECEIVED))
    total = len(matching)
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, f.page), pages)
    shown = matching[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    return Queue(
        rows=_page_rows(shown, calendar, today, names, calendars),
        total=total,
        page=page,
        pages=pages,
        facets=facets,
        flag_counts={flag: counters[flag][True] for flag in FLAG_FIELDS},
        due_within_counts={n: counters["due_within"][n] for n in DUE_WITHIN_CHOICES},
        counted=True,
    )


def _known_count(states: dict[str, int | None] | None, f: QueueFilters) -> int | None:
    """The number of records in the states asked for, if ``state_counts`` counted them."""
    if states is None:
        return None
    wanted = _states(f)
    counts = list(states.values()) if wanted is None else [states.get(s, 0) for s in wanted]
    known = [n for n in counts if n is not None]
    return sum(known) if len(known) == len(counts) else None


def _page_rows(
    shown: list[_Row],
    calendar: WorkingCalendar,
    today: dt.date,
    names: dict[int, str],
    calendars: Mapping[int, WorkingCalendar] | None = None,
) -> list[QueueRow]:
    """The records of one page, fetched with their stages, in the page's order, each
    with its next deadline named (``ombudsman.selectors.next_deadlines``: its own, or a
    Housing Ombudsman deadline on it when that is sooner)."""
    by_id = (
        Complaint.objects.select_related(
            "landlord", "resident", "home", "service_area", "contractor"
        )
        .prefetch_related("stages")
        # Awaab's Law: the soonest open deadline of the record's hazard clocks, if any.
        .annotate(hazard_due_at=F("hazard__next_due_at"))
        .in_bulk([r.id for r in shown])
    )
    deadlines = next_deadlines(by_id.values())
    now = timezone.now()
    rows = []
    for r in shown:
        if r.id not in by_id:
            continue
        # The words shown on the row, read from the description for a flagged record only.
        flag = hazard_flag(by_id[r.id].description) if r.hazard != NOT_FLAGGED else None
        deadline = deadlines.get(r.id)
        rows.append(
            QueueRow(
                complaint=by_id[r.id],
                handler_name=names.get(r.handler, "") if r.handler else "",
                days_left=working_days_left(
                    (calendars or {}).get(r.landlord, calendar), deadline.due_on, today
                )
                if deadline is not None
                else None,
                deadline=deadline,
                vulnerable=r.vulnerable,
                adjustments=r.adjustments,
                waiting=r.waiting,
                hazard=flag if flag is not None and flag.flagged else None,
                letter_owed=LetterOwed(r.letter).label if r.letter else "",
                update_due_on=r.update_due_on if _update_due(r, today) else None,
                hazard_due_at=(hazard_due := by_id[r.id].hazard_due_at),
                hazard_overdue=hazard_due is not None and hazard_due < now,
            )
        )
    return rows


def _page_ids(filtered: QuerySet[Complaint], sort: str, offset: int) -> list[int]:
    """The ids of one page in the queue's order. By due date, the records with a due date
    come first, then those without: read as two ranges, so each can be read in order along
    an index (``next_due_on IS NOT NULL`` skips the years of closed records on the
    ``(landlord, next_due_on)`` index) rather than every record sorted ("NULLS LAST" is not
    an order SQLite's indexes keep)."""
    if sort not in ("due", "-due"):
        return _ids(_order(filtered, sort)[offset:], PAGE_SIZE)
    if sort == "due":
        dated = filtered.filter(next_due_on__isnull=False).order_by(
            "next_due_on", "received_on", "id"
        )
        undated = filtered.filter(next_due_on__isnull=True).order_by("received_on", "id")
    else:
        dated = filtered.filter(next_due_on__isnull=False).order_by(
            "-next_due_on", "-received_on", "-id"
        )
        undated = filtered.filter(next_due_on__isnull=True).order_by("-received_on", "-id")
    ids = _ids(dated[offset:], PAGE_SIZE)
    if len(ids) == PAGE_SIZE:
        return ids
    dated_count = offset + len(ids) if ids or not offset else dated.count()
    start = max(0, offset - dated_count)
    return ids + _ids(undated[start:], PAGE_SIZE - len(ids))


def _large_queue(
    base: QuerySet[Complaint],
    f: QueueFilters,
    today: dt.date,
    calendar: WorkingCalendar,
    names: dict[int, str],
    labels: dict[str, dict[Any, str]],
    due_limit: dt.date | None,
    in_scope: int,
    calendars: Mapping[int, WorkingCalendar] | None = None,
) -> Queue:
    """More records than can be counted by filter: the total and the page from the
    database, by the indexed columns (the safety words by the priority each record keeps);
    the page's own columns read for its 25 records."""
    filters = _filters_sql(f, today, due_limit)
    filtered = base.filter(filters)
    total = in_scope if not filters else filtered.count()
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, f.page), pages)
    offset = (page - 1) * PAGE_SIZE
    if f.state == State.RECEIVED:  # the triage view: the flagged records first
        ids = _ids(_order(filtered, f.sort, triage=True)[offset:], PAGE_SIZE)
    else:
        ids = _page_ids(filtered, f.sort, offset)
    columns = {
        values[0]: _row(values)
        for values in _with_columns(Complaint.objects.filter(pk__in=ids))
        .order_by()
        .values_list(*_COLUMNS)
    }
    shown = [columns[i] for i in ids if i in columns]
    return Queue(
        rows=_page_rows(shown, calendar, today, names, calendars),
        total=total,
        page=page,
        pages=pages,
        facets={
            name: [
                FacetOption(value, label, None, value == getattr(f, name))
                for value, label in labels[name].items()
            ]
            for name in FACET_FIELDS
        },
        flag_counts=dict.fromkeys(FLAG_FIELDS),
        due_within_counts=dict.fromkeys(DUE_WITHIN_CHOICES),
        counted=False,
    )


#: The most records a download of the queue holds: more than a team works through.
EXPORT_LIMIT = 10_000


def queue_export_rows(
    scope: Scope | GroupScope,
    f: QueueFilters,
    *,
    today: dt.date,
    calendar: WorkingCalendar,
    names: dict[int, str],
    states: dict[str, int | None] | None = None,
    limit: int = EXPORT_LIMIT,
) -> tuple[list[QueueRow], bool]:
    """Issue 12 (6): every record the queue shows with these filters, not one page, in the
    queue's order, up to ``limit``; and whether there were more. Found as ``work_queue``
    finds them: in Python from the filters' columns up to ``FACET_LIMIT`` records, by the
    database past it."""
    base = _in_states(scope, f)
    due_limit = due_by(calendar, today, f.due_within) if f.due_within is not None else None
    in_scope = _known_count(states, f)
    if in_scope is None:
        in_scope = base.count()
    if in_scope <= FACET_LIMIT:
        rows = [_row(values) for values in _with_columns(base).order_by().values_list(*_COLUMNS)]
        matching = [r for r in rows if not _fails(r, f, today, due_limit)]
        matching.sort(key=_sort_key(f.sort, triage=f.state == State.RECEIVED))
    else:
        filtered = base.filter(_filters_sql(f, today, due_limit))
        ids = _ids(_order(filtered, f.sort, triage=f.state == State.RECEIVED), limit + 1)
        columns = {
            values[0]: _row(values)
            for values in _with_columns(Complaint.objects.filter(pk__in=ids))
            .order_by()
            .values_list(*_COLUMNS)
        }
        matching = [columns[i] for i in ids if i in columns]
    return _page_rows(matching[:limit], calendar, today, names), len(matching) > limit


#: The most stages a "mine" or "my team" scope counts records in every state through.
#: Past it (years of a team's closed cases at a million records) only the open states are
#: counted, from the open stages; the other states are shown without a count.
STATE_COUNT_LIMIT = 30_000


def state_counts(scope: Scope | GroupScope) -> dict[str, int | None]:
    """How many records in scope are in each state, for the state filter (counted on the
    ``(landlord, state)`` index). A state missing from the answer has no records; one
    given as None was not counted (see ``STATE_COUNT_LIMIT``)."""
    if scope.handlers is not None and scope.found is None:
        stages = Stage.objects.filter(handler_id__in=scope.handlers).order_by()
        if stages.count() > STATE_COUNT_LIMIT:
            counts: dict[str, int | None] = dict.fromkeys((s.value for s in State), None)
            counts.update(dict.fromkeys(OPEN_STATES, 0))
            counts.update(_counts_by_state(scope.records(open_only=True)))
            return counts
    return dict(_counts_by_state(scope.records()))


def _counts_by_state(qs: QuerySet[Complaint]) -> dict[str, int]:
    """Records by state. ``COUNT(*)``, not of the id: the ``(landlord, state)`` index then
    answers it alone, without reading a row (on PostgreSQL an index-only scan: at the
    largest landlord of the national data set, 85,000 records, 19 ms became 8 ms)."""
    return {row["state"]: row["n"] for row in qs.order_by().values("state").annotate(n=Count("*"))}


def filter_labels(landlord: Landlord, names: dict[int, str]) -> dict[str, dict[Any, str]]:
    """The options of each filter, with their labels, in the order shown."""
    return _labels([landlord], names)


def group_filter_labels(
    landlords: list[Landlord], names: dict[int, str]
) -> dict[str, dict[Any, str]]:
    """The group queue's filter options: every landlord's service areas, contractors, themes
    and handlers, each named with its landlord (two landlords may both have "Repairs")."""
    return _labels(landlords, names, each_landlord=True)


def _labels(
    landlords: list[Landlord], names: dict[int, str], each_landlord: bool = False
) -> dict[str, dict[Any, str]]:
    landlord_names = {landlord.pk: landlord.name for landlord in landlords}

    def named(rows: Iterable[tuple[int, str, int]]) -> dict[int, str]:
        if not each_landlord:
            return {pk: name for pk, name, _ in rows}
        return {pk: f"{name} ({landlord_names[of]})" for pk, name, of in rows}

    ids = list(landlord_names)
    handlers = (
        StaffMembership.objects.filter(landlord_id__in=ids)
        .exclude(role=Role.VIEWER)
        .order_by()
        .values_list("user_id", flat=True)
        .distinct()
    )
    return {
        "landlord": landlord_names,
        "stage": {1: "Stage 1", 2: "Stage 2"},
        "service_area": named(
            ServiceArea.objects.filter(landlord_id__in=ids)
            .order_by("name", "landlord__name")
            .values_list("id", "name", "landlord_id")
        ),
        "contractor": named(
            Contractor.objects.filter(landlord_id__in=ids)
            .order_by("name", "landlord__name")
            .values_list("id", "name", "landlord_id")
        ),
        "theme": named(
            Theme.objects.filter(landlord_id__in=ids)
            .order_by("name", "landlord__name")
            .values_list("id", "name", "landlord_id")
        ),
        "handler": dict(sorted(((u, names.get(u, "")) for u in handlers), key=lambda i: i[1])),
    }


def working_calendars(landlord_ids: Iterable[int]) -> dict[int, WorkingCalendar]:
    """Each landlord's working days (bank holidays and its own closure days, as
    ``Landlord.calendar``), read in one query."""
    ids = list(landlord_ids)
    days: dict[int, set[dt.date]] = {pk: set() for pk in ids}
    for landlord_id, date in ClosureDay.objects.filter(landlord_id__in=ids).values_list(
        "landlord_id", "date"
    ):
        days[landlord_id].add(date)
    return {pk: calendar_for(frozenset(dates)) for pk, dates in days.items()}


# The case file --------------------------------------------------------------------------


def case_get(membership: StaffMembership, reference: str) -> Complaint | None:
    """The complaint with everything its page shows, if this person may see it."""
    return (
        visible_complaints(membership)
        .filter(reference=reference)
        .select_related(
            "landlord",
            "resident__home",
            "home",
            "representative",
            "service_area",
            "contractor",
            "theme",
            "raised_from",
            "logged_by",
        )
        .prefetch_related(
            Prefetch(
                "stages",
                queryset=Stage.objects.select_related("handler", "contractor").prefetch_related(
                    "points",
                    Prefetch("extensions", queryset=Extension.objects.order_by("id")),
                    "remedies",
                    "actions",
                ),
            ),
            "other_service_areas",
            "other_themes",
        )
        .first()
    )


def case_timeline(complaint: Complaint) -> list[Event]:
    """Every event on the timeline, oldest first, with who recorded it and any letter or
    attachment it carries."""
    return list(
        Event.objects.filter(complaint=complaint)
        .select_related("actor", "letter", "attachment", "corrects")
        .order_by("occurred_on", "recorded_at", "id")
    )


@dataclass
class ResidentFlags:
    """What a handler must know about the resident before they act (Code 5.10, 5.14, 3.6)."""

    vulnerabilities: list[VulnerabilityFlag]
    disabilities: list[DisclosedDisability]
    adjustments: list[ReasonableAdjustment]
    restrictions: list[Restriction]


def resident_flags(resident: Resident | None) -> ResidentFlags:
    if resident is None:
        return ResidentFlags([], [], [], [])
    return ResidentFlags(
        vulnerabilities=list(resident.vulnerabilities.filter(ended_on__isnull=True)),
        disabilities=list(resident.disabilities.all()),
        adjustments=list(resident.adjustments.filter(ended_on__isnull=True)),
        restrictions=list(resident.restrictions.filter(ended_on__isnull=True)),
    )


def adjustment_requests_waiting(complaint: Complaint) -> list[AdjustmentRequest]:
    """Code 5.10: support asked for online on this complaint, not yet agreed."""
    return list(complaint.adjustment_requests.filter(agreed_as__isnull=True).order_by("id"))


def case_reads(complaint: Complaint, limit: int = 50) -> list[CaseRead]:
    return list(CaseRead.objects.filter(complaint=complaint).select_related("user")[:limit])


def access_log(landlord: Landlord) -> QuerySet[CaseRead]:
    return CaseRead.objects.filter(landlord=landlord).select_related("user", "complaint")


# Outstanding actions and remedies -------------------------------------------------------


def actions_due(membership: StaffMembership) -> QuerySet[OutstandingAction]:
    """Outstanding actions on the complaints this person may see (Code 6.9f)."""
    return OutstandingAction.objects.filter(
        stage__complaint__in=visible_complaints(membership)
    ).select_related("stage__complaint__resident")


def remedies_due(membership: StaffMembership) -> QuerySet[Remedy]:
    """Remedies on the complaints this person may see (Code section 7)."""
    return Remedy.objects.filter(
        stage__complaint__in=visible_complaints(membership)
    ).select_related("stage__complaint__resident")


# Service requests and member enquiries -------------------------------------------------

#: The owner filter's value for records nobody owns yet.
NO_OWNER = "none"


def open_records(
    membership: StaffMembership, *, kind: str = "", owner: str = ""
) -> QuerySet[Complaint]:
    """The open service requests and member enquiries this person may see (issue 17, item
    3), soonest target first: of one ``kind`` when given, and of one ``owner`` (a user's id,
    or ``NO_OWNER`` for those nobody owns) when given."""
    qs = visible_complaints(membership).filter(
        kind__in=[k.value for k in RECORD_KINDS], state=State.OPEN
    )
    if kind:
        qs = qs.filter(kind=kind)
    if owner == NO_OWNER:
        qs = qs.filter(owner__isnull=True)
    elif owner.isdigit():
        qs = qs.filter(owner_id=int(owner))
    return qs.select_related("owner", "resident", "service_area").order_by(
        F("target_on").asc(nulls_last=True), "received_on", "id"
    )


# Reviews of adjustments and restrictions -------------------------------------------------


def residents_visible(membership: StaffMembership) -> QuerySet[Resident]:
    """The residents this person may see: the landlord's; a contractor's staff only those
    with a complaint allocated to their contractor."""
    qs = Resident.objects.filter(landlord_id=membership.landlord_id)
    if membership.role == Role.CONTRACTOR_HANDLER:
        qs = qs.filter(
            pk__in=visible_complaints(membership)
            .exclude(resident__isnull=True)
            .values("resident_id")
        )
    return qs


def responses_awaiting_approval(
    landlord: Landlord, approver: Any, *, limit: int = 50
) -> list[Stage]:
    """Responses of ``landlord`` decided and waiting for approval before their letter goes
    (issue 17, item 2), soonest due first, leaving out the stages ``approver`` handles
    (someone else approves those). Served by the partial index of the few waiting."""
    return list(
        Stage.objects.filter(landlord=landlord, approved_at__isnull=True)
        .exclude(approval_needed="")
        .exclude(letter_owed="")
        .exclude(handler=approver)
        .select_related("complaint", "handler")
        .order_by("response_due_extended", "id")[:limit]
    )


# Hazard clocks (Awaab's Law) ------------------------------------------------------------


@dataclass(frozen=True)
class HazardClockRow:
    """One hazard on the list of open clocks: the case, its clocks as they stand, the
    soonest open deadline and whether any clock is overdue."""

    hazard: HazardCase
    clocks: tuple[HazardClock, ...]
    next_due_at: dt.datetime | None
    overdue: bool


def open_hazard_clocks(membership: StaffMembership, now: dt.datetime) -> list[HazardClockRow]:
    """Awaab's Law (domain.md §12): the hazards of the complaints this person may see that
    are not yet made safe or still have a clock open, the soonest deadline first (those
    with none open last), each with its clocks worked out at ``now``."""
    from putright.web.access import visible_complaints

    hazards = (
        HazardCase.objects.filter(complaint__in=visible_complaints(membership))
        .filter(Q(made_safe_at__isnull=True) | Q(next_due_at__isnull=False))
        .select_related("complaint", "complaint__resident", "landlord")
        .order_by(F("next_due_at").asc(nulls_last=True), "aware_at", "pk")
    )
    rows = []
    for hazard in hazards:
        clocks = hazard.clocks(now)
        rows.append(HazardClockRow(hazard, clocks, hazard_next_due(clocks), hazard_overdue(clocks)))
    return rows
