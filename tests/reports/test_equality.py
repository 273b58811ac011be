"""The equality section: the landlord's own small-number threshold, and counting the people
who complained as well as their complaints (Milton Keynes counts people)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from io import BytesIO

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from putright.complaints import services
from putright.reports.equality import equality_figures, suppress
from putright.reports.exports import annual_export
from putright.reports.models import EqualitySetting, EqualityYear
from putright.reports.report import annual_report
from putright.residents.models import EqualityData, Resident
from tests import factories

D = dt.date
START, END = D(2023, 4, 1), D(2024, 3, 31)
ON = D(2024, 6, 1)
IN_THE_YEAR = D(2023, 6, 1)


@given(
    st.dictionaries(st.text(min_size=1, max_size=5), st.integers(0, 40), max_size=8),
    st.integers(3, 20),
)
def test_no_count_below_the_landlords_threshold_is_ever_published(values, threshold):
    shown, hidden = suppress(values, threshold)
    assert all(n is None or n == 0 or n >= threshold for n in shown.values())
    assert set(hidden) == {k for k, n in shown.items() if n is None}


def _resident(landlord, sex: str | None) -> Resident:
    resident = Resident.objects.create(landlord=landlord, name="A Resident", tenure="tenant")
    if sex is not None:
        EqualityData.objects.create(landlord=landlord, resident=resident, sex=sex)
    return resident


def _complaint(landlord, resident=None, *, sex: str | None = None, received_on=IN_THE_YEAR):
    """A complaint received at stage 1 (triaged as a complaint), with its own equality
    record when ``sex`` is given, as a register import makes one."""
    complaint = factories.complaint(landlord, resident=resident, received_on=received_on)
    services.complaint_triage(complaint=complaint, decision="complaint", by=None, on=received_on)
    if sex is not None:
        EqualityData.objects.create(landlord=landlord, complaint=complaint, sex=sex)
    return complaint


@pytest.mark.django_db
def test_a_group_of_4_is_hidden_at_5_and_shown_at_3():
    landlord = factories.landlord()
    for _ in range(4):
        _complaint(landlord, _resident(landlord, "female"))
    for _ in range(6):
        _complaint(landlord, _resident(landlord, "male"))

    by_default = equality_figures(landlord, START, END)
    assert by_default["threshold"] == 5
    # 4 is hidden, and so is the next smallest: 4 could be worked out from the total.
    assert by_default["sex"] == {
        "counts": {"male": None, "female": None},
        "suppressed": ["male", "female"],
    }

    EqualitySetting.objects.create(landlord=landlord, threshold=3)
    lowered = equality_figures(landlord, START, END)
    assert lowered["threshold"] == 3
    assert lowered["sex"] == {"counts": {"male": 6, "female": 4}, "suppressed": []}

    report = annual_report(landlord, 2023, on=ON).figures["equality"]
    assert report["threshold"] == 3
    assert report["sex"]["counts"] == {"male": 6, "female": 4}


@pytest.mark.django_db
def test_people_are_counted_once_however_often_they_complained():
    landlord = factories.landlord()
    twice = _resident(landlord, "female")  # complained twice: 1 person, 2 complaints
    _complaint(landlord, twice)
    _complaint(landlord, twice, received_on=D(2023, 9, 1))
    once = _resident(landlord, "male")
    _complaint(landlord, once)
    # A resident with no record of their own: their latest complaint's record counts.
    unrecorded = _resident(landlord, None)
    _complaint(landlord, unrecorded, sex="male")
    _complaint(landlord, unrecorded, sex="female", received_on=D(2023, 10, 2))
    # A complaint from a register with no resident is a person of its own.
    _complaint(landlord, None, sex="male")
    # A resident who told us nothing.
    silent = _resident(landlord, None)
    _complaint(landlord, silent)
    _complaint(landlord, silent, received_on=D(2023, 11, 1))
    # Received the year before: not counted.
    _complaint(landlord, once, received_on=D(2023, 3, 31))

    complaints = equality_figures(landlord, START, END, threshold=1, counting="complaints")
    people = equality_figures(landlord, START, END, threshold=1, counting="people")

    assert (complaints["complaints"], complaints["people"]) == (8, 5)
    assert complaints["counting"] == "complaints"
    assert complaints["with_equality_data"] == 6
    assert complaints["sex"]["counts"] == {"female": 3, "male": 3, "not_recorded": 2}
    assert people["counting"] == "people"
    assert (people["complaints"], people["people"]) == (8, 5)
    assert people["with_equality_data"] == 4
    assert people["sex"]["counts"] == {"female": 2, "male": 2, "not_recorded": 1}


@pytest.mark.django_db
def test_the_report_counts_people_when_the_landlord_chooses_it_for_the_year(tmp_path):
    landlord = factories.landlord()
    EqualitySetting.objects.create(landlord=landlord, threshold=3)
    for _ in range(3):
        resident = _resident(landlord, "female")
        _complaint(landlord, resident)
        _complaint(landlord, resident, received_on=D(2023, 8, 1))
    EqualityYear.objects.create(landlord=landlord, year=2023, counting="people")
    EqualityYear.objects.create(landlord=landlord, year=2022, counting="complaints")

    figures = annual_report(landlord, 2023, on=ON).figures["equality"]
    assert {k: figures[k] for k in ("complaints", "people", "counting", "threshold")} == {
        "complaints": 6,
        "people": 3,
        "counting": "people",
        "threshold": 3,
    }
    assert figures["sex"]["counts"] == {"female": 3}

    html = annual_export(landlord, 2023, "html", on=ON).content.decode()
    assert "were made by 3 people, each counted once however often they complained" in html
    assert "any count below 3 is shown as &quot;fewer than 3&quot;" in html
    workbook = load_workbook(BytesIO(annual_export(landlord, 2023, "xlsx", on=ON).content))
    sheet = list(workbook["equality-sex"].iter_rows(min_row=4, values_only=True))
    assert sheet[0] == ("Sex", "People")
    assert ("Female", 3) in sheet
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(annual_export(landlord, 2023, "pdf", on=ON).content)
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout.split()
    )
    # pdftotext may read a table's header cell before or after the first row's label.
    assert "Sex of the people who complained" in text
    assert re.search(r"Sex (People Female|Female People) 3", text), text
    assert "each counted once however often they complained" in text
