"""The Ombudsman pages through Django's test client: who may see and do what, and that each
form calls its service and shows its problems."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from django.test import Client

from putright.landlords.models import Role
from putright.ombudsman import services
from putright.ombudsman.models import BundleDownload, Contact, FindingKind, Order, OrderKind
from putright.ombudsman.services import FindingInput
from tests import factories
from tests.ombudsman.helpers import case, closed_complaint, evidence_request

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def date_fields(name: str, day: dt.date) -> dict[str, str]:
    return {
        f"{name}_day": str(day.day),
        f"{name}_month": str(day.month),
        f"{name}_year": str(day.year),
    }


@pytest.fixture
def landlord():
    return factories.landlord("Riverside Homes")


@pytest.fixture
def officer(landlord):
    return factories.user(
        "olivia", landlord=landlord, role=Role.OFFICER, email="olivia@example.org"
    )


def test_every_ombudsman_page_answers_an_officer(landlord, officer):
    complaint = closed_complaint(landlord, amount=Decimal("300"))
    the_case = case(landlord, complaint=complaint)
    contact = evidence_request(the_case)
    determination = services.determination_record(
        case=the_case,
        determined_on=dt.date(2024, 9, 2),
        findings=[FindingInput("Repairs", FindingKind.SEVERE_MALADMINISTRATION)],
        by=None,
    )
    order = services.order_add(
        determination=determination,
        kind=OrderKind.APOLOGY,
        description="Apologise",
        due_on=dt.date(2024, 9, 30),
        owner="Head of Repairs",
        by=None,
    )
    remedy = complaint.stage(1).remedies.get()
    client = signed_in(officer)
    for url in (
        "/staff/ombudsman/",
        "/staff/ombudsman/cases/new/",
        f"/staff/ombudsman/cases/{the_case.pk}/",
        f"/staff/ombudsman/cases/{the_case.pk}/contacts/new/",
        f"/staff/ombudsman/cases/{the_case.pk}/determinations/new/",
        f"/staff/ombudsman/contacts/{contact.pk}/",
        f"/staff/ombudsman/determinations/{determination.pk}/orders/new/",
        "/staff/ombudsman/orders/",
        f"/staff/ombudsman/orders/{order.pk}/",
        "/staff/ombudsman/failure-orders/",
        "/staff/ombudsman/failure-orders/new/",
        f"/staff/ombudsman/complaints/{complaint.reference}/bundle/",
        "/staff/ombudsman/remedies/",
        f"/staff/ombudsman/remedies/{remedy.pk}/",
        "/staff/ombudsman/remedy-guidance/?amount=250",
    ):
        response = client.get(url)
        assert response.status_code == 200, url


def test_pages_need_a_signed_in_member_of_staff_of_the_landlord(landlord):
    the_case = case(landlord)
    response = Client().get(f"/staff/ombudsman/cases/{the_case.pk}/")
    assert response.status_code == 302
    outsider = factories.user(landlord=factories.landlord(), role=Role.OFFICER)
    assert signed_in(outsider).get(f"/staff/ombudsman/cases/{the_case.pk}/").status_code == 404


def test_a_contractors_staff_cannot_see_ombudsman_casework(landlord):
    kestrel = factories.contractor(landlord)
    staff = factories.user(landlord=landlord, role=Role.CONTRACTOR_HANDLER, contractor=kestrel)
    assert signed_in(staff).get("/staff/ombudsman/").status_code == 403


def test_a_handler_reads_but_cannot_record(landlord):
    handler = factories.user(landlord=landlord, role=Role.HANDLER)
    client = signed_in(handler)
    assert client.get("/staff/ombudsman/").status_code == 200
    assert client.get("/staff/ombudsman/cases/new/").status_code == 403


def test_recording_a_case_and_an_evidence_request_through_the_forms(landlord, officer):
    complaint = closed_complaint(landlord)
    client = signed_in(officer)

    response = client.post(
        "/staff/ombudsman/cases/new/",
        {
            "reference": "202455555",
            "complaint_reference": complaint.reference.lower(),
            **date_fields("opened_on", dt.date(2024, 6, 3)),
        },
    )
    assert response.status_code == 302
    the_case = complaint.ombudsman_cases.get()
    response = client.post(
        f"/staff/ombudsman/cases/{the_case.pk}/contacts/new/",
        {
            "kind": "evidence_request",
            **date_fields("received_on", dt.date(2024, 6, 3)),
            **date_fields("deadline", dt.date(2024, 6, 17)),
            "details": "All of it",
        },
    )
    contact = Contact.objects.get()
    assert response.url == f"/staff/ombudsman/contacts/{contact.pk}/"
    assert contact.deadline == dt.date(2024, 6, 17)


def test_the_case_form_says_what_is_wrong(landlord, officer):
    response = signed_in(officer).post(
        "/staff/ombudsman/cases/new/",
        {
            "reference": "",
            "complaint_reference": "CU-999999",
            "opened_on_day": "30",
            "opened_on_month": "2",
            "opened_on_year": "2024",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Enter the Ombudsman&#x27;s reference for the case" in page
    assert "There is no complaint with the reference CU-999999" in page
    assert "must be a real date" in page
    assert response.content.decode().count("<title>Error:") == 1


def test_meeting_an_evidence_request_with_the_bundle_through_the_page(landlord, officer):
    complaint = closed_complaint(landlord)
    contact = evidence_request(case(landlord, complaint=complaint))
    client = signed_in(officer)

    response = client.post(
        f"/staff/ombudsman/contacts/{contact.pk}/",
        {
            **date_fields("sent_on", dt.date(2024, 6, 10)),
            "summary": "Case file sent",
            "with_bundle": "on",
            "answers_in_full": "on",
        },
    )

    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.met_on == dt.date(2024, 6, 10)
    reply = contact.replies.get()
    download = client.get(f"/staff/ombudsman/replies/{reply.pk}/file/")
    content = b"".join(download.streaming_content)
    assert zipfile.ZipFile(io.BytesIO(content)).namelist()[0].startswith("00-case-file-")


def test_the_bundle_button_downloads_the_zip_and_logs_it(landlord, officer):
    complaint = closed_complaint(landlord)
    response = signed_in(officer).post(f"/staff/ombudsman/complaints/{complaint.reference}/bundle/")
    assert response["Content-Type"] == "application/zip"
    assert f'filename="case-file-{complaint.reference}.zip"' in response["Content-Disposition"]
    assert zipfile.ZipFile(io.BytesIO(response.content)).testzip() is None
    assert BundleDownload.objects.get().by == officer


def test_the_bundle_is_refused_to_a_contractor_allocated_the_case_or_not(landlord):
    kestrel = factories.contractor(landlord)
    theirs = closed_complaint(landlord)
    ours = closed_complaint(landlord, contractor=kestrel)
    staff = factories.user(landlord=landlord, role=Role.CONTRACTOR_HANDLER, contractor=kestrel)
    client = signed_in(staff)
    for complaint in (theirs, ours):
        response = client.post(f"/staff/ombudsman/complaints/{complaint.reference}/bundle/")
        assert response.status_code == 403
        assert "for the landlord&#x27;s own complaints team" in response.content.decode()
    assert not BundleDownload.objects.exists()
    assert not BundleDownload.objects.exists()


def test_a_determination_with_findings_and_an_order_through_the_forms(landlord, officer):
    the_case = case(landlord)
    client = signed_in(officer)
    response = client.post(
        f"/staff/ombudsman/cases/{the_case.pk}/determinations/new/",
        {
            **date_fields("determined_on", dt.date(2024, 9, 2)),
            "findings-1-element": "Repairs",
            "findings-1-finding": "severe_maladministration",
            "findings-2-element": "Complaint handling",
            "findings-2-finding": "",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Choose the Ombudsman&#x27;s category of element 1" in page
    assert "Choose the Ombudsman&#x27;s category of element 2" in page
    response = client.post(
        f"/staff/ombudsman/cases/{the_case.pk}/determinations/new/",
        {
            **date_fields("determined_on", dt.date(2024, 9, 2)),
            "findings-1-element": "Repairs",
            "findings-1-category": "repairs",
            "findings-1-finding": "severe_maladministration",
            "findings-2-element": "Complaint handling",
            "findings-2-category": "complaint_handling",
            "findings-2-finding": "",
        },
    )
    assert response.status_code == 200
    assert "Choose the finding on element 2." in response.content.decode()
    response = client.post(
        f"/staff/ombudsman/cases/{the_case.pk}/determinations/new/",
        {
            **date_fields("determined_on", dt.date(2024, 9, 2)),
            "findings-1-element": "Repairs",
            "findings-1-category": "damp_and_mould",
            "findings-1-finding": "severe_maladministration",
        },
    )
    determination = the_case.determinations.get()
    assert determination.findings.get().category == "damp_and_mould"
    case_page = client.get(f"/staff/ombudsman/cases/{the_case.pk}/").content.decode()
    assert "Damp and mould" in case_page
    assert response.url == f"/staff/ombudsman/determinations/{determination.pk}/orders/new/"
    response = client.post(
        response.url,
        {
            "is_recommendation": "order",
            "kind": "compensation",
            "amount": "1250",
            "description": "Pay compensation",
            **date_fields("due_on", dt.date(2024, 10, 1)),
            "owner": "Finance",
        },
    )
    order = Order.objects.get()
    assert order.amount == Decimal("1250.00")
    page = client.get("/staff/ombudsman/orders/").content.decode()
    assert "After severe maladministration" in page
    assert "Order: Compensation £1,250" in page


def test_the_remedy_guidance_fragment_shows_the_band_for_the_amount(landlord, officer):
    page = signed_in(officer).get("/staff/ombudsman/remedy-guidance/?amount=£250").content.decode()
    assert "is in the band for" in page
    assert "<strong>some impact</strong> (£100 to £600)" in page
    assert "£15 per missed appointment" in page
    page = (
        signed_in(officer).get("/staff/ombudsman/remedy-guidance/?amount=nonsense").content.decode()
    )
    assert "is in the band" not in page


def test_recording_remedy_progress_on_the_remedies_page(today, landlord, officer):
    complaint = closed_complaint(landlord, amount=Decimal("300"))
    remedy = complaint.stage(1).remedies.get()
    client = signed_in(officer)
    page = client.get(f"/staff/ombudsman/remedies/{remedy.pk}/").content.decode()
    assert "Some impact" in page
    response = client.post(
        f"/staff/ombudsman/remedies/{remedy.pk}/",
        {**date_fields("paid_on", today), "amount_paid": "300", "payment_method": "rent_account"},
    )
    assert response.status_code == 302
    remedy.refresh_from_db()
    assert remedy.amount_paid == Decimal("300.00")
    page = client.get("/staff/ombudsman/remedies/").content.decode()
    assert "Done in the last 90 days (1)" in page
    # Paid, a financial remedy is done (issue 12, item 5).
    assert f"Done {today:%-d %b %Y}" in page
