"""The API's ``next_due`` and ``next_due_kind`` say what the work queue says (issue 12, item
1: the clock runs from receipt, Code 6.2), and an extension agreed after the response was
due is refused with the staff pages' words (item 2, Code 6.4, 6.5)."""

from __future__ import annotations

import datetime as dt

import pytest

from putright.ombudsman.models import ContactKind
from putright.ombudsman.services import contact_record, ombudsman_case_open
from tests import factories
from tests.api.helpers import client, get, key, new_complaint, post
from tests.registers.support import import_dicts

pytestmark = pytest.mark.django_db

# Received Wednesday 1 May 2024: the acknowledgement is due Thursday 9 May (6 May is a bank
# holiday). Acknowledged 2 May, the response is due Friday 17 May.
RECEIVED = dt.date(2024, 5, 1)


def _acknowledged(landlord):
    return factories.stage1_acknowledged(landlord, received_on=RECEIVED, on=dt.date(2024, 5, 2))


def test_a_complaint_logged_is_due_to_be_acknowledged_before_triage():
    landlord = factories.landlord()
    c = client(key(landlord))
    body = post(c, "/complaints", new_complaint()).json()
    assert (body["state"], body["next_due"], body["next_due_kind"]) == (
        "received",
        "2024-05-09",
        "acknowledge",
    )
    [item] = get(c, "/complaints").json()["items"]
    assert (item["next_due"], item["next_due_kind"]) == ("2024-05-09", "acknowledge")


def test_next_due_kind_follows_the_stage_respond_then_respond_extended():
    landlord = factories.landlord()
    complaint = _acknowledged(landlord)
    c = client(key(landlord))
    body = get(c, f"/complaints/{complaint.reference}").json()
    assert (body["next_due"], body["next_due_kind"]) == ("2024-05-17", "respond")
    body = post(
        c,
        f"/complaints/{complaint.reference}/extend",
        {"working_days": 5, "reason": "A survey is needed.", "on": "2024-05-15"},
    ).json()
    assert (body["next_due"], body["next_due_kind"]) == ("2024-05-24", "respond_extended")
    [extension] = body["stages"][0]["extensions"]
    assert (extension["decided_on"], extension["agreed_on"]) == ("2024-05-15", "2024-05-15")
    assert extension["ombudsman_details_given"] is False


def test_an_ombudsman_deadline_sooner_is_the_next_due():
    landlord = factories.landlord()
    complaint = _acknowledged(landlord)
    case = ombudsman_case_open(
        landlord=landlord, reference="202400001", opened_on=RECEIVED, complaint=complaint, by=None
    )
    contact_record(
        case=case,
        kind=ContactKind.EVIDENCE_REQUEST,
        received_on=RECEIVED,
        deadline=dt.date(2024, 5, 10),
        details="Send the file.",
        by=None,
    )
    c = client(key(landlord))
    body = get(c, f"/complaints/{complaint.reference}").json()
    assert (body["next_due"], body["next_due_kind"]) == ("2024-05-10", "ombudsman")
    [item] = get(c, "/complaints").json()["items"]
    assert (item["next_due"], item["next_due_kind"]) == ("2024-05-10", "ombudsman")


def test_nothing_due_once_responded():
    landlord = factories.landlord()
    complaint = factories.stage1_responded(landlord, received_on=RECEIVED, on=dt.date(2024, 5, 14))
    body = get(client(key(landlord)), f"/complaints/{complaint.reference}").json()
    assert (body["next_due"], body["next_due_kind"]) == (None, None)


def test_an_extension_after_the_due_date_is_refused_with_the_same_words():
    landlord = factories.landlord()
    complaint = _acknowledged(landlord)
    response = post(
        client(key(landlord)),
        f"/complaints/{complaint.reference}/extend",
        {"working_days": 5, "reason": "A survey is needed.", "on": "2024-05-20"},
    )
    assert response.status_code == 422
    words = (
        "The response was due on 17 May 2024. An extension has to be agreed on or before "
        "that date; tell the resident the new date as an update instead."
    )
    assert response.json() == {"code": "rule_broken", "message": words, "problems": {"on": words}}
    assert complaint.stage(1).extensions.count() == 0


def test_an_extension_agreed_in_time_can_be_recorded_later_with_its_date():
    landlord = factories.landlord()
    complaint = _acknowledged(landlord)
    c = client(key(landlord))
    late = post(
        c,
        f"/complaints/{complaint.reference}/extend",
        {"working_days": 5, "reason": "Survey.", "on": "2024-05-20", "agreed_on": "2024-05-20"},
    )
    assert (late.status_code, list(late.json()["problems"])) == (422, ["agreed_on"])
    body = post(
        c,
        f"/complaints/{complaint.reference}/extend",
        {
            "working_days": 5,
            "reason": "Survey.",
            "on": "2024-05-20",
            "agreed_on": "2024-05-17",
            "ombudsman_details_given": True,
        },
    ).json()
    [extension] = body["stages"][0]["extensions"]
    assert (extension["agreed_on"], extension["decided_on"]) == ("2024-05-17", "2024-05-20")
    assert extension["ombudsman_details_given"] is True


def test_an_imported_extension_has_no_decision_date_and_says_when_agreed():
    landlord = factories.landlord()
    import_dicts(
        landlord,
        {
            "reference": "R-1",
            "received_date": "2024-05-01",
            "s1_acknowledged_date": "2024-05-02",
            "s1_extension_working_days": "5",
            "s1_extension_agreed_date": "2024-05-20",
        },
    )
    body = get(client(key(landlord)), "/complaints/R-1").json()
    [extension] = body["stages"][0]["extensions"]
    assert (extension["decided_on"], extension["agreed_on"]) == (None, "2024-05-20")
    # Agreed after 17 May, the date it extends: it does not count.
    assert body["stages"][0]["response_due_extended"] == "2024-05-17"


def test_the_schema_names_the_deadline_kinds():
    schema = get(client(None), "/openapi.json").json()
    kinds = schema["components"]["schemas"]["DeadlineKind"]["enum"]
    assert kinds == ["acknowledge", "respond", "respond_extended", "ombudsman"]
    extend_in = schema["components"]["schemas"]["ExtendIn"]["properties"]
    assert "agreed_on" in extend_in
    assert extend_in["ombudsman_details_given"]["default"] is False


def test_the_service_request_has_nothing_due():
    landlord = factories.landlord()
    body = post(client(key(landlord)), "/complaints", new_complaint(kind="service_request")).json()
    assert (body["next_due"], body["next_due_kind"]) == (None, None)
