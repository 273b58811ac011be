"""The quarterly update lists every Ombudsman order still open at the quarter's end, from
any determination, with its due date, owner and whether overdue (Code 9.7 c; issue 17
item 6)."""

from __future__ import annotations

import datetime as dt

import pytest

from putright.ombudsman import services
from putright.ombudsman.models import FindingKind, OrderKind, OrderStatus
from putright.ombudsman.services import FindingInput
from putright.reports.layout.quarterly import quarterly_document
from putright.reports.periods import Quarter
from putright.reports.quarterly import quarterly_update
from tests import factories
from tests.ombudsman.helpers import case

pytestmark = pytest.mark.django_db


def order(determination, description, due_on, **fields):
    return services.order_add(
        determination=determination,
        kind=OrderKind.WORKS,
        description=description,
        due_on=due_on,
        owner="Head of Repairs",
        by=None,
        **fields,
    )


def determination(the_case, on):
    return services.determination_record(
        case=the_case,
        determined_on=on,
        findings=[FindingInput("Repairs", FindingKind.MALADMINISTRATION)],
        by=None,
    )


def test_every_order_open_at_the_quarters_end_is_listed_whatever_quarter_it_came_from():
    landlord = factories.landlord()
    # A determination of last year: one order still open, one done before the quarter ended,
    # one done after it (so open at its end), and a recommendation (not an order).
    old = determination(case(landlord, reference="OLD"), dt.date(2025, 2, 3))
    still_open = order(old, "Replace the roof.", dt.date(2025, 5, 30))
    done_in_time = order(old, "Clear the gutters.", dt.date(2025, 4, 30))
    services.order_record_progress(
        order=done_in_time,
        status=OrderStatus.COMPLIED,
        evidence="Photos.",
        completed_on=dt.date(2025, 6, 1),
        by=None,
    )
    done_later = order(old, "Repair the wall.", dt.date(2025, 9, 30))
    services.order_record_progress(
        order=done_later,
        status=OrderStatus.COMPLIED,
        evidence="Invoice.",
        completed_on=dt.date(2025, 7, 15),
        by=None,
    )
    order(old, "Train staff.", dt.date(2025, 5, 1), is_recommendation=True)
    # One of a determination after the quarter: not yet made at its end.
    order(
        determination(case(landlord, reference="NEW"), dt.date(2025, 8, 1)),
        "Apologise.",
        dt.date(2025, 8, 30),
    )

    update = quarterly_update(landlord, Quarter(2025, 1))  # April to June 2025
    open_orders = update.figures["open_orders"]

    assert open_orders["at"] == "2025-06-30"
    assert open_orders["count"] == 2
    assert open_orders["overdue"] == 1
    assert [(row["description"], row["due_on"], row["owner"], row["overdue"])
            for row in open_orders["orders"]] == [
        ("Replace the roof.", "2025-05-30", "Head of Repairs", True),
        ("Repair the wall.", "2025-09-30", "Head of Repairs", False),
    ]  # fmt: skip
    assert open_orders["orders"][0]["case"] == "OLD"
    assert open_orders["orders"][1]["completed_on"] == "2025-07-15"
    assert still_open.is_open

    section = next(s for s in quarterly_document(update).sections if s.id == "open-orders")
    assert section.paragraphs == [
        "2 orders of the Housing Ombudsman were still open on 30 June 2025, 1 of them overdue."
    ]
    [table] = section.tables
    assert [row[-1] for row in table.rows] == ["Yes", "No"]
    assert table.rows[0][2] == "Works: Replace the roof."


def test_with_no_order_open_the_update_says_so():
    landlord = factories.landlord()
    update = quarterly_update(landlord, Quarter(2025, 1))
    assert update.figures["open_orders"] == {
        "at": "2025-06-30",
        "count": 0,
        "overdue": 0,
        "orders": [],
    }
    section = next(s for s in quarterly_document(update).sections if s.id == "open-orders")
    assert section.paragraphs == [
        "No order of the Housing Ombudsman was still open on 30 June 2025."
    ]
    assert section.tables == []
