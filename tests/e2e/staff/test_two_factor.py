"""The second factor in a real browser (issue 14): an officer signs in with the password,
sets up an authenticator app from the key on the page, is shown the recovery codes, and
next time gives the app's code; each page, with its errors showing, checked with axe-core."""

from __future__ import annotations

import base64

from django_otp.oath import TOTP
from playwright.sync_api import Page, expect

from putright.landlords.models import Role
from tests import factories
from tests.e2e.staff.helpers import PASSWORD, checked, expect_errors, submit
from tests.e2e.test_content_security_policy import RECORD_VIOLATIONS, assert_no_csp_violations
from tests.staff import people


def app_code(key_text: str, steps_ahead: int = 0) -> str:
    """What an authenticator app given ``key_text`` (as the page shows it) shows now."""
    totp = TOTP(base64.b32decode(key_text.replace(" ", "")), step=30, t0=0, digits=6)
    totp.time += steps_ahead * 30
    return f"{totp.token():06d}"


def sign_in_with_password(page: Page, user) -> None:
    page.goto("/staff/sign-in/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    submit(page, "Sign in")


def test_an_officer_sets_up_an_app_then_signs_in_with_its_code(
    page: Page, base_url: str, settings
) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # a right code straight after a wrong one
    officer = people.staff(factories.landlord("Riverside Homes"), Role.OFFICER)
    # The QR code is drawn inline: the Content-Security-Policy must refuse nothing on it.
    page.add_init_script(RECORD_VIOLATIONS)
    page.csp_console = []  # type: ignore[attr-defined]
    page.on(
        "console", lambda m: "Content Security Policy" in m.text and page.csp_console.append(m.text)
    )

    sign_in_with_password(page, officer)
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up an authenticator app")
    assert_no_csp_violations(page)
    expect(
        page.get_by_role("img", name="QR code to scan with your authenticator app")
    ).to_be_visible()
    checked(page)
    key_text = page.locator("#setup-key").inner_text()
    page.get_by_label("Enter the 6-digit code your app shows").fill("12345")
    submit(page, "Set up the app")
    expect_errors(page, "The code must be 6 digits, like 123456")
    page.get_by_label("Enter the 6-digit code your app shows").fill(app_code(key_text))
    submit(page, "Set up the app")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your authenticator app is set up")
    expect(page.locator(".putright-recovery-codes li")).to_have_count(10)
    checked(page)
    submit(page, "Continue")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Work queue")

    submit(page, "Sign out")
    sign_in_with_password(page, officer)
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your security code")
    expect(page.get_by_label("Security code")).to_have_attribute("autocomplete", "one-time-code")
    assert_no_csp_violations(page)
    checked(page)
    page.get_by_label("Security code").fill(app_code(key_text, steps_ahead=8))
    submit(page, "Continue")
    expect_errors(page, "The code is not right.")
    page.get_by_label("Security code").fill(app_code(key_text, steps_ahead=1))
    submit(page, "Continue")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Work queue")
