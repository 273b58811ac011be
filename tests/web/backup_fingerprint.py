"""What a restored installation must give exactly as the one backed up did: every
landlord's annual report JSON, every letter's PDF and every attachment, by SHA-256, and
every stored file (of the data folder, or of the bucket with FILE_STORAGE=s3). Run in the
test's own process for the installation backed up, and by ``putright shell`` for the
restored one, so both are computed by the same code."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from django.core.files.storage import storages

from putright.complaints.models import Attachment
from putright.landlords.models import Landlord
from putright.letters.models import Letter
from putright.letters.services import letter_pdf_make
from putright.reports.exports import annual_export
from putright.web.backup import stored_names

#: The day the reports are counted on, whatever the clock says in either process.
ON = dt.date(2026, 12, 7)
YEARS = (2025, 2026)


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def fingerprint() -> dict[str, Any]:
    reports = {
        f"{landlord.name} {year}": json.loads(annual_export(landlord, year, "json", on=ON).content)
        for landlord in Landlord.objects.order_by("name")
        for year in YEARS
    }
    letters = {
        f"{letter.complaint.reference} {letter.kind} {letter.pk}": sha256(
            letter_pdf_make(letter=letter)
        )
        for letter in Letter.objects.select_related("complaint").order_by("pk")
    }
    attachments = {}
    for attachment in Attachment.objects.select_related("complaint").order_by("pk"):
        with attachment.file.open("rb") as f:
            attachments[f"{attachment.complaint.reference} {attachment.filename}"] = sha256(
                f.read()
            )
    storage = storages["default"]
    files = {}
    for name in stored_names(storage):
        with storage.open(name, "rb") as f:
            files[name] = sha256(f.read())
    return {"reports": reports, "letters": letters, "attachments": attachments, "files": files}
