"""Benchmark of the staff workspace (not part of the test run; `make bench` runs it).

    .venv/bin/python benchmarks/staff_bench.py [--complaints 100000] [--iterations 40]

In a throwaway SQLite database (WAL, as deployed), bulk-creates one landlord's five years
of records: 100,000 complaints, service requests and member enquiries with their stages,
points, outstanding actions and timeline events, residents and homes with vulnerabilities
and adjustments, and staff in teams; about 3% of them open now, with next deadlines spread
around today. Then, in-process through Django's test ``Client`` (so the time is the
server's: URL routing, the view, its queries and the template; no network), requests the
work queue with several filters and searches, the workload, the queue's downloads and the
case page many times each, and prints p50 and p95 in milliseconds and the number of
queries, as a Markdown table. Target: under 150 ms (a download is a file, not a page).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

TARGET_MS = 150.0
ROOT = Path(__file__).resolve().parent.parent


#: The words of the records' descriptions, 20 to 60 of them a description (the load test's
#: data set is built from them too: benchmarks/load/seed.py).
WORDS = [
    "repair",
    "boiler",
    "heating",
    "damp",
    "mould",
    "leak",
    "window",
    "door",
    "roof",
    "kitchen",
    "bathroom",
    "noise",
    "neighbour",
    "rent",
    "charge",
    "letter",
    "call",
    "visit",
    "appointment",
    "missed",
    "contractor",
    "staff",
    "rude",
    "delay",
    "weeks",
    "months",
    "nobody",
    "came",
    "back",
    "again",
    "promised",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--complaints", type=int, default=100_000)
    parser.add_argument("--iterations", type=int, default=40)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument(
        "--reuse", metavar="DIR", help="measure again the database a --keep run left in DIR"
    )
    parser.add_argument(
        "--journeys",
        type=int,
        default=0,
        metavar="N",
        help="then N rounds of the load test's staff journey in-process (see journeys())",
    )
    options = parser.parse_args()
    work = (
        Path(options.reuse)
        if options.reuse
        else Path(tempfile.mkdtemp(prefix="putright-staff-bench-"))
    )
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        # SQLite in the temporary directory, unless scripts/with-postgres gave a database.
        os.environ["DATABASE_URL"] = f"sqlite:///{work / 'bench.sqlite3'}"
    os.environ["PUTRIGHT_DATA_DIR"] = str(work)
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "putright.settings")
    sys.path.insert(0, str(ROOT))
    # WhiteNoise looks for STATIC_ROOT, which only `collectstatic` makes; pages need none here.
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()
    try:
        run(options.complaints, options.iterations, options.seed, bool(options.reuse))
        if options.journeys:
            journeys(options.journeys)
    finally:
        if not options.keep and not options.reuse:
            for path in sorted(work.rglob("*"), reverse=True):
                path.unlink() if path.is_file() else path.rmdir()
            work.rmdir()


# Building the records ---------------------------------------------------------------------


def build(count: int, seed: int) -> dict[str, Any]:
    """Bulk-create the landlord's records; returns what the measurements need."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from putright.complaints.models import (
        Complaint,
        Event,
        OutstandingAction,
        Stage,
        StagePoint,
    )
    from putright.landlords.models import (
        Contractor,
        Landlord,
        Role,
        ServiceArea,
        StaffMembership,
        Theme,
        today,
    )
    from putright.residents.models import (
        Property,
        ReasonableAdjustment,
        Resident,
        VulnerabilityFlag,
    )
    from putright.rules.timescales import stage_due_dates

    rng = random.Random(seed)
    on = today()
    landlord = Landlord.objects.create(name="Bench Homes", reference_prefix="BH")
    calendar = landlord.calendar()
    areas = ServiceArea.objects.bulk_create(
        ServiceArea(landlord=landlord, name=n)
        for n in (
            "Repairs and maintenance",
            "Tenancy management",
            "Anti-social behaviour",
            "Estate services",
            "Lettings and allocations",
            "Rent and income",
            "Customer services",
            "Leasehold",
        )
    )
    themes = Theme.objects.bulk_create(
        Theme(landlord=landlord, name=n)
        for n in (
            "Damp and mould",
            "Repairs delay",
            "Communication",
            "Staff conduct",
            "Contractor",
            "Noise",
            "Heating and hot water",
            "Service charges",
        )
    )
    contractors = Contractor.objects.bulk_create(
        Contractor(landlord=landlord, name=n)
        for n in ("Kestrel Property Services", "Greenway Grounds", "Northgate Gas")
    )
    users = get_user_model()
    password = make_password("bench-password")
    roles = [
        (Role.OFFICER, "Complaints team", None),
        (Role.ADMINISTRATOR, "Systems", None),
        *[
            (Role.HANDLER, team, None)
            for team in ("Repairs", "Tenancy", "Estates")
            for _ in range(6)
        ],
        *[(Role.SENIOR_HANDLER, "Senior", None) for _ in range(5)],
        *[(Role.CONTRACTOR_HANDLER, c.name, c) for c in contractors for _ in range(2)],
    ]
    staff = users.objects.bulk_create(
        users(
            username=f"staff{i}",
            first_name=f"First{i}",
            last_name=f"Last{i}",
            email=f"staff{i}@bench.example",
            password=password,
        )
        for i in range(len(roles))
    )
    StaffMembership.objects.bulk_create(
        StaffMembership(user=u, landlord=landlord, role=role, team=team, contractor=contractor)
        for u, (role, team, contractor) in zip(staff, roles, strict=True)
    )
    officer = staff[0]
    handlers = [u for u, r in zip(staff, roles, strict=True) if r[0] == Role.HANDLER]
    seniors = [u for u, r in zip(staff, roles, strict=True) if r[0] == Role.SENIOR_HANDLER]

    streets = [
        "Mill Lane",
        "Willow Road",
        "Quarry Road",
        "Ferry Lane",
        "Bridge Street",
        "Otter House",
    ]
    resident_count = max(1, count * 2 // 5)
    homes = Property.objects.bulk_create(
        (
            Property(
                landlord=landlord,
                address=f"{i % 180 + 1} {rng.choice(streets)}\nBenchton",
                postcode=f"BT{i % 40 + 1} {i % 9 + 1}{chr(65 + i % 26)}{chr(65 + (i // 26) % 26)}",
            )
            for i in range(resident_count)
        ),
        batch_size=5000,
    )
    first = ["Amina", "James", "Sophie", "Tom", "Priya", "Grace", "Sean", "Maria", "Dylan", "Zofia"]
    last = [
        "Okafor",
        "Hughes",
        "King",
        "Reed",
        "Shah",
        "Oduya",
        "Watson",
        "Singh",
        "Jackson",
        "Clarke",
    ]
    residents = Resident.objects.bulk_create(
        (
            Resident(
                landlord=landlord,
                name=f"{rng.choice(first)} {rng.choice(last)} {i}",
                email=f"resident{i}@bench.example",
                phone=f"07700 {i:06d}",
                tenancy_reference=f"TEN-{i:07d}",
                home=home,
                tenure="tenant",
            )
            for i, home in enumerate(homes)
        ),
        batch_size=5000,
    )
    VulnerabilityFlag.objects.bulk_create(
        (
            VulnerabilityFlag(
                resident=r,
                description="Lives alone, recent bereavement",
                review_due_on=on + dt.timedelta(days=rng.randint(-30, 300)),
            )
            for r in rng.sample(residents, len(residents) // 20)
        ),
        batch_size=5000,
    )
    ReasonableAdjustment.objects.bulk_create(
        (
            ReasonableAdjustment(
                resident=r,
                kind="large_print",
                agreed_on=on - dt.timedelta(days=100),
                review_due_on=on + dt.timedelta(days=rng.randint(-30, 300)),
            )
            for r in rng.sample(residents, len(residents) // 25)
        ),
        batch_size=5000,
    )

    references = landlord.take_references(count)
    start = on - dt.timedelta(days=5 * 365)
    complaints = []
    plans = []
    for _i, reference in enumerate(references):
        kind = rng.choices(["complaint", "service_request", "member_enquiry"], [80, 12, 8])[0]
        is_open = rng.random() < 0.03
        received = (
            on - dt.timedelta(days=rng.randint(1, 25))
            if is_open
            else start + dt.timedelta(days=rng.randint(0, 5 * 365 - 40))
        )
        if kind != "complaint":
            state = "open" if is_open else "resolved"
        elif is_open:
            state = rng.choices(["received", "stage1", "stage2"], [10, 70, 20])[0]
        else:
            state = rng.choices(
                ["stage1_closed", "closed", "not_accepted", "withdrawn"], [78, 14, 4, 4]
            )[0]
        resident = rng.choice(residents)
        contractor = rng.choice(contractors) if rng.random() < 0.15 else None
        description = " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 60)))
        complaints.append(
            Complaint(
                landlord=landlord,
                reference=reference,
                kind=kind,
                state=state,
                channel=rng.choice(["phone", "email", "web", "letter"]),
                received_on=received,
                description=description.capitalize() + ".",
                resident=resident,
                home=resident.home,
                tenure="tenant",
                service_area=rng.choice(areas),
                theme=rng.choice(themes),
                contractor=contractor,
                vulnerable=rng.random() < 0.05,
            )
        )
        plans.append((state, received))
    # The safety words' priority each record keeps, as the services write it (from complaints
    # 0021 on; a checkout from before has no such column, and the queue reads the words).
    fields = {f.name for f in Complaint._meta.concrete_fields}
    if "hazard_priority" in fields:
        from putright.rules.hazards import WORDS_VERSION, hazard_priority

        for c in complaints:
            c.hazard_priority, c.hazard_words = hazard_priority(c.description), WORDS_VERSION
    complaints = Complaint.objects.bulk_create(complaints, batch_size=5000)

    stages: list[Stage] = []
    for c, (state, received) in zip(complaints, plans, strict=True):
        if c.kind != "complaint" or state == "received":
            continue
        handler = rng.choice(handlers)
        due = stage_due_dates(calendar, 1, received, None)
        s1 = Stage(
            complaint=c,
            landlord=landlord,
            number=1,
            requested_on=received,
            handler=handler,
            outcomes_sought="Put it right",
            defined_on=received,
            acknowledgement_due=due.acknowledgement_due,
            response_due=due.response_due,
            response_due_extended=due.response_due_extended,
        )
        if state == "not_accepted":
            s1.status, s1.not_accepted_reason, s1.not_accepted_on = (
                "not_accepted",
                "duplicate",
                received,
            )
        elif state == "withdrawn":
            s1.status = "withdrawn"
        elif state == "stage1" and rng.random() < 0.4:
            s1.status = "requested"
        else:
            ack = calendar.add_working_days(received, rng.randint(1, 5))
            due = stage_due_dates(calendar, 1, received, ack)
            s1.acknowledged_on, s1.status = ack, "acknowledged"
            s1.response_due, s1.response_due_extended = due.response_due, due.response_due_extended
            if state in ("stage1_closed", "closed", "stage2"):
                s1.status = "responded"
                s1.responded_on = calendar.add_working_days(ack, rng.randint(3, 12))
                s1.outcome = rng.choice(["upheld", "partly_upheld", "not_upheld"])
                s1.reasons = "We looked into it."
        stages.append(s1)
        if state in ("stage2", "closed"):
            requested = (s1.responded_on or received) + dt.timedelta(days=rng.randint(1, 20))
            if state == "stage2":
                requested = min(requested, on - dt.timedelta(days=rng.randint(0, 10)))
            due = stage_due_dates(calendar, 2, requested, None)
            s2 = Stage(
                complaint=c,
                landlord=landlord,
                number=2,
                requested_on=requested,
                handler=rng.choice(seniors),
                outcomes_sought="Look again",
                defined_on=requested,
                escalation_reason="not_given",
                acknowledgement_due=due.acknowledgement_due,
                response_due=due.response_due,
                response_due_extended=due.response_due_extended,
                status="requested" if state == "stage2" and rng.random() < 0.4 else "acknowledged",
            )
            if s2.status == "acknowledged":
                ack = calendar.add_working_days(requested, 3)
                due = stage_due_dates(calendar, 2, requested, ack)
                s2.acknowledged_on = ack
                s2.response_due, s2.response_due_extended = (
                    due.response_due,
                    due.response_due_extended,
                )
            if state == "closed":
                s2.status, s2.responded_on, s2.outcome = "responded", s2.response_due, "not_upheld"
            stages.append(s2)
    stages = Stage.objects.bulk_create(stages, batch_size=5000)
    StagePoint.objects.bulk_create(
        (
            StagePoint(stage=s, number=n, summary=f"Point {n} of the complaint", outcome=s.outcome)
            for s in stages
            for n in range(1, rng.randint(2, 4))
        ),
        batch_size=5000,
    )
    responded = [s for s in stages if s.status == "responded"]
    OutstandingAction.objects.bulk_create(
        (
            OutstandingAction(
                stage=s,
                description="Repair the window",
                owner="Repairs team",
                due_on=s.responded_on + dt.timedelta(days=28),
                done_on=None if rng.random() < 0.3 else s.responded_on + dt.timedelta(days=20),
            )
            for s in rng.sample(responded, len(responded) // 10)
        ),
        batch_size=5000,
    )

    # next_due_on, as the services keep it: the open stage's next deadline.
    latest = {}
    for s in stages:
        if s.number >= latest.get(s.complaint_id, (0, None))[0]:
            latest[s.complaint_id] = (s.number, s)
    for c in complaints:
        stage = latest.get(c.pk, (0, None))[1]
        if c.state in ("stage1", "stage2") and stage is not None:
            c.next_due_on = stage.next_due
    Complaint.objects.bulk_update(
        [c for c in complaints if c.next_due_on], ["next_due_on"], batch_size=5000
    )

    events = []
    for c, (_state, received) in zip(complaints, plans, strict=True):
        for n in range(rng.randint(3, 6)):
            events.append(
                Event(
                    landlord=landlord,
                    complaint=c,
                    kind="note" if n else "logged",
                    occurred_on=received + dt.timedelta(days=n * 3),
                    actor=officer,
                    summary="Called the resident and explained what happens next."
                    if n
                    else "Logged.",
                )
            )
        if len(events) >= 50_000:
            Event.objects.bulk_create(events, batch_size=5000)
            events = []
    Event.objects.bulk_create(events, batch_size=5000)


def subjects() -> dict[str, Any]:
    """Who and what the measurements ask for, read back from the built database."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count

    from putright.complaints.models import Complaint, Stage
    from putright.landlords.models import Role, ServiceArea, StaffMembership
    from putright.residents.models import Property

    users = get_user_model()
    handlers = StaffMembership.objects.filter(role=Role.HANDLER).values_list("user_id", flat=True)
    busiest = (
        Stage.objects.filter(handler_id__in=list(handlers))
        .values("handler_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    complaints = Complaint.objects.order_by("id")
    return {
        "officer": users.objects.get(username="staff0"),
        "admin": users.objects.get(username="staff1"),
        "handler": users.objects.get(pk=busiest["handler_id"]),
        "open_case": complaints.filter(state="stage2").first(),
        "closed_case": complaints.filter(state="closed").first(),
        "area": ServiceArea.objects.order_by("id").first(),
        "postcode": Property.objects.order_by("id")[7].postcode,
        "reference": complaints[complaints.count() // 2].reference,
        "resident": complaints.filter(resident__isnull=False)[complaints.count() // 3].resident,
    }


# Measuring --------------------------------------------------------------------------------


def _p95(values: list[float]) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(0.95 * len(values)) - 1)]


def signed_in(client: Any, user: Any) -> Any:
    """``client`` signed in as ``user``, with the security code given where their role
    needs one (docs/security.md, "Second factor"), as a person is after the code page: a
    complaints officer or administrator signed in with the password alone is sent to the
    code page by every staff page, and the bench would time that redirect."""
    from putright.staff.two_factor.testing import security_code_given

    client.force_login(user)
    security_code_given(client, user)
    return client


def measure(client, url: str, iterations: int, cold: bool = False) -> dict[str, float | int]:
    """Wall-clock and CPU time in ms (p50, p95), the status, and the queries per request.
    CPU time (of this process, which runs SQLite too) leaves out time spent waiting for a
    processor, so it stays meaningful on a machine shared with other work. ``cold``: the
    safety words' cache (``rules.hazards.hazard_flag``) emptied before each request, as
    in a web worker's first request for those records."""
    from django.db import connection

    from putright.rules.hazards import hazard_flag

    def get(url: str) -> Any:
        if cold:
            hazard_flag.cache_clear()
        return client.get(url)

    for _ in range(3):  # warm: templates compiled, SQLite pages cached
        response = get(url)
    queries: list[str] = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = get(url)
    if response.status_code != 200:
        # A redirect (to the code page, say) would be timed in the page's place.
        raise SystemExit(f"{url} answered {response.status_code}, not 200: not measured")
    wall, cpu = [], []
    for _ in range(iterations):
        if cold:
            hazard_flag.cache_clear()
        started, started_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return {
        "p50": statistics.median(wall),
        "p95": _p95(wall),
        "cpu50": statistics.median(cpu),
        "cpu95": _p95(cpu),
        "status": response.status_code,
        "queries": len(queries),
    }


def run(count: int, iterations: int, seed: int, reuse: bool) -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from putright.complaints.models import Complaint, Event

    started = time.perf_counter()
    if not reuse:
        call_command("migrate", verbosity=0)
        build(count, seed)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # statistics, as autovacuum would soon keep
                cursor.execute("ANALYZE")
    built = subjects()
    seconds = time.perf_counter() - started
    total = Complaint.objects.count()
    open_total = Complaint.objects.filter(
        state__in=("received", "stage1", "stage2", "open")
    ).count()
    print(
        f"{'Reused' if reuse else 'Built'} {total:,} records ({open_total:,} open) and "
        f"{Event.objects.count():,} timeline events in {seconds:.0f} s."
    )
    officer = signed_in(Client(), built["officer"])
    handler = signed_in(Client(), built["handler"])
    admin = signed_in(Client(), built["admin"])
    area = built["area"].pk
    resident = built["resident"]
    reference_number = int(built["reference"].rsplit("-", 1)[1])
    cases: list[tuple[Any, ...]] = [
        ("Queue, officer: all open work (default)", officer, "/staff/"),
        ("Queue, handler: mine (default)", handler, "/staff/"),
        ("Queue: overdue", officer, "/staff/?overdue=on"),
        ("Queue: due within 2 working days", officer, "/staff/?due_within=2"),
        (
            "Queue: service area, stage 1, vulnerable",
            officer,
            f"/staff/?service_area={area}&stage=1&vulnerable=on",
        ),
        ("Queue: waiting on an action, my team", handler, "/staff/?scope=team&waiting=on"),
        ("Queue: page 5, latest due first", officer, "/staff/?sort=-due&page=5"),
        ("Queue: closed after final response", officer, "/staff/?state=closed"),
        ("Queue: everything, page 100", officer, "/staff/?state=any&page=100"),
        ("Search: reference", officer, f"/staff/?q={built['reference']}"),
        ("Search: postcode", officer, f"/staff/?q={built['postcode'].replace(' ', '+')}"),
        ("Search: words in the description", officer, "/staff/?q=boiler+mould+nobody"),
        ("Search: one word, every state", officer, "/staff/?q=boiler&state=any"),
        (
            "Search: one word, every state, safety words' cache cold",
            officer,
            "/staff/?q=boiler&state=any",
            True,
        ),
        ("Queue: safety words, every state", officer, "/staff/?state=any&safety=on"),
        ("Queue: waiting for triage (safety words first)", officer, "/staff/?state=received"),
        ("Search: part of a reference", officer, f"/staff/?q={reference_number}"),
        ("Search: phone number", officer, f"/staff/?q={resident.phone.replace(' ', '')}"),
        ("Search: email address", officer, f"/staff/?q={resident.email.upper()}"),
        ("Search: tenancy reference", officer, f"/staff/?q={resident.tenancy_reference}"),
        ("Workload: everyone's figures", officer, "/staff/workload/"),
        ("Download: the overdue cases, CSV", officer, "/staff/queue.csv?overdue=on"),
        ("Download: the overdue cases, XLSX", officer, "/staff/queue.xlsx?overdue=on"),
        ("Case page: stage 2 open", admin, f"/staff/cases/{built['open_case'].reference}/"),
        ("Case page: closed", officer, f"/staff/cases/{built['closed_case'].reference}/"),
    ]
    print(
        f"\n{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, {connection.display_name}; {iterations} requests each "
        "after 3 to warm up.\n"
    )
    print("| request | p50 ms | p95 ms | CPU p50 ms | CPU p95 ms | queries | status |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    worst = worst_cpu = 0.0
    for name, client, url, *cold in cases:
        m = measure(client, url, iterations, cold=bool(cold))
        worst, worst_cpu = max(worst, m["p95"]), max(worst_cpu, m["cpu95"])
        print(
            f"| {name} | {m['p50']:.1f} | {m['p95']:.1f} | {m['cpu50']:.1f} | {m['cpu95']:.1f} "
            f"| {m['queries']} | {m['status']} |"
        )
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    for what, value in (("wall-clock", worst), ("CPU", worst_cpu)):
        verdict = "within" if value < TARGET_MS else "OVER"
        print(f"Slowest p95 ({what}) {value:.1f} ms: {verdict} the {TARGET_MS:.0f} ms target.")
    print(f"Load average over the last minute at the end: {load:.2f}.")


class _InProcess:
    """locust's client shape (``benchmarks/load/journeys.Client``) over Django's test
    ``Client``, timing each request, wall-clock and CPU in ms, under its journey name."""

    def __init__(self, timings: dict[str, list[tuple[float, float]]]) -> None:
        from django.test import Client

        self.client = Client()
        self.timings = timings

    def request(
        self, method: str, url: str, name: str | None = None, data: Any = None, **kwargs: Any
    ) -> Any:
        from types import SimpleNamespace

        content_type = (kwargs.get("headers") or {}).get("Content-Type", "")
        started, started_cpu = time.perf_counter(), time.process_time()
        response = self.client.generic(method, url, data or "", content_type=content_type)
        self.timings.setdefault(name or url, []).append(
            ((time.perf_counter() - started) * 1000, (time.process_time() - started_cpu) * 1000)
        )
        text = "" if response.streaming else response.content.decode()
        return SimpleNamespace(
            status_code=response.status_code, text=text, headers=response.headers
        )


def journeys(rounds: int) -> None:
    """The load test's staff journey (``benchmarks/load/journeys.Staff``: sign in with the
    password and the authenticator's code, then per round the queue, a search as it types
    one, a case opened and a letter issued), in-process through Django's test ``Client``
    as one person, with the app loaded as a gunicorn worker loads it (``putright.wsgi``).
    Prints p50, p95 and the slowest of each request, wall-clock and CPU, in ms."""
    import tempfile

    sys.path.insert(0, str(ROOT / "benchmarks"))
    started, started_cpu = time.perf_counter(), time.process_time()
    import putright.wsgi  # noqa: F401  (what a worker does as it starts)

    print(
        f"\nputright.wsgi loaded in {(time.perf_counter() - started) * 1000:.0f} ms "
        f"({(time.process_time() - started_cpu) * 1000:.0f} ms CPU)."
    )
    from django.contrib.auth import get_user_model
    from load.journeys import Staff
    from load.people import PASSWORD, make_people, staff_person

    from putright.landlords.models import Landlord

    who = staff_person("load-staff-00")  # the first that make_people makes
    if not get_user_model().objects.filter(username=who["username"]).exists():
        landlord = Landlord.objects.get(name="Bench Homes")
        make_people(landlord=landlord, staff=1, residents=1, outbox=tempfile.gettempdir())
    timings: dict[str, list[tuple[float, float]]] = {}
    person = Staff(_InProcess(timings), who, PASSWORD)
    person.sign_in()
    timings.clear()  # signing in (PBKDF2) is dear by design: not measured here
    for _ in range(rounds):
        person.queue()
        person.search()
        person.open_case()
        person.issue_letter()
    print(f"\nThe staff journey in-process, {rounds} rounds:\n")
    print("| request | n | p50 ms | p95 ms | max ms | CPU p50 ms | CPU p95 ms | CPU max ms |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, values in sorted(timings.items()):
        wall, cpu = [v[0] for v in values], [v[1] for v in values]
        print(
            f"| {name} | {len(values)} | {statistics.median(wall):.0f} | {_p95(wall):.0f} "
            f"| {max(wall):.0f} | {statistics.median(cpu):.0f} | {_p95(cpu):.0f} "
            f"| {max(cpu):.0f} |"
        )
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"Load average over the last minute at the end: {load:.2f}.")


if __name__ == "__main__":
    main()
