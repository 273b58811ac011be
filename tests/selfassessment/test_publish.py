"""Code 8.2: an approved self-assessment is published frozen as HTML, PDF, spreadsheet and
JSON with each file's SHA-256; only officers and administrators publish it, only once it is
approved; its history says so; a correction supersedes the version before; and `putright
publish` publishes the year's report and self-assessment together, or neither."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from putright.landlords.models import Role
from putright.reports.models import Publication, PublicationKind
from putright.reports.publications import versions_of
from putright.reports.services import narrative_save
from putright.selfassessment.catalogue import PROVISIONS
from putright.selfassessment.services import (
    AnswerInput,
    AssessmentError,
    answers_save,
    assessment_approve,
    assessment_publish,
    assessment_start,
)
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def landlord():
    return factories.landlord("Known Homes")


def approved_assessment(landlord, year=2025, evidence="Our policy"):
    assessment = assessment_start(landlord=landlord, year=year, by=None)
    answers_save(
        assessment=assessment,
        answers={p.number: AnswerInput("yes", evidence=evidence) for p in PROVISIONS},
        by=None,
    )
    return assessment_approve(
        assessment=assessment,
        approved_on=dt.date(2026, 7, 14),
        approved_by="Board",
        today=dt.date(2026, 12, 7),
        by=None,
    )


def _read(publication, fmt):
    stored = publication.files.get(format=fmt)
    with stored.file.open("rb") as f:
        return stored, f.read()


def test_an_administrator_publishes_the_approved_self_assessment_frozen(landlord):
    administrator = factories.user(landlord=landlord, role=Role.ADMINISTRATOR)
    assessment = approved_assessment(landlord)

    publication = assessment_publish(assessment=assessment, by=administrator)

    assert (publication.kind, publication.year, publication.version) == (
        PublicationKind.SELF_ASSESSMENT,
        2025,
        1,
    )
    assert (publication.approved_by, publication.approved_on) == ("Board", dt.date(2026, 7, 14))
    assert publication.published_by == administrator
    assert sorted(publication.files.values_list("format", flat=True)) == [
        "html",
        "json",
        "pdf",
        "xlsx",
    ]
    for fmt in ("html", "json", "pdf", "xlsx"):
        stored, content = _read(publication, fmt)
        assert stored.sha256 == hashlib.sha256(content).hexdigest()
    data = json.loads(_read(publication, "json")[1])
    assert data["approved_by"] == "Board"
    assert {p["provision"] for p in data["provisions"]} == {p.number for p in PROVISIONS}
    change = assessment.changes.first()
    assert (change.action, change.changed_by) == ("published", administrator)


def test_a_self_assessment_not_yet_approved_is_not_published(landlord):
    assessment = assessment_start(landlord=landlord, year=2025, by=None)

    with pytest.raises(AssessmentError) as refused:
        assessment_publish(assessment=assessment, by=None)

    assert "approval" in refused.value.problems["assessment"]
    assert not Publication.objects.exists()


def test_a_viewer_cannot_publish_the_self_assessment(landlord):
    assessment = approved_assessment(landlord)
    viewer = factories.user(landlord=landlord, role=Role.VIEWER)

    with pytest.raises(PermissionDenied):
        assessment_publish(assessment=assessment, by=viewer)

    assert not Publication.objects.exists()


def test_a_second_self_assessment_for_the_year_supersedes_the_first_with_a_correction(
    landlord,
):
    first = assessment_publish(assessment=approved_assessment(landlord), by=None)
    again = approved_assessment(landlord, evidence="Our revised policy")

    with pytest.raises(AssessmentError):
        assessment_publish(assessment=again, by=None)
    second = assessment_publish(
        assessment=again, correction="The evidence for every provision is updated.", by=None
    )

    versions = versions_of(landlord, 2025, PublicationKind.SELF_ASSESSMENT)
    assert [(v.publication, v.superseded_by) for v in versions] == [(second, None), (first, 2)]
    assert b"Our revised policy" not in _read(first, "html")[1]
    assert b"Our revised policy" in _read(second, "html")[1]


def test_the_publish_command_publishes_the_report_and_the_self_assessment(landlord, capsys):
    narrative_save(
        landlord=landlord,
        year=2025,
        by=None,
        governing_body="Board",
        governing_body_response="Accepted.",
        governing_body_response_on=dt.date(2026, 7, 14),
    )
    approved_assessment(landlord)

    call_command("publish", "--landlord", "Known Homes", "--year", "2025")

    out = capsys.readouterr().out
    assert "Published the annual report for 2025/26, version 1" in out
    assert "Published the self-assessment for 2025/26, version 1" in out
    assert sorted(Publication.objects.values_list("kind", flat=True)) == [
        "annual-report",
        "self-assessment",
    ]


def test_the_publish_command_publishes_neither_when_one_cannot_be(landlord):
    narrative_save(
        landlord=landlord,
        year=2025,
        by=None,
        governing_body="Board",
        governing_body_response="Accepted.",
        governing_body_response_on=dt.date(2026, 7, 14),
    )

    with pytest.raises(CommandError) as refused:
        call_command("publish", "--landlord", "Known Homes", "--year", "2025")

    assert "no self-assessment for 2025/26 approved" in str(refused.value)
    assert not Publication.objects.exists()


def test_the_publish_command_says_each_problem_on_its_own_line(landlord):
    with pytest.raises(CommandError) as refused:
        call_command("publish", "--landlord", "Nobody", "--year", "25")

    assert str(refused.value).splitlines() == [
        "There is no landlord called 'Nobody'.",
        "--year must be a year such as 2025 (for 2025/26), not '25'",
    ]
