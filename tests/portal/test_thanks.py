"""'Say thank you': one short form on a landlord's public pages, at the root of a
one-landlord installation and under /l/<slug>/, that sends a compliment to that landlord."""

from __future__ import annotations

import pytest
from django.test import Client

from putright.compliments.models import Compliment
from putright.landlords.models import ServiceArea
from putright.rules.codes import Channel
from tests import factories


def test_at_the_root_of_one_landlord_a_thank_you_reaches_it(landlord, today):
    repairs = ServiceArea.objects.create(landlord=landlord, name="Repairs")
    client = Client()
    form = client.get("/thank-you/").content.decode()
    assert "Say thank you" in form
    assert "Repairs" in form and "I&#x27;m not sure" in form
    answer = client.post(
        "/thank-you/",
        {
            "words": "Dee fixed our boiler the same day.",
            "staff_named": "Dee",
            "service_area": str(repairs.pk),
            "giver_name": "",
            "giver_email": "",
        },
    )
    assert answer.status_code == 302 and answer["Location"] == "/thank-you/sent/"
    compliment = Compliment.objects.get()
    assert compliment.landlord == landlord
    assert (compliment.service_area, compliment.staff_named) == (repairs, "Dee")
    assert compliment.channel == Channel.WEB and compliment.received_on == today
    assert compliment.recorded_by is None and compliment.given_by == "Anonymous"
    sent = client.get("/thank-you/sent/")
    assert "We have your message" in sent.content.decode()
    assert client.get("/thank-you/sent/")["Location"] == "/thank-you/"  # shown once


@pytest.mark.django_db
def test_under_a_landlords_slug_it_reaches_that_landlord_and_not_another():
    brent = factories.landlord("Brent Council")
    first_wave = factories.landlord("First Wave Housing")
    client = Client()
    assert "Brent Council" in client.get("/l/brent-council/thank-you/").content.decode()
    answer = client.post(
        "/l/first-wave-housing/thank-you/",
        {"words": "Thank you for the new kitchen.", "service_area": "", "giver_name": "Ann"},
    )
    assert answer["Location"] == "/l/first-wave-housing/thank-you/sent/"
    assert Compliment.objects.get().landlord == first_wave
    assert not Compliment.objects.filter(landlord=brent).exists()
    # At the root of an installation of several, the resident chooses a landlord first.
    assert client.get("/thank-you/").status_code == 302


@pytest.mark.django_db
def test_another_landlords_service_area_is_not_offered_nor_taken():
    factories.landlord("Brent Council")
    other = factories.landlord("First Wave Housing")
    theirs = ServiceArea.objects.create(landlord=other, name="Their gardens")
    client = Client()
    assert "Their gardens" not in client.get("/l/brent-council/thank-you/").content.decode()
    page = client.post(
        "/l/brent-council/thank-you/", {"words": "Thanks.", "service_area": str(theirs.pk)}
    )
    assert page.status_code == 200
    assert "Choose one of the services listed" in page.content.decode()
    assert not Compliment.objects.exists()


def test_errors_are_summarised_and_what_was_typed_is_kept(landlord):
    page = Client().post(
        "/thank-you/", {"words": "", "staff_named": "Dee", "giver_email": "not-an-address"}
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert "<title>Error:" in text
    assert 'href="#words">Enter what you would like to say' in text
    assert "Enter an email address in the correct format, like name@example.com" in text
    assert 'value="Dee"' in text and 'value="not-an-address"' in text
    assert not Compliment.objects.exists()


def test_too_many_from_one_address_are_refused_keeping_the_words(landlord, settings):
    settings.PORTAL_RATE_LIMITS = {"compliment": (1, 3600)}
    client = Client()
    client.post("/thank-you/", {"words": "First thanks."})
    page = client.post("/thank-you/", {"words": "Second thanks."})
    text = page.content.decode()
    assert page.status_code == 200
    assert "You have sent too many thank-yous in a short time" in text
    assert "Second thanks." in text
    assert Compliment.objects.count() == 1
