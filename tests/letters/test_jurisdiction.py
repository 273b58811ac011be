"""The right ombudsman in every letter, page and API answer (issue 17, item 10).

A council's complaint under the Local Government and Social Care Ombudsman's
jurisdiction (homelessness, allocations decisions) can go to that ombudsman, not to the
Housing Ombudsman: its letters give the LGSCO's details from the landlord's settings, the
letter checks refuse a letter that sends the resident to the wrong one, and the tracking
page and the API name the same ombudsman.
"""

from __future__ import annotations

import pytest

from putright.complaints import services as complaint_services
from putright.complaints.models import Complaint
from putright.landlords.models import Role
from putright.letters import services
from putright.letters.kinds import LetterKind
from putright.rules.lifecycle import RuleError
from tests import factories
from tests.api.helpers import client, get, key
from tests.letters import records
from tests.portal.support import follow
from tests.staff import people

pytestmark = pytest.mark.django_db

ACK1 = LetterKind.ACKNOWLEDGEMENT_STAGE1


def _acknowledged(jurisdiction: str) -> Complaint:
    landlord = records.landlord(lgsco_phone="0300 061 0614", lgsco_website="lgo.org.uk")
    c = complaint_services.complaint_log(
        landlord=landlord,
        received_on=records.RECEIVED,
        channel="phone",
        description="My housing register banding is wrong.",
        resident=records.resident(landlord),
        jurisdiction=jurisdiction,
        by=None,
    )
    complaint_services.complaint_triage(complaint=c, decision="complaint", by=None,
                                        on=records.RECEIVED)  # fmt: skip
    complaint_services.complaint_define(complaint=c, points=["The banding is wrong"],
                                        outcomes_sought="Band B", by=None,
                                        on=records.RECEIVED)  # fmt: skip
    complaint_services.complaint_allocate(complaint=c, handler=records.handler(landlord), by=None)
    complaint_services.complaint_acknowledge(complaint=c, by=None,
                                             on=records.STAGE1_ACKNOWLEDGED)  # fmt: skip
    return Complaint.objects.get(pk=c.pk)


def _draft(c: Complaint, kind: LetterKind = ACK1):
    return services.letter_draft(complaint=c, kind=kind, on=records.LETTER_DATE)


def test_an_lgsco_complaints_letter_gives_the_lgscos_details_and_issues():
    c = _acknowledged("lgsco")
    draft = _draft(c)
    assert "Local Government and Social Care Ombudsman" in draft.body_text
    assert "0300 061 0614" in draft.body_text and "lgo.org.uk" in draft.body_text
    assert "0300 111 3000" not in draft.body_text
    assert "housing-ombudsman.org.uk" not in draft.body_text
    assert services.letter_check(complaint=c, kind=ACK1, subject=draft.subject,
                                 body_text=draft.body_text) == {}  # fmt: skip
    letter = services.letter_issue(complaint=c, kind=ACK1, subject=draft.subject,
                                   body_text=draft.body_text, delivery="post", by=None,
                                   on=records.LETTER_DATE)  # fmt: skip
    assert "lgo.org.uk" in letter.html


def test_a_housing_complaints_letter_still_gives_the_housing_ombudsman():
    c = _acknowledged("housing")
    body = _draft(c).body_text
    assert "Housing Ombudsman" in body and "0300 111 3000" in body
    assert "lgo.org.uk" not in body and "Local Government" not in body


def test_a_letter_sending_the_resident_to_the_wrong_ombudsman_is_refused_and_says_why():
    c = _acknowledged("lgsco")
    draft = _draft(c)
    wrong = draft.body_text.replace("0300 061 0614", "0300 111 3000").replace(
        "lgo.org.uk", "housing-ombudsman.org.uk"
    )
    problems = services.letter_check(complaint=c, kind=ACK1, subject=draft.subject,
                                     body_text=wrong)  # fmt: skip
    assert problems["ombudsman_contact"] == (
        "The letter does not include the Local Government and Social Care Ombudsman's "
        "contact details (0300 061 0614 or lgo.org.uk)."
    )
    assert problems["wrong_ombudsman"] == (
        "The letter gives the Housing Ombudsman Service's details (0300 111 3000 and "
        "housing-ombudsman.org.uk), but this complaint can only go to the Local Government "
        "and Social Care Ombudsman."
    )
    with pytest.raises(RuleError):
        services.letter_issue(complaint=c, kind=ACK1, subject=draft.subject, body_text=wrong,
                              delivery="post", by=None, on=records.LETTER_DATE)  # fmt: skip


def test_a_housing_complaints_letter_naming_the_lgsco_too_is_refused():
    c = _acknowledged("housing")
    draft = _draft(c)
    both = draft.body_text + "\n\nOr try lgo.org.uk.\n"
    problems = services.letter_check(complaint=c, kind=ACK1, subject=draft.subject,
                                     body_text=both)  # fmt: skip
    assert list(problems) == ["wrong_ombudsman"]
    assert (
        "Local Government and Social Care Ombudsman's details (lgo.org.uk)"
        in problems["wrong_ombudsman"]
    )


def test_the_lgscos_details_are_the_landlords_configuration():
    c = _acknowledged("lgsco")
    landlord = c.landlord
    landlord.lgsco_phone = "0300 000 1234"
    landlord.lgsco_website = "lgo.example/complaints"
    landlord.save()
    body = _draft(Complaint.objects.get(pk=c.pk)).body_text
    assert "0300 000 1234" in body and "lgo.example/complaints" in body


def test_the_tracking_page_names_the_ombudsman_the_complaint_can_go_to(client):
    c = _acknowledged("lgsco")
    follow(client, c)
    html = " ".join(client.get("/track/complaint/").content.decode().split())
    assert "The Local Government and Social Care Ombudsman is independent" in html
    assert "0300 061 0614" in html
    assert "0300 111 3000" not in html and "The Housing Ombudsman" not in html


def test_the_api_gives_each_complaint_its_ombudsman():
    lgsco = _acknowledged("lgsco")
    body = get(client(key(lgsco.landlord)), f"/complaints/{lgsco.reference}").json()
    assert body["jurisdiction"] == "lgsco"
    assert body["ombudsman"] == {
        "name": "Local Government and Social Care Ombudsman",
        "address": "PO Box 4771, Coventry CV4 0EH",
        "phone": "0300 061 0614",
        "email": "",
        "website": "lgo.org.uk",
    }
    housing = factories.stage1_acknowledged(lgsco.landlord)
    body = get(client(key(lgsco.landlord)), f"/complaints/{housing.reference}").json()
    assert body["ombudsman"]["name"] == "Housing Ombudsman Service"
    assert body["ombudsman"]["phone"] == "0300 111 3000"


def test_the_staff_letter_page_names_the_ombudsman_in_what_the_letter_must_carry():
    c = _acknowledged("lgsco")
    officer = people.staff(c.landlord, Role.OFFICER, first="Sam", last="Patel")
    response = people.signed_in(officer).get(
        f"/staff/cases/{c.reference}/letters/acknowledgement_stage1/"
    )
    assert response.status_code == 200
    assert (
        "the Local Government and Social Care Ombudsman's contact details"
        in (response.context["elements"])
    )
    assert "the Housing Ombudsman's contact details" not in response.context["elements"]
