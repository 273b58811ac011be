"""The resident's journeys through the portal, page by page, as a person would take them.

Every page reached is checked with axe-core (``check_page``), so a journey test covers each page
and state it passes through. The same steps work with and without JavaScript."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core import mail
from django.test import Client
from playwright.sync_api import Page, expect

from tests.e2e.conftest import assert_no_axe_violations


@dataclass(frozen=True)
class Complainant:
    """Who fills in the form, and what they say."""

    name: str = "Sam Okafor"
    email: str = "sam@example.com"
    phone: str = ""
    contact: str = "Email"
    address_line_1: str = "12 Mill Lane"
    town: str = "Manchester"
    postcode: str = "M1 1AA"
    what_happened: str = "Water has come through my kitchen ceiling since May. Nobody came."
    put_right: str = "Fix the leak and repaint the ceiling."
    support: tuple[str, ...] = ()
    interpreter_language: str = ""
    files: tuple[Path, ...] = ()
    # Someone complaining for the resident: their own name and how they know them.
    representative_name: str = ""
    representative_kind: str = ""


RESIDENT = Complainant()
REPRESENTATIVE = Complainant(
    name="Sam Okafor",
    email="ada@example.com",
    phone="07700 900982",
    contact="Phone call",
    representative_name="Ada Okafor",
    representative_kind="Family member or friend",
    support=("Letters in large print", "An interpreter"),
    interpreter_language="Yoruba",
)


def check_page(page: Page) -> None:
    """The page has one h1 and no accessibility violations, as the person sees it."""
    expect(page.locator("h1")).to_have_count(1)
    if page.evaluate("document.body.classList.contains('js-enabled')"):
        assert_no_axe_violations(page)
    else:
        assert_no_axe_violations_without_javascript(page)


def assert_no_axe_violations_without_javascript(page: Page) -> None:
    """axe-core needs JavaScript to run, and a page with JavaScript off cannot run it. So
    the page as rendered without JavaScript (its scripts removed, its styles kept) is
    checked in a second page that can."""
    html = re.sub(r"<script\b.*?</script>", "", page.content(), flags=re.S | re.I)
    html = html.replace("<head>", f'<head><base href="{page.url}">', 1)
    assert page.context.browser is not None
    context = page.context.browser.new_context()
    try:
        copy = context.new_page()
        copy.set_content(html, wait_until="load")
        assert not copy.evaluate("document.body.classList.contains('js-enabled')")
        assert_no_axe_violations(copy)
    finally:
        context.close()


def submit(page: Page, button: str) -> None:
    """Press a button (or a link that looks like one) and wait for the page it leads to."""
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()


def press_continue(page: Page) -> None:
    submit(page, "Continue")


def expect_heading(page: Page, text: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def make_complaint(
    page: Page,
    who: Complainant = RESIDENT,
    check: Callable[[Page], None] = check_page,
    start: str = "/complain/",
) -> str:
    """Fill in the whole form from ``start`` (a landlord's own is /l/<slug>/complain/) and
    send it; return the reference shown. ``check`` runs on every page reached (axe-core by
    default)."""
    page.goto(start)
    expect_heading(page, "Who is the complaint for?")
    check(page)
    someone_else = bool(who.representative_name)
    page.get_by_label("For someone else" if someone_else else "For me").check()
    press_continue(page)

    if someone_else:
        expect_heading(page, "About you")
        check(page)
        page.get_by_label("Your full name").fill(who.representative_name)
        page.get_by_label(who.representative_kind).check()
        press_continue(page)
        expect_heading(page, "What is the full name of the person you are complaining for?")
        check(page)
        page.get_by_label("What is the full name of the person you are complaining for?").fill(
            who.name
        )
    else:
        expect_heading(page, "What is your full name?")
        check(page)
        page.get_by_label("What is your full name?").fill(who.name)
    press_continue(page)

    expect_heading(page, "How would you like us to contact you about the complaint?")
    check(page)
    page.get_by_label(who.contact, exact=True).check()
    press_continue(page)

    expect_heading(page, "Your contact details")
    check(page)
    page.get_by_label("Email address").fill(who.email)
    page.get_by_label(re.compile(r"^Phone number")).fill(who.phone)
    press_continue(page)

    expect_heading(
        page,
        "What is the address of the person you are complaining for?"
        if someone_else
        else "What is your address?",
    )
    check(page)
    page.get_by_label("Address line 1").fill(who.address_line_1)
    page.get_by_label("Town or city").fill(who.town)
    page.get_by_label("Postcode").fill(who.postcode)
    press_continue(page)

    expect_heading(page, "What happened?")
    check(page)
    page.get_by_label("What happened?").fill(who.what_happened)
    press_continue(page)

    expect_heading(page, "What would you like us to do to put things right?")
    check(page)
    page.get_by_label("What would you like us to do to put things right?").fill(who.put_right)
    press_continue(page)

    check(page)
    for option in who.support:
        page.get_by_label(option, exact=True).check()
    if who.interpreter_language:
        page.get_by_label("Which language?").fill(who.interpreter_language)
    if not who.support:
        page.get_by_label(re.compile(r"^No, (I|they) do not need any support")).check()
    press_continue(page)

    expect_heading(page, "Upload photos or documents (optional)")
    check(page)
    for path in who.files:
        page.get_by_label("Add a file").set_input_files(path)
        submit(page, "Add file")
        expect(page.get_by_role("main")).to_contain_text(path.name)
        check(page)
    press_continue(page)

    expect_heading(page, "Check your answers before sending your complaint")
    check(page)
    main = page.get_by_role("main")
    expect(main).to_contain_text(who.name)
    expect(main).to_contain_text(who.email)
    expect(main).to_contain_text(who.what_happened)
    submit(page, "Send complaint")

    expect_heading(page, "Complaint sent")
    check(page)
    reference = page.locator(".govuk-panel__body strong").inner_text()
    assert re.fullmatch(r"CU-\d{6}", reference), reference
    return reference


def private_link_in(message: mail.EmailMessage) -> str:
    """The path of the private link in a confirmation email (under /l/<slug>/ when it was
    sent from a landlord's own address)."""
    found = re.search(r"(?:/l/[a-z0-9-]+)?/track/link/[A-Za-z0-9_-]+/", message.body)
    assert found, message.body
    return found.group(0)


def code_in(message: mail.EmailMessage) -> str:
    found = re.search(r"\b(\d{6})\b", message.body)
    assert found, message.body
    return found.group(1)


def latest_email_to(address: str) -> mail.EmailMessage:
    """The last email the live server sent to ``address`` (locmem backend, same process)."""
    matching = [m for m in mail.outbox if address in m.to]
    assert matching, f"no email to {address}: {[m.to for m in mail.outbox]}"
    return matching[-1]


def find_by_reference(
    page: Page,
    reference: str,
    email: str,
    check: Callable[[Page], None] = check_page,
    start: str = "/track/",
) -> None:
    """Ask for a code with the reference and email address at ``start`` (a landlord's own
    is /l/<slug>/track/); end on the code page."""
    page.goto(start)
    expect_heading(page, "Check a complaint")
    check(page)
    page.get_by_label("Complaint reference").fill(reference)
    page.get_by_label("Email address").fill(email)
    submit(page, "Send me a code")
    expect_heading(page, "Check your email")
    check(page)


def enter_code(page: Page, code: str) -> None:
    page.get_by_label("Enter the 6-digit code").fill(code)
    press_continue(page)


def sign_in_as_staff(page: Page, base_url: str, user: object) -> None:
    """Give the browser a signed-in staff session made on the server."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base_url,
            }
        ]
    )
