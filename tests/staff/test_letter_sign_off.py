"""The letter editor shows how the letter is signed (issue 12, item 10): under the text, the
sign-off with the name of the person writing it, who will send it, so nobody signs it a
second time in the text; the preview is signed the same way."""

from __future__ import annotations

import html as htmllib

import pytest

from putright.landlords.models import Role
from tests import factories
from tests.staff import people

pytestmark = pytest.mark.django_db


def test_the_editor_shows_the_sign_off_of_the_person_who_will_send_the_letter():
    landlord = factories.landlord("Riverside Homes")
    handler = people.staff(landlord, Role.HANDLER, first="Priya", last="Shah")
    officer = people.staff(landlord, Role.OFFICER, first="Sam", last="Patel")
    case = people.stage1_open(
        landlord, handler=handler, acknowledge=True, resident=people.resident(landlord)
    )

    response = people.signed_in(officer).get(
        f"/staff/cases/{case.reference}/letters/acknowledgement_stage1/"
    )
    page = htmllib.unescape(response.content.decode())
    at = page.index('id="sign-off"')
    sign_off = page[at : page.index("</div>", at)]
    preview = htmllib.unescape(response.context["preview"])

    assert page.index('name="body_text"') < at < page.index('value="preview"')
    assert "do not sign it above" in sign_off
    assert "Yours sincerely<br>Sam Patel<br>Riverside Homes" in sign_off
    assert "Priya Shah" not in sign_off
    assert "Sam Patel<br>Riverside Homes" in preview
    assert "Priya Shah" not in preview[preview.index('class="sign-off"') :]
