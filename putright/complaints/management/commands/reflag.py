"""`putright reflag [--check] [--batch N]`: the safety words' triage priority kept on each
record (``Complaint.hazard_priority``) worked out again from its description, for every
record whose priority came from an older version of the words
(``rules.hazards.WORDS_VERSION``; docs/architecture.md, "The safety words on the record").
Run it after ``putright migrate`` on a release that changed the words. With --check it
changes nothing: it says how many records are out of date and exits 1 if any are."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import CommandError

from putright.complaints.models import Complaint
from putright.complaints.reflag import BATCH, Reflagged, reflag, stale
from putright.landlords.management.arguments import OneLineErrorCommand, whole_number_argument
from putright.rules import hazards


class Command(OneLineErrorCommand):
    help = (
        "Work out again the safety words' priority of every record kept by an older version "
        "of the words, in batches. With --check, only say how many there are (exit 1 if any)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="change nothing: count the records out of date, exit 1 if there are any",
        )
        parser.add_argument(
            "--batch",
            type=whole_number_argument("records", minimum=1, maximum=100_000),
            default=BATCH,
            help=f"records read and written in one transaction (default {BATCH})",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["check"]:
            count = stale(Complaint).count()
            if count:
                raise CommandError(
                    f"{count} records keep a priority from an older version of the safety "
                    f"words (now {hazards.WORDS_VERSION}): run putright reflag."
                )
            self.stdout.write(f"Every record's priority is from version {hazards.WORDS_VERSION}.")
            return

        def told(done: Reflagged) -> None:
            self.stdout.write(f"{done.records} records so far, {done.changed} changed.")

        done = reflag(batch=options["batch"], progress=told if options["verbosity"] > 1 else None)
        self.stdout.write(
            f"Worked out again: {done.records} records, {done.changed} of them with another "
            f"priority (the safety words' version {hazards.WORDS_VERSION})."
        )
