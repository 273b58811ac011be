"""Every other staff page in a real browser, each checked with axe-core as it stands and
with its errors showing: the queue with filters, residents and their records, reviews,
letter templates, the access log, the account pages, notes and files, and the refusals."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import Page, expect

from putright.complaints import services
from putright.landlords.models import Role
from putright.residents.models import ReasonableAdjustment, Representative
from tests import factories
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


def test_residents_reviews_and_records(today, page: Page, base_url: str) -> None:
    landlord = factories.landlord("Riverside Homes")
    officer = people.staff(landlord, Role.OFFICER, first="Olivia", last="Grant")
    person = people.resident(landlord)
    ReasonableAdjustment.objects.create(
        resident=person,
        kind="large_print",
        agreed_on=today,
        review_due_on=today - dt.timedelta(days=1),
    )
    Representative.objects.create(resident=person, name="Jo Advocate", kind="advocate")
    people.logged(landlord, resident=person)
    sign_in(page, base_url, officer)

    go(page, "/staff/residents/?q=okafor")
    expect(page.get_by_role("link", name="Amina Okafor")).to_be_visible()
    follow(page, page.get_by_role("button", name="Add a resident"))
    checked(page)
    submit(page, "Add resident")
    expect_errors(page, "Enter the resident's full name")
    page.get_by_label("Full name").fill("Grace Oduya")
    page.get_by_label("Tenure").select_option("leaseholder")
    page.get_by_label("Address", exact=True).fill("3 Mill Lane\nExampleton")
    page.get_by_label("Postcode").fill("ex1 1aa")
    submit(page, "Add resident")
    expect_success(page, "Grace Oduya is added.")
    expect(page.get_by_role("main")).to_contain_text("EX1 1AA")

    go(page, f"/staff/residents/{person.pk}/")
    expect(page.get_by_role("main")).to_contain_text(
        "Consent not recorded: do not deal with them yet"
    )
    follow(page, page.get_by_role("link", name="Record an agreed adjustment"))
    checked(page)
    submit(page, "Save")
    expect_errors(page, "Choose the adjustment", "Enter the review date")
    follow(page, page.get_by_role("link", name=f"Back to {person.name}"))
    follow(page, page.get_by_role("link", name="Record a restriction"))
    submit(page, "Save")
    expect_errors(page, "Enter what is restricted", "Enter the evidence")
    go(page, f"/staff/residents/{person.pk}/add/disability/")
    go(page, f"/staff/residents/{person.pk}/add/vulnerability/")
    go(page, f"/staff/residents/{person.pk}/add/representative/")
    go(page, f"/staff/residents/{person.pk}/edit/")
    go(page, f"/staff/residents/{person.pk}/")
    follow(page, page.get_by_role("link", name="Record consent for Jo Advocate"))
    checked(page)
    submit(page, "Save")
    expect_errors(page, "Choose what has changed")
    go(page, f"/staff/residents/{person.pk}/equality/")
    page.get_by_role("group", name="Age").get_by_label("31 to 50").check()
    submit(page, "Save")
    expect_success(page, "The equality data is saved.")

    go(page, "/staff/reviews/")
    expect(page.get_by_role("main")).to_contain_text("1 working day overdue")
    follow(page, page.get_by_role("link", name="Review Large print for Amina Okafor"))
    checked(page)
    submit(page, "Save review")
    expect_errors(page, "Choose what the review decided")
    page.get_by_role("group", name="What did the review decide?").get_by_label(
        "Keep it, with a new review date"
    ).check()
    submit(page, "Save review")
    expect_errors(page, "Enter the next review date")


def test_queue_templates_access_log_account_notes_and_refusals(page: Page, base_url: str) -> None:
    landlord = factories.landlord("Riverside Homes")
    admin = people.staff(landlord, Role.ADMINISTRATOR, first="Adam", last="Price")
    area = people.area(landlord, "Repairs and maintenance")
    for n in range(30):
        people.stage1_open(landlord, service_area=area, description=f"Complaint number {n}")
    c = people.logged(landlord, resident=people.resident(landlord))
    services.complaint_add_note(complaint=c, text="Rang the resident.", by=None)
    sign_in(page, base_url, admin)

    go(page, f"/staff/?service_area={area.pk}&overdue=on")
    expect(page.get_by_role("main")).to_contain_text("No records match.")
    go(page, "/staff/?page=2")
    expect(page.get_by_role("navigation", name="Pages of the work queue")).to_be_visible()

    go(page, f"/staff/cases/{c.reference}/")
    expect(page.get_by_role("heading", name="Who has read this case")).to_be_visible()
    follow(page, page.get_by_role("button", name="Add a note"))
    checked(page)
    submit(page, "Add note")
    expect_errors(page, "Enter the note")
    follow(page, page.get_by_role("link", name=f"Back to {c.reference}"))
    follow(page, page.get_by_role("button", name="Attach a file"))
    checked(page)
    page.get_by_label("Upload a file").set_input_files(
        files=[{"name": "tool.exe", "mimeType": "application/x-msdownload", "buffer": b"MZ"}]
    )
    submit(page, "Attach")
    expect_errors(page, "The file must be a PDF, image, Word document")
    page.get_by_label("Upload a file").set_input_files(
        files=[
            {"name": "photo.png", "mimeType": "image/png", "buffer": b"\x89PNG\r\n\x1a\n picture"}
        ]
    )
    submit(page, "Attach")
    expect_success(page, "photo.png attached.")
    follow(page, page.get_by_role("link", name="Correct this entry of").first)
    checked(page)
    submit(page, "Add correction")
    expect_errors(page, "Enter the correction")
    go(page, f"/staff/cases/{c.reference}/allocate/")
    go(page, f"/staff/cases/{c.reference}/triage/")
    response = page.goto(f"/staff/cases/{c.reference}/respond/")
    assert response is not None and response.status == 409
    expect(page.get_by_role("main")).to_contain_text("A stage must be open and acknowledged")
    checked(page)

    go(page, "/staff/letter-templates/")
    follow(page, page.get_by_role("link", name="Change the extension letter"))
    checked(page)
    page.get_by_label("Letter").fill("We need more time.")
    submit(page, "Save template")
    expect_errors(page, "does not include the new response date")

    go(page, "/staff/access-log/")
    expect(page.get_by_role("main")).to_contain_text(c.reference)
    go(page, "/staff/account/landlord/")
    go(page, "/staff/account/password/")
    submit(page, "Change password")
    expect_errors(page, "Enter your current password", "Enter a new password")

    viewer = people.staff(landlord, Role.VIEWER, first="Vera", last="Collins")
    sign_in(page, base_url, viewer)
    go(page, f"/staff/cases/{c.reference}/")
    expect(page.get_by_role("main")).to_contain_text(
        "You can read this case but your role cannot change it."
    )
    response = page.goto(f"/staff/cases/{c.reference}/triage/")
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot see this page")
    checked(page)
    follow(page, page.get_by_role("button", name="Sign out"))
    expect(page.get_by_role("main")).to_contain_text("You have signed out.")
    checked(page)
