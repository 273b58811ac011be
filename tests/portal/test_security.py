"""CSRF on every form, and no personal data in any address but the private link."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import get_resolver

from tests.letters import records
from tests.portal.helpers import PATHS, RESIDENT, answer
from tests.portal.support import follow

FORM_POSTS = [
    "/complain/",
    "/complain/name/",
    "/complain/files/",
    "/complain/check-answers/",
    "/track/",
    "/track/code/",
    "/track/code/new/",
    "/track/stop/",
    "/track/complaint/stage-2/",
    "/track/complaint/support/",
    "/track/complaint/feedback/",
]


@pytest.mark.parametrize("path", FORM_POSTS)
def test_every_form_needs_its_csrf_token(landlord, path):
    client = Client(enforce_csrf_checks=True)
    follow(client, records.stage2_responded(landlord))

    assert client.post(path, {}).status_code == 403


def test_the_pages_carry_the_csrf_token(landlord):
    client = Client(enforce_csrf_checks=True)
    page = client.get(PATHS["who"]).content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]

    response = client.post(PATHS["who"], {**RESIDENT["who"], "csrfmiddlewaretoken": token})

    assert response.status_code == 302


def test_only_the_private_link_carries_anything_in_its_address():
    """Every portal address is fixed, except the private link's token and a letter's number
    (which opens only for the session following that letter's complaint)."""
    resolver = get_resolver()
    routes = {}
    for top in resolver.url_patterns:
        if getattr(top, "namespace", None) in ("complain", "track"):
            for pattern in top.url_patterns:
                routes[f"{top.namespace}:{pattern.name}"] = str(pattern.pattern)
    with_parts = {name: route for name, route in routes.items() if "<" in route}

    assert with_parts == {
        "track:link": "link/<str:token>/",
        "track:letter": "complaint/letters/<int:letter_id>/",
    }


def test_answers_never_go_into_an_address(landlord, client):
    for step, data in RESIDENT.items():
        location = answer(client, step, data)["Location"]
        for value in data.values():
            if isinstance(value, str) and len(value) > 3:
                assert value not in location
