"""Getting to a complaint: by the private link (a long random token stored only as its
hash) or by reference and email address confirmed with a 6-digit code (stored as an HMAC,
15 minutes, 5 tries). Nothing personal in any address but the private link."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import uuid

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from putright.portal.models import OneTimeCode, PortalAccess
from putright.portal.services import CODE_ATTEMPTS
from putright.portal.tokens import code_digest
from tests.letters import records
from tests.portal.support import access_for


def _code_from_outbox() -> str:
    return re.search(r"Your code is (\d{6})", mail.outbox[-1].body).group(1)


def _ask_for_code(client: Client, reference: str, email: str, capture) -> object:
    with capture(execute=True):
        return client.post("/track/", {"reference": reference, "email": email})


# The private link ----------------------------------------------------------------------------


def test_the_private_link_opens_the_complaint_and_leaves_the_address_bar(landlord, client):
    complaint = records.logged(landlord)
    _, token = access_for(complaint)

    response = client.get(f"/track/link/{token}/")

    assert response.status_code == 302
    assert response["Location"] == "/track/complaint/"  # nothing identifying in the address
    page = client.get("/track/complaint/")
    assert page.status_code == 200
    assert complaint.reference in page.content.decode()


def test_a_private_link_is_256_random_bits_stored_only_as_its_sha256(landlord):
    complaint = records.logged(landlord)
    access, token = access_for(complaint)

    assert len(token) == 43
    assert access.token_digest == hashlib.sha256(token.encode()).hexdigest()
    assert not PortalAccess.objects.filter(token_digest=token).exists()


def test_a_wrong_link_says_it_does_not_work_and_nothing_more(landlord, client):
    records.logged(landlord)

    response = client.get("/track/link/" + "A" * 43 + "/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "This link does not work" in html
    assert "CU-" not in html


def test_opening_a_link_gives_a_new_session_key(landlord, client):
    complaint = records.logged(landlord)
    _, token = access_for(complaint)
    client.get("/track/")  # a session exists before
    client.session.save()
    before = client.session.session_key

    client.get(f"/track/link/{token}/")

    assert client.session.session_key != before


def test_complaint_pages_need_the_session_to_follow_a_complaint(landlord, client):
    for path in (
        "/track/complaint/",
        "/track/complaint/stage-2/",
        "/track/complaint/support/",
        "/track/complaint/feedback/",
        "/track/complaint/letters/1/",
    ):
        assert client.get(path)["Location"] == "/track/", path


def test_stopping_forgets_the_complaint_on_this_device(landlord, client):
    complaint = records.logged(landlord)
    _, token = access_for(complaint)
    client.get(f"/track/link/{token}/")

    client.post("/track/stop/")

    assert client.get("/track/complaint/")["Location"] == "/track/"


def test_link_lookups_are_limited_per_client(landlord, client, settings):
    settings.PORTAL_RATE_LIMITS = {"lookup": (3, 3600)}
    complaint = records.logged(landlord)
    _, token = access_for(complaint)
    for _ in range(3):
        client.get("/track/link/" + "B" * 43 + "/")

    response = client.get(f"/track/link/{token}/")  # even the right one, now

    assert response.status_code == 429
    assert "Too many tries" in response.content.decode()


# Reference, email and code ---------------------------------------------------------------------


def test_reference_and_email_with_the_emailed_code_open_the_complaint(
    landlord, client, django_capture_on_commit_callbacks
):
    complaint = records.logged(landlord)

    response = _ask_for_code(
        client, complaint.reference, "Amina.Okafor@example.org", django_capture_on_commit_callbacks
    )

    assert response["Location"] == "/track/code/"
    [message] = mail.outbox
    assert message.to == ["amina.okafor@example.org"]
    assert message.subject == "Your code to check your complaint"
    assert "The code works for 15 minutes, until " in message.body
    response = client.post("/track/code/", {"code": _code_from_outbox()})
    assert response["Location"] == "/track/complaint/"
    access = PortalAccess.objects.get()
    assert (access.complaint, access.email, access.person, access.token_digest) == (
        complaint,
        "amina.okafor@example.org",
        "resident",
        None,
    )


def test_the_reference_can_be_typed_loosely(landlord, client, django_capture_on_commit_callbacks):
    complaint = records.logged(landlord)
    loose = complaint.reference.lower().replace("-", " ").replace("00000", "")

    _ask_for_code(client, loose, "amina.okafor@example.org", django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 1


def test_a_representative_can_follow_by_their_own_email(
    landlord, client, django_capture_on_commit_callbacks
):
    resident = records.resident(landlord)
    complaint = records.logged(
        landlord, resident=resident, representative=records.representative(resident)
    )

    _ask_for_code(
        client, complaint.reference, "jo@advocacy.example", django_capture_on_commit_callbacks
    )
    client.post("/track/code/", {"code": _code_from_outbox()})

    assert PortalAccess.objects.get().person == "representative"


def test_the_code_is_stored_as_a_keyed_hash_with_an_expiry(
    landlord, client, django_capture_on_commit_callbacks
):
    complaint = records.logged(landlord)
    _ask_for_code(
        client, complaint.reference, "amina.okafor@example.org", django_capture_on_commit_callbacks
    )
    code = _code_from_outbox()

    otc = OneTimeCode.objects.get()

    assert code not in str(OneTimeCode.objects.values().get())
    assert otc.digest == code_digest(code, str(otc.id))
    assert otc.digest != hashlib.sha256(code.encode()).hexdigest()
    assert dt.timedelta(minutes=14) < otc.expires_at - timezone.now() <= dt.timedelta(minutes=15)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter the 6-digit code from the email"),
        ("12345", "The code must be 6 digits"),
        ("abcdef", "The code must be 6 digits"),
    ],
)
def test_a_code_in_the_wrong_form_is_explained(landlord, client, typed, message):
    client.post("/track/", {"reference": "CU-000001", "email": "a@example.com"})

    response = client.post("/track/code/", {"code": typed})

    assert message in response.content.decode()
    assert OneTimeCode.objects.get().attempts == 0


def test_a_wrong_code_says_how_many_tries_are_left_and_keeps_what_was_typed(
    landlord, client, django_capture_on_commit_callbacks
):
    complaint = records.logged(landlord)
    _ask_for_code(
        client, complaint.reference, "amina.okafor@example.org", django_capture_on_commit_callbacks
    )
    wrong = "000000" if _code_from_outbox() != "000000" else "111111"

    response = client.post("/track/code/", {"code": wrong})

    html = response.content.decode()
    assert "The code is not right. Check the email and try again. You can try 4 more times" in html
    assert f'value="{wrong}"' in html
    assert '<a href="#code">' in html


def test_after_five_wrong_codes_even_the_right_one_is_refused(
    landlord, client, django_capture_on_commit_callbacks
):
    complaint = records.logged(landlord)
    _ask_for_code(
        client, complaint.reference, "amina.okafor@example.org", django_capture_on_commit_callbacks
    )
    right = _code_from_outbox()
    wrong = "000000" if right != "000000" else "111111"
    for _ in range(CODE_ATTEMPTS - 1):
        client.post("/track/code/", {"code": wrong})

    last = client.post("/track/code/", {"code": wrong})
    after = client.post("/track/code/", {"code": right})

    for response in (last, after):
        assert "You have entered the wrong code too many times. Ask for a new code" in (
            response.content.decode()
        )
    assert OneTimeCode.objects.get().attempts == CODE_ATTEMPTS
    assert not PortalAccess.objects.exists()


def test_a_code_expires_after_15_minutes(landlord, client, django_capture_on_commit_callbacks):
    complaint = records.logged(landlord)
    _ask_for_code(
        client, complaint.reference, "amina.okafor@example.org", django_capture_on_commit_callbacks
    )
    OneTimeCode.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))

    response = client.post("/track/code/", {"code": _code_from_outbox()})

    assert "The code has expired. Ask for a new code" in response.content.decode()


def test_a_code_works_once(landlord, client, django_capture_on_commit_callbacks):
    complaint = records.logged(landlord)
    _ask_for_code(
        client, complaint.reference, "amina.okafor@example.org", django_capture_on_commit_callbacks
    )
    code = _code_from_outbox()
    otc = OneTimeCode.objects.get()
    client.post("/track/code/", {"code": code})
    other = Client()
    session = other.session
    session["portal.code"] = {
        "id": str(otc.id),
        "reference": "x",
        "email": "y",
        "landlord": landlord.pk,
    }
    session.save()

    response = other.post("/track/code/", {"code": code})

    assert "The code has expired. Ask for a new code" in response.content.decode()


def test_a_new_code_replaces_the_old_one(landlord, client, django_capture_on_commit_callbacks):
    complaint = records.logged(landlord)
    _ask_for_code(
        client, complaint.reference, "amina.okafor@example.org", django_capture_on_commit_callbacks
    )
    old = _code_from_outbox()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/track/code/new/")

    assert response["Location"] == "/track/code/"
    assert len(mail.outbox) == 2
    assert OneTimeCode.objects.count() == 2
    assert OneTimeCode.objects.filter(used_at=None).count() == 1  # the old one is spent
    new = _code_from_outbox()
    if old != new:
        refused = client.post("/track/code/", {"code": old})
        assert "The code is not right." in refused.content.decode()
    assert client.post("/track/code/", {"code": new})["Location"] == "/track/complaint/"


def test_the_code_page_needs_a_code_asked_for(landlord, client):
    assert client.get("/track/code/")["Location"] == "/track/"
    assert client.post("/track/code/new/")["Location"] == "/track/"


@pytest.mark.parametrize(
    ("data", "messages"),
    [
        ({}, ["Enter your complaint reference", "Enter your email address"]),
        (
            {"reference": "my complaint", "email": "amina@"},
            [
                "Enter your complaint reference, like CU-000123",
                "Enter an email address in the correct format, like name@example.com",
            ],
        ),
    ],
)
def test_the_find_page_explains_wrong_answers_and_keeps_them(landlord, client, data, messages):
    response = client.post("/track/", data)

    html = response.content.decode()
    for message in messages:
        assert message in html
    for value in data.values():
        assert f'value="{value}"' in html
    assert not OneTimeCode.objects.exists()


def test_code_requests_are_limited_per_reference_and_email_together(landlord, client, settings):
    settings.PORTAL_RATE_LIMITS = {"code_request_pair": (2, 3600)}
    for _ in range(2):
        client.post("/track/", {"reference": "CU-000001", "email": "a@example.com"})

    response = client.post("/track/", {"reference": "cu 1", "email": "A@example.com"})

    assert "You have asked for too many codes. Wait an hour, then try again." in (
        response.content.decode()
    )
    assert 'value="cu 1"' in response.content.decode()
    assert OneTimeCode.objects.count() == 2


def test_code_requests_are_limited_per_address(landlord, client, settings):
    settings.PORTAL_RATE_LIMITS = {"code_request_client": (2, 3600)}
    client.post("/track/", {"reference": "CU-000001", "email": "a@example.com"})
    client.post("/track/", {"reference": "CU-000002", "email": "b@example.com"})

    response = client.post("/track/", {"reference": "CU-000003", "email": "c@example.com"})

    assert "You have asked for too many codes." in response.content.decode()
    assert OneTimeCode.objects.count() == 2


def test_a_stranger_cannot_use_up_a_residents_codes(landlord, settings):
    """Someone typing the resident's reference with other email addresses, or their email
    address with other references, from many addresses, never locks the resident out."""
    settings.PORTAL_RATE_LIMITS = {"code_request_pair": (2, 3600)}
    for n in range(10):
        stranger = Client(REMOTE_ADDR=f"10.9.0.{n}")
        stranger.post("/track/", {"reference": "CU-000001", "email": f"x{n}@example.com"})
        stranger.post("/track/", {"reference": f"CU-0001{n:02d}", "email": "a@example.com"})

    resident = Client(REMOTE_ADDR="10.1.1.1")
    response = resident.post("/track/", {"reference": "CU-000001", "email": "a@example.com"})

    assert response.status_code == 302
    assert response["Location"] == "/track/code/"


def test_new_codes_count_against_the_same_limits(landlord, client, settings):
    settings.PORTAL_RATE_LIMITS = {"code_request_pair": (1, 3600)}
    client.post("/track/", {"reference": "CU-000001", "email": "a@example.com"})

    response = client.post("/track/code/new/")

    assert response.status_code == 200
    assert "You have asked for too many codes." in response.content.decode()
    assert OneTimeCode.objects.count() == 1


def test_code_tries_are_limited_per_client_across_codes(landlord, client, settings):
    settings.PORTAL_RATE_LIMITS = {"lookup": (2, 3600)}
    client.post("/track/", {"reference": "CU-000001", "email": "a@example.com"})
    for _ in range(2):
        client.post("/track/code/", {"code": "123456"})
    client.post("/track/code/new/")

    response = client.post("/track/code/", {"code": "123456"})

    assert "You have tried too many codes. Wait an hour, then try again" in (
        response.content.decode()
    )
    assert OneTimeCode.objects.get(used_at=None).attempts == 0  # the new code, never tried


def test_no_page_address_holds_the_reference_or_email(landlord, client):
    response = client.post("/track/", {"reference": "CU-000001", "email": "a@example.com"})

    assert response["Location"] == "/track/code/"
    assert "a@example.com" not in response["Location"]


def test_the_code_row_is_made_even_when_nothing_matches(landlord, client):
    client.post("/track/", {"reference": "CU-999999", "email": "nobody@example.com"})

    otc = OneTimeCode.objects.get()
    assert otc.complaint is None
    assert isinstance(otc.id, uuid.UUID)
    assert mail.outbox == []


def test_codes_a_day_old_are_removed(landlord, client):
    client.post("/track/", {"reference": "CU-000001", "email": "a@example.com"})
    OneTimeCode.objects.update(created_at=timezone.now() - dt.timedelta(days=2))

    Client().post("/track/", {"reference": "CU-000002", "email": "b@example.com"})

    assert OneTimeCode.objects.get().email == "b@example.com"
