"""The settings page for the Member Responsible for Complaints (Code 9.7, 9.8)."""

from __future__ import annotations

import html
import re

import pytest

from putright.landlords.models import Role, SettingsChange
from tests import factories
from tests.staff.people import signed_in, staff

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", response.content.decode()))


def test_an_administrator_records_the_mrc_and_what_is_copied_to_them():
    landlord = factories.landlord("Riverside Homes")
    client = signed_in(staff(landlord, Role.ADMINISTRATOR))
    page = _text(client.get("/staff/settings/mrc/"))
    assert '<h1 class="govuk-heading-l">Member Responsible for Complaints</h1>' in page
    assert 'href="/staff/settings/mrc/" aria-current="page">Member Responsible' in page
    response = client.post(
        "/staff/settings/mrc/",
        {"mrc_name": "Councillor Jane Smith", "mrc_email": "jane.smith@council.example",
         "mrc_copy_upheld": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == "/staff/settings/mrc/"
    landlord.refresh_from_db()
    assert (landlord.mrc_name, landlord.mrc_email, landlord.mrc_copy_upheld) == (
        "Councillor Jane Smith",
        "jane.smith@council.example",
        True,
    )
    assert SettingsChange.objects.get().section == "mrc"
    page = _text(client.get("/staff/settings/mrc/"))
    assert 'value="jane.smith@council.example"' in page
    assert re.search(r'<input[^>]*name="mrc_copy_upheld"[^>]*checked', page)


def test_a_name_without_an_email_is_refused_and_what_was_typed_is_kept():
    landlord = factories.landlord("Riverside Homes")
    client = signed_in(staff(landlord, Role.ADMINISTRATOR))
    response = client.post("/staff/settings/mrc/", {"mrc_name": "Councillor Jane Smith"})
    page = _text(response)
    assert response.status_code == 200
    assert "Enter the email address of the Member Responsible for Complaints" in page
    assert 'value="Councillor Jane Smith"' in page
    assert not SettingsChange.objects.exists()


def test_an_officer_is_refused_the_mrc_settings():
    landlord = factories.landlord("Riverside Homes")
    response = signed_in(staff(landlord, Role.OFFICER)).get("/staff/settings/mrc/")
    assert response.status_code == 403
