"""Ombudsman casework and learning in a real browser: an evidence request met by producing
the case file bundle; a determination with severe maladministration and two orders, one
complied with on evidence, the other still on the open-orders view; learning from a
complaint in the improvements register; and no axe-core violation on any page."""

from __future__ import annotations

import datetime as dt
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

from playwright.sync_api import Page, expect

from putright.landlords.models import Role
from tests import factories
from tests.e2e.conftest import assert_no_axe_violations
from tests.e2e.staff.helpers import sign_in as staff_sign_in
from tests.ombudsman.helpers import attach


def sign_in(page: Page, base_url: str, user) -> None:
    """Start a signed-in session for ``user`` as the sign-in page would (the password and,
    for an officer, the security code given): the staff journeys' own helper."""
    staff_sign_in(page, base_url, user)


def fill_date(page: Page, name: str, day: dt.date) -> None:
    page.locator(f"#id_{name}_day").fill(str(day.day))
    page.locator(f"#id_{name}_month").fill(str(day.month))
    page.locator(f"#id_{name}_year").fill(str(day.year))


def setting_up(base_url: str, page: Page):
    landlord = factories.landlord("Riverside Homes")
    officer = factories.user(
        "olivia", landlord=landlord, role=Role.OFFICER, first_name="Olivia", last_name="Grant"
    )
    complaint = factories.stage1_responded(landlord, amount=Decimal("250"))
    sign_in(page, base_url, officer)
    return landlord, officer, complaint


def open_case(page: Page, complaint, reference: str) -> None:
    page.goto("/staff/ombudsman/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Record a new Ombudsman case").click()
    page.get_by_label("The Ombudsman's reference").fill(reference)
    page.get_by_label("Our complaint reference (if we have one)").fill(complaint.reference)
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Record the case").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(reference)


def test_an_evidence_request_is_met_by_producing_the_bundle(
    today, page: Page, base_url: str, tmp_path: Path
):
    _, _, complaint = setting_up(base_url, page)
    attach(complaint, "damp-bedroom.png")
    open_case(page, complaint, "202412345")
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Record a contact from the Ombudsman").click()
    page.get_by_label("Evidence request").check()
    fill_date(page, "deadline", today + dt.timedelta(days=14))
    page.get_by_label("Details").fill("Send us the complaint file.")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Record the contact").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Evidence request")
    expect(page.get_by_text("Not yet")).to_be_visible()
    expect(page.get_by_label("Send the case file bundle (Code 5.12)")).to_be_checked()
    page.get_by_label("What we sent").fill("The case file, through the Ombudsman's portal.")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Record the reply").click()

    expect(page.get_by_role("alert")).to_contain_text(
        "Reply recorded: the case file bundle is kept with it."
    )
    expect(page.get_by_text(f"Met on {today:%-d %B %Y}")).to_be_visible()
    assert_no_axe_violations(page)
    with page.expect_download() as download:
        page.get_by_role("link", name=f"Download case-file-{complaint.reference}.zip").click()
    target = tmp_path / "bundle.zip"
    download.value.save_as(target)
    archive = zipfile.ZipFile(target)
    assert "attachments/001-damp-bedroom.png" in archive.namelist()
    record = tmp_path / "record.pdf"
    record.write_bytes(archive.read(archive.namelist()[0]))
    text = subprocess.run(
        ["pdftotext", str(record), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "damp-bedroom.png" in text
    assert "evidence request received (case 202412345)" in " ".join(text.split())

    # The same bundle from the button on its own page, for anyone who can see the case.
    page.goto(f"/staff/ombudsman/complaints/{complaint.reference}/bundle/")
    assert_no_axe_violations(page)
    with page.expect_download() as again:
        page.get_by_role("button", name="Download the case file bundle").click()
    assert again.value.suggested_filename == f"case-file-{complaint.reference}.zip"
    page.reload()
    expect(page.get_by_text("by Olivia Grant").first).to_be_visible()


def test_a_severe_determination_with_two_orders_one_complied_with(
    today, page: Page, base_url: str, tmp_path: Path
):
    _, _, complaint = setting_up(base_url, page)
    open_case(page, complaint, "202455555")

    page.get_by_role("link", name="Record a determination").click()
    page.locator("#id_findings-1-element").fill("The landlord's handling of the damp and mould")
    page.locator("#id_findings-1-finding").select_option(label="Severe maladministration")
    page.locator("#id_findings-2-element").fill("The landlord's complaint handling")
    page.locator("#id_findings-2-finding").select_option(label="Maladministration")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Record the determination").click()
    # Each element needs the Ombudsman's category: the annual report counts findings by it.
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Choose the Ombudsman's category of element 1")
    expect(summary).to_contain_text("Choose the Ombudsman's category of element 2")
    assert_no_axe_violations(page)
    page.locator("#id_findings-1-category").select_option(label="Damp and mould")
    page.locator("#id_findings-2-category").select_option(label="Complaint handling")
    page.get_by_role("button", name="Record the determination").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Add an order or recommendation")
    assert_no_axe_violations(page)
    page.get_by_label("An order").check()
    page.get_by_label("What it is for").select_option(label="Apology")
    page.get_by_label("What the Ombudsman said").fill("Apologise to the resident in writing.")
    fill_date(page, "due_on", today + dt.timedelta(days=28))
    page.get_by_label("Owner").fill("Director of Property")
    page.get_by_role("button", name="Add it and add another").click()
    expect(page.get_by_role("alert")).to_contain_text("Order: Apology added.")
    page.get_by_label("An order").check()
    page.get_by_label("What it is for").select_option(label="Compensation")
    page.get_by_label("What the Ombudsman said").fill("Pay £1,250 compensation.")
    page.get_by_label("Amount of compensation").fill("1250")
    fill_date(page, "due_on", today + dt.timedelta(days=28))
    page.get_by_label("Owner").fill("Finance")
    page.get_by_role("button", name="Add it", exact=True).click()
    expect(page.get_by_text("Severe maladministration").first).to_be_visible()

    page.get_by_role("link", name="Open orders").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Open Ombudsman orders and recommendations"
    )
    assert_no_axe_violations(page)
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.get_by_text("After severe maladministration")).to_have_count(2)
    page.get_by_role("link", name="Order: Apology").click()
    assert_no_axe_violations(page)
    page.get_by_label("Complied").check()
    page.get_by_label("Evidence of compliance").fill(
        "Apology letter sent on the day; copy sent to the Ombudsman."
    )
    evidence = tmp_path / "apology.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% apology letter\n")
    page.get_by_label("Evidence file (optional)").set_input_files(str(evidence))
    fill_date(page, "completed_on", today)
    page.get_by_role("button", name="Save progress").click()

    expect(page.get_by_role("alert")).to_contain_text("Order: Apology: complied.")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Order: Compensation £1,250")
    expect(rows.first).to_contain_text("After severe maladministration")
    assert_no_axe_violations(page)


def test_learning_from_a_complaint_appears_in_the_improvements_register(page: Page, base_url: str):
    _, _, complaint = setting_up(base_url, page)
    page.goto(f"/staff/learning/new/?complaint={complaint.reference}")
    assert_no_axe_violations(page)
    page.get_by_label("What went wrong").fill("The boiler repair waited six weeks for a part.")
    page.get_by_label("What we learned").fill("Parts for older boilers are not stocked.")
    page.get_by_label("The improvement").fill("Keep common boiler parts in van stock.")
    page.get_by_label("Owner").fill("Repairs manager")
    page.get_by_role("button", name="Record the learning").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Learning recorded in the improvements register."
    )
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Improvements").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Improvements register")
    row = page.locator("tbody tr").first
    expect(row).to_contain_text("Keep common boiler parts in van stock.")
    expect(row).to_contain_text(f"Complaint {complaint.reference}")
    expect(row).to_contain_text("Planned")
    assert_no_axe_violations(page)


def test_every_other_page_has_no_axe_violations(page: Page, base_url: str):
    landlord, _, complaint = setting_up(base_url, page)
    factories.complaint(landlord, description="I can smell gas and there is mould.")
    remedy = complaint.stage(1).remedies.get()
    for url, heading in (
        ("/staff/ombudsman/orders/", "Open Ombudsman orders and recommendations"),
        ("/staff/ombudsman/failure-orders/", "Complaint Handling Failure Orders"),
        ("/staff/ombudsman/failure-orders/new/", "Record a Complaint Handling Failure Order"),
        ("/staff/ombudsman/remedies/", "Putting things right"),
        (f"/staff/ombudsman/remedies/{remedy.pk}/", str(remedy)),
        ("/staff/learning/", "Improvements register"),
        ("/staff/learning/themes/", "Themes and trends"),
        ("/staff/learning/themes/?by=root_cause&months=24", "Themes and trends"),
        ("/staff/learning/hazards/", "Possible hazards to triage first"),
    ):
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_no_axe_violations(page)
    page.goto("/staff/ombudsman/failure-orders/new/")
    page.get_by_role("button", name="Record the order").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_no_axe_violations(page)


def test_the_pages_fit_a_320_pixel_screen(page: Page, base_url: str):
    setting_up(base_url, page)
    page.set_viewport_size({"width": 320, "height": 640})
    for url in ("/staff/ombudsman/", "/staff/learning/themes/"):
        page.goto(url)
        widths = page.evaluate(
            "({scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth})"
        )
        assert widths["scroll"] <= widths["client"], (url, widths)
