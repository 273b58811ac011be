"""The worked record (``build_worked_landlord``) through the pages and the command line: the
compliance view's link from every measured provision to the cases that break it, the
quarterly update in each format from `putright report quarterly`, and the self-assessment's
exports downloaded from its page, each opened and read back."""

from __future__ import annotations

import json
import re
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from putright.reports.compliance import MEASURES, breaches, measures
from putright.selfassessment.models import SelfAssessment
from tests import factories
from tests.reports.construction import build_landlord, build_worked_landlord

pytestmark = pytest.mark.django_db

#: The provisions issue 6 names for the compliance view.
NAMED = ("2.4", "3.6", "5.6", "5.10", "5.14", "6.2", "6.3", "6.4", "6.5", "6.9", "6.11", "6.13",
         "6.14", "6.15", "6.16", "6.19", "7.3")  # fmt: skip


def _signed_in(client, landlord, role="viewer"):
    client.force_login(factories.user(landlord=landlord, role=role))
    return client


def _pdf_pages(content: bytes, tmp_path: Path) -> tuple[int, str]:
    """The PDF's page count, after drawing every page to an image, and its text."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "document.pdf"
    path.write_bytes(content)
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    pages = int(re.search(r"Pages:\s+(\d+)", info.stdout)[1])
    subprocess.run(["pdftoppm", "-r", "20", "-png", str(path), str(tmp_path / "page")], check=True)
    assert len(list(tmp_path.glob("page-*.png"))) == pages
    text = subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return pages, re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("build", [build_landlord, build_worked_landlord])
def test_every_provision_has_its_figure_and_a_working_link_to_the_cases(client, build):
    landlord = build()
    _signed_in(client, landlord)
    page = client.get("/staff/reports/compliance/2023/").content.decode()
    figures = {m.provision: m for m in measures(landlord, 2023)}
    assert set(NAMED) <= set(figures) == set(MEASURES)
    for provision, m in figures.items():
        row = re.search(rf'<tr class="govuk-table__row" id="provision-{re.escape(provision)}">'
                        r"(.*?)</tr>", page, re.S)[1]  # fmt: skip
        assert m.sentence.replace("'", "&#x27;") in row, provision
        url = reverse("reports:breaches", args=[2023, provision])
        cases = client.get(url)
        assert cases.status_code == 200, provision
        listed = breaches(landlord, 2023, provision)
        assert len(listed) == m.breaches, provision
        if not m.breaches:
            assert "None" in row and url not in row
            assert f"No cases break {provision} in 2023/24." in cases.content.decode()
            continue
        assert f'href="{url}"' in row, provision
        html = cases.content.decode()
        for breach in listed:
            assert breach.what.replace("'", "&#x27;") in html, (provision, breach)
            if breach.complaint_id:
                case = reverse("staff:case", kwargs={"reference": breach.reference})
                assert f'href="{case}">{breach.reference}</a>' in html
                assert client.get(case).status_code == 200


def test_the_worked_record_breaks_what_it_was_built_to_break(today, client):
    landlord = build_worked_landlord()
    on = today
    found = {p: {b.what for b in breaches(landlord, 2023, p, on=on)} for p in MEASURES}
    assert found["6.2"] == {"Acknowledged 15 November 2023; it was due 13 November 2023"}
    assert found["6.11"] == {"Acknowledged 10 October 2023; it was due 9 October 2023"}
    assert len(found["6.3"]) == 1 and len(found["6.5"]) == 1
    assert found["7.3"] == {
        "Financial remedy due 6 October 2023: done 10 October 2023",
        "Financial remedy due 1 December 2023: not done yet",
    }


@pytest.mark.parametrize("fmt", ["json", "html", "pdf"])
def test_the_quarterly_update_comes_from_the_command_line(fmt, tmp_path):
    landlord = build_worked_landlord()
    for quarter in ("2024-Q3", "2023-Q4"):
        out = tmp_path / f"{quarter}.{fmt}"
        call_command(
            "report", "quarterly", "--landlord", landlord.name, "--quarter", quarter,
            "--format", fmt, "--out", str(out),
        )  # fmt: skip
        content = out.read_bytes()
        if fmt == "json":
            figures = json.loads(content)
            assert figures["quarter"] == quarter
        elif fmt == "html":
            html = content.decode()
            assert html.startswith("<!DOCTYPE html>") and "Quarterly complaints update" in html
        else:
            pages, text = _pdf_pages(content, tmp_path / quarter)
            assert pages >= 2 and "Quarterly complaints update" in text
    # January to March 2024: E2's stage 2, the Ombudsman's determination and its orders.
    last = json.loads((tmp_path / "2023-Q4.json").read_text()) if fmt == "json" else None
    if last is not None:
        assert last["stage2"]["received"] == 1 and last["stage2"]["responded"] == 1
        assert last["ombudsman"]["data"]["determinations"] == 1
        assert last["ombudsman"]["data"]["orders"] == 2
        assert last["ombudsman"]["data"]["contacts"] == 2
        assert [row["quarter"] for row in last["trend"]][-2:] == ["2023-Q3", "2023-Q4"]


def test_the_self_assessment_exports_open_and_hold_its_answers(client, tmp_path):
    landlord = build_worked_landlord()
    _signed_in(client, landlord)
    assessment = SelfAssessment.objects.get(landlord=landlord, year=2023)
    page = client.get(reverse("reports:selfassessment:detail", args=[assessment.pk]))
    assert page.status_code == 200
    answers = {a.number: a for a in assessment.answers.all()}
    downloads = {}
    for fmt in ("html", "pdf", "xlsx"):
        url = reverse("reports:selfassessment:download", args=[assessment.pk, fmt])
        assert url in page.content.decode()
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Disposition"] == (
            f'attachment; filename="worked-homes-self-assessment-2023-24.{fmt}"'
        )
        downloads[fmt] = response.content
    html = downloads["html"].decode()
    assert html.startswith("<!DOCTYPE html>") and "Approved by Board on 12 June 2024" in html
    pages, text = _pdf_pages(downloads["pdf"], tmp_path)
    assert pages >= 3
    assert "Approved by Board on 12 June 2024" in text
    assert f"From the record: {answers['6.2'].measured}" in text
    workbook = load_workbook(BytesIO(downloads["xlsx"]))
    numbered = re.compile(r"(?:Stage \d: )?(\d\.\d+) ")  # section 6 is in two stages
    rows = {
        numbered.match(row[0])[1]: row
        for name in workbook.sheetnames[1:]
        for row in workbook[name].iter_rows(min_row=5, values_only=True)
        if row[0] and numbered.match(row[0])
    }
    assert len(rows) == 72
    for number, answer in answers.items():
        assert rows[number][1] == answer.get_complies_display(), number
        if answer.measured:
            assert rows[number][2].startswith(f"From the record: {answer.measured}"), number
    assert rows["6.3"][3] == "Responses are often late"
