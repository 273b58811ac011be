"""Browser tests: Playwright drives Debian's chromium against pytest-django's live server.

Every test under tests/e2e/ is marked ``browser`` (the PostgreSQL run of `make test` leaves
them out). The live server listens on a free port of 127.0.0.1 (``--liveserver`` in
pyproject.toml), one per xdist worker.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

# Playwright's sync API runs an event loop in the test's thread, so Django would refuse the
# tests' own database calls (factories, assertions) as "async-unsafe"; they are synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"

# Without the networking switches Chromium keeps calling Google's services, which this
# machine's closed network refuses; --no-sandbox because the tests may run as root.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--disable-gpu",
]

_HERE = Path(__file__).resolve().parent
_BUILT_CSS = _HERE.parents[1] / "putright" / "web" / "static" / "build" / "putright.css"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if _HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session", autouse=True)
def _frontend_built() -> None:
    """Pages without their stylesheet would fail in confusing ways: say what to run."""
    if not _BUILT_CSS.exists():
        pytest.fail(f"{_BUILT_CSS} is missing: run `make frontend` first", pytrace=False)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright's launch options, with Debian's chromium instead of a download."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url(live_server: LiveServer) -> str:
    """Pages are addressed from the live server's root: ``page.goto("/")``. Every browser
    test so gets the live server and, through pytest-django, transactional database access
    shared with the server's thread."""
    return live_server.url


_axe = Axe()


def assert_no_axe_violations(page: Page) -> None:
    """Fail with each axe-core violation on the page: its rule, impact and the elements.

    A click that navigates returns once the new page is committed, not loaded: axe run
    then would see a half-parsed document (no main, no heading). So it waits for the
    page's load event first."""
    page.wait_for_load_state("load")
    violations = _axe.run(page).response["violations"]
    if not violations:
        return
    lines = [f"{len(violations)} accessibility violation(s) on {page.url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.extend(
            f"    {' '.join(map(str, node['target']))}: {node['html']}"
            for node in violation["nodes"]
        )
    pytest.fail("\n".join(lines))
