"""LOG_FORMAT=json (README, "Health and metrics"): every log line is one JSON object with
the time, level, logger and message, for a log shipper. Run as the real command, since
the logging set-up is made once, when Django starts."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.cli.test_console_script import PUTRIGHT, environment

LOG_SOME_LINES = """
import logging
log = logging.getLogger("putright.example")
log.warning("Reminders sent: %d", 3, extra={"landlord_id": 7})
try:
    1 / 0
except ZeroDivisionError:
    log.exception("A reminder could not be sent")
"""


def run_logging(tmp_path: Path, log_format: str) -> subprocess.CompletedProcess[str]:
    env = environment(tmp_path) | {"LOG_FORMAT": log_format, "LOG_LEVEL": "WARNING"}
    return subprocess.run(
        [PUTRIGHT, "shell", "-c", LOG_SOME_LINES],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_with_log_format_json_every_log_line_is_a_json_object(tmp_path: Path) -> None:
    run = run_logging(tmp_path, "json")

    assert run.returncode == 0, run.stderr
    lines = [json.loads(line) for line in run.stderr.splitlines() if line.strip()]
    assert [(r["level"], r["logger"], r["message"]) for r in lines] == [
        ("WARNING", "putright.example", "Reminders sent: 3"),
        ("ERROR", "putright.example", "A reminder could not be sent"),
    ]
    assert lines[0]["landlord_id"] == 7
    assert lines[0]["time"].endswith("+00:00")
    assert "ZeroDivisionError" in lines[1]["exc_info"]


def test_a_log_format_not_known_is_refused_with_what_to_use(tmp_path: Path) -> None:
    run = run_logging(tmp_path, "xml")

    assert run.returncode == 1
    assert "LOG_FORMAT must be text or json, not 'xml'" in run.stderr
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize("log_format", ["text", ""])
def test_plain_text_logs_stay_the_default(tmp_path: Path, log_format: str) -> None:
    run = run_logging(tmp_path, log_format)

    assert run.returncode == 0, run.stderr
    assert run.stderr.splitlines()[0] == "Reminders sent: 3"
