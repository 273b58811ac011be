"""`putright restore DIR [--force] [--check]` (docs/operations.md, "Backups"): put a backup
made by `putright backup` back, once every file is checked against its manifest."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError

from putright.landlords.management.arguments import OneLineErrorCommand
from putright.web.backup import BackupError, backup_check, backup_restore, describe


class Command(OneLineErrorCommand):
    help = (
        "Restore a backup made by putright backup: check every file against the manifest "
        "before touching anything, then replace the database and the stored files (the data "
        "folder, or the S3 bucket with FILE_STORAGE=s3). Refused when the database holds "
        "records or the store files, unless --force."
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("directory", type=Path, help="The backup's directory.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database that holds records and a data folder (or bucket) that holds "
            "files.",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only check the backup against its manifest and this installation; change "
            "nothing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        directory: Path = options["directory"]
        try:
            if options["check"]:
                manifest = backup_check(directory)
                self.stdout.write(
                    f"{directory} is a whole backup ({describe(manifest)}): every one of its "
                    f"{len(manifest['files'])} files is as the manifest says."
                )
                return
            restored = backup_restore(directory=directory, force=options["force"])
        except BackupError as error:
            raise CommandError(str(error)) from None
        except OSError as error:
            raise CommandError(f"Cannot restore from {directory}: {error.strerror}.") from None
        self.stdout.write(
            f"Restored the database and {restored.files} files "
            f"({restored.bytes / 1_000_000:,.1f} MB) from {directory} "
            f"({describe(restored.manifest)})."
        )
        if restored.unapplied_migrations:
            self.stdout.write(
                f"This Putright has {restored.unapplied_migrations} migrations the backup "
                "has not: run putright migrate."
            )
