"""Subject access (UK GDPR Article 15; docs/security.md, "Subject access"): the zip of
everything Putright holds about one resident, and the record that it was produced.

``subject_access_produce`` builds it, for ``putright subject-access`` and the staff
resident page alike:

- ``subject-access.json``: the resident, their home, representatives, adjustments and
  requests for support, disabilities, vulnerabilities, restrictions and equality answers,
  and every complaint with its stages, points, decisions, remedies, actions, contacts,
  timeline and files; each complaint's letters, Ombudsman cases, online feedback and who
  read it (the parts the apps above add, ``putright.complaints.subject_access.parts``);
- ``subject-access.html``: the same, as one page to read;
- ``letters/`` and ``attachments/``: the issued letters' PDFs and the attached files (a
  file the retention policy removed is listed as removed, not included);
- ``access-log.csv``: who read each complaint's case file, and when.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from putright.complaints.models import Attachment, Complaint
from putright.complaints.services._common import User
from putright.complaints.subject_access.document import (
    Document,
    Listing,
    document_html,
    document_json,
)
from putright.complaints.subject_access.parts import Part, parts_of
from putright.complaints.subject_access.record import (
    complaint_attachments,
    complaint_entry,
    complaints_of,
    resident_listings,
)
from putright.landlords.permissions import require_role
from putright.residents.models import Resident, SubjectAccessDisclosure
from putright.residents.services import EQUALITY_ROLES

#: Who may produce it: the zip holds the resident's equality answers, so only the roles
#: that may see those (complaints officers and administrators), or the command line.
SUBJECT_ACCESS_ROLES = EQUALITY_ROLES

JSON_NAME = "subject-access.json"
HTML_NAME = "subject-access.html"


@dataclass(frozen=True)
class SubjectAccessPackage:
    """A subject access produced: the zip, what it holds, and the record of it."""

    content: bytes
    complaints: int
    letters: int
    attachments: int
    attachments_removed: int
    disclosure: SubjectAccessDisclosure

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def subject_access_filename(resident: Resident) -> str:
    """The zip's name for a download: by the resident's number, never their name."""
    return f"subject-access-resident-{resident.pk}.zip"


def _attachment_files(
    attachments: Sequence[tuple[Attachment, str]],
) -> list[tuple[str, bytes, str]]:
    files = []
    for attachment, path in attachments:
        if path:
            with attachment.file.open("rb") as handle:
                files.append((path, handle.read(), f"the file {attachment.filename!r}"))
    return files


def _zip(files: Sequence[tuple[str, bytes]], produced_at: tuple[int, ...]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, content in files:
            info = zipfile.ZipInfo(path, date_time=produced_at[:6])  # type: ignore[arg-type]
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return buffer.getvalue()


def _complaint_listing(complaints: Sequence[Complaint], parts: Sequence[Part]) -> Listing:
    entries = []
    for complaint in complaints:
        entry = complaint_entry(complaint, complaint_attachments(complaint))
        entry.anchor = f"complaint-{complaint.pk}"
        for part in parts:
            entry.listings.extend(part.per_complaint.get(complaint.pk, []))
        entries.append(entry)
    return Listing(
        "complaints",
        "Your complaints and requests",
        entries,
        "We hold no complaint, service request or member enquiry of yours.",
    )


@transaction.atomic
def subject_access_produce(
    *, resident: Resident, by: User | None, via: str = SubjectAccessDisclosure.Via.COMMAND
) -> SubjectAccessPackage:
    """Build the subject access zip for ``resident`` (see the module docstring) and record
    that it was produced: by whom (``by`` None is the command line), how (``via``), its
    SHA-256 and what it held (``SubjectAccessDisclosure``, kept with the resident rather
    than on each complaint's timeline, where an entry would start the complaint's
    retention period again). Only a complaints officer or an administrator of the
    resident's landlord, or the command line. Reads everything else; writes nothing else."""
    require_role(
        by,
        resident.landlord,
        SUBJECT_ACCESS_ROLES,
        "Only a complaints officer or an administrator may answer a subject access request.",
    )
    produced_at = timezone.now()
    complaints = list(complaints_of(resident))
    parts = parts_of(resident, complaints)
    attachments = [pair for c in complaints for pair in complaint_attachments(c)]
    extra = [file for part in parts for file in part.files]
    extra += _attachment_files(attachments)
    removed = sum(1 for _, path in attachments if not path)
    listings = resident_listings(resident)
    listings.append(_complaint_listing(complaints, parts))
    listings += [listing for part in parts for listing in part.listings]
    document = Document(
        landlord=resident.landlord.name,
        resident_number=resident.pk,
        produced_at=produced_at,
        listings=listings,
        files=[(path, what) for path, _, what in extra],
    )
    files = [(JSON_NAME, document_json(document)), (HTML_NAME, document_html(document))]
    files += [(path, content) for path, content, _ in extra]
    local = timezone.localtime(produced_at)
    content = _zip(files, local.timetuple())
    included = len(attachments) - removed
    letters = sum(1 for path, _ in files if path.startswith("letters/"))
    disclosure = SubjectAccessDisclosure.objects.create(
        landlord_id=resident.landlord_id,
        resident=resident,
        produced_by_id=by.pk if by is not None and by.is_authenticated else None,
        via=via,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        complaints=len(complaints),
        letters=letters,
        attachments=included,
    )
    return SubjectAccessPackage(content, len(complaints), letters, included, removed, disclosure)
