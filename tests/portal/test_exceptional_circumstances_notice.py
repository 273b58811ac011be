"""Code 8.5: the landlord's notice of exceptional circumstances is on its public pages (the
start page, at the root and under /l/<slug>/, and the tracking pages) until withdrawn."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from putright.landlords.models import today
from putright.ombudsman.services import (
    exceptional_circumstances_record,
    exceptional_circumstances_withdraw,
)
from tests import factories
from tests.portal.support import follow, received_today

pytestmark = pytest.mark.django_db

WHAT = "A cyber attack took our case management system offline."
BANNER = "We may take longer than usual to deal with complaints"


def _notice(landlord):
    return exceptional_circumstances_record(
        landlord=landlord,
        what_happened=WHAT,
        started_on=today() - dt.timedelta(days=7),
        back_to_compliance="We expect to be back to normal by 31 December 2026.",
        by=None,
    )


def _text(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def test_the_start_page_shows_the_notice_at_the_root_and_under_the_slug(landlord, client):
    assert BANNER not in _text(client, "/")
    _notice(landlord)
    for path in ("/", f"/l/{landlord.slug}/"):
        page = _text(client, path)
        assert BANNER in page
        assert WHAT in page
        assert f"since {today() - dt.timedelta(days=7):%-d %B %Y}" in page
        assert "by 31 December 2026" in page


def test_the_notice_is_only_on_its_own_landlords_pages(landlord, client):
    other = factories.landlord("Hillside Housing")
    _notice(other)
    assert BANNER not in _text(client, f"/l/{landlord.slug}/")
    assert BANNER in _text(client, f"/l/{other.slug}/")


def test_a_withdrawn_notice_comes_off_the_public_pages(today, landlord, client):
    notice = _notice(landlord)
    exceptional_circumstances_withdraw(notice=notice, withdrawn_on=today, by=None)
    assert BANNER not in _text(client, "/")
    assert BANNER not in _text(client, "/track/")


def test_the_tracking_pages_show_the_notice(landlord, client):
    complaint = received_today(landlord)
    _notice(landlord)
    assert BANNER in _text(client, "/track/")
    follow(client, complaint)
    assert WHAT in _text(client, "/track/complaint/")
