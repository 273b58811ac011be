"""`putright backup` and `putright restore` with FILE_STORAGE=s3 (docs/operations.md,
"Backups"): the backup copies every object under the bucket's prefix into its folder, byte
for byte, and a restore writes them back into a bucket under the same names; a backup of a
data folder restores into a bucket too (the way from one to the other). Against moto's
S3-compatible server (tests/s3/conftest.py); the restore is the real command, in a second
installation with its own database and bucket."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from putright.complaints.models import Attachment, Complaint
from putright.letters.models import Letter
from putright.web.backup import FILES, MANIFEST
from tests import factories
from tests.s3.conftest import PREFIX, REGION, Bucket
from tests.web.backup_fingerprint import fingerprint
from tests.web.test_backup import FINGERPRINT, an_installation, putright
from tests.web.test_backup import second_installation as second_installation  # fixture

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def second_bucket(s3: Bucket, second_installation: dict[str, str]) -> Iterator[Bucket]:
    """The second installation keeps its files in a new, empty bucket of the same server."""
    name = f"{s3.name}-restored"
    s3.client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
    second_installation.update({**s3.environ, "S3_BUCKET": name})
    yield Bucket(s3.client, name, second_installation)


def test_a_backup_copies_every_object_of_the_bucket_byte_for_byte(s3: Bucket, tmp_path) -> None:
    an_installation()
    backup = tmp_path / "backup"

    call_command("backup", "--out", str(backup))

    manifest = json.loads((backup / MANIFEST).read_text())
    listed = {e["path"].removeprefix(f"{FILES}/") for e in manifest["files"][1:]}
    assert listed == set(s3.names())
    # The two letters' PDFs are the same bytes, kept once (by SHA-256); two attachments.
    assert len(listed) == 3
    for name in s3.names():
        assert (backup / FILES / name).read_bytes() == s3.read(name)
    assert not (tmp_path / "files").exists()  # nothing went through the data folder


def backed_up_and_restored(tmp_path: Path, second_bucket: Bucket):
    """An installation backed up by ``putright backup`` and restored by ``putright restore``
    into a second installation on ``second_bucket``: its fingerprint before, and the
    restore's run (checked to have succeeded)."""
    an_installation()
    before = fingerprint()
    backup = tmp_path / "backup"
    call_command("backup", "--out", str(backup))
    restored = putright(second_bucket.environ, "restore", str(backup))
    assert restored.returncode == 0, restored.stderr
    return before, restored


def test_a_bucket_restored_gives_the_same_reports_letters_and_attachments(
    s3: Bucket, tmp_path: Path, second_bucket: Bucket
) -> None:
    before, restored = backed_up_and_restored(tmp_path, second_bucket)

    assert "Restored the database and 3 files" in restored.stdout
    assert second_bucket.names() == s3.names()
    for name in s3.names():
        assert second_bucket.read(name) == s3.read(name)
        assert second_bucket.head(name)["ServerSideEncryption"] == "AES256"
    after = putright(second_bucket.environ, "shell", "--no-imports", "-c", FINGERPRINT)
    assert after.returncode == 0, after.stderr
    assert json.loads(after.stdout) == before
    assert not Path(second_bucket.environ["PUTRIGHT_DATA_DIR"], "files").exists()


def test_a_data_folders_backup_restores_into_a_bucket(
    settings, tmp_path: Path, second_bucket: Bucket
) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "folder")},
        },
    }
    before, _ = backed_up_and_restored(tmp_path, second_bucket)

    folder = sorted(p for p in (tmp_path / "folder").rglob("*") if p.is_file())
    assert second_bucket.names() == [p.relative_to(tmp_path / "folder").as_posix() for p in folder]
    after = putright(second_bucket.environ, "shell", "--no-imports", "-c", FINGERPRINT)
    assert json.loads(after.stdout) == before


def test_restore_refuses_a_bucket_holding_files_then_force_replaces_them(
    s3: Bucket, tmp_path: Path
) -> None:
    an_installation()
    backup = tmp_path / "backup"
    call_command("backup", "--out", str(backup))
    s3.client.put_object(Bucket=s3.name, Key=f"{PREFIX}/later/extra.txt", Body=b"later")
    photo = Attachment.objects.get(filename="damp.jpg").file.name
    kept = s3.read(photo)
    s3.client.put_object(Bucket=s3.name, Key=s3.key(photo), Body=b"changed since")
    later = factories.complaint(Complaint.objects.first().landlord)  # type: ignore[union-attr]

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(backup))
    assert f"The bucket {s3.name} under {PREFIX}/ already holds files" in str(refused.value)
    assert "later/extra.txt" in s3.names()

    call_command("restore", str(backup), "--force")

    assert "later/extra.txt" not in s3.names()
    assert s3.read(photo) == kept
    assert s3.names() == sorted(
        {str(a.file.name) for a in Attachment.objects.all()}
        | {str(letter.pdf.name) for letter in Letter.objects.all()}
    )
    assert not Complaint.objects.filter(pk=later.pk).exists()


def test_keeping_backups_for_so_many_days_removes_old_local_backups_not_objects(
    s3: Bucket, tmp_path: Path, time_machine
) -> None:
    # The backups are on the backup server's disk whatever holds the files: --keep-days
    # removes old backup directories there and never touches the bucket.
    an_installation()
    backups = tmp_path / "backups"
    now = dt.datetime(2026, 12, 7, 2, 0, tzinfo=dt.UTC)
    time_machine.move_to(now - dt.timedelta(days=40), tick=False)
    call_command("backup", "--out", str(backups / "old"))
    time_machine.move_to(now - dt.timedelta(days=3), tick=False)
    call_command("backup", "--out", str(backups / "recent"))
    objects = {name: s3.read(name) for name in s3.names()}
    time_machine.move_to(now, tick=False)

    call_command("backup", "--out", str(backups / "new"), "--keep-days", "35")

    assert sorted(p.name for p in backups.iterdir()) == ["new", "recent"]
    assert {name: s3.read(name) for name in s3.names()} == objects
    listed = json.loads((backups / "new" / MANIFEST).read_text())["files"][1:]
    assert {e["path"].removeprefix(f"{FILES}/") for e in listed} == set(objects)
