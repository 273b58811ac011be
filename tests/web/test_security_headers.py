"""The headers every response carries (issue 14, item 6): a strict Content-Security-Policy
on every HTML page, with no inline script or style anywhere in the templates;
``Cache-Control: no-store`` on staff pages, the API, the resident's pages and downloads;
and the Django admin's pages end an idle session like the staff workspace (item 7)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from django.test import Client

from putright.landlords.models import Role
from putright.web.access import SESSION_LAST_SEEN
from putright.web.csp import style_hashes
from tests import factories
from tests.staff import people

pytestmark = pytest.mark.django_db

PACKAGE = Path(__file__).resolve().parents[2] / "putright"

#: Self-contained documents, never served as a page of the app: a letter (its own CSP, below;
#: also an email's body), and the HTML rendered into PDFs or saved as downloads.
DOCUMENTS = {
    "letters/templates/letters/letter.html",
    "reports/templates/reports/print.html",
    "reports/templates/reports/standalone.html",
    "ombudsman/templates/ombudsman/bundle.html",
}


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


@pytest.mark.parametrize(
    "path", ["/", "/complain/", "/track/", "/staff/sign-in/", "/admin/login/", "/api/v1/docs"]
)
def test_every_page_has_a_strict_content_security_policy(path):
    policy = directives(Client().get(path))

    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["object-src"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_no_template_has_an_inline_script_or_style():
    """Every <script> loads a file (or holds JSON data, which runs nothing); no style=""
    attribute and no <style> element, so the policy needs no 'unsafe-inline'."""
    found = []
    for template in sorted(PACKAGE.glob("*/templates/**/*.html")):
        name = str(template.relative_to(PACKAGE))
        if name in DOCUMENTS:
            continue
        source = template.read_text()
        for tag in re.findall(r"<script\b[^>]*>", source):
            if "src=" not in tag and 'type="application/json"' not in tag:
                found.append(f"{name}: {tag}")
        if re.search(r"<style\b|\sstyle=", source):
            found.append(f"{name}: an inline style")
        if re.search(r"\son[a-z]+=|hx-on", source):
            found.append(f"{name}: an inline event handler")
    assert found == []


def test_the_letter_preview_lets_through_only_the_letters_own_style():
    landlord = factories.landlord()
    handler = people.staff(landlord, Role.HANDLER)
    c = people.stage1_open(landlord, handler=handler, acknowledge=True)

    page = people.signed_in(handler).get(
        f"/staff/cases/{c.reference}/letters/acknowledgement_stage1/"
    )

    hashes = style_hashes(page.context["preview"])
    assert len(hashes) == 1
    assert directives(page)["style-src"] == ["'self'", *hashes]
    assert "'unsafe-inline'" not in page["Content-Security-Policy"]


@pytest.mark.parametrize(
    "path",
    [
        "/staff/",
        "/staff/residents/",
        "/staff/reports/",
        "/staff/queue.csv",
        "/api/v1/",
        "/track/",
        "/complain/",
        "/admin/",
    ],
)
def test_staff_pages_api_answers_resident_pages_and_downloads_are_never_stored(path):
    landlord = factories.landlord()
    client = people.signed_in(
        factories.user(landlord=landlord, role=Role.ADMINISTRATOR, is_staff=True)
    )

    response = client.get(path)

    assert response.status_code in (200, 302), response.status_code
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_an_api_error_is_never_stored():
    response = Client().get("/api/v1/complaints")

    assert response.status_code == 401
    assert "no-store" in response["Cache-Control"]


def test_an_admin_session_idle_too_long_ends_and_the_sign_in_page_says_why(settings):
    settings.STAFF_IDLE_MINUTES = 30
    admin = factories.user(username="root", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin)
    assert client.get("/admin/").status_code == 200
    session = client.session
    session[SESSION_LAST_SEEN] = int(time.time()) - 31 * 60
    session.save()

    response = client.get("/admin/auth/user/")
    page = client.get(response["Location"])

    assert response.status_code == 302
    assert response["Location"] == "/staff/sign-in/?next=%2Fadmin%2Fauth%2Fuser%2F&expired=1"
    assert "You were signed out because your session ended" in page.content.decode()
    assert client.get("/admin/").status_code == 302


def test_an_admin_session_in_use_does_not_expire(settings):
    settings.STAFF_IDLE_MINUTES = 30
    admin = factories.user(username="root", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin)
    client.get("/admin/")
    session = client.session
    session[SESSION_LAST_SEEN] = int(time.time()) - 29 * 60
    session.save()

    assert client.get("/admin/auth/user/").status_code == 200
