"""A new landlord's first hour, in a real browser (issue 15, items 2 and 3): after
``putright landlord add`` its administrator finds everything still to do on the set-up
checklist, enters the contact details (a mistake first), a division and a service area,
invites a senior handler (who sets a password from the emailed link and signs in), the
homes at the end of the year and the old register (checked, then imported); the checklist
is then complete, and the new handler logs the landlord's first complaint. No Django
admin. Every page checked with axe-core."""

from __future__ import annotations

import io
import re

from django.core import mail
from playwright.sync_api import Page, expect

from putright.complaints.models import Complaint
from putright.landlords.models import Landlord, Role, SettingsChange
from putright.registers.generate import generate_rows, write_register
from tests.e2e.staff.helpers import (
    checked,
    expect_errors,
    expect_success,
    follow,
    go,
    sign_in,
    submit,
)
from tests.staff import people


def test_an_administrator_sets_up_a_new_landlord_to_its_first_complaint(
    today, page: Page, base_url: str, tmp_path, settings
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    landlord = Landlord.objects.create(name="First Wave Housing", reference_prefix="FW")
    admin = people.staff(landlord, Role.ADMINISTRATOR, first="Ada", last="Okoro")
    sign_in(page, base_url, admin)

    # The checklist: nothing is set up yet.
    go(page, "/staff/")
    follow(page, page.get_by_role("link", name="Settings", exact=True))
    checked(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up First Wave Housing")
    expect(page.locator("main")).to_contain_text("5 of 5 sections to do")

    # Contact details, with a mistake first: what was typed stays.
    follow(page, page.get_by_role("link", name="Contact details").first)
    checked(page)
    page.get_by_label("Address", exact=True).fill("Civic Centre\nEngineers Way\nWembley HA9 0FJ")
    page.get_by_label("Phone number").fill("020 8937 1234")
    page.get_by_label("Email address").fill("complaints at firstwave")
    submit(page, "Save")
    expect_errors(page, "Enter an email address in the correct format, like name@example.com")
    expect(page.get_by_label("Phone number")).to_have_value("020 8937 1234")
    page.get_by_label("Email address").fill("complaints@firstwave.example.org")
    submit(page, "Save")
    expect_success(page, "Your contact details have been saved.")
    expect(page.locator("main")).to_contain_text("4 of 5 sections to do")

    # A division, and a service area in it.
    follow(page, page.get_by_role("link", name="Service areas").first)
    checked(page)
    follow(page, page.get_by_role("link", name="Add a division"))
    checked(page)
    page.get_by_label("Name").fill("Housing Management")
    submit(page, "Add division")
    expect_success(page, "The division Housing Management has been added.")
    follow(page, page.get_by_role("link", name="Add a service area"))
    page.get_by_label("Name").fill("Repairs")
    page.get_by_label("Division (optional)").select_option(label="Housing Management")
    checked(page)
    submit(page, "Add service area")
    expect_success(page, "The service area Repairs has been added.")

    # Invite a senior handler.
    follow(page, page.get_by_role("link", name="Staff", exact=True))
    checked(page)
    follow(page, page.get_by_role("link", name="Invite someone"))
    checked(page)
    page.get_by_label("First name").fill("Sam")
    page.get_by_label("Last name").fill("Patel")
    page.get_by_label("Email address").fill("sam.patel@firstwave.example.org")
    submit(page, "Send invitation")
    expect_errors(page, "Choose the person's role")
    expect(page.get_by_label("First name")).to_have_value("Sam")
    page.get_by_label("Senior handler (may take stage 2)").check()
    page.get_by_label("Team (optional)").fill("North")
    submit(page, "Send invitation")
    expect_success(page, "Sam Patel has been invited.")
    expect(page.get_by_role("row", name=re.compile("Sam Patel"))).to_contain_text("Invited")
    (invitation,) = mail.outbox
    link = re.search(r"https?://[^/]+(/staff/invite/\S+/)", invitation.body).group(1)

    # The homes at the end of this financial year.
    follow(page, page.get_by_role("link", name="Homes", exact=True))
    checked(page)
    page.get_by_label("Number of low-cost rental homes").fill("1,200")
    page.get_by_label("Number of low-cost home ownership homes").fill("40")
    submit(page, "Save homes")
    expect_errors(page, "The number of low-cost rental homes must be a whole number")
    page.get_by_label("Number of low-cost rental homes").fill("1200")
    submit(page, "Save homes")
    expect_success(page, "The homes at the end of 2026/27 have been saved.")

    # The old register: a file with a mistake, then the right one, checked then imported.
    follow(page, page.get_by_role("link", name="Import a register"))
    checked(page)
    out = io.StringIO()
    write_register(out, generate_rows(6, today=today, seed=11, prefix="FWOLD"))
    good = out.getvalue()
    bad = tmp_path / "broken.csv"
    lines = good.splitlines()
    header = lines[0].split(",")
    cells = lines[2].split(",")
    cells[header.index("received_date")] = "31/02/2026"
    bad.write_text("\r\n".join([lines[0], lines[1], ",".join(cells), *lines[3:]]) + "\r\n")
    page.get_by_label("Upload the register").set_input_files(str(bad))
    submit(page, "Check the file")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Nothing has been imported")
    problems = page.locator("#problems")
    expect(problems.get_by_role("row").nth(1)).to_contain_text("3received_date")
    checked(page)
    register = tmp_path / "register.csv"
    register.write_text(good)
    page.get_by_label("Upload the register").set_input_files(str(register))
    submit(page, "Check the file")
    expect(page.locator("main")).to_contain_text("register.csv is ready to import")
    expect(page.locator("main")).to_contain_text("6 records would be read, 6 created")
    checked(page)
    assert not Complaint.objects.filter(landlord=landlord).exists()
    submit(page, "Import 6 records")
    expect_success(page, "Imported 6 records: 6 created")
    expect(page.locator("main")).to_contain_text("Everything is set up")
    assert Complaint.objects.filter(landlord=landlord).count() == 6

    # The changes are on the audit log.
    follow(page, page.get_by_role("link", name="Changes", exact=True))
    checked(page)
    expect(page.locator("tbody")).to_contain_text("Invited Sam Patel")
    expect(page.locator("tbody")).to_contain_text("Imported the register register.csv")
    assert set(SettingsChange.objects.values_list("by_name", flat=True)) == {"Ada Okoro"}

    # The new handler sets a password from the link and signs in.
    submit(page, "Sign out")
    go(page, link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Set your password")
    page.get_by_label("Create a password").fill("a long password for sam")
    page.get_by_label("Type the password again").fill("a long password for sam")
    submit(page, "Set password")
    expect_success(page, "Your password has been set.")
    page.get_by_label("Username").fill("sam.patel@firstwave.example.org")
    page.get_by_label("Password").fill("a long password for sam")
    submit(page, "Sign in")
    expect(page.locator(".putright-account__who")).to_contain_text("Sam Patel, senior handler")

    # ... and logs the landlord's first complaint.
    follow(page, page.get_by_role("link", name="Log a contact"))
    checked(page)
    page.get_by_label("Complaint", exact=True).check()
    page.get_by_label("How did it come in?").select_option(label="Phone")
    page.get_by_label("What the resident told us").fill(
        "The kitchen ceiling leaks every time it rains and nobody has come."
    )
    page.get_by_label("Resident's name").fill("Grace Mensah")
    page.get_by_label("Service area").select_option(label="Repairs")
    submit(page, "Log it")
    checked(page)
    first = Complaint.objects.filter(landlord=landlord).exclude(reference__startswith="FWOLD")
    assert first.count() == 1
    complaint = first.get()
    assert complaint.reference.startswith("FW-")
    assert complaint.service_area is not None and complaint.service_area.name == "Repairs"
    expect(page.locator("main")).to_contain_text(complaint.reference)
    # The invitation link worked once.
    response = page.goto(link)
    assert response is not None and response.status == 410
    checked(page)
