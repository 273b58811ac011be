"""A contractor's handler sees and acts on the stages allocated to its contractor only
(issue 12, item 9). The pages refuse, with a plain-English 403, what is the landlord's own:
withdrawing a complaint, changing a resident's record, the reviews of every resident's
needs and the Ombudsman's case file bundle; and they do not offer them. What the handler
still does (notes, its own residents' pages) keeps working."""

from __future__ import annotations

import datetime as dt

import pytest

from putright.complaints.models import Complaint
from putright.landlords.models import Role
from putright.residents.models import Representative
from tests import factories
from tests.staff import people

pytestmark = pytest.mark.django_db

OWN_STAFF_ONLY = "This is for the landlord&#x27;s own complaints team."


@pytest.fixture
def kestrel(today):
    """A landlord; Kestrel, its repairs contractor, with a handler and one allocated case
    whose resident has needs on record; and another resident, with needs of their own, who
    has no complaint with Kestrel."""
    landlord = factories.landlord("Riverside Homes")
    contractor = people.contractor(landlord, "Kestrel Property Services")
    handler = people.staff(landlord, Role.CONTRACTOR_HANDLER, contractor=contractor)
    ours = people.resident(landlord, name="Amina Okafor")
    later = today + dt.timedelta(days=3)
    ours.vulnerabilities.create(description="Lives alone, aged over 80", review_due_on=later)
    other = people.resident(landlord, name="Bea Jones", email="bea@example.org")
    other.vulnerabilities.create(description="Recently bereaved", review_due_on=later)
    people.logged(landlord, resident=other, description="Greenway's grass cutting")
    case = people.stage1_open(
        landlord, handler=handler, contractor=contractor, resident=ours, acknowledge=True
    )
    return {
        "landlord": landlord,
        "client": people.signed_in(handler),
        "case": case,
        "ours": ours,
        "other": other,
    }


def _text(response) -> str:
    return response.content.decode()


def test_a_contractors_handler_is_neither_offered_nor_allowed_to_withdraw(kestrel, today):
    client, case = kestrel["client"], kestrel["case"]
    officer = people.signed_in(people.staff(kestrel["landlord"], Role.OFFICER))
    withdraw = f"/staff/cases/{case.reference}/withdraw/"

    page = _text(client.get(f"/staff/cases/{case.reference}/"))
    form = client.get(withdraw)
    sent = client.post(
        withdraw,
        {
            "version": case.version,
            "requested_by": "The resident",
            **people.date_fields("on", today),
        },
    )

    assert withdraw not in page
    assert withdraw in _text(officer.get(f"/staff/cases/{case.reference}/"))
    for response in (form, sent):
        assert response.status_code == 403
        assert OWN_STAFF_ONLY in _text(response)
    assert Complaint.objects.get(pk=case.pk).state == "stage1"


def test_a_contractors_handler_changes_no_residents_record(kestrel, today):
    client, ours = kestrel["client"], kestrel["ours"]
    vulnerability = ours.vulnerabilities.get()
    representative = Representative.objects.create(resident=ours, name="Sam", kind="family")
    base = f"/staff/residents/{ours.pk}"
    pages = [
        "/staff/residents/new/",
        f"{base}/edit/",
        f"{base}/reviews/vulnerability/{vulnerability.pk}/",
        f"{base}/representatives/{representative.pk}/consent/",
        *(
            f"{base}/add/{what}/"
            for what in ("disability", "adjustment", "vulnerability", "representative")
        ),
        f"{base}/add/restriction/",
    ]

    resident_page = _text(client.get(f"{base}/"))
    edit = client.post(
        f"{base}/edit/", {"name": "Someone Else", "tenure": "tenant", "email": "x@example.org"}
    )

    assert "Lives alone, aged over 80" in resident_page
    for url in pages:
        assert url not in resident_page
        response = client.get(url)
        assert response.status_code == 403, url
        assert OWN_STAFF_ONLY in _text(response), url
    assert edit.status_code == 403
    ours.refresh_from_db()
    assert ours.name == "Amina Okafor"


def test_a_contractors_handler_does_not_see_other_residents_needs(kestrel):
    client, other = kestrel["client"], kestrel["other"]

    reviews = client.get("/staff/reviews/")
    queue = _text(client.get("/staff/"))
    resident = client.get(f"/staff/residents/{other.pk}/")

    assert reviews.status_code == 403
    assert "The reviews of residents&#x27; needs are for the landlord&#x27;s own" in _text(reviews)
    assert "Recently bereaved" not in _text(reviews)
    assert "Reviews due" not in queue
    assert resident.status_code == 403
    assert "Recently bereaved" not in _text(resident)


def test_the_landlords_own_staff_still_see_every_review_due(kestrel):
    handler = people.signed_in(people.staff(kestrel["landlord"], Role.HANDLER))

    reviews = handler.get("/staff/reviews/")

    assert reviews.status_code == 200
    assert "Recently bereaved" in _text(reviews)
    assert "Lives alone, aged over 80" in _text(reviews)
    assert "Reviews due" in _text(handler.get("/staff/"))


def test_a_contractors_handler_cannot_produce_the_case_file_bundle(kestrel):
    client, case = kestrel["client"], kestrel["case"]
    bundle = f"/staff/ombudsman/complaints/{case.reference}/bundle/"

    page = client.get(bundle)
    produced = client.post(bundle)

    for response in (page, produced):
        assert response.status_code == 403
        assert "The case file bundle is for the landlord&#x27;s own complaints team" in _text(
            response
        )
    assert response["Content-Type"].startswith("text/html")


def test_a_contractors_handler_still_notes_a_contact_on_its_own_case(kestrel, today):
    client, case = kestrel["client"], kestrel["case"]

    response = client.post(
        f"/staff/cases/{case.reference}/add_note/",
        {
            "version": Complaint.objects.get(pk=case.pk).version,
            "text": "Phoned the resident.",
            **people.date_fields("on", today),
        },
    )

    assert response.status_code == 302
    assert case.events.filter(kind="note", summary="Phoned the resident.").exists()
