"""The body of scripts/load-test (docs/performance.md, "The web tier under load"): a staff day
at one landlord, driven by locust from a second process on this machine, loopback only.

Against the throwaway PostgreSQL that scripts/with-postgres gives in DATABASE_URL: migrates,
seeds one landlord's five years (benchmarks/staff_bench.py's ``build``: ``--complaints``
records with their stages, residents, homes and timeline), or with ``--national
LANDLORDS,HOMES,YEARS`` the national-scale data set (``putright generate``; 1400,4400000,10
is the national size) and runs the day at its largest landlord by homes (both in
benchmarks/load/seed.py, which prints the landlord, its homes and records, the records in
all, the seeding's time and the load average), makes the people of
benchmarks/load/people.py, starts gunicorn (gthread) on 127.0.0.1, the db_worker, and the
SMTP sink of scripts/deploy_check.py (each resident's latest email is also written to a
folder, where the load test reads its code), then runs locust headless three times, each
bounded in time and requests:

1. ``BareViewUser``: a Django view that does nothing (benchmarks/load/urls.py), as fast as
   ``--baseline-users`` users with kept-open connections can ask;
2. ``ApiWriteUser``: ``POST /api/v1/complaints``, with the same users and settings;
3. the mixed day: ``--users`` (71: 50 staff, 20 residents, 1 integration) for ``--run-time``;
   the integration writes without pause, or ``--integration-pause`` seconds apart.

Prints the data set, each phase's locust figures (p50, p95, p99, requests/s, failures), the
API's write rate beside the bare view's, the CPU each part used, and ``uptime`` before and
after; ``--json`` writes the data set's description (``"phase": "seed"``) first, then each
phase's figures.

    scripts/load-test [--complaints 20000 | --national LANDLORDS,HOMES,YEARS]
                      [--workers 3] [--threads 4] [--run-time 180]
                      [--phases bare,api-write,mixed-day] [--integration-pause 0]

``--phases bare,api-write`` runs only the baseline and the API's writes (about two minutes
with the seeding), to measure the API's write rate without the mixed day. The national
size takes 16 to 19 minutes to generate on two CPUs (docs/performance.md), so give it time:
``LOAD_TEST_TIMEOUT=2700 scripts/load-test --national 1400,4400000,10 --phases mixed-day``.
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import os
import resource
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import psutil
import requests
from deploy_check import CheckFailed, MailSink, Processes, free_port, tail

ROOT = Path(__file__).resolve().parents[1]
LOAD = ROOT / "benchmarks" / "load"
STARTED = time.monotonic()


def say(message: str) -> None:
    print(f"load-test: [{time.monotonic() - STARTED:5.1f} s] {message}", flush=True)


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def keep_latest_emails(sink: MailSink, outbox: Path) -> None:
    """Write the plain text of each email the sink receives to ``outbox/<recipient>``
    (the latest one wins), for the load test's residents to read their codes from."""
    written = 0
    while True:
        with sink.arrived:
            while len(sink.messages) == written:
                sink.arrived.wait()
            new = sink.messages[written:]
            written = len(sink.messages)
        for recipients, message in new:
            body = message.get_body(("plain",))
            text = body.get_content() if body is not None else ""
            for recipient in recipients:
                part = outbox / f".{recipient}.part"
                part.write_text(f"Subject: {message['Subject']}\n\n{text}")
                part.replace(outbox / recipient)


def seed(
    complaints: int,
    national: tuple[int, int, int] | None,
    outbox: Path,
    staff: int,
    residents: int,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Seed the data set (``benchmarks/load/seed.py``: one landlord's ``complaints``
    records, or the ``national`` data set of ``putright generate``) and make the people of
    the landlord the day runs at; returns the people and the data set's description."""
    import django

    django.setup()
    from benchmarks.load import seed as data_sets
    from benchmarks.load.people import make_people

    if national is None:
        landlord, described = data_sets.one_landlord(complaints)
    else:
        last = [time.monotonic()]

        def progress(line: str) -> None:
            if time.monotonic() - last[0] >= 60 or line.startswith("building"):
                last[0] = time.monotonic()
                say(f"  {line}")

        from putright.demo.national import GenerateRefused

        try:
            landlord, described = data_sets.national(*national, progress=progress)
        except GenerateRefused as refused:
            raise CheckFailed(f"putright generate refused: {refused}") from refused
    for line in data_sets.summary(described):
        say(line)
    people = make_people(
        landlord=landlord,
        staff=staff,
        residents=residents,
        outbox=str(outbox),
        # putright generate's residents are reached by letter: give those of open
        # complaints an email address, for the portal's codes.
        give_emails=national is not None,
    )
    say(
        f"people: {len(people['staff'])} officers, {len(people['residents'])} residents of "
        f"open complaints, an API key, at {people['site'] or 'the root'}"
    )
    if len(people["residents"]) < residents:
        raise CheckFailed(
            f"only {len(people['residents'])} residents of open complaints with an email "
            f"address, not {residents}"
        )
    return people, described


def wait_until_up(base: str, processes: Processes) -> None:
    deadline = time.monotonic() + 60
    while True:
        processes.check_alive()
        try:
            if requests.get(f"{base}/healthz", timeout=5).status_code in {200, 503}:
                return
        except requests.RequestException:
            pass
        if time.monotonic() > deadline:
            raise CheckFailed("gunicorn did not answer /healthz within 60 s")
        time.sleep(0.3)


class CpuMeter:
    """CPU seconds used by each part (gunicorn, the worker, this run's PostgreSQL, each with
    its child processes) over a span. Other people's processes on the machine are not
    counted, though they share its two cores (``uptime`` says how busy it was)."""

    def __init__(self, parts: dict[str, int]) -> None:
        self.parts = parts
        self.start = self.read()
        self.started = time.monotonic()

    def read(self) -> dict[int, tuple[str, float]]:
        seen = {}
        for name, pid in self.parts.items():
            try:
                root = psutil.Process(pid)
                family = [root, *root.children(recursive=True)]
            except psutil.Error:
                continue
            for process in family:
                try:
                    times = process.cpu_times()
                except psutil.Error:
                    continue
                seen[process.pid] = (name, times.user + times.system)
        return seen

    def used(self) -> dict[str, float]:
        end = self.read()
        totals: dict[str, float] = {}
        for pid, (name, cpu) in end.items():
            before = self.start.get(pid, (name, 0.0))[1]
            totals[name] = totals.get(name, 0.0) + cpu - before
        wall = time.monotonic() - self.started
        return {"wall": wall, **{k: round(v, 1) for k, v in sorted(totals.items())}}


class LockSampler:
    """Twice a second, how many of this run's database sessions are running a query and how
    many of those wait for a lock another session holds (pg_stat_activity): writes that
    queue behind each other show here, not as CPU."""

    def __init__(self) -> None:
        import psycopg

        self.connection = psycopg.connect(os.environ["DATABASE_URL"], autocommit=True)
        self.samples: list[tuple[int, int]] = []
        self.waiting: collections.Counter[str] = collections.Counter()
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self) -> None:
        query = (
            "SELECT count(*) FILTER (WHERE state = 'active'),"
            " count(*) FILTER (WHERE state = 'active' AND wait_event_type = 'Lock')"
            " FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        waiting = (
            "SELECT left(query, 70) FROM pg_stat_activity WHERE datname = current_database()"
            " AND state = 'active' AND wait_event_type = 'Lock'"
        )
        while not self.stopping.wait(0.5):
            row = self.connection.execute(query).fetchone()
            if row is not None:
                self.samples.append((int(row[0]), int(row[1])))
            self.waiting.update(r[0] for r in self.connection.execute(waiting).fetchall())

    def stop(self) -> dict[str, float | str]:
        self.stopping.set()
        self.thread.join()
        self.connection.close()
        n = len(self.samples) or 1
        return {
            "active": round(sum(a for a, _ in self.samples) / n, 2),
            "waiting for a lock": round(sum(w for _, w in self.samples) / n, 2),
            "most often waiting": repr(self.waiting.most_common(1)[0][0]) if self.waiting else "-",
        }


def postmaster() -> int:
    """This run's PostgreSQL server: the one listening on DATABASE_URL's port."""
    port = urlsplit(os.environ["DATABASE_URL"]).port
    for process in psutil.process_iter(["cmdline"]):
        command = process.info["cmdline"] or []
        if command and command[0].endswith("postgres") and f"{port}" in command:
            return int(process.pid)
    raise CheckFailed(f"no PostgreSQL server found listening on port {port}")


def locust(
    phase: str,
    base: str,
    work: Path,
    env: dict[str, str],
    classes: list[str],
    parts: dict[str, int],
    users: int,
    spawn_rate: int,
    seconds: int,
    max_requests: int,
) -> dict[str, Any]:
    prefix = work / phase
    command = [
        str(Path(sys.executable).parent / "locust"),
        "-f",
        str(LOAD / "locustfile.py"),
        "--headless",
        "--host",
        base,
        "-u",
        str(users),
        "-r",
        str(spawn_rate),
        "--run-time",
        f"{seconds}s",
        "--stop-timeout",
        "10",
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
        *classes,
    ]
    say(f"{phase}: {' '.join(command[1:])}")
    meter = CpuMeter(parts)
    locks = LockSampler()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        command,
        env={**env, "LOAD_TEST_MAX_REQUESTS": str(max_requests)},
        capture_output=True,
        text=True,
        timeout=seconds + 60,
    )
    cpu = meter.used()
    sessions = locks.stop()
    # locust has ended by now, so it is counted as a finished child of this process.
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu["locust"] = round(
        after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime, 1
    )
    with open(f"{prefix}_stats.csv") as f:
        rows = list(csv.DictReader(f))
    failures = Path(f"{prefix}_failures.csv").read_text()
    return {
        "phase": phase,
        "rows": rows,
        "failures": failures,
        "cpu": cpu,
        "sessions": sessions,
        "log": done.stderr,
    }


def table(result: dict[str, Any]) -> str:
    lines = [
        f"{result['phase']}:",
        "| request | requests | failures | req/s | p50 ms | p95 ms | p99 ms |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in result["rows"]:
        name = row["Name"] if row["Name"] != "Aggregated" else "**all**"
        method = row["Type"] + " " if row["Type"] else ""
        lines.append(
            f"| {method}{name} | {row['Request Count']} | {row['Failure Count']} | "
            f"{float(row['Requests/s']):.1f} | {row['50%']} | {row['95%']} | {row['99%']} |"
        )
    cpu = result["cpu"]
    lines.append(
        f"CPU seconds over {cpu.pop('wall'):.0f} s wall: "
        + ", ".join(f"{k} {v}" for k, v in cpu.items())
    )
    lines.append(
        "database sessions, mean of samples twice a second: "
        + ", ".join(f"{k} {v}" for k, v in result["sessions"].items())
    )
    return "\n".join(lines)


def rate(result: dict[str, Any]) -> float:
    aggregated = next(r for r in result["rows"] if r["Name"] == "Aggregated")
    return float(aggregated["Requests/s"])


#: The phases, in the order they run: the bare view, the API's writes alone, the mixed day.
PHASES = ("bare", "api-write", "mixed-day")


def phase_list(text: str) -> list[str]:
    """``--phases``: a comma-separated choice of ``PHASES`` (run in their own order)."""
    chosen = [p.strip() for p in text.split(",") if p.strip()]
    unknown = [p for p in chosen if p not in PHASES]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(
            f"{', '.join(unknown) or 'none given'}: choose from {', '.join(PHASES)}"
        )
    return [p for p in PHASES if p in chosen]


def national_size(text: str) -> tuple[int, int, int]:
    """``--national``: LANDLORDS,HOMES,YEARS, as ``putright generate`` takes them."""
    parts = [p.strip().replace("_", "") for p in text.split(",")]
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        raise argparse.ArgumentTypeError(
            f"{text!r}: give LANDLORDS,HOMES,YEARS as three whole numbers, such as 1400,4400000,10"
        )
    landlords, homes, years = (int(p) for p in parts)
    if not 1 <= landlords <= homes or not 1 <= years <= 30:
        raise argparse.ArgumentTypeError(
            f"{text!r}: at least one landlord, a home or more each, and 1 to 30 years"
        )
    return landlords, homes, years


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    one_or_national = parser.add_mutually_exclusive_group()
    one_or_national.add_argument(
        "--complaints", type=int, default=20_000, help="records to seed at one landlord"
    )
    one_or_national.add_argument(
        "--national",
        type=national_size,
        metavar="LANDLORDS,HOMES,YEARS",
        help="seed the national-scale data set instead (putright generate --landlords "
        "--homes --years; 1400,4400000,10 is the national size) and run the day at its "
        "largest landlord",
    )
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument("--users", type=int, default=71, help="the mixed day's users")
    parser.add_argument(
        "--spawn-rate", type=int, default=2, help="users started a second (a sign-in is ~0.4 s CPU)"
    )
    parser.add_argument("--run-time", type=int, default=180, help="the mixed day, seconds")
    parser.add_argument("--max-requests", type=int, default=20_000, help="per phase")
    parser.add_argument(
        "--integration-pause",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="the mixed day's integration: seconds between its writes (0: without pause)",
    )
    parser.add_argument("--baseline-users", type=int, default=8)
    parser.add_argument("--baseline-time", type=int, default=30, help="seconds each")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument(
        "--phases",
        type=phase_list,
        default=list(PHASES),
        metavar="PHASE,...",
        help=f"which phases to run, in their order (default all: {','.join(PHASES)})",
    )
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        raise SystemExit("run me through scripts/load-test")

    say(f"uptime before: {uptime()}")
    work = Path(tempfile.mkdtemp(prefix="putright-load-test."))
    (work / "data").mkdir()
    (work / "logs").mkdir()
    outbox = work / "outbox"
    outbox.mkdir()
    sink = MailSink()
    threading.Thread(target=sink.serve_forever, daemon=True).start()
    threading.Thread(target=keep_latest_emails, args=(sink, outbox), daemon=True).start()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(
            p for p in (os.environ.get("PYTHONPATH", ""), str(ROOT)) if p
        ),
        "DJANGO_SETTINGS_MODULE": "benchmarks.load.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "EMAIL_URL": f"smtp://127.0.0.1:{sink.port}",
        "PUTRIGHT_DATA_DIR": str(work / "data"),
        "ALLOWED_HOSTS": "127.0.0.1",
        # Residents come from addresses of their own, which the load test gives in
        # X-Forwarded-For; the app trusts it from the loopback only, as behind nginx.
        "TRUSTED_PROXIES": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    processes = Processes(work / "logs")
    bin_dir = Path(sys.executable).parent
    results: list[dict[str, Any]] = []
    data_set: dict[str, Any] | None = None  # the seeding's description, first in --json
    status = 1
    try:
        say("migrate")
        subprocess.run(
            [str(bin_dir / "putright"), "migrate", "--no-input", "-v", "0"], env=env, check=True
        )
        if args.national is None:
            say(f"seed one landlord: {args.complaints:,} records (benchmarks/staff_bench.py)")
        else:
            landlords, homes, years = args.national
            say(
                f"seed the national-scale data set: putright generate --landlords "
                f"{landlords:,} --homes {homes:,} --years {years}"
            )
        people, described = seed(args.complaints, args.national, outbox, staff=50, residents=20)
        data_set = {"phase": "seed", **described}
        people_file = work / "people.json"
        people_file.write_text(json.dumps(people))
        env["LOAD_TEST_PEOPLE"] = str(people_file)
        from django.db import connections

        connections.close_all()
        say(f"gunicorn: {args.workers} workers x {args.threads} threads (gthread) at {base}")
        processes.start(
            "web",
            [
                str(bin_dir / "gunicorn"),
                "putright.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(args.workers),
                "--worker-class",
                "gthread",
                "--threads",
                str(args.threads),
                "--keep-alive",
                "30",
                "--timeout",
                "60",
                "--error-logfile",
                "-",
            ],
            env,
            work / "data",
        )
        processes.start(
            "worker", [str(bin_dir / "putright"), "db_worker", "--no-reload"], env, work / "data"
        )
        wait_until_up(base, processes)
        parts = {r.name: r.process.pid for r in processes.running}
        parts["PostgreSQL"] = postmaster()
        phases = [
            ("bare", ["BareViewUser"], args.baseline_users, args.baseline_time),
            ("api-write", ["ApiWriteUser"], args.baseline_users, args.baseline_time),
            ("mixed-day", ["StaffUser", "ResidentUser", "IntegrationUser"], args.users,
             args.run_time),
        ]  # fmt: skip
        phases = [p for p in phases if p[0] in args.phases]
        env = {**env, "LOAD_TEST_INTEGRATION_PAUSE": str(args.integration_pause)}
        for phase, classes, users, seconds in phases:
            rate_of_spawn = users if phase != "mixed-day" else args.spawn_rate
            result = locust(
                phase,
                base,
                work,
                env,
                classes,
                parts,
                users,
                rate_of_spawn,
                seconds,
                args.max_requests,
            )
            results.append(result)
            print(table(dict(result, cpu=dict(result["cpu"]))), flush=True)
            if result["failures"].count("\n") > 1:
                print(f"failures:\n{result['failures']}", flush=True)
            processes.check_alive()
        rates = {r["phase"]: rate(r) for r in results}
        if "bare" in rates and "api-write" in rates:
            bare, api = rates["bare"], rates["api-write"]
            say(
                f"API writes {api:.1f} req/s beside the bare view's {bare:.1f}: "
                f"{api / bare:.0%} (target at least 40%)"
            )
        status = 0
    except (CheckFailed, subprocess.CalledProcessError, subprocess.TimeoutExpired) as failure:
        say(f"FAILED: {failure}")
        for r in processes.running:
            print(f"--- {r.name} ({r.log}):\n{tail(r.log)}", file=sys.stderr)
        for result in results:
            print(f"--- locust {result['phase']}:\n{result['log'][-3000:]}", file=sys.stderr)
    finally:
        processes.stop_all()
        sink.shutdown()
        say(f"uptime after: {uptime()}")
        if args.json:
            seeded = [data_set] if data_set is not None else []
            args.json.write_text(json.dumps([*seeded, *results], indent=2))
        if os.environ.get("LOAD_TEST_KEEP") == "1":
            say(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
