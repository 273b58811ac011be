"""/healthz: what a load balancer and monitoring ask (interfaces.md, "Web"; README, "Health
and metrics"): the database answers and the worker keeps up with its queue."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import OperationalError
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from putright.web import health

pytestmark = pytest.mark.django_db


def waiting_task(minutes: int, *, run_after: dt.datetime | None = None) -> DBTaskResult:
    """A task that has been ready for the worker for ``minutes``."""
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="putright.api.webhooks.deliver",
        backend_name="default",
        run_after=run_after or get_date_max(),
        exception_class_path="",
        traceback="",
    )
    DBTaskResult.objects.filter(pk=task.pk).update(
        enqueued_at=timezone.now() - dt.timedelta(minutes=minutes)
    )
    return task


class DatabaseDown:
    """Stands in for ``django.db.connection`` when the database server has gone."""

    def cursor(self):
        raise OperationalError('connection to server at "db" (10.0.0.5), port 5432 failed')


def test_healthz_answers_200_ok_when_the_database_answers(client: Client) -> None:
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert response.content == b"ok"


def test_healthz_answers_json_with_each_check_when_asked_for_json(client: Client) -> None:
    for response in (
        client.get("/healthz", headers={"Accept": "application/json"}),
        client.get("/healthz?format=json"),
    ):
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        assert response.json() == {
            "status": "ok",
            "checks": {
                "database": {"status": "ok"},
                "tasks": {
                    "status": "ok",
                    "waiting_too_long": 0,
                    "max_wait_minutes": 15,
                    "limit": 0,
                },
            },
        }


def test_healthz_answers_503_naming_the_database_when_it_does_not_answer(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(health, "connection", DatabaseDown())

    plain = client.get("/healthz")
    as_json = client.get("/healthz", headers={"Accept": "application/json"})

    assert plain.status_code == 503
    assert plain.content == b"database unavailable"
    assert as_json.status_code == 503
    assert as_json.json() == {
        "status": "failing",
        "checks": {
            "database": {"status": "failing", "problem": "database unavailable"},
            "tasks": {"status": "not checked", "problem": "the database did not answer"},
        },
    }
    # The driver's words (a host, an address) are not passed on.
    assert b"10.0.0.5" not in plain.content + as_json.content


def test_healthz_answers_503_when_tasks_have_waited_too_long_for_the_worker(
    client: Client,
) -> None:
    waiting_task(16)
    waiting_task(20)

    plain = client.get("/healthz")
    as_json = client.get("/healthz?format=json")

    assert plain.status_code == 503
    assert plain.content.decode() == (
        "task queue backlog: 2 tasks have waited over 15 minutes for the worker (limit 0); "
        "is putright db_worker running?"
    )
    assert as_json.status_code == 503
    assert as_json.json()["status"] == "failing"
    assert as_json.json()["checks"]["database"] == {"status": "ok"}
    assert as_json.json()["checks"]["tasks"]["waiting_too_long"] == 2


def test_tasks_waiting_less_than_the_threshold_or_not_yet_due_are_not_a_backlog(
    client: Client,
) -> None:
    waiting_task(14)
    # Enqueued an hour ago to run in an hour (a webhook retry): not waiting for the worker.
    waiting_task(60, run_after=timezone.now() + dt.timedelta(hours=1))
    # Done tasks are not waiting, however old.
    DBTaskResult.objects.filter(pk=waiting_task(90).pk).update(status="SUCCESSFUL")

    assert client.get("/healthz").status_code == 200


def test_the_backlog_limit_and_wait_are_settings(client: Client, settings) -> None:
    waiting_task(16)
    waiting_task(16)

    settings.HEALTHZ_TASK_BACKLOG_LIMIT = 2
    assert client.get("/healthz").status_code == 200
    settings.HEALTHZ_TASK_BACKLOG_LIMIT = 1
    assert client.get("/healthz").status_code == 503
    settings.HEALTHZ_TASK_MAX_WAIT_MINUTES = 30
    assert client.get("/healthz").status_code == 200
    settings.HEALTHZ_TASK_MAX_WAIT_MINUTES = 0
    settings.HEALTHZ_TASK_BACKLOG_LIMIT = 0
    response = client.get("/healthz?format=json")
    assert response.status_code == 200
    assert response.json()["checks"]["tasks"]["status"] == "not checked"


def test_healthz_needs_no_sign_in_and_sets_no_cookie(client: Client) -> None:
    response = client.get("/healthz")

    assert response.status_code == 200
    assert not response.cookies
