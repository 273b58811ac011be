"""The letter page shows the accessible formats the resident needs before the letter is
issued, holds it until staff say how each is met, and records it (issue 17, item 5)."""

from __future__ import annotations

import html as htmllib

import pytest

from putright.complaints.models import Event, EventKind
from putright.landlords.models import Role
from putright.letters.models import Letter
from putright.residents.models import ReasonableAdjustment
from tests import factories
from tests.staff import people

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return htmllib.unescape(response.content.decode())


@pytest.fixture
def landlord():
    return factories.landlord(phone="01632 960 001", address="1 Quay Street\nExampleton")


@pytest.fixture
def handler(landlord):
    return people.staff(landlord, Role.HANDLER, first="Priya", last="Shah")


@pytest.fixture
def case(today, landlord, handler):
    person = people.resident(landlord, contact_preference="letter")
    c = people.stage1_open(landlord, handler=handler, acknowledge=True, resident=person)
    for kind, details in (("braille", ""), ("language", "Arabic")):
        ReasonableAdjustment.objects.create(
            resident=person, kind=kind, details=details, agreed_on=today, review_due_on=today
        )
    return c


URL = "/staff/cases/{}/letters/acknowledgement_stage1/"


def test_the_page_says_what_the_resident_needs_before_the_letter_goes(case, handler):
    page = text(people.signed_in(handler).get(URL.format(case.reference)))

    assert "The resident needs Braille and A language other than English: Arabic." in page
    assert "How does this letter meet their need: Braille?" in page
    assert page.index('id="format-needs"') < page.index("Issue the letter")


def test_issuing_without_saying_how_is_refused_on_the_field(case, handler):
    client = people.signed_in(handler)
    draft = client.get(URL.format(case.reference)).context["form"].initial
    form = {
        "version": draft["version"],
        "subject": draft["subject"],
        "body_text": draft["body_text"],
        "delivery": "post",
        "action": "issue",
        "format_braille": "Braille copy from the transcription service, posted with it.",
    }

    refused = client.post(URL.format(case.reference), form)

    assert refused.context["form"].errors["format_language"] == [
        "The resident needs A language other than English: Arabic: say how you are meeting "
        "this need for this letter."
    ]
    assert not Letter.objects.filter(complaint=case).exists()

    form["format_language"] = "Translated into Arabic and posted with the English letter."
    client.post(URL.format(case.reference), form)

    assert Letter.objects.filter(complaint=case).count() == 1
    assert list(
        Event.objects.filter(complaint=case, kind=EventKind.FORMAT_MET)
        .order_by("id")
        .values_list("detail__how", flat=True)
    ) == [
        "Braille copy from the transcription service, posted with it.",
        "Translated into Arabic and posted with the English letter.",
    ]
