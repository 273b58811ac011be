"""API keys: one landlord each, read or write, sent as a bearer token, stored hashed,
revocable; another landlord's records do not exist for a key."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from putright.api.keys import api_key_for, api_key_issue, api_key_revoke, hash_key
from putright.api.models import ApiKey
from putright.complaints.models import Event
from putright.landlords.models import Role, StaffMembership
from tests import factories
from tests.api.helpers import API, client, get, key, new_complaint, post, upload

pytestmark = pytest.mark.django_db

#: Every write, as (path under a complaint, body). The body is valid enough that only the
#: key can be what stops it.
WRITES = [
    ("triage", {"decision": "complaint"}),
    ("not-accept", {"reason": "duplicate", "explanation": "Logged twice."}),
    ("define", {"points": ["Boiler"], "outcomes_sought": "Fix it"}),
    ("allocate", {"handler": None}),
    ("acknowledge", {}),
    ("extend", {"working_days": 5, "reason": "Waiting for a part"}),
    ("respond", {"outcome": "upheld", "reasons": "We were slow.", "point_outcomes": ["upheld"]}),
    ("escalate", {"requested_on": "2024-06-01"}),
    ("refuse-escalation", {"reason": "duplicate", "explanation": "Already answered."}),
    ("withdraw", {"requested_by": "The resident"}),
    ("resolve", {"summary": "Done"}),
    ("notes", {"text": "Called the resident."}),
    ("events/1/corrections", {"correction": "Wrong date."}),
    ("actions/1/complete", {}),
    ("remedies/1/progress", {"done_on": "2024-05-01"}),
]


def test_no_key_is_401_with_a_bearer_challenge():
    response = client(None).get(f"{API}/complaints")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    "header", ["Bearer pr_00000000_wrong", "Bearer ", "Basic abc", "pr_x", "Bearer " + "x" * 300]
)
def test_a_wrong_key_is_401(header):
    factories.landlord()
    response = client(None).get(f"{API}/complaints", headers={"Authorization": header})
    assert response.status_code == 401


def _secured_operations() -> list[tuple[str, str]]:
    """Every operation the schema says needs a key, with its path filled in."""
    from putright.api.main import api

    operations = []
    for path, item in api.get_openapi_schema()["paths"].items():
        for method, operation in item.items():
            if operation.get("security"):
                filled = re.sub(r"\{\w+_id\}", "1", path.replace("{reference}", "CU-000001"))
                operations.append((method, filled))
    return operations


@pytest.mark.parametrize(("method", "path"), _secured_operations())
def test_every_operation_refuses_a_wrong_key(method, path):
    landlord = factories.landlord()
    complaint = factories.complaint(landlord)
    assert complaint.reference == "CU-000001"
    response = getattr(client("pr_00000000_not-a-key"), method)(
        path, {}, content_type="application/json"
    )
    assert response.status_code == 401, (method, path)
    assert complaint.events.count() == 1


def test_the_index_needs_no_key():
    assert client(None).get(f"{API}/").status_code == 200


def test_a_revoked_key_is_401_at_once():
    landlord = factories.landlord()
    issued = api_key_issue(landlord=landlord, name="CRM", can_write=True)
    c = client(issued.secret)
    assert get(c, "/complaints").status_code == 200
    api_key_revoke(api_key=issued.api_key)
    assert get(c, "/complaints").status_code == 401


def test_the_key_is_stored_only_as_its_hash_with_a_visible_prefix():
    issued = api_key_issue(landlord=factories.landlord(), name="CRM", can_write=False)
    row = ApiKey.objects.get()
    assert issued.secret.startswith(row.prefix + "_")
    assert row.key_hash == hash_key(issued.secret)
    assert issued.secret not in str(ApiKey.objects.values().get())
    assert len(issued.secret) > 40


def test_each_key_acts_as_its_own_user_with_the_role_its_access_allows():
    landlord = factories.landlord()
    writer = api_key_issue(landlord=landlord, name="CRM", can_write=True).api_key
    reader = api_key_issue(landlord=landlord, name="Dashboard", can_write=False).api_key
    assert writer.user.username == "api:CRM"
    assert not writer.user.has_usable_password()
    assert StaffMembership.objects.get(user=writer.user).role == Role.OFFICER
    assert StaffMembership.objects.get(user=reader.user).role == Role.VIEWER


def test_two_keys_with_one_name_get_distinct_users():
    first = api_key_issue(landlord=factories.landlord(), name="CRM", can_write=True).api_key
    second = api_key_issue(landlord=factories.landlord(), name="CRM", can_write=True).api_key
    assert first.user.username == "api:CRM"
    assert second.user.username == f"api:CRM:{second.prefix}"


def test_the_timeline_names_the_integration_that_made_the_change():
    landlord = factories.landlord()
    c = client(key(landlord, name="Repairs portal"))
    reference = post(c, "/complaints", new_complaint()).json()["reference"]
    event = Event.objects.get(complaint__reference=reference)
    assert event.actor.username == "api:Repairs portal"


def test_last_used_is_written_at_most_once_a_minute():
    issued = api_key_issue(landlord=factories.landlord(), name="CRM", can_write=False)
    api_key_for(issued.secret)
    first = ApiKey.objects.get().last_used_at
    assert first is not None
    api_key_for(issued.secret)
    assert ApiKey.objects.get().last_used_at == first
    ApiKey.objects.update(last_used_at=timezone.now() - dt.timedelta(minutes=2))
    api_key_for(issued.secret)
    assert ApiKey.objects.get().last_used_at > first


def test_another_landlords_complaint_is_not_found_for_reading():
    ours, theirs = factories.landlord(), factories.landlord()
    complaint = factories.complaint(theirs)
    c = client(key(ours))
    for path in ["", "/events", "/attachments", "/attachments/1", "/attachments/1/content"]:
        response = get(c, f"/complaints/{complaint.reference}{path}")
        assert response.status_code == 404, path
        assert response.json()["code"] == "not_found"


@pytest.mark.parametrize(("action", "body"), WRITES)
def test_another_landlords_complaint_is_not_found_for_writing(action, body):
    ours, theirs = factories.landlord(), factories.landlord()
    complaint = factories.complaint(theirs)
    response = post(client(key(ours)), f"/complaints/{complaint.reference}/{action}", body)
    assert response.status_code == 404
    complaint.refresh_from_db()
    assert complaint.version == 1


@pytest.mark.parametrize(("action", "body"), WRITES)
def test_a_read_only_key_cannot_write(action, body):
    landlord = factories.landlord()
    complaint = factories.complaint(landlord)
    response = post(
        client(key(landlord, write=False)), f"/complaints/{complaint.reference}/{action}", body
    )
    assert response.status_code == 403
    assert response.json()["code"] == "read_only_key"
    complaint.refresh_from_db()
    assert complaint.version == 1


@pytest.mark.parametrize("path", ["/complaints", "/service-requests", "/member-enquiries"])
def test_a_read_only_key_cannot_log(path):
    landlord = factories.landlord()
    response = post(client(key(landlord, write=False)), path, new_complaint())
    assert response.status_code == 403
    assert not landlord.complaints.exists()


def test_a_read_only_key_cannot_attach_or_resolve_by_kind():
    landlord = factories.landlord()
    record = factories.complaint(landlord, kind="service_request")
    c = client(key(landlord, write=False))
    attach = c.post(f"{API}/complaints/{record.reference}/attachments", {"file": upload(b"hi")})
    assert attach.status_code == 403
    resolve = post(c, f"/service-requests/{record.reference}/resolve", {"summary": "Done"})
    assert resolve.status_code == 403


def test_a_file_cannot_be_attached_to_another_landlords_complaint():
    ours, theirs = factories.landlord(), factories.landlord()
    complaint = factories.complaint(theirs)
    response = client(key(ours)).post(
        f"{API}/complaints/{complaint.reference}/attachments", {"file": upload(b"hi")}
    )
    assert response.status_code == 404
    assert not complaint.attachments.exists()


def test_a_read_only_key_can_read():
    landlord = factories.landlord()
    complaint = factories.complaint(landlord)
    c = client(key(landlord, write=False))
    assert get(c, f"/complaints/{complaint.reference}").status_code == 200
    assert get(c, "/complaints").json()["items"][0]["reference"] == complaint.reference


def test_a_key_whose_role_was_taken_away_is_refused_by_the_services():
    """The key's user goes through the services' own permission check (403)."""
    landlord = factories.landlord()
    issued = api_key_issue(landlord=landlord, name="CRM", can_write=True)
    StaffMembership.objects.filter(user=issued.api_key.user).update(role=Role.VIEWER)
    response = post(client(issued.secret), "/complaints", new_complaint())
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
