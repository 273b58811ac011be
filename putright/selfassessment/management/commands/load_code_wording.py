"""`putright load_code_wording FILE`: load the Complaint Handling Code's official wording
from a CSV of provision number and text, so the self-assessment form and its exports show
the Ombudsman's own words instead of Putright's summaries."""

from __future__ import annotations

import csv
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from putright.selfassessment.services import AssessmentError, wording_load


class Command(BaseCommand):
    help = (
        "Load the Code's official wording from a CSV file of two columns, number and text "
        "(a header row is optional), for every provision 1.2 to 9.8 or some of them."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help="the CSV file: number,text")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            with path.open(encoding="utf-8-sig", newline="") as stream:
                # A text with commas that was not quoted arrives in several cells: join them.
                rows = [(row[0], ",".join(row[1:])) for row in csv.reader(stream) if row]
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from None
        except UnicodeDecodeError:
            raise CommandError(f"{path} is not UTF-8 text: save it as CSV UTF-8") from None
        try:
            count = wording_load(rows=rows, by=None)
        except AssessmentError as error:
            raise CommandError("\n".join(error.problems.values())) from None
        self.stdout.write(f"Loaded the official wording of {count} provisions from {path}")
