"""The report sections filled from the Ombudsman, learning and portal records."""

from __future__ import annotations

import datetime as dt

import pytest

from putright.learning.models import LearningRecord
from putright.ombudsman.models import (
    Contact,
    Determination,
    FailureOrder,
    Finding,
    OmbudsmanCase,
    Order,
)
from putright.portal.models import Feedback
from putright.reports.periods import Quarter
from putright.reports.quarterly import quarterly_update
from putright.reports.report import annual_report
from tests import factories

pytestmark = pytest.mark.django_db

D = dt.date


def test_the_ombudsmans_casework_and_failure_orders_fill_8_1_c_e_and_f():
    landlord = factories.landlord("Ombudsman Homes")
    case = OmbudsmanCase.objects.create(
        landlord=landlord, reference="HOS-1", opened_on=D(2023, 5, 1)
    )
    Contact.objects.create(
        case=case,
        kind="evidence_request",
        received_on=D(2023, 5, 1),
        deadline=D(2023, 5, 15),
        met_on=D(2023, 5, 10),
    )
    Contact.objects.create(
        case=case,
        kind="evidence_request",
        received_on=D(2023, 6, 1),
        deadline=D(2023, 6, 15),
        met_on=D(2023, 6, 20),
    )
    determination = Determination.objects.create(case=case, determined_on=D(2023, 11, 20))
    severe = Finding.objects.create(
        determination=determination, number=1, element="Repairs", finding="severe_maladministration"
    )
    Finding.objects.create(
        determination=determination, number=2, element="Handling", finding="service_failure"
    )
    Order.objects.create(
        determination=determination, finding=severe, kind="compensation", description="Pay £500",
        due_on=D(2023, 12, 18), owner="Finance", status="complied", completed_on=D(2023, 12, 10),
    )  # fmt: skip
    Order.objects.create(
        determination=determination, kind="policy_review", description="Review the damp policy",
        due_on=D(2024, 2, 1), owner="Head of repairs",
    )  # fmt: skip
    FailureOrder.objects.create(
        landlord=landlord, case=case, issued_on=D(2023, 8, 1), kind="type_2",
        what_failed="Evidence sent late", actions_taken="A deadline tracker",
    )  # fmt: skip
    sections = annual_report(landlord, 2023, on=D(2024, 6, 1)).figures["sections"]
    casework = sections["ombudsman_casework"]
    assert casework["recorded"] is True
    analysis = casework["data"].pop("analysis")
    assert (
        analysis["determinations"],
        analysis["determinations_with_maladministration"],
        analysis["determinations_with_severe_maladministration"],
        analysis["maladministration_rate_pct"],
        analysis["previous"],
    ) == (1, 1, 1, 100.0, None)
    assert casework["data"] == {
        "contacts": 2,
        "contacts_answered_on_time": 1,
        "contacts_by_kind": {"evidence_request": 2},
        "determinations": 1,
        "findings": {"severe_maladministration": 1, "service_failure": 1},
        "orders": 2,
        "orders_complied": 1,
        "orders_after_severe_maladministration": 2,
    }
    assert casework["text"][0] == (
        "We had 2 contacts from the Housing Ombudsman in 2023/24 and answered 1 by the date it "
        "asked. It determined 1 complaint about us."
    )
    failures = sections["ombudsman_non_compliance"]
    assert failures["data"] == {"failure_orders": 1, "failure_orders_by_type": {"type_2": 1}}
    quarter = quarterly_update(landlord, Quarter(2023, 3), on=D(2024, 6, 1)).figures
    assert quarter["ombudsman"]["data"]["determinations"] == 1  # determined in November
    assert quarterly_update(landlord, Quarter(2023, 4)).figures["ombudsman"]["recorded"] is False


def test_learning_and_feedback_fill_their_sections():
    landlord = factories.landlord("Learning Homes")
    LearningRecord.objects.create(
        landlord=landlord, what_went_wrong="Kitchens left unfinished", learning="Check before sign-off",
        improvement="A sign-off visit", owner="Repairs", status="done", recorded_on=D(2023, 6, 1),
        done_on=D(2023, 9, 1),
    )  # fmt: skip
    LearningRecord.objects.create(
        landlord=landlord, what_went_wrong="Letters unclear", learning="Plain English",
        improvement="New templates", owner="Complaints", recorded_on=D(2024, 1, 5),
    )  # fmt: skip
    complaint = factories.stage1_responded(landlord, received_on=D(2023, 5, 2))
    Feedback.objects.create(
        landlord=landlord, complaint=complaint, stage=1, given_on=D(2023, 6, 1), given_by="resident",
        process_satisfaction=4, outcome_satisfaction=2,
    )  # fmt: skip
    sections = annual_report(landlord, 2023, on=D(2024, 6, 1)).figures["sections"]
    assert sections["learning"]["data"] == {"improvements_made": 1, "improvements_under_way": 1}
    assert sections["learning"]["text"] == [
        "We made 1 service improvement from what complaints taught us in 2023/24; 1 more is under way."
    ]
    assert sections["resident_feedback"]["data"] == {
        "responses": 1,
        "satisfied_with_handling_pct": 100.0,
        "satisfied_with_outcome_pct": 0.0,
    }
