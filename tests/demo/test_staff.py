"""The demo's staff on a Monday morning (issue 12, item 6): one handler off sick to the end
of the working week, shown as away wherever cases are allocated."""

from __future__ import annotations

import datetime as dt

import pytest

from putright.demo.landlord import contractors_add, landlord_create
from putright.demo.staff import OFF_SICK, off_sick_add, staff_add
from putright.landlords.models import StaffMembership
from putright.landlords.selectors import away_on

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("on", "friday"),
    [
        (dt.date(2026, 12, 7), dt.date(2026, 12, 11)),  # a Monday: that Friday
        (dt.date(2026, 12, 11), dt.date(2026, 12, 11)),  # a Friday: the same day
        (dt.date(2026, 12, 12), dt.date(2026, 12, 18)),  # a Saturday: the next Friday
    ],
)
def test_one_handler_is_off_sick_to_the_end_of_the_working_week(on, friday):
    landlord = landlord_create("Riverside Homes (demo)")
    staff, _ = staff_add(landlord, contractors_add(landlord), "a-long-test-password")

    off_sick_add(landlord, staff, on)

    sick = StaffMembership.objects.get(landlord=landlord, user=staff[OFF_SICK])
    assert (sick.away_from, sick.away_until) == (on, friday)
    assert away_on(sick, on)
    others = StaffMembership.objects.filter(landlord=landlord).exclude(pk=sick.pk)
    assert not others.filter(away_from__isnull=False).exists()
