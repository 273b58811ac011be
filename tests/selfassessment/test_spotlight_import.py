"""A spotlight report's recommendations from a CSV file: a "recommendation" column and an
optional "reference"; all or nothing, each problem named by its line; or pasted as before."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from putright.landlords.models import Role
from putright.selfassessment.models import SpotlightRecommendation, SpotlightReport
from putright.selfassessment.services import AssessmentError, spotlight_record
from putright.selfassessment.spotlight_import import recommendations_read
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/staff/reports/self-assessment/spotlight/"


def _read(text: str):
    return recommendations_read(text.encode("utf-8"))


def test_a_file_with_references_is_read_in_order():
    rows, problems = _read(
        "\ufeffReference,Recommendation\r\n"
        'R1,"Take a zero-tolerance approach, at once."\r\n'
        "\r\n"
        "R2,Keep records.\r\n"
    )
    assert problems == {}
    assert [(r.line, r.reference, r.text) for r in rows] == [
        (2, "R1", "Take a zero-tolerance approach, at once."),
        (4, "R2", "Keep records."),
    ]


def test_the_reference_column_is_optional():
    rows, problems = _read("recommendation\nFirst\nSecond\n")
    assert problems == {}
    assert [(r.reference, r.text) for r in rows] == [("", "First"), ("", "Second")]


def test_every_problem_is_named_by_its_line_and_nothing_is_given_back():
    rows, problems = _read(
        "reference,recommendation\nR1,First\nR2,\nR1,Third\nR4,Fourth,extra\n" + "x" * 41 + ",Six\n"
    )
    assert rows == []
    assert problems == {
        "recommendations_file-3": "Line 3: the recommendation is blank",
        "recommendations_file-4": "Line 4: the reference R1 is on line 2 already",
        "recommendations_file-5": (
            "Line 5: has 3 cells but the heading row has 2 (put a recommendation with commas "
            "in double quotes)"
        ),
        "recommendations_file-6": "Line 6: the reference must be 40 characters or fewer",
    }


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "The CSV file is empty"),
        (
            b"text\nFirst\n",
            'Line 1: the heading row must have a column headed "recommendation" '
            '(and, if you like, one headed "reference")',
        ),
        (
            b"recommendation,notes\nFirst,x\n",
            'Line 1: the only columns allowed are "recommendation" and "reference", each once',
        ),
        (b"recommendation\n\n", "The CSV file has no recommendations under its heading row"),
        (
            "recommendation\nCaf\u00e9\n".encode("cp1252"),
            "The file must be a CSV file saved as UTF-8 (CSV UTF-8 in Excel)",
        ),
        (b"PK\x03\x04\x00\x00", "The file must be a CSV file, not a spreadsheet or another file"),
    ],
)
def test_a_file_that_cannot_be_read_says_why(data, problem):
    assert recommendations_read(data) == ([], {"recommendations_file": problem})


def test_problems_beyond_twenty_are_counted():
    _rows, problems = _read("reference,recommendation\n" + "".join(f"R{n},\n" for n in range(25)))
    assert len(problems) == 21
    assert problems["recommendations_file-more"] == (
        "And 5 more problems: correct the file and choose it again"
    )


@given(
    st.lists(
        st.tuples(
            st.text(alphabet="ABC123", max_size=5),
            st.text(alphabet="abc ,\"'xyz.\n", min_size=1, max_size=30).filter(str.strip),
        ),
        min_size=1,
        max_size=8,
        unique_by=lambda row: row[0] or object(),
    )
)
def test_what_a_spreadsheet_writes_is_read_back(rows):
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["reference", "recommendation"])
    writer.writerows(rows)
    read, problems = recommendations_read(out.getvalue().encode("utf-8"))
    assert problems == {}
    assert [(r.reference, r.text) for r in read] == [(ref, text.strip()) for ref, text in rows]


def test_a_report_is_recorded_from_a_file_with_the_references(today):
    landlord = factories.landlord()
    report = spotlight_record(
        landlord=landlord,
        title="Spotlight on damp and mould",
        published_on=dt.date(2024, 1, 15),
        recommendations="",
        recommendations_csv=b"reference,recommendation\nR1,First\nR2,Second\n",
        by=None,
    )
    assert [(r.number, r.reference, r.text) for r in report.recommendations.all()] == [
        (1, "R1", "First"),
        (2, "R2", "Second"),
    ]


def test_a_file_with_a_problem_records_nothing_and_says_so_with_the_other_problems():
    landlord = factories.landlord()
    with pytest.raises(AssessmentError) as error:
        spotlight_record(
            landlord=landlord,
            title="",
            published_on=dt.date(2024, 1, 15),
            recommendations="Pasted too",
            recommendations_csv=b"reference,recommendation\nR1,First\nR2,\n",
            by=None,
        )
    assert error.value.problems == {
        "title": "Enter the title of the spotlight report",
        "recommendations": "Paste the recommendations or choose a CSV file of them, not both",
        "recommendations_file-3": "Line 3: the recommendation is blank",
    }
    assert not SpotlightReport.objects.exists()
    assert not SpotlightRecommendation.objects.exists()


def _page_post(client: Client, data: bytes | None, pasted: str = ""):
    form = {
        "title": "Spotlight on damp and mould",
        "published_on-day": "15",
        "published_on-month": "1",
        "published_on-year": "2024",
        "recommendations": pasted,
    }
    if data is not None:
        form["recommendations_file"] = SimpleUploadedFile("recs.csv", data, "text/csv")
    return client.post(URL, form)


def test_the_page_records_a_report_from_a_csv_file(today):
    landlord = factories.landlord()
    client = Client()
    client.force_login(factories.user(landlord=landlord, role=Role.OFFICER))
    assert 'name="recommendations_file"' in client.get(URL).content.decode()

    response = _page_post(client, b"recommendation,reference\nFirst,R1\nSecond,R2\n")

    report = SpotlightReport.objects.get(landlord=landlord)
    assert response.status_code == 302
    assert response["Location"] == f"{URL}{report.pk}/"
    assert list(report.recommendations.values_list("reference", "text")) == [
        ("R1", "First"),
        ("R2", "Second"),
    ]


def test_the_page_lists_each_problem_by_line_and_records_nothing(today):
    landlord = factories.landlord()
    client = Client()
    client.force_login(factories.user(landlord=landlord, role=Role.OFFICER))

    html = _page_post(client, b"recommendation,reference\n\nFirst,R1\n,R3\n,R4\n").content.decode()

    assert not SpotlightReport.objects.exists()
    summary = html[
        html.index("govuk-error-summary") : html.index("</ul>", html.index("govuk-error-summary"))
    ]
    assert '<a href="#recommendations_file">Line 4: the recommendation is blank</a>' in summary
    assert '<a href="#recommendations_file">Line 5: the recommendation is blank</a>' in summary
    assert "govuk-file-upload--error" in html


def test_the_page_still_records_pasted_recommendations(today):
    landlord = factories.landlord()
    client = Client()
    client.force_login(factories.user(landlord=landlord, role=Role.OFFICER))
    _page_post(client, None, pasted="1. First\n2. Second")
    report = SpotlightReport.objects.get(landlord=landlord)
    assert list(report.recommendations.values_list("reference", "text")) == [
        ("", "First"),
        ("", "Second"),
    ]
