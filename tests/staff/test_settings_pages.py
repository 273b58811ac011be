"""The settings pages (issue 15): what they refuse, that a form with a mistake keeps what
was typed, the invitation link (expiry, single use), the set-up checklist and where an
administrator lands after signing in, and the register import page (a dry run listing the
problems by line and column, then the import)."""

from __future__ import annotations

import datetime as dt
import html
import io
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from putright.complaints.models import Complaint
from putright.landlords.models import Role, ServiceArea, SettingsChange, StaffMembership
from putright.registers.generate import generate_rows, write_register
from tests import factories
from tests.registers.support import register_bytes
from tests.staff.people import signed_in, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def landlord():
    return factories.landlord("Riverside Homes")


@pytest.fixture
def admin(landlord):
    return staff(landlord, Role.ADMINISTRATOR, first="Ada", last="Admin")


def _text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", response.content.decode()))


def test_an_officer_is_refused_the_settings_and_not_offered_them(landlord):
    officer = signed_in(staff(landlord, Role.OFFICER))
    response = officer.get("/staff/settings/")
    assert response.status_code == 403
    assert "Only the landlord's administrators can change its settings." in _text(response)
    assert 'href="/staff/settings/"' not in _text(officer.get("/staff/"))


def test_an_administrator_is_offered_the_settings(landlord, admin):
    assert 'href="/staff/settings/"' in _text(signed_in(admin).get("/staff/"))


def test_the_checklist_shows_what_is_not_set_up_and_follows_what_is_done(landlord, admin):
    client = signed_in(admin)
    page = _text(client.get("/staff/settings/"))
    assert "5 of 5 sections to do" in page
    for href in (
        "/staff/settings/contact/",
        "/staff/settings/service-areas/",
        "/staff/settings/staff/",
        "/staff/settings/homes/",
        "/staff/settings/import/",
    ):
        assert f'href="{href}"' in page
    client.post("/staff/settings/service-areas/new/", {"name": "Repairs", "division": ""})
    client.post(
        "/staff/settings/contact/",
        {"name": "Riverside Homes", "address": "1 Quay St", "phone": "01632 960 000"},
    )
    page = _text(client.get("/staff/settings/"))
    assert "3 of 5 sections to do" in page
    assert "1 service area" in page
    client.post("/staff/settings/homes/", {"year": "2026", "lcra": "1200", "lcho": "40"})
    staff(landlord, Role.HANDLER)
    factories.complaint(landlord)
    page = _text(client.get("/staff/settings/"))
    assert "Everything is set up" in page
    assert "1,240 homes at the end of 2026/27" in page


def test_an_administrator_signing_in_to_a_new_landlord_lands_on_the_checklist(landlord, admin):
    client = __import__("django.test", fromlist=["Client"]).Client()
    response = client.post(
        "/staff/sign-in/", {"username": admin.username, "password": "a-long-test-password"}
    )
    # After the password, the second factor an administrator needs; then the checklist.
    assert response["Location"].endswith("next=%2Fstaff%2Fsettings%2F")
    handler = staff(landlord, Role.HANDLER)
    other = __import__("django.test", fromlist=["Client"]).Client()
    response = other.post(
        "/staff/sign-in/", {"username": handler.username, "password": "a-long-test-password"}
    )
    assert response["Location"] in ("/staff/", "/staff/account/two-factor/?next=%2Fstaff%2F")


def test_a_form_with_a_mistake_keeps_what_was_typed(landlord, admin):
    client = signed_in(admin)
    response = client.post(
        "/staff/settings/staff/invite/",
        {
            "first_name": "Sam",
            "last_name": "Jones",
            "email": "not-an-email",
            "role": "handler",
            "team": "North",
        },
    )
    page = _text(response)
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert 'href="#id_email"' in page and "Enter an email address in the correct format" in page
    assert 'value="Sam"' in page and 'value="Jones"' in page and 'value="North"' in page
    assert 'value="not-an-email"' in page
    response = client.post("/staff/settings/homes/", {"year": "2025", "lcra": "12x", "lcho": "4"})
    page = _text(response)
    assert "The number of low-cost rental homes must be a whole number" in page
    assert 'value="12x"' in page and 'value="2025"' in page
    response = client.post("/staff/settings/policy/", {"escalation_window_days": "400"})
    assert "The escalation window must be from 1 to 365 days" in _text(response)
    assert 'value="400"' in _text(response)
    assert not SettingsChange.objects.exists()


def test_a_service_rule_is_shown_on_its_field_with_what_was_typed(landlord, admin):
    client = signed_in(admin)
    client.post("/staff/settings/service-areas/new/", {"name": "Repairs", "division": ""})
    response = client.post("/staff/settings/service-areas/new/", {"name": "repairs"})
    page = _text(response)
    assert "Riverside Homes already has a service area called repairs" in page
    assert 'href="#id_name"' in page and 'value="repairs"' in page
    assert ServiceArea.objects.count() == 1


def test_another_landlords_records_are_not_found(landlord, admin):
    other = factories.landlord("Other Homes")
    area = ServiceArea.objects.create(landlord=other, name="Theirs")
    theirs = factories.user(landlord=other, role=Role.HANDLER)
    client = signed_in(admin)
    assert client.get(f"/staff/settings/service-areas/{area.pk}/").status_code == 404
    assert client.get(f"/staff/settings/staff/{theirs.pk}/").status_code == 404


def _invite(client, capture, email="sam@example.org"):
    """Invite someone from the page; the link in the email sent once the change is written."""
    with capture(execute=True):
        client.post(
            "/staff/settings/staff/invite/",
            {"first_name": "Sam", "last_name": "Jones", "email": email, "role": "senior_handler"},
        )
    (message,) = [m for m in mail.outbox if email in m.to]
    return re.search(r"http://testserver(/staff/invite/[^/]+/[^/]+/)", message.body).group(1)


def test_the_invitation_link_sets_a_password_once(
    landlord, admin, django_capture_on_commit_callbacks
):
    link = _invite(signed_in(admin), django_capture_on_commit_callbacks)
    from django.test import Client

    visitor = Client()
    page = _text(visitor.get(link))
    assert "Set your password" in page and "Riverside Homes" in page
    response = visitor.post(link, {"password": "a long new password", "confirm": "another"})
    assert "The passwords do not match" in _text(response)
    response = visitor.post(
        link, {"password": "a long new password", "confirm": "a long new password"}
    )
    assert response["Location"] == "/staff/sign-in/"
    signed = visitor.post(
        "/staff/sign-in/", {"username": "sam@example.org", "password": "a long new password"}
    )
    assert signed.status_code == 302
    again = Client().get(link)
    assert again.status_code == 410
    assert "This link does not work" in _text(again)
    assert SettingsChange.objects.filter(summary__contains="accepted the invitation").exists()


def test_the_invitation_link_expires(
    landlord, admin, time_machine, django_capture_on_commit_callbacks
):
    link = _invite(signed_in(admin), django_capture_on_commit_callbacks)
    time_machine.move_to(timezone.now() + dt.timedelta(days=8))
    from django.test import Client

    response = Client().get(link)
    assert response.status_code == 410
    assert "works once, for 7 days" in _text(response)


def test_deactivating_someone_ends_their_work_for_the_landlord(landlord, admin):
    handler = staff(landlord, Role.HANDLER, first="Hal", last="Dler")
    theirs = signed_in(handler)
    assert theirs.get("/staff/").status_code == 200
    response = signed_in(admin).post(
        f"/staff/settings/staff/{handler.pk}/", {"action": "deactivate"}
    )
    assert response.status_code == 302
    assert theirs.get("/staff/").status_code in (302, 403)
    assert not StaffMembership.objects.get(user=handler).active
    page = _text(signed_in(admin).get("/staff/settings/staff/"))
    assert "Deactivated" in page


def _csv(rows) -> bytes:
    out = io.StringIO()
    write_register(out, rows)
    return out.getvalue().encode("utf-8")


def test_the_import_page_lists_problems_by_line_and_column_and_imports_nothing(landlord, admin):
    client = signed_in(admin)
    bad = register_bytes(
        {"reference": "HIST-000001", "received_date": "31/02/2026", "channel": "phone"},
    )
    response = client.post(
        "/staff/settings/import/",
        {"action": "check", "register": SimpleUploadedFile("old.csv", bad, "text/csv")},
    )
    page = _text(response)
    assert "<title>Error: " in page
    assert "Nothing has been imported" in page
    assert re.search(
        r'<td class="govuk-table__cell">2</td><td class="govuk-table__cell">received_date</td>',
        page,
    ), page
    assert not Complaint.objects.exists()


def test_the_import_page_checks_then_imports(landlord, admin, today):
    client = signed_in(admin)
    data = _csv(generate_rows(5, today=today, seed=3))
    response = client.post(
        "/staff/settings/import/",
        {"action": "check", "register": SimpleUploadedFile("register.csv", data, "text/csv")},
    )
    page = _text(response)
    assert "register.csv is ready to import" in page
    assert "Dry run, nothing written: 5 records would be read, 5 created" in page
    assert not Complaint.objects.exists()
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    assert (
        client.post("/staff/settings/import/", {"action": "import", "token": "wrong"}).status_code
        == 200
    )
    assert not Complaint.objects.exists()
    response = client.post("/staff/settings/import/", {"action": "import", "token": token})
    assert response.status_code == 302
    assert Complaint.objects.filter(landlord=landlord).count() == 5
    entry = SettingsChange.objects.get(section="register")
    assert entry.summary.startswith("Imported the register register.csv: Imported 5 records")
    assert entry.by == admin
    # The file waits no longer: importing it again needs a new upload.
    again = client.post("/staff/settings/import/", {"action": "import", "token": token})
    assert "Upload it again" in _text(again)


def test_a_logo_upload_is_checked_and_shown_on_letters_and_pages(landlord, admin):
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (30, 10), (0, 0, 0)).save(out, format="PNG")
    client = signed_in(admin)
    response = client.post(
        "/staff/settings/letterhead/",
        {"logo": SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>", "image/png")},
    )
    assert "The logo must be a PNG or JPEG image" in _text(response)
    response = client.post(
        "/staff/settings/letterhead/",
        {"logo": SimpleUploadedFile("logo.png", out.getvalue(), "image/png")},
    )
    assert response.status_code == 302
    assert 'src="data:image/png;base64,' in _text(client.get("/staff/settings/letterhead/"))
    assert 'src="data:image/png;base64,' in _text(client.get("/"))


def test_the_policy_page_sets_the_sign_off_rules(landlord, admin):
    client = signed_in(admin)
    response = client.post(
        "/staff/settings/policy/",
        {"escalation_window_days": "28", "approval_reviewed": "stage2",
         "approval_compensation_over": "500", "service_request_target_days": "10",
         "member_enquiry_target_days": "10"},
    )  # fmt: skip
    assert response.status_code == 302
    landlord.refresh_from_db()
    assert (landlord.approval_reviewed, str(landlord.approval_compensation_over)) == (
        "stage2",
        "500.00",
    )
    change = SettingsChange.objects.get()
    assert change.summary == (
        "Changed the complaints policy: responses approved before they go, compensation "
        "that needs approval: over (£)"
    )
    page = _text(client.get("/staff/settings/policy/"))
    assert 'value="stage2" checked' in page and 'value="500.00"' in page


def test_the_policy_page_sets_the_targets_for_service_requests_and_member_enquiries(
    landlord, admin
):
    client = signed_in(admin)
    page = _text(client.get("/staff/settings/policy/"))
    assert 'name="service_request_target_days" type="text" value="10"' in page
    form = {"escalation_window_days": "28", "approval_reviewed": "none",
            "service_request_target_days": "7", "member_enquiry_target_days": "66"}  # fmt: skip
    response = client.post("/staff/settings/policy/", form)
    page = _text(response)
    assert "The target for member enquiries must be from 1 to 65 working days" in page
    assert 'href="#id_member_enquiry_target_days"' in page
    assert not SettingsChange.objects.exists()
    response = client.post("/staff/settings/policy/", {**form, "member_enquiry_target_days": "20"})
    assert response.status_code == 302
    landlord.refresh_from_db()
    assert (landlord.service_request_target_days, landlord.member_enquiry_target_days) == (7, 20)
    assert SettingsChange.objects.get().summary == (
        "Changed the complaints policy: target for service requests (working days), target "
        "for member enquiries (working days)"
    )


def test_the_ombudsman_page_keeps_the_lgscos_details_too(landlord, admin):
    client = signed_in(admin)
    response = client.post(
        "/staff/settings/ombudsman/",
        {"ombudsman_name": "Housing Ombudsman Service",
         "ombudsman_address": "PO Box 1484, Unit D, Preston PR2 0ET",
         "ombudsman_phone": "0300 111 3000", "ombudsman_email": "",
         "ombudsman_website": "housing-ombudsman.org.uk",
         "lgsco_name": "Local Government and Social Care Ombudsman",
         "lgsco_address": "PO Box 4771, Coventry CV4 0EH", "lgsco_phone": "0300 061 0614",
         "lgsco_email": "", "lgsco_website": "lgo.org.uk/complaints"},
    )  # fmt: skip
    assert response.status_code == 302
    landlord.refresh_from_db()
    assert landlord.lgsco_website == "lgo.org.uk/complaints"
    assert SettingsChange.objects.get().summary.startswith("Changed the ombudsmen's details")


def test_the_homes_page_takes_property_types_that_add_up(landlord, admin):
    client = signed_in(admin)
    response = client.post(
        "/staff/settings/homes/",
        {"year": "2025", "lcra": "100", "lcho": "0", "flats": "60", "houses": "30"},
    )
    page = _text(response)
    assert "must add up to the homes owned" in page and 'value="60"' in page
    response = client.post(
        "/staff/settings/homes/",
        {"year": "2025", "lcra": "100", "lcho": "0", "flats": "60", "houses": "40"},
    )
    assert response.status_code == 302
    assert landlord.homes.get(year=2025).houses == 40
