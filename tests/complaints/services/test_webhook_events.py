"""The services emit the webhook events themselves, as they write the timeline entry, so a
change is told once whichever channel made it (the staff pages, the portal, the API, a
script): logged, acknowledged, responded, escalated and closed; never for a change that
was rolled back; nothing kept for a landlord nobody subscribed for."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from putright.api.models import WebhookDelivery, WebhookEndpoint, WebhookEvent, WebhookEventName
from putright.api.webhooks import new_secret, webhook_names_for
from putright.complaints import services
from putright.complaints.models import Complaint, EventKind
from putright.landlords.models import Role
from putright.rules.lifecycle import State
from tests import factories

pytestmark = pytest.mark.django_db

ALL_EVENTS = list(WebhookEventName.values)


def subscribe(landlord, events: list[str] | None = None) -> WebhookEndpoint:
    return WebhookEndpoint.objects.create(
        landlord=landlord,
        url="https://crm.example.org/hooks",
        events=events or ALL_EVENTS,
        secret=new_secret(),
    )


def emitted() -> list[tuple[str, dict]]:
    return [(e.name, e.payload) for e in WebhookEvent.objects.order_by("id")]


def test_each_service_emits_the_events_of_the_entry_it_writes(today):
    landlord = factories.landlord()
    subscribe(landlord)
    officer = factories.user(landlord=landlord, role=Role.OFFICER)
    c = factories.stage1_acknowledged(landlord)
    services.complaint_respond(
        complaint=c, outcome="upheld", reasons="Late.", point_outcomes=["upheld"], by=officer
    )
    factories.response_letter_sent(c, on=today)
    services.complaint_request_escalation(complaint=c, requested_on=today, by=officer)
    services.complaint_refuse_escalation(
        complaint=c, reason="duplicate", explanation="Already answered.", by=officer
    )
    assert [name for name, _ in emitted()] == [
        "complaint.logged",
        "complaint.acknowledged",
        "complaint.responded",
        "complaint.escalated",
        "complaint.closed",
    ]
    # One delivery per event for the one endpoint.
    assert WebhookDelivery.objects.count() == 5


def test_the_escalated_event_names_stage_2_and_its_acknowledgement_due():
    """The service's copy of the complaint holds its stages from before stage 2 began; the
    event says what is true once the change is made."""
    landlord = factories.landlord()
    c = factories.stage1_responded(landlord)
    subscribe(landlord, ["complaint.escalated"])
    stage = services.complaint_request_escalation(
        complaint=c, requested_on=dt.date(2024, 4, 20), by=None
    )
    [(name, payload)] = emitted()
    assert name == "complaint.escalated"
    assert payload["stage"] == 2
    assert payload["state"] == State.STAGE2
    assert payload["next_due"] == stage.acknowledgement_due.isoformat()
    c.refresh_from_db()
    assert payload["version"] == c.version


def test_a_stage_2_response_is_responded_and_closed():
    landlord = factories.landlord()
    c = factories.stage1_responded(landlord)
    services.complaint_request_escalation(complaint=c, requested_on=dt.date(2024, 4, 20), by=None)
    services.complaint_define(
        complaint=c, points=["Still broken"], outcomes_sought="Fix it", by=None, on=None
    )
    senior = factories.user(landlord=landlord, role=Role.SENIOR_HANDLER)
    services.complaint_allocate(complaint=c, handler=senior, by=None)
    services.complaint_acknowledge(complaint=c, by=None)
    subscribe(landlord, ["complaint.responded", "complaint.closed"])
    services.complaint_respond(
        complaint=c, outcome="not_upheld", reasons="Fixed.", point_outcomes=["not_upheld"], by=None
    )
    # The decision is no event: the response is, when its letter sends it.
    assert emitted() == []
    factories.response_letter_sent(c, on=Complaint.objects.get(pk=c.pk).stage(2).decided_on)
    assert [(name, p["stage"], p["state"]) for name, p in emitted()] == [
        ("complaint.responded", 2, "closed"),
        ("complaint.closed", 2, "closed"),
    ]


def test_withdrawing_and_resolving_close_the_record():
    landlord = factories.landlord()
    subscribe(landlord, ["complaint.closed"])
    services.complaint_withdraw(
        complaint=factories.complaint(landlord), requested_by="The resident", by=None
    )
    services.record_resolve(
        record=factories.complaint(landlord, kind="service_request"), summary="Fixed.", by=None
    )
    assert [(name, p["state"]) for name, p in emitted()] == [
        ("complaint.closed", "withdrawn"),
        ("complaint.closed", "resolved"),
    ]


def test_notes_and_other_entries_are_not_events():
    landlord = factories.landlord()
    c = factories.complaint(landlord)
    subscribe(landlord)
    services.complaint_add_note(complaint=c, text="Called the resident.", by=None)
    services.complaint_triage(complaint=c, decision="complaint", by=None, on=c.received_on)
    assert emitted() == []


def test_a_stage_1_response_is_not_closed():
    assert webhook_names_for(EventKind.RESPONDED, State.STAGE1_CLOSED) == [
        WebhookEventName.RESPONDED
    ]
    assert webhook_names_for(EventKind.NOTE, State.CLOSED) == []


def test_nothing_is_emitted_for_a_change_that_was_rolled_back():
    landlord = factories.landlord()
    subscribe(landlord)
    with pytest.raises(RuntimeError), transaction.atomic():
        factories.complaint(landlord)
        raise RuntimeError("the change failed")
    assert not WebhookEvent.objects.exists()


def test_only_the_events_subscribed_to_are_kept():
    landlord = factories.landlord()
    subscribe(landlord, ["complaint.closed"])
    factories.complaint(factories.landlord())  # another landlord, nobody subscribed
    factories.complaint(landlord)  # logged: not subscribed
    assert not WebhookEvent.objects.exists()


def test_deliveries_are_queued_only_once_the_change_commits(django_capture_on_commit_callbacks):
    landlord = factories.landlord()
    subscribe(landlord)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        factories.complaint(landlord)
    # The event and its delivery are kept with the change; sending waits for the commit.
    assert WebhookDelivery.objects.get().attempts == 0
    assert len(callbacks) == 1


def test_an_endpoint_added_or_stopped_in_the_transaction_is_told_from_the_next_entry():
    """The subscriptions are read once per transaction (``transaction_cache``): a change
    to them in the same transaction is seen at once."""
    landlord = factories.landlord()
    with transaction.atomic():
        factories.complaint(landlord)  # nobody subscribed yet
        endpoint = subscribe(landlord, ["complaint.logged"])
        factories.complaint(landlord)
        WebhookEndpoint.objects.filter(pk=endpoint.pk).update(active=False)
        factories.complaint(landlord)
    assert [name for name, _ in emitted()] == ["complaint.logged"]
