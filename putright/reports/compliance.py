"""The live compliance view: for each provision of the Code that the record can measure,
this year's figure and the cases that break it (domain.md §9, §10).

Each measure states its population (which records it looks at), what meeting the
provision means, and what a breach looks like. Counts run in the database; the breaches are
listed case by case for the page that links to them. Where a register import cannot hold
what a provision asks about (a letter, a complaint definition, an extension's decision
date), imported records are left out of that measure and the figure says how many.

"Live" means that, for the year that is running, cases still open past their date are
breaches too (an acknowledgement or response overdue today); a past year counts what
happened in it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypedDict, TypeVar

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)

from putright.complaints.models import (
    Complaint,
    Event,
    EventKind,
    Extension,
    OutstandingAction,
    Remedy,
    Stage,
    StagePoint,
    update_given,
)
from putright.landlords.models import Landlord, today
from putright.reports.models import Publication, PublicationKind, ReportNarrative
from putright.reports.periods import Period, year_period
from putright.residents.models import ReasonableAdjustment, Restriction
from putright.rules.calendar import london_date
from putright.rules.codes import Jurisdiction, Kind
from putright.rules.counting import financial_year_label, percent
from putright.rules.lifecycle import StageStatus, State
from putright.rules.publication import publication_due, published_on_time
from putright.rules.timescales import (
    ACKNOWLEDGEMENT_WORKING_DAYS,
    EXTENSION_LIMIT_WORKING_DAYS,
    RESPONSE_WORKING_DAYS,
    acknowledgement_due,
)
from putright.rules.updates import action_update_due, action_update_missed, interval_missed

if TYPE_CHECKING:
    # The type of a record with annotations (django-stubs' own helper, for mypy only).
    from django_stubs_ext import WithAnnotations

OPEN_STATUSES = (StageStatus.REQUESTED, StageStatus.ACKNOWLEDGED)


@dataclass(frozen=True)
class Scope:
    landlord: Landlord
    period: Period
    today: dt.date

    @property
    def live(self) -> bool:
        """The period is running: open cases overdue today count as breaches."""
        return self.period.start <= self.today <= self.period.end

    @property
    def as_of(self) -> dt.date:
        """The day things in force are judged on: today, or the period's last day."""
        return min(self.today, self.period.end)

    @property
    def passed(self) -> dt.date:
        """The last day whose deadlines have passed: yesterday, or the period's last day."""
        return min(self.today - dt.timedelta(days=1), self.period.end)


@dataclass(frozen=True)
class Breach:
    """One case that breaks a provision, and what happened."""

    reference: str | None
    complaint_id: int | None
    what: str
    on: dt.date | None = None


@dataclass(frozen=True)
class Measure:
    provision: str
    title: str
    met: int
    total: int
    sentence: str
    breaches: int
    notes: tuple[str, ...] = ()

    @property
    def pct(self) -> float | None:
        return percent(self.met, self.total)


@dataclass
class _Counted:
    """What a measure's counting gives: the figure and the queries for its breaches."""

    met: int
    total: int
    sentence: str
    breach_lists: list[Callable[[], list[Breach]]] = field(default_factory=list)
    breach_count: int = 0
    notes: list[str] = field(default_factory=list)


def _date(day: dt.date | None) -> str:
    return f"{day:%-d %B %Y}" if day else "no date"


def _between(name: str, period: Period, last: dt.date | None = None) -> Q:
    return Q(**{f"{name}__gte": period.start, f"{name}__lte": last or period.end})


def _stages(scope: Scope, number: int) -> QuerySet[Stage]:
    return Stage.objects.filter(
        landlord=scope.landlord,
        number=number,
        complaint__kind=Kind.COMPLAINT,
        complaint__jurisdiction=Jurisdiction.HOUSING,
    ).order_by()


#: A stage, perhaps with annotations a measure counts by (``WithAnnotations``).
_S = TypeVar("_S", bound=Stage)


class _Imported(TypedDict):
    imported: bool


class _Defined(TypedDict):
    has_points: bool


class _Reasoned(TypedDict):
    has_reason: bool
    has_good_reason: bool


def _imported(ref: str = "complaint") -> Exists:
    return Exists(Event.objects.filter(complaint=OuterRef(ref), kind=EventKind.IMPORTED))


def _ok(condition: Q) -> Case:
    """True where the condition holds, False otherwise, never NULL (a missing date fails)."""
    return Case(
        When(condition, then=Value(True)), default=Value(False), output_field=BooleanField()
    )


def _count(rows: QuerySet) -> tuple[int, int]:
    counts = rows.aggregate(total=Count("pk"), met=Count("pk", filter=Q(ok=True)))
    return counts["met"], counts["total"]


def _stage_breaches(
    rows: QuerySet[_S], describe: Callable[[_S], str], on: str
) -> Callable[[], list[Breach]]:
    def listed() -> list[Breach]:
        return [
            Breach(s.complaint.reference, s.complaint_id, describe(s), getattr(s, on))
            for s in rows.select_related("complaint").order_by(on, "id")
        ]

    return listed


def _of(met: int, total: int, words: str) -> str:
    return f"{met:,} of {total:,} {words}"


# Section 2 and 5.11: decisions not to accept ----------------------------------------------


def _refusals_explained(scope: Scope, number: int) -> _Counted:
    """Code 2.4 (stage 1) and 5.11 (stage 2): a complaint or escalation not accepted is
    explained in writing, with the right to take the decision to the Ombudsman. Made in
    Putright: the "not accepted" or "stage 2 refused" letter was issued. Imported from a
    register: an explanation was recorded."""
    from putright.letters.kinds import LetterKind
    from putright.letters.models import Letter

    kind = LetterKind.NOT_ACCEPTED if number == 1 else LetterKind.ESCALATION_REFUSED
    letter = Exists(Letter.objects.filter(complaint=OuterRef("complaint"), kind=kind))
    rows = (
        _stages(scope, number)
        .filter(_between("requested_on", scope.period))
        .exclude(not_accepted_reason="")
        .annotate(
            imported=_imported(),
            has_letter=letter,
            ok=_ok(Q(has_letter=True) | (Q(imported=True) & ~Q(not_accepted_detail=""))),
        )
    )
    met, total = _count(rows)
    words = (
        "complaints not accepted were told why in writing, with their right to ask the "
        "Ombudsman to look at the decision"
        if number == 1
        else "requests for stage 2 that were refused were told why in writing, with their "
        "right to go to the Ombudsman"
    )
    breaking = rows.filter(ok=False)

    def describe(s: Stage) -> str:
        what = "Not accepted" if number == 1 else "Stage 2 refused"
        return f"{what} ({s.get_not_accepted_reason_display()}); no letter issued" + (
            " and no explanation recorded" if not s.not_accepted_detail else ""
        )

    return _Counted(
        met, total, _of(met, total, words), [_stage_breaches(breaking, describe, "requested_on")]
    )


# Section 3: representatives ---------------------------------------------------------------


def _representative_consent(scope: Scope) -> _Counted:
    """Code 3.6: a representative deals with the complaint with the resident's consent,
    recorded (domain.md §4). Population: complaints received in the period through a
    representative. Met: consent given and not withdrawn by the time it was received."""
    rows = (
        Complaint.objects.filter(
            landlord=scope.landlord,
            kind=Kind.COMPLAINT,
            jurisdiction=Jurisdiction.HOUSING,
            representative__isnull=False,
        )
        .filter(_between("received_on", scope.period))
        .order_by()
        .annotate(
            ok=_ok(
                Q(representative__consent_given_on__isnull=False)
                & (
                    Q(representative__consent_withdrawn_on__isnull=True)
                    | Q(representative__consent_withdrawn_on__gt=F("received_on"))
                )
            )
        )
    )
    met, total = _count(rows)

    def listed() -> list[Breach]:
        breaches = []
        for c in (
            rows.filter(ok=False).select_related("representative").order_by("received_on", "id")
        ):
            representative = c.representative
            if representative is None:  # not in the population, which is represented
                continue
            consent = (
                "the resident's consent was withdrawn"
                if representative.consent_withdrawn_on
                else "no consent from the resident recorded"
            )
            breaches.append(
                Breach(
                    c.reference,
                    c.pk,
                    f"Represented by {representative.get_kind_display().lower()}; {consent}",
                    c.received_on,
                )
            )
        return breaches

    return _Counted(
        met,
        total,
        _of(
            met,
            total,
            "complaints made through a representative had the resident's consent recorded",
        ),
        [listed],
    )


# Section 5: the process -------------------------------------------------------------------


def _definitions(scope: Scope) -> _Counted:
    """Code 5.6: at each stage the landlord sets out the complaint definition (the points and
    the outcomes sought). Population: stage acknowledgements sent in the period, both stages,
    made in Putright (a register does not hold the definition). Met: points and outcomes
    sought recorded."""
    points = Exists(StagePoint.objects.filter(stage=OuterRef("pk")))
    rows = (
        Stage.objects.filter(
            landlord=scope.landlord,
            complaint__kind=Kind.COMPLAINT,
            complaint__jurisdiction=Jurisdiction.HOUSING,
        )
        .filter(_between("acknowledged_on", scope.period))
        .order_by()
        .annotate(imported=_imported(), has_points=points)
    )
    imported = rows.filter(imported=True).count()
    rows = rows.filter(imported=False).annotate(ok=_ok(Q(has_points=True) & ~Q(outcomes_sought="")))
    met, total = _count(rows)

    def describe(s: WithAnnotations[Stage, _Defined]) -> str:
        missing = [
            w
            for w, gap in (
                ("the points", not s.has_points),
                ("the outcomes sought", not s.outcomes_sought),
            )
            if gap
        ]
        return f"Stage {s.number} acknowledged {_date(s.acknowledged_on)} without " + " or ".join(
            missing
        )

    counted = _Counted(
        met,
        total,
        _of(
            met,
            total,
            "stage acknowledgements set out the complaint definition (the points and the outcomes sought)",
        ),
        [_stage_breaches(rows.filter(ok=False), describe, "acknowledged_on")],
    )
    if imported:
        counted.notes.append(
            f"{imported:,} acknowledgements imported from a register are not counted: a "
            "register does not hold the complaint definition."
        )
    return counted


def _reviewed(
    records: QuerySet, scope: Scope, extra_ok: Q | None = None
) -> tuple[QuerySet, int, int]:
    """Records kept under review, each met when its next review is not overdue (and
    ``extra_ok`` holds)."""
    rows = records.annotate(ok=_ok(Q(review_due_on__gte=scope.as_of) & (extra_ok or Q())))
    met, total = _count(rows)
    return rows, met, total


def _latest_reference(resident_field: str = "resident") -> Subquery:
    return Subquery(
        Complaint.objects.filter(resident=OuterRef(resident_field))
        .order_by("-received_on", "-id")
        .values("reference")[:1]
    )


def _latest_id(resident_field: str = "resident") -> Subquery:
    return Subquery(
        Complaint.objects.filter(resident=OuterRef(resident_field))
        .order_by("-received_on", "-id")
        .values("id")[:1]
    )


def _adjustments(scope: Scope) -> _Counted:
    """Code 5.10: agreed reasonable adjustments are kept under active review. Population:
    adjustments in force on the day judged (today, or the period's last day). Met: the next
    review is not overdue."""
    records = (
        ReasonableAdjustment.objects.filter(
            resident__landlord=scope.landlord, agreed_on__lte=scope.as_of
        )
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=scope.as_of))
        .order_by()
    )
    rows, met, total = _reviewed(records, scope)

    def listed() -> list[Breach]:
        return [
            Breach(
                a.latest_reference,
                a.latest_id,
                f"Reasonable adjustment ({a.get_kind_display().lower()}) was due for review on "
                f"{_date(a.review_due_on)}",
                a.review_due_on,
            )
            for a in rows.filter(ok=False)
            .annotate(latest_reference=_latest_reference(), latest_id=_latest_id())
            .order_by("review_due_on", "id")
        ]

    return _Counted(
        met,
        total,
        _of(met, total, "reasonable adjustments in force were reviewed on time"),
        [listed],
    )


def _restrictions(scope: Scope) -> _Counted:
    """Code 5.14: restrictions on contact have their reasons and evidence recorded and are
    kept under regular review (5.15: proportionate). Population: restrictions in force on the
    day judged. Met: reason, evidence and proportionality recorded, review not overdue."""
    records = (
        Restriction.objects.filter(resident__landlord=scope.landlord, starts_on__lte=scope.as_of)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=scope.as_of))
        .order_by()
    )
    complete = ~Q(reason="") & ~Q(evidence="") & ~Q(proportionality="")
    rows, met, total = _reviewed(records, scope, complete)

    def describe(r: Restriction) -> str:
        gaps = [
            name
            for name, value in (
                ("reason", r.reason),
                ("evidence", r.evidence),
                ("why it is proportionate", r.proportionality),
            )
            if not value.strip()
        ]
        parts = []
        if gaps:
            parts.append("no " + ", ".join(gaps) + " recorded")
        if r.review_due_on < scope.as_of:
            parts.append(f"review was due {_date(r.review_due_on)}")
        return "Restriction on contact: " + "; ".join(parts)

    def listed() -> list[Breach]:
        return [
            Breach(r.latest_reference, r.latest_id, describe(r), r.review_due_on)
            for r in rows.filter(ok=False)
            .annotate(latest_reference=_latest_reference(), latest_id=_latest_id())
            .order_by("review_due_on", "id")
        ]

    return _Counted(
        met,
        total,
        _of(
            met,
            total,
            "restrictions on contact in force had their reasons and evidence recorded and were reviewed on time",
        ),
        [listed],
    )


# Section 6: the stages --------------------------------------------------------------------


def _acknowledged(scope: Scope, number: int) -> _Counted:
    """Code 6.2 (stage 1) and 6.11 (stage 2): acknowledged, defined and logged within 5
    working days. Counted as ``acknowledged_within_timescale`` (counting-rules.md): of the
    acknowledgements sent in the period, those on or before the due date. Live: stages not
    acknowledged and past the date, and complaints still awaiting triage past it, are
    breaches too."""
    stages = _stages(scope, number)
    acknowledged = stages.filter(_between("acknowledged_on", scope.period)).annotate(
        ok=_ok(Q(acknowledged_on__lte=F("acknowledgement_due")))
    )
    met, total = _count(acknowledged)
    breach_lists = [
        _stage_breaches(
            acknowledged.filter(ok=False),
            lambda s: (
                f"Acknowledged {_date(s.acknowledged_on)}; it was due {_date(s.acknowledgement_due)}"
            ),
            "acknowledged_on",
        )
    ]
    sentence = _of(
        met,
        total,
        f"stage {number} {'complaints' if number == 1 else 'requests'} acknowledged within "
        f"{ACKNOWLEDGEMENT_WORKING_DAYS} working days",
    )
    overdue_count = 0
    if scope.live:
        overdue = stages.filter(
            status=StageStatus.REQUESTED,
            acknowledged_on__isnull=True,
            acknowledgement_due__lt=scope.today,
        )
        overdue_count = overdue.count()
        breach_lists.append(
            _stage_breaches(
                overdue,
                lambda s: f"Not acknowledged yet; it was due {_date(s.acknowledgement_due)}",
                "acknowledgement_due",
            )
        )
        if number == 1:
            waiting = _awaiting_triage_overdue(scope)
            overdue_count += len(waiting)
            breach_lists.append(lambda: waiting)
        if overdue_count:
            sentence += f"; {overdue_count:,} not acknowledged yet and past the date"
    return _Counted(met, total, sentence, breach_lists)


def _awaiting_triage_overdue(scope: Scope) -> list[Breach]:
    """Complaints logged but not yet triaged whose stage 1 acknowledgement date has passed."""
    calendar = scope.landlord.calendar()
    waiting = Complaint.objects.filter(
        landlord=scope.landlord,
        kind=Kind.COMPLAINT,
        jurisdiction=Jurisdiction.HOUSING,
        state=State.RECEIVED,
    ).order_by("received_on", "id")
    breaches = []
    for c in waiting.only("reference", "received_on"):
        due = acknowledgement_due(calendar, c.received_on)
        if due < scope.today:
            breaches.append(
                Breach(
                    c.reference,
                    c.pk,
                    f"Waiting for triage; acknowledgement was due {_date(due)}",
                    due,
                )
            )
    return breaches


def _responded(scope: Scope, number: int) -> _Counted:
    """Code 6.3 (stage 1, 10 working days) and 6.14 (stage 2, 20 working days), with an
    extension the Code allows (6.4, 6.15). Counted as ``responded_within_agreed_extension``
    (counting-rules.md), with the strict figure beside it. Live: open stages past their
    (extended) response date are breaches too."""
    stages = _stages(scope, number)
    responded = stages.filter(_between("responded_on", scope.period)).annotate(
        ok=_ok(Q(responded_on__lte=F("response_due_extended")))
    )
    met, total = _count(responded)
    strict = responded.filter(responded_on__lte=F("response_due")).count()
    days = RESPONSE_WORKING_DAYS[number]
    sentence = _of(
        met,
        total,
        f"stage {number} responses sent within {days} working days of the acknowledgement "
        f"or within an agreed extension ({strict:,} within {days} working days without one)",
    )
    breach_lists = [
        _stage_breaches(
            responded.filter(ok=False),
            lambda s: (
                f"Responded {_date(s.responded_on)}; it was due {_date(s.response_due_extended)}"
                + (" after an extension" if s.extension_working_days else "")
            ),
            "responded_on",
        )
    ]
    if scope.live:
        overdue = stages.filter(
            status__in=OPEN_STATUSES,
            responded_on__isnull=True,
            response_due_extended__lt=scope.today,
        )
        count = overdue.count()
        if count:
            sentence += f"; {count:,} still open past the date"
        breach_lists.append(
            _stage_breaches(
                overdue,
                lambda s: (
                    (
                        f"Decision recorded {_date(s.decided_on)}, its letter not sent"
                        if s.decided_on
                        else "No response yet"
                    )
                    + f"; it was due {_date(s.response_due_extended)}"
                ),
                "response_due_extended",
            )
        )
    return _Counted(met, total, sentence, breach_lists)


def _extension_limits(scope: Scope, number: int) -> _Counted:
    """Code 6.4 (stage 1) and 6.15 (stage 2): an extension has its reason explained and is
    no longer than 10 / 20 working days in all without good reason. Population: extended
    stages answered in the period (and, live, extended stages still open)."""
    limit = EXTENSION_LIMIT_WORKING_DAYS[number]
    with_reason = Exists(Extension.objects.filter(stage=OuterRef("pk")).exclude(reason=""))
    good_reason = Exists(Extension.objects.filter(stage=OuterRef("pk")).exclude(good_reason=""))
    population = Q(responded_on__gte=scope.period.start, responded_on__lte=scope.period.end)
    if scope.live:
        population |= Q(status__in=OPEN_STATUSES)
    rows = (
        _stages(scope, number)
        .filter(population, extension_working_days__gt=0)
        .annotate(has_reason=with_reason, has_good_reason=good_reason)
        .annotate(
            ok=_ok(
                Q(has_reason=True)
                & (Q(extension_working_days__lte=limit) | Q(has_good_reason=True))
            )
        )
    )
    met, total = _count(rows)

    def describe(s: WithAnnotations[Stage, _Reasoned]) -> str:
        gaps = []
        if not s.has_reason:
            gaps.append("no reason recorded")
        if s.extension_working_days > limit and not s.has_good_reason:
            gaps.append(
                f"{s.extension_working_days} working days in all, more than {limit}, "
                "with no good reason recorded"
            )
        return f"Stage {number} extended: " + "; ".join(gaps)

    return _Counted(
        met,
        total,
        _of(
            met,
            total,
            f"stage {number} extensions had a reason and were within {limit} working days "
            "or had a good reason for more",
        ),
        [_stage_breaches(rows.filter(ok=False), describe, "requested_on")],
    )


def _extension_ombudsman(scope: Scope, number: int) -> _Counted:
    """Code 6.5 (stage 1) and 6.16 (stage 2): when told of an extension the resident is
    given the Ombudsman's contact details. Population: extensions decided in the period in
    Putright (a register does not say when or how an extension was given)."""
    extensions = Extension.objects.filter(
        stage__landlord=scope.landlord,
        stage__number=number,
        stage__complaint__kind=Kind.COMPLAINT,
        stage__complaint__jurisdiction=Jurisdiction.HOUSING,
    ).order_by()
    undated = extensions.filter(
        decided_on__isnull=True, stage__requested_on__lte=scope.period.end
    ).filter(Q(stage__responded_on__isnull=True) | Q(stage__responded_on__gte=scope.period.start))
    rows = extensions.filter(_between("decided_on", scope.period)).annotate(
        ok=_ok(Q(ombudsman_details_given=True))
    )
    met, total = _count(rows)

    def listed() -> list[Breach]:
        return [
            Breach(
                e.stage.complaint.reference,
                e.stage.complaint_id,
                f"Stage {number} extended on {_date(e.decided_on)} without giving the "
                "Ombudsman's contact details",
                e.decided_on,
            )
            for e in rows.filter(ok=False)
            .select_related("stage__complaint")
            .order_by("decided_on", "id")
        ]

    counted = _Counted(
        met,
        total,
        _of(
            met,
            total,
            f"stage {number} extensions gave the resident the Ombudsman's contact details",
        ),
        [listed],
    )
    imported = undated.count()
    if imported:
        counted.notes.append(
            f"{imported:,} extensions imported from a register are not counted: a register "
            "does not say when or how the resident was told."
        )
    return counted


def _response_letters(scope: Scope, number: int) -> _Counted:
    """Code 6.9 (stage 1) and 6.19 (stage 2): the response is confirmed in writing with the
    stage, definition, decision, reasons, remedy, outstanding actions and how to escalate.
    Putright will not issue a response letter that lacks one of them, and a response is
    sent by issuing its letter, so the measure is: of the stage responses sent in the
    period, those sent as such a letter. History imported from a register counts as sent
    so unless the register says not (``s1_letter_sent`` / ``s2_letter_sent`` "no",
    register-csv.md); a response recorded in Putright before its letter was the way to send
    it counts only with its letter issued."""
    from putright.letters.kinds import LetterKind
    from putright.letters.models import Letter

    kind = LetterKind.STAGE1_RESPONSE if number == 1 else LetterKind.STAGE2_RESPONSE
    letter = Exists(Letter.objects.filter(complaint=OuterRef("complaint"), kind=kind))
    rows = (
        _stages(scope, number)
        .filter(_between("responded_on", scope.period))
        .annotate(imported=_imported(), has_letter=letter)
        .annotate(
            ok=_ok(
                Q(response_letter_sent=True)
                | Q(has_letter=True)
                | Q(imported=True, response_letter_sent__isnull=True)
            )
        )
    )
    met, total = _count(rows)
    imported_without = rows.filter(imported=True, response_letter_sent=False).count()

    def describe(s: WithAnnotations[Stage, _Imported]) -> str:
        if s.imported:
            return f"Responded {_date(s.responded_on)}; the register says not by a letter"
        return f"Responded {_date(s.responded_on)}; no stage {number} response letter issued"

    counted = _Counted(
        met,
        total,
        _of(
            met,
            total,
            f"stage {number} responses were sent as a letter with every element the Code requires",
        ),
        [_stage_breaches(rows.filter(ok=False), describe, "responded_on")],
    )
    if imported_without:
        one = imported_without == 1
        counted.notes.append(
            f"{imported_without:,} response{'' if one else 's'} imported from a register "
            f"{'was' if one else 'were'} not sent as a letter with every element, as the "
            "register says."
        )
    return counted


def _different_handler(scope: Scope) -> _Counted:
    """Code 6.13: the person considering the complaint at stage 2 is not the one who
    considered it at stage 1. Population: stage 2 requests received in the period with a
    handler allocated."""
    stage1_handler = Subquery(
        Stage.objects.filter(complaint=OuterRef("complaint"), number=1).values("handler")[:1]
    )
    rows = (
        _stages(scope, 2)
        .filter(
            _between("requested_on", scope.period), not_accepted_reason="", handler__isnull=False
        )
        .annotate(first_handler=stage1_handler)
        .annotate(ok=_ok(Q(first_handler__isnull=True) | ~Q(handler=F("first_handler"))))
    )
    met, total = _count(rows)
    return _Counted(
        met,
        total,
        _of(met, total, "stage 2 complaints had a different handler from stage 1"),
        [
            _stage_breaches(
                rows.filter(ok=False),
                lambda s: "The stage 2 handler also handled stage 1",
                "requested_on",
            )
        ],
    )


def _actions(scope: Scope, number: int) -> _Counted:
    """Code 6.6 (stage 1) and 6.17 (stage 2): outstanding actions are tracked and done
    promptly. Population: actions promised for a date in the period that has passed. Met:
    done on or before it."""
    rows = (
        OutstandingAction.objects.filter(
            stage__landlord=scope.landlord,
            stage__number=number,
            stage__complaint__jurisdiction=Jurisdiction.HOUSING,
        )
        .filter(_between("due_on", scope.period, scope.passed))
        .order_by()
        .annotate(ok=_ok(Q(done_on__lte=F("due_on"))))
    )
    met, total = _count(rows)

    def listed() -> list[Breach]:
        return [
            Breach(
                a.stage.complaint.reference,
                a.stage.complaint_id,
                f"Outstanding action due {_date(a.due_on)}: "
                + (f"done {_date(a.done_on)}" if a.done_on else "not done yet"),
                a.due_on,
            )
            for a in rows.filter(ok=False)
            .select_related("stage__complaint")
            .order_by("due_on", "id")
        ]

    return _Counted(
        met,
        total,
        _of(
            met,
            total,
            f"outstanding actions from stage {number} responses were done by the date promised",
        ),
        [listed],
    )


def _interval_until(stage: Stage, scope: Scope, undone: bool, last_done: dt.date | None) -> dt.date:
    """The last day a stage's update interval is judged to: the day nothing was outstanding
    any more (the stage closed and every action done, or the complaint withdrawn), or the
    last day whose dates have passed."""
    complaint = stage.complaint
    if complaint.withdrawn_on is not None:
        return min(scope.passed, complaint.withdrawn_on)
    if (stage.is_open and complaint.state in (State.STAGE1, State.STAGE2)) or undone:
        return scope.passed
    ended = [d for d in (stage.responded_on, stage.not_accepted_on, last_done) if d]
    return min(scope.passed, max(ended)) if ended else scope.passed


def _updates(scope: Scope) -> _Counted:
    """Code 5.9, 6.6, 6.17: the resident is kept informed. Population: stages with an
    update interval agreed that ran in the period, and outstanding actions not done by a
    date in the period whose update was owed by a day that has passed. Met: every update
    the interval asked for was given by its date (an update letter or a contact to the
    resident, ``putright.rules.updates``), and, for an action, an update was given on or
    after its date by the working day after it (or the action was done by then)."""
    calendar = scope.landlord.calendar()
    stages = list(
        Stage.objects.filter(
            landlord=scope.landlord,
            complaint__jurisdiction=Jurisdiction.HOUSING,
            update_interval__isnull=False,
            update_interval_agreed_on__lte=scope.period.end,
        )
        .select_related("complaint")
        .order_by("update_interval_agreed_on", "id")
    )
    actions = list(
        OutstandingAction.objects.filter(
            stage__landlord=scope.landlord,
            stage__complaint__jurisdiction=Jurisdiction.HOUSING,
        )
        .filter(_between("due_on", scope.period, scope.passed))
        .filter(Q(done_on__isnull=True) | Q(done_on__gt=F("due_on")))
        .select_related("stage__complaint")
        .order_by("due_on", "id")
    )
    complaint_ids = {s.complaint_id for s in stages} | {a.stage.complaint_id for a in actions}
    updates: dict[int, list[dt.date]] = {}
    for complaint_id, on in (
        Event.objects.filter(update_given(), complaint_id__in=complaint_ids)
        .order_by("occurred_on")
        .values_list("complaint_id", "occurred_on")
    ):
        updates.setdefault(complaint_id, []).append(on)
    outstanding: dict[int, tuple[bool, dt.date | None]] = {}
    for complaint_id, done_on in OutstandingAction.objects.filter(
        stage__complaint_id__in={s.complaint_id for s in stages}
    ).values_list("stage__complaint_id", "done_on"):
        undone, last = outstanding.get(complaint_id, (False, None))
        outstanding[complaint_id] = (
            undone or done_on is None,
            max(last, done_on) if last and done_on else last or done_on,
        )

    met = total = 0
    found: list[Breach] = []
    for stage in stages:
        agreed_on = stage.update_interval_agreed_on
        if agreed_on is None or stage.update_interval is None:
            continue
        undone, last_done = outstanding.get(stage.complaint_id, (False, None))
        until = _interval_until(stage, scope, undone, last_done)
        if until < scope.period.start or agreed_on > until:
            continue
        total += 1
        missed = interval_missed(
            calendar,
            interval=stage.update_interval,
            agreed_on=agreed_on,
            updates=updates.get(stage.complaint_id, []),
            until=until,
        )
        if missed is None:
            met += 1
            continue
        found.append(
            Breach(
                stage.complaint.reference,
                stage.complaint_id,
                f"Stage {stage.number}: updates agreed every {stage.update_interval} working "
                f"days from {_date(agreed_on)}; no update given by {_date(missed)}",
                missed,
            )
        )
    for action in actions:
        owed_by = action_update_due(calendar, action.due_on)
        if owed_by > scope.passed:
            continue
        total += 1
        missed = action_update_missed(
            calendar,
            action_due_on=action.due_on,
            done_on=action.done_on,
            updates=updates.get(action.stage.complaint_id, []),
            until=scope.passed,
        )
        if missed is None:
            met += 1
            continue
        found.append(
            Breach(
                action.stage.complaint.reference,
                action.stage.complaint_id,
                f"Outstanding action due {_date(action.due_on)} not done by its date; no "
                f"update to the resident by {_date(missed)}",
                missed,
            )
        )
    found.sort(key=lambda b: (b.on or scope.period.end, b.reference or ""))
    return _Counted(
        met,
        total,
        _of(
            met,
            total,
            "agreed update intervals and overdue outstanding actions had every update to "
            "the resident on time",
        ),
        [lambda: found],
    )


def _remedies(scope: Scope) -> _Counted:
    """Code 7.3: a remedy says what will happen and by when, and is followed through to
    completion. Population: remedies promised for a date in the period that has passed, and
    remedies of responses sent in the period with no date at all. Met: done by the date."""
    remedies = Remedy.objects.filter(
        stage__landlord=scope.landlord, stage__complaint__jurisdiction=Jurisdiction.HOUSING
    ).order_by()
    dated = remedies.filter(_between("due_on", scope.period, scope.passed)).annotate(
        ok=_ok(Q(done_on__lte=F("due_on")))
    )
    undated = remedies.filter(
        due_on__isnull=True,
        stage__responded_on__gte=scope.period.start,
        stage__responded_on__lte=scope.period.end,
    ).annotate(imported=_imported("stage__complaint"))
    imported = undated.filter(imported=True).count()
    undated = undated.filter(imported=False)
    met, dated_total = _count(dated)
    total = dated_total + undated.count()

    def describe(r: Remedy) -> str:
        if r.due_on is None:
            return f"{r.get_kind_display()} with no date by when it will be done"
        return f"{r.get_kind_display()} due {_date(r.due_on)}: " + (
            f"done {_date(r.done_on)}" if r.done_on else "not done yet"
        )

    def listed() -> list[Breach]:
        rows = list(dated.filter(ok=False).select_related("stage__complaint")) + list(
            undated.select_related("stage__complaint")
        )
        rows.sort(key=lambda r: (r.due_on or r.stage.responded_on or scope.period.end, r.pk))
        return [
            Breach(r.stage.complaint.reference, r.stage.complaint_id, describe(r), r.due_on)
            for r in rows
        ]

    counted = _Counted(
        met,
        total,
        _of(met, total, "remedies were done by the date promised"),
        [listed],
    )
    if imported:
        counted.notes.append(
            f"{imported:,} compensation payments imported from a register without a date "
            "are not counted."
        )
    return counted


# Section 8: publishing the annual report ------------------------------------------------


def _publication(scope: Scope) -> _Counted:
    """Code 8.2: the annual report, with the governing body's response alongside it, is
    published after the governing body has responded (``putright.rules.publication``:
    within 10 working days). Counted: the annual reports (of any year) the governing body
    responded to in the period, whose day to publish by has come or which are published.
    Met: the first version published on time. The record of approval is the date of the
    governing body's response on the report's written sections."""
    calendar = scope.landlord.calendar()
    approved = ReportNarrative.objects.filter(
        landlord=scope.landlord,
        governing_body_response_on__gte=scope.period.start,
        governing_body_response_on__lte=min(scope.period.end, scope.today),
    ).order_by("governing_body_response_on", "year")
    first_published = {
        p.year: london_date(p.published_at)
        for p in Publication.objects.filter(
            landlord=scope.landlord, kind=PublicationKind.ANNUAL_REPORT, version=1
        )
    }
    met = 0
    late: list[Breach] = []
    for narrative in approved:
        approved_on = narrative.governing_body_response_on
        assert approved_on is not None  # filtered on above
        due = publication_due(calendar, approved_on)
        published = first_published.get(narrative.year)
        if published is None and due >= scope.today:
            continue  # not due yet
        label = financial_year_label(narrative.year)
        if published_on_time(calendar, approved_on, published):
            met += 1
            continue
        late.append(
            Breach(
                None,
                None,
                f"The annual report for {label}, approved {_date(approved_on)}: "
                + (f"published {_date(published)}" if published else "not published yet")
                + f", due by {_date(due)}",
                due,
            )
        )
    total = met + len(late)
    return _Counted(
        met,
        total,
        _of(
            met,
            total,
            "annual reports approved by the governing body were published on time with its "
            "response",
        ),
        [lambda: late],
    )


@dataclass(frozen=True)
class MeasureDefinition:
    provision: str
    title: str
    count: Callable[[Scope], _Counted]
    #: The figure when there was nothing to count; ``{period}`` is filled in.
    nothing: str


def _stage_measure(
    provision: str, title: str, count: Callable[[Scope, int], _Counted], number: int, nothing: str
) -> MeasureDefinition:
    return MeasureDefinition(provision, title, lambda scope: count(scope, number), nothing)


MEASURES: dict[str, MeasureDefinition] = {
    m.provision: m
    for m in (
        _stage_measure(
            "2.4",
            "Complaints not accepted are told why, with their Ombudsman rights",
            _refusals_explained,
            1,
            "No complaints were refused in {period}.",
        ),
        MeasureDefinition(
            "3.6",
            "Representatives act with the resident's consent",
            _representative_consent,
            "No complaints were made through a representative in {period}.",
        ),
        MeasureDefinition(
            "5.6",
            "The complaint definition is set out at each stage",
            _definitions,
            "No complaints were acknowledged in Putright in {period}.",
        ),
        MeasureDefinition(
            "5.9",
            "The resident is kept informed: updates on time (also Code 6.6, 6.17)",
            _updates,
            "No update intervals were agreed and no outstanding actions were overdue in {period}.",
        ),
        MeasureDefinition(
            "5.10",
            "Reasonable adjustments are kept under review",
            _adjustments,
            "No reasonable adjustments were in force in {period}.",
        ),
        _stage_measure(
            "5.11",
            "Refused escalations are told why, with their Ombudsman rights",
            _refusals_explained,
            2,
            "No requests for stage 2 were refused in {period}.",
        ),
        MeasureDefinition(
            "5.14",
            "Restrictions on contact are evidenced and reviewed",
            _restrictions,
            "No restrictions on contact were in force in {period}.",
        ),
        _stage_measure(
            "6.2",
            f"Stage 1 acknowledged within {ACKNOWLEDGEMENT_WORKING_DAYS} working days",
            _acknowledged,
            1,
            "No stage 1 acknowledgements were sent in {period}.",
        ),
        _stage_measure(
            "6.3",
            f"Stage 1 response within {RESPONSE_WORKING_DAYS[1]} working days",
            _responded,
            1,
            "No stage 1 responses were sent in {period}.",
        ),
        _stage_measure(
            "6.4",
            f"Stage 1 extensions explained and within {EXTENSION_LIMIT_WORKING_DAYS[1]} working days",
            _extension_limits,
            1,
            "No stage 1 complaints were extended in {period}.",
        ),
        _stage_measure(
            "6.5",
            "Stage 1 extensions give the Ombudsman's details",
            _extension_ombudsman,
            1,
            "No stage 1 extensions were decided in Putright in {period}.",
        ),
        _stage_measure(
            "6.6",
            "Stage 1 outstanding actions done on time",
            _actions,
            1,
            "No outstanding actions from stage 1 responses fell due in {period}.",
        ),
        _stage_measure(
            "6.9",
            "Stage 1 response in writing with every element",
            _response_letters,
            1,
            "No stage 1 responses were sent in Putright in {period}.",
        ),
        _stage_measure(
            "6.11",
            f"Stage 2 acknowledged within {ACKNOWLEDGEMENT_WORKING_DAYS} working days",
            _acknowledged,
            2,
            "No stage 2 acknowledgements were sent in {period}.",
        ),
        MeasureDefinition(
            "6.13",
            "A different handler at stage 2",
            _different_handler,
            "No stage 2 complaints with a handler were received in {period}.",
        ),
        _stage_measure(
            "6.14",
            f"Stage 2 response within {RESPONSE_WORKING_DAYS[2]} working days",
            _responded,
            2,
            "No stage 2 responses were sent in {period}.",
        ),
        _stage_measure(
            "6.15",
            f"Stage 2 extensions explained and within {EXTENSION_LIMIT_WORKING_DAYS[2]} working days",
            _extension_limits,
            2,
            "No stage 2 complaints were extended in {period}.",
        ),
        _stage_measure(
            "6.16",
            "Stage 2 extensions give the Ombudsman's details",
            _extension_ombudsman,
            2,
            "No stage 2 extensions were decided in Putright in {period}.",
        ),
        _stage_measure(
            "6.17",
            "Stage 2 outstanding actions done on time",
            _actions,
            2,
            "No outstanding actions from stage 2 responses fell due in {period}.",
        ),
        _stage_measure(
            "6.19",
            "Stage 2 response in writing with every element",
            _response_letters,
            2,
            "No stage 2 responses were sent in Putright in {period}.",
        ),
        MeasureDefinition(
            "7.3",
            "Remedies done by the date promised",
            _remedies,
            "No remedies fell due in {period}.",
        ),
        MeasureDefinition(
            "8.2",
            "The annual report published on time after the governing body's approval",
            _publication,
            "No annual report was approved by the governing body in {period}.",
        ),
    )
}


def provision_sort_key(number: str) -> tuple[int, int]:
    section, item = number.split(".")
    return int(section), int(item)


def _scope(landlord: Landlord, year: int, on: dt.date | None) -> Scope:
    return Scope(landlord, year_period(year), on or today())


def _breaches_of(counted: _Counted) -> list[Breach]:
    found: list[Breach] = []
    for listed in counted.breach_lists:
        found.extend(listed())
    return found


def measure(landlord: Landlord, year: int, provision: str, *, on: dt.date | None = None) -> Measure:
    """One provision's figure for the year."""
    definition = MEASURES[provision]
    scope = _scope(landlord, year, on)
    return _measure(definition, definition.count(scope), scope)


def _measure(definition: MeasureDefinition, counted: _Counted, scope: Scope) -> Measure:
    breaches = counted.total - counted.met
    extra = _extra_breaches(counted)
    sentence = counted.sentence
    if counted.total == 0:
        sentence = definition.nothing.format(period=scope.period.label)
        if extra:
            sentence += f" {extra:,} still open {'is' if extra == 1 else 'are'} past the date."
    return Measure(
        provision=definition.provision,
        title=definition.title,
        met=counted.met,
        total=counted.total,
        sentence=sentence,
        breaches=breaches + extra,
        notes=tuple(counted.notes),
    )


def _extra_breaches(counted: _Counted) -> int:
    """Breaches outside the counted population (open cases overdue today): the lists beyond
    the first, counted by listing them (they are few: only what is overdue now)."""
    if len(counted.breach_lists) <= 1:
        return 0
    return sum(len(listed()) for listed in counted.breach_lists[1:])


def measures(landlord: Landlord, year: int, *, on: dt.date | None = None) -> list[Measure]:
    """Every measurable provision's figure for the year, in the Code's order."""
    scope = _scope(landlord, year, on)
    return [
        _measure(definition, definition.count(scope), scope)
        for number, definition in sorted(
            MEASURES.items(), key=lambda item: provision_sort_key(item[0])
        )
    ]


def breaches(
    landlord: Landlord, year: int, provision: str, *, on: dt.date | None = None
) -> list[Breach]:
    """The cases that break the provision in the year, oldest first within each kind."""
    definition = MEASURES[provision]
    return _breaches_of(definition.count(_scope(landlord, year, on)))


def measures_with_breaches(
    landlord: Landlord, year: int, *, on: dt.date | None = None
) -> list[tuple[Measure, list[Breach]]]:
    """Every measurable provision's figure for the year with the cases that break it, in
    the Code's order, each provision counted once (for ``putright report compliance``)."""
    scope = _scope(landlord, year, on)
    found = []
    for _, definition in sorted(MEASURES.items(), key=lambda item: provision_sort_key(item[0])):
        counted = definition.count(scope)
        found.append((_measure(definition, counted, scope), _breaches_of(counted)))
    return found
