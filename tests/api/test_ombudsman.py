"""/ombudsman/cases: the landlord's cases at the Housing Ombudsman (domain.md §7), read with
their contacts, deadlines, determinations, findings and orders, and written through the
same services as the staff Ombudsman pages: the same rules (422 with a message per field,
409 for a finished case or order) and the same entries on the complaint's timeline."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from putright.complaints.models import Complaint, Event
from putright.landlords.models import today
from putright.ombudsman import services
from putright.ombudsman.models import Contact, OmbudsmanCase, Order, OrderStatus
from tests import factories
from tests.api.helpers import client, get, key, post

pytestmark = pytest.mark.django_db

CASES = "/ombudsman/cases"


def _case(landlord, reference: str = "202412345", complaint: Complaint | None = None):
    return services.ombudsman_case_open(
        landlord=landlord,
        reference=reference,
        opened_on=dt.date(2024, 6, 3),
        complaint=complaint,
        resident_name="" if complaint else "Ms A Resident",
        by=None,
    )


def _contact(case: OmbudsmanCase, deadline: dt.date = dt.date(2024, 6, 24)) -> Contact:
    return services.contact_record(
        case=case,
        kind="evidence_request",
        received_on=dt.date(2024, 6, 3),
        deadline=deadline,
        details="Send the complaint file.",
        by=None,
    )


def _determined(case: OmbudsmanCase) -> Order:
    """A determination of severe maladministration with an order of compensation."""
    determination = services.determination_record(
        case=case,
        determined_on=dt.date(2024, 9, 2),
        findings=[
            services.FindingInput("The repair", "severe_maladministration"),
            services.FindingInput("The complaint handling", "service_failure"),
        ],
        by=None,
    )
    return services.order_add(
        determination=determination,
        kind="compensation",
        description="Pay £600.",
        due_on=dt.date(2024, 10, 2),
        owner="Head of Repairs",
        amount=Decimal("600"),
        by=None,
    )


# Opening a case ---------------------------------------------------------------------------


def test_a_case_linked_to_a_complaint_is_opened_with_its_timeline_entry():
    landlord = factories.landlord()
    complaint = factories.stage1_responded(landlord)
    response = post(
        client(key(landlord, name="Casework")),
        CASES,
        {"reference": "202401234", "opened_on": "2024-06-03", "complaint": complaint.reference},
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert response["Location"] == f"/api/v1/ombudsman/cases/{body['id']}"
    assert (body["reference"], body["complaint"], body["is_open"]) == (
        "202401234",
        complaint.reference,
        True,
    )
    assert body["contacts"] == body["determinations"] == body["deadlines"] == []
    complaint.refresh_from_db()
    assert complaint.ombudsman_reference == "202401234"
    entry = Event.objects.filter(complaint=complaint, kind="ombudsman").get()
    assert entry.actor.username == "api:Casework"


def test_a_case_can_stand_alone_with_the_residents_name():
    landlord = factories.landlord()
    response = post(
        client(key(landlord)),
        CASES,
        {"reference": "2024-77", "opened_on": "2024-06-03", "resident_name": "Ms B"},
    )
    assert response.status_code == 201
    assert (response.json()["complaint"], response.json()["resident_name"]) == (None, "Ms B")


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"opened_on": "2024-06-03"}, "resident_name", "Enter who complained"),
        (
            {"opened_on": "2024-06-03", "resident_name": "Ms B", "reference": "202412345"},
            "reference",
            "There is already a case with the reference 202412345.",
        ),
        (
            {"opened_on": (today() + dt.timedelta(days=3)).isoformat(), "resident_name": "Ms B"},
            "opened_on",
            "The date cannot be in the future.",
        ),
    ],
)
def test_opening_a_case_the_rules_refuse_is_422_with_the_services_words(
    today, body, field, message
):
    landlord = factories.landlord()
    _case(landlord)
    response = post(client(key(landlord)), CASES, {"reference": "202400001", **body})
    assert response.status_code == 422
    assert response.json()["code"] == "rule_broken"
    assert response.json()["problems"][field].startswith(message)
    assert OmbudsmanCase.objects.count() == 1


def test_a_complaint_the_landlord_does_not_have_is_an_unknown_record():
    ours, theirs = factories.landlord(), factories.landlord()
    factories.complaint(theirs)
    other = factories.complaint(theirs)
    response = post(
        client(key(ours)),
        CASES,
        {"reference": "1", "opened_on": "2024-06-03", "complaint": other.reference},
    )
    assert response.status_code == 422
    assert response.json()["code"] == "unknown_record"
    assert "complaint" in response.json()["problems"]


def test_a_retried_open_makes_one_case():
    landlord = factories.landlord()
    c = client(key(landlord))
    body = {"reference": "9", "opened_on": "2024-06-03", "resident_name": "Ms B"}
    first = post(c, CASES, body, **{"Idempotency-Key": "open-9"})
    again = post(c, CASES, body, **{"Idempotency-Key": "open-9"})
    assert (first.status_code, again.status_code) == (201, 201)
    assert again["Idempotent-Replayed"] == "true"
    assert OmbudsmanCase.objects.count() == 1


# Reading --------------------------------------------------------------------------------------


def test_a_case_reads_with_contacts_replies_deadlines_findings_and_orders():
    landlord = factories.landlord()
    complaint = factories.stage1_responded(landlord)
    case = _case(landlord, complaint=complaint)
    answered = _contact(case)
    services.contact_reply(
        contact=answered, sent_on=dt.date(2024, 6, 20), summary="Sent the file.", by=None
    )
    waiting = _contact(case, deadline=dt.date(2024, 7, 1))
    order = _determined(case)
    body = get(client(key(landlord, write=False)), f"{CASES}/{case.pk}").json()

    assert [c["id"] for c in body["contacts"]] == [answered.pk, waiting.pk]
    assert body["contacts"][0]["met_on"] == "2024-06-20"
    assert body["contacts"][0]["replies"][0]["summary"] == "Sent the file."
    assert body["contacts"][1]["met_on"] is None
    [determination] = body["determinations"]
    assert determination["severe"] is True
    assert [(f["number"], f["finding"]) for f in determination["findings"]] == [
        (1, "severe_maladministration"),
        (2, "service_failure"),
    ]
    [shown] = determination["orders"]
    assert (shown["id"], shown["amount"], shown["status"], shown["follows_severe"]) == (
        order.pk,
        "600.00",
        "open",
        True,
    )
    # Both past due by now: overdue, soonest first, counted in working days.
    assert [(d["kind"], d["id"], d["overdue"]) for d in body["deadlines"]] == [
        ("contact", waiting.pk, True),
        ("order", order.pk, True),
    ]
    assert all(d["working_days_left"] < 0 for d in body["deadlines"])
    assert body["next_deadline"] == "2024-07-01"


def test_cases_list_by_filter_with_a_cursor():
    landlord = factories.landlord()
    complaint = factories.stage1_responded(landlord)
    linked = _case(landlord, "A1", complaint=complaint)
    alone = _case(landlord, "A2")
    closed = _case(landlord, "A3")
    services.ombudsman_case_close(case=closed, on=dt.date(2024, 7, 1), by=None)
    c = client(key(landlord))

    first = get(c, CASES, limit=2).json()
    second = get(c, CASES, limit=2, cursor=first["next_cursor"]).json()
    assert [i["id"] for i in first["items"] + second["items"]] == [closed.pk, alone.pk, linked.pk]
    assert second["next_cursor"] is None
    assert [i["id"] for i in get(c, CASES, open="true").json()["items"]] == [alone.pk, linked.pk]
    assert [i["id"] for i in get(c, CASES, open="false").json()["items"]] == [closed.pk]
    assert [i["id"] for i in get(c, CASES, reference="A2").json()["items"]] == [alone.pk]
    by_complaint = get(c, CASES, complaint=complaint.reference).json()["items"]
    assert [i["id"] for i in by_complaint] == [linked.pk]
    assert get(c, CASES, opened_from="2024-06-04").json()["items"] == []
    assert get(c, CASES, cursor="nonsense").json()["code"] == "invalid_cursor"


def test_another_landlords_case_is_not_found():
    theirs = _case(factories.landlord())
    c = client(key(factories.landlord()))
    assert get(c, f"{CASES}/{theirs.pk}").status_code == 404
    assert get(c, CASES).json()["items"] == []


# Contacts and replies ----------------------------------------------------------------------------


def test_a_contact_is_recorded_with_its_deadline_and_stays_open_until_answered():
    landlord = factories.landlord()
    case = _case(landlord, complaint=factories.stage1_responded(landlord))
    c = client(key(landlord))
    contact = post(
        c,
        f"{CASES}/{case.pk}/contacts",
        {
            "kind": "information_request",
            "received_on": "2024-06-05",
            "deadline": "2024-06-19",
            "details": "The repair history.",
        },
    )
    assert contact.status_code == 201, contact.json()
    contact_id = contact.json()["id"]
    assert (contact.json()["deadline"], contact.json()["met_on"]) == ("2024-06-19", None)

    reply = post(
        c,
        f"{CASES}/{case.pk}/contacts/{contact_id}/replies",
        {"sent_on": "2024-06-21", "summary": "Sent the repair history."},
    )
    assert reply.status_code == 201, reply.json()
    assert reply.json()["answers_in_full"] is True
    assert Contact.objects.get(pk=contact_id).met_on == dt.date(2024, 6, 21)
    summaries = [e.summary for e in case.complaint.events.filter(kind="ombudsman")]
    assert any("late" in s for s in summaries)


def test_a_reply_can_send_the_case_file_bundle():
    landlord = factories.landlord()
    case = _case(landlord, complaint=factories.stage1_responded(landlord))
    contact = _contact(case)
    response = post(
        client(key(landlord)),
        f"{CASES}/{case.pk}/contacts/{contact.pk}/replies",
        {"sent_on": "2024-06-10", "summary": "The case file.", "with_bundle": True},
    )
    assert response.status_code == 201, response.json()
    assert len(response.json()["bundle_sha256"]) == 64


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (
            {"kind": "enquiry", "received_on": "2024-06-05", "deadline": "2024-06-01"},
            "deadline",
        ),
        (
            {"kind": "enquiry", "received_on": "2024-05-01", "deadline": "2024-06-01"},
            "received_on",
        ),
    ],
)
def test_a_contact_the_rules_refuse_is_422(body, field):
    landlord = factories.landlord()
    case = _case(landlord)
    response = post(client(key(landlord)), f"{CASES}/{case.pk}/contacts", body)
    assert response.status_code == 422
    assert response.json()["code"] == "rule_broken"
    assert field in response.json()["problems"]
    assert not Contact.objects.exists()


def test_a_bundle_needs_a_complaint_and_a_reply_needs_words():
    landlord = factories.landlord()
    case = _case(landlord)
    contact = _contact(case)
    path = f"{CASES}/{case.pk}/contacts/{contact.pk}/replies"
    c = client(key(landlord))
    bundle = post(c, path, {"summary": "The file.", "with_bundle": True})
    assert bundle.status_code == 422
    assert "with_bundle" in bundle.json()["problems"]
    blank = post(c, path, {"summary": "  "})
    assert blank.status_code == 422
    assert blank.json()["problems"]["summary"] == "Say what we sent the Ombudsman."


def test_a_closed_case_takes_no_more_contacts_and_cannot_close_again():
    landlord = factories.landlord()
    case = _case(landlord)
    c = client(key(landlord))
    closed = post(c, f"{CASES}/{case.pk}/close", {"on": "2024-07-01"})
    assert closed.status_code == 200
    assert (closed.json()["closed_on"], closed.json()["is_open"]) == ("2024-07-01", False)

    again = post(c, f"{CASES}/{case.pk}/close", {})
    assert again.status_code == 409
    assert again.json()["code"] == "not_allowed_now"
    assert again.json()["message"] == "This case is already closed."
    contact = post(
        c,
        f"{CASES}/{case.pk}/contacts",
        {"kind": "enquiry", "received_on": "2024-07-02", "deadline": "2024-07-09"},
    )
    assert contact.status_code == 409
    assert contact.json()["message"] == "This case is closed."


def test_a_contact_of_another_case_is_not_found():
    landlord = factories.landlord()
    first, second = _case(landlord, "C1"), _case(landlord, "C2")
    contact = _contact(first)
    response = post(
        client(key(landlord)),
        f"{CASES}/{second.pk}/contacts/{contact.pk}/replies",
        {"summary": "Sent."},
    )
    assert response.status_code == 404


# Determinations and orders --------------------------------------------------------------------


def test_a_determination_and_its_orders_are_recorded_and_followed_to_compliance():
    landlord = factories.landlord()
    case = _case(landlord, complaint=factories.stage1_responded(landlord))
    c = client(key(landlord))
    determination = post(
        c,
        f"{CASES}/{case.pk}/determinations",
        {
            "determined_on": "2024-09-02",
            "findings": [
                {"element": "The repair", "finding": "maladministration", "category": "leaks"},
                {"element": "Complaint handling", "finding": "severe_maladministration"},
            ],
            "summary": "Upheld.",
        },
    )
    assert determination.status_code == 201, determination.json()
    det = determination.json()
    assert det["severe"] is True
    assert [f["number"] for f in det["findings"]] == [1, 2]
    # The category is optional, so clients written before it still record determinations.
    assert [(f["category"], f["category_label"]) for f in det["findings"]] == [
        ("leaks", "Leaks and water ingress"),
        (None, ""),
    ]

    order = post(
        c,
        f"{CASES}/{case.pk}/determinations/{det['id']}/orders",
        {
            "kind": "compensation",
            "description": "Pay £450.",
            "due_on": "2024-10-02",
            "owner": "Head of Repairs",
            "amount": "450",
            "finding": 1,
        },
    )
    assert order.status_code == 201, order.json()
    assert (order.json()["amount"], order.json()["finding"], order.json()["status"]) == (
        "450.00",
        1,
        "open",
    )
    assert order.json()["follows_severe"] is False  # it names finding 1, not the severe one

    done = post(
        c,
        f"{CASES}/{case.pk}/orders/{order.json()['id']}/progress",
        {"status": "complied", "evidence": "Paid by BACS.", "completed_on": "2024-09-30"},
    )
    assert done.status_code == 200, done.json()
    assert (done.json()["status"], done.json()["completed_on"]) == ("complied", "2024-09-30")
    assert get(c, f"{CASES}/{case.pk}").json()["deadlines"] == []

    finished = post(
        c, f"{CASES}/{case.pk}/orders/{order.json()['id']}/progress", {"status": "in_progress"}
    )
    assert finished.status_code == 409
    assert finished.json()["message"] == "This order is already finished."


def test_a_determination_without_findings_or_with_a_blank_element_is_422():
    landlord = factories.landlord()
    case = _case(landlord)
    c = client(key(landlord))
    path = f"{CASES}/{case.pk}/determinations"
    empty = post(c, path, {"determined_on": "2024-09-02", "findings": []})
    assert empty.status_code == 422
    assert "findings" in empty.json()["problems"]
    blank = post(
        c,
        path,
        {
            "determined_on": "2024-09-02",
            "findings": [
                {"element": "The repair", "finding": "maladministration"},
                {"element": " ", "finding": "service_failure"},
            ],
        },
    )
    assert blank.status_code == 422
    assert blank.json()["problems"] == {
        "findings.1.element": "Describe element 2 of the complaint."
    }


@pytest.mark.parametrize(
    ("body", "code", "field"),
    [
        ({"kind": "compensation"}, "rule_broken", "amount"),
        ({"kind": "apology", "due_on": "2024-08-01"}, "rule_broken", "due_on"),
        ({"kind": "apology", "finding": 9}, "unknown_record", "finding"),
    ],
)
def test_an_order_the_rules_refuse_is_422(body, code, field):
    landlord = factories.landlord()
    case = _case(landlord)
    determination = _determined(case).determination
    response = post(
        client(key(landlord)),
        f"{CASES}/{case.pk}/determinations/{determination.pk}/orders",
        {"description": "Do it.", "due_on": "2024-10-02", "owner": "Head of Housing", **body},
    )
    assert response.status_code == 422
    assert (response.json()["code"], field in response.json()["problems"]) == (code, True)
    assert Order.objects.count() == 1


def test_an_order_cannot_be_declined_and_compliance_needs_evidence():
    landlord = factories.landlord()
    case = _case(landlord)
    order = _determined(case)
    path = f"{CASES}/{case.pk}/orders/{order.pk}/progress"
    c = client(key(landlord))
    declined = post(
        c, path, {"status": "not_accepted", "evidence": "No.", "completed_on": "2024-09-10"}
    )
    assert declined.status_code == 422
    assert declined.json()["problems"]["status"].startswith("An order must be complied with")
    bare = post(c, path, {"status": "complied", "completed_on": "2024-09-10"})
    assert bare.status_code == 422
    assert "evidence" in bare.json()["problems"]
    assert Order.objects.get().status == OrderStatus.OPEN


# Keys ---------------------------------------------------------------------------------------------


def _writes(case: OmbudsmanCase, contact: Contact, order: Order) -> list[tuple[str, dict]]:
    determination = order.determination_id
    return [
        (CASES, {"reference": "N1", "opened_on": "2024-06-03", "resident_name": "Ms C"}),
        (f"{CASES}/{case.pk}/close", {}),
        (
            f"{CASES}/{case.pk}/contacts",
            {"kind": "enquiry", "received_on": "2024-06-05", "deadline": "2024-06-12"},
        ),
        (f"{CASES}/{case.pk}/contacts/{contact.pk}/replies", {"summary": "Sent."}),
        (
            f"{CASES}/{case.pk}/determinations",
            {
                "determined_on": "2024-09-02",
                "findings": [{"element": "X", "finding": "maladministration"}],
            },
        ),
        (
            f"{CASES}/{case.pk}/determinations/{determination}/orders",
            {
                "kind": "apology",
                "description": "Say sorry.",
                "due_on": "2024-10-01",
                "owner": "CEO",
            },
        ),
        (f"{CASES}/{case.pk}/orders/{order.pk}/progress", {"status": "in_progress"}),
    ]


def _world(landlord) -> tuple[OmbudsmanCase, Contact, Order]:
    case = _case(landlord)
    return case, _contact(case), _determined(case)


def _unchanged() -> tuple[int, int, int, list[str]]:
    return (
        OmbudsmanCase.objects.count(),
        Contact.objects.count(),
        Order.objects.count(),
        list(Order.objects.values_list("status", flat=True)),
    )


def test_a_read_only_key_can_read_but_not_write():
    landlord = factories.landlord()
    case, contact, order = _world(landlord)
    c = client(key(landlord, write=False))
    assert get(c, f"{CASES}/{case.pk}").status_code == 200
    before = _unchanged()
    for path, body in _writes(case, contact, order):
        response = post(c, path, body)
        assert response.status_code == 403, path
        assert response.json()["code"] == "read_only_key"
    assert _unchanged() == before
    assert OmbudsmanCase.objects.get(pk=case.pk).closed_on is None


def test_another_landlords_key_cannot_write_to_a_case():
    landlord = factories.landlord()
    case, contact, order = _world(landlord)
    c = client(key(factories.landlord()))
    before = _unchanged()
    for path, body in _writes(case, contact, order)[1:]:
        assert post(c, path, body).status_code == 404, path
    assert _unchanged() == before
