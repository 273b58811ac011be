"""Ombudsman casework services: cases, contacts and replies, determinations and orders,
failure orders; each on the linked complaint's timeline (domain.md §7)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from putright.complaints.models import Complaint, Event
from putright.landlords.models import Role
from putright.ombudsman import services
from putright.ombudsman.models import (
    FailureOrderKind,
    FindingKind,
    OrderKind,
    OrderStatus,
)
from putright.ombudsman.services import FindingInput, UploadedFile
from putright.rules.lifecycle import RuleError
from tests import factories
from tests.ombudsman.helpers import case, closed_complaint, evidence_request, officer

pytestmark = pytest.mark.django_db


def ombudsman_entries(complaint: Complaint) -> list[Event]:
    return [e for e in complaint.events.order_by("id") if "ombudsman" in e.detail]


def test_a_case_linked_to_a_complaint_gives_it_the_reference_and_a_timeline_entry():
    landlord = factories.landlord()
    complaint = closed_complaint(landlord)
    version = complaint.version

    the_case = case(landlord, complaint=complaint, reference="202401234")

    complaint.refresh_from_db()
    assert complaint.ombudsman_reference == "202401234"
    assert complaint.version == version + 1
    [entry] = ombudsman_entries(complaint)
    assert entry.summary == "The Housing Ombudsman opened case 202401234 about this complaint."
    assert entry.detail["ombudsman"] == {
        "what": "case",
        "case": the_case.pk,
        "reference": "202401234",
    }


def test_a_case_can_stand_alone_with_the_residents_name_but_not_without():
    landlord = factories.landlord()
    alone = case(landlord)
    assert alone.complaint is None and alone.resident_name == "Ms A Resident"
    with pytest.raises(RuleError) as error:
        services.ombudsman_case_open(
            landlord=landlord, reference="X1", opened_on=dt.date(2024, 1, 2), by=None
        )
    assert "resident_name" in error.value.problems


def test_a_reference_is_used_once_per_landlord():
    landlord = factories.landlord()
    case(landlord, reference="202400001")
    with pytest.raises(RuleError) as error:
        case(landlord, reference="202400001")
    assert error.value.problems == {
        "reference": "There is already a case with the reference 202400001."
    }
    case(factories.landlord(), reference="202400001")


def test_a_contact_has_a_deadline_not_before_it_was_received_and_goes_on_the_timeline():
    landlord = factories.landlord()
    complaint = closed_complaint(landlord)
    the_case = case(landlord, complaint=complaint)

    contact = evidence_request(the_case, deadline=dt.date(2024, 6, 24))

    assert contact.is_open
    entry = ombudsman_entries(complaint)[-1]
    assert entry.summary.startswith(
        "Housing Ombudsman evidence request received (case 202412345): reply due 24 June 2024."
    )
    assert entry.occurred_on == dt.date(2024, 6, 3)
    with pytest.raises(RuleError) as error:
        services.contact_record(
            case=the_case,
            kind="gossip",
            received_on=dt.date(2024, 6, 5),
            deadline=dt.date(2024, 6, 4),
            by=None,
        )
    assert set(error.value.problems) == {"kind", "deadline"}


def test_a_reply_in_full_meets_the_contact_and_a_late_one_says_so():
    landlord = factories.landlord()
    complaint = closed_complaint(landlord)
    contact = evidence_request(case(landlord, complaint=complaint), deadline=dt.date(2024, 6, 10))

    services.contact_reply(
        contact=contact,
        sent_on=dt.date(2024, 6, 7),
        summary="Part of it",
        by=None,
        answers_in_full=False,
    )
    contact.refresh_from_db()
    assert contact.met_on is None
    services.contact_reply(
        contact=contact, sent_on=dt.date(2024, 6, 12), summary="The rest", by=None
    )
    contact.refresh_from_db()
    assert contact.met_on == dt.date(2024, 6, 12)
    assert contact.met_late()
    entry = ombudsman_entries(complaint)[-1]
    assert entry.summary == (
        "Reply sent to the Housing Ombudsman's evidence request (case 202412345) late: The rest"
    )


def test_meeting_an_evidence_request_with_the_bundle_keeps_the_file_sent():
    landlord = factories.landlord()
    complaint = closed_complaint(landlord)
    contact = evidence_request(case(landlord, complaint=complaint))

    reply = services.contact_reply(
        contact=contact,
        sent_on=dt.date(2024, 6, 5),
        summary="Case file sent through the Ombudsman's portal.",
        by=None,
        with_bundle=True,
    )

    assert reply.filename == f"case-file-{complaint.reference}.zip"
    with reply.file.open("rb") as handle:
        content = handle.read()
    assert zipfile.ZipFile(io.BytesIO(content)).testzip() is None
    assert reply.sha256 == reply.bundle_sha256
    assert "The case file bundle was sent:" in ombudsman_entries(complaint)[-1].summary


def test_a_reply_cannot_predate_the_contact_or_send_a_bundle_without_a_complaint():
    landlord = factories.landlord()
    contact = evidence_request(case(landlord))
    with pytest.raises(RuleError) as error:
        services.contact_reply(
            contact=contact, sent_on=dt.date(2024, 6, 1), summary="", by=None, with_bundle=True
        )
    assert set(error.value.problems) == {"sent_on", "summary", "with_bundle"}


def test_a_reply_file_must_be_an_accepted_type():
    landlord = factories.landlord()
    contact = evidence_request(case(landlord))
    with pytest.raises(RuleError) as error:
        services.contact_reply(
            contact=contact,
            sent_on=dt.date(2024, 6, 5),
            summary="Sent",
            by=None,
            upload=UploadedFile("run.exe", b"MZ", "application/x-msdownload"),
        )
    assert "file" in error.value.problems


def test_a_reply_file_must_be_what_its_type_says():
    landlord = factories.landlord()
    contact = evidence_request(case(landlord))
    with pytest.raises(RuleError) as error:
        services.contact_reply(
            contact=contact,
            sent_on=dt.date(2024, 6, 5),
            summary="Sent",
            by=None,
            upload=UploadedFile("bundle.zip", b"<html>not a zip</html>", "application/zip"),
        )
    assert error.value.problems["file"] == (
        "The file is not a real zip file: its contents are not those of a zip file."
    )


def test_only_link_officers_record_ombudsman_casework():
    landlord = factories.landlord()
    handler = factories.user(landlord=landlord, role=Role.HANDLER)
    with pytest.raises(PermissionDenied):
        services.ombudsman_case_open(
            landlord=landlord,
            reference="1",
            opened_on=dt.date(2024, 1, 2),
            resident_name="A",
            by=handler,
        )
    for role in (Role.OFFICER, Role.SENIOR_HANDLER, Role.ADMINISTRATOR):
        services.ombudsman_case_open(
            landlord=landlord,
            reference=role,
            opened_on=dt.date(2024, 1, 2),
            resident_name="A",
            by=factories.user(landlord=landlord, role=role),
        )
    with pytest.raises(PermissionDenied):
        services.ombudsman_case_open(
            landlord=landlord,
            reference="2",
            opened_on=dt.date(2024, 1, 2),
            resident_name="A",
            by=officer(factories.landlord()),
        )


def determination_with_orders(landlord, complaint=None):
    the_case = case(landlord, complaint=complaint)
    determination = services.determination_record(
        case=the_case,
        determined_on=dt.date(2024, 9, 2),
        findings=[
            FindingInput(
                "The landlord's handling of repairs", FindingKind.SEVERE_MALADMINISTRATION
            ),
            FindingInput("The landlord's complaint handling", FindingKind.MALADMINISTRATION),
        ],
        by=None,
    )
    apology = services.order_add(
        determination=determination,
        kind=OrderKind.APOLOGY,
        description="Apologise in writing.",
        due_on=dt.date(2024, 9, 30),
        owner="Head of Repairs",
        by=None,
        finding=determination.findings.get(number=2),
    )
    money = services.order_add(
        determination=determination,
        kind=OrderKind.COMPENSATION,
        amount=Decimal("1250"),
        description="Pay £1,250 compensation.",
        due_on=dt.date(2024, 9, 30),
        owner="Finance",
        by=None,
    )
    return determination, apology, money


def test_a_determination_records_a_finding_per_element_and_orders_follow():
    landlord = factories.landlord()
    complaint = closed_complaint(landlord)
    determination, _, money = determination_with_orders(landlord, complaint)

    assert [f.get_finding_display() for f in determination.findings.all()] == [
        "Severe maladministration",
        "Maladministration",
    ]
    assert determination.severe
    assert str(money) == "Order: Compensation £1,250"
    summaries = [e.summary for e in ombudsman_entries(complaint)]
    assert summaries[1] == (
        "Housing Ombudsman determination (case 202412345): The landlord's handling of repairs: "
        "severe maladministration; The landlord's complaint handling: maladministration."
    )
    assert summaries[-1].startswith(
        "Housing Ombudsman order (case 202412345): compensation of £1,250, due 30 September 2024"
    )


def test_a_determination_needs_an_element_and_a_finding_for_each():
    landlord = factories.landlord()
    with pytest.raises(RuleError) as error:
        services.determination_record(
            case=case(landlord),
            determined_on=dt.date(2024, 9, 2),
            findings=[FindingInput("", "severe_maladministration"), FindingInput("Repairs", "")],
            by=None,
        )
    assert set(error.value.problems) == {"findings-1-element", "findings-2-finding"}


def test_a_determination_keeps_each_finding_s_ombudsman_category_and_mediation_or_withdrawal():
    landlord = factories.landlord()
    complaint = closed_complaint(landlord)
    determination = services.determination_record(
        case=case(landlord, complaint=complaint),
        determined_on=dt.date(2024, 9, 2),
        findings=[
            FindingInput("The mould in the bathroom", "maladministration", "damp_and_mould"),
            FindingInput("Noise from next door", "mediation", "anti_social_behaviour"),
            FindingInput("The service charge", "withdrawn", "rent_and_service_charges"),
        ],
        by=None,
    )
    assert [(f.category, f.finding) for f in determination.findings.all()] == [
        ("damp_and_mould", "maladministration"),
        ("anti_social_behaviour", "mediation"),
        ("rent_and_service_charges", "withdrawn"),
    ]
    assert ombudsman_entries(complaint)[-1].summary == (
        "Housing Ombudsman determination (case 202412345): The mould in the bathroom "
        "(damp and mould): maladministration; Noise from next door (anti-social behaviour): "
        "resolved by mediation; The service charge (rent and service charges): withdrawn."
    )


def test_a_finding_s_category_must_be_one_of_the_ombudsman_s():
    landlord = factories.landlord()
    with pytest.raises(RuleError) as error:
        services.determination_record(
            case=case(landlord),
            determined_on=dt.date(2024, 9, 2),
            findings=[FindingInput("Repairs", "maladministration", "plumbing")],
            by=None,
        )
    assert error.value.problems == {
        "findings-1-category": "Choose the Ombudsman's category of element 1 from the list."
    }


def test_compensation_orders_need_an_amount_and_every_order_a_due_date_and_owner():
    landlord = factories.landlord()
    determination, _, _ = determination_with_orders(landlord)
    with pytest.raises(RuleError) as error:
        services.order_add(
            determination=determination,
            kind=OrderKind.COMPENSATION,
            description="Pay",
            due_on=None,
            owner=" ",
            by=None,
        )
    assert set(error.value.problems) == {"amount", "due_on", "owner"}


def test_an_order_is_complied_with_only_with_evidence_and_a_date():
    landlord = factories.landlord()
    complaint = closed_complaint(landlord)
    _, apology, _ = determination_with_orders(landlord, complaint)

    with pytest.raises(RuleError) as error:
        services.order_record_progress(order=apology, status=OrderStatus.COMPLIED, by=None)
    assert set(error.value.problems) == {"evidence", "completed_on"}

    done = services.order_record_progress(
        order=apology,
        status=OrderStatus.COMPLIED,
        evidence="Apology letter sent; copy sent to the Ombudsman.",
        upload=UploadedFile("apology.pdf", b"%PDF-1.4 apology", "application/pdf"),
        completed_on=dt.date(2024, 9, 20),
        by=None,
    )
    assert done.status == OrderStatus.COMPLIED and not done.is_open
    assert done.evidence_filename == "apology.pdf"
    with done.evidence_file.open("rb") as handle:
        assert handle.read() == b"%PDF-1.4 apology"
    assert ombudsman_entries(complaint)[-1].summary == (
        "Housing Ombudsman order (case 202412345), apology: complied. Evidence: Apology letter "
        "sent; copy sent to the Ombudsman. (file apology.pdf)."
    )
    with pytest.raises(RuleError):
        services.order_record_progress(order=done, status=OrderStatus.IN_PROGRESS, by=None)


def test_only_a_recommendation_can_be_declined_and_with_a_reason():
    landlord = factories.landlord()
    determination, apology, _ = determination_with_orders(landlord)
    with pytest.raises(RuleError) as error:
        services.order_record_progress(
            order=apology,
            status=OrderStatus.NOT_ACCEPTED,
            completed_on=dt.date(2024, 9, 3),
            evidence="No",
            by=None,
        )
    assert "status" in error.value.problems
    recommendation = services.order_add(
        determination=determination,
        kind=OrderKind.TRAINING,
        description="Train staff",
        due_on=dt.date(2024, 12, 1),
        owner="HR",
        by=None,
        is_recommendation=True,
    )
    declined = services.order_record_progress(
        order=recommendation,
        status=OrderStatus.NOT_ACCEPTED,
        completed_on=dt.date(2024, 9, 10),
        evidence="Training was given in August already.",
        by=None,
    )
    assert declined.get_status_display() == "Recommendation not taken up"


def test_failure_orders_record_type_what_failed_and_actions():
    landlord = factories.landlord()
    complaint = closed_complaint(landlord)
    the_case = case(landlord, complaint=complaint)
    order = services.failure_order_record(
        landlord=landlord,
        issued_on=dt.date(2023, 7, 17),
        kind=FailureOrderKind.TYPE_1,
        what_failed="No stage 2 response even after the Ombudsman's reminder.",
        case=the_case,
        by=None,
    )
    assert str(order) == "Type 1 issued 2023-07-17"
    services.failure_order_record_actions(
        failure_order=order,
        actions_taken="Senior review; new weekly deadline report.",
        done_on=dt.date(2023, 9, 1),
        by=None,
    )
    order.refresh_from_db()
    assert order.actions_done_on == dt.date(2023, 9, 1)
    summaries = [e.summary for e in ombudsman_entries(complaint)]
    assert summaries[-2].startswith(
        "Complaint Handling Failure Order issued by the Housing Ombudsman (Type 1"
    )
    assert (
        summaries[-1]
        == "Actions after the Complaint Handling Failure Order: Senior review; new weekly deadline report."
    )
    with pytest.raises(RuleError) as error:
        services.failure_order_record(
            landlord=landlord,
            issued_on=dt.date(2099, 1, 1),
            kind="type_9",
            what_failed="",
            by=None,
        )
    assert set(error.value.problems) == {"issued_on", "kind", "what_failed"}


def test_closing_a_case_once():
    landlord = factories.landlord()
    the_case = case(landlord)
    services.ombudsman_case_close(case=the_case, on=dt.date(2024, 10, 1), by=None)
    with pytest.raises(RuleError):
        services.ombudsman_case_close(case=the_case, on=dt.date(2024, 10, 2), by=None)
    with pytest.raises(RuleError):
        evidence_request(the_case, received_on=dt.date(2024, 10, 3), deadline=dt.date(2024, 10, 9))
