"""Code 6.13 on the staff pages (issue 14, item 1): the allocate and respond pages show the
services' refusal on the field that was wrong, keeping what was typed; allocating a person
never moves the complaint to their contractor unless it is chosen too; an officer records
a response for the handler, and the timeline says so."""

from __future__ import annotations

import datetime as dt
import html as htmllib

import pytest

from putright.complaints import services
from putright.complaints.models import Complaint, Event, EventKind
from putright.landlords.models import Role, today
from tests import factories
from tests.staff import people

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return htmllib.unescape(response.content.decode())


def version(c: Complaint) -> int:
    return Complaint.objects.get(pk=c.pk).version


def decision(c: Complaint) -> dict[str, str]:
    """A stage 2 decision on its one point, as the respond form posts it."""
    return {
        "version": str(version(c)),
        "point_1": "upheld",
        "outcome": "upheld",
        "reasons": "The repair took nine weeks; we should have kept you informed.",
        "remedies-TOTAL_FORMS": "0",
        "remedies-INITIAL_FORMS": "0",
        "actions-TOTAL_FORMS": "0",
        "actions-INITIAL_FORMS": "0",
        **people.date_fields("on", today()),
    }


def stage2_acknowledged(landlord, *, stage1_handler, stage2_handler):
    on = today()
    c = factories.stage1_responded(
        landlord, handler=stage1_handler, received_on=on - dt.timedelta(days=20), on=on
    )
    services.complaint_request_escalation(complaint=c, requested_on=on, by=None)
    services.complaint_define(
        complaint=c, points=["Still not fixed"], outcomes_sought="Fix it", by=None, on=on
    )
    services.complaint_allocate(complaint=c, handler=stage2_handler, by=None, on=on)
    services.complaint_acknowledge(complaint=c, by=None, on=on)
    return Complaint.objects.get(pk=c.pk)


def test_a_contractors_handler_chosen_for_a_landlords_complaint_is_refused_on_the_field():
    landlord = factories.landlord()
    kestrel = people.contractor(landlord, "Kestrel Repairs")
    kim = people.staff(
        landlord, Role.CONTRACTOR_HANDLER, first="Kim", last="Doyle", contractor=kestrel
    )
    c = people.stage1_open(landlord)
    client = people.signed_in(people.staff(landlord, Role.OFFICER))
    before = version(c)

    page = client.get(f"/staff/cases/{c.reference}/allocate/")
    refused = client.post(
        f"/staff/cases/{c.reference}/allocate/",
        {"version": before, "handler": kim.pk, "contractor": ""},
    )

    # The form says who handles it now, and leaving it keeps it so.
    assert page.context["form"]["contractor"].value() == "landlord"
    assert refused.status_code == 200
    form = refused.context["form"]
    assert form.errors["handler"] == [
        "Kim Doyle works for Kestrel Repairs, and the landlord itself handles this complaint: "
        "a contractor's handler handles only the complaints allocated to that contractor. To "
        "give it to Kim Doyle, allocate the complaint to Kestrel Repairs too."
    ]
    assert '<a href="#id_handler">Kim Doyle works for Kestrel Repairs' in text(refused)
    assert form["handler"].value() == str(kim.pk)  # what was chosen is kept
    after = Complaint.objects.get(pk=c.pk)
    assert (after.contractor, after.stage(1).handler, after.version) == (None, None, before)


def test_choosing_the_contractor_too_gives_it_to_their_handler():
    landlord = factories.landlord()
    kestrel = people.contractor(landlord, "Kestrel Repairs")
    kim = people.staff(landlord, Role.CONTRACTOR_HANDLER, contractor=kestrel)
    c = people.stage1_open(landlord)
    client = people.signed_in(people.staff(landlord, Role.OFFICER))

    done = client.post(
        f"/staff/cases/{c.reference}/allocate/",
        {"version": version(c), "handler": kim.pk, "contractor": str(kestrel.pk)},
    )

    assert done.status_code == 302
    after = Complaint.objects.get(pk=c.pk)
    assert (after.contractor, after.stage(1).handler) == (kestrel, kim)


def test_stage_2_is_not_offered_to_an_administrator_or_a_contractors_senior_people():
    landlord = factories.landlord()
    admin = people.staff(landlord, Role.ADMINISTRATOR)
    senior = people.staff(landlord, Role.SENIOR_HANDLER)
    officer = people.staff(landlord, Role.OFFICER)
    c = factories.stage1_responded(landlord, received_on=today() - dt.timedelta(days=20))
    services.complaint_request_escalation(complaint=c, requested_on=today(), by=None)

    page = people.signed_in(officer).get(f"/staff/cases/{c.reference}/allocate/")

    choices = dict(page.context["form"].fields["handler"].choices)
    assert senior.pk in choices and officer.pk in choices
    assert admin.pk not in choices
    assert "Only the landlord's senior handlers and complaints officers are listed." in text(page)


def test_the_stage_1_handler_cannot_record_the_stage_2_response_and_keeps_what_was_typed():
    landlord = factories.landlord()
    hamza = people.staff(landlord, Role.HANDLER, first="Hamza", last="Ali")
    sarah = people.staff(landlord, Role.SENIOR_HANDLER, first="Sarah", last="Bennett")
    c = stage2_acknowledged(landlord, stage1_handler=hamza, stage2_handler=sarah)
    before = version(c)

    refused = people.signed_in(hamza).post(f"/staff/cases/{c.reference}/respond/", decision(c))

    assert refused.status_code == 200
    page = text(refused)
    assert (
        "Stage 2 is allocated to Sarah Bennett: only they, or a complaints officer recording "
        "it for them, can record its response." in page
    )
    assert "The repair took nine weeks; we should have kept you informed." in page
    after = Complaint.objects.get(pk=c.pk)
    assert after.stage(2).decided_on is None and after.version == before
    assert not Event.objects.filter(complaint=c, kind=EventKind.DECIDED, stage=2).exists()


def test_an_officer_records_the_stage_2_response_for_its_handler():
    landlord = factories.landlord()
    sarah = people.staff(landlord, Role.SENIOR_HANDLER, first="Sarah", last="Bennett")
    olivia = people.staff(landlord, Role.OFFICER, first="Olivia", last="Grant")
    c = stage2_acknowledged(
        landlord, stage1_handler=people.staff(landlord, Role.HANDLER), stage2_handler=sarah
    )

    done = people.signed_in(olivia).post(f"/staff/cases/{c.reference}/respond/", decision(c))

    assert done.status_code == 302
    decided = Event.objects.get(complaint=c, kind=EventKind.DECIDED, stage=2)
    assert decided.summary.startswith(
        "Stage 2 final decision recorded by Olivia Grant for Sarah Bennett: upheld."
    )
    case = text(people.signed_in(olivia).get(f"/staff/cases/{c.reference}/"))
    assert "recorded by Olivia Grant for Sarah Bennett" in case
