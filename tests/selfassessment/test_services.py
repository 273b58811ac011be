"""Code 8.1 a, 8.3, 8.4: every write to the self-assessment takes the acting user, checks
that they may do it (complaints officers and administrators of the landlord keep it and
record its approval; viewers read; only a site administrator or the command line loads the
Code's wording) and appends who did what to its history."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from putright.complaints.models import AppendOnlyError
from putright.landlords.models import Role
from putright.selfassessment.catalogue import PROVISIONS
from putright.selfassessment.models import (
    AssessmentChange,
    ProvisionWording,
    SelfAssessment,
)
from putright.selfassessment.services import (
    AnswerInput,
    answers_save,
    assessment_approve,
    assessment_start,
    wording_load,
)
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def landlord():
    return factories.landlord("Known Homes")


def _answer_all(assessment):
    answers_save(
        assessment=assessment,
        answers={p.number: AnswerInput("yes", evidence="Our policy") for p in PROVISIONS},
        by=None,
    )


def test_an_officer_starts_one_and_the_history_says_so(landlord):
    officer = factories.user(landlord=landlord, role=Role.OFFICER)

    assessment = assessment_start(landlord=landlord, year=2024, by=officer)

    assert assessment.created_by == officer
    change = assessment.changes.get()
    assert (change.action, change.changed_by, change.summary) == (
        "started",
        officer,
        "The annual self-assessment, for 2024/25.",
    )


def test_saving_answers_records_which_provisions_changed(landlord):
    admin = factories.user(landlord=landlord, role=Role.ADMINISTRATOR)
    assessment = assessment_start(landlord=landlord, year=2024, by=admin)

    answers_save(
        assessment=assessment,
        answers={"6.2": AnswerInput("yes"), "6.3": AnswerInput("yes", evidence="Checked")},
        by=admin,
    )
    answers_save(assessment=assessment, answers={"6.2": AnswerInput("yes")}, by=admin)

    saved = assessment.changes.filter(action=AssessmentChange.Action.ANSWERS_SAVED)
    assert [(c.summary, c.changed_by) for c in saved] == [("Answers changed for 6.2, 6.3.", admin)]


def test_recording_the_approval_is_in_the_history(landlord):
    officer = factories.user(landlord=landlord, role=Role.OFFICER)
    assessment = assessment_start(landlord=landlord, year=2023, by=officer)
    _answer_all(assessment)

    assessment_approve(
        assessment=assessment,
        approved_on=dt.date(2024, 6, 12),
        approved_by="Board",
        today=dt.date(2024, 7, 1),
        by=officer,
    )

    latest = assessment.changes.first()
    assert (latest.action, latest.summary, latest.changed_by) == (
        "approval_recorded",
        "Approved by Board on 12 June 2024.",
        officer,
    )


@pytest.mark.parametrize("role", [Role.VIEWER, Role.HANDLER, Role.SENIOR_HANDLER])
def test_viewers_and_handlers_cannot_start_change_or_approve_it(landlord, role):
    someone = factories.user(landlord=landlord, role=role)
    assessment = assessment_start(landlord=landlord, year=2023, by=None)
    _answer_all(assessment)
    before = assessment.changes.count()

    with pytest.raises(PermissionDenied, match="Only complaints officers and administrators"):
        assessment_start(landlord=landlord, year=2024, by=someone)
    with pytest.raises(PermissionDenied):
        answers_save(assessment=assessment, answers={"1.2": AnswerInput("no")}, by=someone)
    with pytest.raises(PermissionDenied, match="record the governing body's approval"):
        assessment_approve(
            assessment=assessment,
            approved_on=dt.date(2024, 6, 12),
            approved_by="Board",
            today=dt.date(2024, 7, 1),
            by=someone,
        )

    assert SelfAssessment.objects.count() == 1
    assessment.refresh_from_db()
    assert not assessment.is_approved
    assert assessment.answers.get(number="1.2").complies == "yes"
    assert assessment.changes.count() == before


def test_another_landlords_officer_cannot_touch_this_landlords_self_assessment(landlord):
    stranger = factories.user(landlord=factories.landlord(), role=Role.OFFICER)
    assessment = assessment_start(landlord=landlord, year=2023, by=None)

    with pytest.raises(PermissionDenied, match="You do not work for this landlord"):
        assessment_start(landlord=landlord, year=2024, by=stranger)
    with pytest.raises(PermissionDenied):
        answers_save(assessment=assessment, answers={"1.2": AnswerInput("no")}, by=stranger)
    assert assessment.changes.count() == 1


def test_only_a_site_administrator_or_the_command_line_loads_the_codes_wording(landlord):
    officer = factories.user(landlord=landlord, role=Role.OFFICER)
    superuser = factories.user(is_superuser=True)

    with pytest.raises(PermissionDenied, match="Only a site administrator"):
        wording_load(rows=[("1.2", "A complaint must be defined.")], by=officer)
    assert not ProvisionWording.objects.exists()

    assert wording_load(rows=[("1.2", "A complaint must be defined.")], by=superuser) == 1
    change = AssessmentChange.objects.get(action=AssessmentChange.Action.WORDING_LOADED)
    assert (change.assessment, change.changed_by, change.summary) == (
        None,
        superuser,
        "Official wording loaded for 1.2.",
    )


def test_the_history_of_changes_cannot_be_rewritten(landlord):
    assessment_start(landlord=landlord, year=2024, by=None)
    change = AssessmentChange.objects.get()

    change.summary = "Something else"
    with pytest.raises(AppendOnlyError):
        change.save()
    with pytest.raises(AppendOnlyError):
        change.delete()
    with pytest.raises(AppendOnlyError):
        AssessmentChange.objects.all().update(summary="x")
    with pytest.raises(AppendOnlyError):
        AssessmentChange.objects.all().delete()
    assert AssessmentChange.objects.get().summary.startswith("The annual self-assessment")


def test_the_page_says_who_last_changed_it(client, landlord, today):
    officer = factories.user(
        landlord=landlord, role=Role.OFFICER, first_name="Alex", last_name="Officer"
    )
    assessment = assessment_start(landlord=landlord, year=2024, by=officer)
    client.force_login(officer)

    page = client.get(f"/staff/reports/self-assessment/{assessment.pk}/").content.decode()

    assert f"Last changed by Alex Officer on {today.day} {today:%B %Y}." in page


def test_approval_through_the_page_is_recorded_against_the_person(client, landlord):
    officer = factories.user(landlord=landlord, role=Role.OFFICER)
    assessment = assessment_start(landlord=landlord, year=2023, by=None)
    _answer_all(assessment)
    client.force_login(officer)

    response = client.post(
        f"/staff/reports/self-assessment/{assessment.pk}/approve/",
        {
            "approved_by": "Board",
            "approved_on-day": "12",
            "approved_on-month": "6",
            "approved_on-year": "2024",
        },
    )

    assert response.status_code == 302
    assert assessment.changes.first().changed_by == officer
