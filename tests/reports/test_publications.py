"""Code 8.2: publishing the annual report freezes its JSON, HTML and PDF with their SHA-256,
who approved it and who published it; only officers and administrators publish, only after
the governing body's response; a correction is a new version and the old one is kept,
superseded; the publication cannot be rewritten; the compliance view measures 8.2."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from putright.complaints.models import AppendOnlyError
from putright.landlords.models import Role
from putright.reports.compliance import MEASURES, measure
from putright.reports.models import Publication, PublicationFile, PublicationKind, ReportChange
from putright.reports.publications import published_years, versions_of
from putright.reports.services import annual_report_publish, narrative_save
from putright.rules.lifecycle import RuleError
from putright.rules.publication import publication_due
from tests import factories

pytestmark = pytest.mark.django_db

APPROVED_ON = dt.date(2026, 7, 14)


@pytest.fixture
def landlord():
    return factories.landlord("Known Homes")


def _approve(landlord, year=2025, on=APPROVED_ON, response="We accept the report."):
    narrative_save(
        landlord=landlord,
        year=year,
        by=None,
        introduction="Our year of complaints.",
        governing_body="Housing Committee",
        governing_body_response=response,
        governing_body_response_on=on,
    )


def _content(publication, fmt):
    stored = publication.files.get(format=fmt)
    with stored.file.open("rb") as f:
        return stored, f.read()


def test_an_officer_publishes_the_report_frozen_with_each_files_hash(landlord):
    officer = factories.user(landlord=landlord, role=Role.OFFICER)
    _approve(landlord)

    publication = annual_report_publish(landlord=landlord, year=2025, by=officer)

    assert (publication.version, publication.approved_by, publication.approved_on) == (
        1,
        "Housing Committee",
        APPROVED_ON,
    )
    assert publication.published_by == officer
    assert sorted(publication.files.values_list("format", flat=True)) == ["html", "json", "pdf"]
    for fmt in ("html", "json", "pdf"):
        stored, content = _content(publication, fmt)
        assert stored.sha256 == hashlib.sha256(content).hexdigest()
        assert stored.size == len(content)
    _, pdf = _content(publication, "pdf")
    assert pdf.startswith(b"%PDF")
    _, page = _content(publication, "html")
    assert "We accept the report." in page.decode()
    change = ReportChange.objects.get(part=ReportChange.Part.PUBLICATION)
    assert (change.landlord, change.year, change.changed_by, change.fields) == (
        landlord,
        2025,
        officer,
        ["annual-report version 1"],
    )


def test_the_published_files_do_not_change_when_the_record_changes_afterwards(landlord):
    _approve(landlord)
    publication = annual_report_publish(landlord=landlord, year=2025, by=None)
    before = {fmt: _content(publication, fmt)[1] for fmt in ("html", "json")}

    _approve(landlord, response="We have changed our minds entirely.")
    factories.complaint(landlord, received_on=dt.date(2025, 6, 2))

    after = {fmt: _content(publication, fmt)[1] for fmt in ("html", "json")}
    assert after == before
    assert "changed our minds" not in after["html"].decode()
    stored, content = _content(publication, "json")
    assert stored.sha256 == hashlib.sha256(content).hexdigest()
    assert json.loads(content)["narrative"]["governing_body_response"] == "We accept the report."


@pytest.mark.parametrize("role", [Role.VIEWER, Role.HANDLER, Role.SENIOR_HANDLER])
def test_only_officers_and_administrators_publish(landlord, role):
    _approve(landlord)
    person = factories.user(landlord=landlord, role=role)

    with pytest.raises(PermissionDenied):
        annual_report_publish(landlord=landlord, year=2025, by=person)

    assert not Publication.objects.exists()


def test_staff_of_another_landlord_cannot_publish(landlord):
    _approve(landlord)
    stranger = factories.user(landlord=factories.landlord("Other Homes"), role=Role.ADMINISTRATOR)

    with pytest.raises(PermissionDenied):
        annual_report_publish(landlord=landlord, year=2025, by=stranger)


def test_the_report_is_not_published_before_the_governing_body_responds(landlord):
    narrative_save(landlord=landlord, year=2025, by=None, governing_body="Board")

    with pytest.raises(RuleError) as refused:
        annual_report_publish(landlord=landlord, year=2025, by=None)

    assert set(refused.value.problems) == {
        "governing_body_response",
        "governing_body_response_on",
    }
    assert "written sections page" in refused.value.problems["governing_body_response"]
    assert not Publication.objects.exists()


def test_a_correction_is_a_new_version_and_the_old_one_is_kept_superseded(landlord):
    _approve(landlord)
    first = annual_report_publish(landlord=landlord, year=2025, by=None)

    with pytest.raises(RuleError) as refused:
        annual_report_publish(landlord=landlord, year=2025, by=None)
    assert "say what this version corrects" in refused.value.problems["correction"]

    _approve(landlord, response="We accept the corrected report.")
    second = annual_report_publish(
        landlord=landlord, year=2025, correction="The stage 2 figures were wrong.", by=None
    )

    assert second.version == 2
    assert second.correction == "The stage 2 figures were wrong."
    versions = versions_of(landlord, 2025, PublicationKind.ANNUAL_REPORT)
    assert [(v.publication, v.superseded_by) for v in versions] == [(second, None), (first, 2)]
    assert _content(first, "html")[1] != _content(second, "html")[1]
    assert "We accept the report." in _content(first, "html")[1].decode()


def test_a_publication_and_its_files_cannot_be_rewritten_or_deleted(landlord):
    _approve(landlord)
    publication = annual_report_publish(landlord=landlord, year=2025, by=None)
    stored = publication.files.first()

    with pytest.raises(AppendOnlyError):
        publication.save()
    with pytest.raises(AppendOnlyError):
        Publication.objects.update(approved_by="Someone else")
    with pytest.raises(AppendOnlyError):
        publication.delete()
    with pytest.raises(AppendOnlyError):
        stored.save()
    with pytest.raises(AppendOnlyError):
        publication.files.update(sha256="0" * 64)


def test_published_years_lists_each_landlords_own_latest_year_first(landlord):
    other = factories.landlord("Other Homes")
    _approve(landlord, year=2024, on=dt.date(2025, 7, 1))
    _approve(landlord, year=2025)
    _approve(other, year=2025)
    annual_report_publish(landlord=landlord, year=2024, by=None)
    annual_report_publish(landlord=landlord, year=2025, by=None)
    theirs = annual_report_publish(landlord=other, year=2025, by=None)

    years = published_years(landlord)

    assert [y.year for y in years] == [2025, 2024]
    assert all(
        v.publication.landlord == landlord for y in years for d in y.documents for v in d.versions
    )
    assert [d.current.publication for d in published_years(other)[0].documents] == [theirs]


def test_8_2_is_measured_from_the_record(landlord):
    assert "8.2" in MEASURES
    _approve(landlord, year=2025, on=APPROVED_ON)
    due = publication_due(landlord.calendar(), APPROVED_ON)

    nothing_yet = measure(landlord, 2026, "8.2", on=APPROVED_ON + dt.timedelta(days=1))
    assert nothing_yet.total == 0  # not due yet

    late = measure(landlord, 2026, "8.2", on=due + dt.timedelta(days=1))
    assert (late.met, late.total, late.breaches) == (0, 1, 1)

    with time_machine.travel(dt.datetime(2026, 7, 20, 10, 0, tzinfo=dt.UTC), tick=False):
        annual_report_publish(landlord=landlord, year=2025, by=None)
    on_time = measure(landlord, 2026, "8.2", on=dt.date(2026, 12, 1))
    assert (on_time.met, on_time.total, on_time.breaches) == (1, 1, 0)
    assert "1 of 1 annual reports" in on_time.sentence


def test_8_2_counts_a_report_published_after_the_day_as_late(landlord):
    _approve(landlord, year=2025, on=APPROVED_ON)
    due = publication_due(landlord.calendar(), APPROVED_ON)
    with time_machine.travel(
        dt.datetime.combine(due + dt.timedelta(days=3), dt.time(10), tzinfo=dt.UTC), tick=False
    ):
        annual_report_publish(landlord=landlord, year=2025, by=None)

    late = measure(landlord, 2026, "8.2", on=dt.date(2026, 12, 1))

    assert (late.met, late.total) == (0, 1)


def test_a_publication_that_fails_part_way_leaves_no_file_behind(landlord, tmp_path, monkeypatch):
    """The rows roll back with the transaction; the files stored before the failure are
    deleted with them, so storage holds nothing no row points at."""
    _approve(landlord)
    saves = []
    real_save = PublicationFile.save

    def failing_on_the_third(self, *args, **kwargs):
        saves.append(self.format)
        if len(saves) == 3:
            raise OSError("The disk is full")
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(PublicationFile, "save", failing_on_the_third)
    with pytest.raises(OSError, match="disk is full"):
        annual_report_publish(landlord=landlord, year=2025, by=None)

    assert saves == ["html", "pdf", "json"]
    assert not Publication.objects.exists()
    folder = tmp_path / "files" / "publications"
    assert not folder.exists() or not [p for p in folder.rglob("*") if p.is_file()]
