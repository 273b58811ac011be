"""The publications page (Code 8.2): at /publications/ in an installation of one landlord
and at /l/<slug>/publications/ in one of several, each landlord's published annual reports
and self-assessments, previous years too, the files served from storage as frozen with
their content type and hash, superseded versions marked; never another landlord's."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from putright.reports.services import annual_report_publish, narrative_save
from tests import factories

pytestmark = pytest.mark.django_db


def _publish(landlord, year, response="We accept the report.", correction=""):
    narrative_save(
        landlord=landlord,
        year=year,
        by=None,
        governing_body="Housing Committee",
        governing_body_response=response,
        governing_body_response_on=dt.date(year + 1, 7, 14),
    )
    return annual_report_publish(landlord=landlord, year=year, correction=correction, by=None)


def test_one_landlord_lists_every_year_published_with_the_hash_of_each_file(client):
    landlord = factories.landlord("Known Homes")
    _publish(landlord, 2024)
    latest = _publish(landlord, 2025)

    page = client.get("/publications/")

    assert page.status_code == 200
    text = page.content.decode()
    assert "2025/26" in text and "2024/25" in text
    assert text.index("2025/26") < text.index("2024/25")
    assert "Housing Committee, 14 July 2026" in text
    for stored in latest.files.all():
        assert stored.sha256 in text
        assert f"/publications/2025/annual-report/1/{stored.format}/" in text


def test_nothing_published_says_so(client):
    factories.landlord("Known Homes")

    page = client.get("/publications/")

    assert "Known Homes has not published a complaints report" in page.content.decode()


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("pdf", "application/pdf"),
        ("json", "application/json"),
        ("html", "text/html; charset=utf-8"),
    ],
)
def test_each_file_is_served_as_frozen_with_its_content_type_and_hash(client, fmt, content_type):
    landlord = factories.landlord("Known Homes")
    publication = _publish(landlord, 2025)
    stored = publication.files.get(format=fmt)
    _publish(landlord, 2025, response="Changed afterwards.", correction="A new response.")

    response = client.get(f"/publications/2025/annual-report/1/{fmt}/")

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert hashlib.sha256(body).hexdigest() == stored.sha256 == response["X-Content-SHA256"]
    assert b"Changed afterwards." not in body


def test_a_superseded_version_stays_listed_and_marked(client):
    landlord = factories.landlord("Known Homes")
    _publish(landlord, 2025)
    _publish(landlord, 2025, response="Corrected.", correction="The stage 2 figures were wrong.")

    text = client.get("/publications/").content.decode()

    assert "The stage 2 figures were wrong." in text
    assert "Superseded" in text
    assert "Version 1, published 7 December 2026, replaced by version 2" in text
    assert "/publications/2025/annual-report/1/pdf/" in text
    assert "/publications/2025/annual-report/2/pdf/" in text


def test_two_landlords_each_see_only_their_own(client):
    brent = factories.landlord("Brent Council")
    wave = factories.landlord("First Wave Housing")
    theirs = _publish(wave, 2025, response="First Wave's board accepts.")
    ours = _publish(brent, 2024, response="Brent's cabinet accepts.")

    brent_page = client.get(f"/l/{brent.slug}/publications/").content.decode()
    wave_page = client.get(f"/l/{wave.slug}/publications/").content.decode()

    assert "2024/25" in brent_page and "2025/26" not in brent_page
    assert f"/l/{brent.slug}/publications/2024/annual-report/1/pdf/" in brent_page
    assert all(f.sha256 not in brent_page for f in theirs.files.all())
    assert all(f.sha256 not in wave_page for f in ours.files.all())
    # Another landlord's file cannot be reached under this landlord's address.
    assert client.get(f"/l/{brent.slug}/publications/2025/annual-report/1/pdf/").status_code == 404
    assert client.get(f"/l/{wave.slug}/publications/2025/annual-report/1/pdf/").status_code == 200


def test_at_the_root_of_several_landlords_the_resident_chooses_one_first(client):
    factories.landlord("Brent Council")
    factories.landlord("First Wave Housing")

    response = client.get("/publications/")

    assert response.status_code == 302
    assert response["Location"] == "/?for=publications"
    chooser = client.get(response["Location"]).content.decode()
    assert "/l/brent-council/publications/" in chooser
