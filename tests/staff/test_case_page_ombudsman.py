"""The case page's Housing Ombudsman and learning section (issue 5): the Ombudsman's cases
about the complaint with the replies they wait for, the learning recorded from it, and the
ways to add to them and to produce the case file bundle (Code 5.12, 9.1), each shown only
to the roles that may use it."""

from __future__ import annotations

import datetime as dt
import html as htmllib

import pytest

from putright.landlords.models import Role
from putright.learning import services as learning_services
from putright.ombudsman import services as ombudsman_services
from putright.ombudsman.models import ContactKind
from tests import factories
from tests.staff import people

pytestmark = pytest.mark.django_db


@pytest.fixture
def complaint(today):
    landlord = factories.landlord()
    kestrel = people.contractor(landlord, "Kestrel")
    received = today - dt.timedelta(days=60)
    c = factories.stage1_responded(landlord, received_on=received, contractor=kestrel)
    case = ombudsman_services.ombudsman_case_open(
        landlord=landlord, reference="202412345", opened_on=received, complaint=c, by=None
    )
    ombudsman_services.contact_record(
        case=case,
        kind=ContactKind.EVIDENCE_REQUEST,
        received_on=today,
        deadline=today + dt.timedelta(days=14),
        by=None,
    )
    learning_services.learning_record_add(
        landlord=landlord,
        complaint=c,
        what_went_wrong="The boiler repair was missed twice.",
        learning="Appointments are not confirmed the day before.",
        improvement="Text residents the day before each repair appointment",
        owner="Repairs manager",
        by=None,
    )
    return c


def page_as(complaint, role: str, **kw) -> str:
    user = people.staff(complaint.landlord, role, **kw)
    response = people.signed_in(user).get(f"/staff/cases/{complaint.reference}/")
    assert response.status_code == 200
    return htmllib.unescape(response.content.decode())


def test_an_officer_sees_the_ombudsman_cases_and_learning_with_every_way_to_add_to_them(complaint):
    html = page_as(complaint, Role.OFFICER)
    case = complaint.ombudsman_cases.get()
    contact = case.contacts.get()

    assert "The Housing Ombudsman's cases about this complaint" in html
    assert f'href="/staff/ombudsman/cases/{case.pk}/">202412345</a>' in html
    assert f'href="/staff/ombudsman/contacts/{contact.pk}/">Evidence request</a>, reply by' in html
    assert f'href="/staff/ombudsman/cases/{case.pk}/contacts/new/"' in html
    assert f'href="/staff/ombudsman/cases/new/?complaint={complaint.reference}"' in html
    assert (
        f'href="/staff/ombudsman/complaints/{complaint.reference}/bundle/">Produce the case file bundle'
        in html
    )
    assert "Text residents the day before each repair appointment" in html
    assert f'href="/staff/learning/new/?complaint={complaint.reference}">Record learning' in html


def test_a_handler_records_learning_and_produces_the_bundle_but_not_ombudsman_casework(complaint):
    html = page_as(complaint, Role.HANDLER)

    assert "202412345" in html
    assert "Record learning from this complaint" in html
    assert "Produce the case file bundle" in html
    assert "Record a new Ombudsman case" not in html
    assert "Record a contact from the Ombudsman" not in html


def test_a_viewer_reads_the_section_with_no_way_to_change_it(complaint):
    html = page_as(complaint, Role.VIEWER)

    assert "202412345" in html and "Text residents the day before" in html
    assert "Record learning from this complaint" not in html
    assert "Produce the case file bundle" not in html
    assert "Record a new Ombudsman case" not in html


def test_a_contractors_handler_sees_no_ombudsman_casework_or_learning(complaint):
    html = page_as(complaint, Role.CONTRACTOR_HANDLER, contractor=complaint.contractor)

    assert "Housing Ombudsman</h2>" not in html
    assert "/staff/ombudsman/" not in html  # (the timeline still says a case was opened)
    assert "Learning from this complaint" not in html


def test_a_complaint_without_any_says_so(complaint):
    other = factories.stage1_responded(complaint.landlord)

    html = page_as(other, Role.OFFICER)

    assert "The Housing Ombudsman has not contacted us about this complaint." in html
    assert "No learning has been recorded from this complaint yet." in html
