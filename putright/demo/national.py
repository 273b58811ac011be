"""A national-scale data set (issue 16, item 2): ``putright generate``.

Many landlords of realistic, skewed sizes, each with its homes for every year, its
Christmas shutdown, divisions and service areas, staff (a complaints officer, a senior
handler who takes stage 2, handlers), residents, and years of complaints, service requests
and member enquiries with both stages of the Code, extensions, late responses,
withdrawals, compensation and equality data.

The records are the register generator's (``putright.registers.generate``: internally
consistent rows covering every column) brought in through the register import
(``putright.registers.importer``), so their due dates are those of the rules core
(``putright.rules.timescales`` over each landlord's working-day calendar), their states and
``next_due_on`` are those the services keep, and each record's timeline holds the one
"imported" event the import writes, summarising its history; on PostgreSQL every table goes
in by ``COPY`` (``putright.complaints.bulk``), and the tables are vacuumed and analysed once at the end.

Deterministic: the same arguments give the same landlords, people and records (the times
of writing, ``created_at`` and the events' ``at``, are the clock's). Nothing depends on
today's date except the default end date, the end of the last full financial year before
today (``default_end``), so a given ``--end-date`` always gives the same data.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import math
import random
import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction

from putright.complaints.bulk import tables_analyze, tables_bare_while_loading
from putright.demo.landlord import closure_days_add
from putright.landlords.models import (
    Division,
    HomesCount,
    Landlord,
    Role,
    ServiceArea,
    StaffMembership,
    today,
)
from putright.landlords.services import sub_causes_seed
from putright.registers.generate import generate_rows, write_register
from putright.registers.importer import (
    CHUNK_SIZE,
    WRITTEN_MODELS,
    PeopleSpread,
    chunked,
    register_import,
)
from putright.registers.validate import RegisterRow, parse_register
from putright.residents.models import Resident
from putright.rules.codes import Kind
from putright.rules.counting import financial_year, financial_year_of

#: The seed used when none is given.
DEFAULT_SEED = 2026
#: Stage 1 complaints a year per 1,000 homes when none is given (the sector's usual range
#: is about 40 to 60).
DEFAULT_RATE = 50.0
#: The spread of landlord sizes: log-normal with this sigma, so that among 1,400 landlords
#: holding 4.4 million homes the median holds about 1,200 and the largest about 134,000.
SIZE_SIGMA = 1.4
#: The register generator makes a complaint of this share of its records; the rest are
#: service requests and member enquiries.
COMPLAINT_SHARE = 0.8
#: Register rows written and read back as CSV together (the import's own chunk).
CHUNK = CHUNK_SIZE
#: Homes per handler (at least one handler, at most 40) and per resident on record.
HOMES_PER_HANDLER = 4_000
HOMES_PER_RESIDENT = 100
DIVISIONS = {
    "Property services": ("Repairs / Maintenance", "Estate services", "Leasehold"),
    "Housing management": (
        "Tenancy management",
        "Anti-social behaviour",
        "Lettings and allocations",
        "Rents and service charges",
        "Customer services",
    ),
}
SOURCE = "putright generate"
#: The tables that take nearly all of the rows: loaded into an empty database without their
#: foreign keys and plain indexes, which are put back afterwards.
BARE_MODELS = (*WRITTEN_MODELS, Resident)


class GenerateRefused(Exception):
    """The arguments or the database do not allow a generation: nothing was written."""


@dataclass(frozen=True)
class Shape:
    """What to generate."""

    landlords: int
    homes: int
    years: int
    seed: int = DEFAULT_SEED
    rate: float = DEFAULT_RATE
    end: dt.date = field(default_factory=lambda: default_end(today()))

    @property
    def first(self) -> dt.date:
        """The first day of the first financial year covered."""
        return financial_year(financial_year_of(self.end) - self.years + 1)[0]

    def problems(self) -> list[str]:
        found = []
        if self.landlords < 1:
            found.append("--landlords must be at least 1")
        if self.homes < self.landlords:
            found.append("--homes must be at least --landlords (a landlord has a home or more)")
        if not 1 <= self.years <= 30:
            found.append("--years must be from 1 to 30")
        if not 0 < self.rate <= 1_000:
            found.append("--rate must be more than 0 and at most 1,000 complaints per 1,000 homes")
        if self.landlords > 9_999:
            found.append("--landlords must be at most 9,999 (slugs gen-0001 to gen-9999)")
        return found


@dataclass
class Result:
    """What was generated: per landlord slug, its homes and the generator's own tally of
    stage 1 complaints received per financial year (as the annual report counts them); the
    records in all; and how long it took."""

    homes: dict[str, int] = field(default_factory=dict)
    stage1_received: dict[str, Counter[int]] = field(default_factory=dict)
    records: int = 0
    seconds: float = 0.0


def default_end(today: dt.date) -> dt.date:
    """The last day of the last full financial year (April to March) before ``today``."""
    return financial_year(financial_year_of(today) - 1)[1]


def landlord_sizes(landlords: int, homes: int, seed: int) -> list[int]:
    """Homes for each landlord, adding up to ``homes``: the quantiles of a log-normal
    spread (many small landlords, a few large ones), each at least one home, in an order
    shuffled by ``seed``."""
    normal = statistics.NormalDist()
    weights = [
        math.exp(SIZE_SIGMA * normal.inv_cdf((i + 0.5) / landlords)) for i in range(landlords)
    ]
    spare = homes - landlords  # one home each first
    total = sum(weights)
    shares = [spare * w / total for w in weights]
    sizes = [1 + int(s) for s in shares]
    left = homes - sum(sizes)
    by_remainder = sorted(range(landlords), key=lambda i: (int(shares[i]) - shares[i], i))
    for i in by_remainder[:left]:
        sizes[i] += 1
    random.Random(seed).shuffle(sizes)
    return sizes


def slug_of(number: int) -> str:
    return f"gen-{number:04d}"


def generate(shape: Shape, *, progress: Callable[[str], None] = lambda _: None) -> Result:
    """Build the data set ``shape`` describes; then vacuum and analyse the tables written
    (PostgreSQL; ``tables_analyze``). Refused, writing nothing, if ``shape`` has problems.

    Into a database with no landlords yet (what the command is for), on PostgreSQL, the
    whole data set goes in as one transaction with the bulk tables' foreign keys and plain
    indexes set aside and put back at the end (``tables_bare_while_loading``); into one that
    already has landlords (``--force``), one transaction per landlord, the schema left
    alone."""
    problems = shape.problems()
    if problems:
        raise GenerateRefused("; ".join(problems))
    result = Result()
    started = time.monotonic()
    sizes = landlord_sizes(shape.landlords, shape.homes, shape.seed)
    fresh = not Landlord.objects.exists()
    loading = (
        tables_bare_while_loading([model._meta.db_table for model in BARE_MODELS])
        if fresh
        else contextlib.nullcontext()
    )
    with loading:
        for number, homes in enumerate(sizes, start=1):
            slug = slug_of(number)
            tally = _landlord_generate(shape, number, homes)
            result.homes[slug] = homes
            result.stage1_received[slug] = tally.stage1
            result.records += tally.records
            elapsed = time.monotonic() - started
            progress(
                f"{slug}: {homes:,} homes, {tally.records:,} records; "
                f"{number}/{shape.landlords} landlords, {result.records:,} records in "
                f"{elapsed:,.0f} s ({result.records / max(elapsed, 1e-9):,.0f} records/s)"
            )
        if fresh:
            progress(
                f"building indexes and checking foreign keys after "
                f"{time.monotonic() - started:,.0f} s"
            )
    tables_analyze(
        [
            model._meta.db_table
            for model in (*WRITTEN_MODELS, Resident, StaffMembership, HomesCount)
        ],
        vacuum=True,
    )
    result.seconds = time.monotonic() - started
    return result


@dataclass
class _Tally:
    stage1: Counter[int] = field(default_factory=Counter)
    records: int = 0


def _landlord_generate(shape: Shape, number: int, homes: int) -> _Tally:
    slug = slug_of(number)
    records = round(homes * shape.rate * shape.years / 1_000 / COMPLAINT_SHARE)
    tally = _Tally(records=records)
    rows = generate_rows(
        records,
        today=shape.end,
        first=shape.first,
        seed=shape.seed * 100_003 + number,
        prefix=f"G{number:04d}",
        sub_causes=True,
    )
    with transaction.atomic():
        landlord = _landlord_add(shape, number, homes)
        handlers, senior = _staff_add(landlord, slug, homes)
        residents = _residents_add(landlord, slug, homes)
        register_import(
            landlord=landlord,
            rows=_checked(rows, shape.end, tally),
            source=SOURCE,
            analyze=False,
            people=PeopleSpread(residents=residents, handlers=handlers, senior=senior),
        )
    return tally


def _stage1_received(row: dict[str, str]) -> bool:
    """Whether the annual report counts the row among stage 1 complaints received
    (docs/counting-rules.md): a complaint, under the Housing Ombudsman, accepted."""
    return (
        row["kind"] in ("", Kind.COMPLAINT)
        and row["jurisdiction"] != "lgsco"
        and not row["not_accepted_reason"]
    )


def _checked(rows: Iterable[dict[str, str]], end: dt.date, tally: _Tally) -> Iterator[RegisterRow]:
    """The rows as the register import reads them, a chunk at a time: written as CSV and
    read back by the register's own parser, which checks every cell and rule; each row
    the annual report counts among stage 1 complaints received is counted in ``tally``."""
    for chunk in chunked(rows, CHUNK):
        for row in chunk:
            if _stage1_received(row):
                tally.stage1[financial_year_of(dt.date.fromisoformat(row["received_date"]))] += 1
        text = io.StringIO()
        write_register(text, chunk)
        text.seek(0)
        parsed = parse_register(text, today=end)
        if parsed.errors:  # the generator's rows are valid: this is a bug, said plainly
            raise GenerateRefused(
                f"generated row refused by the register check: {parsed.errors[0]}"
            )
        yield from parsed.rows


def _landlord_add(shape: Shape, number: int, homes: int) -> Landlord:
    slug = slug_of(number)
    landlord = Landlord.objects.create(
        name=f"Generated landlord {number:04d}",
        slug=slug,
        reference_prefix=f"G{number:04d}",
        phone="0300 123 4567",
        email=f"complaints@{slug}.example",
        address=f"{number} High Street, Generated Town GT1 1AA",
        website=f"https://{slug}.example",
    )
    sub_causes_seed(landlord=landlord)
    lcho = homes // 20
    HomesCount.objects.bulk_create(
        HomesCount(landlord=landlord, year=year, lcra=homes - lcho, lcho=lcho)
        for year in range(financial_year_of(shape.first), financial_year_of(shape.end) + 1)
    )
    closure_days_add(landlord, shape.first, shape.end)
    for name, areas in DIVISIONS.items():
        division = Division.objects.create(landlord=landlord, name=name)
        ServiceArea.objects.bulk_create(
            ServiceArea(landlord=landlord, name=area, division=division) for area in areas
        )
    return landlord


def _staff_add(landlord: Landlord, slug: str, homes: int) -> tuple[list[int], int]:
    """A complaints officer, a senior handler and handlers (one per HOMES_PER_HANDLER
    homes, 1 to 40), none able to sign in until given a password. Returns the handlers'
    user ids and the senior handler's."""
    count = min(40, max(1, homes // HOMES_PER_HANDLER))
    people = [
        ("officer", "Complaints", "Officer", Role.OFFICER, "Complaints team"),
        ("senior", "Senior", "Handler", Role.SENIOR_HANDLER, "Head of Housing"),
        *(
            (f"handler-{n:02d}", "Handler", f"{n:02d}", Role.HANDLER, "Housing")
            for n in range(1, count + 1)
        ),
    ]
    users = get_user_model().objects.bulk_create(
        get_user_model()(
            username=f"{slug}-{name}",
            first_name=first,
            last_name=last,
            email=f"{name}@{slug}.example",
            password="!",  # unusable: no one signs in as a generated person
        )
        for name, first, last, _, _ in people
    )
    StaffMembership.objects.bulk_create(
        StaffMembership(user=user, landlord=landlord, role=role, team=team)
        for user, (_, _, _, role, team) in zip(users, people, strict=True)
    )
    return [user.pk for user in users[2:]], users[1].pk


def _residents_add(landlord: Landlord, slug: str, homes: int) -> list[int]:
    count = max(1, homes // HOMES_PER_RESIDENT)
    residents = Resident.objects.bulk_create(
        Resident(
            landlord=landlord,
            name=f"Resident {n:05d} of {slug}",
            tenancy_reference=f"{slug.upper()}-T{n:05d}",
            contact_preference=Resident.ContactPreference.LETTER,
        )
        for n in range(1, count + 1)
    )
    return [resident.pk for resident in residents]
