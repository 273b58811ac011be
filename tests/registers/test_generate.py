"""The generated register is realistic and internally consistent, and covers every column
and kind, so the round-trip tests and the benchmark exercise all of the format."""

from __future__ import annotations

import io
from collections import Counter

from putright.registers.columns import COLUMN_NAMES
from putright.registers.generate import generate_rows, write_register
from tests.registers.support import TODAY, parse


def generated(count: int, seed: int = 7) -> bytes:
    out = io.StringIO(newline="")
    write_register(out, generate_rows(count, today=TODAY, seed=seed))
    return out.getvalue().encode("utf-8")


def test_generated_rows_are_valid():
    parsed = parse(generated(3000))
    assert parsed.errors == []
    assert len(parsed.rows) == 3000


def test_the_same_seed_gives_the_same_register_and_another_seed_another():
    assert generated(200, seed=3) == generated(200, seed=3)
    assert generated(200, seed=3) != generated(200, seed=4)


def test_every_column_and_every_kind_appears():
    rows = list(generate_rows(3000, today=TODAY, seed=7, sub_causes=True))
    filled = {name for row in rows for name, cell in row.items() if cell}
    assert filled == set(COLUMN_NAMES)
    assert Counter(row["kind"] for row in rows).keys() >= {
        "complaint",
        "",
        "service_request",
        "member_enquiry",
    }


def test_the_history_includes_what_the_reports_must_handle():
    records = parse(generated(3000)).rows
    complaints = [r for r in records if r.kind == "complaint"]
    assert any(r.not_accepted_reason for r in complaints)
    assert any(r.withdrawn_date and not r.escalated for r in complaints)
    assert any(r.withdrawn_date and r.escalated for r in complaints)
    assert any(r.s2_not_accepted_reason for r in complaints)
    assert any(r.s2_responded_date for r in complaints)
    assert any((r.s1_extension_working_days or 0) > 10 for r in complaints)  # over the limit
    assert any((r.s2_extension_working_days or 0) > 20 for r in complaints)
    assert any(r.s1_extension_agreed_date for r in complaints)
    assert any(
        r.s1_extension_agreed_date
        and r.s1_acknowledged_date
        and (r.s1_extension_agreed_date - r.s1_acknowledged_date).days > 14
        for r in complaints
    )  # extensions agreed after the response was due, which do not count
    assert any(
        r.s1_acknowledged_date and (r.s1_acknowledged_date - r.received_date).days > 7
        for r in complaints
    )  # late acknowledgements
    assert any(r.s1_compensation_gbp for r in complaints)
    assert any(r.s2_compensation_gbp for r in complaints)
    assert any(r.jurisdiction == "lgsco" for r in records)
    assert any("\n" in r.description and '"' not in r.description for r in records)
    assert all(r.received_date <= TODAY for r in records)
