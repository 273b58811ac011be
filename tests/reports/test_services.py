"""What staff write into the reports goes through reports/services.py: only complaints
officers and administrators of the landlord may save it, the values are checked there, and
every change is appended to a history that the pages show as "Last changed by"."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from putright.complaints.models import AppendOnlyError
from putright.landlords.models import Role
from putright.reports.models import BreakdownChoice, ReportChange, ReportNarrative, TsmYear
from putright.reports.services import narrative_save, report_breakdowns_save, tsm_inputs_save
from putright.rules.lifecycle import RuleError
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def landlord():
    return factories.landlord("Known Homes")


def test_an_officer_saves_the_written_sections_and_the_change_is_recorded(landlord):
    officer = factories.user(landlord=landlord, role=Role.OFFICER)

    narrative = narrative_save(
        landlord=landlord,
        year=2023,
        by=officer,
        introduction="  Our first report. ",
        governing_body="Cabinet",
        governing_body_response="Cabinet approves it.",
        governing_body_response_on=dt.date(2024, 6, 12),
    )

    assert (narrative.introduction, narrative.updated_by) == ("Our first report.", officer)
    change = ReportChange.objects.get()
    assert (change.landlord, change.year, change.part, change.changed_by) == (
        landlord,
        2023,
        "narrative",
        officer,
    )
    assert change.fields == [
        "introduction",
        "governing_body",
        "governing_body_response",
        "governing_body_response_on",
    ]


def test_saving_the_same_words_again_records_no_change(landlord):
    narrative_save(landlord=landlord, year=2023, by=None, introduction="Words")
    narrative_save(landlord=landlord, year=2023, by=None, introduction="Words")
    narrative_save(landlord=landlord, year=2023, by=None, introduction="Other words")

    assert [c.fields for c in ReportChange.objects.order_by("id")] == [
        ["introduction"],
        ["introduction"],
    ]
    assert ReportNarrative.objects.get().introduction == "Other words"


@pytest.mark.parametrize("role", [Role.VIEWER, Role.HANDLER, Role.CONTRACTOR_HANDLER])
def test_only_officers_and_administrators_change_the_reports(landlord, role):
    someone = factories.user(
        landlord=landlord,
        role=role,
        contractor=factories.contractor(landlord) if role == Role.CONTRACTOR_HANDLER else None,
    )

    with pytest.raises(PermissionDenied, match="Only complaints officers and administrators"):
        narrative_save(landlord=landlord, year=2023, by=someone, introduction="Words")
    with pytest.raises(PermissionDenied):
        tsm_inputs_save(landlord=landlord, year=2023, by=someone, tp09_pct=Decimal("40"))
    assert not ReportNarrative.objects.exists() and not TsmYear.objects.exists()
    assert not ReportChange.objects.exists()


def test_another_landlords_officer_cannot_change_this_landlords_reports(landlord):
    stranger = factories.user(landlord=factories.landlord(), role=Role.OFFICER)

    with pytest.raises(PermissionDenied, match="You do not work for this landlord"):
        narrative_save(landlord=landlord, year=2023, by=stranger, introduction="Words")
    with pytest.raises(PermissionDenied):
        tsm_inputs_save(landlord=landlord, year=2023, by=stranger, median_tp09=Decimal("30"))
    assert not ReportChange.objects.exists()


def test_a_response_date_needs_the_response_and_cannot_be_in_the_future(landlord, today):
    with pytest.raises(RuleError) as refused:
        narrative_save(
            landlord=landlord,
            year=2023,
            by=None,
            governing_body_response_on=today + dt.timedelta(days=1),
        )

    assert refused.value.problems == {
        "governing_body_response_on": (
            "The date of the governing body's response must be today or in the past"
        ),
        "governing_body_response": "Enter the governing body's response, or remove the date of it",
    }
    assert not ReportNarrative.objects.exists() and not ReportChange.objects.exists()


def test_an_administrator_enters_tp09_and_the_medians_and_the_change_is_recorded(landlord):
    admin = factories.user(landlord=landlord, role=Role.ADMINISTRATOR)

    entered = tsm_inputs_save(
        landlord=landlord,
        year=2023,
        by=admin,
        tp09_pct=Decimal("41.5"),
        tp09_respondents=300,
        median_source=" Housemark ",
    )

    assert (entered.tp09_pct, entered.median_source, entered.updated_by) == (
        Decimal("41.5"),
        "Housemark",
        admin,
    )
    change = ReportChange.objects.last_for(landlord, 2023, ReportChange.Part.TSM)
    assert (change.fields, change.changed_by) == (
        ["tp09_pct", "tp09_respondents", "median_source"],
        admin,
    )


def test_a_percentage_over_100_is_refused_whoever_calls(landlord):
    with pytest.raises(RuleError) as refused:
        tsm_inputs_save(landlord=landlord, year=2023, by=None, tp09_pct=Decimal("140"))

    assert set(refused.value.problems) == {"tp09_pct"}
    assert not TsmYear.objects.exists() and not ReportChange.objects.exists()


def test_the_history_of_changes_cannot_be_rewritten(landlord):
    narrative_save(landlord=landlord, year=2023, by=None, introduction="Words")
    change = ReportChange.objects.get()

    change.fields = []
    with pytest.raises(AppendOnlyError):
        change.save()
    with pytest.raises(AppendOnlyError):
        change.delete()
    with pytest.raises(AppendOnlyError):
        ReportChange.objects.all().update(fields=[])
    with pytest.raises(AppendOnlyError):
        ReportChange.objects.all().delete()
    assert ReportChange.objects.get().fields == ["introduction"]


def test_the_pages_say_who_last_changed_the_words_and_the_figures(client, landlord, today):
    officer = factories.user(
        landlord=landlord, role=Role.OFFICER, first_name="Alex", last_name="Officer"
    )
    client.force_login(officer)

    client.post("/staff/reports/annual/2023/written-sections/", {"introduction": "Words"})
    client.post("/staff/reports/tsm/2023/", {"tp09_pct": "41.5"})

    said = f"Last changed by Alex Officer on {today.day} {today:%B %Y}."
    assert said in client.get("/staff/reports/annual/2023/").content.decode()
    assert said in client.get("/staff/reports/tsm/2023/").content.decode()
    assert "Last changed" not in client.get("/staff/reports/annual/2024/").content.decode()


def test_the_written_sections_form_shows_the_services_problems(client, landlord, today):
    client.force_login(factories.user(landlord=landlord, role=Role.OFFICER))
    later = today + dt.timedelta(days=3)

    page = client.post(
        "/staff/reports/annual/2023/written-sections/",
        {
            "introduction": "Kept as typed",
            "governing_body_response_on-day": str(later.day),
            "governing_body_response_on-month": str(later.month),
            "governing_body_response_on-year": str(later.year),
        },
    ).content.decode()

    assert "<title>Error: " in page
    assert "must be today or in the past" in page
    assert 'href="#governing_body_response_on-day"' in page
    assert "Enter the governing body&#x27;s response, or remove the date of it" in page
    assert "Kept as typed" in page
    assert not ReportNarrative.objects.exists()


# The breakdowns in the annual report (issue 13) -----------------------------------------


@pytest.mark.parametrize("role", [Role.VIEWER, Role.HANDLER, Role.SENIOR_HANDLER])
def test_only_officers_and_administrators_choose_the_breakdowns(landlord, role):
    person = factories.user(landlord=landlord, role=role)
    with pytest.raises(PermissionDenied):
        report_breakdowns_save(
            landlord=landlord, year=2023, by=person, breakdowns=["received.1.theme"]
        )
    assert not BreakdownChoice.objects.exists()
    assert not ReportChange.objects.exists()


def test_staff_of_another_landlord_cannot_choose_the_breakdowns(landlord):
    other = factories.user(landlord=factories.landlord("Other Homes"), role=Role.OFFICER)
    with pytest.raises(PermissionDenied):
        report_breakdowns_save(landlord=landlord, year=2023, by=other, breakdowns=[])


def test_choosing_the_breakdowns_keeps_them_in_the_reports_order_and_logs_the_change(landlord):
    officer = factories.user(landlord=landlord, role=Role.OFFICER)

    choice = report_breakdowns_save(
        landlord=landlord,
        year=2023,
        by=officer,
        breakdowns=["timeliness.1.handler", "received.1.theme", "received.1.service_area"],
    )

    assert choice.breakdowns == [
        "received.1.service_area",
        "received.1.theme",
        "timeliness.1.handler",
    ]
    assert choice.updated_by == officer
    change = ReportChange.objects.get()
    assert (change.year, change.part, change.changed_by) == (2023, "breakdowns", officer)
    # Against the defaults, which the report carried until now.
    assert change.fields == [
        "added received.1.theme",
        "removed received.1.handler",
        "removed received.2.service_area",
        "removed received.2.handler",
        "removed timeliness.2.handler",
    ]
    assert ReportChange.objects.last_for(landlord, 2023, "breakdowns") == change


def test_saving_the_same_breakdowns_again_logs_nothing(landlord):
    officer = factories.user(landlord=landlord, role=Role.OFFICER)
    report_breakdowns_save(
        landlord=landlord, year=2023, by=officer, breakdowns=["received.1.theme"]
    )
    report_breakdowns_save(
        landlord=landlord, year=2023, by=officer, breakdowns=["received.1.theme"]
    )
    assert ReportChange.objects.count() == 1


def test_a_breakdown_not_on_offer_is_refused_in_plain_words(landlord):
    officer = factories.user(landlord=landlord, role=Role.OFFICER)
    with pytest.raises(RuleError) as raised:
        report_breakdowns_save(
            landlord=landlord,
            year=2023,
            by=officer,
            # No divisions at this landlord; escalation is counted at stage 1 only.
            breakdowns=["received.1.division", "escalation.2.handler", "received.1.handler"],
        )
    assert raised.value.problems == {
        "breakdowns": "The report cannot carry received.1.division, escalation.2.handler: "
        "choose the breakdowns from the list"
    }
    assert not BreakdownChoice.objects.exists()
