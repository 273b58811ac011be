"""`putright backup --out DIR --keep-days N` (docs/operations.md, "How long backups are
kept"): once the new backup is checked whole, the backups beside it made more than N days
ago are removed; the one just made, the newest finished one, and everything that is not a
finished Putright backup are left.

Every backup here is made by the real command, with the clock moved (time-machine) to when
it was made, so its manifest's created_at is the command's own. The database is the
suite's own (SQLite in the SQLite run, PostgreSQL in the PostgreSQL run)."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from putright.complaints import services
from putright.web import backup as backup_module
from putright.web.backup import MANIFEST, REMOVING, backups_prune
from tests import factories
from tests.web.test_backup import PHOTO

pytestmark = pytest.mark.django_db(transaction=True)

#: The nights the backups are made, 02:00 UTC, and the night of the run that prunes.
NOW = dt.datetime(2026, 12, 7, 2, 0, tzinfo=dt.UTC)


def night(days_ago: int) -> dt.datetime:
    return NOW - dt.timedelta(days=days_ago)


@pytest.fixture
def backups(tmp_path: Path) -> Path:
    """The folder the nightly backups go into, and an installation to back up (a landlord
    and a complaint with a file, so each backup has a database and a files/ folder)."""
    landlord = factories.landlord("Keep Homes")
    complaint = factories.complaint(landlord)
    services.complaint_attach(
        complaint=complaint, filename="damp.jpg", content=PHOTO, content_type="image/jpeg", by=None
    )
    folder = tmp_path / "backups"
    folder.mkdir()
    return folder


def made(folder: Path, days_ago: int, time_machine, *args: str) -> tuple[Path, str]:
    """A backup made by ``putright backup`` ``days_ago`` nights before NOW: its directory
    and what the command printed."""
    time_machine.move_to(night(days_ago), tick=False)
    out = folder / f"putright-{night(days_ago):%Y-%m-%d}"
    said = io.StringIO()
    call_command("backup", "--out", str(out), *args, stdout=said)
    return out, said.getvalue()


def test_old_backups_go_recent_ones_stay_and_nothing_else_is_touched(
    backups: Path, time_machine
) -> None:
    oldest, _ = made(backups, 60, time_machine)
    old, _ = made(backups, 36, time_machine)
    on_the_day, _ = made(backups, 35, time_machine)
    recent, _ = made(backups, 10, time_machine)
    # An unfinished backup (stopped before its manifest was written), long ago.
    unfinished, _ = made(backups, 50, time_machine)
    (unfinished / MANIFEST).rename(unfinished / f"{MANIFEST}.part")
    # Somebody else's things in the folder.
    (backups / "lost+found").mkdir()
    (backups / "lost+found" / "#1234").write_bytes(b"?")
    (backups / "README.txt").write_text("Nightly Putright backups; copied off at 04:00.")
    foreign = (backups / "lost+found", backups / "README.txt")
    # A backup somebody has put a note in, and one whose manifest is not of a known format.
    annotated, _ = made(backups, 45, time_machine)
    (annotated / "restored-on-2026-11-01.txt").write_text("tried: fine")
    unknown, _ = made(backups, 44, time_machine)
    manifest = json.loads((unknown / MANIFEST).read_text())
    (unknown / MANIFEST).write_text(json.dumps({**manifest, "format": 99}))

    new, said = made(backups, 0, time_machine, "--keep-days", "35")

    assert sorted(p.name for p in backups.iterdir()) == sorted(
        p.name for p in (on_the_day, recent, unfinished, annotated, unknown, new, *foreign)
    )
    assert (backups / "lost+found" / "#1234").read_bytes() == b"?"
    assert (unfinished / f"{MANIFEST}.part").exists()
    lines = said.splitlines()
    assert lines[0].startswith("Backed up the ") and lines[0].endswith(
        f"to {new}; checked: every one of its 2 files is as its manifest says."
    )
    assert lines[1:] == [
        f"Removed {oldest} (made 08 October 2026 at 02:00 UTC by Putright 0.1.0): "
        "more than 35 days ago.",
        f"Removed {old} (made 01 November 2026 at 02:00 UTC by Putright 0.1.0): "
        "more than 35 days ago.",
        f"Kept {new} (made 07 December 2026 at 02:00 UTC by Putright 0.1.0): the backup just made.",
        f"Kept {on_the_day} (made 02 November 2026 at 02:00 UTC by Putright 0.1.0): "
        "within 35 days.",
        f"Kept {recent} (made 27 November 2026 at 02:00 UTC by Putright 0.1.0): within 35 days.",
        f"Left {backups / 'README.txt'}: not a Putright backup.",
        f"Left {backups / 'lost+found'}: not a Putright backup.",
        f"Left {unfinished}: an unfinished backup (it has no manifest.json).",
        f"Left {annotated}: it holds more than a backup does (restored-on-2026-11-01.txt).",
        f"Left {unknown}: {unknown / MANIFEST} is in format 99; this Putright (0.1.0) reads "
        "format 1.",
        "Removed 2 backup(s) made more than 35 days ago; kept 3; left 5 other thing(s) alone.",
    ]


def test_without_keep_days_nothing_is_removed(backups: Path, time_machine) -> None:
    old, _ = made(backups, 400, time_machine)

    new, said = made(backups, 0, time_machine)

    assert old.exists() and new.exists()
    assert "check it with: putright restore" in said and "Removed" not in said


def test_the_newest_finished_backup_is_kept_whatever_its_age(backups: Path, time_machine) -> None:
    # The clock jumped a year forward after the last good backup: by that clock every backup
    # is older than the days kept, even the one just made (by the right clock), yet the
    # newest finished one is kept beside it, and only older ones go.
    older, _ = made(backups, 60, time_machine)
    last_good, _ = made(backups, 40, time_machine)
    first, _ = made(backups, 50, time_machine)

    pruned = backups_prune(made=first, keep_days=35, now=NOW + dt.timedelta(days=365))

    assert [(e.path, e.why) for e in pruned.kept] == [
        (first, "the backup just made"),
        (last_good, "the newest finished backup"),
    ]
    assert [e.path for e in pruned.removed] == [older]
    assert not older.exists() and last_good.exists() and first.exists()


def test_a_backup_that_fails_removes_nothing(backups: Path, time_machine) -> None:
    # Backups failing night after night (here: the night's directory is already taken)
    # leave every earlier backup, however old: the last good one is still there.
    last_good, _ = made(backups, 60, time_machine)
    taken = backups / f"putright-{NOW:%Y-%m-%d}"
    taken.mkdir()
    (taken / "something").write_text("not ours")

    with pytest.raises(CommandError, match="already exists and is not empty"):
        made(backups, 0, time_machine, "--keep-days", "1")

    assert (last_good / MANIFEST).exists()


def test_a_backup_that_is_not_whole_removes_nothing(
    backups: Path, time_machine, monkeypatch
) -> None:
    old, _ = made(backups, 60, time_machine)
    written = backup_module.backup_make

    def damaged(*, out: Path):
        manifest = written(out=out)
        photo = next(p for p in (out / "files").rglob("*") if p.is_file())
        photo.write_bytes(b"X" + photo.read_bytes()[1:])  # a disk error, say
        return manifest

    monkeypatch.setattr(
        "putright.web.management.commands.backup.backup_make", damaged, raising=True
    )

    with pytest.raises(CommandError) as refused:
        made(backups, 0, time_machine, "--keep-days", "35")

    first, *problems = str(refused.value).splitlines()
    assert first.endswith(", but it is not whole, so no backup was removed:")
    assert len(problems) == 1 and "is not the file that was backed up" in problems[0]
    assert (old / MANIFEST).exists()


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ("0", "expected from 1 to 36,500 days, not '0'"),
        ("-3", "expected from 1 to 36,500 days, not '-3'"),
        ("1.5", "expected a whole number of days, not '1.5'"),
        ("a month", "expected a whole number of days, not 'a month'"),
    ],
)
def test_a_number_of_days_that_is_not_a_whole_number_from_1_is_refused(
    backups: Path, time_machine, given: str, said: str
) -> None:
    old, _ = made(backups, 60, time_machine)

    with pytest.raises(CommandError, match=re.escape(f"argument --keep-days: {said}")):
        made(backups, 0, time_machine, "--keep-days", given)

    # Refused before anything was done: no backup made, none removed.
    assert [p.name for p in backups.iterdir()] == [old.name]


def test_a_removal_that_fails_is_said_the_others_done_and_it_goes_next_time(
    backups: Path, time_machine, monkeypatch
) -> None:
    stuck, _ = made(backups, 61, time_machine)
    other, _ = made(backups, 60, time_machine)
    remove_tree = shutil.rmtree

    def rmtree(path, *args, **kwargs):
        if Path(path).parent.name == stuck.name + REMOVING:
            raise PermissionError(13, "Permission denied")
        remove_tree(path, *args, **kwargs)

    monkeypatch.setattr(backup_module.shutil, "rmtree", rmtree)

    with pytest.raises(CommandError) as failed:
        made(backups, 1, time_machine, "--keep-days", "35")

    left = backups / (stuck.name + REMOVING)
    assert str(failed.value) == (
        f"Could not remove {stuck} (made 07 October 2026 at 02:00 UTC by Putright 0.1.0): "
        f"Permission denied; what is left of it is {left}, which the next run removes."
    )
    assert not other.exists() and not stuck.exists()
    # What is left says what it was: it still has its manifest, never a backup that looks
    # whole under its own name.
    assert (left / MANIFEST).exists()

    monkeypatch.setattr(backup_module.shutil, "rmtree", remove_tree)
    new, said_next = made(backups, 0, time_machine, "--keep-days", "35")

    assert f"Removed {left} (made 07 October 2026" in said_next
    assert sorted(p.name for p in backups.iterdir()) == sorted(
        [f"putright-{night(1):%Y-%m-%d}", new.name]
    )
