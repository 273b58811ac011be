"""The load test's locustfile (issue 16, item 3): a staff day at one landlord.

Run by ``scripts/load-test``, which makes the people it names (``LOAD_TEST_PEOPLE``, a JSON
file) and starts the app; see docs/performance.md, "The web tier under load". Three kinds of
user, weighted 50 : 20 : 1, so ``-u 71`` is 50 staff, 20 residents and one integration:

- ``StaffUser``: a complaints officer signs in (password and authenticator code), then works
  the queue (filters, sorting, pages), searches, opens cases, records contacts and issues
  letters, with a few seconds' thought between.
- ``ResidentUser``: signs in to /track/ with the code the email brings, reads the complaint
  and its letters; now and then logs a new complaint through /complain/.
- ``IntegrationUser``: an API key logging complaints and contacts on one kept-open
  connection, without pause, or with ``LOAD_TEST_INTEGRATION_PAUSE`` seconds between
  them (``scripts/load-test --integration-pause``).

Two more, for the baseline the API is compared with, each run alone (named on locust's
command line) with the same settings: ``BareViewUser`` (a Django view that does nothing) and ``ApiWriteUser`` (only
``POST /api/v1/complaints``), both without pause.

``LOAD_TEST_MAX_REQUESTS`` stops the run after that many requests (``--run-time`` bounds
its time). The steps themselves are in ``journeys.py``, which the tests run too.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from locust import FastHttpUser, between, events, task

sys.path.insert(0, str(Path(__file__).resolve().parent))

from journeys import (
    PEOPLE_ENV,
    Integration,
    JourneyError,
    People,
    Pool,
    Resident,
    Staff,
    wait_for_code,
)

PEOPLE = People.load(os.environ[PEOPLE_ENV]) if os.environ.get(PEOPLE_ENV) else None
STAFF = Pool(PEOPLE.staff if PEOPLE else [])
RESIDENTS = Pool(PEOPLE.residents if PEOPLE else [])
BARE_PATH = "/load-test/bare"


def _people() -> People:
    if PEOPLE is None:
        raise RuntimeError(f"set {PEOPLE_ENV} to the people file scripts/load-test writes")
    return PEOPLE


def _failed(user: FastHttpUser, what: str, error: Exception) -> None:
    """A step that ended in the wrong place counts as a failed request of its own."""
    user.environment.events.request.fire(
        request_type="JOURNEY",
        name=what,
        response_time=0,
        response_length=0,
        exception=error,
        context={},
    )


def _step(user: FastHttpUser, what: str, work: Any) -> None:
    try:
        work()
    except JourneyError as error:
        _failed(user, what, error)


@events.init.add_listener
def _bound_requests(environment: Any, **_: Any) -> None:
    limit = int(os.environ.get("LOAD_TEST_MAX_REQUESTS") or 0)
    if not limit:
        return
    seen = {"n": 0}

    def count(**_: Any) -> None:
        seen["n"] += 1
        if seen["n"] == limit and environment.runner is not None:
            environment.runner.quit()

    environment.events.request.add_listener(count)


class StaffUser(FastHttpUser):
    weight = 50
    wait_time = between(2, 8)

    def on_start(self) -> None:
        self.staff = Staff(self.client, STAFF.take(), _people().password)
        # Someone signing in again within the same 30 seconds would reuse a code, which
        # django-otp refuses (as it should): each officer is one person, signed in once.
        _step(self, "sign in", self.staff.sign_in)

    @task(6)
    def queue(self) -> None:
        _step(self, "queue", self.staff.queue)

    @task(2)
    def search(self) -> None:
        _step(self, "search", self.staff.search)

    @task(6)
    def open_case(self) -> None:
        _step(self, "open a case", self.staff.open_case)

    @task(2)
    def record_contact(self) -> None:
        _step(self, "record a contact", self.staff.record_contact)

    @task(1)
    def issue_letter(self) -> None:
        _step(self, "issue a letter", self.staff.issue_letter)


class ResidentUser(FastHttpUser):
    weight = 20
    wait_time = between(3, 10)

    def on_start(self) -> None:
        outbox = _people().outbox
        self.resident = Resident(
            self.client,
            RESIDENTS.take(),
            lambda email: wait_for_code(outbox, email),
            site=_people().site,
        )
        _step(self, "resident signs in", self.resident.sign_in)

    @task(8)
    def complaint(self) -> None:
        _step(self, "read the complaint", self.resident.complaint)

    @task(1)
    def complain(self) -> None:
        _step(self, "log a complaint", self.resident.complain)


#: Seconds between the integration's writes (0: without pause).
INTEGRATION_PAUSE = float(os.environ.get("LOAD_TEST_INTEGRATION_PAUSE") or 0)


class IntegrationUser(FastHttpUser):
    weight = 1
    wait_time = between(INTEGRATION_PAUSE, INTEGRATION_PAUSE)

    def on_start(self) -> None:
        self.integration = Integration(self.client, _people().api_key)

    @task
    def write(self) -> None:
        _step(self, "API: a complaint and a contact", self.integration.log_with_contact)


class BareViewUser(FastHttpUser):
    """The baseline: a Django view that does nothing, on a kept-open connection."""

    wait_time = between(0, 0)

    @task
    def bare(self) -> None:
        self.client.get(BARE_PATH, name=f"{BARE_PATH} (bare Django view)")


class ApiWriteUser(FastHttpUser):
    """Only ``POST /api/v1/complaints``, as fast as it answers, on a kept-open connection."""

    wait_time = between(0, 0)

    def on_start(self) -> None:
        self.integration = Integration(self.client, _people().api_key)

    @task
    def write(self) -> None:
        _step(self, "API: log a complaint", self.integration.log_complaint)


__all__ = [
    "ApiWriteUser",
    "BareViewUser",
    "IntegrationUser",
    "ResidentUser",
    "StaffUser",
]
