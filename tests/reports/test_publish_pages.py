"""The staff pages that publish the annual report and the self-assessment (Code 8.2)."""

from __future__ import annotations

import datetime as dt

import pytest

from putright.landlords.models import Role
from putright.reports.models import Publication
from putright.reports.services import narrative_save
from tests import factories
from tests.selfassessment.test_publish import approved_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def landlord():
    return factories.landlord("Known Homes")


def _signed_in(client, landlord, role=Role.OFFICER):
    client.force_login(factories.user(landlord=landlord, role=role))
    return client


def test_the_annual_report_page_links_to_publishing(client, landlord):
    _signed_in(client, landlord)

    page = client.get("/staff/reports/annual/2025/").content.decode()

    assert "/staff/reports/annual/2025/publish/" in page


def test_publishing_waits_for_the_governing_bodys_response(client, landlord):
    _signed_in(client, landlord)

    page = client.get("/staff/reports/annual/2025/publish/").content.decode()
    assert "Record the governing body&#x27;s name, its response" in page
    assert "Publish</button>" not in page

    refused = client.post("/staff/reports/annual/2025/publish/")
    assert refused.status_code == 200
    assert "There is a problem" in refused.content.decode()
    assert not Publication.objects.exists()


def test_an_officer_publishes_the_report_and_then_a_correction(client, landlord):
    _signed_in(client, landlord)
    narrative_save(
        landlord=landlord,
        year=2025,
        by=None,
        governing_body="Board",
        governing_body_response="Accepted.",
        governing_body_response_on=dt.date(2026, 7, 14),
    )

    response = client.post("/staff/reports/annual/2025/publish/")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "has been published (version 1)" in page
    assert f"/l/{landlord.slug}/publications/2025/annual-report/1/pdf/" in page
    assert "What does this version correct?" in page

    missing = client.post("/staff/reports/annual/2025/publish/", {"correction": ""})
    assert 'href="#correction"' in missing.content.decode()
    client.post("/staff/reports/annual/2025/publish/", {"correction": "Wrong totals."})

    page = client.get("/staff/reports/annual/2025/publish/").content.decode()
    assert "Superseded" in page and "Corrects: Wrong totals." in page
    assert Publication.objects.count() == 2


def test_a_viewer_cannot_publish(client, landlord):
    _signed_in(client, landlord, Role.VIEWER)

    assert client.post("/staff/reports/annual/2025/publish/").status_code == 403


def test_an_approved_self_assessment_is_published_from_its_page(client, landlord):
    _signed_in(client, landlord, Role.ADMINISTRATOR)
    assessment = approved_assessment(landlord)
    detail = client.get(f"/staff/reports/self-assessment/{assessment.pk}/").content.decode()
    assert f"/staff/reports/self-assessment/{assessment.pk}/publish/" in detail

    response = client.post(f"/staff/reports/self-assessment/{assessment.pk}/publish/")

    assert response.status_code == 302
    publication = Publication.objects.get()
    assert (publication.kind, publication.approved_by) == ("self-assessment", "Board")


def test_the_self_assessments_8_2_line_shows_publication_from_the_record(client, landlord):
    from putright.reports.services import annual_report_publish
    from putright.selfassessment.services import assessment_start

    _signed_in(client, landlord)
    narrative_save(
        landlord=landlord,
        year=2025,
        by=None,
        governing_body="Board",
        governing_body_response="Accepted.",
        governing_body_response_on=dt.date(2026, 12, 1),
    )
    annual_report_publish(landlord=landlord, year=2025, by=None)
    assessment = assessment_start(landlord=landlord, year=2026, by=None)

    page = client.get(f"/staff/reports/self-assessment/{assessment.pk}/").content.decode()

    assert (
        "1 of 1 annual reports approved by the governing body were published on time with its "
        "response" in page
    )
