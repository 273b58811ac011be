"""The case file bundle (Code 5.12): the indexed PDF lists every timeline entry and every
attachment, the zip holds the letters and the originals, and a big record bundles fast."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import subprocess
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied

from putright.complaints import services as complaint_services
from putright.complaints.models import Event
from putright.landlords.models import Role
from putright.letters.models import Letter
from putright.ombudsman.bundle import bundle_build, bundle_filename, bundle_produce
from putright.ombudsman.models import BundleDownload
from tests import factories
from tests.ombudsman.helpers import PNG, attach, case, closed_complaint

pytestmark = pytest.mark.django_db


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "record.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def render_pages(pdf: bytes, tmp_path: Path) -> list[Path]:
    """Render every page to PNG with pdftoppm, as a reader would open it."""
    path = tmp_path / "record.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(path), str(tmp_path / "page")], check=True)
    return sorted(tmp_path.glob("page-*.png"))


def open_bundle(content: bytes) -> zipfile.ZipFile:
    archive = zipfile.ZipFile(io.BytesIO(content))
    assert archive.testzip() is None
    return archive


def test_the_bundle_holds_an_indexed_pdf_the_originals_and_a_manifest(tmp_path):
    landlord = factories.landlord()
    complaint = closed_complaint(landlord)
    case(landlord, complaint=complaint)
    attach(complaint, "boiler photo.png")
    attach(complaint, "notes.txt", b"Called the resident on Tuesday.")

    archive = open_bundle(bundle_build(complaint))

    names = archive.namelist()
    record = f"00-case-file-{complaint.reference}.pdf"
    assert names[0] == record
    assert "attachments/001-boiler-photo.png" in names
    assert archive.read("attachments/001-boiler-photo.png") == PNG
    assert archive.read("attachments/002-notes.txt") == b"Called the resident on Tuesday."
    manifest = list(csv.DictReader(io.StringIO(archive.read("MANIFEST.csv").decode())))
    assert [row["path"] for row in manifest] == [n for n in names if n != "MANIFEST.csv"]
    for row in manifest:
        assert row["sha256"] == hashlib.sha256(archive.read(row["path"])).hexdigest()
    assert bundle_filename(complaint) == f"case-file-{complaint.reference}.zip"


def test_the_pdf_opens_and_lists_every_event_and_attachment(tmp_path):
    landlord = factories.landlord("Riverside Homes")
    complaint = closed_complaint(landlord)
    for i in range(3):
        complaint_services.complaint_add_note(
            complaint=complaint,
            text=f"Call note number {i}: rang the resident.",
            by=None,
            on=complaint.received_on,
        )
    attach(complaint, "damp-bedroom.png")
    attach(complaint, "surveyor-report.txt", b"Condensation; extractor fan needed.")
    bad = complaint.events.get(summary__startswith="Call note number 0")
    complaint_services.event_correct(event=bad, correction="The call was on Wednesday.", by=None)

    archive = open_bundle(bundle_build(complaint))
    pdf = archive.read(f"00-case-file-{complaint.reference}.pdf")

    pages = render_pages(pdf, tmp_path)
    assert len(pages) >= 5  # cover, contents, complaint, stage 1, timeline, indexes
    assert all(p.stat().st_size > 0 for p in pages)
    text = " ".join(pdf_text(pdf, tmp_path).split())
    events = list(
        Event.objects.filter(complaint=complaint).order_by("occurred_on", "recorded_at", "id")
    )
    for number, event in enumerate(events, start=1):
        assert f"Entry {number}:" in text
        assert " ".join(event.summary.split())[:60] in text
    assert f"Entry {len(events) + 1}:" not in text
    for attachment in complaint.attachments.all():
        assert attachment.filename in text
        assert attachment.sha256 in text.replace(" ", "")
    assert "This corrects entry" in text
    assert "Riverside Homes" in text
    assert "Index of attachments" in text


def test_letters_are_in_the_zip_as_issued_and_their_text_is_in_the_record(tmp_path):
    from putright.letters import services as letter_services
    from putright.letters.kinds import LetterKind

    landlord = factories.landlord(address="1 River Street\nRiverside\nRV1 1AA")
    complaint = factories.stage1_acknowledged(landlord)
    draft = letter_services.letter_draft(
        complaint=complaint, kind=LetterKind.ACKNOWLEDGEMENT_STAGE1
    )
    letter = letter_services.letter_issue(
        complaint=complaint,
        kind=LetterKind.ACKNOWLEDGEMENT_STAGE1,
        subject=draft.subject,
        body_text=draft.body_text,
        delivery="post",
        send_to="1 Test Street\nRiverside",
        by=None,
        on=complaint.received_on,
    )

    assert not letter.sha256  # posted: its PDF is made when first needed

    archive = open_bundle(bundle_build(complaint))

    letter = Letter.objects.get(pk=letter.pk)  # the bundle needed it: made and kept
    letters = [n for n in archive.namelist() if n.startswith("letters/")]
    assert len(letters) == 1
    with letter.pdf.open("rb") as handle:
        assert archive.read(letters[0]) == handle.read()
    assert hashlib.sha256(archive.read(letters[0])).hexdigest() == letter.sha256
    text = " ".join(pdf_text(archive.read(archive.namelist()[0]), tmp_path).split())
    assert draft.subject in text
    assert letter.sha256 in text.replace(" ", "")


def test_producing_a_bundle_is_logged_and_refused_to_those_who_cannot_see_the_case():
    landlord = factories.landlord()
    kestrel = factories.contractor(landlord)
    complaint = closed_complaint(landlord)
    officer = factories.user(landlord=landlord, role=Role.OFFICER)
    outsider = factories.user(landlord=factories.landlord())
    contractor_staff = factories.user(
        landlord=landlord, role=Role.CONTRACTOR_HANDLER, contractor=kestrel
    )

    built = bundle_produce(complaint=complaint, by=officer)

    log = BundleDownload.objects.get()
    assert (log.by, log.complaint, log.sha256) == (officer, complaint, built.sha256)
    assert log.events == built.events == complaint.events.count()
    for who in (outsider, contractor_staff):
        with pytest.raises(PermissionDenied):
            bundle_produce(complaint=complaint, by=who)
    assert BundleDownload.objects.count() == 1


def test_a_contractors_handler_cannot_produce_the_bundle_even_of_its_own_allocation():
    """Issue 12, item 9: the Ombudsman deals with the landlord; a contractor's handler sees
    its allocations but does not produce the landlord's case file."""
    landlord = factories.landlord()
    kestrel = factories.contractor(landlord)
    complaint = closed_complaint(landlord, contractor=kestrel)
    contractor_staff = factories.user(
        landlord=landlord, role=Role.CONTRACTOR_HANDLER, contractor=kestrel
    )

    with pytest.raises(PermissionDenied, match="cannot produce the case file bundle"):
        bundle_produce(complaint=complaint, by=contractor_staff)

    assert not BundleDownload.objects.exists()


def test_a_complaint_with_200_events_and_50_attachments_bundles_in_seconds(tmp_path):
    import time

    landlord = factories.landlord()
    complaint = closed_complaint(landlord)
    start_day = complaint.received_on
    for i in range(50):
        attach(
            complaint,
            f"photo-{i:02d}.png",
            PNG + bytes([i]),
            on=start_day + dt.timedelta(days=i % 20),
        )
    notes = 200 - complaint.events.count()
    for i in range(notes):
        complaint_services.complaint_add_note(
            complaint=complaint,
            text=f"Note {i}: spoke to the resident about the repair and the next visit, "
            "and agreed to call again after the surveyor's inspection.",
            by=None,
            on=start_day + dt.timedelta(days=i % 25),
        )
    assert complaint.events.count() == 200

    started = time.perf_counter()
    content = bundle_build(complaint)
    seconds = time.perf_counter() - started

    archive = open_bundle(content)
    assert len([n for n in archive.namelist() if n.startswith("attachments/")]) == 50
    text = " ".join(pdf_text(archive.read(archive.namelist()[0]), tmp_path).split())
    assert "Entry 200:" in text and "Entry 201:" not in text
    assert seconds < 15, f"bundling took {seconds:.1f} s"
    print(f"\ncase file bundle: 200 events, 50 attachments in {seconds:.2f} s")
