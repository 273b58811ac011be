"""/metrics in Prometheus's text format (README, "Health and metrics"), off unless
``METRICS_ENABLED``: requests by view and status, their latency, the task queue's backlog
and each landlord's overdue complaints. Counts only: no label names a person or a
complaint, and a view is named by its URL name (``staff:case``), never by its path.

The request figures are counted by ``RequestMetricsMiddleware`` in each process with
prometheus-client. Under gunicorn with several workers, set ``PROMETHEUS_MULTIPROC_DIR``
to an empty directory the workers may write (prometheus-client's own setting) and each
scrape adds up every worker's figures; without it a scrape sees one worker's. The queue and
overdue figures are counted by the database at each scrape, so every process agrees.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Iterator

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import DatabaseError
from django.db.models import Count, Min
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from putright.complaints.models import Complaint
from putright.landlords.models import Landlord
from putright.web.health import tasks_waiting_since

#: The label of a request no URL pattern matched (a 404, a static file): never its path,
#: which anyone can make up and would make a new series each time.
UNRESOLVED = "unresolved"
#: Seconds; the staff pages' target is 0.3 at the 95th percentile (issue 16).
LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0, 2.5, 5.0, 10.0)

REQUESTS = Counter(
    "putright_http_requests",
    "Requests answered, by URL name, method and status code.",
    ["view", "method", "status"],
)
LATENCY = Histogram(
    "putright_http_request_duration_seconds",
    "Time from the request reaching Django to its response, by URL name.",
    ["view"],
    buckets=LATENCY_BUCKETS,
)


def view_name(request: HttpRequest) -> str:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match is not None else UNRESOLVED


class RequestMetricsMiddleware:
    """Counts each request and times it: two label look-ups and two increments, nothing
    else. Not installed at all unless ``METRICS_ENABLED``, so it costs nothing when off."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        if not settings.METRICS_ENABLED:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        view = view_name(request)
        LATENCY.labels(view).observe(time.perf_counter() - started)
        REQUESTS.labels(view, request.method or "", str(response.status_code)).inc()
        return response


class DatabaseFigures(Collector):
    """The figures counted by the database at each scrape: the task queue, and each
    landlord's overdue complaints (their next deadline, as the work queue has it, is
    before today), by the landlord's id (as in /admin/), with 0 for a landlord with none."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        try:
            # Counted in full before any is given: a half-written scrape would mislead.
            figures = list(self._figures())
        except DatabaseError:
            figures = []
        yield GaugeMetricFamily(
            "putright_database_up",
            "1 when the database answered this scrape's counts, 0 when it did not.",
            value=1 if figures else 0,
        )
        yield from figures

    def _figures(self) -> Iterator[GaugeMetricFamily]:
        now = timezone.now()
        ready = DBTaskResult.objects.filter(status=TaskResultStatus.READY).aggregate(
            count=Count("id"), oldest=Min("enqueued_at")
        )
        yield GaugeMetricFamily(
            "putright_tasks_ready", "Tasks waiting for the worker.", value=ready["count"]
        )
        oldest = ready["oldest"]
        yield GaugeMetricFamily(
            "putright_tasks_oldest_ready_age_seconds",
            "How long the oldest waiting task has waited (0 when none waits).",
            value=(now - oldest).total_seconds() if oldest else 0,
        )
        minutes = settings.HEALTHZ_TASK_MAX_WAIT_MINUTES
        if minutes > 0:
            yield GaugeMetricFamily(
                "putright_tasks_waiting_too_long",
                f"Tasks ready for longer than HEALTHZ_TASK_MAX_WAIT_MINUTES ({minutes}).",
                value=tasks_waiting_since(now - dt.timedelta(minutes=minutes)),
            )
        overdue = GaugeMetricFamily(
            "putright_complaints_overdue",
            "Complaints whose next deadline has passed, by landlord.",
            labels=["landlord"],
        )
        today = timezone.localdate()
        counts = dict(
            Complaint.objects.filter(next_due_on__lt=today)
            .order_by()
            .values_list("landlord_id")
            .annotate(n=Count("*"))  # from the (landlord, next_due_on) index alone
        )
        for pk in Landlord.objects.order_by("pk").values_list("pk", flat=True):
            overdue.add_metric([str(pk)], counts.get(pk, 0))
        yield overdue


def exposition() -> bytes:
    """Every figure, in Prometheus's text format: this process's (or, with
    ``PROMETHEUS_MULTIPROC_DIR``, every worker's) requests, then the database's."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        requests = CollectorRegistry()
        multiprocess.MultiProcessCollector(requests)
    else:
        requests = REGISTRY
    database = CollectorRegistry(auto_describe=False)
    database.register(DatabaseFigures())
    return generate_latest(requests) + generate_latest(database)


def bearer_token_given(request: HttpRequest, token: str) -> bool:
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    return scheme.lower() == "bearer" and constant_time_compare(given.strip(), token)


def metrics(request: HttpRequest) -> HttpResponse:
    """/metrics: not found unless ``METRICS_ENABLED``; with ``METRICS_TOKEN`` set, only for
    a request that gives it as ``Authorization: Bearer TOKEN``."""
    if not settings.METRICS_ENABLED:
        raise Http404
    token: str = settings.METRICS_TOKEN
    if token and not bearer_token_given(request, token):
        response = HttpResponse(
            "Give the metrics token as Authorization: Bearer TOKEN (METRICS_TOKEN).\n",
            status=401,
            content_type="text/plain",
        )
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    return HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)
