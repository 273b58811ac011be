"""Shared test set-up. Factories live in tests/factories.py; no fixture builds the world.

The clock. Every test runs on a fixed day, never the day the suite happens to run: the
whole session's clock is moved (time-machine, ticking from 10:00 London time) to
``--today`` (default ``DEFAULT_TODAY``). A test that depends on what day it is takes the
``today`` fixture, which gives that day and marks the test ``date_sensitive``;
``scripts/test-dates`` runs every such test again on the awkward days (the 1st and the 7th
of a month, a bank holiday, 31 March and 1 April, a Saturday). A test that needs one
particular day moves the clock itself with time-machine's ``time_machine`` fixture.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

# Hypothesis checks what the rules do, not how fast: its 200 ms deadline and its "too slow"
# health check timed each example on whatever else the machine was doing (on a loaded CI
# machine an example that takes 0.02 ms took 259 ms once and failed the run). Speed is
# measured in benchmarks/, never in a test.
hypothesis_settings.register_profile(
    "putright", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("putright")

#: Fixtures kept beside the tests that share them (sqlite_replica).
pytest_plugins = ["tests.landlords.replica_support"]

#: The day the suite takes as today unless ``--today`` says otherwise: a Monday.
DEFAULT_TODAY = dt.date(2026, 12, 7)
LONDON = ZoneInfo("Europe/London")
_CLOCK = pytest.StashKey[tuple[dt.date, time_machine.travel]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--today",
        default=None,
        metavar="YYYY-MM-DD",
        help=f"the day the tests take as today (default {DEFAULT_TODAY.isoformat()})",
    )


def _test_day(config: pytest.Config) -> dt.date:
    given = config.getoption("--today")
    if not given:
        return DEFAULT_TODAY
    try:
        return dt.date.fromisoformat(given)
    except ValueError:
        raise pytest.UsageError(f"--today: {given!r} is not a date like 2027-04-01") from None


def pytest_configure(config: pytest.Config) -> None:
    """Move the clock before anything is collected: a test module that works out a date
    when it is imported (a parametrized "three days from now") sees the test day too."""
    config.addinivalue_line(
        "markers", "date_sensitive: depends on today's date (takes the today fixture)"
    )
    day = _test_day(config)
    traveller = time_machine.travel(dt.datetime.combine(day, dt.time(10, 0), tzinfo=LONDON))
    traveller.start()
    config.stash[_CLOCK] = (day, traveller)


def pytest_unconfigure(config: pytest.Config) -> None:
    if _CLOCK in config.stash:
        config.stash[_CLOCK][1].stop()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "today" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.date_sensitive)


@pytest.fixture
def today(pytestconfig: pytest.Config) -> dt.date:
    """The day the test takes as today (``--today``, default ``DEFAULT_TODAY``)."""
    return pytestconfig.stash[_CLOCK][0]


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    """Uploaded files and generated documents go to a throwaway directory."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "files")},
        },
    }


def _force_login_with_security_code(original):
    """``Client.force_login``, then the security code given, as a person whose role requires
    one would have done after their password (docs/security.md, "Second factor"): without
    it every officer and administrator a test signs in would be held at the code step. The
    second factor's own tests sign in through the pages instead."""

    def force_login(self, user, backend=None):
        from putright.staff.two_factor.testing import security_code_given

        original(self, user, backend)
        security_code_given(self, user)

    return force_login


@pytest.fixture(autouse=True, scope="session")
def _signed_in_with_security_code():
    # For the whole session, so that module-scoped worlds (the access matrix) sign their
    # officers in the same way as each test does.
    from django.test import Client

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Client, "force_login", _force_login_with_security_code(Client.force_login))
        yield
