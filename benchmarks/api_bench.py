"""Benchmark of the JSON API (not part of the test run).

Starts the app with gunicorn on 127.0.0.1 (a free port) against a throwaway SQLite
database, issues a write key, then from a second process sends a bounded number of
requests (and stops early at a time limit): the bare ``/healthz`` view as the baseline,
``POST /api/v1/complaints`` (logging a complaint: key check, idempotency, service,
timeline event, webhook look-up, response validation), and ``GET /api/v1/complaints/{ref}``.
Prints requests/second and latency p50/p95/p99 for each, as a Markdown table.

    .venv/bin/python benchmarks/api_bench.py [--requests 400] [--concurrency 4]
        [--workers 2] [--seconds 60] [--json FILE]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


@dataclass
class Result:
    name: str
    requests: int
    errors: int
    seconds: float
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    error_statuses: dict[str, int]


# The client (run in its own process) ------------------------------------------------------


def _percentile(sorted_values: list[float], pct: float) -> float:
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, max(0, round(pct / 100 * len(sorted_values)) - 1))
    return sorted_values[index]


def _load(
    port: int, name: str, requests: int, concurrency: int, seconds: float, make_request
) -> Result:
    """Send ``requests`` requests from ``concurrency`` threads (or stop at ``seconds``)."""
    latencies: list[float] = []
    errors = 0
    error_statuses: dict[str, int] = {}
    lock = threading.Lock()
    counter = iter(range(requests))
    deadline = time.monotonic() + seconds

    def worker() -> None:
        nonlocal errors
        while time.monotonic() < deadline:
            with lock:
                i = next(counter, None)
            if i is None:
                return
            method, path, body, headers, expect = make_request(i)
            started = time.perf_counter()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                status = str(response.status)
            except OSError as error:
                status = type(error).__name__
            finally:
                conn.close()
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                if status != str(expect):
                    errors += 1
                    error_statuses[status] = error_statuses.get(status, 0) + 1

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    values = sorted(latencies)
    return Result(
        name=name,
        requests=len(values),
        errors=errors,
        seconds=round(wall, 2),
        rps=round(len(values) / wall, 1) if wall else 0.0,
        p50_ms=round(statistics.median(values), 1) if values else 0.0,
        p95_ms=round(_percentile(values, 95), 1),
        p99_ms=round(_percentile(values, 99), 1),
        error_statuses=error_statuses,
    )


def client_main(port: int, secret: str, requests: int, concurrency: int, seconds: float) -> None:
    auth = {"Authorization": f"Bearer {secret}"}
    results: list[Result] = []

    def healthz(i: int):
        return "GET", "/healthz", None, {}, 200

    body = json.dumps(
        {
            "received_on": "2024-05-01",
            "channel": "phone",
            "description": "My boiler has not worked for three weeks.",
        }
    )

    def create(i: int):
        headers = {
            **auth,
            "Content-Type": "application/json",
            "Idempotency-Key": str(uuid.uuid4()),
        }
        return "POST", "/api/v1/complaints", body, headers, 201

    def read(i: int):
        return "GET", f"/api/v1/complaints/CU-{(i % 50) + 1:06d}", None, auth, 200

    _load(port, "warm-up", 20, 2, seconds, healthz)
    _load(port, "warm-up", 20, 2, seconds, create)
    results.append(
        _load(port, "GET /healthz (bare Django view)", requests, concurrency, seconds, healthz)
    )
    results.append(_load(port, "POST /api/v1/complaints", requests, concurrency, seconds, create))
    results.append(
        _load(port, "GET /api/v1/complaints/{reference}", requests, concurrency, seconds, read)
    )
    print(json.dumps([asdict(r) for r in results]))


# The server (this process) -----------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("The server did not start.")


def _putright(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [str(BIN / "putright"), *args], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400, help="per measurement")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--seconds", type=float, default=60, help="time limit per measurement")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--client", nargs=2, metavar=("PORT", "KEY"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.client:
        client_main(
            int(args.client[0]), args.client[1], args.requests, args.concurrency, args.seconds
        )
        return

    tmp = Path(tempfile.mkdtemp(prefix="putright-bench-"))
    env = {
        **os.environ,
        # SQLite in the temporary directory, unless scripts/with-postgres gave a database.
        "DATABASE_URL": os.environ["DATABASE_URL"]
        if os.environ.get("DATABASE_URL", "").startswith("postgres")
        else f"sqlite:///{tmp / 'bench.sqlite3'}",
        "PUTRIGHT_DATA_DIR": str(tmp),
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "ERROR",
    }
    server = None
    try:
        _putright(env, "migrate", "--no-input", "-v", "0")
        _putright(
            env,
            "shell",
            "-c",
            "from putright.landlords.models import Landlord; Landlord.objects.create(name='Bench')",
        )
        secret = _putright(
            env, "api-key", "add", "--landlord", "Bench", "--name", "bench", "--write"
        )
        port = _free_port()
        server = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "putright.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(args.workers),
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=ROOT,
        )
        _wait_until_up(port)
        client = subprocess.run(
            [
                sys.executable,
                __file__,
                "--client",
                str(port),
                secret,
                "--requests",
                str(args.requests),
                "--concurrency",
                str(args.concurrency),
                "--seconds",
                str(args.seconds),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        results = [Result(**r) for r in json.loads(client.stdout)]
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)

    print(
        f"gunicorn {args.workers} sync workers, SQLite (WAL), client {args.concurrency} threads "
        f"in a second process, up to {args.requests} requests each, new connection per request"
    )
    print()
    print("| request | requests | errors | req/s | p50 ms | p95 ms | p99 ms |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(
            f"| {r.name} | {r.requests} | {r.errors} | {r.rps} | {r.p50_ms} | {r.p95_ms} | "
            f"{r.p99_ms} |"
        )
    for r in results:
        if r.errors:
            print(f"\n{r.name}: unexpected answers {r.error_statuses}")
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2))


if __name__ == "__main__":
    main()
