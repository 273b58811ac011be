"""Safe writes: a POST retried with the same Idempotency-Key is done once; If-Match with
an old version changes nothing (412)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from putright.api.models import IdempotencyRecord
from putright.complaints.models import Complaint
from tests import factories
from tests.api.helpers import API, client, get, key, new_complaint, post, upload

pytestmark = pytest.mark.django_db


def test_a_retried_create_makes_one_complaint_and_gives_the_same_answer():
    landlord = factories.landlord()
    c = client(key(landlord))
    first = post(c, "/complaints", new_complaint(), **{"Idempotency-Key": "abc-123"})
    again = post(c, "/complaints", new_complaint(), **{"Idempotency-Key": "abc-123"})
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Location"] == first["Location"]
    assert again["ETag"] == first["ETag"]
    assert again["Idempotent-Replayed"] == "true"
    assert landlord.complaints.count() == 1


def test_json_spacing_and_order_do_not_make_a_different_request():
    landlord = factories.landlord()
    c = client(key(landlord))
    body = new_complaint()
    post(c, "/complaints", body, **{"Idempotency-Key": "k"})
    reordered = '{{"description": "{}", "channel": "phone",   "received_on": "2024-05-01"}}'.format(
        body["description"]
    )
    again = c.post(
        f"{API}/complaints",
        reordered,
        content_type="application/json",
        headers={"Idempotency-Key": "k"},
    )
    assert again.status_code == 201
    assert landlord.complaints.count() == 1


def test_the_same_key_with_a_different_body_is_422_and_does_nothing():
    landlord = factories.landlord()
    c = client(key(landlord))
    post(c, "/complaints", new_complaint(), **{"Idempotency-Key": "abc"})
    other = post(c, "/complaints", new_complaint(channel="email"), **{"Idempotency-Key": "abc"})
    assert other.status_code == 422
    assert other.json()["code"] == "idempotency_key_reused"
    assert landlord.complaints.count() == 1


def test_keys_are_per_landlord():
    ours, theirs = factories.landlord(), factories.landlord()
    post(client(key(ours)), "/complaints", new_complaint(), **{"Idempotency-Key": "same"})
    response = post(
        client(key(theirs)), "/complaints", new_complaint(), **{"Idempotency-Key": "same"}
    )
    assert response.status_code == 201
    assert theirs.complaints.count() == 1


def test_an_error_is_not_kept_so_the_corrected_request_can_use_the_key():
    landlord = factories.landlord()
    c = client(key(landlord))
    bad = post(c, "/complaints", new_complaint(description=" "), **{"Idempotency-Key": "k1"})
    assert bad.status_code == 422
    good = post(c, "/complaints", new_complaint(), **{"Idempotency-Key": "k1"})
    assert good.status_code == 201


def test_an_answer_is_kept_for_24_hours():
    landlord = factories.landlord()
    c = client(key(landlord))
    post(c, "/complaints", new_complaint(), **{"Idempotency-Key": "old"})
    IdempotencyRecord.objects.update(created_at=timezone.now() - dt.timedelta(hours=25))
    again = post(c, "/complaints", new_complaint(), **{"Idempotency-Key": "old"})
    assert again.status_code == 201
    assert "Idempotent-Replayed" not in again
    assert landlord.complaints.count() == 2
    assert IdempotencyRecord.objects.count() == 1


def test_a_retried_command_is_done_once():
    landlord = factories.landlord()
    complaint = factories.complaint(landlord)
    c = client(key(landlord))
    path = f"/complaints/{complaint.reference}/notes"
    first = post(c, path, {"text": "Called."}, **{"Idempotency-Key": "n1"})
    again = post(c, path, {"text": "Called."}, **{"Idempotency-Key": "n1"})
    assert first.json() == again.json()
    assert complaint.events.filter(kind="note").count() == 1


def test_a_retried_upload_is_done_once():
    landlord = factories.landlord()
    complaint = factories.complaint(landlord)
    c = client(key(landlord))
    url = f"{API}/complaints/{complaint.reference}/attachments"
    headers = {"Idempotency-Key": "u1"}
    first = c.post(url, {"file": upload(b"hello")}, headers=headers)
    again = c.post(url, {"file": upload(b"hello")}, headers=headers)
    other = c.post(url, {"file": upload(b"other")}, headers=headers)
    assert first.status_code == again.status_code == 201
    assert other.status_code == 422
    assert complaint.attachments.count() == 1


def test_an_overlong_idempotency_key_is_422():
    landlord = factories.landlord()
    response = post(
        client(key(landlord)), "/complaints", new_complaint(), **{"Idempotency-Key": "x" * 256}
    )
    assert response.status_code == 422
    assert not landlord.complaints.exists()


def test_a_read_only_key_with_an_idempotency_key_is_still_403():
    landlord = factories.landlord()
    response = post(
        client(key(landlord, write=False)),
        "/complaints",
        new_complaint(),
        **{"Idempotency-Key": "r"},
    )
    assert response.status_code == 403


def test_a_stale_version_is_412_and_changes_nothing():
    landlord = factories.landlord()
    complaint = factories.complaint(landlord)
    c = client(key(landlord))
    ref = complaint.reference
    etag = get(c, f"/complaints/{ref}")["ETag"]
    assert post(c, f"/complaints/{ref}/notes", {"text": "Someone else's change"}).status_code == 201
    response = post(c, f"/complaints/{ref}/triage", {"decision": "complaint"}, **{"If-Match": etag})
    assert response.status_code == 412
    assert response.json()["code"] == "version_mismatch"
    assert Complaint.objects.get(pk=complaint.pk).state == "received"


@pytest.mark.parametrize("if_match", ['"1"', "1", 'W/"1"', "*", '"7", "1"'])
def test_the_current_version_is_accepted(if_match):
    landlord = factories.landlord()
    complaint = factories.complaint(landlord)
    response = post(
        client(key(landlord)),
        f"/complaints/{complaint.reference}/triage",
        {"decision": "complaint"},
        **{"If-Match": if_match},
    )
    assert response.status_code == 200
    assert response["ETag"] == '"2"'


@pytest.mark.parametrize("if_match", ['"2"', "garbage", ""])
def test_any_other_version_is_412(if_match):
    landlord = factories.landlord()
    complaint = factories.complaint(landlord)
    response = post(
        client(key(landlord)),
        f"/complaints/{complaint.reference}/withdraw",
        {"requested_by": "Resident"},
        **{"If-Match": if_match},
    )
    assert response.status_code == 412


def test_if_match_guards_timeline_writes_too():
    landlord = factories.landlord()
    complaint = factories.complaint(landlord)
    c = client(key(landlord))
    url = f"{API}/complaints/{complaint.reference}/attachments"
    stale = c.post(url, {"file": upload(b"hi")}, headers={"If-Match": '"9"'})
    assert stale.status_code == 412
    assert not complaint.attachments.exists()


def test_two_racing_requests_with_one_key_end_with_one_piece_of_work(monkeypatch):
    """The other request stored its answer between our look-up and our insert: ours is
    rolled back whole and the other's answer given."""
    from putright.api import idempotency

    landlord = factories.landlord()
    c = client(key(landlord))
    winner = post(c, "/complaints", new_complaint(), **{"Idempotency-Key": "race"})
    real_lookup = idempotency._live_record
    calls = {"n": 0}

    def late_lookup(*args, **kwargs):
        calls["n"] += 1
        return None if calls["n"] == 1 else real_lookup(*args, **kwargs)

    monkeypatch.setattr(idempotency, "_live_record", late_lookup)
    loser = post(c, "/complaints", new_complaint(), **{"Idempotency-Key": "race"})
    assert loser.status_code == 201
    assert loser.json()["reference"] == winner.json()["reference"]
    assert landlord.complaints.count() == 1
