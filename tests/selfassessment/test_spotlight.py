"""Spotlight reports: a landlord records one of the Ombudsman's spotlight reports with its
recommendations, assesses itself against each (met, partly met, not met), puts actions on
the learning register, and the result appears in the annual report (section 8.1 a)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from hypothesis import given
from hypothesis import strategies as st

from putright.landlords.models import Role
from putright.learning.models import LearningRecord
from putright.reports.layout.annual import annual_document
from putright.reports.render import standalone_html
from putright.reports.report import annual_report
from putright.selfassessment.models import AssessmentChange, SpotlightStatus
from putright.selfassessment.services import (
    AssessmentError,
    _spotlight_recommendations,
    spotlight_action_add,
    spotlight_answer_problems,
    spotlight_assess,
    spotlight_record,
)
from tests import factories

pytestmark = pytest.mark.django_db

TITLE = "Spotlight on damp and mould"
FIRST = "Landlords should take a zero-tolerance approach to damp and mould."
SECOND = "Landlords should keep accurate records of every report of damp."


def _report(landlord, by=None, published_on=dt.date(2024, 1, 15)):
    return spotlight_record(
        landlord=landlord,
        title=TITLE,
        published_on=published_on,
        recommendations=f"1. {FIRST}\n\n2) {SECOND}\n",
        by=by,
    )


def test_a_spotlight_report_is_recorded_with_its_recommendations_numbered():
    landlord = factories.landlord()
    report = _report(landlord)
    assert [(r.number, r.text, r.status) for r in report.recommendations.all()] == [
        (1, FIRST, ""),
        (2, SECOND, ""),
    ]
    assert AssessmentChange.objects.get().summary == f"{TITLE}: 2 recommendations recorded."


def test_a_spotlight_report_needs_a_title_a_date_and_recommendations():
    landlord = factories.landlord()
    with pytest.raises(AssessmentError) as error:
        spotlight_record(
            landlord=landlord, title=" ", published_on=None, recommendations="\n \n", by=None
        )
    assert error.value.problems == {
        "title": "Enter the title of the spotlight report",
        "published_on": "Enter the date the Ombudsman published the report",
        "recommendations": "Enter the report's recommendations, one on each line, or choose a CSV file",
    }


def test_a_handler_cannot_record_a_spotlight_report():
    landlord = factories.landlord()
    handler = factories.user(landlord=landlord, role=Role.HANDLER)
    with pytest.raises(PermissionDenied):
        _report(landlord, by=handler)


def test_a_recommendation_partly_met_needs_the_commentary():
    landlord = factories.landlord()
    recommendation = _report(landlord).recommendations.first()
    with pytest.raises(AssessmentError) as error:
        spotlight_assess(
            recommendation=recommendation, status="partly_met", evidence="", commentary="", by=None
        )
    assert error.value.problems == {
        "commentary": "Say why the recommendation is not fully met, and what we will do about it"
    }


@given(
    status=st.sampled_from([*SpotlightStatus.values, "", "yes"]),
    commentary=st.sampled_from(["", "  ", "We are training staff."]),
)
def test_only_a_met_recommendation_may_go_without_commentary(status, commentary):
    problems = spotlight_answer_problems(status, commentary)
    if status not in SpotlightStatus.values:
        assert problems == {"status": "Select met, partly met or not met"}
    elif status == SpotlightStatus.MET or commentary.strip():
        assert problems == {}
    else:
        assert list(problems) == ["commentary"]


@given(st.lists(st.text(alphabet="abc xyz.", min_size=1, max_size=20), max_size=6))
def test_every_non_blank_line_is_one_recommendation(lines):
    parsed = _spotlight_recommendations("\n".join(lines))
    assert parsed == [line.strip() for line in lines if line.strip()]


def test_an_action_goes_on_the_learning_register_linked_to_the_recommendation(today):
    landlord = factories.landlord()
    officer = factories.user(landlord=landlord, role=Role.OFFICER)
    recommendation = _report(landlord, by=officer).recommendations.first()
    spotlight_assess(
        recommendation=recommendation,
        status="not_met",
        evidence="",
        commentary="No damp policy yet.",
        by=officer,
    )
    record = spotlight_action_add(
        recommendation=recommendation,
        improvement="Adopt a damp and mould policy",
        owner="Head of repairs",
        due_on=dt.date(2027, 3, 31),
        by=officer,
    )
    assert list(recommendation.actions.all()) == [record]
    stored = LearningRecord.objects.get()
    assert stored.landlord == landlord
    assert stored.learning == FIRST
    assert stored.what_went_wrong == (
        f"The Ombudsman's spotlight report “{TITLE}”, recommendation 1: not met."
    )
    assert (stored.owner, stored.due_on, stored.recorded_on) == (
        "Head of repairs",
        dt.date(2027, 3, 31),
        today,
    )


def test_the_annual_report_shows_the_spotlight_assessment():
    landlord = factories.landlord()
    report = _report(landlord)
    first, second = report.recommendations.all()
    spotlight_assess(
        recommendation=first, status="met", evidence="Policy adopted.", commentary="", by=None
    )
    spotlight_assess(
        recommendation=second,
        status="partly_met",
        evidence="",
        commentary="Records are kept for new reports only.",
        by=None,
    )
    spotlight_action_add(
        recommendation=second,
        improvement="Back-fill records",
        owner="Repairs",
        due_on=dt.date(2027, 1, 31),
        by=None,
    )
    annual = annual_report(landlord, 2023, on=dt.date(2024, 7, 1))
    section = annual.figures["sections"]["self_assessment"]
    assert section["recorded"] is True
    assert section["text"] == [
        f"The Ombudsman's spotlight report “{TITLE}” (15 January 2024) makes 2 "
        "recommendations: we meet 1, partly meet 1 and do not yet meet 0."
    ]
    [data] = section["data"]["spotlight_reports"]
    assert {k: data[k] for k in ("title", "published_on", "met", "partly_met", "not_met")} == {
        "title": TITLE,
        "published_on": "2024-01-15",
        "met": 1,
        "partly_met": 1,
        "not_met": 0,
    }
    assert data["assessments"][1]["actions"] == [
        {
            "improvement": "Back-fill records",
            "owner": "Repairs",
            "due_on": "2027-01-31",
            "status": "planned",
        }
    ]
    html = " ".join(standalone_html(annual_document(annual)).split())
    assert f"Spotlight report: {TITLE}" in html
    assert "Records are kept for new reports only." in html
    assert "Back-fill records (Repairs, by 31 January 2027; planned)" in html


def test_a_spotlight_report_published_after_the_year_is_not_in_that_years_report():
    landlord = factories.landlord()
    _report(landlord, published_on=dt.date(2024, 4, 1))
    section = annual_report(landlord, 2023, on=dt.date(2024, 7, 1)).figures["sections"][
        "self_assessment"
    ]
    assert "spotlight_reports" not in section["data"]
