"""The report pages under /staff/reports/: who may see and change what, the forms and their
errors, the downloads, and the compliance view's links to the cases."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.urls import reverse

from putright.reports.models import BreakdownChoice, ReportNarrative, TsmYear
from tests import factories
from tests.reports.construction import build_landlord

pytestmark = pytest.mark.django_db


@pytest.fixture
def landlord():
    return build_landlord()


def _signed_in(client, landlord, role):
    client.force_login(factories.user(landlord=landlord, role=role))
    return client


@pytest.mark.parametrize("role", ["viewer", "officer", "administrator"])
def test_viewers_officers_and_administrators_read_the_reports(client, landlord, role):
    _signed_in(client, landlord, role)
    for url in (
        "/staff/reports/",
        "/staff/reports/annual/2023/",
        "/staff/reports/tsm/2023/",
        "/staff/reports/quarterly/2023-Q2/",
        "/staff/reports/compliance/2023/",
        "/staff/reports/compliance/2023/6.2/",
        "/staff/reports/self-assessment/",
    ):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", ["handler", "senior_handler"])
def test_handlers_do_not_see_the_reports(client, landlord, role):
    _signed_in(client, landlord, role)
    assert client.get("/staff/reports/annual/2023/").status_code == 403


def test_someone_signed_out_is_asked_to_sign_in(client, landlord):
    response = client.get("/staff/reports/annual/2023/")
    assert (
        response.status_code == 302
        and "next=%2Fstaff%2Freports%2Fannual%2F2023%2F" in response["Location"]
    )


def test_a_viewer_cannot_write_the_narrative_or_enter_tp09(client, landlord):
    _signed_in(client, landlord, "viewer")
    page = client.get("/staff/reports/annual/2023/").content.decode()
    assert "Change the written sections" not in page
    assert client.get("/staff/reports/annual/2023/written-sections/").status_code == 403
    assert client.post("/staff/reports/tsm/2023/", {"tp09_pct": "40"}).status_code == 403
    assert not TsmYear.objects.exists()


def test_the_annual_page_shows_the_report_under_the_codes_paragraphs(client, landlord):
    _signed_in(client, landlord, "officer")
    page = client.get("/staff/reports/annual/2023/").content.decode()
    for words in (
        "Code 8.1 (a)",
        "Code 8.1 (b)",
        "Code 8.1 (c)",
        "Code 8.1 (d)",
        "Code 8.1 (e) and (f)",
        "Code 8.2",
        'role="img"',
        "We logged 13 complaints in 2023/24",
        "The governing body has not yet responded to this report.",
    ):
        assert words in page, words
    for fmt in ("pdf", "xlsx", "html", "json"):
        assert reverse("reports:annual_download", args=[2023, fmt]) in page


def test_the_written_sections_are_kept_for_the_year_and_printed(client, landlord):
    _signed_in(client, landlord, "officer")
    response = client.post(
        "/staff/reports/annual/2023/written-sections/",
        {
            "introduction": "Our first report.\n\nWe listened.",
            "governing_body": "Cabinet",
            "governing_body_response": "Cabinet approves it.",
            "governing_body_response_on-day": "12",
            "governing_body_response_on-month": "6",
            "governing_body_response_on-year": "2024",
        },
    )
    assert response.status_code == 302
    narrative = ReportNarrative.objects.get(landlord=landlord, year=2023)
    assert narrative.governing_body_response_on.isoformat() == "2024-06-12"
    page = client.get("/staff/reports/annual/2023/").content.decode()
    assert '<p class="govuk-body">Our first report.</p>' in page
    assert "Cabinet considered this report on 12 June 2024 and responded as follows." in page
    assert "The written sections have been saved." in page
    data = json.loads(client.get("/staff/reports/annual/2023/download/json/").content)
    assert data["narrative"]["governing_body"] == "Cabinet"


def test_the_written_sections_form_says_what_is_wrong(client, landlord):
    _signed_in(client, landlord, "officer")
    page = client.post(
        "/staff/reports/annual/2023/written-sections/",
        {"governing_body_response_on-day": "31", "governing_body_response_on-month": "2",
         "governing_body_response_on-year": "2024"},
    ).content.decode()  # fmt: skip
    assert "<title>Error: " in page
    assert "There is a problem" in page
    assert "The date of the governing body&#x27;s response must be a real date" in page
    assert 'href="#governing_body_response_on-day"' in page
    assert not ReportNarrative.objects.exists()


def test_tp09_and_the_medians_are_entered_and_shown_beside_the_figures(client, landlord):
    _signed_in(client, landlord, "administrator")
    response = client.post(
        "/staff/reports/tsm/2023/",
        {"tp09_pct": "41.5", "tp09_respondents": "300", "median_ch02_stage1": "85",
         "median_source": "Housemark"},
    )  # fmt: skip
    assert response.status_code == 302
    entered = TsmYear.objects.get(landlord=landlord, year=2023)
    assert entered.tp09_pct == Decimal("41.5")
    page = client.get("/staff/reports/tsm/2023/").content.decode()
    assert "41.5% of 300 people who answered" in page
    assert "85.0%" in page
    assert "counting responses within an agreed extension as on time" in page
    csv_text = client.get("/staff/reports/tsm/2023/download/csv/").content.decode()
    assert (
        "TP09,41.5" in csv_text
        and "sector_median.CH02.stage1_within_timescale_pct,85.0" in csv_text
    )


def test_the_tsm_form_rejects_a_percentage_over_100(client, landlord):
    _signed_in(client, landlord, "officer")
    page = client.post("/staff/reports/tsm/2023/", {"tp09_pct": "140"}).content.decode()
    assert "TP09 must be 100 or less" in page and 'href="#tp09_pct"' in page
    page = client.post("/staff/reports/tsm/2023/", {"median_tp09": "lots"}).content.decode()
    assert "Enter the TP09 median as a number, like 41.5" in page


def test_the_strict_ch02_setting_is_shown_wherever_ch02_is(client, landlord):
    landlord.ch02_strict = True
    landlord.save()
    _signed_in(client, landlord, "viewer")
    page = client.get("/staff/reports/tsm/2023/").content.decode()
    assert "not counting extensions</strong> (the strict reading)" in page
    annual = client.get("/staff/reports/annual/2023/").content.decode()
    assert "We report CH02 counting only responses sent within the Code&#x27;s timescales" in annual


def test_downloads_come_with_their_type_and_a_file_name(client, landlord):
    _signed_in(client, landlord, "viewer")
    for url, content_type, name in (
        ("/staff/reports/annual/2023/download/pdf/", "application/pdf", "known-homes-annual-complaints-report-2023-24.pdf"),
        ("/staff/reports/annual/2023/download/xlsx/", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "known-homes-annual-complaints-report-2023-24.xlsx"),
        ("/staff/reports/quarterly/2023-Q1/download/html/", "text/html; charset=utf-8", "known-homes-quarterly-update-2023-Q1.html"),
    ):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == content_type
        assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert client.get("/staff/reports/annual/2023/download/docx/").status_code == 404
    assert client.get("/staff/reports/quarterly/2023-Q9/").status_code == 404


def test_the_compliance_view_links_each_figure_to_the_cases_that_break_it(client, landlord):
    _signed_in(client, landlord, "officer")
    page = client.get("/staff/reports/compliance/2023/").content.decode()
    assert "11 of 12 stage 1 complaints acknowledged within 5 working days" in page
    assert 'href="/staff/reports/compliance/2023/6.2/"' in page
    cases = client.get("/staff/reports/compliance/2023/6.2/").content.decode()
    assert "Acknowledged 21 June 2023; it was due 19 June 2023" in cases
    assert f'href="{reverse("staff:case", kwargs={"reference": "R2"})}"' in cases
    assert client.get("/staff/reports/compliance/2023/9.9/").status_code == 404


def test_another_landlords_staff_see_their_own_landlord_only(client, landlord):
    other = factories.landlord("Other Homes")
    _signed_in(client, other, "officer")
    page = client.get("/staff/reports/annual/2023/").content.decode()
    assert "Other Homes" in page and "We logged 0 complaints in 2023/24" in page


def test_a_viewer_cannot_choose_the_breakdowns(client, landlord):
    _signed_in(client, landlord, "viewer")
    assert "Choose the breakdowns" not in client.get("/staff/reports/annual/2023/").content.decode()
    assert client.get("/staff/reports/annual/2023/breakdowns/").status_code == 403
    response = client.post(
        "/staff/reports/annual/2023/breakdowns/", {"breakdowns": ["received.1.theme"]}
    )
    assert response.status_code == 403
    assert not BreakdownChoice.objects.exists()


def test_the_breakdowns_chosen_are_printed_in_the_report(client, landlord):
    _signed_in(client, landlord, "officer")
    report = client.get("/staff/reports/annual/2023/").content.decode()
    assert "Stage 1 complaints received and upheld, by who handled it" in report
    page = client.get("/staff/reports/annual/2023/breakdowns/").content.decode()
    # The defaults are ticked; there is no division to offer at Known Homes.
    assert 'value="received.1.handler" checked' in page
    assert 'value="received.1.theme">' in page
    assert "division" not in page
    response = client.post(
        "/staff/reports/annual/2023/breakdowns/",
        {"breakdowns": ["received.1.theme", "compensation.2.compensation_reason"]},
    )
    assert response.status_code == 302
    assert BreakdownChoice.objects.get(landlord=landlord, year=2023).breakdowns == [
        "received.1.theme",
        "compensation.2.compensation_reason",
    ]
    report = client.get("/staff/reports/annual/2023/").content.decode()
    assert "The breakdowns in the report have been saved." in report
    assert "Stage 1 complaints received and upheld, by theme" in report
    assert "Stage 2 compensation offered, by the reason for it" in report
    assert "Stage 1 complaints received and upheld, by who handled it" not in report
    page = client.get("/staff/reports/annual/2023/breakdowns/").content.decode()
    assert 'id="last-change"' in page
    # Back to the defaults.
    client.post("/staff/reports/annual/2023/breakdowns/", {"defaults": "yes"})
    report = client.get("/staff/reports/annual/2023/").content.decode()
    assert "Stage 1 complaints received and upheld, by who handled it" in report


def test_the_breakdowns_form_says_what_is_wrong(client, landlord):
    _signed_in(client, landlord, "officer")
    page = client.post(
        "/staff/reports/annual/2023/breakdowns/", {"breakdowns": ["received.9.theme"]}
    ).content.decode()
    assert "<title>Error: " in page
    assert "The report cannot carry received.9.theme: choose the breakdowns from the list" in page
    assert 'href="#breakdowns"' in page and 'id="breakdowns"' in page
    assert not BreakdownChoice.objects.exists()
