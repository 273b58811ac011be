"""Every CSV and XLSX cell is made safe in one place (``web.spreadsheets``): text that a
spreadsheet would run as a formula is written as text, and in a CSV the apostrophe put
before it comes off again exactly (register-csv.md, "Text a spreadsheet would run")."""

from __future__ import annotations

import csv
import io
import zipfile

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from putright.web.spreadsheets import (
    csv_writer,
    neutralise,
    restore,
    table_csv,
    table_xlsx,
    would_run,
)

DANGERS = [
    '=HYPERLINK("http://x.example","Repairs")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\tTab",
    "\rCarriage return",
    " =1+1",
    "\n=1+1",
    "\uff1dSUM(1)",
]

#: Text with the characters that matter drawn often: signs, apostrophes, spaces, breaks.
tricky_text = st.text(
    st.one_of(
        st.sampled_from("'=+-@\t\r\n \xa0\uff1d\uff20"), st.characters(exclude_categories=("Cs",))
    ),
    max_size=12,
)


def test_text_a_spreadsheet_would_run_gets_an_apostrophe_before_it():
    for text in DANGERS:
        assert would_run(text)
        assert neutralise(text) == "'" + text


def test_other_text_numbers_and_nothing_are_left_as_they_are():
    for value in ("Amina Okafor", "Damp and mould", "1-2 Acacia Avenue", "it's", "", 12, None):
        assert neutralise(value) == value


def test_text_already_starting_with_an_apostrophe_before_a_formula_gets_one_more():
    assert neutralise("'=1+1") == "''=1+1"
    assert restore("''=1+1") == "'=1+1"
    assert neutralise("'Damp' everywhere") == "'Damp' everywhere"
    assert restore("'Damp' everywhere") == "'Damp' everywhere"


@given(tricky_text)
def test_restore_gives_back_exactly_what_neutralise_was_given(text):
    assert restore(neutralise(text)) == text


@given(tricky_text)
def test_no_neutralised_text_would_run(text):
    assert not would_run(neutralise(text))


@given(tricky_text)
def test_text_is_changed_only_when_it_would_run_after_its_apostrophes(text):
    changed = neutralise(text) != text
    assert changed == would_run(text.lstrip("'"))


def test_the_csv_writer_neutralises_every_text_cell_and_leaves_numbers():
    out = io.StringIO()
    writer = csv_writer(out, lineterminator="\n")
    writer.writerow(["=1+1", -5, "plain"])

    assert next(csv.reader(io.StringIO(out.getvalue()))) == ["'=1+1", "-5", "plain"]


def test_a_table_as_csv_and_xlsx_writes_no_formula():
    headings = ["@Heading", "Name"]
    rows = [[text, "Amina"] for text in DANGERS]

    read = list(csv.reader(io.StringIO(table_csv(headings, rows).decode("utf-8-sig"))))
    content = table_xlsx("Sheet", headings, rows)

    assert read[0] == ["'@Heading", "Name"]
    assert [row[0] for row in read[1:]] == ["'" + text for text in DANGERS]
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")
    sheet = load_workbook(io.BytesIO(content)).active
    for row_number, text in enumerate(DANGERS, start=2):
        cell = sheet.cell(row=row_number, column=1)
        assert cell.value == text.replace("\r", "\n")
        assert cell.data_type == "s" and cell.quotePrefix
    assert not sheet.cell(row=2, column=2).quotePrefix


def test_characters_an_xlsx_cannot_hold_do_not_stop_the_download():
    content = table_xlsx("Sheet", ["Name"], [["Bell\x07 ringer"]])

    assert load_workbook(io.BytesIO(content)).active["A2"].value == "Bell\ufffd ringer"
