"""`putright subject-access --resident NUMBER --out FILE.zip [--landlord NAME]` (UK GDPR
Article 15; docs/security.md, "Subject access"): everything held about one resident, as a
zip, with a record that it was produced."""

from __future__ import annotations

import os
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError

from putright.complaints.services.subject_access import subject_access_produce
from putright.landlords.management.arguments import (
    OneLineErrorCommand,
    text_argument,
    whole_number_argument,
)
from putright.landlords.models import Landlord
from putright.residents.models import Resident, SubjectAccessDisclosure


def _resident(number: int, landlord_name: str | None) -> Resident:
    """The resident with this number (as the staff pages show it: /staff/residents/42/),
    at the landlord named if one is; refused in plain words otherwise."""
    landlord = None
    if landlord_name is not None:
        landlord = Landlord.objects.filter(name=landlord_name).first()
        if landlord is None:
            raise CommandError(f"There is no landlord called {landlord_name!r}.")
    resident = Resident.objects.select_related("landlord", "home").filter(pk=number).first()
    if resident is None:
        raise CommandError(
            f"There is no resident number {number}: use the number in the address of their "
            "page in the staff workspace (/staff/residents/NUMBER/)."
        )
    if landlord is not None and resident.landlord_id != landlord.pk:
        raise CommandError(f"Resident number {number} is not a resident of {landlord.name}.")
    return resident


def _write_new(path: Path, content: bytes) -> None:
    """Write a new file readable by its owner only: it holds personal data, and an
    existing file is never overwritten."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise CommandError(f"{path} already exists: give the name of a new file.") from None
    except OSError as error:
        raise CommandError(f"Cannot write {path}: {error.strerror}.") from None
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(content)


class Command(OneLineErrorCommand):
    help = (
        "Answer a subject access request: a zip of everything held about one resident (their "
        "records, complaints, letters, attachments and who read them), recorded as produced."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--resident",
            required=True,
            type=whole_number_argument("the resident's number", minimum=1),
            help="the resident's number, as in their staff page's address /staff/residents/NUMBER/",
        )
        parser.add_argument(
            "--out", required=True, type=Path, help="the zip file to write (a new file)"
        )
        parser.add_argument(
            "--landlord",
            type=text_argument("the landlord's name"),
            help="the landlord the resident must belong to (a check)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"])
        if out.exists():
            raise CommandError(f"{out} already exists: give the name of a new file.")
        if not out.parent.is_dir():
            raise CommandError(f"There is no folder {out.parent} to write {out.name} in.")
        resident = _resident(options["resident"], options["landlord"])
        package = subject_access_produce(
            resident=resident, by=None, via=SubjectAccessDisclosure.Via.COMMAND
        )
        _write_new(out, package.content)
        removed = (
            f" ({package.attachments_removed} more removed under the retention policy)"
            if package.attachments_removed
            else ""
        )
        self.stdout.write(
            f"Wrote {out}: the subject access of resident number {resident.pk} of "
            f"{resident.landlord.name}, with {package.complaints} complaints, "
            f"{package.letters} letters and {package.attachments} attachments{removed}.\n"
            f"SHA-256: {package.sha256}. Recorded as produced on the resident's record."
        )
