"""The case page (issue 3, item 3): the header with stage, state, handler, due dates and
working days left; the flags; only the commands the lifecycle allows now; the whole
timeline; every read logged, and the log shown to administrators (domain.md §11)."""

from __future__ import annotations

import datetime as dt
import html as htmllib

import pytest

from putright.complaints import services
from putright.landlords.models import Role
from putright.residents.models import (
    ReasonableAdjustment,
    Representative,
    Restriction,
    VulnerabilityFlag,
)
from putright.web.models import CaseRead
from tests import factories
from tests.staff import people

pytestmark = pytest.mark.django_db


def page(client, complaint) -> str:
    response = client.get(f"/staff/cases/{complaint.reference}/")
    assert response.status_code == 200
    return htmllib.unescape(response.content.decode())


def offered(client, complaint) -> list[str]:
    response = client.get(f"/staff/cases/{complaint.reference}/")
    return [o.label for o in response.context["offers"]]


def test_the_header_shows_stage_state_handler_and_deadlines_in_working_days(today):
    landlord = factories.landlord()
    handler = people.staff(landlord, Role.HANDLER, first="Hamza", last="Ali")
    c = people.stage1_open(landlord, handler=handler, acknowledge=True)
    text = page(people.signed_in(people.staff(landlord)), c)

    stage = c.stage(1)
    assert "Stage 1 open" in text
    assert "Stage 1: acknowledged" in text
    assert "Stage 1 handler" in text and "Hamza Ali" in text
    assert f"{stage.response_due_extended.day} {stage.response_due_extended:%B %Y}" in text
    assert "due in 10 working days" in text  # acknowledged today: 10 working days to respond
    assert f"Done {today.day} {today:%B %Y}" in text  # the acknowledgement


def test_the_flags_warn_of_vulnerability_adjustments_representative_and_restriction(today):
    landlord = factories.landlord()
    person = people.resident(landlord)
    VulnerabilityFlag.objects.create(
        resident=person, description="Recently bereaved", review_due_on=today
    )
    ReasonableAdjustment.objects.create(
        resident=person,
        kind="large_print",
        details="18 point",
        agreed_on=today,
        review_due_on=today,
    )
    Restriction.objects.create(
        resident=person,
        restriction="Contact by email only",
        reason="Abusive calls",
        evidence="Call log",
        proportionality="Email still lets them complain",
        starts_on=today,
        review_due_on=today + dt.timedelta(days=90),
    )
    rep = Representative.objects.create(resident=person, name="Jo Advocate", kind="advocate")
    c = people.logged(landlord, resident=person, representative=rep)

    text = page(people.signed_in(people.staff(landlord)), c)

    assert "Before you contact the resident" in text
    assert "Recently bereaved" in text
    assert "Large print: 18 point" in text
    assert "Contact by email only" in text
    assert "Jo Advocate (advocate)" in text
    assert "Consent not recorded yet: do not deal with them until it is (Code 3.6)." in text


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        ("logged", ["Triage", "Allocate", "Withdraw", "Add a note", "Attach a file"]),
        (
            "defined",
            [
                "Revise the definition",
                "Allocate",
                "Acknowledge",
                "Extend the response date",
                "Withdraw",
                "Add a note",
                "Attach a file",
            ],
        ),
        (
            "acknowledged",
            [
                # Acknowledged, its letter not yet sent: the letter is the next step.
                "Write the stage 1 acknowledgement letter",
                "Revise the definition",
                "Reallocate",
                "Record the response",
                "Extend the response date",
                "Withdraw",
                "Add a note",
                "Attach a file",
            ],
        ),
        (
            "decided",
            [
                "Write the stage 1 response letter",
                "Reallocate",
                "Correct the response",
                "Withdraw",
                "Add a note",
                "Attach a file",
            ],
        ),
        ("responded", ["Record a request for stage 2", "Add a note", "Attach a file"]),
        (
            "service_request",
            [
                "Raise a complaint from this service request",
                "Record the response",
                "Add a note",
                "Attach a file",
            ],
        ),
    ],
)
def test_only_the_commands_the_lifecycle_allows_now_are_offered(today, make, expected):
    landlord = factories.landlord()
    handler = people.staff(landlord, Role.HANDLER)
    c = {
        "logged": lambda: people.logged(landlord),
        "defined": lambda: people.stage1_open(landlord),
        "acknowledged": lambda: people.stage1_open(landlord, handler=handler, acknowledge=True),
        "decided": lambda: _decided(
            people.stage1_open(landlord, handler=handler, acknowledge=True)
        ),
        "responded": lambda: factories.stage1_responded(
            landlord, received_on=today - dt.timedelta(days=20), on=today
        ),
        "service_request": lambda: people.logged(landlord, kind="service_request"),
    }[make]()

    # Beside the lifecycle's steps, always: the handler's everyday casework (issue 12).
    casework = ["Record a contact", "Change the service area or theme"]
    if c.current_stage is not None:  # Code 5.9: an update interval, while a stage is there
        casework.append("Agree how often the resident is updated")
    if c.kind == "service_request":  # issue 17, item 3: its own owner while it is open
        casework.append("Change the owner")
    assert offered(people.signed_in(people.staff(landlord)), c) == [*expected, *casework]


def _decided(c):
    """The stage 1 decision recorded: the response letter still to send."""
    points = c.stage(1).points.count()
    services.complaint_respond(
        complaint=c, outcome="upheld", reasons="Late.", point_outcomes=["upheld"] * points, by=None
    )
    return c


def test_the_next_step_is_the_primary_button():
    landlord = factories.landlord()
    c = people.logged(landlord)
    response = people.signed_in(people.staff(landlord)).get(f"/staff/cases/{c.reference}/")

    primary = [o.label for o in response.context["offers"] if o.primary]
    assert primary == ["Triage"]


def test_the_timeline_shows_every_event_in_order_with_who_did_it(today):
    landlord = factories.landlord()
    officer = people.staff(landlord, Role.OFFICER, first="Olivia", last="Grant")
    c = people.logged(landlord)
    services.complaint_triage(complaint=c, decision="complaint", by=officer, on=today)
    services.complaint_add_note(complaint=c, text="Called the resident back.", by=officer)

    text = page(people.signed_in(officer), c)

    logged = text.index("Complaint received by phone and logged.")
    triaged = text.index("Accepted as a stage 1 complaint.")
    note = text.index("Called the resident back.")
    assert logged < triaged < note
    assert "Olivia Grant" in text
    assert "the system" in text


def test_every_read_is_logged_and_only_administrators_see_the_log():
    landlord = factories.landlord()
    handler = people.staff(landlord, Role.HANDLER, first="Hamza", last="Ali")
    admin = people.staff(landlord, Role.ADMINISTRATOR)
    c = people.logged(landlord)

    handler_page = page(people.signed_in(handler), c)
    admin_page = page(people.signed_in(admin), c)

    reads = list(CaseRead.objects.filter(complaint=c).order_by("id"))
    assert [(r.user_id, r.role, r.what) for r in reads] == [
        (handler.pk, Role.HANDLER, "case"),
        (admin.pk, Role.ADMINISTRATOR, "case"),
    ]
    assert "Who has read this case" not in handler_page
    assert "Who has read this case" in admin_page
    assert "Hamza Ali" in admin_page
    log = people.signed_in(admin).get("/staff/access-log/", {"q": c.reference})
    assert len(log.context["page"].object_list) == 2


def test_the_case_page_takes_a_fixed_number_of_queries(django_assert_max_num_queries):
    landlord = factories.landlord()
    handler = people.staff(landlord, Role.HANDLER)
    c = people.stage1_open(
        landlord, handler=handler, acknowledge=True, resident=people.resident(landlord)
    )
    for n in range(30):
        services.complaint_add_note(complaint=c, text=f"Note {n}", by=handler)
    client = people.signed_in(people.staff(landlord, Role.ADMINISTRATOR))
    client.get(f"/staff/cases/{c.reference}/")

    with django_assert_max_num_queries(30):
        client.get(f"/staff/cases/{c.reference}/")
