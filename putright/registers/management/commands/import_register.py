"""`putright import-register FILE --landlord NAME [--dry-run] [--exclusive]` (register-csv.md,
"Import")."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandParser

from putright.landlords.models import Landlord, today
from putright.registers.importer import ImportRefused, register_import
from putright.registers.validate import RegisterError, parse_register

#: Errors listed before the rest are only counted, so the list stays readable.
MAX_ERRORS_SHOWN = 50


class Command(BaseCommand):
    help = (
        "Import a complaint register (CSV, as register-csv.md describes) for a landlord. "
        "All or nothing: if any row is wrong, nothing is written and every problem is listed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help="the register, a UTF-8 CSV file")
        parser.add_argument("--landlord", required=True, metavar="NAME", help="the landlord's name")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check the file and say what would change, without writing anything",
        )
        parser.add_argument(
            "--exclusive",
            action="store_true",
            help="PostgreSQL, a migration-sized load: lock the tables written until the import "
            "ends (other sessions wait) and set their foreign keys and plain indexes aside "
            "while writing, putting them back and checking them at the end",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        landlord = find_landlord(self, options["landlord"])
        path = Path(options["file"])
        try:
            with path.open("rb") as stream:
                parsed = parse_register(stream, today=today())
        except OSError as error:
            fail(self, f"cannot read {path}: {error.strerror or error}")
        if parsed.errors:
            report_errors(self, parsed.errors)
        try:
            summary = register_import(
                landlord=landlord,
                rows=parsed.rows,
                dry_run=options["dry_run"],
                source=path.name,
                exclusive=options["exclusive"],
            )
        except ImportRefused as refused:
            report_errors(self, refused.errors)
        self.stdout.write(f"{landlord.name}: {summary}")


def find_landlord(command: BaseCommand, name: str) -> Landlord:
    """The landlord by its exact name, or one line saying there is none and exit 1."""
    landlord = Landlord.objects.filter(name=name).first()
    if landlord is None:
        fail(command, f"There is no landlord named {name!r}; add it with: putright landlord add")
    return landlord


def report_errors(command: BaseCommand, errors: list[RegisterError]) -> None:
    """Every problem on its own line (the first MAX_ERRORS_SHOWN, then how many more), and
    exit 1: the file is fixed and imported again, never half-imported."""
    for error in errors[:MAX_ERRORS_SHOWN]:
        command.stderr.write(str(error))
    if len(errors) > MAX_ERRORS_SHOWN:
        command.stderr.write(f"… and {len(errors) - MAX_ERRORS_SHOWN} more errors")
    command.stderr.write(f"Nothing was imported: {len(errors)} problem(s) to fix.")
    raise SystemExit(1)


def fail(command: BaseCommand, message: str) -> NoReturn:
    command.stderr.write(message)
    raise SystemExit(1)
