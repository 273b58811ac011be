"""Code 5.12 and domain.md §4: the timeline that nobody can silently rewrite."""

from __future__ import annotations

import pytest

from putright.complaints import services
from putright.complaints.models import AppendOnlyError, Event
from tests import factories

pytestmark = pytest.mark.django_db


def _event():
    c = factories.complaint(factories.landlord())
    return Event.objects.get(complaint=c)


def test_an_event_cannot_be_changed():
    event = _event()
    event.summary = "Something else"
    with pytest.raises(AppendOnlyError):
        event.save()
    assert Event.objects.get(pk=event.pk).summary != "Something else"


def test_an_event_cannot_be_deleted_one_by_one_or_in_bulk():
    event = _event()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(pk=event.pk).delete()
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(pk=event.pk).update(summary="x")
    assert Event.objects.filter(pk=event.pk).exists()


def test_a_correction_is_a_new_event_pointing_at_the_old_one():
    event = _event()
    correction = services.event_correct(
        event=event, correction="Received by email, not phone.", by=None
    )
    assert correction.pk != event.pk
    assert correction.corrects == event
    assert correction.kind == "correction"
    event.refresh_from_db()
    assert "phone" in event.summary  # the original stands as it was
