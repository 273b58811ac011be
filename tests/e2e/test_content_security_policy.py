"""The Content-Security-Policy refuses nothing the app's own pages need (issue 14, items 6
and 10): the main staff, report, portal and API documentation pages load and run in
chromium without a single violation, as the browser reports them both as events and on
its console, and the API documentation draws itself from our own static files."""

from __future__ import annotations

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from putright.landlords.models import Role, today
from tests import factories
from tests.e2e.conftest import assert_no_axe_violations
from tests.e2e.portal.journey import RESIDENT, latest_email_to, make_complaint, private_link_in
from tests.e2e.staff.helpers import sign_in
from tests.staff import people

# Every frame of the page, the letter preview's srcdoc frame too, records each violation.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} refused ${event.blockedURI || "inline"} in ${event.sourceFile || document.URL}`
  );
});
"""


@pytest.fixture
def watched(page: Page) -> Page:
    """The page, recording every CSP violation (events and console errors)."""
    console: list[str] = []

    def heard(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            console.append(message.text)

    page.add_init_script(RECORD_VIOLATIONS)
    page.on("console", heard)
    page.csp_console = console  # type: ignore[attr-defined]
    return page


def assert_no_csp_violations(page: Page) -> None:
    """Nothing refused in the page or any frame of it, and the page meets WCAG (axe-core)."""
    refused = [*page.csp_console]  # type: ignore[attr-defined]
    for frame in page.frames:
        refused += frame.evaluate("window.__cspViolations || []")
    assert refused == [], f"{page.url}: {refused}"
    assert page.evaluate("document.body.classList.contains('govuk-frontend-supported')")


def visit(page: Page, path: str) -> None:
    response = page.goto(path)
    assert response is not None and response.status == 200, (path, response and response.status)
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    assert_no_csp_violations(page)
    assert_no_axe_violations(page)


def test_the_staff_and_report_pages_run_under_the_policy(watched: Page, base_url: str) -> None:
    landlord = factories.landlord("Riverside Homes")
    officer = people.staff(landlord, Role.OFFICER, first="Olivia", last="Grant")
    complaint = people.stage1_open(
        landlord, handler=officer, acknowledge=True, resident=people.resident(landlord)
    )
    case = f"/staff/cases/{complaint.reference}/"
    sign_in(watched, base_url, officer)

    year = today().year if today().month > 3 else today().year - 1
    for path in [
        "/staff/",
        case,
        "/staff/log/",
        f"{case}respond/",
        "/staff/workload/",
        "/staff/reports/",
        f"/staff/reports/annual/{year}/",
        f"{case}letters/acknowledgement_stage1/",
    ]:
        visit(watched, path)
    # The letter preview's own <style> is let through by its hash: the letter is styled.
    letter = watched.frame_locator("iframe.putright-letter-preview").locator("html")
    expect(letter).to_have_css("font-family", '"Liberation Sans", Arial, Helvetica, sans-serif')


def test_the_resident_pages_run_under_the_policy(watched: Page, landlord_for_portal) -> None:
    def check(page: Page) -> None:
        page.wait_for_load_state("networkidle")
        assert_no_csp_violations(page)
        assert_no_axe_violations(page)

    visit(watched, "/")
    make_complaint(watched, check=check)
    visit(watched, private_link_in(latest_email_to(RESIDENT.email)).rstrip("/") + "/")
    expect(watched.get_by_role("heading", level=1)).to_have_text("Your complaint")


def test_the_api_documentation_draws_itself_from_our_own_files(watched: Page) -> None:
    """Swagger UI's own markup is not checked with axe-core here: it has contrast, heading
    order and nested-control problems of its own (docs/security.md)."""
    requested: list[str] = []
    watched.on("request", lambda request: requested.append(request.url))

    response = watched.goto("/api/v1/docs")

    assert response is not None and response.status == 200
    # Swagger UI draws the page from the schema, which takes a while on a busy machine.
    title = watched.locator(".swagger-ui .info .title")
    expect(title).to_contain_text("Putright API", timeout=30_000)
    expect(watched.locator(".opblock-summary-path").first).to_be_visible()
    assert_no_csp_violations_in_docs(watched)
    base = watched.url.split("/api/")[0]
    assert [url for url in requested if not url.startswith(base)] == []


def assert_no_csp_violations_in_docs(page: Page) -> None:
    refused = [*page.csp_console]  # type: ignore[attr-defined]
    refused += page.evaluate("window.__cspViolations || []")
    assert refused == [], refused


@pytest.fixture
def landlord_for_portal():
    return factories.landlord(
        "Riverside Homes",
        phone="0161 496 0000",
        email="complaints@riverside.example",
        address="1 River Street\nManchester\nM1 1AA",
    )
