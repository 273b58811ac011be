"""`putright import-register` and `putright export-register` (interfaces.md): one line per
problem on stderr and exit 1 on bad input, never a traceback; a one-line summary on success."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from putright.complaints.models import Complaint, Event
from tests import factories
from tests.registers.support import register_bytes, table_counts

pytestmark = pytest.mark.django_db

PUTRIGHT = Path(sys.executable).with_name("putright")


def run(command: str, *args: str, **options) -> tuple[int, str, str]:
    """(exit status, stdout, stderr) of a management command called in-process."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(command, *args, stdout=out, stderr=err, **options)
    except SystemExit as exit:
        return exit.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


BAD_FILE = (
    b"reference,received_date,channel,s1_acknowledged_date,s1_responded_date,s1_outcome,colour\r\n"
    b"OK-1,2024-05-01,phone,2024-05-02,2024-05-10,upheld,\r\n"
    b"BAD-DATE,01/05/2024,email,,,,\r\n"
    b"BACKWARDS,2024-05-10,web,2024-05-08,2024-05-20,upheld,\r\n"
    b"BAD-CODE,2024-05-01,carrier pigeon,,,,\r\n"
)


def test_a_bad_file_exits_1_names_every_problem_and_writes_nothing(tmp_path):
    landlord = factories.landlord("Cannock Chase District Council")
    path = tmp_path / "register.csv"
    path.write_bytes(BAD_FILE)
    before = table_counts()
    status, out, err = run("import_register", str(path), landlord=landlord.name)
    assert status == 1
    assert out == ""
    assert err.splitlines() == [
        "line 1, column colour: unknown column; the columns are "
        + err.split("the columns are ")[1].split("\n")[0],
        "line 3, column received_date: '01/05/2024' is not a date written YYYY-MM-DD (e.g. 2024-05-01)",
        "line 4, column s1_acknowledged_date: 2024-05-08 is before received_date 2024-05-10; dates "
        "must run received ≤ s1 acknowledged ≤ s1 responded ≤ escalation requested ≤ s2 "
        "acknowledged ≤ s2 responded",
        "line 5, column channel: 'carrier pigeon' is not allowed; use one of: phone, email, web, "
        "letter, in_person, social_media, councillor_mp, contractor, other",
        "Nothing was imported: 4 problem(s) to fix.",
    ]
    assert table_counts() == before


def test_more_than_50_errors_are_listed_to_50_then_counted(tmp_path):
    landlord = factories.landlord()
    rows = [{"reference": f"R-{n}", "received_date": "someday"} for n in range(60)]
    path = tmp_path / "register.csv"
    path.write_bytes(register_bytes(*rows))
    status, _, err = run("import_register", str(path), landlord=landlord.name)
    lines = err.splitlines()
    assert status == 1
    assert len(lines) == 52
    assert lines[49].startswith("line 51, column received_date:")
    assert lines[50] == "… and 10 more errors"
    assert lines[51] == "Nothing was imported: 60 problem(s) to fix."


def test_an_unknown_landlord_is_one_clear_line(tmp_path):
    path = tmp_path / "register.csv"
    path.write_bytes(register_bytes({"reference": "R-1", "received_date": "2024-05-01"}))
    status, out, err = run("import_register", str(path), landlord="Nobody Homes")
    assert (status, out) == (1, "")
    assert err == "There is no landlord named 'Nobody Homes'; add it with: putright landlord add\n"


def test_a_missing_file_is_one_clear_line(tmp_path):
    landlord = factories.landlord()
    status, _, err = run("import_register", str(tmp_path / "nope.csv"), landlord=landlord.name)
    assert status == 1
    assert err.startswith(f"cannot read {tmp_path / 'nope.csv'}: No such file or directory")


def test_a_good_file_prints_a_one_line_summary(tmp_path):
    landlord = factories.landlord("Brent Council")
    path = tmp_path / "register.csv"
    path.write_bytes(
        register_bytes(
            {"reference": "R-1", "received_date": "2024-05-01"},
            {"reference": "R-2", "received_date": "2024-05-02", "kind": "service_request"},
        )
    )
    status, out, err = run("import_register", str(path), landlord=landlord.name)
    assert (status, err) == (0, "")
    assert out == "Brent Council: Imported 2 records: 2 created, 0 updated, 0 unchanged.\n"
    assert Event.objects.filter(landlord=landlord).first().detail == {
        "source": "register.csv",
        "line": 2,
    }
    status, out, _ = run("import_register", str(path), landlord=landlord.name)
    assert out == "Brent Council: Imported 2 records: 0 created, 0 updated, 2 unchanged.\n"


def test_an_exclusive_import_prints_the_same_summary_and_writes_the_same_records(tmp_path):
    """``--exclusive`` (on PostgreSQL, the tables' foreign keys and plain indexes set aside
    while writing: tests/registers/test_importer_postgresql.py) imports as a normal one."""
    landlord = factories.landlord("Brent Council")
    path = tmp_path / "register.csv"
    path.write_bytes(
        register_bytes(
            {
                "reference": "R-1",
                "received_date": "2024-05-01",
                "s1_acknowledged_date": "2024-05-02",
            },
            {"reference": "R-2", "received_date": "2024-05-02", "kind": "service_request"},
        )
    )
    status, out, err = run("import_register", str(path), landlord=landlord.name, exclusive=True)
    assert (status, err) == (0, "")
    assert out == "Brent Council: Imported 2 records: 2 created, 0 updated, 0 unchanged.\n"
    assert sorted(
        Complaint.objects.filter(landlord=landlord).values_list("reference", "stages__status")
    ) == [("R-1", "acknowledged"), ("R-2", None)]
    assert Event.objects.filter(landlord=landlord).count() == 2
    status, out, _ = run("import_register", str(path), landlord=landlord.name, exclusive=True)
    assert out == "Brent Council: Imported 2 records: 0 created, 0 updated, 2 unchanged.\n"


def test_a_dry_run_reports_and_writes_nothing(tmp_path):
    landlord = factories.landlord("Brent Council")
    path = tmp_path / "register.csv"
    path.write_bytes(register_bytes({"reference": "R-1", "received_date": "2024-05-01"}))
    before = table_counts()
    status, out, _ = run("import_register", str(path), landlord=landlord.name, dry_run=True)
    assert status == 0
    assert out == (
        "Brent Council: Dry run, nothing written: 1 record would be read, 1 created, "
        "0 updated, 0 unchanged.\n"
    )
    assert table_counts() == before


def test_export_writes_the_file_and_a_one_line_summary(tmp_path):
    landlord = factories.landlord("Brent Council")
    factories.complaint(landlord)
    out_path = tmp_path / "out.csv"
    status, out, err = run(
        "export_register", landlord=landlord.name, year="2023", out=str(out_path)
    )
    assert (status, err) == (0, "")
    assert out == f"Brent Council: exported 1 record received in 2023/24 to {out_path}.\n"
    assert out_path.read_bytes().startswith(b"reference,kind,received_date,")


@pytest.mark.parametrize("year", ["23", "2023/24", "next"])
def test_export_refuses_a_year_that_is_not_yyyy(tmp_path, year):
    landlord = factories.landlord()
    status, _, err = run(
        "export_register", landlord=landlord.name, year=year, out=str(tmp_path / "x")
    )
    assert status == 1
    assert err == f"--year must be a year such as 2023 (for 2023/24), not {year!r}\n"


def test_export_for_an_unknown_landlord_is_one_clear_line(tmp_path):
    status, _, err = run("export_register", landlord="Nobody", out=str(tmp_path / "x.csv"))
    assert status == 1
    assert err == "There is no landlord named 'Nobody'; add it with: putright landlord add\n"


def test_the_putright_command_exits_1_without_a_traceback(tmp_path):
    """The real command line, in its own process and database."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "PUTRIGHT_DATA_DIR": str(tmp_path),
    }

    def putright(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(PUTRIGHT), *args], env=env, capture_output=True, text=True, timeout=120
        )

    assert putright("migrate", "--no-input", "-v0").returncode == 0
    create = (
        "from putright.landlords.models import Landlord; Landlord.objects.create(name='Test Homes')"
    )
    assert putright("shell", "-c", create).returncode == 0
    bad = tmp_path / "bad.csv"
    bad.write_bytes(BAD_FILE)
    result = putright("import-register", str(bad), "--landlord", "Test Homes")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 5
    assert result.stderr.splitlines()[1].startswith("line 3, column received_date:")

    good = tmp_path / "good.csv"
    good.write_bytes(register_bytes({"reference": "R-1", "received_date": "2024-05-01"}))
    result = putright("import-register", str(good), "--landlord", "Test Homes")
    assert (result.returncode, result.stdout) == (
        0,
        "Test Homes: Imported 1 record: 1 created, 0 updated, 0 unchanged.\n",
    )
    exported = tmp_path / "out.csv"
    result = putright("export-register", "--landlord", "Test Homes", "--out", str(exported))
    assert result.returncode == 0
    assert (
        exported.read_text(encoding="utf-8").splitlines()[1].startswith("R-1,complaint,2024-05-01,")
    )
    unknown = putright("import-register", str(good), "--landlord", "Nobody")
    assert (unknown.returncode, unknown.stderr.count("\n")) == (1, 1)
    assert not Complaint.objects.exists()  # the test database was never touched
