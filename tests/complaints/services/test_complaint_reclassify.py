"""A complaint's service area and theme changed after it was logged (issue 12, item 7), with
the timeline saying what they were and what they are now."""

from __future__ import annotations

import pytest

from putright.complaints import services
from putright.complaints.models import Complaint, Event
from putright.landlords.models import ServiceArea, Theme
from putright.rules.lifecycle import RuleError
from tests import factories

pytestmark = pytest.mark.django_db


def _area(landlord, name):
    return ServiceArea.objects.create(landlord=landlord, name=name)


def _theme(landlord, name):
    return Theme.objects.create(landlord=landlord, name=name)


def test_the_service_area_changes_and_the_timeline_says_from_what_to_what():
    ll = factories.landlord()
    repairs, estates = _area(ll, "Repairs"), _area(ll, "Estates")
    c = factories.complaint(ll, service_area=repairs)

    services.complaint_reclassify(complaint=c, service_area=estates, by=None)

    c = Complaint.objects.get(pk=c.pk)
    assert c.service_area == estates
    event = Event.objects.get(complaint=c, kind="reclassified")
    assert event.summary == "Service area changed from Repairs to Estates."
    assert event.detail == {"service_area": {"from": "Repairs", "to": "Estates"}}


def test_both_change_at_once_and_an_empty_one_is_not_recorded():
    ll = factories.landlord()
    noise = _theme(ll, "Noise")
    damp = _theme(ll, "Damp and mould")
    c = factories.complaint(ll, theme=noise)

    services.complaint_reclassify(
        complaint=c, service_area=_area(ll, "Repairs"), theme=damp, by=None
    )

    c = Complaint.objects.get(pk=c.pk)
    assert c.theme == damp
    assert Event.objects.get(complaint=c, kind="reclassified").summary == (
        "Service area changed from not recorded to Repairs. "
        "Theme changed from Noise to Damp and mould."
    )


def test_left_out_stays_and_nothing_changed_is_refused():
    ll = factories.landlord()
    repairs = _area(ll, "Repairs")
    c = factories.complaint(ll, service_area=repairs)
    version = Complaint.objects.get(pk=c.pk).version

    with pytest.raises(RuleError, match="Choose a different service area or theme"):
        services.complaint_reclassify(complaint=c, service_area=repairs, by=None)

    assert Complaint.objects.get(pk=c.pk).version == version
    assert not Event.objects.filter(kind="reclassified").exists()


def test_another_landlords_service_area_is_refused():
    ll = factories.landlord()
    c = factories.complaint(ll)

    with pytest.raises(RuleError) as refused:
        services.complaint_reclassify(
            complaint=c, service_area=_area(factories.landlord(), "Repairs"), by=None
        )

    assert refused.value.problems == {"service_area": "That record belongs to another landlord."}
    assert Complaint.objects.get(pk=c.pk).service_area is None
