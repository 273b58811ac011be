"""The real `putright` console script, run as a user runs it (interfaces.md: exit 0 on
success, 1 on bad input with one line on stderr, never a traceback).

Each run starts Python and Django afresh, so there are few of them; the commands' logic is
tested in-process beside this file.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

PUTRIGHT = str(Path(sys.executable).with_name("putright"))


def environment(directory: Path) -> dict[str, str]:
    """A throwaway database and data directory, nothing else changed."""
    # Not DJANGO_ALLOW_ASYNC_UNSAFE either: the browser tests set it in this process, and
    # `check --deploy` rightly refuses it.
    leave_out = ("DEBUG", "PUTRIGHT_TRACEBACK", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in leave_out}
    env["DATABASE_URL"] = f"sqlite:///{directory / 'putright.sqlite3'}"
    env["PUTRIGHT_DATA_DIR"] = str(directory)
    return env


def putright(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PUTRIGHT, *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def assert_one_line_error(run: subprocess.CompletedProcess[str], *words: str) -> None:
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert run.stderr.count("\n") == 1, run.stderr
    for word in words:
        assert word in run.stderr


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    env = environment(tmp_path_factory.mktemp("cli"))
    migrated = putright(env, "migrate", "--no-input", "-v", "0")
    assert migrated.returncode == 0, migrated.stderr
    return env


def test_help_lists_putrights_own_commands(env):
    run = putright(env, "--help")
    assert run.returncode == 0
    listed = {line.strip() for line in run.stdout.splitlines()}
    assert {"demo", "landlord", "serve", "migrate"} <= listed


def test_landlord_add_then_homes_and_adding_it_twice_exits_1(env):
    added = putright(env, "landlord", "add", "Cannock Chase District Council")
    assert added.returncode == 0, added.stderr
    assert "CU-000001" in added.stdout
    homes = putright(
        env,
        "landlord",
        "homes",
        "Cannock Chase District Council",
        "--year",
        "2023",
        "--lcra",
        "5035",
    )
    assert homes.returncode == 0, homes.stderr
    assert "5,035 LCRA + 0 LCHO = 5,035" in homes.stdout
    again = putright(env, "landlord", "add", "Cannock Chase District Council")
    assert_one_line_error(again, "already exists")


def test_a_bad_number_exits_1_with_one_line_and_no_traceback(env):
    """argparse alone would exit 2 and print its usage; the contract says 1 and one line."""
    run = putright(env, "landlord", "homes", "Anyone", "--year", "2023", "--lcra", "ten")
    assert_one_line_error(run, "putright landlord homes", "--lcra", "'ten'")


def test_report_compliance_with_bad_arguments_exits_1_with_a_line_per_problem(env, tmp_path):
    out = tmp_path / "compliance.json"
    run = putright(
        env,
        "report",
        "compliance",
        "--landlord",
        "Nobody",
        "--year",
        "23/24",
        "--format",
        "xlsx",
        "--out",
        str(out),
    )
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    lines = run.stderr.splitlines()
    assert len(lines) == 3, run.stderr
    assert "'Nobody'" in lines[0] and "'23/24'" in lines[1] and "'xlsx'" in lines[2]
    assert not out.exists()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_serves_the_app_where_it_says(env):
    port = free_port()
    server = subprocess.Popen(
        [PUTRIGHT, "serve", "--port", str(port), "--noreload"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        body = ""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    body = r.read().decode()
                break
            except OSError:
                time.sleep(0.2)
        assert body == "ok"
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert f"serving at http://127.0.0.1:{port}/" in output
