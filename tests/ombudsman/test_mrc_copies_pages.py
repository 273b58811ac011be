"""The copies to the Member Responsible for Complaints on the Ombudsman pages (Code 9.7,
9.8; issue 17, item 6): the case page shows each copy of its decisions and the failure
orders page each copy of a failure order: what, to whom, when queued, and when sent or
why not."""

from __future__ import annotations

import datetime as dt
import html as htmllib
import re

import pytest
from django.test import Client

from putright.landlords.models import Role
from putright.landlords.services import landlord_mrc_set
from putright.ombudsman import services
from putright.ombudsman.models import FailureOrderKind, FindingKind, MrcCopy, MrcCopyWhat
from putright.ombudsman.services import FindingInput
from tests import factories
from tests.ombudsman.helpers import case, closed_complaint

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def rows(response) -> list[list[str]]:
    """The cells of the copies table, row by row, as plain text."""
    page = response.content.decode()
    start = page.index("Copies to the Member Responsible for Complaints</caption>")
    table = page[start : page.index("</table>", start)]
    body = table[table.index("<tbody") :]
    found = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, flags=re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)
        found.append(
            [" ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", c)).split()) for c in cells]
        )
    return found


@pytest.fixture
def landlord():
    landlord = factories.landlord("Riverside Homes", email="complaints@riverside.example")
    admin = factories.user(landlord=landlord, role=Role.ADMINISTRATOR)
    landlord_mrc_set(
        landlord=landlord,
        mrc_name="Councillor Jane Smith",
        mrc_email="jane.smith@council.example",
        mrc_copy_upheld=False,
        by=admin,
    )
    return landlord


@pytest.fixture
def viewer(landlord):
    return factories.user(landlord=landlord, role=Role.VIEWER)


@pytest.fixture
def the_case(landlord):
    the_case = case(landlord, complaint=closed_complaint(landlord))
    services.determination_record(
        case=the_case,
        determined_on=dt.date(2024, 9, 2),
        findings=[FindingInput("The repairs to the roof", FindingKind.MALADMINISTRATION)],
        by=None,
    )
    services.failure_order_record(
        landlord=landlord,
        issued_on=dt.date(2024, 9, 20),
        kind=FailureOrderKind.values[0],
        what_failed="No stage 2 response.",
        actions_taken="",
        case=the_case,
        by=None,
    )
    return the_case


def _queued_sent_and_failed(landlord) -> None:
    """The worker's outcomes: the determination's copy went, the failure order's did not."""
    MrcCopy.objects.filter(landlord=landlord).update(
        queued_at=dt.datetime(2024, 9, 20, 8, 0, tzinfo=dt.UTC)
    )
    MrcCopy.objects.filter(what=MrcCopyWhat.DETERMINATION).update(
        sent_at=dt.datetime(2024, 9, 20, 9, 30, tzinfo=dt.UTC)
    )
    MrcCopy.objects.filter(what=MrcCopyWhat.FAILURE_ORDER).update(
        failure="The mail server refused it: mailbox unavailable."
    )


def test_the_case_page_shows_each_copy_what_to_whom_queued_and_sent_or_why_not(
    landlord, viewer, the_case
):
    _queued_sent_and_failed(landlord)

    response = signed_in(viewer).get(f"/staff/ombudsman/cases/{the_case.pk}/")

    assert response.status_code == 200
    to = "Councillor Jane Smith jane.smith@council.example"
    assert sorted(rows(response)) == sorted(
        [
            [
                "Ombudsman determination",
                to,
                "9am on 20 September 2024",
                "10:30am on 20 September 2024",
            ],
            [
                "Complaint Handling Failure Order",
                to,
                "9am on 20 September 2024",
                "Not sent The mail server refused it: mailbox unavailable.",
            ],
        ]
    )


def test_a_copy_not_yet_sent_is_shown_waiting(landlord, viewer, the_case):
    response = signed_in(viewer).get(f"/staff/ombudsman/cases/{the_case.pk}/")

    assert [row[3] for row in rows(response)] == ["Waiting to be sent", "Waiting to be sent"]


def test_the_failure_orders_page_shows_only_the_copies_of_failure_orders(
    landlord, viewer, the_case
):
    _queued_sent_and_failed(landlord)

    response = signed_in(viewer).get("/staff/ombudsman/failure-orders/")

    assert rows(response) == [
        [
            "Complaint Handling Failure Order",
            "Councillor Jane Smith jane.smith@council.example",
            "9am on 20 September 2024",
            "Not sent The mail server refused it: mailbox unavailable.",
        ]
    ]


def test_no_table_without_copies(viewer):
    response = signed_in(viewer).get("/staff/ombudsman/failure-orders/")

    assert "Copies to the Member Responsible for Complaints" not in response.content.decode()


def test_another_landlords_copies_are_not_shown(landlord, the_case):
    other = factories.landlord("Hillside Homes")
    outsider = factories.user(landlord=other, role=Role.VIEWER)

    response = signed_in(outsider).get("/staff/ombudsman/failure-orders/")

    assert "Copies to the Member Responsible for Complaints" not in response.content.decode()
