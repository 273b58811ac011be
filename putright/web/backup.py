"""Backing up an installation and restoring it (docs/operations.md, "Backups"): the
database and the stored files (uploaded attachments, letters' PDFs, the Ombudsman's
evidence), with a manifest giving each file's size and SHA-256, the Putright version, the
migrations applied and when it was made. The files are those of ``STORAGES["default"]``:
the data folder, or every object under the S3 bucket's prefix (FILE_STORAGE=s3), copied to
the backup's folder all the same, so a backup of either can be restored into either.

A backup is a directory::

    manifest.json          written last: a backup without one was never finished
    database.sqlite3       SQLite's online backup of the database (or database.pgdump,
                           pg_dump's custom format, on PostgreSQL)
    files/...              the data folder (or the bucket's objects), as it was

A restore checks every file against the manifest before it touches anything, refuses a
database that already holds records unless forced, and then replaces the database and
the data folder with the backup's. Into a bucket, each file is written back under its own
name (checked again as it is read), then the database is replaced, and only then are
objects the backup does not hold deleted. The backup holds every resident's personal data: it is
made readable by its owner only.

Backups are kept for so many days (``backups_prune``, run by ``putright backup --keep-days``
once the new backup is checked whole): the finished backups beside it made longer ago are
removed, so that what the retention policy has erased from the live record does not stay in
them for ever (docs/operations.md, "How long backups are kept").
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

import putright

MANIFEST = "manifest.json"
#: The manifest's own format; a restore refuses one it does not know.
FORMAT = 1
FILES = "files"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
#: The tables whose rows make a database one a restore must not replace unforced.
RECORD_TABLES = {
    "landlords_landlord": "landlord",
    "auth_user": "user account",
    "complaints_complaint": "complaint",
}
_CHUNK = 1024 * 1024


class BackupError(Exception):
    """What is wrong, one problem per line, in words that say what to do."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Restored:
    """What a restore put back."""

    manifest: dict[str, Any]
    files: int
    bytes: int
    unapplied_migrations: int


# Where things are ---------------------------------------------------------------------------


def data_folder() -> Path:
    """The folder of uploaded and generated files (``STORAGES["default"]``), when they are
    kept in a folder on this server."""
    storage = storages["default"]
    if not isinstance(storage, FileSystemStorage):
        raise BackupError([f"The files are kept in {where(storage)}, not a folder on this server."])
    return Path(storage.location)


def where(storage: Storage) -> str:
    """Where ``storage`` keeps the files, in words for a message."""
    if isinstance(storage, FileSystemStorage):
        return f"the data folder {storage.location}"
    bucket = getattr(storage, "bucket_name", None)
    if bucket is None:
        return type(storage).__name__
    prefix = getattr(storage, "location", "")
    return f"the bucket {bucket}" + (f" under {prefix}/" if prefix else "")


def stored_names(storage: Storage) -> list[str]:
    """The name of every file ``storage`` holds, sorted: the data folder's files (not its
    symbolic links), or every object under the bucket's prefix."""
    if isinstance(storage, FileSystemStorage):
        folder = Path(storage.location)
        return [path.relative_to(folder).as_posix() for path in _data_files(folder)]
    bucket = getattr(storage, "bucket", None)
    if bucket is None:
        raise BackupError(
            [
                f"The files are kept in {where(storage)}: Putright backs up a folder or an "
                "S3 bucket (FILE_STORAGE), not this store."
            ]
        )
    # django-storages' S3Storage: the objects under its prefix, a thousand to a request.
    prefix = getattr(storage, "location", "").strip("/")
    start = f"{prefix}/" if prefix else ""
    keys = (summary.key for summary in bucket.objects.filter(Prefix=start))
    return sorted(key[len(start) :] for key in keys if not key.endswith("/"))


def _vendor() -> str:
    if connection.vendor not in DATABASE_FILES:
        raise BackupError([f"Backing up a {connection.vendor} database is not supported."])
    return connection.vendor


def _pg_environment() -> dict[str, str]:
    """libpq's variables for the default database, so no password is on a command line."""
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    for variable, value in (
        ("PGHOST", db.get("HOST")),
        ("PGPORT", db.get("PORT")),
        ("PGUSER", db.get("USER")),
        ("PGPASSWORD", db.get("PASSWORD")),
        ("PGDATABASE", db.get("NAME")),
        ("PGSSLMODE", db.get("OPTIONS", {}).get("sslmode")),
    ):
        if value:
            env[variable] = str(value)
    return env


def _pg_program(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError([f"{name} was not found: install postgresql-client-15 (or newer)."])
    return found


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    run = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if run.returncode != 0:
        said = run.stderr.strip().splitlines()
        raise BackupError([f"{what} failed: {said[-1] if said else f'exit {run.returncode}'}"])


# Making a backup ----------------------------------------------------------------------------


def _hash_copy(source: BinaryIO | File[bytes], target: BinaryIO) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    while chunk := source.read(_CHUNK):
        digest.update(chunk)
        target.write(chunk)
        size += len(chunk)
    return size, digest.hexdigest()


def file_sha256(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def _database_dump(path: Path) -> None:
    if _vendor() == "sqlite":
        if connection.in_atomic_block:
            # SQLite would wait for ever for the transaction to end.
            raise BackupError(["A backup cannot be made inside an open transaction."])
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            # The online backup API: a consistent copy while others read and write.
            connection.connection.backup(target)
        finally:
            target.close()
    else:
        command = [_pg_program("pg_dump"), "--format=custom", f"--file={path}"]
        _run(command, _pg_environment(), "pg_dump")
    path.chmod(0o600)


def _data_files(folder: Path) -> Iterator[Path]:
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path


def applied_migrations() -> dict[str, list[str]]:
    """The migrations applied to the database, by app, in order of name."""
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def backup_make(*, out: Path) -> dict[str, Any]:
    """Back the installation up into ``out``, a new or empty directory; returns the manifest.

    The files are copied after the database is dumped, so a file written in between (an
    upload) may be in the backup but not the database: harmless, as nothing points at it.
    """
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise BackupError([f"{out} already exists and is not empty: give a new directory."])
    vendor = _vendor()
    storage = storages["default"]
    out.mkdir(mode=0o700, parents=True, exist_ok=True)
    out.chmod(0o700)
    database = DATABASE_FILES[vendor]
    _database_dump(out / database)
    size, sha256 = file_sha256(out / database)
    entries = [{"path": database, "size": size, "sha256": sha256}]
    for relative in stored_names(storage):
        target = out / FILES / relative
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with storage.open(relative, "rb") as source, target.open("wb") as copy:
            size, sha256 = _hash_copy(source, copy)
        target.chmod(0o600)
        entries.append({"path": f"{FILES}/{relative}", "size": size, "sha256": sha256})
    manifest = {
        "format": FORMAT,
        "putright_version": putright.__version__,
        "created_at": timezone.now().isoformat(timespec="seconds"),
        "database": {"vendor": vendor, "file": database},
        "migrations": applied_migrations(),
        "files": entries,
    }
    unfinished = out / (MANIFEST + ".part")
    unfinished.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    unfinished.chmod(0o600)
    unfinished.rename(out / MANIFEST)
    return manifest


# Checking a backup --------------------------------------------------------------------------


def _safe_path(directory: Path, name: object) -> Path | None:
    """The file a manifest entry names, if the name stays inside the backup."""
    if not isinstance(name, str) or not name or "\\" in name:
        return None
    pure = PurePosixPath(name)
    if pure.is_absolute() or ".." in pure.parts or "." in pure.parts:
        return None
    return directory / pure


def manifest_read(directory: Path) -> dict[str, Any]:
    path = directory / MANIFEST
    if not path.is_file():
        raise BackupError(
            [f"{directory} is not a backup: it has no {MANIFEST} (an unfinished backup has none)."]
        )
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise BackupError([f"{path} cannot be read as JSON: {error}."]) from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), list):
        raise BackupError([f"{path} is not a Putright backup manifest: it lists no files."])
    if manifest.get("format") != FORMAT:
        raise BackupError(
            [
                f"{path} is in format {manifest.get('format')!r}; this Putright "
                f"({putright.__version__}) reads format {FORMAT}."
            ]
        )
    return manifest


def backup_check(directory: Path) -> dict[str, Any]:
    """The backup's manifest, once every file it lists is there with its size and SHA-256,
    and the backup suits this installation (the same kind of database, no migration this
    code does not know). Raises ``BackupError`` listing every problem; touches nothing."""
    manifest = manifest_read(directory)
    problems: list[str] = []
    names = set()
    for entry in manifest["files"]:
        entry = entry if isinstance(entry, dict) else {}
        name = entry.get("path")
        path = _safe_path(directory, name)
        if path is None:
            problems.append(f"{MANIFEST} names a file outside the backup: {name!r}.")
            continue
        names.add(name)
        if not path.is_file():
            problems.append(f"{name} is missing from the backup.")
            continue
        size, sha256 = file_sha256(path)
        if size != entry.get("size") or sha256 != entry.get("sha256"):
            problems.append(
                f"{name} is not the file that was backed up (its size or SHA-256 differs "
                "from the manifest's): the backup has been changed or damaged."
            )
    database = manifest.get("database", {})
    vendor = database.get("vendor") if isinstance(database, dict) else None
    if vendor not in DATABASE_FILES or DATABASE_FILES[vendor] not in names:
        problems.append(f"{MANIFEST} lists no database file.")
    elif vendor != connection.vendor:
        problems.append(
            f"The backup is of a {vendor} database and this installation uses "
            f"{connection.vendor}: restore it into a {vendor} database (DATABASE_URL)."
        )
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    unknown = [
        f"{app}.{name}"
        for app, applied in sorted(manifest.get("migrations", {}).items())
        for name in applied
        if (app, name) not in known
    ]
    if unknown:
        problems.append(
            f"The backup was made by a newer Putright ({manifest.get('putright_version')}): "
            f"this one does not know its migrations {', '.join(unknown[:3])}"
            + (f" and {len(unknown) - 3} more" if len(unknown) > 3 else "")
            + ". Install that version first."
        )
    if problems:
        raise BackupError(problems)
    return manifest


# Restoring ----------------------------------------------------------------------------------


def records_held() -> list[str]:
    """What the database holds of landlords, user accounts and complaints: a database with
    any of them is not replaced unforced."""
    tables = set(connection.introspection.table_names())
    held = []
    with connection.cursor() as cursor:
        for table, what in RECORD_TABLES.items():
            if table in tables:
                cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")
                if cursor.fetchone() is not None:
                    held.append(f"{what}s")
    return held


def _database_restore(path: Path, vendor: str) -> None:
    if vendor == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            # Replaces the whole database, schema and all, in one step.
            source.backup(connection.connection)
        finally:
            source.close()
        return
    # One transaction: the tables there now are dropped and the dump's loaded, or nothing.
    tables = connection.introspection.table_names()
    connection.close()
    env = _pg_environment()
    drops = "".join(f'DROP TABLE IF EXISTS "{t}" CASCADE;\n' for t in tables)
    script = subprocess.Popen(
        [_pg_program("pg_restore"), "--no-owner", "--no-privileges", "--file=-", str(path)],
        stdout=subprocess.PIPE,
        env=env,
    )
    with tempfile.TemporaryFile() as errors:
        psql = subprocess.Popen(
            [
                _pg_program("psql"),
                "--no-psqlrc",
                "--quiet",
                "--set=ON_ERROR_STOP=1",
                "--single-transaction",
                "--file=-",
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            env=env,
        )
        assert psql.stdin is not None and script.stdout is not None
        try:
            psql.stdin.write(drops.encode())
            shutil.copyfileobj(script.stdout, psql.stdin, _CHUNK)
        except BrokenPipeError:
            pass  # psql stopped at an error: its status and words say which
        finally:
            psql.stdin.close()
        failed = [script.wait() != 0, psql.wait() != 0]
        errors.seek(0)
        said = errors.read().decode(errors="replace").strip().splitlines()
    if any(failed):
        raise BackupError(
            [
                "Restoring the database failed and nothing was changed: "
                + (said[-1] if said else "pg_restore could not read the dump.")
            ]
        )


def _backed_up_files(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    return [entry for entry in manifest["files"] if entry["path"].startswith(f"{FILES}/")]


def _stage_files(directory: Path, manifest: dict[str, Any], folder: Path) -> tuple[Path, int, int]:
    """Copy the backup's files into a new folder beside the data folder, checking each
    again as it is copied; returns it with the number of files and bytes."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.restoring-", dir=folder.parent))
    count = total = 0
    try:
        for entry in _backed_up_files(manifest):
            name = entry["path"]
            target = staging / PurePosixPath(name).relative_to(FILES)
            target.parent.mkdir(parents=True, exist_ok=True)
            with (directory / name).open("rb") as source, target.open("wb") as copy:
                size, sha256 = _hash_copy(source, copy)
            if (size, sha256) != (entry["size"], entry["sha256"]):
                raise BackupError([f"{name} changed while it was being restored: try again."])
            count, total = count + 1, total + size
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging, count, total


def _store_files(
    directory: Path, manifest: dict[str, Any], storage: Storage
) -> tuple[set[str], int, int]:
    """Write the backup's files into ``storage`` (a bucket) under their own names, each
    checked again as it is read; returns their names with the number of bytes."""
    names: set[str] = set()
    total = 0
    for entry in _backed_up_files(manifest):
        name = str(PurePosixPath(entry["path"]).relative_to(FILES))
        with tempfile.TemporaryFile() as copy:
            with (directory / entry["path"]).open("rb") as source:
                size, sha256 = _hash_copy(source, copy)
            if (size, sha256) != (entry["size"], entry["sha256"]):
                raise BackupError(
                    [f"{entry['path']} changed while it was being restored: try again."]
                )
            copy.seek(0)
            if storage.exists(name):
                storage.delete(name)
            saved = storage.save(name, File(copy, name=name))
        if saved != name:
            raise BackupError(
                [f"{where(storage)} kept {entry['path']} as {saved}: restore it again."]
            )
        names.add(name)
        total += size
    return names, len(names), total


def backup_restore(*, directory: Path, force: bool = False) -> Restored:
    """Replace this installation's database and stored files with the backup's, once the
    backup is checked; refused, with nothing touched, when the database holds records or
    the data folder (or bucket) files, unless ``force``."""
    manifest = backup_check(directory)
    storage = storages["default"]
    if not force:
        problems = []
        if held := records_held():
            problems.append(
                "The database already holds records ("
                + ", ".join(held)
                + "): restoring would replace them. Run again with --force to replace them."
            )
        if stored_names(storage):
            store = where(storage)
            problems.append(
                f"{store[0].upper()}{store[1:]} already holds files: "
                "restoring would replace them. Run again with --force to replace them."
            )
        if problems:
            raise BackupError(problems)
    database = directory / manifest["database"]["file"]
    if isinstance(storage, FileSystemStorage):
        folder = Path(storage.location)
        staging, count, total = _stage_files(directory, manifest, folder)
        try:
            _database_restore(database, manifest["database"]["vendor"])
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        if folder.exists():
            shutil.rmtree(folder)
        staging.rename(folder)
    else:
        # A bucket cannot swap a folder in one step: the backup's files go in first (a
        # failure leaves the database as it was; run again with --force), then the
        # database, and only then do the objects the backup does not hold go.
        kept, count, total = _store_files(directory, manifest, storage)
        _database_restore(database, manifest["database"]["vendor"])
        for name in stored_names(storage):
            if name not in kept:
                storage.delete(name)
    connection.close()
    applied = {tuple(k) for k in MigrationRecorder(connection).applied_migrations()}
    waiting = [
        k
        for k in MigrationLoader(None, ignore_no_migrations=True).disk_migrations
        if k not in applied
    ]
    return Restored(manifest, count, total, len(waiting))


# Keeping backups for so long ----------------------------------------------------------------

#: Added to a backup's directory name as it is removed: what a failure leaves is named so,
#: and the next run removes it.
REMOVING = ".removing"
#: What a backup's directory holds. One holding anything else is not removed.
BACKUP_ENTRIES = frozenset({MANIFEST, FILES, *DATABASE_FILES.values()})


@dataclass(frozen=True)
class Entry:
    """One thing in the backups' folder: why it was removed, kept or left (or, when its
    removal failed, what went wrong), and for a backup when it was made (``describe``)."""

    path: Path
    why: str
    made: str = ""

    def __str__(self) -> str:
        return f"{self.path}" + (f" ({self.made})" if self.made else "") + f": {self.why}"


@dataclass(frozen=True)
class Pruned:
    """What ``backups_prune`` did with each thing in the folder of the backup just made."""

    removed: list[Entry]
    kept: list[Entry]
    left: list[Entry]
    failed: list[Entry]


def created_at(manifest: dict[str, Any]) -> dt.datetime | None:
    """When the backup was made, from its manifest; None unless a time with its zone."""
    try:
        made = dt.datetime.fromisoformat(manifest["created_at"])
    except (KeyError, TypeError, ValueError):
        return None
    return made if made.tzinfo is not None else None


def _manifest_or_why_not(path: Path) -> dict[str, Any] | str:
    """The manifest of ``path`` if it is a finished backup ``backups_prune`` may remove;
    else why it is not."""
    if path.is_symlink() or not path.is_dir():
        return "not a Putright backup"
    if not (path / MANIFEST).exists():
        started = (MANIFEST + ".part", FILES, *DATABASE_FILES.values())
        if any((path / name).exists() for name in started):
            return f"an unfinished backup (it has no {MANIFEST})"
        return "not a Putright backup"
    try:
        manifest = manifest_read(path)
    except BackupError as error:
        return str(error).rstrip(".")
    if created_at(manifest) is None:
        return f"its {MANIFEST} has no created_at time"
    others = sorted(child.name for child in path.iterdir() if child.name not in BACKUP_ENTRIES)
    if others:
        return "it holds more than a backup does (" + ", ".join(others[:3]) + ")"
    return manifest


def _remove(path: Path) -> None:
    """Remove a backup's directory: first renamed NAME.removing, then emptied with its
    manifest last, so a failure part way leaves a directory that says what it was and is
    still a backup the next run removes, never one that looks whole."""
    if not path.name.endswith(REMOVING):
        target = path.with_name(path.name + REMOVING)
        if target.exists() or target.is_symlink():
            raise FileExistsError(0, f"{target.name} is already there")
        path.rename(target)
        path = target
    for child in path.iterdir():
        if child.name == MANIFEST:
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    (path / MANIFEST).unlink()
    path.rmdir()


def backups_prune(*, made: Path, keep_days: int, now: dt.datetime | None = None) -> Pruned:
    """Remove the backups beside ``made`` (the backup just made, checked whole) whose
    manifest says they were made more than ``keep_days`` days ago.

    Only a directory with a readable manifest of this format, a ``created_at`` time and
    nothing but a backup's files is removed; anything else is left and said. Never removed:
    ``made``, and the newest finished backup whatever its age. A removal that fails is
    said and the others still done."""
    if keep_days < 1:
        raise ValueError(f"keep_days must be 1 or more, not {keep_days}")
    made = made.resolve()
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=keep_days)
    manifest = manifest_read(made)
    made_at = created_at(manifest)
    pruned = Pruned([], [Entry(made, "the backup just made", describe(manifest))], [], [])
    backups: list[tuple[dt.datetime, Path, str]] = []
    for path in sorted(made.parent.iterdir()):
        if path == made:
            continue
        try:
            other = _manifest_or_why_not(path)
        except OSError as error:
            other = f"it cannot be read ({error.strerror})"
        if isinstance(other, str):
            pruned.left.append(Entry(path, other))
            continue
        made_then = created_at(other)
        assert made_then is not None  # _manifest_or_why_not saw it
        backups.append((made_then, path, describe(other)))
    finished = [b for b in backups if not b[1].name.endswith(REMOVING)]
    newest = max(finished, default=None)
    if newest is not None and made_at is not None and newest[0] <= made_at:
        newest = None  # the backup just made is the newest
    for when, path, described in sorted(backups):
        if newest is not None and path == newest[1]:
            pruned.kept.append(Entry(path, "the newest finished backup", described))
        elif when >= cutoff:
            pruned.kept.append(Entry(path, f"within {keep_days} days", described))
        else:
            try:
                _remove(path)
            except OSError as error:
                left = path.with_name(path.name.removesuffix(REMOVING) + REMOVING)
                said = error.strerror or str(error)
                if left.exists():
                    said += f"; what is left of it is {left}, which the next run removes"
                pruned.failed.append(Entry(path, said, described))
            else:
                pruned.removed.append(Entry(path, f"more than {keep_days} days ago", described))
    return pruned


def describe(manifest: dict[str, Any]) -> str:
    made = manifest.get("created_at", "an unknown time")
    with contextlib.suppress(TypeError, ValueError):
        made = dt.datetime.fromisoformat(made).strftime("%d %B %Y at %H:%M %Z").strip()
    return f"made {made} by Putright {manifest.get('putright_version', '(unknown version)')}"
