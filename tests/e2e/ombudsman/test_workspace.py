"""Issue 5 in the staff workspace, in a real browser with axe-core on every page: the
Ombudsman's deadlines and the safety words on the work queue; suggestions while a contact
is logged (htmx, and the "Suggest" button without JavaScript); the remedies guidance
beside an amount on the response form; and the case page's ways into Ombudsman casework
and learning."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import Browser, Page, expect

from putright.landlords.models import Landlord, Role, today
from putright.learning.suggestions import train
from putright.ombudsman import services as ombudsman_services
from putright.ombudsman.models import ContactKind
from tests import factories
from tests.e2e.conftest import assert_no_axe_violations
from tests.e2e.staff.helpers import follow, sign_in
from tests.learning.test_suggestions import generated_complaints
from tests.staff import people

MOULD = "There is black mould on the bedroom walls and my baby has asthma."


def officer_of(landlord: Landlord):
    return people.staff(landlord, Role.OFFICER, first="Olivia", last="Grant")


def with_evidence_request(landlord: Landlord):
    """A complaint answered at stage 1 a month ago, and the Ombudsman's evidence request
    about it, due in two working days."""
    received = today() - dt.timedelta(days=40)
    complaint = factories.stage1_responded(landlord, received_on=received)
    case = ombudsman_services.ombudsman_case_open(
        landlord=landlord, reference="202412345", opened_on=received, complaint=complaint, by=None
    )
    ombudsman_services.contact_record(
        case=case,
        kind=ContactKind.EVIDENCE_REQUEST,
        received_on=today(),
        deadline=landlord.calendar().add_working_days(today(), 2),
        details="Send the complaint file.",
        by=None,
    )
    return complaint, case


def test_the_queue_shows_ombudsman_deadlines_and_puts_safety_words_first_in_triage(
    today, page: Page, base_url: str
):
    landlord = factories.landlord("Riverside Homes")
    _, case = with_evidence_request(landlord)
    bins = people.logged(landlord, description="The bins were not emptied on Tuesday.")
    gas = people.logged(landlord, description="I can smell gas by the boiler.")
    sign_in(page, base_url, officer_of(landlord))

    page.goto("/staff/")
    panel = page.get_by_role("region", name="Housing Ombudsman deadlines")
    expect(panel).to_contain_text("due in 2 working days")
    expect(panel).to_contain_text("Evidence request")
    gas_row = page.locator("tbody tr", has_text=gas.reference)
    expect(gas_row).to_contain_text("Emergency hazard")
    expect(gas_row).to_contain_text("Gas or carbon monoxide")
    assert_no_axe_violations(page)

    page.get_by_label("Safety words: a hazard or a vulnerable household (1)").check()
    follow(page, page.get_by_role("button", name="Apply filters"))
    expect(page.get_by_role("status")).to_contain_text("Showing 1 of 1 record")
    expect(page.locator("tbody tr", has_text=bins.reference)).to_have_count(0)
    assert_no_axe_violations(page)

    page.goto("/staff/?state=received")
    # Each queue row's link to its case (an officer's rows start with a box to tick for
    # reassigning; the Ombudsman deadlines above the queue link to cases too).
    queue_rows = page.locator("tbody tr", has=page.locator("input[name='reference']"))
    references = queue_rows.locator("a[href^='/staff/cases/']")
    expect(references.first).to_have_text(gas.reference)
    expect(page.get_by_text("listed first, emergency hazards first")).to_be_visible()
    assert_no_axe_violations(page)

    page.goto("/staff/")
    follow(page, panel.get_by_role("link", name="202412345"))
    expect(page.get_by_role("heading", level=1)).to_have_text("202412345")
    assert page.url.endswith(f"/staff/ombudsman/cases/{case.pk}/")


def trained_landlord() -> Landlord:
    landlord = factories.landlord("Riverside Homes")
    generated_complaints(landlord, 200)
    Landlord.objects.filter(pk=landlord.pk).update(next_reference_number=100_000)
    train(landlord)
    return landlord


def test_suggestions_update_in_place_as_the_description_is_typed(page: Page, base_url: str):
    landlord = trained_landlord()
    sign_in(page, base_url, officer_of(landlord))
    page.goto("/staff/log/")
    assert_no_axe_violations(page)

    description = page.get_by_label("What the resident told us")
    description.fill(MOULD)
    description.press("End")  # a key let go: htmx asks for suggestions after a pause

    region = page.locator("#suggestions")
    expect(region).to_contain_text("Suggested from past complaints")
    expect(region).to_contain_text("of the time on past complaints")
    expect(region).to_contain_text("Possible hazard (Damp and mould, Vulnerable household)")
    expect(page.get_by_label("Service area")).to_have_value(
        str(landlord.service_areas.get(name="Repairs").pk)
    )
    expect(page.get_by_label("Theme")).to_have_value(
        str(landlord.themes.get(name="Damp and mould").pk)
    )
    expect(
        page.get_by_text("Suggested from past complaints: check it is right").first
    ).to_be_visible()
    assert_no_axe_violations(page)

    # The handler disagrees with the theme; more typing never overrides them.
    page.get_by_label("Theme").select_option(label="Repairs delay")
    description.fill(MOULD + " The damp patches keep coming back.")
    description.press("End")
    expect(region).to_contain_text("Suggested from past complaints")
    page.wait_for_timeout(1500)
    expect(page.get_by_label("Theme")).to_have_value(
        str(landlord.themes.get(name="Repairs delay").pk)
    )

    # The button works with JavaScript too: the whole page again, everything kept.
    follow(page, page.get_by_role("button", name="Suggest a service area and theme"))
    expect(description).to_have_value(MOULD + " The damp patches keep coming back.")
    expect(page.get_by_label("Theme")).to_have_value(
        str(landlord.themes.get(name="Repairs delay").pk)
    )
    assert_no_axe_violations(page)


def test_without_javascript_the_suggest_button_keeps_everything_typed(
    browser: Browser, base_url: str
):
    landlord = trained_landlord()
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    sign_in(page, base_url, officer_of(landlord))
    page.goto("/staff/log/")

    page.get_by_label("Complaint", exact=True).check()
    page.get_by_label("How did it come in?").select_option(label="Phone")
    page.get_by_label("What the resident told us").fill(MOULD)
    page.get_by_label("Resident's name").fill("Amina Okafor")
    follow(page, page.get_by_role("button", name="Suggest a service area and theme"))

    expect(page.get_by_label("What the resident told us")).to_have_value(MOULD)
    expect(page.get_by_label("Resident's name")).to_have_value("Amina Okafor")
    expect(page.locator("#suggestions")).to_contain_text("Suggested from past complaints")
    expect(page.get_by_label("Service area")).to_have_value(
        str(landlord.service_areas.get(name="Repairs").pk)
    )
    expect(page.locator(".govuk-error-summary")).to_have_count(0)
    # (axe-core runs in the page, so it cannot check a page without JavaScript: the same
    # page, shown by the same button, is checked in the test above.)

    follow(page, page.get_by_role("button", name="Log it"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("logged")
    context.close()


def test_the_response_form_shows_the_remedies_guidance_for_the_amount(page: Page, base_url: str):
    landlord = factories.landlord("Riverside Homes")
    handler = people.staff(landlord, Role.HANDLER, first="Hamza", last="Ali")
    complaint = people.stage1_open(landlord, handler=handler, acknowledge=True)
    sign_in(page, base_url, handler)
    page.goto(f"/staff/cases/{complaint.reference}/respond/")
    follow(page, page.get_by_role("button", name="Add a remedy"))
    guidance = page.locator("#remedies-0-guidance-region")
    expect(guidance).to_contain_text("Enter an amount to see which band")
    assert_no_axe_violations(page)

    page.get_by_label("Amount").fill("250")
    page.get_by_label("Amount").press("End")

    expect(guidance).to_contain_text("£250.00 is in the band for some impact (£100 to £600).")
    expect(guidance.get_by_text("This amount")).to_be_visible()
    assert_no_axe_violations(page)


def test_the_case_page_leads_to_the_bundle_the_ombudsman_case_and_learning(
    today, page: Page, base_url: str
):
    landlord = factories.landlord("Riverside Homes")
    complaint, _ = with_evidence_request(landlord)
    sign_in(page, base_url, officer_of(landlord))
    page.goto(f"/staff/cases/{complaint.reference}/")
    section = page.locator("#ombudsman")
    expect(section).to_be_visible()
    expect(page.get_by_role("link", name="Evidence request")).to_be_visible()
    assert_no_axe_violations(page)

    follow(page, page.get_by_role("link", name="Produce the case file bundle"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Case file bundle")
    page.go_back()

    follow(page, page.get_by_role("link", name="Record a new Ombudsman case for this complaint"))
    expect(page.get_by_label("Our complaint reference (if we have one)")).to_have_value(
        complaint.reference
    )
    page.go_back()

    follow(page, page.get_by_role("link", name="Record learning from this complaint"))
    page.get_by_label("What went wrong").fill("The boiler repair waited six weeks for a part.")
    page.get_by_label("What we learned").fill("Parts for older boilers are not stocked.")
    page.get_by_label("The improvement").fill("Keep common boiler parts in van stock.")
    page.get_by_label("Owner").fill("Repairs manager")
    follow(page, page.get_by_role("button", name="Record the learning"))

    page.goto(f"/staff/cases/{complaint.reference}/")
    expect(page.locator("#learning + table")).to_contain_text(
        "Keep common boiler parts in van stock."
    )
    assert_no_axe_violations(page)
