"""The letters' part of a subject access (docs/security.md, "Subject access"): each
complaint's issued letters, as sent, with their PDFs under ``letters/``. A letter whose PDF
the retention policy removed is listed, without it. Registered when the app starts."""

from __future__ import annotations

from collections.abc import Sequence

from putright.complaints.models import Complaint
from putright.complaints.subject_access.document import Entry, Fact, Listing
from putright.complaints.subject_access.parts import Part, register
from putright.complaints.subject_access.record import FILE_REMOVED, safe_filename, staff_name
from putright.letters.kinds import LetterKind
from putright.letters.models import Letter
from putright.letters.services import letter_pdf_make, letter_pdf_removed
from putright.residents.models import Resident


def letters_part(resident: Resident, complaints: Sequence[Complaint]) -> Part:
    part = Part()
    letters = (
        Letter.objects.filter(complaint__in=complaints)
        .select_related("complaint", "issued_by")
        .order_by("complaint_id", "issued_on", "id")
    )
    by_complaint: dict[int, list[Entry]] = {c.pk: [] for c in complaints}
    for letter in letters:
        entries = by_complaint[letter.complaint_id]
        label = LetterKind(letter.kind).label
        path = ""
        if not letter_pdf_removed(letter):
            reference = safe_filename(letter.complaint.reference)
            path = (
                f"letters/{reference}/{len(entries) + 1:02d}-{letter.issued_on:%Y-%m-%d}-"
                f"{safe_filename(letter.kind)}.pdf"
            )
            pdf = letter_pdf_make(letter=letter)  # a posted letter's is made if not yet
            part.files.append((path, pdf, f"the {label.lower()} letter"))
        facts = [
            Fact("kind", "Letter", label),
            Fact("stage", "Stage", letter.stage),
            Fact("issued_on", "Dated", letter.issued_on),
            Fact("issued_by", "Issued by", staff_name(letter.issued_by)),
            Fact("delivery", "Sent as", letter.get_delivery_display()),
            Fact("sent_to", "Sent to", letter.sent_to),
            Fact("large_print", "Large print", letter.large_print),
            Fact("subject", "Subject", letter.subject),
            Fact("text", "What it said", letter.body_text),
            Fact("sha256", "SHA-256 of the PDF", letter.sha256),
            Fact("file", "In this download", path or FILE_REMOVED),
        ]
        entries.append(Entry(f"{label}, {letter.issued_on:%-d %B %Y}", facts))
    for pk, entries in by_complaint.items():
        part.per_complaint[pk] = [
            Listing("letters", "Letters we sent you", entries, "No letter has been sent.")
        ]
    return part


def register_part() -> None:
    register("letters", letters_part)
