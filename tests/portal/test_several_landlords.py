"""Two landlords in one installation (issue 15): each one's complaint form lands its
complaints with it, and its emails and tracking links name it; a private link, a code or
a session never finds another landlord's complaint, even one with the same reference."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from putright.complaints.models import Complaint
from putright.landlords.models import Landlord
from tests import factories
from tests.letters import records
from tests.portal.helpers import RESIDENT
from tests.portal.support import access_for

BRENT = "/l/brent-council"
FIRST_WAVE = "/l/first-wave-housing"
STEPS = {
    "who": "complain/",
    "name": "complain/name/",
    "contact_method": "complain/contact/",
    "contact_details": "complain/contact-details/",
    "address": "complain/address/",
    "what_happened": "complain/what-happened/",
    "put_right": "complain/put-right/",
    "support": "complain/support/",
}


@pytest.fixture
def brent(db) -> Landlord:
    return factories.landlord(
        "Brent Council", phone="020 8937 1234", email="complaints@brent.example"
    )


@pytest.fixture
def first_wave(db) -> Landlord:
    return factories.landlord(
        "First Wave Housing", phone="020 8937 2000", email="complaints@firstwave.example"
    )


def _answer_all(client: Client, prefix: str, answers: dict[str, dict[str, Any]]) -> None:
    for step, data in answers.items():
        response = client.post(f"{prefix}/{STEPS[step]}", data)
        assert response.status_code == 302, (step, response.content.decode()[:2000])
        assert response["Location"].startswith(f"{prefix}/complain/"), response["Location"]
    response = client.post(f"{prefix}/complain/files/", {"action": "continue"})
    assert response["Location"] == f"{prefix}/complain/check-answers/"


def _send(client: Client, prefix: str, capture) -> Complaint:
    _answer_all(client, prefix, RESIDENT)
    with capture(execute=True):
        response = client.post(f"{prefix}/complain/check-answers/")
    assert response["Location"] == f"{prefix}/complain/sent/"
    reference = client.session["portal.sent"]["reference"]
    return Complaint.objects.get(reference=reference, landlord__slug=prefix.split("/")[-1])


def _link_in(body: str) -> str:
    return re.search(r"http://testserver(/\S+/track/link/\S+/)", body).group(1)


# Making a complaint -----------------------------------------------------------------------


def test_each_landlords_form_lands_the_complaint_with_that_landlord(
    brent, first_wave, client, django_capture_on_commit_callbacks
):
    complaint = _send(client, FIRST_WAVE, django_capture_on_commit_callbacks)

    assert complaint.landlord == first_wave
    assert complaint.resident.landlord == first_wave
    assert not Complaint.objects.filter(landlord=brent).exists()
    page = client.get(f"{FIRST_WAVE}/complain/sent/").content.decode()
    assert complaint.reference in page and "First Wave Housing" in page


def test_the_confirmation_email_names_the_landlord_and_links_under_its_address(
    brent, first_wave, client, django_capture_on_commit_callbacks
):
    complaint = _send(client, FIRST_WAVE, django_capture_on_commit_callbacks)

    message = mail.outbox[-1]
    assert message.from_email == "First Wave Housing <complaints@putright.localhost>"
    assert message.reply_to == ["complaints@firstwave.example"]
    assert "First Wave Housing" in message.body and "020 8937 2000" in message.body
    assert "Brent" not in message.body
    link = _link_in(message.body)
    assert link.startswith(f"{FIRST_WAVE}/track/link/")
    assert Client().get(link)["Location"] == f"{FIRST_WAVE}/track/complaint/"
    assert complaint.reference in message.subject


def test_answers_begun_for_one_landlord_are_not_carried_to_another(brent, first_wave, client):
    client.post(f"{BRENT}/complain/", {"person": "resident"})
    client.post(f"{BRENT}/complain/name/", {"resident_name": "Sam Okafor"})

    page = client.get(f"{FIRST_WAVE}/complain/name/")

    assert page.status_code == 302 and page["Location"] == f"{FIRST_WAVE}/complain/"
    assert "Sam Okafor" not in client.get(f"{FIRST_WAVE}/complain/").content.decode()


# Following a complaint ----------------------------------------------------------------------


def test_a_private_link_works_only_on_its_own_landlords_pages(brent, first_wave, client):
    brents = records.logged(brent)
    first_waves = records.logged(first_wave)
    assert brents.reference == first_waves.reference  # the same format, the same number
    _, token = access_for(brents)

    elsewhere = client.get(f"{FIRST_WAVE}/track/link/{token}/")
    own = client.get(f"{BRENT}/track/link/{token}/")

    assert elsewhere.status_code == 404
    assert "This link does not work" in elsewhere.content.decode()
    assert own["Location"] == f"{BRENT}/track/complaint/"


def test_a_private_link_at_the_root_goes_on_to_its_landlords_address(brent, first_wave, client):
    _, token = access_for(records.logged(first_wave))

    response = client.get(f"/track/link/{token}/")

    assert response.status_code == 302
    assert response["Location"] == f"{FIRST_WAVE}/track/link/{token}/"
    assert client.get("/track/link/not-a-token/").status_code == 404


def test_a_complaint_followed_on_one_landlords_pages_is_not_shown_on_anothers(
    brent, first_wave, client
):
    brents = records.logged(brent)
    _, token = access_for(brents)
    client.get(f"{BRENT}/track/link/{token}/")
    assert client.get(f"{BRENT}/track/complaint/").status_code == 200

    response = client.get(f"{FIRST_WAVE}/track/complaint/")

    assert response.status_code == 302 and response["Location"] == f"{FIRST_WAVE}/track/"
    for page in ("stage-2/", "support/", "feedback/"):
        assert client.get(f"{FIRST_WAVE}/track/complaint/{page}").status_code == 302


def test_a_reference_and_email_find_only_that_landlords_complaint(
    brent, first_wave, client, django_capture_on_commit_callbacks
):
    brents = records.logged(brent)  # Amina's, at Brent
    records.logged(first_wave, resident=records.resident(first_wave, email="sam@example.org"))

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"{FIRST_WAVE}/track/",
            {"reference": brents.reference, "email": "amina.okafor@example.org"},
        )

    assert mail.outbox == []  # First Wave's complaint of that reference is not Amina's


def test_a_code_asked_for_on_one_landlords_pages_does_not_work_on_anothers(
    brent, first_wave, client, django_capture_on_commit_callbacks
):
    brents = records.logged(brent)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"{BRENT}/track/", {"reference": brents.reference, "email": "amina.okafor@example.org"}
        )
    message = mail.outbox[-1]
    code = re.search(r"Your code is (\d{6})", message.body).group(1)
    assert message.from_email == "Brent Council <complaints@putright.localhost>"
    assert "Brent Council" in message.body and "020 8937 1234" in message.body

    elsewhere = client.post(f"{FIRST_WAVE}/track/code/", {"code": code})
    assert elsewhere.status_code == 302 and elsewhere["Location"] == f"{FIRST_WAVE}/track/"

    own = client.post(f"{BRENT}/track/code/", {"code": code})
    assert own["Location"] == f"{BRENT}/track/complaint/"
    assert brents.reference in client.get(f"{BRENT}/track/complaint/").content.decode()


def test_the_tracking_pages_name_the_landlord_and_its_contacts(brent, first_wave, client):
    _, token = access_for(records.logged(first_wave))
    client.get(f"{FIRST_WAVE}/track/link/{token}/")

    page = client.get(f"{FIRST_WAVE}/track/complaint/").content.decode()

    assert "First Wave Housing" in page
    assert "Brent Council" not in page
    assert 'href="/l/first-wave-housing/track/complaint/support/"' in page
