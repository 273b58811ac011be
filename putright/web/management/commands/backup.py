"""`putright backup --out DIR [--keep-days N]` (docs/operations.md, "Backups"): the database
and the stored files (the data folder, or the S3 bucket), with a manifest of every file's
size and SHA-256, into a new directory; with --keep-days, once the new backup is checked
whole, the backups beside it made more than N days ago are removed."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError

from putright.landlords.management.arguments import OneLineErrorCommand, whole_number_argument
from putright.web.backup import (
    BackupError,
    backup_check,
    backup_make,
    backups_prune,
)

#: The longest --keep-days: a hundred years.
MAX_KEEP_DAYS = 36_500


class Command(OneLineErrorCommand):
    help = (
        "Back up the database (pg_dump on PostgreSQL, SQLite's online backup) and the stored "
        "files (attachments, letters, evidence: the data folder, or the S3 bucket with "
        "FILE_STORAGE=s3) into a new directory, with a manifest of "
        "each file's size and SHA-256. It holds everyone's personal data: keep it safe. "
        "With --keep-days N, the new backup is checked whole and then the other backups in "
        "its parent directory made more than N days ago are removed."
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--out",
            type=Path,
            required=True,
            help="A new (or empty) directory to write the backup into.",
        )
        parser.add_argument(
            "--keep-days",
            type=whole_number_argument("days", minimum=1, maximum=MAX_KEEP_DAYS),
            default=None,
            help="Once the backup is made and checked against its manifest, remove the "
            "backups beside it (in the same parent directory) made more than this many days "
            "ago. Never the newest; anything that is not a finished backup is left.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        out: Path = options["out"]
        keep_days: int | None = options["keep_days"]
        try:
            manifest = backup_make(out=out)
        except BackupError as error:
            raise CommandError(str(error)) from None
        except OSError as error:
            raise CommandError(f"Cannot write the backup to {out}: {error.strerror}.") from None
        files = manifest["files"]
        size = sum(f["size"] for f in files)
        made = (
            f"Backed up the {manifest['database']['vendor']} database and "
            f"{len(files) - 1} files ({size / 1_000_000:,.1f} MB in all) to {out}"
        )
        if keep_days is None:
            self.stdout.write(f"{made}; check it with: putright restore {out} --check")
            return
        try:
            backup_check(out)
        except BackupError as error:
            raise CommandError(
                f"{made}, but it is not whole, so no backup was removed:\n{error}"
            ) from None
        self.stdout.write(
            f"{made}; checked: every one of its {len(files)} files is as its manifest says."
        )
        self.prune(out, keep_days)

    def prune(self, out: Path, keep_days: int) -> None:
        try:
            pruned = backups_prune(made=out, keep_days=keep_days)
        except OSError as error:
            raise CommandError(
                f"Cannot look through {out.resolve().parent} for old backups: "
                f"{error.strerror}. None was removed."
            ) from None

        for entry in pruned.removed:
            self.stdout.write(f"Removed {entry}.")
        for entry in pruned.kept:
            self.stdout.write(f"Kept {entry}.")
        for entry in pruned.left:
            self.stdout.write(f"Left {entry}.")
        self.stdout.write(
            f"Removed {len(pruned.removed)} backup(s) made more than {keep_days} days ago; "
            f"kept {len(pruned.kept)}; left {len(pruned.left)} other thing(s) alone."
        )
        if pruned.failed:
            raise CommandError("\n".join(f"Could not remove {entry}." for entry in pruned.failed))
