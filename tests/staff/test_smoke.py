"""Every staff page answers for an officer, in each state a case passes through."""

from __future__ import annotations

import pytest

from putright.landlords.models import Role
from tests import factories
from tests.staff import people

pytestmark = pytest.mark.django_db


def test_every_page_answers_for_an_officer():
    landlord = factories.landlord()
    officer = people.staff(landlord, Role.OFFICER)
    handler = people.staff(landlord, Role.HANDLER)
    person = people.resident(landlord)
    c = people.stage1_open(landlord, handler=handler, resident=person, acknowledge=True)
    client = people.signed_in(officer)
    urls = [
        "/staff/",
        "/staff/?scope=mine",
        "/staff/?state=any&q=boiler",
        f"/staff/cases/{c.reference}/",
        f"/staff/cases/{c.reference}/define/",
        f"/staff/cases/{c.reference}/allocate/",
        f"/staff/cases/{c.reference}/extend/",
        f"/staff/cases/{c.reference}/respond/",
        f"/staff/cases/{c.reference}/withdraw/",
        f"/staff/cases/{c.reference}/add_note/",
        f"/staff/cases/{c.reference}/attach/",
        f"/staff/cases/{c.reference}/letters/acknowledgement_stage1/",
        "/staff/log/",
        f"/staff/log/?resident={person.pk}",
        "/staff/residents/",
        "/staff/residents/new/",
        f"/staff/residents/{person.pk}/",
        f"/staff/residents/{person.pk}/edit/",
        f"/staff/residents/{person.pk}/equality/",
        f"/staff/residents/{person.pk}/add/adjustment/",
        f"/staff/residents/{person.pk}/add/restriction/",
        f"/staff/residents/{person.pk}/add/representative/",
        "/staff/actions/",
        "/staff/reviews/",
        "/staff/letter-templates/",
        "/staff/letter-templates/stage1_response/",
        "/staff/account/password/",
        "/staff/account/landlord/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
