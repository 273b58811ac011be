"""A contractor's handler works only on the stages allocated to its contractor (issue 12,
item 9): it acts on them as the landlord's handlers do, but it cannot withdraw a complaint
(which may be about its own work), nor hand the complaint outside its own organisation."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from putright.complaints import services
from putright.complaints.models import Complaint
from putright.landlords.models import Role
from putright.rules.lifecycle import State
from tests import factories

pytestmark = pytest.mark.django_db


def _kestrel_case():
    landlord = factories.landlord()
    kestrel = factories.contractor(landlord, "Kestrel Property Services")
    handler = factories.user(landlord=landlord, role=Role.CONTRACTOR_HANDLER, contractor=kestrel)
    complaint = factories.stage1_acknowledged(landlord, handler=handler, contractor=kestrel)
    return landlord, kestrel, handler, complaint


def test_a_contractors_handler_cannot_withdraw_a_complaint_allocated_to_it():
    _, _, handler, complaint = _kestrel_case()
    events = complaint.events.count()

    with pytest.raises(PermissionDenied, match="cannot withdraw a complaint"):
        services.complaint_withdraw(complaint=complaint, requested_by="The resident", by=handler)

    complaint.refresh_from_db()
    assert complaint.state == State.STAGE1
    assert complaint.events.count() == events


def test_the_landlords_own_handler_still_withdraws_it():
    landlord, _, _, complaint = _kestrel_case()
    officer = factories.user(landlord=landlord, role=Role.OFFICER)

    services.complaint_withdraw(complaint=complaint, requested_by="The resident", by=officer)

    assert Complaint.objects.get(pk=complaint.pk).state == State.WITHDRAWN


def test_a_contractors_handler_still_works_its_own_stage():
    _, _, handler, complaint = _kestrel_case()

    note = services.complaint_add_note(complaint=complaint, text="Visited the home.", by=handler)
    correction = services.event_correct(
        event=note, correction="Visited the home on Monday.", by=handler
    )

    assert note.actor == handler
    assert correction.corrects == note


def test_a_contractors_handler_allocates_only_within_its_own_organisation():
    landlord, kestrel, handler, complaint = _kestrel_case()
    colleague = factories.user(landlord=landlord, role=Role.CONTRACTOR_HANDLER, contractor=kestrel)
    landlords_handler = factories.user(landlord=landlord, role=Role.HANDLER)
    greenway = factories.contractor(landlord, "Greenway Grounds")

    for elsewhere in (
        {"handler": landlords_handler, "contractor": None},
        {"handler": colleague, "contractor": greenway},
    ):
        with pytest.raises(PermissionDenied, match="only to its own organisation's staff"):
            services.complaint_allocate(complaint=complaint, by=handler, **elsewhere)
    services.complaint_allocate(complaint=complaint, handler=colleague, by=handler)

    complaint.refresh_from_db()
    assert complaint.current_stage.handler == colleague
    assert complaint.contractor == kestrel
