"""`putright bundle REFERENCE --landlord NAME --out FILE.zip` (interfaces.md)."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests import factories
from tests.ombudsman.helpers import attach, closed_complaint

PUTRIGHT = str(Path(sys.executable).with_name("putright"))


@pytest.mark.django_db
def test_the_command_writes_the_bundle(tmp_path):
    landlord = factories.landlord("Riverside Homes")
    complaint = closed_complaint(landlord)
    attach(complaint)
    out = io.StringIO()
    target = tmp_path / "bundle.zip"

    call_command(
        "bundle",
        complaint.reference,
        "--landlord",
        "Riverside Homes",
        "--out",
        str(target),
        stdout=out,
    )

    archive = zipfile.ZipFile(target)
    assert archive.namelist()[0] == f"00-case-file-{complaint.reference}.pdf"
    assert f"Wrote the case file for {complaint.reference} to {target}" in out.getvalue()
    assert "1 attachments" in out.getvalue()


@pytest.mark.django_db
def test_the_command_refuses_an_unknown_landlord_or_reference(tmp_path):
    landlord = factories.landlord("Riverside Homes")
    with pytest.raises(CommandError, match="no landlord called 'Elsewhere'"):
        call_command(
            "bundle", "CU-000001", "--landlord", "Elsewhere", "--out", str(tmp_path / "x.zip")
        )
    with pytest.raises(CommandError, match="has no complaint with the reference 'CU-999999'"):
        call_command(
            "bundle", "CU-999999", "--landlord", landlord.name, "--out", str(tmp_path / "x.zip")
        )


def test_the_console_script_says_one_line_and_exits_1_for_an_unknown_reference(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "PUTRIGHT_DATA_DIR": str(tmp_path),
    }
    subprocess.run([PUTRIGHT, "migrate", "-v0"], env=env, check=True, timeout=180)
    subprocess.run(
        [PUTRIGHT, "landlord", "add", "Riverside Homes"],
        env=env,
        check=True,
        timeout=60,
        capture_output=True,
    )
    for args, words in (
        (["CU-000404", "--landlord", "Riverside Homes"], "no complaint with the reference"),
        (["CU-000404", "--landlord", "Nowhere"], "no landlord called"),
    ):
        run = subprocess.run(
            [PUTRIGHT, "bundle", *args, "--out", str(tmp_path / "b.zip")],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert run.returncode == 1, run.stderr
        assert "Traceback" not in run.stderr
        assert run.stderr.count("\n") == 1, run.stderr
        assert words in run.stderr
    run = subprocess.run(
        [PUTRIGHT, "bundle", "--help"], env=env, capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0 and "--landlord" in run.stdout
