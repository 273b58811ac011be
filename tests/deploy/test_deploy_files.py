"""What deploy/ says agrees with the code (issue 16, item 4). `make deploy-check`
(scripts/deploy-check) runs these files for real; these tests keep the facts in them true
between runs: every timer has its job and every job runs a command that exists, the nginx
site lets through the portal's largest request and hides /metrics, and the compose file
has the web process, the worker and PostgreSQL 15."""

from __future__ import annotations

import configparser
import math
import re
import shlex
from pathlib import Path

import pytest
import yaml
from django.core.management import get_commands

from putright.portal.middleware import max_request_bytes
from putright.web.management.commands.backup import MAX_KEEP_DAYS

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
UNITS = DEPLOY / "systemd"
VENV_BIN = "/opt/putright/venv/bin/"


def service(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(re.sub(r"^Environment=.*$", "", path.read_text(), flags=re.M))
    return parser["Service"]


def putright_command(exec_start: str) -> list[str]:
    words = shlex.split(exec_start.replace("%%", "%"))
    if words[:2] == ["/bin/sh", "-c"]:
        words = shlex.split(words[2].split("exec ", 1)[1])
    return words


@pytest.mark.parametrize("timer", sorted(UNITS.glob("*.timer")), ids=lambda p: p.name)
def test_each_timer_starts_a_job_that_runs_a_putright_command(timer):
    job = timer.with_suffix(".service")
    assert job.exists(), f"{timer.name} has no {job.name}"
    unit = service(job)
    assert unit["Type"] == "oneshot"
    words = putright_command(unit["ExecStart"])
    assert words[0] == f"{VENV_BIN}putright", words
    assert words[1] in get_commands(), f"{job.name} runs `putright {words[1]}`, no such command"
    assert "OnCalendar" in timer.read_text() and "Persistent=true" in timer.read_text()


def test_the_daily_jobs_the_readme_names_have_timers():
    commands = {
        putright_command(service(job)["ExecStart"])[1]
        for job in UNITS.glob("*.service")
        if (job.with_suffix(".timer")).exists()
    }
    assert {"remind", "ombudsman_remind", "emit_due_webhooks", "backup", "retention"} <= commands


def test_the_backup_job_keeps_backups_for_the_days_the_documents_say():
    job = UNITS / "putright-backup.service"
    words = putright_command(service(job)["ExecStart"])
    assert words[1:2] == ["backup"]
    assert words[words.index("--keep-days") + 1] == "${BACKUP_KEEP_DAYS}"
    days = re.search(r"^Environment=BACKUP_KEEP_DAYS=(\d+)$", job.read_text(), flags=re.M)
    assert days is not None
    assert 1 <= int(days[1]) <= MAX_KEEP_DAYS
    kept = f"made more than {days[1]} days ago"
    assert kept in (DEPLOY / "README.md").read_text()
    assert kept in (DEPLOY.parent / "docs" / "operations.md").read_text()


def test_the_web_and_worker_units_run_gunicorn_and_the_db_worker():
    web = shlex.split(service(UNITS / "putright-web.service")["ExecStart"])
    worker = shlex.split(service(UNITS / "putright-worker.service")["ExecStart"])
    assert web[:2] == [f"{VENV_BIN}gunicorn", "putright.wsgi"]
    assert "unix:/run/putright/web.sock" in web
    assert worker[:2] == [f"{VENV_BIN}putright", "db_worker"]


def test_nginx_lets_the_largest_portal_request_through_and_keeps_metrics_private():
    site = (DEPLOY / "nginx" / "putright.conf").read_text()
    limit = re.search(r"client_max_body_size (\d+)m;", site)
    assert limit is not None
    # Just over the app's limit: a body a little too big gets the app's page saying what to do.
    assert int(limit[1]) == math.ceil(max_request_bytes() / 1024 / 1024) + 1
    assert re.search(r"location = /metrics \{\s*return 404;", site)
    assert "proxy_pass http://putright_web;" in site
    assert "server unix:/run/putright/web.sock" in site
    for header in ("X-Forwarded-For $remote_addr", "X-Forwarded-Proto $scheme"):
        assert f"proxy_set_header {header};" in site
    assert "TRUSTED_PROXIES=unix" in (DEPLOY / "putright.env").read_text()


def test_compose_runs_web_worker_and_postgresql_15_from_one_image():
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]
    assert set(services) == {"web", "worker", "db"}
    assert services["db"]["image"].startswith("postgres:15")
    assert services["web"]["build"] == services["worker"]["build"]
    assert services["worker"]["command"][:2] == ["putright", "db_worker"]
    assert services["web"]["ports"] == ["127.0.0.1:8000:8000"]
