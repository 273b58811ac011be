"""Checking a file a resident sends, with the complaint services' own limits (types and
size), before it is kept. The type is decided by the file's name and, where the format has
one, its signature, never by what the browser claims."""

from __future__ import annotations

import os
import unicodedata

from django.core.files.uploadedfile import UploadedFile
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from putright.complaints.services import (
    ALLOWED_ATTACHMENT_TYPES,
    ATTACHMENT_SIGNATURES,
    MAX_ATTACHMENT_BYTES,
    signature_matches,
)

#: Files per complaint sent through the form.
MAX_FILES = 10

#: Extension to content type, from the services' list, plus ".jpeg" for ".jpg".
TYPE_BY_EXTENSION = {ext: ctype for ctype, ext in ALLOWED_ATTACHMENT_TYPES.items()} | {
    ".jpeg": "image/jpeg"
}

#: The first bytes of the formats that have a signature: the complaint services' own, which
#: the staff pages and the API check too.
SIGNATURES = ATTACHMENT_SIGNATURES

TYPES_IN_WORDS = _("PDF, JPG, PNG, HEIC, Word, text, email (EML), MP3 or MP4")
SIZE_IN_WORDS = f"{MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB"


class UploadProblem(ValueError):
    """A file that cannot be accepted; the message is for the resident."""


def clean_filename(name: str) -> str:
    """The file's own name, without any folder, control characters or excess length."""
    base = os.path.basename(name.replace("\\", "/")).strip()
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C")
    stem, ext = os.path.splitext(base)
    return (stem[: 200 - len(ext)] + ext) or "file"


def content_type_of(upload: UploadedFile, name: str) -> str:
    """The content type of an acceptable file, or raise UploadProblem saying what is wrong."""
    if upload.size is not None and upload.size > MAX_ATTACHMENT_BYTES:
        raise UploadProblem(
            format_lazy(
                _("The file {name} must be smaller than {size}"), name=name, size=SIZE_IN_WORDS
            )
        )
    if not upload.size:
        raise UploadProblem(format_lazy(_("The file {name} is empty"), name=name))
    ext = os.path.splitext(name)[1].lower()
    content_type = TYPE_BY_EXTENSION.get(ext)
    if content_type is None:
        raise UploadProblem(
            format_lazy(
                _("The file {name} must be a {types} file"), name=name, types=TYPES_IN_WORDS
            )
        )
    if content_type in SIGNATURES:
        upload.seek(0)
        head = upload.read(16)
        upload.seek(0)
        if not signature_matches(head, content_type):
            raise UploadProblem(
                format_lazy(
                    _("The file {name} is not a real {kind} file. Choose a different file"),
                    name=name,
                    kind=ext.lstrip(".").upper(),
                )
            )
    return content_type
