"""What the staff journeys share: signing in, reading an issued letter, and checking the
page with axe-core as it goes."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.test import Client
from playwright.sync_api import Locator, Page, expect

from putright.letters.models import Letter
from tests.e2e.conftest import assert_no_axe_violations

PASSWORD = "a-long-test-password"


def sign_in(page: Page, base_url: str, user) -> None:
    """Start signed in as ``user``: a session made on the server, its cookie given to the
    browser (signing in through the page has its own journey)."""
    client = Client()
    client.force_login(user)
    assert client.session.get(SESSION_KEY)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base_url,
            }
        ]
    )


def checked(page: Page) -> None:
    """No accessibility violation on the page as it stands."""
    assert_no_axe_violations(page)


def go(page: Page, path: str) -> None:
    response = page.goto(path)
    assert response is not None and response.status == 200, (path, response and response.status)
    checked(page)


def submit(page: Page, name: str) -> None:
    """Press a form's button and wait for the page it leads to."""
    follow(page, page.get_by_role("button", name=name, exact=True))


def follow(page: Page, target: Locator) -> None:
    """Click a link (or a button) and wait for the next page to load, so that what is
    checked next is that page."""
    with page.expect_navigation():
        target.click()


def expect_success(page: Page, text: str) -> None:
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(text)
    checked(page)


def expect_errors(page: Page, *messages: str) -> None:
    """The error summary lists each message, the title starts "Error:", and the page
    (with its errors) has no accessibility violation."""
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    for message in messages:
        expect(summary).to_contain_text(message)
    assert page.title().startswith("Error: "), page.title()
    checked(page)


def letter_pdf_text(page: Page, base_url: str, letter: Letter) -> str:
    """The issued letter's PDF, fetched as the signed-in member of staff, as text."""
    url = f"/staff/cases/{letter.complaint.reference}/issued-letters/{letter.pk}.pdf"
    response = page.request.get(base_url + url)
    assert response.status == 200, response.status
    assert response.headers["content-type"] == "application/pdf"
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "letter.pdf"
        pdf.write_bytes(response.body())
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
    return " ".join(text.split())


def long_date(day) -> str:
    return f"{day.day} {day:%B %Y}"
