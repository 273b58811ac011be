"""/metrics for Prometheus (README, "Health and metrics"): off unless METRICS_ENABLED, a
bearer token when METRICS_TOKEN is set, and counts only (no person, no complaint)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import MiddlewareNotUsed
from django.db import OperationalError
from django.test import Client
from django_tasks_db.models import DBTaskResult
from prometheus_client.parser import text_string_to_metric_families

from putright.web.metrics import RequestMetricsMiddleware
from tests import factories
from tests.web.test_healthz import waiting_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def metrics_on(settings) -> None:
    settings.METRICS_ENABLED = True
    settings.METRICS_TOKEN = ""


def scrape(client: Client, **headers: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of /metrics, by name and labels."""
    response = client.get("/metrics", headers=headers)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/plain; version=")
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.content.decode())
        for sample in family.samples
    }


def requests_counted(samples, view: str, status: str, method: str = "GET") -> float:
    key = (
        "putright_http_requests_total",
        (("method", method), ("status", status), ("view", view)),
    )
    return samples.get(key, 0.0)


def latency_count(samples, view: str) -> float:
    return samples.get(("putright_http_request_duration_seconds_count", (("view", view),)), 0.0)


def test_metrics_are_off_by_default_and_then_not_found(client: Client, settings) -> None:
    assert settings.METRICS_ENABLED is False
    assert client.get("/metrics").status_code == 404


def test_the_request_middleware_is_not_installed_when_metrics_are_off(settings) -> None:
    settings.METRICS_ENABLED = False

    with pytest.raises(MiddlewareNotUsed):
        RequestMetricsMiddleware(lambda request: None)  # type: ignore[arg-type,return-value]


def test_requests_are_counted_by_view_and_status_and_timed(metrics_on) -> None:
    client = Client()
    before = scrape(client)

    client.get("/healthz")
    client.get("/healthz")
    client.get("/staff/")  # signed out: sent to sign in
    client.get("/no-such-page/")

    after = scrape(client)
    assert (
        requests_counted(after, "healthz", "200") - requests_counted(before, "healthz", "200") == 2
    )
    assert latency_count(after, "healthz") - latency_count(before, "healthz") == 2
    assert (
        requests_counted(after, "staff:queue", "302")
        - requests_counted(before, "staff:queue", "302")
        == 1
    )
    # A path nobody routes is counted without it: anyone could make up a new one each time.
    assert (
        requests_counted(after, "unresolved", "404") - requests_counted(before, "unresolved", "404")
        == 1
    )
    assert not any("no-such-page" in str(labels) for _, labels in after)


def test_overdue_complaints_are_counted_per_landlord_by_id_without_names(metrics_on, today) -> None:
    late = factories.landlord("Late Homes")
    on_time = factories.landlord("On Time Homes")
    # Logged long ago and never acknowledged: its acknowledgement is overdue.
    overdue = factories.complaint(late, received_on=today - dt.timedelta(days=60))
    factories.complaint(late, received_on=today - dt.timedelta(days=40))
    factories.complaint(on_time, received_on=today)

    client = Client()
    response = client.get("/metrics")
    samples = scrape(client)

    assert samples[("putright_complaints_overdue", (("landlord", str(late.pk)),))] == 2
    assert samples[("putright_complaints_overdue", (("landlord", str(on_time.pk)),))] == 0
    text = response.content.decode()
    for private in (overdue.reference, "Late Homes", "boiler"):
        assert private not in text


def test_the_task_queue_backlog_is_a_figure(metrics_on) -> None:
    waiting_task(30)
    waiting_task(5)

    samples = scrape(Client())

    assert samples[("putright_tasks_ready", ())] == 2
    assert samples[("putright_tasks_waiting_too_long", ())] == 1
    assert 30 * 60 <= samples[("putright_tasks_oldest_ready_age_seconds", ())] < 31 * 60


def test_with_a_token_metrics_are_only_for_a_scrape_that_gives_it(metrics_on, settings) -> None:
    settings.METRICS_TOKEN = "a-long-random-metrics-token"
    client = Client()

    missing = client.get("/metrics")
    wrong = client.get("/metrics", headers={"Authorization": "Bearer not-the-token"})
    basic = client.get("/metrics", headers={"Authorization": "Basic a-long-random-metrics-token"})

    for refused in (missing, wrong, basic):
        assert refused.status_code == 401
        assert refused["WWW-Authenticate"] == 'Bearer realm="metrics"'
        assert b"putright_" not in refused.content
    samples = scrape(client, Authorization="Bearer a-long-random-metrics-token")
    assert ("putright_tasks_ready", ()) in samples


def test_with_the_database_down_a_scrape_still_gives_the_request_figures(
    metrics_on, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = Client()
    client.get("/healthz")

    def database_down(*args, **kwargs):
        raise OperationalError("the server closed the connection")

    monkeypatch.setattr(DBTaskResult.objects, "filter", database_down)
    samples = scrape(client)

    assert samples[("putright_database_up", ())] == 0
    assert requests_counted(samples, "healthz", "200") >= 1
    assert ("putright_tasks_ready", ()) not in samples


def test_the_database_is_up_when_it_answered_the_scrape(metrics_on) -> None:
    assert scrape(Client())[("putright_database_up", ())] == 1
