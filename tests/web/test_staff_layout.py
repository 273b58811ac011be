"""One staff layout (issue 11, item 3): every staff-area page (the workspace, the Ombudsman,
learning, reports and the self-assessment) shows the same navigation and the signed-in
person's Sign out, from the one template that defines it."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import putright
from putright.landlords.models import Role
from tests import factories
from tests.staff import people

#: A page of each staff area, and the navigation item it has current.
AREA_PAGES = {
    "/staff/": "Work queue",
    "/staff/workload/": "Workload",
    "/staff/records/": "Requests and enquiries",
    "/staff/ombudsman/": "Ombudsman",
    "/staff/learning/": "Learning",
    "/staff/compliments/": "Compliments",
    "/staff/reports/": "Reports",
    "/staff/reports/self-assessment/": "Reports",
}
#: What a complaints officer reaches (an administrator also has the access log).
OFFICER_NAVIGATION = [
    ("/staff/", "Work queue"),
    ("/staff/workload/", "Workload"),
    ("/staff/records/", "Requests and enquiries"),
    ("/staff/log/", "Log a contact"),
    ("/staff/residents/", "Residents"),
    ("/staff/actions/", "Actions and remedies"),
    ("/staff/reviews/", "Reviews due"),
    ("/staff/letter-templates/", "Letter templates"),
    ("/staff/ombudsman/", "Ombudsman"),
    ("/staff/learning/", "Learning"),
    ("/staff/compliments/", "Compliments"),
    ("/staff/reports/", "Reports"),
]
PACKAGE = Path(putright.__file__).parent


class Landmarks(HTMLParser):
    """The links of the staff menu (and which is current), and the text and buttons of the
    account bar."""

    def __init__(self) -> None:
        super().__init__()
        self.nav: list[tuple[str, str]] = []
        self.current: list[str] = []
        self.account = ""
        self._in: str | None = None
        self._depth = 0
        self._link: dict[str, str | None] | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "nav" and found.get("aria-label") in ("Staff menu", "Your account"):
            self._in, self._depth = found["aria-label"], 0
        if tag == "nav" and self._in:
            self._depth += 1
        if tag == "a" and self._in == "Staff menu":
            self._link, self._text = found, ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link is not None:
            text = " ".join(self._text.split())
            self.nav.append((self._link.get("href") or "", text))
            if self._link.get("aria-current") == "page":
                self.current.append(text)
            self._link = None
        if tag == "nav" and self._in:
            self._depth -= 1
            if self._depth == 0:
                self._in = None

    def handle_data(self, data: str) -> None:
        if self._link is not None:
            self._text += data
        if self._in == "Your account":
            self.account += data


def landmarks(html: str) -> Landmarks:
    parser = Landmarks()
    parser.feed(html)
    return parser


@pytest.mark.django_db
def test_every_staff_area_page_shows_the_same_navigation_and_sign_out():
    landlord = factories.landlord()
    officer = people.staff(landlord, Role.OFFICER, first="Olu", last="Adeyemi")
    client = people.signed_in(officer)

    for url, current in AREA_PAGES.items():
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        page = landmarks(html)
        assert page.nav == OFFICER_NAVIGATION, url
        assert page.current == [current], url
        assert "Signed in as Olu Adeyemi, complaints officer" in " ".join(page.account.split())
        assert "Sign out" in page.account, url
        assert "Staff sign in" not in html, url


@pytest.mark.django_db
def test_the_navigation_follows_the_role_on_every_area_page():
    landlord = factories.landlord()
    viewer = people.signed_in(people.staff(landlord, Role.VIEWER))
    administrator = people.signed_in(people.staff(landlord, Role.ADMINISTRATOR))

    for url in ("/staff/", "/staff/reports/", "/staff/ombudsman/"):
        texts = [text for _, text in landmarks(viewer.get(url).content.decode()).nav]
        assert "Log a contact" not in texts and "Letter templates" not in texts, url
        assert "Reports" in texts, url
        admin_texts = [text for _, text in landmarks(administrator.get(url).content.decode()).nav]
        assert admin_texts[-2:] == ["Access log", "Settings"], url
        assert "Settings" not in texts, url


@pytest.mark.django_db
def test_a_page_refused_to_a_signed_in_person_still_offers_sign_out_not_sign_in():
    landlord = factories.landlord()
    contractor = people.contractor(landlord, "Fixit Ltd")
    handler = people.staff(landlord, Role.CONTRACTOR_HANDLER, contractor=contractor)

    response = people.signed_in(handler).get("/staff/ombudsman/")

    assert response.status_code == 403
    html = response.content.decode()
    assert "Sign out" in landmarks(html).account
    assert "Staff sign in" not in html


def templates() -> list[Path]:
    return sorted(PACKAGE.glob("*/templates/**/*.html"))


def test_only_the_web_staff_layout_defines_the_staff_navigation():
    defining = [
        path.relative_to(PACKAGE).as_posix()
        for path in templates()
        if re.search(r'aria-label="Staff menu"|govuk-service-navigation__list', path.read_text())
    ]
    assert defining == ["web/templates/web/staff_layout.html"]


def test_pages_extend_the_staff_layout_the_portal_base_or_are_public_web_pages():
    """Nothing else builds on the base page, so no other area can grow its own menu."""
    on_base = {
        path.relative_to(PACKAGE).as_posix()
        for path in templates()
        if re.search(r'{%\s*extends\s+"base.html"\s*%}', path.read_text())
    }
    assert on_base == {
        "web/templates/web/staff_layout.html",
        "portal/templates/portal/base.html",
        "web/templates/web/start.html",
        "web/templates/web/no_landlord.html",
        "web/templates/web/choose_landlord.html",
        "web/templates/403.html",
        "web/templates/404.html",
        "web/templates/500.html",
    }
