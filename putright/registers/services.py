"""The register import from the staff workspace (issue 15): the same import as
``putright import-register`` (register-csv.md, "Import"), by one of the landlord's
administrators, checked first (a dry run listing every problem by line and column) and
then imported all or nothing, with an entry on the settings audit log."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db import transaction

from putright.landlords.models import Landlord, SettingsChange, today
from putright.landlords.permissions import SETTINGS_REFUSAL, SETTINGS_ROLES, require_role
from putright.landlords.services import settings_change_record
from putright.registers.importer import ImportRefused, ImportSummary, register_import
from putright.registers.validate import RegisterError, parse_register


@dataclass(frozen=True, slots=True)
class RegisterCheck:
    """What a register file would do: the problems (each on its line and column), or, with
    none, what the import would change."""

    errors: list[RegisterError] = field(default_factory=list)
    summary: ImportSummary | None = None

    @property
    def ok(self) -> bool:
        return not self.errors and self.summary is not None


def _run(landlord: Landlord, data: bytes, filename: str, *, dry_run: bool) -> RegisterCheck:
    parsed = parse_register(io.BytesIO(data), today=today())
    if parsed.errors:
        return RegisterCheck(errors=parsed.errors)
    try:
        summary = register_import(
            landlord=landlord, rows=parsed.rows, dry_run=dry_run, source=filename
        )
    except ImportRefused as refused:
        return RegisterCheck(errors=refused.errors)
    return RegisterCheck(summary=summary)


def register_upload_check(
    *, landlord: Landlord, data: bytes, filename: str, by: User | None
) -> RegisterCheck:
    """A dry run of the register in ``data``: every problem, or what would change. Writes
    nothing."""
    require_role(by, landlord, SETTINGS_ROLES, SETTINGS_REFUSAL)
    return _run(landlord, data, filename, dry_run=True)


def register_upload_import(
    *, landlord: Landlord, data: bytes, filename: str, by: User | None
) -> RegisterCheck:
    """Import the register in ``data``, all or nothing: with any problem nothing is
    written and the problems are returned; otherwise the records and an entry on the
    settings audit log are written together."""
    require_role(by, landlord, SETTINGS_ROLES, SETTINGS_REFUSAL)
    with transaction.atomic():
        check = _run(landlord, data, filename, dry_run=False)
        if check.summary is not None:
            settings_change_record(
                landlord=landlord,
                section=SettingsChange.Section.REGISTER,
                summary=f"Imported the register {filename}: {check.summary}",
                by=by,
            )
    return check
