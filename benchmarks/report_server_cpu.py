"""The annual report JSON timed over a database kept by ``report_bench.py --keep`` on
PostgreSQL, with the CPU time the database server spent on it (not run by pytest).

    DATABASE_URL=postgres://... .venv/bin/python benchmarks/report_server_cpu.py [--repeat 2]

On a shared machine the wall time of a report depends on everyone's load; the CPU time the
server's processes spend does much less, so two versions of the report can be compared by
it. It is read from ``/proc`` (Linux): every process of the cluster (children of the
postmaster, parallel workers included, and those that ended, through the postmaster's
``cutime``), before and after each report. The server must run on this machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

TODAY = dt.date(2025, 3, 31)
YEAR = 2024


def _stat(pid: int) -> tuple[int, list[int]]:
    """(parent pid, [utime, stime, cutime, cstime]) in clock ticks."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[1]), [int(x) for x in fields[11:15]]


def cluster_cpu(postmaster: int) -> float:
    """Seconds of CPU the cluster's processes have spent so far."""
    total = sum(_stat(postmaster)[1])
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            parent, times = _stat(int(name))
        except OSError:
            continue  # ended meanwhile
        if parent == postmaster:
            total += times[0] + times[1]
    return total / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2)
    options = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "putright.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    from django.db import connection

    from putright.landlords.models import Landlord
    from putright.reports.exports import annual_export

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (backend,) = cursor.fetchone()
    postmaster = _stat(backend)[0]
    landlord = Landlord.objects.get(name="Benchmark Homes")
    annual_export(landlord, YEAR, "json", on=TODAY)  # once first: caches warm
    for _ in range(options.repeat):
        load = os.getloadavg()[0]
        server, cpu, began = cluster_cpu(postmaster), time.process_time(), time.perf_counter()
        annual_export(landlord, YEAR, "json", on=TODAY)
        wall, cpu = time.perf_counter() - began, time.process_time() - cpu
        print(
            f"annual report JSON {YEAR}/{(YEAR + 1) % 100}: wall {wall:.2f} s, this process's "
            f"CPU {cpu:.2f} s, the server's CPU {cluster_cpu(postmaster) - server:.2f} s; "
            f"load average {load:.2f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
