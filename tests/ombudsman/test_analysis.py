"""The Ombudsman's determinations analysed for the annual report (Code 8.1 e, f), counted by
the database: checked against the tables Brent and Milton Keynes published, and against a
plain count over random determinations."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from putright.ombudsman import services
from putright.ombudsman.analysis import determination_analysis
from putright.ombudsman.models import (
    FAULT_FINDINGS,
    MALADMINISTRATION_FINDINGS,
    FindingKind,
    OmbudsmanCategory,
    OrderKind,
)
from putright.ombudsman.services import FindingInput
from tests import factories
from tests.ombudsman.helpers import case

pytestmark = pytest.mark.django_db

D = dt.date
YEAR = (D(2022, 4, 1), D(2023, 3, 31))
IN_THE_YEAR = D(2022, 9, 1)


def _determine(landlord, reference: str, findings: list[tuple[str, str]], on=IN_THE_YEAR):
    """A determination on a case of its own, one finding per (category, outcome)."""
    return services.determination_record(
        case=case(landlord, reference=reference, opened_on=D(2022, 1, 4)),
        determined_on=on,
        findings=[
            FindingInput(f"Element {i}", outcome, category)
            for i, (category, outcome) in enumerate(findings, start=1)
        ],
        by=None,
    )


def test_brents_table_of_the_ombudsmans_decisions_in_2022_23_is_reproduced():
    """Brent's annual report 2023/24, 3.2.38: 11 findings, by category and outcome. Brent's
    "Property condition" is our repairs and maintenance."""
    landlord = factories.landlord("Brent")
    repairs, asb, handling = "repairs", "anti_social_behaviour", "complaint_handling"
    _determine(landlord, "HOS-1", [(repairs, "maladministration"), (handling, "maladministration")])
    _determine(landlord, "HOS-2", [(repairs, "maladministration"), (repairs, "reasonable_redress")])
    _determine(landlord, "HOS-3", [(repairs, "maladministration"), (handling, "maladministration")])
    _determine(
        landlord, "HOS-4", [(repairs, "maladministration"), (repairs, "no_maladministration")]
    )
    _determine(landlord, "HOS-5", [(asb, "service_failure"), (asb, "reasonable_redress")])
    _determine(landlord, "HOS-6", [(asb, "service_failure")])
    # The year before and the year after are not counted.
    _determine(landlord, "HOS-0", [(repairs, "severe_maladministration")], on=D(2022, 3, 31))
    _determine(landlord, "HOS-7", [(repairs, "maladministration")], on=D(2023, 4, 1))

    analysis = determination_analysis(landlord, *YEAR)

    columns = (
        "severe_maladministration", "maladministration", "service_failure", "mediation",
        "reasonable_redress", "no_maladministration", "outside_jurisdiction", "withdrawn",
    )  # fmt: skip
    table = {
        category: [outcomes[c] for c in columns]
        for category, outcomes in analysis["findings_by_category"].items()
    }
    assert list(analysis["findings_by_outcome"]) == list(columns)
    assert table == {
        "repairs": [0, 4, 0, 0, 1, 1, 0, 0],
        "anti_social_behaviour": [0, 0, 2, 0, 1, 0, 0, 0],
        "complaint_handling": [0, 2, 0, 0, 0, 0, 0, 0],
    }
    assert [analysis["findings_by_outcome"][c] for c in columns] == [0, 6, 2, 0, 2, 1, 0, 0]
    assert analysis["findings"] == 11
    assert analysis["determinations"] == 6
    assert analysis["determinations_with_maladministration"] == 4  # HOS-1 to HOS-4
    assert analysis["determinations_with_severe_maladministration"] == 0
    assert analysis["determinations_with_fault"] == 6
    assert analysis["maladministration_rate_pct"] == 100.0
    # The Ombudsman's own rate over findings: 8 of fault of the 11 it considered.
    assert (analysis["findings_of_fault"], analysis["findings_considered"]) == (8, 11)
    assert analysis["findings_maladministration_rate_pct"] == 72.7


def test_milton_keynes_decisions_with_maladministration_and_with_severe_maladministration():
    """Milton Keynes 2023/24, section 9: 7 decisions; 7 with maladministration for one or
    more parts; 4 with severe maladministration for one or more parts."""
    landlord = factories.landlord("Milton Keynes")
    for n in range(4):
        _determine(
            landlord,
            f"MK-S{n}",
            [("damp_and_mould", "severe_maladministration"), ("complaint_handling", "maladministration")],
        )  # fmt: skip
    for n in range(3):
        _determine(landlord, f"MK-M{n}", [("leaks", "maladministration")])
    # Service failure alone is a finding of fault but not maladministration.
    _determine(landlord, "MK-F", [("repairs", "service_failure"), ("other", "withdrawn")])
    _determine(landlord, "MK-W", [("estate_management", "mediation")])

    analysis = determination_analysis(landlord, *YEAR)

    assert analysis["determinations"] == 9
    assert analysis["determinations_with_maladministration"] == 7
    assert analysis["determinations_with_severe_maladministration"] == 4
    assert analysis["determinations_with_fault"] == 8
    assert analysis["maladministration_rate_pct"] == 88.9  # 8 of 9
    assert analysis["findings_by_outcome"]["mediation"] == 1
    assert analysis["findings_by_outcome"]["withdrawn"] == 1
    # Mediation and withdrawal are not findings the Ombudsman considered: 12 of 14 are.
    assert (analysis["findings_of_fault"], analysis["findings_considered"]) == (12, 12)
    assert analysis["findings_maladministration_rate_pct"] == 100.0


def test_compensation_the_ombudsman_ordered_and_recommended_per_case_and_in_total():
    landlord = factories.landlord()
    first = _determine(landlord, "HOS-A", [("repairs", "maladministration")])
    second = _determine(landlord, "HOS-B", [("leaks", "severe_maladministration")])
    quiet = _determine(landlord, "HOS-C", [("other", "no_maladministration")])
    for determination, amount, recommended in (
        (first, "250", False),
        (first, "100.50", False),
        (first, "75", True),
        (second, "1200", False),
    ):
        services.order_add(
            determination=determination,
            kind=OrderKind.COMPENSATION,
            description="Pay",
            amount=Decimal(amount),
            is_recommendation=recommended,
            due_on=D(2022, 10, 1),
            owner="Finance",
            by=None,
        )
    services.order_add(
        determination=quiet,
        kind=OrderKind.APOLOGY,
        description="Apologise",
        due_on=D(2022, 10, 1),
        owner="Head of housing",
        by=None,
    )

    analysis = determination_analysis(landlord, *YEAR)

    assert analysis["compensation_by_case"] == [
        {"case": "HOS-A", "ordered_gbp": "350.50", "recommended_gbp": "75.00"},
        {"case": "HOS-B", "ordered_gbp": "1200.00", "recommended_gbp": "0.00"},
    ]
    assert analysis["compensation_ordered_gbp"] == "1550.50"
    assert analysis["compensation_recommended_gbp"] == "75.00"


def test_findings_recorded_before_categories_count_as_not_recorded():
    landlord = factories.landlord()
    _determine(landlord, "HOS-1", [("", "maladministration"), ("repairs", "maladministration")])
    assert list(determination_analysis(landlord, *YEAR)["findings_by_category"]) == [
        "repairs",
        "not_recorded",
    ]


def test_no_determinations_give_no_rate_rather_than_zero():
    analysis = determination_analysis(factories.landlord(), *YEAR)
    assert analysis["determinations"] == 0
    assert analysis["maladministration_rate_pct"] is None
    assert analysis["findings_maladministration_rate_pct"] is None
    assert analysis["findings_by_category"] == {}


outcomes = st.sampled_from(FindingKind.values)
categories = st.sampled_from([*OmbudsmanCategory.values, ""])
determinations = st.lists(
    st.lists(st.tuples(categories, outcomes), min_size=1, max_size=4), min_size=0, max_size=6
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(decided=determinations)
def test_the_database_counts_agree_with_a_plain_count_of_the_same_determinations(decided):
    landlord = factories.landlord()
    for n, findings in enumerate(decided):
        _determine(landlord, f"HOS-{n}", findings)

    analysis = determination_analysis(landlord, *YEAR)

    every = [finding for findings in decided for finding in findings]
    by_category: dict[str, Counter[str]] = {}
    for category, outcome in every:
        by_category.setdefault(category or "not_recorded", Counter())[outcome] += 1
    assert {
        category: {o: n for o, n in counts.items() if n}
        for category, counts in analysis["findings_by_category"].items()
    } == {category: dict(counts) for category, counts in by_category.items()}
    assert analysis["determinations"] == len(decided)
    assert analysis["determinations_with_maladministration"] == sum(
        any(o in MALADMINISTRATION_FINDINGS for _, o in findings) for findings in decided
    )
    assert analysis["determinations_with_fault"] == sum(
        any(o in FAULT_FINDINGS for _, o in findings) for findings in decided
    )
    assert analysis["findings"] == len(every)
