"""The languages of the resident pages, a landlord setting (issue 17, item 5): only an
administrator changes it, each change on the settings audit log, and the portal offers
what it says."""

from __future__ import annotations

import pytest

from putright.landlords.models import Role, SettingsChange
from putright.landlords.services import landlord_languages_set
from putright.rules.lifecycle import RuleError
from tests import factories
from tests.staff.people import signed_in, staff

pytestmark = pytest.mark.django_db

URL = "/staff/settings/languages/"


@pytest.fixture
def landlord():
    return factories.landlord("Riverside Homes")


def test_an_administrator_turns_welsh_on_and_the_audit_log_says_so(client, landlord):
    admin = staff(landlord, Role.ADMINISTRATOR, first="Ada", last="Admin")

    response = signed_in(admin).post(URL, {"languages": ["cy"]})

    assert response.status_code == 302
    landlord.refresh_from_db()
    assert landlord.portal_language_codes == ["cy"]
    change = SettingsChange.objects.get(landlord=landlord)
    assert (change.section, change.summary, change.by) == (
        "languages",
        "The resident pages are now in English and Welsh: portal languages",
        admin,
    )
    assert change.changes == {"portal_languages": {"old": "", "new": "cy"}}
    assert 'hreflang="cy"' in client.get("/complain/").content.decode()


def test_turning_every_language_off_leaves_english_alone(landlord):
    admin = staff(landlord, Role.ADMINISTRATOR)
    landlord_languages_set(landlord=landlord, languages=["cy"], by=admin)

    signed_in(admin).post(URL, {})

    landlord.refresh_from_db()
    assert landlord.portal_languages == ""


def test_a_language_putright_has_no_translation_into_is_refused(landlord):
    admin = staff(landlord, Role.ADMINISTRATOR)

    with pytest.raises(RuleError) as refused:
        landlord_languages_set(landlord=landlord, languages=["fr"], by=admin)

    assert refused.value.problems == {
        "languages": "Putright has no translation into fr: choose from Welsh"
    }


def test_a_handler_cannot_change_the_languages(landlord):
    handler = staff(landlord, Role.HANDLER)

    response = signed_in(handler).post(URL, {"languages": ["cy"]})

    assert response.status_code == 403
    landlord.refresh_from_db()
    assert landlord.portal_languages == ""
