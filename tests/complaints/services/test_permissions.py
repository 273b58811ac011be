"""Least privilege: staff act only for their own landlord; viewers read only; contractor
handlers act only on complaints allocated to their contractor."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from putright.complaints import services
from putright.landlords.models import Role
from tests import factories

pytestmark = pytest.mark.django_db


def test_staff_of_another_landlord_cannot_act():
    c = factories.complaint(factories.landlord())
    outsider = factories.user(landlord=factories.landlord(), role=Role.OFFICER)
    with pytest.raises(PermissionDenied):
        services.complaint_add_note(complaint=c, text="Hello", by=outsider)


def test_a_viewer_cannot_change_a_complaint():
    landlord = factories.landlord()
    c = factories.complaint(landlord)
    viewer = factories.user(landlord=landlord, role=Role.VIEWER)
    with pytest.raises(PermissionDenied, match="read"):
        services.complaint_triage(complaint=c, decision="complaint", by=viewer)


def test_a_contractor_handler_acts_only_on_its_own_allocations():
    landlord = factories.landlord()
    ours, theirs = factories.contractor(landlord), factories.contractor(landlord)
    handler = factories.user(landlord=landlord, role=Role.CONTRACTOR_HANDLER, contractor=ours)
    mine = factories.complaint(landlord, contractor=ours)
    other = factories.complaint(landlord, contractor=theirs)
    services.complaint_add_note(complaint=mine, text="Visited today", by=handler)
    with pytest.raises(PermissionDenied, match="not allocated"):
        services.complaint_add_note(complaint=other, text="Visited today", by=handler)


def test_an_officer_of_the_landlord_can_act_and_is_recorded_on_the_timeline():
    landlord = factories.landlord()
    officer = factories.user(landlord=landlord, role=Role.OFFICER)
    c = factories.complaint(landlord)
    event = services.complaint_add_note(complaint=c, text="Called the resident", by=officer)
    assert event.actor == officer
