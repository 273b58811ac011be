"""The case file bundle (Code 5.12: a full record; domain.md §7: for an evidence request,
every timeline entry and attachment of the complaint, in order, as one PDF plus the
originals, in minutes).

The bundle is a zip holding:

- ``00-case-file-<REF>.pdf``: an indexed PDF of the whole record: a cover, the contents
  with page numbers, the complaint's details and each stage, every timeline entry in order
  (with the full text of each letter issued), the index of letters and of attachments (each
  with its SHA-256), and the Ombudsman casework;
- ``letters/``: every issued letter's PDF, exactly as it was frozen when issued (a posted
  letter's made from its frozen HTML if nobody had needed it yet);
- ``attachments/``: every attached file as it was received;
- ``MANIFEST.csv``: each file in the zip with its size and SHA-256, so the Ombudsman can
  check nothing was changed.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from putright.complaints.models import Attachment, Complaint, Event, Stage
from putright.landlords.permissions import can_see, contractor_of
from putright.letters.models import Letter
from putright.letters.render import render_pdf
from putright.letters.services import letter_pdf_make, letter_pdf_removed
from putright.ombudsman.models import BundleDownload, OmbudsmanCase
from putright.web.spreadsheets import csv_writer


@dataclass(frozen=True, slots=True)
class Bundle:
    """A built bundle: the zip and what it holds."""

    content: bytes
    events: int
    letters: int
    attachments: int

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    number: int
    event: Event
    letter: Letter | None
    attachment_number: int | None
    corrects_number: int | None


@dataclass(frozen=True, slots=True)
class AttachmentEntry:
    number: int
    attachment: Attachment
    path: str


@dataclass(frozen=True, slots=True)
class LetterEntry:
    number: int
    letter: Letter
    path: str


def bundle_filename(complaint: Complaint) -> str:
    return f"case-file-{_safe(complaint.reference)}.zip"


def _safe(name: str) -> str:
    """A file name safe in any zip tool: letters, digits, dot, hyphen and underscore."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.")
    return cleaned[:120] or "file"


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def _record(complaint: Complaint) -> Complaint:
    return (
        Complaint.objects.select_related(
            "landlord",
            "resident",
            "representative",
            "home",
            "service_area",
            "contractor",
            "theme",
            "logged_by",
        )
        .prefetch_related(
            "other_service_areas",
            "other_themes",
            "stages__points",
            "stages__extensions",
            "stages__remedies",
            "stages__actions",
            "stages__handler",
        )
        .get(pk=complaint.pk)
    )


def bundle_make(complaint: Complaint) -> Bundle:
    """Build the case file bundle of ``complaint`` (see the module docstring). Reads only,
    but for making the PDF of a letter issued by post that nobody had needed yet."""
    complaint = _record(complaint)
    events = list(
        Event.objects.filter(complaint=complaint)
        .select_related("actor", "letter", "attachment", "corrects")
        .order_by("occurred_on", "recorded_at", "id")
    )
    attachments: list[AttachmentEntry] = []
    letters: list[LetterEntry] = []
    timeline: list[TimelineEntry] = []
    numbers: dict[int, int] = {}
    for n, event in enumerate(events, start=1):
        numbers[event.pk] = n
        # A reverse one-to-one with no row raises an AttributeError: getattr's default.
        letter = getattr(event, "letter", None)
        attachment = getattr(event, "attachment", None)
        attachment_number = None
        if attachment is not None:
            attachment_number = len(attachments) + 1
            attachments.append(
                AttachmentEntry(
                    attachment_number,
                    attachment,
                    f"attachments/{attachment_number:03d}-{_safe(attachment.filename)}",
                )
            )
        if letter is not None:
            if not letter_pdf_removed(letter):
                letter_pdf_make(letter=letter)  # a posted letter's, made if not yet (its SHA-256)
            number = len(letters) + 1
            letters.append(
                LetterEntry(
                    number,
                    letter,
                    f"letters/{number:02d}-{letter.issued_on:%Y-%m-%d}-{_safe(letter.kind)}.pdf",
                )
            )
        corrects = numbers.get(event.corrects_id) if event.corrects_id else None
        timeline.append(TimelineEntry(n, event, letter, attachment_number, corrects))
    stages: list[Stage] = sorted(complaint.stages.all(), key=lambda s: s.number)
    cases = list(
        OmbudsmanCase.objects.filter(complaint=complaint).prefetch_related(
            "contacts__replies", "determinations__findings", "determinations__orders"
        )
    )
    produced_at = timezone.localtime()
    html = render_to_string(
        "ombudsman/bundle.html",
        {
            "complaint": complaint,
            "landlord": complaint.landlord,
            "stages": stages,
            "timeline": timeline,
            "letters": letters,
            "attachments": attachments,
            "cases": cases,
            "produced_at": produced_at,
        },
    )
    record_pdf = render_pdf(html)

    files: list[tuple[str, bytes]] = [
        (f"00-case-file-{_safe(complaint.reference)}.pdf", record_pdf)
    ]
    # A file the retention policy removed is listed in the record's PDF, not included.
    for letter_entry in letters:
        if not letter_pdf_removed(letter_entry.letter):
            files.append((letter_entry.path, letter_pdf_make(letter=letter_entry.letter)))
    for attachment_entry in attachments:
        if attachment_entry.attachment.file:
            with attachment_entry.attachment.file.open("rb") as handle:
                files.append((attachment_entry.path, handle.read()))
    return Bundle(_zip(files), len(events), len(letters), len(attachments))


def _zip(files: list[tuple[str, bytes]]) -> bytes:
    """The files in a zip with a manifest. PDFs, images and documents are compressed
    already, so they are stored as they are (quicker, and no smaller deflated)."""
    manifest = io.StringIO()
    writer = csv_writer(manifest, lineterminator="\n")
    writer.writerow(["path", "size_bytes", "sha256"])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for path, data in files:
            archive.writestr(path, data)
            writer.writerow([path, len(data), hashlib.sha256(data).hexdigest()])
        archive.writestr(
            "MANIFEST.csv", manifest.getvalue().encode(), compress_type=zipfile.ZIP_DEFLATED
        )
    return buffer.getvalue()


def bundle_build(complaint: Complaint) -> bytes:
    """The case file bundle of ``complaint`` as the bytes of a zip (Code 5.12)."""
    return bundle_make(complaint).content


@transaction.atomic
def bundle_produce(*, complaint: Complaint, by: User | None) -> Bundle:
    """Build the bundle for someone who may see the complaint, and log that they did (every
    read of a case file by staff is logged, domain.md §11). ``by`` None is the command line.
    The landlord's own staff only: the Ombudsman deals with the landlord, so a contractor's
    handler, who sees only its own allocations, does not produce the landlord's case file."""
    if by is not None and not can_see(by, complaint.landlord, complaint):
        raise PermissionDenied("You cannot see this complaint.")
    if contractor_of(by, complaint.landlord) is not None:
        raise PermissionDenied(
            "A contractor's handler cannot produce the case file bundle. Ask the landlord's "
            "complaints team, who deal with the Housing Ombudsman."
        )
    built = bundle_make(complaint)
    BundleDownload.objects.create(
        landlord_id=complaint.landlord_id,
        complaint=complaint,
        by=by if by is not None and by.is_authenticated else None,
        sha256=built.sha256,
        size=len(built.content),
        events=built.events,
        attachments=built.attachments,
    )
    return built
