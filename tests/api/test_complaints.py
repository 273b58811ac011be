"""/complaints: logging, reading, listing, and every command, through the same services as
the staff pages: the same rules hold (409 not allowed now, 422 invalid) and the same
timeline events are written."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from putright.complaints import services
from putright.complaints.models import Complaint, Event
from putright.residents.models import Property, Representative, Resident
from tests import factories
from tests.api.helpers import client, get, key, new_complaint, post

pytestmark = pytest.mark.django_db


def _reached(landlord, state: str) -> Complaint:
    """A complaint of ``landlord`` at ``state``, made by the services."""
    if state == "received":
        return factories.complaint(landlord)
    if state == "stage1_requested":
        c = factories.complaint(landlord)
        services.complaint_triage(complaint=c, decision="complaint", by=None, on=c.received_on)
        return Complaint.objects.get(pk=c.pk)
    if state == "stage1_acknowledged":
        return factories.stage1_acknowledged(landlord)
    if state == "stage1_closed":
        return factories.stage1_responded(landlord)
    if state == "stage2_requested":
        c = factories.stage1_responded(landlord)
        services.complaint_request_escalation(
            complaint=c, requested_on=dt.date(2024, 4, 20), by=None
        )
        return Complaint.objects.get(pk=c.pk)
    if state == "service_request":
        return factories.complaint(landlord, kind="service_request")
    raise AssertionError(state)


# Logging -------------------------------------------------------------------------------


def test_logging_a_complaint_answers_201_with_the_record_its_location_and_version():
    landlord = factories.landlord()
    response = post(client(key(landlord)), "/complaints", new_complaint(outcome_wanted="Fix it"))
    assert response.status_code == 201
    body = response.json()
    assert body["state"] == "received"
    assert body["version"] == 1
    assert body["outcome_wanted"] == "Fix it"
    assert body["allowed_actions"] == [
        "allocate",
        "attachments",
        "not-accept",
        "notes",
        "triage",
        "withdraw",
    ]
    assert response["Location"] == f"/api/v1/complaints/{body['reference']}"
    assert response["ETag"] == '"1"'
    event = Event.objects.get(complaint__reference=body["reference"])
    assert event.kind == "logged"


def test_logging_links_the_landlords_own_resident_home_and_lists():
    landlord = factories.landlord()
    home = Property.objects.create(landlord=landlord, address="1 High St", stock_type="lcho")
    resident = Resident.objects.create(
        landlord=landlord, name="Ann Smith", home=home, tenure="shared_owner"
    )
    rep = Representative.objects.create(resident=resident, name="Cllr Jones", kind="councillor")
    area = landlord.service_areas.create(name="Repairs")
    theme = landlord.themes.create(name="Damp and mould")
    contractor = factories.contractor(landlord)
    body = new_complaint(
        resident_id=resident.pk,
        representative_id=rep.pk,
        service_area_id=area.pk,
        theme_id=theme.pk,
        contractor_id=contractor.pk,
        vulnerable=True,
        channel="councillor_mp",
    )
    created = post(client(key(landlord)), "/complaints", body).json()
    assert created["resident_id"] == resident.pk
    assert created["home_id"] == home.pk
    assert created["tenure"] == "shared_owner"
    assert created["stock_type"] == "lcho"
    assert created["service_area"] == {"id": area.pk, "name": "Repairs"}
    assert created["theme"]["name"] == "Damp and mould"
    assert created["contractor"]["id"] == contractor.pk
    assert created["vulnerable"] is True


def test_another_landlords_resident_cannot_be_named():
    ours, theirs = factories.landlord(), factories.landlord()
    stranger = Resident.objects.create(landlord=theirs, name="Someone else")
    response = post(client(key(ours)), "/complaints", new_complaint(resident_id=stranger.pk))
    assert response.status_code == 422
    assert response.json()["code"] == "unknown_record"
    assert "resident_id" in response.json()["problems"]
    assert not ours.complaints.exists()


def test_a_complaint_raised_from_a_service_request_leaves_it_open():
    landlord = factories.landlord()
    request = factories.complaint(landlord, kind="service_request")
    created = post(
        client(key(landlord)), "/complaints", new_complaint(raised_from=request.reference)
    ).json()
    assert created["raised_from"] == request.reference
    request.refresh_from_db()
    assert request.state == "open"
    assert request.events.filter(kind="complaint_raised").exists()


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        (new_complaint(channel="pigeon"), "channel", "invalid_request"),
        (new_complaint(received_on="yesterday"), "received_on", "invalid_request"),
        (new_complaint(received_on="1900-01-01"), "received_on", "invalid_request"),
        (new_complaint(colour="blue"), "colour", "invalid_request"),
        ({"channel": "phone", "description": "x"}, "received_on", "invalid_request"),
        (new_complaint(description="   "), "description", "rule_broken"),
        (new_complaint(received_on="2075-01-01"), "received_on", "rule_broken"),
    ],
)
def test_logging_refuses_what_does_not_fit(body, field, code):
    landlord = factories.landlord()
    response = post(client(key(landlord)), "/complaints", body)
    assert response.status_code == 422
    assert response.json()["code"] == code
    assert field in response.json()["problems"]
    assert response.json()["message"]
    assert not landlord.complaints.exists()


def test_a_raised_from_that_is_not_a_service_request_is_refused():
    landlord = factories.landlord()
    other = factories.complaint(landlord)
    response = post(
        client(key(landlord)), "/complaints", new_complaint(raised_from=other.reference)
    )
    assert response.status_code == 422
    assert "raised_from" in response.json()["problems"]


def test_a_body_that_is_not_json_is_400():
    landlord = factories.landlord()
    response = client(key(landlord)).post(
        "/api/v1/complaints", "{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_request"


# Reading and listing -------------------------------------------------------------------------


def test_a_record_reads_with_its_stages_and_its_version_as_etag():
    landlord = factories.landlord()
    complaint = factories.stage1_acknowledged(landlord)
    response = get(client(key(landlord, write=False)), f"/complaints/{complaint.reference}")
    assert response.status_code == 200
    body = response.json()
    assert response["ETag"] == f'"{complaint.version}"'
    assert body["version"] == complaint.version
    stage = body["stages"][0]
    assert stage["status"] == "acknowledged"
    assert stage["points"][0]["summary"] == "The boiler repair was not done"
    assert stage["handler"] == complaint.stage(1).handler.username
    assert body["next_due"] == stage["response_due_extended"]
    assert "respond" in body["allowed_actions"]


def test_an_unknown_reference_is_404():
    c = client(key(factories.landlord()))
    assert get(c, "/complaints/CU-999999").status_code == 404
    assert get(c, "/complaints/CU-%00").status_code == 404


def test_the_list_pages_with_a_cursor_newest_received_first():
    landlord = factories.landlord()
    for day in range(1, 8):
        factories.complaint(landlord, received_on=dt.date(2024, 5, day))
    c = client(key(landlord))
    seen: list[str] = []
    cursor = None
    while True:
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        page = get(c, "/complaints", **params).json()
        seen += [item["received_on"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [f"2024-05-0{d}" for d in range(7, 0, -1)]


def test_a_page_stays_right_when_records_are_added_meanwhile():
    landlord = factories.landlord()
    for day in range(1, 5):
        factories.complaint(landlord, received_on=dt.date(2024, 5, day))
    c = client(key(landlord))
    first = get(c, "/complaints", limit=2).json()
    factories.complaint(landlord, received_on=dt.date(2024, 5, 9))
    second = get(c, "/complaints", limit=2, cursor=first["next_cursor"]).json()
    assert [i["received_on"] for i in second["items"]] == ["2024-05-02", "2024-05-01"]


def test_the_list_filters():
    landlord = factories.landlord()
    resident = Resident.objects.create(landlord=landlord, name="Ann")
    factories.complaint(landlord, received_on=dt.date(2024, 4, 1))
    mine = factories.complaint(landlord, received_on=dt.date(2024, 5, 1), resident=resident)
    triaged = _reached(landlord, "stage1_requested")
    factories.complaint(landlord, kind="service_request")
    c = client(key(landlord))

    def refs(**params):
        return {i["reference"] for i in get(c, "/complaints", **params).json()["items"]}

    assert refs(resident_id=resident.pk) == {mine.reference}
    assert refs(state="stage1") == {triaged.reference}
    assert mine.reference in refs(received_from="2024-05-01", received_to="2024-05-01")
    assert len(refs(received_from="2024-05-01", received_to="2024-05-01")) == 1
    assert len(refs()) == 3
    assert len(refs(kind="service_request")) == 1
    assert refs(updated_since="2099-01-01T00:00:00Z") == set()


@pytest.mark.parametrize(
    "params",
    [
        {"cursor": "not-a-cursor"},
        {"cursor": "WzFd"},  # [1]: wrong length
        {"limit": 0},
        {"limit": 101},
        {"state": "lost"},
        {"updated_since": "2024-01-01T00:00:00"},  # no time zone
    ],
)
def test_the_list_refuses_bad_parameters(params):
    response = get(client(key(factories.landlord())), "/complaints", **params)
    assert response.status_code == 422
    assert response.json()["code"] in {"invalid_cursor", "invalid_request"}


def test_the_list_shows_only_the_keys_landlord():
    ours, theirs = factories.landlord(), factories.landlord()
    factories.complaint(theirs)
    assert get(client(key(ours)), "/complaints").json()["items"] == []


# Commands: success ----------------------------------------------------------------------


def test_triage_as_a_service_request_keeps_the_address():
    landlord = factories.landlord()
    complaint = factories.complaint(landlord)
    c = client(key(landlord))
    body = post(c, f"/complaints/{complaint.reference}/triage", {"decision": "service_request"})
    assert body.json()["kind"] == "service_request"
    assert get(c, f"/complaints/{complaint.reference}").status_code == 200


def test_not_accept_closes_with_the_reason():
    landlord = factories.landlord()
    complaint = factories.complaint(landlord)
    body = post(
        client(key(landlord)),
        f"/complaints/{complaint.reference}/not-accept",
        {"reason": "legal_proceedings", "explanation": "Court case started.", "on": "2024-04-02"},
    ).json()
    assert body["state"] == "not_accepted"
    assert body["stages"][0]["not_accepted_reason"] == "legal_proceedings"
    assert Event.objects.filter(complaint=complaint, kind="not_accepted").exists()


def test_refuse_escalation_closes_stage_2():
    landlord = factories.landlord()
    complaint = _reached(landlord, "stage2_requested")
    body = post(
        client(key(landlord)),
        f"/complaints/{complaint.reference}/refuse-escalation",
        {"reason": "previously_considered", "explanation": "Answered in full."},
    ).json()
    assert body["state"] == "closed"
    assert body["stages"][1]["status"] == "not_accepted"


def test_withdraw_records_who_asked():
    landlord = factories.landlord()
    complaint = _reached(landlord, "stage1_requested")
    body = post(
        client(key(landlord)),
        f"/complaints/{complaint.reference}/withdraw",
        {"requested_by": "The resident, by phone", "reason": "Sorted now."},
    ).json()
    assert body["state"] == "withdrawn"
    assert body["withdrawn_by"] == "The resident, by phone"


def test_resolve_a_service_request():
    landlord = factories.landlord()
    record = _reached(landlord, "service_request")
    body = post(
        client(key(landlord)), f"/complaints/{record.reference}/resolve", {"summary": "Fixed."}
    ).json()
    assert body["state"] == "resolved"


def test_allocate_by_username_with_a_contractor():
    landlord = factories.landlord()
    complaint = _reached(landlord, "stage1_requested")
    handler = factories.user(landlord=landlord)
    contractor = factories.contractor(landlord)
    body = post(
        client(key(landlord)),
        f"/complaints/{complaint.reference}/allocate",
        {"handler": handler.username, "contractor_id": contractor.pk},
    ).json()
    assert body["stages"][0]["handler"] == handler.username
    assert body["contractor"]["id"] == contractor.pk


def test_allocate_refuses_someone_who_does_not_work_for_the_landlord():
    landlord = factories.landlord()
    complaint = _reached(landlord, "stage1_requested")
    outsider = factories.user(landlord=factories.landlord())
    response = post(
        client(key(landlord)),
        f"/complaints/{complaint.reference}/allocate",
        {"handler": outsider.username},
    )
    assert response.status_code == 422
    assert "handler" in response.json()["problems"]


def test_extend_moves_the_due_date():
    landlord = factories.landlord()
    complaint = factories.stage1_acknowledged(landlord)
    before = complaint.stage(1).response_due_extended
    body = post(
        client(key(landlord)),
        f"/complaints/{complaint.reference}/extend",
        {"working_days": 5, "reason": "Waiting for a surveyor.", "on": "2024-04-02"},
    ).json()
    stage = body["stages"][0]
    assert stage["extension_working_days"] == 5
    assert stage["extensions"][0]["previous_due"] == before.isoformat()
    assert stage["response_due_extended"] > before.isoformat()


def test_respond_with_remedies_and_actions():
    landlord = factories.landlord()
    complaint = factories.stage1_acknowledged(landlord)
    body = post(
        client(key(landlord)),
        f"/complaints/{complaint.reference}/respond",
        {
            "outcome": "upheld",
            "reasons": "The repair was late.",
            "point_outcomes": ["upheld"],
            "remedies": [
                {
                    "kind": "financial",
                    "amount": "150.00",
                    "due_on": "2024-05-01",
                    "compensation_reason": "time_trouble",
                },
                {"kind": "apology", "due_on": "2024-04-12"},
            ],
            "actions": [
                {"description": "Replace boiler", "owner": "Repairs", "due_on": "2024-05-10"}
            ],
            "root_cause": "service_failure",
            "root_cause_detail": "delay",
            "on": "2024-04-10",
        },
    ).json()
    # The decision recorded: the stage waits for its response letter.
    assert body["state"] == "stage1"
    stage = body["stages"][0]
    assert (stage["decided_on"], stage["letter_to_send"], stage["responded_on"]) == (
        "2024-04-10",
        "response",
        None,
    )
    assert stage["remedies"][0]["amount_offered"] == "150.00"
    assert stage["remedies"][0]["resident_wording"] == (
        "We will pay you £150 for your time and trouble."
    )
    assert stage["actions"][0]["owner"] == "Repairs"
    assert stage["points"][0]["outcome"] == "upheld"
    assert body["root_cause"] == "service_failure"
    assert body["allowed_actions"] == ["allocate", "attachments", "notes", "withdraw"]


def test_allocating_without_a_contractor_leaves_it_and_null_clears_it():
    landlord = factories.landlord()
    contractor = factories.contractor(landlord)
    complaint = _reached(landlord, "stage1_requested")
    services.complaint_allocate(complaint=complaint, handler=None, contractor=contractor, by=None)
    c = client(key(landlord))
    handler = factories.user(landlord=landlord)
    path = f"/complaints/{complaint.reference}/allocate"
    kept = post(c, path, {"handler": handler.username}).json()
    assert kept["contractor"]["id"] == contractor.pk
    cleared = post(c, path, {"handler": handler.username, "contractor_id": None}).json()
    assert cleared["contractor"] is None


def _responded_with_remedy_and_action(landlord) -> Complaint:
    complaint = factories.stage1_acknowledged(landlord)
    services.complaint_respond(
        complaint=complaint,
        outcome="upheld",
        reasons="Late.",
        point_outcomes=["upheld"],
        remedies=[
            services.RemedyInput(
                kind="financial",
                amount=Decimal("100"),
                due_on=dt.date(2024, 5, 1),
                compensation_reason="time_trouble",
            )
        ],
        actions=[services.ActionInput("Fit a new boiler", "Repairs", dt.date(2024, 5, 10))],
        by=None,
        on=dt.date(2024, 4, 10),
    )
    factories.response_letter_sent(complaint, on=dt.date(2024, 4, 10))
    return Complaint.objects.get(pk=complaint.pk)


def test_an_outstanding_action_is_followed_to_completion():
    landlord = factories.landlord()
    complaint = _responded_with_remedy_and_action(landlord)
    action = complaint.stage(1).actions.get()
    c = client(key(landlord))
    path = f"/complaints/{complaint.reference}/actions/{action.pk}/complete"
    body = post(c, path, {"note": "Boiler fitted.", "on": "2024-05-08"}).json()
    assert body["stages"][0]["actions"][0]["done_on"] == "2024-05-08"
    again = post(c, path, {})
    assert again.status_code == 409
    assert again.json()["code"] == "not_allowed_now"


def test_a_remedy_is_followed_to_completion():
    landlord = factories.landlord()
    complaint = _responded_with_remedy_and_action(landlord)
    remedy = complaint.stage(1).remedies.get()
    c = client(key(landlord))
    path = f"/complaints/{complaint.reference}/remedies/{remedy.pk}/progress"
    body = post(
        c,
        path,
        {
            "accepted_on": "2024-04-15",
            "amount_accepted": "100.00",
            "paid_on": "2024-04-20",
            "amount_paid": "100.00",
            "payment_method": "rent_account",
        },
    ).json()
    shown = body["stages"][0]["remedies"][0]
    assert (shown["amount_paid"], shown["payment_method"]) == ("100.00", "rent_account")
    assert post(c, path, {}).status_code == 422
    unpaid = post(c, path, {"paid_on": "2024-04-21", "amount_paid": "5.00"})
    assert unpaid.status_code == 422
    assert "payment_method" in unpaid.json()["problems"]


def test_an_action_or_remedy_of_another_complaint_is_not_found_here():
    landlord = factories.landlord()
    theirs = _responded_with_remedy_and_action(landlord)
    mine = factories.complaint(landlord)
    c = client(key(landlord))
    action = theirs.stage(1).actions.get()
    remedy = theirs.stage(1).remedies.get()
    assert post(c, f"/complaints/{mine.reference}/actions/{action.pk}/complete").status_code == 404
    response = post(
        c, f"/complaints/{mine.reference}/remedies/{remedy.pk}/progress", {"done_on": "2024-05-01"}
    )
    assert response.status_code == 404


# Commands: the rules say no -------------------------------------------------------------

NOT_ALLOWED_NOW = [
    ("stage1_requested", "triage", {"decision": "complaint"}),
    ("stage1_requested", "not-accept", {"reason": "duplicate", "explanation": "Twice."}),
    ("received", "define", {"points": ["Boiler"], "outcomes_sought": "Fix it"}),
    ("stage1_closed", "allocate", {"handler": None}),
    ("received", "acknowledge", {}),
    ("received", "extend", {"working_days": 2, "reason": "Busy"}),
    ("stage1_requested", "respond", {"outcome": "upheld", "reasons": "Yes", "point_outcomes": []}),
    ("stage1_acknowledged", "escalate", {"requested_on": "2024-04-20"}),
    ("stage1_requested", "refuse-escalation", {"reason": "duplicate", "explanation": "Twice."}),
    ("stage1_closed", "withdraw", {"requested_by": "The resident"}),
    ("received", "resolve", {"summary": "Done"}),
]


@pytest.mark.parametrize(("state", "action", "body"), NOT_ALLOWED_NOW)
def test_a_command_the_state_does_not_allow_is_409_and_changes_nothing(state, action, body):
    landlord = factories.landlord()
    complaint = _reached(landlord, state)
    events = complaint.events.count()
    response = post(client(key(landlord)), f"/complaints/{complaint.reference}/{action}", body)
    assert response.status_code == 409, response.json()
    assert response.json()["code"] == "not_allowed_now"
    assert response.json()["message"]
    after = Complaint.objects.get(pk=complaint.pk)
    assert (after.version, after.events.count()) == (complaint.version, events)


INVALID = [
    ("received", "triage", {"decision": "complaint", "on": "2075-01-01"}, "on"),
    (
        "received",
        "not-accept",
        {"reason": "over_12_months", "explanation": "Too old."},
        "discretion_considered",
    ),
    ("stage1_requested", "define", {"points": ["  "], "outcomes_sought": "Fix it"}, "points"),
    ("stage1_requested", "acknowledge", {}, "definition"),
    (
        "stage1_requested",
        "extend",
        {"working_days": 3, "reason": " ", "on": "2024-04-02"},
        "reason",
    ),
    (
        "stage1_requested",
        "extend",
        {"working_days": 11, "reason": "Big job", "on": "2024-04-02"},
        "good_reason",
    ),
    ("stage1_acknowledged", "respond", {"outcome": "upheld", "reasons": "Yes"}, "points"),
    ("stage1_acknowledged", "respond", {"outcome": "nope", "reasons": "Yes"}, "outcome"),
    ("stage1_closed", "escalate", {"requested_on": "2024-04-01"}, "requested_on"),
    (
        "stage2_requested",
        "refuse-escalation",
        {"reason": "duplicate", "explanation": " "},
        "explanation",
    ),
    ("stage1_requested", "withdraw", {"requested_by": " "}, "requested_by"),
    ("service_request", "resolve", {"summary": " "}, "summary"),
    ("received", "notes", {"text": " "}, "text"),
    ("received", "notes", {"text": "Hi", "when": "now"}, "when"),
]


@pytest.mark.parametrize(("state", "action", "body", "field"), INVALID)
def test_values_the_rules_refuse_are_422_per_field_and_change_nothing(state, action, body, field):
    landlord = factories.landlord()
    complaint = _reached(landlord, state)
    response = post(client(key(landlord)), f"/complaints/{complaint.reference}/{action}", body)
    assert response.status_code == 422, response.json()
    assert response.json()["code"] in {"rule_broken", "invalid_request"}
    assert field in response.json()["problems"]
    assert Complaint.objects.get(pk=complaint.pk).version == complaint.version


def test_the_stage_2_handler_must_differ_from_stage_1():
    landlord = factories.landlord()
    complaint = _reached(landlord, "stage2_requested")
    first = complaint.stage(1).handler
    response = post(
        client(key(landlord)),
        f"/complaints/{complaint.reference}/allocate",
        {"handler": first.username},
    )
    assert response.status_code == 422
    assert response.json()["code"] == "rule_broken"
    assert "different person" in response.json()["problems"]["handler"]
