"""The register export on PostgreSQL: the cells made by the database and streamed by COPY
(putright.registers.export_copy), byte for byte what the Python exporter writes."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from putright.complaints.models import Complaint, Extension, Remedy, Stage
from putright.landlords.models import Contractor, Landlord
from putright.registers.exporter import register_export, register_export_python
from putright.registers.generate import generate_rows, write_register
from putright.registers.importer import register_import
from putright.rules.codes import RemedyKind
from tests import factories
from tests.registers.support import TODAY, parse

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db,
]

#: Text a spreadsheet would run, text that looks so only after apostrophes, quotes, line
#: breaks inside a cell, non-ASCII, and text that is only nearly a formula.
AWKWARD = [
    "=SUM(A1:A2)",
    "+44 20 7946 0000",
    "-5 degrees in the bedroom",
    "@housing",
    "'=already marked",
    "''+twice",
    " \n=after a space and a line break",
    "\tstarts with a tab",
    "\rstarts with a carriage return",
    "\uff1dfull-width equals",
    "\xa0-after a no-break space",
    'She said "the damp is back", twice',
    "First line\nsecond line\r\nthird line",
    "Café, naïve, 住宅, 🏠",
    "a = b, not a formula",
    "'just an apostrophe",
    "ends with a comma,",
    "\\.",
]


def exported(landlord: Landlord, year: int | None = None, *, python: bool = False) -> bytes:
    out = io.StringIO(newline="")
    export = register_export_python if python else register_export
    export(landlord=landlord, year=year, out=out)
    return out.getvalue().encode("utf-8")


def imported(count: int = 300) -> Landlord:
    landlord = factories.landlord()
    out = io.StringIO(newline="")
    write_register(out, generate_rows(count, today=TODAY, seed=11))
    parsed = parse(out.getvalue().encode("utf-8"))
    assert parsed.errors == []
    register_import(landlord=landlord, rows=parsed.rows, source="register.csv")
    return landlord


def make_awkward(landlord: Landlord) -> None:
    """Awkward text in every kind of text cell, empty values, and stages with several
    extensions and financial remedies (the register import makes at most one of each)."""
    complaints = list(Complaint.objects.filter(landlord=landlord).order_by("id"))
    for n, text in enumerate(AWKWARD):
        Complaint.objects.filter(pk=complaints[n].pk).update(
            description=text,
            root_cause_detail=AWKWARD[-1 - n],
            reference=f"{text}#{n}" if n % 3 == 0 else complaints[n].reference,
            ombudsman_reference=text if n % 2 else "",
            member_name=text,
        )
    for n, contractor in enumerate(Contractor.objects.filter(landlord=landlord)):
        Contractor.objects.filter(pk=contractor.pk).update(name=f"=cmd|' /C calc'!A{n}")
    Complaint.objects.filter(pk=complaints[-1].pk).update(description="", root_cause_detail="")
    stages = list(Stage.objects.filter(landlord=landlord, number=1).order_by("id")[:6])
    for n, stage in enumerate(stages):
        Stage.objects.filter(pk=stage.pk).update(not_accepted_detail=AWKWARD[n])
        for m, (reason, amount) in enumerate(
            [('-first, quoted "reason"', None), ("", Decimal("20.50")), ("@third", None)]
        ):
            Extension.objects.create(
                stage=stage,
                working_days=5,
                reason=reason if n % 2 == 0 else AWKWARD[n + m],
                reason_code="",
                previous_due=stage.response_due,
                new_due=stage.response_due + dt.timedelta(days=7),
                agreed_on=stage.requested_on + dt.timedelta(days=m) if m else None,
            )
            Remedy.objects.create(
                stage=stage,
                kind=RemedyKind.FINANCIAL if m < 2 or n % 2 else RemedyKind.APOLOGY,
                amount_offered=amount if n != 3 else Decimal("20.50"),
                compensation_reason=["distress_inconvenience", "time_trouble", "other"][m],
            )


def test_copy_export_writes_exactly_the_bytes_the_python_exporter_writes():
    landlord = imported()
    make_awkward(landlord)
    factories.landlord()  # another landlord's records stay out

    by_copy = exported(landlord)
    by_python = exported(landlord, python=True)

    assert by_copy == by_python
    for text in ("'=SUM(A1:A2)", '"She said ""the damp is back"", twice"', "住宅"):
        assert text.encode("utf-8") in by_copy
    assert by_copy.startswith(b"reference,kind,received_date,")


def test_copy_export_of_one_financial_year_is_the_python_exporters():
    landlord = imported(200)
    years = {c.received_on.year - (c.received_on.month < 4) for c in Complaint.objects.all()}
    for year in sorted(years):
        assert exported(landlord, year) == exported(landlord, year, python=True)


def test_copy_export_is_one_statement_after_its_settings_and_counts_the_records():
    landlord = imported(120)
    out = io.StringIO(newline="")
    with CaptureQueriesContext(connection) as queries:
        count = register_export(landlord=landlord, out=out)
    assert count == 120
    # The test's own transaction makes the export's a savepoint.
    statements = [q["sql"] for q in queries if "SAVEPOINT" not in q["sql"]]
    assert len(statements) == 2
    assert statements[0].startswith("SELECT set_config('DateStyle', 'ISO', true)")
    assert statements[1].startswith("COPY (")


def test_an_empty_register_is_the_header_alone():
    landlord = factories.landlord()
    assert exported(landlord) == exported(landlord, python=True)
    assert exported(landlord).count(b"\r\n") == 1


#: Text whose first character is one the export looks at more closely (an apostrophe, a
#: sign, a space or line break a spreadsheet passes over), whether or not a formula follows,
#: and text that starts with a space a spreadsheet does not pass over.
FIRST_CHARACTERS = [
    " plain after a space",
    "\x0b+after a vertical tab",
    "\x0c@after a form feed",
    "\n\n-after two line breaks",
    "'\tan apostrophe then a tab",
    "' =an apostrophe then a space",
    "'",
    "''",
    " ",
    "=",
    "\uff20full-width at",
    "\u3000=after an ideographic space",
    "x=1",
]


def test_text_is_looked_at_closely_only_by_its_first_character_and_neutralised_alike():
    landlord = imported(60)
    complaints = list(Complaint.objects.filter(landlord=landlord).order_by("id"))
    for n, text in enumerate(FIRST_CHARACTERS):
        Complaint.objects.filter(pk=complaints[n].pk).update(
            description=text, root_cause_detail=FIRST_CHARACTERS[-1 - n]
        )

    by_copy = exported(landlord)

    assert by_copy == exported(landlord, python=True)
    assert b",'\x0b+after a vertical tab," in by_copy
    assert b", plain after a space," in by_copy
    assert "\u3000=after an ideographic space".encode() in by_copy


def test_dates_are_written_alike_whatever_the_sessions_datestyle_and_before_the_year_1000():
    landlord = imported(60)
    first = Complaint.objects.filter(landlord=landlord).order_by("id").first()
    assert first is not None
    Complaint.objects.filter(pk=first.pk).update(
        received_on=dt.date(999, 4, 1), withdrawn_on=dt.date(999, 5, 2)
    )
    by_python = exported(landlord, python=True)
    with connection.cursor() as cursor:
        # Until the test's transaction ends; the export sets ISO for its own.
        cursor.execute("SET LOCAL DateStyle = 'SQL, DMY'")
        cursor.execute("SELECT DATE '2024-04-01'::text")
        assert cursor.fetchone() == ("01/04/2024",)

    by_copy = exported(landlord)

    assert by_copy == by_python
    assert b",0999-04-01," in by_copy
    assert b",0999-05-02," in by_copy
