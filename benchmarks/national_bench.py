"""Benchmark: the national-scale data set (issue 16, item 2; not run by pytest).

    scripts/with-postgres .venv/bin/python benchmarks/national_bench.py \\
        [--landlords 1400] [--homes 4400000] [--years 10] [--seed 2026] [--repeat 3]

Migrates the empty database it is given (``DATABASE_URL``; without one, SQLite in a
temporary directory), runs ``putright generate`` (``putright.demo.national.generate``),
printing its progress and the rows in each table it wrote, then, for the smallest, the
median and the largest landlord by homes, times in-process (Django's test ``Client``, signed
in as one of the landlord's handlers: the view, its queries and its template, no network)
the staff work queue (default view, first page) and a case page (an escalated complaint),
and, through the functions the pages and ``putright report`` call, the annual report JSON
of the last year generated and two breakdowns of it. Each is timed ``--repeat`` times: best
wall and CPU, and p50 and p95 of the walls. Targets (docs/performance.md): pages under
200 ms; reports in seconds. The generation and the measurements run in one invocation, so
one throwaway PostgreSQL cluster holds the data set for both.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PAGE_TARGET_MS = 200.0
BREAKDOWNS = (
    (["received", "upheld"], ["service_area", "handler"]),
    (["responded", "on_time_pct", "compensation_gbp"], ["division", "quarter"]),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--landlords", type=int, default=1_400)
    parser.add_argument("--homes", type=int, default=4_400_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="putright-national-bench-"))
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        os.environ["DATABASE_URL"] = f"sqlite:///{work / 'bench.sqlite3'}"
    os.environ["PUTRIGHT_DATA_DIR"] = str(work)
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "putright.settings")
    sys.path.insert(0, str(ROOT))
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()
    run(options)


def backend_cpu() -> float | None:
    """CPU seconds (user and system) used so far by this connection's PostgreSQL backend,
    read from /proc (the server runs on this machine); None where that cannot be read."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(options: argparse.Namespace) -> None:
    from django.core.management import call_command

    from putright.demo.national import Shape, default_end, generate
    from putright.landlords.models import today
    from putright.rules.counting import financial_year_of

    print(f"machine: {machine()}", flush=True)
    call_command("migrate", verbosity=0)
    shape = Shape(
        landlords=options.landlords,
        homes=options.homes,
        years=options.years,
        seed=options.seed,
        end=default_end(today()),
    )
    backend = backend_cpu()
    began, cpu = time.perf_counter(), time.process_time()
    last = [0.0]

    def progress(line: str) -> None:
        now = time.perf_counter()
        if (
            now - last[0] >= 15
            or line.startswith(f"gen-{options.landlords:04d}")
            or line.startswith("building")
        ):
            last[0] = now
            print(f"  {line}", flush=True)

    result = generate(shape, progress=progress)
    wall, cpu = time.perf_counter() - began, time.process_time() - cpu
    print(
        f"generate: {result.records:,} records in {wall:,.1f} s wall, {cpu:,.1f} s CPU of "
        f"this process ({result.records / wall:,.0f} records/s wall); load {load()}",
        flush=True,
    )
    if backend is not None and (after := backend_cpu()) is not None:
        print(
            f"  PostgreSQL backend CPU: {after - backend:,.1f} s "
            f"({(after - backend) / max(result.records, 1) * 1e6:,.0f} µs a record)"
        )
    for table, rows in table_rows():
        print(f"  {table}: {rows:,} rows")
    print(f"  database size: {database_size()}")
    by_size = sorted(result.homes.items(), key=lambda item: (item[1], item[0]))
    chosen = {
        "smallest": by_size[0],
        "median": by_size[len(by_size) // 2],
        "largest": by_size[-1],
    }
    year = financial_year_of(shape.end)
    print(f"\nmeasured (best of {options.repeat}; year {year}/{(year + 1) % 100}); load {load()}")
    print("| landlord | homes | records | what | best wall | best CPU | p50 | p95 | target |")
    print("|---|---|---|---|---|---|---|---|---|")
    for label, (slug, homes) in chosen.items():
        measure(label, slug, homes, year, options.repeat)
    print(f"load after: {load()}")


def measure(label: str, slug: str, homes: int, year: int, repeat: int) -> None:
    from django.test import Client
    from django.urls import reverse

    from putright.complaints.models import Complaint
    from putright.landlords.models import Landlord, Role, StaffMembership
    from putright.reports.breakdown import breakdown
    from putright.reports.exports import annual_export

    landlord = Landlord.objects.get(slug=slug)
    records = Complaint.objects.filter(landlord=landlord).count()
    handler = (
        StaffMembership.objects.filter(landlord=landlord, role=Role.HANDLER).order_by("id").first()
    )
    assert handler is not None
    client = Client()
    client.force_login(handler.user)
    case = (
        Complaint.objects.filter(landlord=landlord, stages__number=2).order_by("id").first()
        or Complaint.objects.filter(landlord=landlord).order_by("id").first()
    )
    assert case is not None

    def page(url: str) -> Callable[[], Any]:
        def get() -> Any:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            return response

        return get

    work: list[tuple[str, Callable[[], Any], str]] = [
        ("work queue", page(reverse("staff:queue")), "page"),
        (f"case page {case.reference}", page(reverse("staff:case", args=[case.reference])), "page"),
        ("annual report JSON", lambda: annual_export(landlord, year, "json"), "report"),
    ]
    for measures, by in BREAKDOWNS:
        work.append(
            (
                f"breakdown {','.join(measures)} by {' and '.join(by)}",
                lambda m=measures, b=by: breakdown(landlord, year, measures=m, by=b),
                "report",
            )
        )
    for what, call, kind in work:
        walls, cpus = [], []
        for _ in range(repeat):
            began, cpu = time.perf_counter(), time.process_time()
            call()
            walls.append(time.perf_counter() - began)
            cpus.append(time.process_time() - cpu)
        walls_sorted = sorted(walls)
        p95 = walls_sorted[min(len(walls) - 1, round(0.95 * (len(walls) - 1)))]
        if kind == "page":
            target = "met" if min(walls) * 1000 < PAGE_TARGET_MS else "NOT met"
            shown = [f"{t * 1000:,.0f} ms" for t in (min(walls), min(cpus))]
            shown += [f"{statistics.median(walls) * 1000:,.0f} ms", f"{p95 * 1000:,.0f} ms"]
            target = f"under {PAGE_TARGET_MS:.0f} ms: {target}"
        else:
            shown = [f"{t:,.2f} s" for t in (min(walls), min(cpus))]
            shown += [f"{statistics.median(walls):,.2f} s", f"{p95:,.2f} s"]
            target = "seconds: " + ("met" if min(walls) < 10 else "NOT met")
        print(
            f"| {label} {slug} | {homes:,} | {records:,} | {what} | {' | '.join(shown)} | "
            f"{target} |",
            flush=True,
        )


def table_rows() -> list[tuple[str, int]]:
    from django.apps import apps
    from django.db import connection

    names = [
        "landlords.Landlord",
        "landlords.HomesCount",
        "landlords.StaffMembership",
        "auth.User",
        "residents.Resident",
        "complaints.Complaint",
        "complaints.Stage",
        "complaints.Extension",
        "complaints.Remedy",
        "residents.EqualityData",
        "complaints.Event",
    ]
    counted = []
    with connection.cursor() as cursor:
        for name in names:
            table = apps.get_model(name)._meta.db_table
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counted.append((table, cursor.fetchone()[0]))
    return counted


def database_size() -> str:
    from django.db import connection

    if connection.vendor != "postgresql":
        return "(SQLite)"
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        return str(cursor.fetchone()[0])


def load() -> str:
    return " ".join(f"{n:.2f}" for n in os.getloadavg())


def machine() -> str:
    import platform

    from django.db import connection

    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    if connection.vendor == "postgresql":
        database = f"PostgreSQL {connection.cursor().connection.info.server_version}"
    else:
        database = "SQLite"
    return (
        f"{time.strftime('%Y-%m-%d %H:%M')}; {os.cpu_count()} CPUs; {memory:.1f} GiB memory; "
        f"Python {platform.python_version()}; {database}; load average {load()}"
    )


if __name__ == "__main__":
    main()
