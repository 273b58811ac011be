"""`putright bundle REFERENCE --landlord NAME --out FILE.zip` (interfaces.md): the complaint's
full case file for the Ombudsman (Code 5.12)."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError

from putright.complaints.models import Complaint
from putright.landlords.management.arguments import OneLineErrorCommand
from putright.landlords.models import Landlord
from putright.ombudsman.bundle import bundle_produce


class Command(OneLineErrorCommand):
    help = (
        "Write a complaint's case file bundle (Code 5.12) as a zip: an indexed PDF of the "
        "whole record, every issued letter and every attachment, with a manifest."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("reference", help="the complaint's reference, e.g. CU-000123")
        parser.add_argument("--landlord", required=True, help="the landlord's name")
        parser.add_argument("--out", required=True, help="the zip file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            landlord = Landlord.objects.get(name=options["landlord"])
        except Landlord.DoesNotExist:
            raise CommandError(f"There is no landlord called {options['landlord']!r}.") from None
        reference = options["reference"].strip()
        try:
            complaint = Complaint.objects.get(landlord=landlord, reference=reference)
        except Complaint.DoesNotExist:
            raise CommandError(
                f"{landlord} has no complaint with the reference {reference!r}."
            ) from None
        out = Path(options["out"])
        built = bundle_produce(complaint=complaint, by=None)
        try:
            out.write_bytes(built.content)
        except OSError as error:
            raise CommandError(f"Cannot write {out}: {error.strerror}") from None
        self.stdout.write(
            f"Wrote the case file for {complaint.reference} to {out}: {built.events} timeline "
            f"entries, {built.letters} letters, {built.attachments} attachments."
        )
