"""The retention policy (domain.md §11): ``retention_due`` and ``retention_apply``, and the
``putright retention`` command.

The records are the two landlords whose every figure the report tests know by hand
(tests/reports/construction.py: a register of 2022/23 and 2023/24, and a year worked
through the services with the Ombudsman, learning, feedback and a self-assessment), made
on 1 July 2024 (``back_then``: a record's allocation is dated the day it is made) with a
retention period of one year, plus residents whose letters, files and contacts are removed
or kept. Every report of every year is worked out before and after: they are the
same, byte for byte.
"""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from putright.complaints import services
from putright.complaints.models import (
    Attachment,
    Complaint,
    Contact,
    Event,
    EventKind,
    HazardCase,
)
from putright.complaints.services.retention import (
    RETENTION_SUMMARY,
    retention_apply,
    retention_due,
)
from putright.landlords.models import Landlord, Role
from putright.letters import services as letters
from putright.letters.kinds import Delivery, LetterKind
from putright.letters.models import Letter
from putright.letters.services import letter_pdf_make
from putright.ombudsman.models import OmbudsmanCase
from putright.portal.models import Feedback
from putright.reports.compliance_export import compliance_figures
from putright.reports.exports import annual_export, quarterly_export, tsm_export
from putright.reports.periods import Quarter
from putright.residents.models import (
    DisclosedDisability,
    EqualityData,
    ReasonableAdjustment,
    Representative,
    Resident,
)
from putright.residents.services import ANONYMISED_RESIDENT
from putright.rules.hazards import NOT_FLAGGED, WORDS_VERSION
from putright.rules.retention import REMOVED
from putright.selfassessment.models import SelfAssessment
from putright.selfassessment.report import assessment_document
from tests import factories
from tests.letters import records
from tests.reports.construction import build_landlord, build_worked_landlord

pytestmark = pytest.mark.django_db

D = dt.date
PHOTO = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _letter(complaint: Complaint, kind: LetterKind, on: dt.date) -> Letter:
    draft = letters.letter_draft(complaint=complaint, kind=kind, on=on)
    return letters.letter_issue(
        complaint=complaint,
        kind=kind,
        subject=draft.subject,
        body_text=draft.body_text,
        delivery=Delivery.POST,
        by=None,
        # The resident needs large print (Code 5.10): the letter says how it meets it.
        formats_met={"large_print": "Printed in 18 point and posted."},
        on=on,
    )


def _gone_resident(landlord: Landlord) -> Complaint:
    """Amina Okafor's only complaint: acknowledged with its letter, a photo attached, a
    call recorded, then withdrawn on 12 April 2024 (made ``back_then``). She
    has a representative, an adjustment, a disclosed disability and equality data."""
    complaint = records.stage1_acknowledged(landlord)
    resident = complaint.resident
    Representative.objects.create(
        resident=resident, name="Jo Advocate", kind="advocate", email="jo@advocacy.example",
        phone="07700 900123", consent_given_on=D(2024, 3, 29),
    )  # fmt: skip
    ReasonableAdjustment.objects.create(
        resident=resident, kind="large_print", details="Print in 18 point, Arial",
        agreed_on=D(2024, 3, 29), review_due_on=D(2025, 3, 29),
    )  # fmt: skip
    DisclosedDisability.objects.create(
        resident=resident, description="Partially sighted", review_due_on=D(2025, 3, 29)
    )
    EqualityData.objects.create(
        landlord=landlord, resident=resident, age_band="31_50", sex="female",
        ethnicity="Black British, African", disability="yes",
    )  # fmt: skip
    _letter(complaint, LetterKind.ACKNOWLEDGEMENT_STAGE1, records.STAGE1_ACKNOWLEDGED)
    services.complaint_attach(
        complaint=complaint, filename="amina-okafor-boiler.png", content=PHOTO,
        content_type="image/png", by=None, description="Photo of the boiler",
        on=D(2024, 4, 5),
    )  # fmt: skip
    services.complaint_record_contact(
        complaint=complaint, method="phone", direction="from_resident",
        with_whom="Amina Okafor", summary="She says the heater broke too.",
        at=dt.datetime(2024, 4, 8, 10, 15, tzinfo=dt.UTC), by=None,
    )  # fmt: skip
    services.hazard_record_awareness(
        complaint=complaint, hazard_class="emergency",
        description="Amina Okafor's boiler leaking fumes at Willow Court",
        aware_at=dt.datetime(2024, 4, 8, 10, 15, tzinfo=dt.UTC),
        repairs_told_at=dt.datetime(2024, 4, 8, 10, 30, tzinfo=dt.UTC), by=None,
    )  # fmt: skip
    services.complaint_withdraw(
        complaint=complaint, requested_by="Amina Okafor", by=None, on=D(2024, 4, 12)
    )
    return Complaint.objects.get(pk=complaint.pk)


def _kept_resident(landlord: Landlord, today: dt.date) -> tuple[Complaint, Complaint]:
    """Kim Kept: an old complaint withdrawn in 2023 (made ``back_then``), and one received
    last week, open."""
    kim = Resident.objects.create(
        landlord=landlord, name="Kim Kept", email="kim@example.org", phone="07700 900456"
    )
    old = factories.complaint(
        landlord, received_on=D(2023, 6, 1), resident=kim, description="Kim's old words."
    )
    services.complaint_withdraw(complaint=old, requested_by="Kim Kept", by=None, on=D(2023, 6, 2))
    new = factories.complaint(
        landlord, received_on=today - dt.timedelta(7), resident=kim, description="Kim's new words."
    )
    services.complaint_attach(
        complaint=new, filename="kim.png", content=PHOTO, content_type="image/png", by=None,
        on=today - dt.timedelta(6),
    )  # fmt: skip
    return Complaint.objects.get(pk=old.pk), Complaint.objects.get(pk=new.pk)


def _recently_closed(landlord: Landlord, today: dt.date) -> Complaint:
    """Withdrawn six months ago: inside the year."""
    resident = Resident.objects.create(
        landlord=landlord, name="Rae Recent", email="rae@example.org"
    )
    received = today - dt.timedelta(days=183)
    complaint = factories.complaint(
        landlord, received_on=received, resident=resident, description="Rae's words."
    )
    services.complaint_withdraw(
        complaint=complaint, requested_by="Rae Recent", by=None, on=received
    )
    return Complaint.objects.get(pk=complaint.pk)


def _every_report(landlord: Landlord) -> dict[str, object]:
    """Every published report of every year, as published: the annual report's and the TSM
    return's JSON, every quarterly update, the compliance view and the self-assessment."""
    reports: dict[str, object] = {}
    for year in range(2021, 2027):
        reports[f"annual {year}"] = annual_export(landlord, year, "json").content
        reports[f"tsm {year}"] = tsm_export(landlord, year, "json").content
        reports[f"compliance {year}"] = json.dumps(compliance_figures(landlord, year), default=str)
        for number in range(1, 5):
            quarter = Quarter(year, number)
            reports[f"quarterly {quarter}"] = quarterly_export(landlord, quarter, "json").content
    for assessment in SelfAssessment.objects.filter(landlord=landlord):
        reports[f"self-assessment {assessment.pk}"] = repr(assessment_document(assessment))
    return reports


@pytest.fixture
def back_then(time_machine, today):
    """Run a builder with the clock on 1 July 2024, then put it back on ``today``."""

    def run(build, *args):
        time_machine.move_to(dt.datetime(2024, 7, 1, 10, tzinfo=dt.UTC), tick=False)
        try:
            return build(*args)
        finally:
            time_machine.move_to(dt.datetime.combine(today, dt.time(10), tzinfo=dt.UTC))

    return run


@pytest.fixture
def landlords(back_then) -> tuple[Landlord, Landlord]:
    known, worked = back_then(build_landlord), back_then(build_worked_landlord)
    Landlord.objects.filter(pk__in=[known.pk, worked.pk]).update(retention_years=1)
    known.refresh_from_db()
    worked.refresh_from_db()
    return known, worked


def test_every_published_figure_of_every_year_is_the_same_after_retention(
    landlords, back_then, today
):
    known, _ = landlords
    gone = back_then(_gone_resident, known)
    _kept_resident(known, today)
    _recently_closed(known, today)
    before = {ll.name: _every_report(ll) for ll in landlords}

    for ll in landlords:
        plan = retention_apply(landlord=ll, by=None)
        assert plan.complaints > 0, ll

    assert Complaint.objects.get(pk=gone.pk).anonymised_on == today
    after = {ll.name: _every_report(ll) for ll in landlords}
    for name, reports in before.items():
        for report, content in reports.items():
            assert after[name][report] == content, f"{name}: {report} changed"
    # The equality figures were counted from someone's equality data before and after.
    annual = json.loads(before[known.name]["annual 2023"])
    assert "equality" in json.dumps(annual)


def test_a_closed_record_past_the_period_loses_its_personal_data(
    landlords, back_then, today, django_capture_on_commit_callbacks
):
    known, _ = landlords
    complaint = back_then(_gone_resident, known)
    # Kept as flagged (as though the words had found a hazard in its description), so the
    # priority is seen to go with the description.
    Complaint.objects.filter(pk=complaint.pk).update(hazard_priority=1)
    resident = complaint.resident
    letter = Letter.objects.get(complaint=complaint)
    letter_pdf_make(letter=letter)  # printed once, so its PDF is on file to be removed
    attachment = Attachment.objects.get(complaint=complaint)
    files = [letter.pdf.name, attachment.file.name]
    assert all(files)
    assert all(default_storage.exists(name) for name in files)

    with django_capture_on_commit_callbacks(execute=True):
        retention_apply(landlord=known, by=None)

    complaint = Complaint.objects.get(pk=complaint.pk)
    assert complaint.description == REMOVED and complaint.outcome_wanted == REMOVED
    # Its safety words' priority went with its description.
    assert (complaint.hazard_priority, complaint.hazard_words) == (NOT_FLAGGED, WORDS_VERSION)
    assert complaint.withdrawn_by == REMOVED and complaint.home is None
    stage = complaint.stages.get(number=1)
    assert stage.outcomes_sought == REMOVED and stage.not_responsible == REMOVED
    assert {p.summary for p in stage.points.all()} == {REMOVED}
    resident = Resident.objects.get(pk=resident.pk)
    assert (resident.name, resident.email, resident.phone, resident.home) == (
        ANONYMISED_RESIDENT, "", "", None,
    )  # fmt: skip
    assert resident.anonymised_on == today
    representative = Representative.objects.get(resident=resident)
    assert (representative.email, representative.phone) == ("", "")
    assert "Jo" not in representative.name
    assert representative.consent_given_on == D(2024, 3, 29)  # counted for Code 3.6
    assert ReasonableAdjustment.objects.get(resident=resident).details == REMOVED
    assert not DisclosedDisability.objects.filter(resident=resident).exists()
    # Equality data: held against the complaint now, never the person.
    assert not EqualityData.objects.filter(resident=resident).exists()
    assert EqualityData.objects.get(complaint=complaint).ethnicity == "Black British, African"
    letter = Letter.objects.get(pk=letter.pk)
    assert (letter.body_text, letter.html, letter.sent_to, letter.pdf.name) == (
        REMOVED, REMOVED, REMOVED, "",
    )  # fmt: skip
    assert letter.kind == LetterKind.ACKNOWLEDGEMENT_STAGE1 and letter.sha256
    attachment = Attachment.objects.get(pk=attachment.pk)
    assert attachment.file.name == "" and "amina" not in attachment.filename
    assert attachment.size == len(PHOTO)
    assert not any(default_storage.exists(name) for name in files)
    contact = Contact.objects.get(complaint=complaint)
    assert (contact.with_whom, contact.summary) == (REMOVED, REMOVED)
    assert HazardCase.objects.get(complaint=complaint).description == REMOVED
    timeline = list(Event.objects.filter(complaint=complaint))
    for event in timeline:
        text = event.summary + json.dumps(event.detail)
        for word in ("Amina", "Okafor", "heater", "boiler", "Willow"):
            assert word not in text, (event.kind, text)
    assert timeline[-1].kind == EventKind.RETENTION
    assert timeline[-1].summary == RETENTION_SUMMARY


def test_a_resident_with_an_open_or_recent_complaint_keeps_their_data(landlords, back_then, today):
    known, worked = landlords
    old, new = _kept_resident(known, today)
    recent = _recently_closed(known, today)
    attachment = Attachment.objects.get(complaint=new)

    plan = retention_apply(landlord=known, by=None)

    assert old.pk in plan.complaint_ids
    assert new.pk not in plan.complaint_ids and recent.pk not in plan.complaint_ids
    kim = Resident.objects.get(pk=old.resident_id)
    assert (kim.name, kim.email, kim.phone, kim.anonymised_on) == (
        "Kim Kept", "kim@example.org", "07700 900456", None,
    )  # fmt: skip
    # Her old complaint's own words go all the same; her open one is untouched.
    assert Complaint.objects.get(pk=old.pk).description == REMOVED
    assert Complaint.objects.get(pk=new.pk).description == "Kim's new words."
    assert default_storage.exists(Attachment.objects.get(pk=attachment.pk).file.name)
    rae = Complaint.objects.get(pk=recent.pk)
    assert rae.description == "Rae's words." and rae.resident.name == "Rae Recent"
    assert rae.anonymised_on is None
    # A complaint with a remedy never done (Worked Homes' E1) is not closed, so kept.
    plan = retention_apply(landlord=worked, by=None)
    e1 = Complaint.objects.get(landlord=worked, received_on=D(2023, 9, 4))
    assert e1.pk not in plan.complaint_ids and e1.anonymised_on is None
    assert e1.resident.name == "Pat Example"


def test_the_dry_run_counts_what_would_go_and_changes_nothing(landlords, back_then, today):
    known, _ = landlords
    gone = back_then(_gone_resident, known)
    _kept_resident(known, today)
    versions = dict(Complaint.objects.values_list("pk", "version"))

    plan = retention_due(landlord=known)

    assert gone.pk in plan.complaint_ids
    assert plan.attachments == 1 and plan.letters == 1
    assert gone.resident_id in plan.resident_ids
    assert plan.oldest_closure is not None and plan.oldest_closure <= D(2024, 7, 1)
    assert dict(Complaint.objects.values_list("pk", "version")) == versions
    assert Resident.objects.get(pk=gone.resident_id).name == "Amina Okafor"


def test_a_second_run_finds_nothing_more(landlords, back_then):
    known, _ = landlords
    back_then(_gone_resident, known)
    retention_apply(landlord=known, by=None)
    again = retention_due(landlord=known)
    assert (again.complaints, again.residents, again.attachments, again.letters) == (0, 0, 0, 0)


def test_only_an_administrator_applies_the_retention_policy(landlords):
    known, _ = landlords
    officer = factories.user(landlord=known, role=Role.OFFICER)
    with pytest.raises(Exception, match="administrator"):
        retention_apply(landlord=known, by=officer)
    admin = factories.user(landlord=known, role=Role.ADMINISTRATOR)
    assert retention_apply(landlord=known, by=admin).complaints > 0


def test_feedback_words_and_ombudsman_words_go_their_scores_and_findings_stay(landlords):
    _, worked = landlords
    e2 = Complaint.objects.get(landlord=worked, received_on=D(2023, 11, 6))
    Feedback.objects.filter(complaint=e2).update(comments="Jo at the office was rude.")
    OmbudsmanCase.objects.filter(complaint=e2).update(summary="Mr Example's repairs")

    retention_apply(landlord=worked, by=None)

    feedback = Feedback.objects.get(complaint=e2)
    assert feedback.comments == REMOVED and feedback.process_satisfaction == 1
    case = OmbudsmanCase.objects.get(complaint=e2)
    assert case.summary == REMOVED and case.reference == "HOS-2024-001"


def test_the_command_dry_run_then_apply(landlords, back_then):
    known, _ = landlords
    back_then(_gone_resident, known)
    out = io.StringIO()
    call_command("retention", "--landlord", known.name, stdout=out)
    text = out.getvalue()
    assert "Would anonymise:" in text and "1 attachments, 1 letters" in text
    assert "Oldest closure date:" in text and "nothing was changed" in text
    assert not Complaint.objects.filter(anonymised_on__isnull=False).exists()

    out = io.StringIO()
    call_command("retention", "--landlord", known.name, "--apply", stdout=out)
    assert "Anonymised:" in out.getvalue()
    assert Complaint.objects.filter(landlord=known, anonymised_on__isnull=False).exists()


def test_the_command_names_a_landlord_it_does_not_know():
    with pytest.raises(CommandError, match="There is no landlord called 'Nobody'"):
        call_command("retention", "--landlord", "Nobody")
