"""A realistic random register, for the tests and the benchmark.

Rows are internally consistent (dates run forward, nothing after ``today``, a service
request has no stages, a complaint not accepted has no stage 1 response) and cover every
column and kind: late acknowledgements and responses, extensions within and over the
Code's limits, withdrawals at either stage, complaints not accepted, escalations refused
and answered, compensation, equality data, contractors, LGSCO complaints, text that needs
CSV quoting. The same seed gives the same rows. Pure Python: no Django.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
from collections.abc import Iterable, Iterator, Sequence
from typing import IO

from putright.registers.columns import COLUMN_NAMES
from putright.rules.calendar import WorkingCalendar
from putright.rules.codes import (
    DEFAULT_SUB_CAUSES,
    AgeBand,
    Channel,
    CompensationReason,
    Disability,
    EscalationReason,
    ExtensionReason,
    Kind,
    MemberRole,
    NotAcceptedReason,
    Outcome,
    RootCause,
    Sex,
    Tenure,
)
from putright.web.spreadsheets import csv_writer

SERVICE_AREAS = (
    "Repairs / Maintenance",
    "Tenancy management",
    "Anti-social behaviour",
    "Lettings and allocations",
    "Rents and service charges",
    "Estate services",
    "Customer services",
    "Leasehold",
)
CONTRACTORS = ("Mears", "Wates Living Space", "Osborne Property Services", "Fortem")
THEMES = (
    "Damp and mould",
    "Repairs delay",
    "Contractor conduct",
    "Staff conduct",
    "Communication",
    "Allocations",
    "Noise",
    "Heating and hot water",
)
ROOT_CAUSE_DETAILS = {
    RootCause.COMMUNICATION: ("Not kept informed", "Delay in responding", "Incorrect information"),
    RootCause.POLICY_PROCEDURE: ("Policy not followed", "Policy unclear", "Procedure gap"),
    RootCause.SERVICE_FAILURE: ("Delay", "Standard not met", "Appointment missed"),
}
DESCRIPTIONS = (
    "The repair to my boiler was reported in January and is still not done.",
    'Damp and mould in the bedroom; the operative said "it\'s condensation" and left.',
    "Nobody came to the appointment, again, and I took the day off work.",
    "My neighbour's noise has been reported many times.\nNothing has changed.",
    "I was charged £120 for a service I never received.",
    "The caretaker was rude to my son, Zoë, on the stairs.",
    "Water is coming through the ceiling from the flat above",
    "The communal door entry system has been broken for six weeks",
    "",
)
EXTENSION_REASONS = (
    "Waiting for a specialist damp survey",
    "The contractor's report is not back yet",
    "Complex case: several departments involved",
    "",
)
ETHNICITIES = (
    "White British",
    "White Irish",
    "Black British, Caribbean",
    "Asian British: Indian",
    "Mixed: White and Black African",
    "Any other ethnic group",
)
_CHANNELS = tuple(Channel.values())
_TENURES = tuple(Tenure.values())
_OUTCOMES = tuple(Outcome.values())
_COMPENSATION_REASONS = tuple(CompensationReason.values())
_ESCALATION_REASONS = tuple(EscalationReason.values())
_NOT_ACCEPTED = tuple(NotAcceptedReason.values())
_ROOT_CAUSES = tuple(RootCause)
_EXTENSION_REASONS = tuple(ExtensionReason.values())
MEMBERS = (
    "Cllr Priya Shah",
    "Jo Adebayo MP",
    "Cllr Tom O'Neill",
    "Sarah Lee-Whitfield",
)
_MEMBER_ROLES = tuple(MemberRole.values())
_AMOUNTS = ("50", "75", "100", "150", "250", "41.50", "1250", "600.25", "25.5", "0.99")


def generate_rows(
    count: int,
    *,
    today: dt.date,
    seed: int = 0,
    prefix: str = "HIST",
    years: int = 4,
    sub_causes: bool = False,
    first: dt.date | None = None,
) -> Iterator[dict[str, str]]:
    """``count`` register rows as {column: cell}, received over the ``years`` before
    ``today`` (or, given ``first``, from ``first`` to ``today``), references
    ``PREFIX-000001`` onwards. ``sub_causes``: most root causes carry a sub-cause from the
    default list (``DEFAULT_SUB_CAUSES``), which the landlord importing them must have (a
    new landlord does)."""
    rng = random.Random(seed)
    span = years * 365 if first is None else (today - first).days + 1
    for number in range(1, count + 1):
        cells = _row(rng, f"{prefix}-{number:06d}", today, span)
        _coded_detail(cells, sub_causes=sub_causes)
        _record_detail(cells, today)
        yield cells


def write_register(
    out: IO[str], rows: Iterable[dict[str, str]], columns: Sequence[str] = COLUMN_NAMES
) -> int:
    """Write rows as a register CSV with ``columns`` in that order; return how many."""
    writer = csv_writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow([row.get(name, "") for name in columns])
        count += 1
    return count


def _iso(day: dt.date) -> str:
    return day.isoformat()


def _chance(rng: random.Random, p: float) -> bool:
    return rng.random() < p


def _row(rng: random.Random, reference: str, today: dt.date, span: int) -> dict[str, str]:
    received = today - dt.timedelta(days=rng.randrange(span))
    roll = rng.random()
    kind = "complaint" if roll < 0.8 else "service_request" if roll < 0.9 else "member_enquiry"
    cells = dict.fromkeys(COLUMN_NAMES, "")
    cells["reference"] = reference
    # The default kind is left empty now and then, and a code is sometimes written loosely:
    # both are valid register input.
    cells["kind"] = "" if kind == "complaint" and _chance(rng, 0.1) else kind
    cells["received_date"] = _iso(received)
    channel = rng.choice(_CHANNELS)
    cells["channel"] = f" {channel.title()} " if _chance(rng, 0.02) else channel
    cells["jurisdiction"] = "lgsco" if _chance(rng, 0.04) else "housing"
    cells["tenure"] = "" if _chance(rng, 0.1) else rng.choice(_TENURES)
    cells["stock_type"] = rng.choice(("lcra", "lcra", "lcra", "lcho", "none", ""))
    cells["service_area"] = rng.choice(SERVICE_AREAS)
    cells["handled_by"] = rng.choice(CONTRACTORS) if _chance(rng, 0.2) else ""
    cells["theme"] = rng.choice(THEMES) if _chance(rng, 0.7) else ""
    cells["description"] = rng.choice(DESCRIPTIONS)
    cells["vulnerable"] = rng.choice(("yes", "no", "no", ""))
    if _chance(rng, 0.4):
        _equality(rng, cells)
    if kind == "complaint":
        _complaint_history(rng, cells, received, today)
        _stage_handlers(cells)
    return cells


def _stage_handlers(cells: dict[str, str]) -> None:
    """Who handled each stage: the record's handler, except that a quarter of the
    escalated complaints change hands at stage 2 (a contractor answers stage 1 and the
    landlord stage 2, or the other way round). Drawn from the reference, so the rest of
    the register is the same as without it."""
    cells["s1_handled_by"] = cells["handled_by"]
    if not cells["escalation_requested_date"]:
        return
    own = random.Random(cells["reference"])
    stage2 = cells["handled_by"]
    if own.random() < 0.25:
        stage2 = "" if stage2 else own.choice(CONTRACTORS)
    cells["s2_handled_by"] = stage2


def _coded_detail(cells: dict[str, str], *, sub_causes: bool) -> None:
    """Issue 13, item 5: each extension's reason code (now and then none, as in a register
    kept before the code list), and with ``sub_causes`` a sub-cause under most root causes.
    Drawn from the reference, so the rest of the register is the same as without them."""
    own = random.Random(f"{cells['reference']} codes")
    for n in (1, 2):
        if cells[f"s{n}_extension_working_days"] and own.random() < 0.85:
            cells[f"s{n}_extension_reason_code"] = own.choice(_EXTENSION_REASONS)
    cause = cells["root_cause"]
    if sub_causes and cause and own.random() < 0.8:
        cells["sub_cause"] = own.choice([c for root, c, _ in DEFAULT_SUB_CAUSES if root == cause])


@functools.cache
def _calendar() -> WorkingCalendar:
    return WorkingCalendar()


def _record_detail(cells: dict[str, str], today: dt.date) -> None:
    """Issue 17, item 3: a service request's or member enquiry's target date (mostly the
    default 10 working days, now and then a target the landlord had then), its response
    when it has come (late now and then, none yet for some), and a member enquiry's
    councillor or MP. Drawn from the reference, so the rest of the register is the same as
    without them."""
    kind = cells["kind"]
    if kind not in (Kind.SERVICE_REQUEST, Kind.MEMBER_ENQUIRY):
        return
    own = random.Random(f"{cells['reference']} record")
    received = dt.date.fromisoformat(cells["received_date"])
    days = own.choice((10, 10, 10, 5, 20))
    cells["record_target_date"] = _iso(_calendar().add_working_days(received, days))
    if own.random() < 0.85:
        responded = _after(own, received, 0, days * 7 // 5 + (20 if own.random() < 0.2 else 0))
        if responded <= today:
            cells["record_responded_date"] = _iso(responded)
    if kind == Kind.MEMBER_ENQUIRY and own.random() < 0.9:
        cells["member_name"] = own.choice(MEMBERS)
        cells["member_role"] = own.choice(_MEMBER_ROLES)


def _equality(rng: random.Random, cells: dict[str, str]) -> None:
    cells["age_band"] = rng.choice(AgeBand.values())
    cells["sex"] = rng.choice(Sex.values())
    cells["ethnicity"] = rng.choice(ETHNICITIES) if _chance(rng, 0.8) else ""
    cells["disability"] = rng.choice(Disability.values())


def _after(rng: random.Random, day: dt.date, low: int, high: int) -> dt.date:
    return day + dt.timedelta(days=rng.randint(low, high))


def _complaint_history(
    rng: random.Random, cells: dict[str, str], received: dt.date, today: dt.date
) -> None:
    """Stage 1, then perhaps stage 2, stopping where ``today`` falls: later steps have not
    happened yet."""
    if _chance(rng, 0.06):
        cells["not_accepted_reason"] = rng.choice(_NOT_ACCEPTED)
        cells["not_accepted_detail"] = "Explained to the resident, with their Ombudsman rights."
        return
    responded = _stage(rng, cells, 1, received, today)
    if responded is None:
        return
    if _chance(rng, 0.85):
        cause = rng.choice(_ROOT_CAUSES)
        cells["root_cause"] = cause.value
        cells["root_cause_detail"] = rng.choice(ROOT_CAUSE_DETAILS[cause])
    if not _chance(rng, 0.2):
        return
    requested = _after(rng, responded, 0, 60)
    if requested > today:
        return
    cells["escalation_requested_date"] = _iso(requested)
    cells["escalation_reason"] = rng.choice(_ESCALATION_REASONS) if _chance(rng, 0.7) else ""
    if _chance(rng, 0.05):
        cells["s2_not_accepted_reason"] = rng.choice(_NOT_ACCEPTED)
        return
    if _stage(rng, cells, 2, requested, today) is not None and _chance(rng, 0.2):
        cells["ombudsman_reference"] = f"HOS-{rng.randint(100000, 999999)}"


def _stage(
    rng: random.Random, cells: dict[str, str], number: int, started: dt.date, today: dt.date
) -> dt.date | None:
    """One stage: acknowledged (late one time in ten), perhaps extended (now and then past
    the Code's limit; half the time with the date agreed, now and then after the response
    was due), perhaps withdrawn, responded (sometimes late). Returns the response date, or
    None when the stage is still open or was withdrawn."""
    s = f"s{number}_"
    acknowledged = _after(rng, started, 0, 6) if _chance(rng, 0.9) else _after(rng, started, 8, 25)
    if acknowledged > today:
        return None
    cells[s + "acknowledged_date"] = _iso(acknowledged)
    limit = 10 if number == 1 else 20
    response_days = 14 if number == 1 else 28
    extension = 0
    if _chance(rng, 0.12):
        extension = (
            rng.randint(1, limit) if _chance(rng, 0.85) else rng.randint(limit + 1, 3 * limit)
        )
        cells[s + "extension_working_days"] = str(extension)
        cells[s + "extension_reason"] = rng.choice(EXTENSION_REASONS)
        if _chance(rng, 0.5):
            agreed = _after(rng, acknowledged, 1, response_days + 7)
            cells[s + "extension_agreed_date"] = _iso(min(agreed, today))
    late = rng.randint(1, 30) if _chance(rng, 0.15) else 0
    responded = _after(rng, acknowledged, 1, response_days + extension * 7 // 5 + late)
    if _chance(rng, 0.04):
        cells["withdrawn_date"] = _iso(min(_after(rng, acknowledged, 0, 10), today))
        return None
    if responded > today:
        return None
    cells[s + "responded_date"] = _iso(responded)
    cells[s + "outcome"] = rng.choice(_OUTCOMES)
    if late:  # said for the late ones only; the longest overdue went without a full letter
        cells[s + "letter_sent"] = "no" if late > 25 else "yes"
    if _chance(rng, 0.22):
        cells[s + "compensation_gbp"] = rng.choice(_AMOUNTS)
        cells[s + "compensation_reason"] = rng.choice(_COMPENSATION_REASONS)
    return responded
