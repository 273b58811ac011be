"""The timeline over the API: events, notes, corrections that leave the old entry as it
was, and attachments (upload, details, download only by the record's landlord)."""

from __future__ import annotations

import hashlib

import pytest

from putright.complaints.models import Attachment, Event
from tests import factories
from tests.api.helpers import API, client, get, key, post, upload

pytestmark = pytest.mark.django_db


def test_a_note_is_added_to_the_timeline_by_the_integration():
    landlord = factories.landlord()
    complaint = factories.complaint(landlord)
    c = client(key(landlord, name="Phone system"))
    response = post(
        c, f"/complaints/{complaint.reference}/notes", {"text": "Called back.", "on": "2024-04-02"}
    )
    assert response.status_code == 201
    note = response.json()
    assert (note["kind"], note["summary"], note["actor"]) == (
        "note",
        "Called back.",
        "api:Phone system",
    )
    assert response["ETag"] == '"2"'
    assert get(c, f"/complaints/{complaint.reference}/events").json()[-1]["id"] == note["id"]


def test_a_correction_is_a_new_entry_and_the_old_one_stays():
    landlord = factories.landlord()
    complaint = factories.complaint(landlord)
    logged = Event.objects.get(complaint=complaint)
    c = client(key(landlord))
    response = post(
        c,
        f"/complaints/{complaint.reference}/events/{logged.pk}/corrections",
        {"correction": "It came in by email, not phone."},
    )
    assert response.status_code == 201
    assert response.json()["corrects"] == logged.pk
    assert response.json()["kind"] == "correction"
    assert Event.objects.get(pk=logged.pk).summary == logged.summary


def test_an_event_of_another_complaint_cannot_be_corrected_here():
    landlord = factories.landlord()
    mine, other = factories.complaint(landlord), factories.complaint(landlord)
    theirs = Event.objects.get(complaint=other)
    response = post(
        client(key(landlord)),
        f"/complaints/{mine.reference}/events/{theirs.pk}/corrections",
        {"correction": "No."},
    )
    assert response.status_code == 404


def test_a_correction_must_say_something():
    landlord = factories.landlord()
    complaint = factories.complaint(landlord)
    logged = Event.objects.get(complaint=complaint)
    response = post(
        client(key(landlord)),
        f"/complaints/{complaint.reference}/events/{logged.pk}/corrections",
        {"correction": "  "},
    )
    assert response.status_code == 422
    assert "correction" in response.json()["problems"]


def test_upload_read_and_download_an_attachment():
    landlord = factories.landlord()
    complaint = factories.complaint(landlord)
    content = b"%PDF-1.4 letter"
    writer = client(key(landlord))
    response = writer.post(
        f"{API}/complaints/{complaint.reference}/attachments",
        {"file": upload(content, "letter.pdf", "application/pdf"), "description": "Their letter"},
    )
    assert response.status_code == 201, response.json()
    meta = response.json()
    assert meta["filename"] == "letter.pdf"
    assert meta["size"] == len(content)
    assert meta["sha256"] == hashlib.sha256(content).hexdigest()
    assert response["ETag"] == '"2"'

    reader = client(key(landlord, write=False, name="Reader"))
    assert get(reader, f"/complaints/{complaint.reference}/attachments").json() == [meta]
    assert get(reader, f"/complaints/{complaint.reference}/attachments/{meta['id']}").json() == meta
    download = reader.get(meta["download_url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]
    events = get(reader, f"/complaints/{complaint.reference}/events").json()
    assert events[-1]["attachment_id"] == meta["id"]


def test_another_landlords_key_cannot_download():
    ours, theirs = factories.landlord(), factories.landlord()
    complaint = factories.complaint(theirs)
    client(key(theirs)).post(
        f"{API}/complaints/{complaint.reference}/attachments", {"file": upload(b"private")}
    )
    attachment = Attachment.objects.get()
    url = f"{API}/complaints/{complaint.reference}/attachments/{attachment.pk}/content"
    assert client(key(ours, write=False)).get(url).status_code == 404
    assert client(None).get(url).status_code == 401


@pytest.mark.parametrize(
    ("content", "content_type"),
    [(b"MZ\x90\x00", "application/x-msdownload"), (b"", "text/plain")],
)
def test_a_file_the_rules_refuse_is_422(content, content_type):
    landlord = factories.landlord()
    complaint = factories.complaint(landlord)
    response = client(key(landlord)).post(
        f"{API}/complaints/{complaint.reference}/attachments",
        {"file": upload(content, "thing.bin", content_type)},
    )
    assert response.status_code == 422
    assert response.json()["code"] == "rule_broken"
    assert "file" in response.json()["problems"]
    assert not Attachment.objects.exists()


def test_an_upload_without_a_file_is_422():
    landlord = factories.landlord()
    complaint = factories.complaint(landlord)
    response = client(key(landlord)).post(
        f"{API}/complaints/{complaint.reference}/attachments", {"description": "nothing"}
    )
    assert response.status_code == 422
    assert "file" in response.json()["problems"]


def test_a_file_over_20_mb_is_refused_before_it_is_read(monkeypatch):
    from putright.complaints import services

    monkeypatch.setattr(services, "MAX_ATTACHMENT_BYTES", 10)
    landlord = factories.landlord()
    complaint = factories.complaint(landlord)
    response = client(key(landlord)).post(
        f"{API}/complaints/{complaint.reference}/attachments", {"file": upload(b"x" * 11)}
    )
    assert response.status_code == 422
    assert "20 MB" in response.json()["problems"]["file"]


def test_a_file_that_is_not_what_its_type_says_is_422_as_on_the_portal():
    landlord = factories.landlord()
    complaint = factories.complaint(landlord)
    response = client(key(landlord)).post(
        f"{API}/complaints/{complaint.reference}/attachments",
        {"file": upload(b"<html><script>alert(1)</script>", "letter.pdf", "application/pdf")},
    )
    assert response.status_code == 422
    assert response.json()["problems"]["file"] == (
        "The file is not a real PDF file: its contents are not those of a PDF file."
    )
    assert not Attachment.objects.exists()
