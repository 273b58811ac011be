"""A report page for a year no landlord could have answers 404, never a server error
(issue 14, item 5); the years around today's still open, and a quarter's page links only
to quarters that can be asked for."""

from __future__ import annotations

import pytest

from putright.reports.periods import Quarter, report_years
from putright.rules.counting import financial_year_of
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_of_admin(client):
    landlord = factories.landlord("Range Homes")
    client.force_login(factories.user(landlord=landlord, role="administrator"))
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/staff/reports/annual/0/",
        "/staff/reports/annual/99999/",
        "/staff/reports/annual/1994/",
        "/staff/reports/annual/0/written-sections/",
        "/staff/reports/annual/99999/download/json/",
        "/staff/reports/tsm/0/",
        "/staff/reports/tsm/99999/download/csv/",
        "/staff/reports/compliance/99999/",
        "/staff/reports/compliance/0/5.1/",
        "/staff/reports/quarterly/9999-Q1/",
        "/staff/reports/quarterly/9999-Q1/download/json/",
        "/staff/reports/quarterly/0000-Q1/download/xlsx/",
    ],
)
def test_a_year_out_of_range_is_not_found(client_of_admin, url):
    assert client_of_admin.get(url).status_code == 404


def test_the_years_are_from_the_calendars_first_to_the_one_after_this(today):
    years = report_years(today)

    assert years[0] == 1995
    assert years[-1] == financial_year_of(today) + 1


def test_this_years_and_next_years_pages_open(client_of_admin, today):
    current = financial_year_of(today)
    for url in (
        f"/staff/reports/annual/{current}/",
        f"/staff/reports/compliance/{current + 1}/",
        "/staff/reports/tsm/1995/",
        f"/staff/reports/quarterly/{current + 1}-Q4/",
    ):
        assert client_of_admin.get(url).status_code == 200, url


def test_the_last_quarter_that_can_be_asked_for_links_to_none_after_it(client_of_admin, today):
    last = Quarter(financial_year_of(today) + 1, 4)

    html = client_of_admin.get(f"/staff/reports/quarterly/{last}/").content.decode()

    assert f"/staff/reports/quarterly/{last.previous()}/" in html
    assert f"/staff/reports/quarterly/{last.previous(-1)}/" not in html
