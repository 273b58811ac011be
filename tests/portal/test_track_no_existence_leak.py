"""Nobody can learn whether a reference exists without the email address on it: a real
reference with the wrong email address and a made-up reference get the same page, the same
database work, the same rows and counts, no email, and the same answer to any code."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from putright.portal.models import OneTimeCode, RateCounter
from tests.letters import records


def _normalised(html: str) -> str:
    """The page without what differs on every request (CSRF tokens)."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def _shape(sql: str) -> str:
    """A query without its values."""
    return re.sub(r"'[^']*'|\b\d+\b", "?", sql)


def _try(reference: str, email: str, capture, address: str) -> dict:
    """Ask for a code, see the page, try a wrong code; from a fresh address, so that only the
    reference and email address differ between tries."""
    client = Client(REMOTE_ADDR=address)
    with CaptureQueriesContext(connection) as queries, capture(execute=True):
        asked = client.post("/track/", {"reference": reference, "email": email})
    page = client.get(asked["Location"])
    wrong = client.post("/track/code/", {"code": "000000"})
    return {
        "status": (asked.status_code, asked["Location"], page.status_code, wrong.status_code),
        "page": _normalised(page.content.decode()).replace(email, "EMAIL"),
        "wrong": _normalised(wrong.content.decode()).replace(email, "EMAIL"),
        "queries": [_shape(q["sql"]) for q in queries.captured_queries],
    }


@pytest.fixture
def complaint(landlord):
    return records.logged(landlord)


def test_wrong_email_and_unknown_reference_look_the_same(
    complaint, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    wrong_email = _try(complaint.reference, "someone@example.com", capture, "10.0.0.1")
    unknown_reference = _try("CU-999999", "other@example.com", capture, "10.0.0.2")
    both_wrong = _try("ZZ-123456", "third@example.com", capture, "10.0.0.3")

    assert wrong_email["status"] == unknown_reference["status"] == both_wrong["status"]
    assert wrong_email["page"] == unknown_reference["page"] == both_wrong["page"]
    assert wrong_email["wrong"] == unknown_reference["wrong"] == both_wrong["wrong"]
    assert wrong_email["queries"] == unknown_reference["queries"] == both_wrong["queries"]
    assert mail.outbox == []


def test_a_match_differs_only_by_the_email_sent(complaint, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    wrong_email = _try(complaint.reference, "someone@example.com", capture, "10.0.0.1")
    right = _try(complaint.reference, "amina.okafor@example.org", capture, "10.0.0.2")

    assert right["page"] == wrong_email["page"]
    assert right["status"] == wrong_email["status"]
    assert len(mail.outbox) == 1


def test_the_page_after_asking_never_says_whether_a_code_was_sent(complaint, client):
    client.post("/track/", {"reference": "CU-999999", "email": "x@example.com"})

    html = client.get("/track/code/").content.decode()

    assert "If the reference and email address match a complaint, we have sent a code" in html


def test_every_request_makes_one_code_row_and_the_same_counts(complaint):
    Client().post("/track/", {"reference": complaint.reference, "email": "x@example.com"})
    Client().post("/track/", {"reference": "CU-999999", "email": "y@example.com"})

    assert OneTimeCode.objects.count() == 2
    counts = sorted(RateCounter.objects.values_list("scope", "count").order_by("scope", "count"))
    assert counts == [
        ("code_request_client", 2),
        ("code_request_pair", 1),
        ("code_request_pair", 1),
    ]
