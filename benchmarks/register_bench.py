"""Benchmark: import and export a generated register of a million rows (not run by pytest).

    .venv/bin/python benchmarks/register_bench.py [--rows 1000000] [--seed 1]
    scripts/with-postgres .venv/bin/python benchmarks/register_bench.py
    DATABASE_URL=postgres://... .venv/bin/python benchmarks/register_bench.py --export-only
    ... register_bench.py --rows 100000 --keep              # keep the generated file, then
    ... register_bench.py --rows 100000 --register FILE     # import it again, not generating
    ... register_bench.py --import-only --phases --profile OUT   # see below

Generates a register with ``putright.registers.generate``, then, in a fresh SQLite
database under a temporary directory (or, run through ``scripts/with-postgres``, in the
throwaway PostgreSQL database it gives), times what ``putright import-register`` does (read
and check the file, then write it in one transaction) and what ``putright
export-register`` does, and prints rows per second for each with wall-clock and CPU time.
Targets (docs/performance.md): 10,000 rows/s import, 50,000 rows/s export.

``--export-only`` generates and imports nothing: it times the export again of the register
an earlier run loaded into the PostgreSQL database ``DATABASE_URL`` names (a cluster of
your own, kept between runs), so the export can be measured without a new import.
``--import-only`` skips the export; ``--phases`` adds where the write's wall time went
(the ``COPY``s, the other statements, the commit with its deferred checks, ``ANALYZE``,
and what is left: Python); ``--profile OUT`` writes cProfile's statistics of the read and
of the write to ``OUT.read.prof`` and ``OUT.write.prof`` (``python -m pstats``);
``--exclusive`` imports as ``putright import-register --exclusive`` does.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import datetime as dt
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

IMPORT_TARGET = 10_000
EXPORT_TARGET = 50_000
LANDLORD = "Benchmark Homes"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument(
        "--export-only",
        action="store_true",
        help="only export the register already loaded in DATABASE_URL's PostgreSQL database",
    )
    parser.add_argument("--register", type=Path, help="import this file, do not generate one")
    parser.add_argument("--import-only", action="store_true", help="do not time the export")
    parser.add_argument("--phases", action="store_true", help="time the write's parts")
    parser.add_argument("--profile", type=Path, help="write cProfile statistics here")
    parser.add_argument("--exclusive", action="store_true", help="an exclusive import")
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="putright-register-bench-"))
    if options.export_only and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        parser.error("--export-only needs DATABASE_URL naming a loaded PostgreSQL database")
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        # SQLite in the temporary directory, unless scripts/with-postgres gave a database.
        os.environ["DATABASE_URL"] = f"sqlite:///{work / 'bench.sqlite3'}"
    os.environ["PUTRIGHT_DATA_DIR"] = str(work)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "putright.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    try:
        if options.export_only:
            export_again(work)
        else:
            run(work, options)
    finally:
        if options.keep:
            print(f"kept {work}")
        else:
            for path in sorted(work.rglob("*"), reverse=True):
                path.unlink() if path.is_file() else path.rmdir()
            work.rmdir()


def run(work: Path, options: argparse.Namespace) -> None:
    from django.core.management import call_command

    from putright.landlords.models import Landlord
    from putright.registers.generate import generate_rows, write_register
    from putright.registers.importer import register_import
    from putright.registers.validate import parse_register

    print(machine())
    call_command("migrate", verbosity=0)
    landlord = Landlord.objects.create(name=LANDLORD, reference_prefix="BH")
    today = dt.date(2025, 6, 30)
    rows, seed = options.rows, options.seed
    register = options.register or work / "register.csv"
    if options.register is None:
        with register.open("w", encoding="utf-8", newline="") as out:
            (_, generate_time) = timed(
                lambda: write_register(out, generate_rows(rows, today=today, seed=seed))
            )
        size = register.stat().st_size / 1e6
        print(f"generated {rows:,} rows ({size:.0f} MB) in {generate_time[0]:.1f} s")

    profile = options.profile
    with register.open("rb") as stream:
        parsed, read_time = timed(
            lambda: parse_register(stream, today=today), profile and f"{profile}.read.prof"
        )
    assert not parsed.errors, parsed.errors[:5]
    rows = len(parsed.rows)
    phases = Phases() if options.phases else None
    # Named only when asked for, so this script times an importer from before the option.
    exclusive: dict[str, Any] = {"exclusive": True} if options.exclusive else {}
    with phases or contextlib.nullcontext():
        summary, write_time = timed(
            lambda: register_import(
                landlord=landlord,
                rows=parsed.rows,
                dry_run=False,
                **exclusive,
            ),
            profile and f"{profile}.write.prof",
        )
    assert summary.created == rows, summary
    import_time = (read_time[0] + write_time[0], read_time[1] + write_time[1])
    report("import: read and check", rows, read_time)
    report("import: write", rows, write_time)
    report("import (total)", rows, import_time, IMPORT_TARGET)
    if phases is not None:
        phases.report(write_time[0])
    if options.import_only:
        print(f"load average now {load()}")
        return

    export(work, landlord, rows)


def export_again(work: Path) -> None:
    """Time the export of the register an earlier run loaded (``--export-only``)."""
    from putright.complaints.models import Complaint
    from putright.landlords.models import Landlord

    print(machine())
    landlord = Landlord.objects.get(name=LANDLORD)
    export(work, landlord, Complaint.objects.filter(landlord=landlord).count())


def export(work: Path, landlord: Any, rows: int) -> None:
    from putright.registers.exporter import register_export

    exported = work / "export.csv"
    with exported.open("w", encoding="utf-8", newline="") as out:
        count, export_time = timed(lambda: register_export(landlord=landlord, out=out))
    assert count == rows, count
    report("export", rows, export_time, EXPORT_TARGET)
    print(f"database {database_size(work) / 1e9:.2f} GB; load average now {load()}")


def database_size(work: Path) -> int:
    """Bytes the database takes: the SQLite file, or PostgreSQL's own count."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return (work / "bench.sqlite3").stat().st_size
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        return int(cursor.fetchone()[0])


def timed(work: Callable[[], Any], profile: str | None = None) -> tuple[Any, tuple[float, float]]:
    """The result, and (wall-clock seconds, CPU seconds of this process); with
    ``profile``, cProfile's statistics written there (the times then include its cost)."""
    profiler = cProfile.Profile() if profile else None
    wall, cpu = time.perf_counter(), time.process_time()
    if profiler is not None:
        profiler.enable()
    result = work()
    if profiler is not None:
        profiler.disable()
    took = (time.perf_counter() - wall, time.process_time() - cpu)
    if profiler is not None and profile:
        profiler.dump_stats(profile)
    return result, took


class Phases:
    """Wall time of the write's parts: ``COPY``s, other statements, the commit (where
    PostgreSQL runs the deferred foreign-key checks) and ``ANALYZE``; the rest is Python."""

    def __init__(self) -> None:
        self.spent = {"COPY": 0.0, "other statements": 0.0, "commit": 0.0, "ANALYZE": 0.0}
        self.undo: list[Callable[[], None]] = []

    def __enter__(self) -> Phases:
        from django.db import connections

        from putright.complaints import bulk

        connection = connections["default"]
        self._wrap(bulk, "_copy_in", "COPY")
        self._wrap(connection, "_commit", "commit")
        self.statements = connection.execute_wrapper(self._statement)
        self.statements.__enter__()
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.statements.__exit__(*exc_info)
        for undo in reversed(self.undo):
            undo()

    def _wrap(self, owner: Any, name: str, label: str) -> None:
        original = getattr(owner, name)

        def wrapped(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.spent[label] += time.perf_counter() - start

        if name in vars(owner):
            self.undo.append(lambda: setattr(owner, name, original))
        else:  # a method of its class: the instance's own attribute goes again
            self.undo.append(lambda: delattr(owner, name))
        setattr(owner, name, wrapped)

    def _statement(self, execute: Any, sql: str, *args: Any) -> Any:
        start = time.perf_counter()
        try:
            return execute(sql, *args)
        finally:
            label = "ANALYZE" if sql.startswith("ANALYZE") else "other statements"
            self.spent[label] += time.perf_counter() - start

    def report(self, total: float) -> None:
        parts = ", ".join(f"{label} {spent:.1f} s" for label, spent in self.spent.items())
        print(f"write's wall time: {parts}, the rest {total - sum(self.spent.values()):.1f} s")


def report(label: str, rows: int, took: tuple[float, float], target: int | None = None) -> None:
    wall, cpu = took
    line = (
        f"{label:24s} {wall:7.1f} s wall {rows / wall:9,.0f} rows/s"
        f"   {cpu:7.1f} s CPU {rows / cpu:9,.0f} rows/s"
    )
    if target is not None:
        line += f"   target {target:,} rows/s: {'met' if rows / wall >= target else 'NOT met'}"
    print(line, flush=True)


def load() -> str:
    return " ".join(f"{n:.2f}" for n in os.getloadavg())


def machine() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{dt.datetime.now():%Y-%m-%d %H:%M}; {os.cpu_count()} CPUs; {memory:.1f} GiB memory; "
        f"Python {platform.python_version()}; {database_name()}; "
        f"load average {load()}"
    )


def database_name() -> str:
    from django.db import connection

    if connection.vendor == "postgresql":
        return f"PostgreSQL {connection.cursor().connection.info.server_version}"
    return f"SQLite {__import__('sqlite3').sqlite_version}"


if __name__ == "__main__":
    main()
