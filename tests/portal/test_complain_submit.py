"""Sending the complaint: it is logged with channel web, waiting for triage, with the
resident, their home, a representative awaiting consent, the support asked for and the files;
the person is emailed a confirmation with a private link whose token is stored only hashed."""

from __future__ import annotations

import hashlib
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from putright.complaints.models import Attachment, Complaint, EventKind
from putright.portal.models import PendingUpload, PortalAccess
from putright.residents.models import AdjustmentRequest, Property, Representative, Resident
from tests.portal.helpers import PATHS, REPRESENTATIVE, RESIDENT, answer_all

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def send(client, django_capture_on_commit_callbacks):
    def sending(answers=RESIDENT):
        answer_all(client, answers)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(PATHS["check"])
        assert response.status_code == 302 and response["Location"] == PATHS["sent"], (
            response.content.decode()[:3000]
        )
        return Complaint.objects.get()

    return sending


def test_a_sent_complaint_waits_for_triage_with_channel_web(landlord, send):
    complaint = send()

    assert complaint.landlord == landlord
    assert complaint.channel == "web"
    assert complaint.state == "received"
    assert complaint.kind == "complaint"
    assert complaint.logged_by is None
    assert complaint.description == "Water has come through my kitchen ceiling since May."
    assert complaint.outcome_wanted == "Fix the leak and repaint the ceiling."
    assert complaint.events.filter(kind=EventKind.LOGGED).get().summary == (
        "Complaint received by web form and logged."
    )


def test_the_resident_and_their_home_are_recorded(landlord, send):
    complaint = send()

    resident = complaint.resident
    assert (resident.name, resident.email, resident.contact_preference) == (
        "Sam Okafor",
        "sam@example.com",
        "email",
    )
    assert complaint.home.address == "12 Mill Lane\nManchester"
    assert complaint.home.postcode == "M1 1AA"
    assert complaint.representative is None
    note = complaint.events.filter(kind=EventKind.NOTE).first()
    assert note.summary == (
        "Sent through the website by the resident, Sam Okafor. They would like to be "
        "contacted by email (sam@example.com)."
    )


def test_an_existing_home_is_found_by_postcode_and_first_line(landlord, send):
    home = Property.objects.create(
        landlord=landlord, address="12 mill lane\nManchester", postcode="M1 1AA", uprn="1001"
    )

    complaint = send()

    assert complaint.home == home
    assert Property.objects.count() == 1


def test_a_known_resident_at_that_home_with_that_email_is_not_duplicated(landlord, send):
    home = Property.objects.create(landlord=landlord, address="12 Mill Lane", postcode="M1 1AA")
    known = Resident.objects.create(
        landlord=landlord, name="Sam Okafor", email="SAM@example.com", home=home, phone="1"
    )

    complaint = send()

    assert complaint.resident == known
    known.refresh_from_db()
    assert known.phone == "1"  # an unchecked form does not change the record


def test_a_representative_is_recorded_awaiting_the_residents_consent(landlord, send):
    complaint = send(REPRESENTATIVE)

    rep = complaint.representative
    assert (rep.name, rep.kind, rep.email, rep.phone) == (
        "Ada Okafor",
        "family",
        "ada@example.com",
        "07700 900982",
    )
    assert rep.consent_given_on is None and not rep.has_consent
    assert rep.resident == complaint.resident
    assert complaint.resident.name == "Sam Okafor"
    assert complaint.resident.email == ""  # not the representative's address
    note = complaint.events.filter(kind=EventKind.NOTE).first()
    assert note.summary == (
        "Sent through the website by Ada Okafor (family member or friend) for Sam Okafor. "
        "Code 3.6: get the resident's consent before dealing with Ada Okafor. They would "
        "like to be contacted by phone (07700 900982); email ada@example.com."
    )
    assert Representative.objects.count() == 1


def test_support_asked_for_is_recorded_for_staff_to_agree(landlord, send):
    complaint = send(REPRESENTATIVE)

    requests = list(AdjustmentRequest.objects.filter(complaint=complaint))
    assert [(r.kind, r.details, r.requested_by) for r in requests] == [
        ("large_print", "", "representative"),
        ("interpreter", "Yoruba", "representative"),
    ]
    assert all(r.resident == complaint.resident and r.agreed_as is None for r in requests)
    note = requests[0].event
    assert note.kind == EventKind.NOTE
    assert note.summary == (
        "Their representative asked online for support or changes (Code 5.10): Large print; "
        "Interpreter: Yoruba. Agree them with the resident and record them as reasonable "
        "adjustments, with a review date."
    )


def test_no_support_needed_records_no_request(landlord, send):
    send()

    assert not AdjustmentRequest.objects.exists()


def test_files_are_attached_to_the_timeline_and_the_held_copies_removed(
    landlord, client, django_capture_on_commit_callbacks
):
    answer_all(client)
    client.post(
        PATHS["files"],
        {"files": [SimpleUploadedFile("ceiling.png", PNG, "image/png")], "action": "upload"},
    )
    held = PendingUpload.objects.get()
    name, storage = held.file.name, held.file.storage

    with django_capture_on_commit_callbacks(execute=True):
        client.post(PATHS["check"])

    attachment = Attachment.objects.get()
    assert (attachment.filename, attachment.content_type, attachment.size) == (
        "ceiling.png",
        "image/png",
        len(PNG),
    )
    assert attachment.sha256 == hashlib.sha256(PNG).hexdigest()
    assert attachment.event.summary == "File attached: ceiling.png (sent with the complaint form)"
    assert not PendingUpload.objects.exists()
    assert not storage.exists(name)


def test_the_confirmation_email_has_the_reference_the_date_and_a_private_link(landlord, send):
    complaint = send()

    [message] = mail.outbox
    assert message.to == ["sam@example.com"]
    assert message.subject == f"We have your complaint: {complaint.reference}"
    assert message.reply_to == ["complaints@riverside.example"]
    assert f"Your reference is {complaint.reference}." in message.body
    assert "We will write to you by " in message.body
    token = re.search(r"http://testserver/track/link/([A-Za-z0-9_-]{43})/", message.body).group(1)
    access = PortalAccess.objects.get()
    assert access.token_digest == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(PortalAccess.objects.values().get())  # only the hash is kept
    assert (access.complaint, access.email, access.person) == (
        complaint,
        "sam@example.com",
        "resident",
    )


def test_a_representative_is_told_consent_is_needed(landlord, send):
    send(REPRESENTATIVE)

    [message] = mail.outbox
    assert message.to == ["ada@example.com"]
    assert message.body.startswith("Dear Ada Okafor,")
    assert "We need Sam Okafor's permission before we can deal with you about it." in (message.body)


def test_the_confirmation_page_shows_the_reference_and_when_we_will_write(landlord, send, client):
    complaint = send()

    html = client.get(PATHS["sent"]).content.decode()

    assert '<h1 class="govuk-panel__title">Complaint sent</h1>' in html
    assert f"<strong>{complaint.reference}</strong>" in html
    assert "We have sent a confirmation email to <strong>sam@example.com</strong>" in html
    assert "We will write to you by " in html
    assert client.session.get("portal.complaint") is None  # the answers are forgotten


def test_sending_the_same_form_twice_logs_one_complaint(
    landlord, client, django_capture_on_commit_callbacks
):
    answer_all(client)
    state = client.session["portal.complaint"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(PATHS["check"])
    # The same answers again (a second click that arrived after the first was sent).
    session = client.session
    session["portal.complaint"] = state
    session.save()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(PATHS["check"])

    assert response["Location"] == PATHS["sent"]
    assert Complaint.objects.count() == 1
    assert len(mail.outbox) == 1


def test_sending_is_limited_per_client_and_keeps_the_answers(landlord, client, settings):
    settings.PORTAL_RATE_LIMITS = {"submit": (1, 3600)}
    answer_all(client)
    client.post(PATHS["check"])
    answer_all(client)

    response = client.post(PATHS["check"])

    assert response.status_code == 200
    html = response.content.decode()
    assert "You have sent too many complaints in a short time." in html
    assert '<a href="#send">' in html
    assert "Sam Okafor" in html  # the answers are still there
    assert Complaint.objects.count() == 1


def test_a_failed_confirmation_email_is_noted_for_staff(
    landlord, client, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.portal.test_complain_submit.RefusingBackend"
    answer_all(client)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(PATHS["check"])

    assert response["Location"] == PATHS["sent"]
    complaint = Complaint.objects.get()
    assert complaint.events.filter(
        summary__startswith="The confirmation email to sam@example.com could not be sent."
    ).exists()


class RefusingBackend:
    def __init__(self, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("mail server down")
