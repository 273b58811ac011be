"""`putright export-register --landlord NAME [--year YYYY] --out FILE` (register-csv.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from putright.landlords.replica import reading_from_replica
from putright.registers.exporter import register_export
from putright.registers.importer import records
from putright.registers.management.commands.import_register import fail, find_landlord
from putright.rules.counting import financial_year_label


class Command(BaseCommand):
    help = (
        "Export a landlord's complaint register as CSV: every column of register-csv.md, "
        "then the computed due dates."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--landlord", required=True, metavar="NAME", help="the landlord's name")
        parser.add_argument(
            "--year",
            metavar="YYYY",
            help="only records received in this financial year: 2023 is 1 April 2023 to "
            "31 March 2024",
        )
        parser.add_argument("--out", required=True, metavar="FILE", help="the CSV file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        year = parse_year(self, options["year"])
        landlord = find_landlord(self, options["landlord"])
        path = Path(options["out"])
        try:
            with path.open("w", encoding="utf-8", newline="") as out, reading_from_replica():
                count = register_export(landlord=landlord, year=year, out=out)
        except OSError as error:
            fail(self, f"cannot write {path}: {error.strerror or error}")
        period = f" received in {financial_year_label(year)}" if year is not None else ""
        self.stdout.write(f"{landlord.name}: exported {records(count)}{period} to {path}.")


def parse_year(command: BaseCommand, value: str | None) -> int | None:
    if value is None:
        return None
    if not (value.isascii() and value.isdigit() and len(value) == 4):
        fail(command, f"--year must be a year such as 2023 (for 2023/24), not {value!r}")
    return int(value)
