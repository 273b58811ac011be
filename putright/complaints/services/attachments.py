"""Files on the timeline (Code 5.12): what can be attached, and attaching it."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.files.base import ContentFile
from django.db import transaction

from putright.complaints.models import Attachment, Complaint, Event, EventKind
from putright.complaints.services._common import User, change_record, command_date, command_open
from putright.rules.lifecycle import RuleError

#: Code 5.12 asks for every attachment; these are the kinds staff and residents send.
ALLOWED_ATTACHMENT_TYPES = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/heic": ".heic",
    "text/plain": ".txt",
    "application/msword": ".doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "message/rfc822": ".eml",
    "audio/mpeg": ".mp3",
    "video/mp4": ".mp4",
}
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024

#: The first bytes of the formats that have a signature: a file said to be one of these
#: must start so, whoever sends it (the portal, the staff pages, the API), so that a page
#: or a program cannot be kept, and later opened, as a PDF or a photo.
ATTACHMENT_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "application/pdf": (b"%PDF-",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (b"PK\x03\x04",),
    "application/msword": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
    "application/zip": (b"PK\x03\x04", b"PK\x05\x06"),
}
#: The kind of file each signed type is, in the words of the message that refuses it.
_KIND_IN_WORDS = {
    "application/pdf": "PDF",
    "image/jpeg": "JPG",
    "image/png": "PNG",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
    "application/msword": "Word",
    "application/zip": "zip",
}


def signature_matches(head: bytes, content_type: str) -> bool:
    """Whether a file whose first bytes are ``head`` is what ``content_type`` says, for the
    types with a signature (``ATTACHMENT_SIGNATURES``); any other type passes."""
    signatures = ATTACHMENT_SIGNATURES.get(content_type)
    return signatures is None or any(head.startswith(s) for s in signatures)


def signature_problem(head: bytes, content_type: str) -> str:
    """The message refusing a file whose first bytes are not its type's; "" when they are."""
    if signature_matches(head, content_type):
        return ""
    kind = _KIND_IN_WORDS[content_type]
    return f"The file is not a real {kind} file: its contents are not those of a {kind} file."


@transaction.atomic
def complaint_attach(
    *,
    complaint: Complaint,
    filename: str,
    content: bytes,
    content_type: str,
    by: User | None,
    description: str = "",
    on: dt.date | None = None,
) -> Attachment:
    """Attach a file to the timeline, checking its size and type."""
    complaint = command_open(complaint, by)
    if problem := file_problem(content, content_type):
        raise RuleError({"file": problem})
    on = command_date(on)
    stage = complaint.current_stage
    event = change_record(
        complaint,
        EventKind.ATTACHMENT,
        f"File attached: {filename}" + (f" ({description.strip()})" if description.strip() else ""),
        on=on,
        by=by,
        stage=stage.number if stage else None,
        detail={"filename": filename, "size": len(content), "content_type": content_type},
    )
    return attachment_keep(
        complaint=complaint,
        event=event,
        filename=filename,
        content=content,
        content_type=content_type,
    )


def file_problem(content: bytes, content_type: str) -> str:
    """What is wrong with a file someone wants to keep on the timeline; "" if nothing."""
    if content_type not in ALLOWED_ATTACHMENT_TYPES:
        return "The file must be a PDF, image, Word document, text, email, audio or video file."
    if len(content) > MAX_ATTACHMENT_BYTES:
        return "The file must be smaller than 20 MB."
    if not content:
        return "The file is empty."
    return signature_problem(content[:16], content_type)


def attachment_keep(
    *, complaint: Complaint, event: Event, filename: str, content: bytes, content_type: str
) -> Attachment:
    """Store a file checked by ``file_problem`` with the timeline entry that brought it."""
    digest = hashlib.sha256(content).hexdigest()
    attachment = Attachment(
        complaint=complaint,
        event=event,
        filename=filename,
        content_type=content_type,
        size=len(content),
        sha256=digest,
    )
    attachment.file.save(digest, ContentFile(content), save=False)
    attachment.save()
    return attachment
