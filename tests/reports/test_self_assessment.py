"""The self-assessment against the Code (Code 8.1 a, 8.3, 8.4): the catalogue of provisions,
starting one with last time's words, answering, the governing body's approval, the Code's
official wording, the exports in the form's layout, and its place in the annual report."""

from __future__ import annotations

import datetime as dt
import re
from io import BytesIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from putright.reports.compliance import MEASURES
from putright.reports.render import standalone_html
from putright.reports.report import annual_report
from putright.reports.xlsx import document_xlsx
from putright.selfassessment.catalogue import PROVISIONS, SECTIONS
from putright.selfassessment.models import ProvisionWording
from putright.selfassessment.report import assessment_document
from putright.selfassessment.services import (
    AnswerInput,
    AssessmentError,
    answers_save,
    assessment_approve,
    assessment_start,
)
from tests import factories
from tests.reports.construction import build_landlord

pytestmark = pytest.mark.django_db

#: The provisions the Ombudsman's self-assessment form asks about (domain.md §10).
FORM = [
    *(f"1.{n}" for n in range(2, 7)),
    *(f"2.{n}" for n in range(1, 6)),
    *(f"3.{n}" for n in range(1, 8)),
    *(f"4.{n}" for n in range(1, 4)),
    *(f"5.{n}" for n in range(1, 16)),
    *(f"6.{n}" for n in range(1, 21)),
    *(f"7.{n}" for n in range(1, 5)),
    *(f"8.{n}" for n in range(1, 6)),
    *(f"9.{n}" for n in range(1, 9)),
]


def _all_yes(assessment):
    answers_save(
        assessment=assessment,
        answers={p.number: AnswerInput("yes", evidence="Policy") for p in PROVISIONS},
        by=None,
    )


def test_the_catalogue_has_every_provision_of_the_form_in_order():
    assert [p.number for p in PROVISIONS] == FORM
    assert len(PROVISIONS) == 72
    assert [s.number for s in SECTIONS] == list(range(1, 10))
    assert all(len(p.summary) > 30 and p.summary.endswith(".") for p in PROVISIONS)
    assert set(MEASURES) <= set(FORM)


def test_a_new_assessment_carries_last_years_words_forward_to_edit():
    landlord = factories.landlord()
    first = assessment_start(landlord=landlord, year=2023, by=None)
    assert first.answers.count() == 72 and first.carried_forward_from is None
    answers_save(
        assessment=first,
        answers={
            "6.3": AnswerInput(
                "no", "Policy p6", "Often late", "Hire two officers", dt.date(2024, 9, 30)
            ),
            "1.2": AnswerInput("yes", "Policy p1"),
        },
        by=None,
    )
    second = assessment_start(
        landlord=landlord,
        year=2024,
        occasion="restructure",
        occasion_note="New directorate",
        by=None,
    )
    assert second.carried_forward_from == first
    carried = second.answers.get(number="6.3")
    assert (carried.complies, carried.evidence, carried.action) == (
        "no",
        "Policy p6",
        "Hire two officers",
    )
    assert carried.action_due_on == dt.date(2024, 9, 30)


def test_starting_after_a_restructure_or_for_the_ombudsman_needs_to_say_why():
    with pytest.raises(AssessmentError) as error:
        assessment_start(landlord=factories.landlord(), year=2024, occasion="ombudsman", by=None)
    assert error.value.problems == {
        "occasion_note": "Say what prompted this self-assessment, for example the restructure "
        "or the Ombudsman's case reference"
    }


def test_a_no_needs_the_action_and_its_date():
    assessment = assessment_start(landlord=factories.landlord(), year=2024, by=None)
    with pytest.raises(AssessmentError) as error:
        answers_save(assessment=assessment, answers={"6.3": AnswerInput("no")}, by=None)
    assert error.value.problems == {
        "6.3-action": "Enter the action planned to comply with 6.3",
        "6.3-action_due_on": "Enter the date the action for 6.3 will be done by",
    }


def test_approval_needs_every_answer_then_keeps_the_figures_and_locks_it():
    landlord = build_landlord()
    assessment = assessment_start(landlord=landlord, year=2023, by=None)
    with pytest.raises(AssessmentError) as error:
        assessment_approve(
            assessment=assessment,
            approved_on=None,
            approved_by="",
            today=dt.date(2024, 7, 1),
            by=None,
        )
    assert set(error.value.problems) == {"approved_by", "approved_on", "answers"}
    assert "72 are not answered" in error.value.problems["answers"]
    _all_yes(assessment)
    approved = assessment_approve(
        assessment=assessment,
        approved_on=dt.date(2024, 6, 12),
        approved_by="Board",
        today=dt.date(2024, 7, 1),
        by=None,
    )
    assert approved.is_approved
    assert approved.answers.get(number="6.2").measured == (
        "11 of 12 stage 1 complaints acknowledged within 5 working days."
    )
    assert approved.answers.get(number="1.2").measured == ""
    with pytest.raises(AssessmentError, match="approved on 12 June 2024 and cannot be changed"):
        answers_save(assessment=approved, answers={"1.2": AnswerInput("no")}, by=None)


def test_the_annual_report_includes_the_years_self_assessment():
    landlord = build_landlord()
    assessment = assessment_start(landlord=landlord, year=2023, by=None)
    _all_yes(assessment)
    answers_save(
        assessment=assessment,
        answers={
            "6.3": AnswerInput("no", action="Two more officers", action_due_on=dt.date(2024, 9, 30))
        },
        by=None,
    )
    assessment_approve(
        assessment=assessment,
        approved_on=dt.date(2024, 6, 12),
        approved_by="Board",
        today=dt.date(2024, 7, 1),
        by=None,
    )
    section = annual_report(landlord, 2023, on=dt.date(2024, 7, 1)).figures["sections"][
        "self_assessment"
    ]
    assert section["recorded"] is True
    assert section["text"] == [
        "The annual self-assessment. Approved by Board on 12 June 2024.",
        "We comply with 71 of the 72 provisions of the Code and do not yet comply with 1.",
    ]
    assert section["data"]["actions"] == [
        {"provision": "6.3", "action": "Two more officers", "by": "2024-09-30"}
    ]
    assert section["data"]["measured"]["6.2"].startswith("11 of 12")


def test_the_official_wording_is_loaded_from_a_csv_and_used_by_the_exports(tmp_path):
    csv_file = tmp_path / "code.csv"
    csv_file.write_text(
        'number,text\n1.2,"The official text of 1.2, with a comma."\n6.3,Official 6.3\n',
        encoding="utf-8",
    )
    call_command("load_code_wording", str(csv_file))
    assert (
        ProvisionWording.objects.get(number="1.2").text == "The official text of 1.2, with a comma."
    )
    assessment = assessment_start(landlord=factories.landlord(), year=2024, by=None)
    html = standalone_html(assessment_document(assessment))
    assert "1.2 The official text of 1.2, with a comma." in html
    assert "6.3 Official 6.3" in html
    bad = tmp_path / "bad.csv"
    bad.write_text("10.1,Not a provision\n1.2,\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("load_code_wording", str(bad))
    assert str(error.value) == (
        "line 1: '10.1' is not a provision of the Code's self-assessment (1.2 to 9.8)\n"
        "line 2: provision 1.2 has no text"
    )


def test_the_exports_follow_the_forms_layout():
    landlord = build_landlord()
    assessment = assessment_start(landlord=landlord, year=2023, by=None)
    answers_save(
        assessment=assessment,
        answers={"6.2": AnswerInput("yes", "Our acknowledgement letters", "Checked monthly")},
        by=None,
    )
    document = assessment_document(assessment, on=dt.date(2024, 7, 1))
    tables = list(document.tables())
    assert [t.caption for t in tables] == [f"Section {s.number}: {s.title}" for s in SECTIONS]
    assert [c.heading for c in tables[0].columns] == [
        "Code requirement",
        "Comply",
        "Evidence",
        "Commentary / explanation",
        "Action planned and by when",
    ]
    workbook = load_workbook(BytesIO(document_xlsx(document)))
    section6 = workbook["Section 6"]
    row = next(
        r for r in section6.iter_rows(min_row=5, values_only=True) if r[0].startswith("6.2 ")
    )
    assert row[1] == "Yes"
    assert row[2] == (
        "From the record: 11 of 12 stage 1 complaints acknowledged within 5 working days. "
        "Our acknowledgement letters"
    )
    assert row[3] == "Checked monthly"
    html = standalone_html(document)
    assert re.search(r"Stage 1: 6\.1 ", html) and re.search(r"Stage 2: 6\.10 ", html)
