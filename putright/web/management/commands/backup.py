"""`putright backup --out DIR` (docs/operations.md, "Backups"): the database and the stored
files (the data folder, or the S3 bucket), with a manifest of every file's size and SHA-256, into a new directory."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError

from putright.landlords.management.arguments import OneLineErrorCommand
from putright.web.backup import BackupError, backup_make


class Command(OneLineErrorCommand):
    help = (
        "Back up the database (pg_dump on PostgreSQL, SQLite's online backup) and the stored "
        "files (attachments, letters, evidence: the data folder, or the S3 bucket with "
        "FILE_STORAGE=s3) into a new directory, with a manifest of "
        "each file's size and SHA-256. It holds everyone's personal data: keep it safe."
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--out",
            type=Path,
            required=True,
            help="A new (or empty) directory to write the backup into.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        out: Path = options["out"]
        try:
            manifest = backup_make(out=out)
        except BackupError as error:
            raise CommandError(str(error)) from None
        except OSError as error:
            raise CommandError(f"Cannot write the backup to {out}: {error.strerror}.") from None
        files = manifest["files"]
        size = sum(f["size"] for f in files)
        self.stdout.write(
            f"Backed up the {manifest['database']['vendor']} database and "
            f"{len(files) - 1} files ({size / 1_000_000:,.1f} MB in all) to {out}; "
            f"check it with: putright restore {out} --check"
        )
