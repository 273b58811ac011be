"""The letter page puts the resident first (issue 12, item 8): the letter goes the way they
prefer, the page says to call or text first when that is what they prefer, and it shows
their adjustments and representative before anything is sent. And the update letter,
written from the case page at any time (item 7)."""

from __future__ import annotations

import html as htmllib

import pytest

from putright.landlords.models import Role
from putright.letters.models import Letter
from putright.residents.models import ReasonableAdjustment, Representative
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


def _case(landlord, handler, **resident_fields):
    person = people.resident(landlord, **resident_fields)
    return people.stage1_open(landlord, handler=handler, acknowledge=True, resident=person)


def _letter_page(client, c, kind="acknowledgement_stage1"):
    return client.get(f"/staff/cases/{c.reference}/letters/{kind}/")


@pytest.mark.parametrize(
    ("preference", "email", "delivery", "advice"),
    [
        (
            "phone",
            "amina@example.org",
            "email",
            "The resident prefers a phone call: call first, then send this letter.",
        ),
        (
            "text",
            "",
            "post",
            "The resident prefers a text message: text them first, then send this letter.",
        ),
        ("letter", "amina@example.org", "post", None),
        ("email", "amina@example.org", "email", None),
        (
            "email",
            "",
            "post",
            "The resident prefers email, but there is no email address on record",
        ),
        ("", "amina@example.org", "email", None),
    ],
)
def test_the_letter_goes_the_way_the_resident_prefers(
    landlord, handler, preference, email, delivery, advice
):
    c = _case(landlord, handler, contact_preference=preference, email=email)

    response = _letter_page(people.signed_in(handler), c)

    assert response.context["form"].initial["delivery"] == delivery
    page = text(response)
    if advice:
        assert advice in page
    else:
        assert 'id="contact-first"' not in page


def test_phone_calls_instead_of_letters_as_an_adjustment_means_call_first(today, landlord, handler):
    c = _case(landlord, handler)
    ReasonableAdjustment.objects.create(
        resident=c.resident,
        kind=ReasonableAdjustment.Kind.PHONE_NOT_LETTERS,
        agreed_on=today,
        review_due_on=today,
    )

    page = text(_letter_page(people.signed_in(handler), c))

    assert "phone calls instead of letters (an agreed adjustment): call first" in page


def test_the_adjustments_and_representative_are_shown_before_sending(today, landlord, handler):
    c = _case(landlord, handler, contact_preference="letter")
    ReasonableAdjustment.objects.create(
        resident=c.resident,
        kind=ReasonableAdjustment.Kind.LARGE_PRINT,
        details="At least 18 point",
        agreed_on=today,
        review_due_on=today,
    )
    rep = Representative.objects.create(
        resident=c.resident,
        name="Grace Okafor",
        kind="family",
        email="grace@example.org",
        consent_given_on=today,
    )
    c.representative = rep
    c.save(update_fields=["representative"])

    response = _letter_page(people.signed_in(handler), c)

    page = text(response)
    assert "Who it is for" in page
    assert "Prefers" in page and "Letter" in page
    assert "Large print: At least 18 point" in page
    assert "Grace Okafor (family member or friend)." in page
    assert "Emailed letters go to them at grace@example.org." in page
    assert response.context["form"].initial["large_print"] is True
    assert page.index("Who it is for") < page.index("Issue the letter")


def test_no_adjustments_and_no_representative_say_so(landlord, handler):
    c = _case(landlord, handler)

    page = text(_letter_page(people.signed_in(handler), c))

    assert "None agreed" in page
    assert "No preference recorded" in page


def test_an_update_letter_is_written_from_the_case_and_issued_by_post(landlord, handler):
    c = _case(landlord, handler)
    client = people.signed_in(handler)

    case_page = text(client.get(f"/staff/cases/{c.reference}/"))
    form = _letter_page(client, c, "update")
    draft = form.context["form"].initial
    issued = client.post(
        f"/staff/cases/{c.reference}/letters/update/",
        {
            "version": draft["version"],
            "subject": "The engineer is booked",
            "body_text": draft["body_text"] + "\n\nThe engineer will come on Friday morning.",
            "delivery": "post",
            "action": "issue",
        },
        follow=True,
    )

    assert "Write the update letter" in case_page
    due = c.stage(1).response_due_extended
    assert f"We will send you our stage 1 response by {due.day} {due:%B %Y}." in draft["body_text"]
    assert (
        "The letter has everything it must include: the date the resident will have the response."
        in text(form)
    )
    letter = Letter.objects.get(complaint=c)
    assert (letter.kind, letter.delivery, letter.subject) == (
        "update",
        "post",
        "The engineer is booked",
    )
    assert "The engineer will come on Friday morning." in letter.body_text
    assert "The update letter is issued" in text(issued)
