"""A spotlight report's recommendations read from a CSV file: one column headed
``recommendation`` and, optionally, one headed ``reference`` (the Ombudsman's own number
for it). All or nothing: every problem is named by its line, and none is recorded until
there are none."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

#: The most a file may hold: spotlight reports make tens of recommendations, not thousands.
MAX_BYTES = 512 * 1024
MAX_ROWS = 500
REFERENCE_MAX = 40
#: Problems listed one by one; beyond this many, the rest are counted.
PROBLEMS_SHOWN = 20
FIELD = "recommendations_file"


@dataclass(frozen=True)
class ImportedRecommendation:
    line: int
    reference: str
    text: str


def recommendations_read(data: bytes) -> tuple[list[ImportedRecommendation], dict[str, str]]:
    """The recommendations in ``data``, and the problems (keyed ``recommendations_file``
    for the file as a whole, ``recommendations_file-<line>`` for a line); when there is any
    problem, no recommendation is given back."""
    if not data.strip():
        return [], {FIELD: "The CSV file is empty"}
    if len(data) > MAX_BYTES:
        return [], {FIELD: f"The CSV file must be smaller than {MAX_BYTES // 1024} KB"}
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], {FIELD: "The file must be a CSV file saved as UTF-8 (CSV UTF-8 in Excel)"}
    if "\x00" in text:
        return [], {FIELD: "The file must be a CSV file, not a spreadsheet or another file"}
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        return [], {FIELD: "The CSV file has no heading row"}
    names = [h.strip().lower() for h in header]
    unknown = [h for h in names if h not in ("recommendation", "reference")]
    problems: dict[str, str] = {}
    if "recommendation" not in names:
        problems[FIELD] = (
            'Line 1: the heading row must have a column headed "recommendation" '
            '(and, if you like, one headed "reference")'
        )
    elif unknown or len(set(names)) != len(names):
        problems[FIELD] = (
            'Line 1: the only columns allowed are "recommendation" and "reference", each once'
        )
    if problems:
        return [], problems
    at_text = names.index("recommendation")
    at_ref = names.index("reference") if "reference" in names else None
    rows: list[ImportedRecommendation] = []
    seen: dict[str, int] = {}
    line_problems: list[tuple[int, str]] = []
    try:
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue  # a blank line
            if len(cells) > len(names):
                line_problems.append(
                    (
                        line,
                        f"Line {line}: has {len(cells)} cells but the heading row has "
                        f"{len(names)} (put a recommendation with commas in double quotes)",
                    )
                )
                continue
            cells = cells + [""] * (len(names) - len(cells))
            text_cell = cells[at_text].strip()
            reference = cells[at_ref].strip() if at_ref is not None else ""
            if not text_cell:
                line_problems.append((line, f"Line {line}: the recommendation is blank"))
            if len(reference) > REFERENCE_MAX:
                line_problems.append(
                    (
                        line,
                        f"Line {line}: the reference must be {REFERENCE_MAX} characters or fewer",
                    )
                )
            elif reference and reference.lower() in seen:
                line_problems.append(
                    (
                        line,
                        f"Line {line}: the reference {reference} is on line "
                        f"{seen[reference.lower()]} already",
                    )
                )
            elif reference:
                seen[reference.lower()] = line
            rows.append(ImportedRecommendation(line, reference, text_cell))
    except csv.Error as error:
        return [], {FIELD: f"Line {reader.line_num}: the file cannot be read as CSV ({error})"}
    if len(rows) > MAX_ROWS:
        return [], {FIELD: f"The file has {len(rows)} recommendations; the most is {MAX_ROWS}"}
    if not rows and not line_problems:
        return [], {FIELD: "The CSV file has no recommendations under its heading row"}
    for line, message in line_problems[:PROBLEMS_SHOWN]:
        problems.setdefault(f"{FIELD}-{line}", message)
    if len(line_problems) > PROBLEMS_SHOWN:
        problems[f"{FIELD}-more"] = (
            f"And {len(line_problems) - PROBLEMS_SHOWN} more problems: correct the file and "
            "choose it again"
        )
    return ([] if problems else rows), problems
