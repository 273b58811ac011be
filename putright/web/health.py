"""What /healthz checks (README, "Health and metrics"): that the database answers, and
that the background worker keeps up with its queue. Neither check reads or says anything
about a person: a trivial query, and a count of waiting tasks.

A task is behind when it has been ready to run (enqueued, and any ``run_after`` passed)
for longer than ``HEALTHZ_TASK_MAX_WAIT_MINUTES``: a worker that is stopped or stuck
leaves reminders and webhook deliveries unsent. More than ``HEALTHZ_TASK_BACKLOG_LIMIT``
of them fails the check; a wait of 0 minutes turns the check off.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Q
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

OK = "ok"
FAILING = "failing"
NOT_CHECKED = "not checked"


@dataclass(frozen=True)
class Check:
    """One check's outcome: ``ok``, ``failing`` or ``not checked``, what it found, and in
    plain words what failed."""

    status: str
    problem: str = ""
    figures: dict[str, int] = field(default_factory=dict)


def database_check() -> Check:
    """The database answers a trivial query."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        # The driver's message may name hosts or users: say only what failed.
        return Check(FAILING, "database unavailable")
    return Check(OK)


def tasks_waiting_since(cutoff: dt.datetime) -> int:
    """Tasks ready to run since before ``cutoff``: enqueued before it, and either due at
    once or due (``run_after``) before it. Served by django-tasks-db's partial index on
    ready tasks."""
    return (
        DBTaskResult.objects.filter(status=TaskResultStatus.READY, enqueued_at__lt=cutoff)
        .filter(Q(run_after=get_date_max()) | Q(run_after__lt=cutoff))
        .count()
    )


def task_backlog_check() -> Check:
    """No more than ``HEALTHZ_TASK_BACKLOG_LIMIT`` tasks have waited longer than
    ``HEALTHZ_TASK_MAX_WAIT_MINUTES`` for the worker."""
    minutes: int = settings.HEALTHZ_TASK_MAX_WAIT_MINUTES
    limit: int = settings.HEALTHZ_TASK_BACKLOG_LIMIT
    if minutes <= 0:
        return Check(NOT_CHECKED, "turned off (HEALTHZ_TASK_MAX_WAIT_MINUTES=0)")
    try:
        waiting = tasks_waiting_since(timezone.now() - dt.timedelta(minutes=minutes))
    except DatabaseError:
        return Check(FAILING, "the task queue could not be read")
    figures = {"waiting_too_long": waiting, "max_wait_minutes": minutes, "limit": limit}
    if waiting > limit:
        tasks = "task has" if waiting == 1 else "tasks have"
        return Check(
            FAILING,
            f"task queue backlog: {waiting} {tasks} waited over {minutes} minutes for the "
            f"worker (limit {limit}); is putright db_worker running?",
            figures,
        )
    return Check(OK, figures=figures)


def health() -> dict[str, Check]:
    """Every check, by name. The queue is not read when the database does not answer."""
    database = database_check()
    if database.status != OK:
        return {"database": database, "tasks": Check(NOT_CHECKED, "the database did not answer")}
    return {"database": database, "tasks": task_backlog_check()}
