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
    return ""


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
