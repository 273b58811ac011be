"""compliment_record: who may record a compliment, and what it must hold."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from putright.compliments.models import Compliment
from putright.compliments.services import compliment_record
from putright.landlords.models import Role, ServiceArea
from putright.residents.models import Resident
from putright.rules.lifecycle import RuleError
from tests import factories

pytestmark = pytest.mark.django_db


def _record(landlord, **changes):
    fields = {
        "landlord": landlord,
        "words": "Dee fixed our boiler the same day. Thank you!",
        "channel": "phone",
        "by": None,
    }
    fields.update(changes)
    return compliment_record(**fields)


def test_a_handler_records_a_compliment_with_its_service_area_and_the_staff_member_named(today):
    landlord = factories.landlord()
    repairs = ServiceArea.objects.create(landlord=landlord, name="Repairs")
    handler = factories.user(landlord=landlord, role=Role.HANDLER)
    compliment = _record(landlord, service_area=repairs, staff_named="  Dee   Okafor ", by=handler)
    assert Compliment.objects.get() == compliment
    assert compliment.received_on == today
    assert compliment.service_area == repairs
    assert compliment.staff_named == "Dee Okafor"
    assert compliment.recorded_by == handler
    assert compliment.given_by == "Anonymous"


def test_the_portal_records_one_with_no_user_and_the_giver_named():
    landlord = factories.landlord()
    compliment = _record(landlord, giver_name="Sam Green", giver_email="sam@example.org")
    assert compliment.recorded_by is None
    assert compliment.given_by == "Sam Green"


@pytest.mark.parametrize("role", [Role.VIEWER, Role.CONTRACTOR_HANDLER])
def test_a_viewer_or_a_contractors_handler_may_not_record_one(role):
    landlord = factories.landlord()
    contractor = factories.contractor(landlord) if role == Role.CONTRACTOR_HANDLER else None
    person = factories.user(landlord=landlord, role=role, contractor=contractor)
    with pytest.raises(PermissionDenied):
        _record(landlord, by=person)
    assert not Compliment.objects.exists()


def test_someone_of_another_landlord_may_not_record_one():
    landlord = factories.landlord()
    stranger = factories.user(landlord=factories.landlord(), role=Role.OFFICER)
    with pytest.raises(PermissionDenied):
        _record(landlord, by=stranger)


def test_another_landlords_service_area_and_resident_are_refused_by_field():
    landlord, other = factories.landlord(), factories.landlord()
    area = ServiceArea.objects.create(landlord=other, name="Repairs")
    resident = Resident.objects.create(landlord=other, name="Sam Green")
    with pytest.raises(RuleError) as refused:
        _record(landlord, service_area=area, resident=resident)
    assert refused.value.problems == {
        "service_area": "Choose one of the landlord's own service areas.",
        "resident": "The resident is not one of this landlord's residents.",
    }


def test_no_words_a_date_to_come_an_unknown_channel_and_a_bad_email_are_each_named(today):
    with pytest.raises(RuleError) as refused:
        _record(
            factories.landlord(),
            words=" ",
            received_on=today + dt.timedelta(days=1),
            channel="pigeon",
            giver_email="not an address",
        )
    assert set(refused.value.problems) == {"words", "received_on", "channel", "giver_email"}
    assert refused.value.problems["channel"].startswith("'pigeon' is not a channel; use one of:")
    assert not Compliment.objects.exists()
