"""What the load test's mixed day runs on (issue 16, items 2 and 3), written into the
database beforehand by ``scripts/load_test.py``, and by the test of the journeys.

Either of two data sets:

- ``one_landlord(complaints)``: one landlord's five years, ``benchmarks/staff_bench.py``'s
  ``build`` (the default, ``--complaints``);
- ``national(landlords, homes, years)``: the national-scale data set of ``putright
  generate`` (``putright.demo.national.generate``, ``--national``), of which the mixed day
  runs at the largest landlord by homes, chosen as ``benchmarks/national_bench.py`` does.

Each returns the landlord the day runs at and a description of the data set for the load
test's output: which landlord, its homes and records, the records in all, how long the
seeding took and ``uptime``'s load before and after. Django must be set up; nothing here is
used by the app.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

from django.db.models import Count, Q

from putright.complaints.models import Complaint
from putright.landlords.models import HomesCount, Landlord
from putright.residents.models import Property


def _load() -> str:
    """``uptime``'s load averages (1, 5 and 15 minutes)."""
    return " ".join(f"{n:.2f}" for n in os.getloadavg())


def describe(
    landlord: Landlord, *, source: str, seconds: float, load_before: str
) -> dict[str, Any]:
    """The data set as the load test prints it: the landlord the day runs at, its homes
    (the latest year's count, else the homes on record) and its records by kind and open
    or not, the records of every landlord, and the seeding's time and load."""
    latest = HomesCount.objects.filter(landlord=landlord).order_by("-year").first()
    homes = (
        latest.lcra + latest.lcho
        if latest is not None
        else Property.objects.filter(landlord=landlord).count()
    )
    open_states = ["stage1", "stage2"]
    counts = Complaint.objects.filter(landlord=landlord).aggregate(
        records=Count("id"),
        complaints=Count("id", filter=Q(kind="complaint")),
        open_complaints=Count("id", filter=Q(kind="complaint", state__in=open_states)),
        service_requests=Count("id", filter=Q(kind="service_request")),
        member_enquiries=Count("id", filter=Q(kind="member_enquiry")),
    )
    return {
        "source": source,
        "landlord": {
            "slug": landlord.slug,
            "name": landlord.name,
            "homes": homes,
            **counts,
        },
        "landlords": Landlord.objects.count(),
        "records": Complaint.objects.count(),
        "seconds": round(seconds, 1),
        "load before": load_before,
        "load after": _load(),
    }


def one_landlord(complaints: int, seed: int = 3) -> tuple[Landlord, dict[str, Any]]:
    """``complaints`` records of one landlord over five years (staff_bench's ``build``)."""
    from benchmarks.staff_bench import build

    load_before, began = _load(), time.monotonic()
    build(complaints, seed=seed)
    seconds = time.monotonic() - began
    landlord = Landlord.objects.get()
    source = f"benchmarks/staff_bench.py build({complaints}, seed={seed})"
    return landlord, describe(landlord, source=source, seconds=seconds, load_before=load_before)


def national(
    landlords: int,
    homes: int,
    years: int,
    seed: int | None = None,
    progress: Callable[[str], None] = lambda _: None,
) -> tuple[Landlord, dict[str, Any]]:
    """``putright generate --landlords L --homes H --years Y`` into this (empty) database,
    ``progress`` told after each landlord as the command tells it; returns its largest
    landlord by homes (the last by homes, then slug, as ``benchmarks/national_bench.py``
    chooses it)."""
    from putright.demo.national import DEFAULT_SEED, Shape, default_end, generate
    from putright.landlords.models import today

    shape = Shape(
        landlords=landlords,
        homes=homes,
        years=years,
        seed=DEFAULT_SEED if seed is None else seed,
        end=default_end(today()),
    )
    load_before = _load()
    result = generate(shape, progress=progress)
    slug, _homes = max(result.homes.items(), key=lambda item: (item[1], item[0]))
    landlord = Landlord.objects.get(slug=slug)
    source = (
        f"putright generate --landlords {landlords} --homes {homes} --years {years} "
        f"--seed {shape.seed}"
    )
    described = describe(landlord, source=source, seconds=result.seconds, load_before=load_before)
    described["generated records"] = result.records
    return landlord, described


def summary(described: dict[str, Any]) -> list[str]:
    """``describe``'s figures as lines of the load test's output."""
    at = described["landlord"]
    return [
        f"data set: {described['source']}: {described['records']:,} records of "
        f"{described['landlords']:,} landlord(s), seeded in {described['seconds']:,.1f} s "
        f"(load average {described['load before']} before, {described['load after']} after)",
        f"the mixed day's landlord: {at['slug'] or at['name']} ({at['name']}), {at['homes']:,} homes, "
        f"{at['records']:,} records: {at['complaints']:,} complaints "
        f"({at['open_complaints']:,} open), {at['service_requests']:,} service requests, "
        f"{at['member_enquiries']:,} member enquiries",
    ]
