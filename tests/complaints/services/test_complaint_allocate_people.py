"""Who a stage can be allocated to (issue 12, item 6): never the user an API key acts as,
and a contractor's handler only on the complaints allocated to its contractor."""

from __future__ import annotations

import pytest

from putright.api.keys import api_key_issue
from putright.complaints import services
from putright.complaints.models import Complaint
from putright.landlords.models import Role
from putright.rules.lifecycle import RuleError
from tests import factories

pytestmark = pytest.mark.django_db


def _defined(landlord, **fields):
    c = factories.complaint(landlord, **fields)
    services.complaint_triage(complaint=c, decision="complaint", by=None, on=c.received_on)
    services.complaint_define(
        complaint=c, points=["The repair"], outcomes_sought="Fix it", by=None, on=c.received_on
    )
    return c


def test_the_user_an_api_key_acts_as_is_not_given_work():
    landlord = factories.landlord()
    integration = api_key_issue(landlord=landlord, name="CRM", can_write=True).api_key.user
    c = _defined(landlord)

    with pytest.raises(RuleError) as refused:
        services.complaint_allocate(complaint=c, handler=integration, by=None)

    assert "API key" in refused.value.problems["handler"]
    assert c.stages.get().handler is None


def test_a_contractors_handler_is_not_given_a_complaint_the_landlord_handles():
    landlord = factories.landlord()
    kestrel = factories.contractor(landlord, "Kestrel Repairs")
    theirs = factories.user(
        landlord=landlord, role=Role.CONTRACTOR_HANDLER, contractor=kestrel, first_name="Kim"
    )
    c = _defined(landlord)

    with pytest.raises(RuleError) as refused:
        services.complaint_allocate(complaint=c, handler=theirs, contractor=None, by=None)

    assert refused.value.problems["handler"] == (
        "Kim works for Kestrel Repairs, and the landlord itself handles this complaint: a "
        "contractor's handler handles only the complaints allocated to that contractor. To "
        "give it to Kim, allocate the complaint to Kestrel Repairs too."
    )


def test_allocating_a_contractors_handler_never_moves_the_complaint_to_their_contractor():
    """Issue 14: left out, the contractor stays as it is: the person is refused rather
    than the complaint silently handed to their contractor. Chosen too, it moves."""
    landlord = factories.landlord()
    kestrel = factories.contractor(landlord, "Kestrel Repairs")
    theirs = factories.user(
        landlord=landlord, role=Role.CONTRACTOR_HANDLER, contractor=kestrel, first_name="Kim"
    )
    c = _defined(landlord)
    version = Complaint.objects.get(pk=c.pk).version

    with pytest.raises(RuleError) as refused:
        services.complaint_allocate(complaint=c, handler=theirs, by=None)

    assert "allocate the complaint to Kestrel Repairs too" in refused.value.problems["handler"]
    c = Complaint.objects.get(pk=c.pk)
    assert (c.contractor, c.stages.get().handler, c.version) == (None, None, version)

    services.complaint_allocate(complaint=c, handler=theirs, contractor=kestrel, by=None)
    c.refresh_from_db()
    assert c.contractor == kestrel
    assert c.stages.get().handler == theirs
