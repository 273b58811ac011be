"""`putright backup` and `putright restore` (docs/operations.md, "Backups").

The round trip backs up the suite's own database (SQLite in the SQLite run, PostgreSQL in
the PostgreSQL run) and data folder, restores it as a second installation (a new SQLite
file, or a second database in the throwaway cluster, with a new data folder) by the real
`putright restore`, and compares what each gives, computed by the same code
(``backup_fingerprint``)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from putright.complaints import services
from putright.complaints.models import Attachment, Complaint
from putright.landlords.models import HomesCount
from putright.letters import services as letters
from putright.residents.models import Resident
from putright.web.backup import MANIFEST, data_folder
from tests import factories
from tests.cli.test_console_script import PUTRIGHT, environment
from tests.web.backup_fingerprint import fingerprint

ROOT = Path(__file__).resolve().parents[2]
FINGERPRINT = (
    "import json; from tests.web.backup_fingerprint import fingerprint; "
    "print(json.dumps(fingerprint()))"
)
#: Not text, not valid UTF-8: an attachment must come back as these very bytes.
PHOTO = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40 + b"\xff\xd9"


def an_installation() -> Complaint:
    """A landlord with a year of responses, issued letters (their PDFs made) and attachments."""
    landlord = factories.landlord("Backup Homes")
    HomesCount.objects.create(landlord=landlord, year=2025, lcra=4200, lcho=100)
    for day, outcome in ((2, "upheld"), (9, "not_upheld"), (16, "partly_upheld")):
        factories.stage1_responded(landlord, received_on=dt.date(2025, 6, day), outcome=outcome)
    resident = Resident.objects.create(
        landlord=landlord, name="Ada Lovelace", tenure="tenant", email="ada@example.org"
    )
    complaint = factories.stage1_acknowledged(
        landlord, received_on=dt.date(2026, 11, 23), resident=resident
    )
    for delivery, send_to in (("email", None), ("post", "1 High Street\nCannock WS11 1AA")):
        draft = letters.letter_draft(complaint=complaint, kind="acknowledgement_stage1")
        letter = letters.letter_issue(
            complaint=complaint,
            kind="acknowledgement_stage1",
            subject=draft.subject,
            body_text=draft.body_text,
            delivery=delivery,
            send_to=send_to,
            by=None,
            on=dt.date(2026, 11, 23),
        )
        letters.letter_pdf_make(letter=letter)
    for name, content, kind in (
        ("damp.jpg", PHOTO, "image/jpeg"),
        ("notes.txt", "Mould in the bedroom \u2013 since March".encode(), "text/plain"),
    ):
        services.complaint_attach(
            complaint=Complaint.objects.get(pk=complaint.pk),
            filename=name,
            content=content,
            content_type=kind,
            by=None,
        )
    return complaint


def putright(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PUTRIGHT, *args], env=env, capture_output=True, text=True, timeout=300, check=False
    )


@pytest.fixture
def second_installation(tmp_path: Path) -> Iterator[dict[str, str]]:
    """Where the backup is restored to: a new data folder, and a new SQLite file or a new,
    empty database in the same PostgreSQL cluster; this tree's code first on the path."""
    directory = tmp_path / "restored"
    directory.mkdir()
    env = environment(directory)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    if connection.vendor != "postgresql":
        yield env
        return
    db = settings.DATABASES["default"]
    name = f"putright_restored_{uuid.uuid4().hex[:8]}"
    server = psycopg.connect(
        host=db["HOST"],
        port=db["PORT"],
        user=db["USER"],
        password=db["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )
    server.execute(f'CREATE DATABASE "{name}"')
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    env["DATABASE_URL"] = f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{name}"
    try:
        yield env
    finally:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.close()


@pytest.mark.django_db(transaction=True)
def test_a_restored_installation_gives_the_same_reports_letters_and_attachments(
    tmp_path: Path, second_installation: dict[str, str]
) -> None:
    an_installation()
    before = fingerprint()
    backup = tmp_path / "backup"

    call_command("backup", "--out", str(backup))
    restored = putright(second_installation, "restore", str(backup))
    assert restored.returncode == 0, restored.stderr
    assert "Restored the database and" in restored.stdout
    after = putright(second_installation, "shell", "--no-imports", "-c", FINGERPRINT)
    assert after.returncode == 0, after.stderr

    assert json.loads(after.stdout) == before
    # Something to compare: a year's figures, both letters' PDFs, both attachments.
    assert before["reports"]["Backup Homes 2025"]["stage1"]["responded"] == 3
    assert len(before["letters"]) == 2 and len(before["attachments"]) == 2
    assert Path(second_installation["PUTRIGHT_DATA_DIR"], "files").is_dir()


@pytest.mark.django_db(transaction=True)
def test_a_backup_lists_every_file_with_its_size_and_sha256_and_the_migrations(
    tmp_path: Path,
) -> None:
    an_installation()
    backup = tmp_path / "backup"

    call_command("backup", "--out", str(backup))

    manifest = json.loads((backup / MANIFEST).read_text())
    assert manifest["format"] == 1 and manifest["putright_version"] == "0.1.0"
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["migrations"]["complaints"][0] == "0001_initial"
    assert dt.datetime.fromisoformat(manifest["created_at"]).tzinfo is not None
    listed = {entry["path"]: entry for entry in manifest["files"]}
    folder = data_folder()
    for path in folder.rglob("*"):
        if path.is_file():
            entry = listed[f"files/{path.relative_to(folder).as_posix()}"]
            assert entry["size"] == path.stat().st_size
            assert (backup / entry["path"]).read_bytes() == path.read_bytes()
    assert manifest["database"]["file"] in listed
    # It holds everyone's personal data: its owner's alone.
    assert backup.stat().st_mode & 0o077 == 0
    assert all((backup / p).stat().st_mode & 0o077 == 0 for p in listed)


def test_a_backup_is_not_written_over_another(tmp_path: Path, db) -> None:
    (tmp_path / "backup").mkdir()
    (tmp_path / "backup" / "something.txt").write_text("kept")

    with pytest.raises(CommandError, match="already exists and is not empty"):
        call_command("backup", "--out", str(tmp_path / "backup"))


@pytest.fixture
def a_backup(tmp_path: Path, transactional_db) -> Path:
    """An installation backed up, its records committed: a backup is never made inside an
    open transaction (SQLite's backup of a shared in-memory database would wait for it)."""
    an_installation()
    backup = tmp_path / "backup"
    call_command("backup", "--out", str(backup))
    return backup


def attachment_path(backup: Path) -> str:
    """Where the photo's copy is in the backup."""
    return f"files/{Attachment.objects.get(filename='damp.jpg').file.name}"


def test_restore_refuses_a_database_that_holds_records_and_touches_nothing(
    a_backup: Path,
) -> None:
    later = factories.complaint(Complaint.objects.first().landlord)  # type: ignore[union-attr]

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(a_backup))

    said = str(refused.value)
    assert "The database already holds records (landlords, user accounts, complaints)" in said
    assert "already holds files" in said and "--force" in said
    assert Complaint.objects.filter(pk=later.pk).exists()


def test_restore_refuses_a_backup_whose_file_was_changed_before_touching_anything(
    a_backup: Path,
) -> None:
    photo = a_backup / attachment_path(a_backup)
    photo.write_bytes(b"X" + photo.read_bytes()[1:])
    later = factories.complaint(Complaint.objects.first().landlord)  # type: ignore[union-attr]

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(a_backup), "--force")

    assert str(refused.value) == (
        f"{attachment_path(a_backup)} is not the file that was backed up (its size or SHA-256 "
        "differs from the manifest's): the backup has been changed or damaged."
    )
    assert Complaint.objects.filter(pk=later.pk).exists()


def test_restore_refuses_a_tampered_manifest_one_line_per_problem(a_backup: Path) -> None:
    manifest = json.loads((a_backup / MANIFEST).read_text())
    manifest["files"][0]["sha256"] = "0" * 64
    manifest["files"].append({"path": "../../etc/passwd", "size": 1, "sha256": "0" * 64})
    manifest["files"].append({"path": "files/gone.pdf", "size": 1, "sha256": "0" * 64})
    (a_backup / MANIFEST).write_text(json.dumps(manifest))

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(a_backup), "--force")

    assert str(refused.value).splitlines() == [
        f"{manifest['files'][0]['path']} is not the file that was backed up (its size or "
        "SHA-256 differs from the manifest's): the backup has been changed or damaged.",
        "manifest.json names a file outside the backup: '../../etc/passwd'.",
        "files/gone.pdf is missing from the backup.",
    ]


def test_restore_refuses_a_directory_without_a_manifest(tmp_path: Path, db) -> None:
    with pytest.raises(CommandError, match=r"is not a backup: it has no manifest\.json"):
        call_command("restore", str(tmp_path))


def test_restore_check_checks_and_changes_nothing(a_backup: Path, capsys) -> None:
    call_command("restore", str(a_backup), "--check")

    assert "is a whole backup" in capsys.readouterr().out
    assert Complaint.objects.count() == 4


def test_restore_refuses_a_backup_from_a_newer_putright(a_backup: Path) -> None:
    manifest = json.loads((a_backup / MANIFEST).read_text())
    manifest["migrations"]["complaints"].append("9999_from_the_future")
    (a_backup / MANIFEST).write_text(json.dumps(manifest))

    with pytest.raises(CommandError, match=r"complaints\.9999_from_the_future"):
        call_command("restore", str(a_backup), "--check")


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_restore_force_replaces_a_database_holding_records_whole(
    tmp_path: Path, second_installation: dict[str, str]
) -> None:
    an_installation()
    before = fingerprint()
    backup = tmp_path / "backup"
    call_command("backup", "--out", str(backup))
    assert (backup / "database.pgdump").read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format
    assert putright(second_installation, "restore", str(backup)).returncode == 0
    changed = (
        "from django.db import connection; from tests import factories; "
        "from putright.landlords.models import Landlord; "
        "factories.complaint(Landlord.objects.get()); "
        "connection.cursor().execute('CREATE TABLE left_behind (id integer)')"
    )
    assert putright(second_installation, "shell", "--no-imports", "-c", changed).returncode == 0

    refused = putright(second_installation, "restore", str(backup))
    forced = putright(second_installation, "restore", str(backup), "--force")

    assert refused.returncode == 1
    assert "already holds records" in refused.stderr and "Traceback" not in refused.stderr
    assert forced.returncode == 0, forced.stderr
    after = putright(second_installation, "shell", "--no-imports", "-c", FINGERPRINT)
    assert json.loads(after.stdout) == before
    tables = putright(
        second_installation,
        "shell",
        "--no-imports",
        "-c",
        "from django.db import connection; print(connection.introspection.table_names())",
    )
    assert "complaints_complaint" in tables.stdout and "left_behind" not in tables.stdout
