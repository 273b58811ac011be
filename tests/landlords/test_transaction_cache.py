"""A person's membership and a landlord's closure days are read once per transaction
(``putright.landlords.transaction_cache``), and never seen stale: a write of either, a
savepoint rolled back or the transaction's end forgets them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from putright.landlords.models import ClosureDay, Role, StaffMembership
from putright.landlords.permissions import membership, require_can_act
from tests import factories

pytestmark = pytest.mark.django_db

#: Friday 4 December 2026: the next working day is Monday 7 December, unless it is closed.
FRIDAY = dt.date(2026, 12, 4)


def _reads(call) -> int:
    with CaptureQueriesContext(connection) as queries:
        call()
    return len(queries)


def test_a_membership_is_read_once_in_a_transaction():
    landlord = factories.landlord()
    sam = factories.user(landlord=landlord, role=Role.HANDLER)
    with transaction.atomic():
        assert _reads(lambda: membership(sam, landlord)) == 1
        assert _reads(lambda: membership(sam, landlord)) == 0
        assert membership(sam, landlord).role == Role.HANDLER


def test_a_role_changed_in_bulk_is_seen_by_the_next_check():
    landlord = factories.landlord()
    sam = factories.user(landlord=landlord, role=Role.HANDLER)
    with transaction.atomic():
        require_can_act(sam, landlord, None)
        StaffMembership.objects.filter(user=sam).update(role=Role.VIEWER)
        with pytest.raises(PermissionDenied, match="Your role can read complaints"):
            require_can_act(sam, landlord, None)


def test_a_membership_saved_or_deleted_is_seen_by_the_next_check():
    landlord = factories.landlord()
    sam = factories.user(landlord=landlord, role=Role.HANDLER)
    with transaction.atomic():
        m = membership(sam, landlord)
        assert m is not None
        m.active = False
        m.save()
        assert membership(sam, landlord) is None
        StaffMembership.objects.create(user=factories.user(), landlord=landlord, role="viewer")
        m.active = True
        m.save()
        assert membership(sam, landlord) == m
        m.delete()
        assert membership(sam, landlord) is None


def test_a_rolled_back_savepoint_forgets_what_was_read_in_it():
    landlord = factories.landlord()
    sam = factories.user(landlord=landlord, role=Role.HANDLER)

    class Undone(Exception):
        pass

    with transaction.atomic():
        with pytest.raises(Undone), transaction.atomic():
            StaffMembership.objects.filter(user=sam).update(role=Role.VIEWER)
            assert membership(sam, landlord).role == Role.VIEWER
            raise Undone
        assert membership(sam, landlord).role == Role.HANDLER


@pytest.mark.django_db(transaction=True)
def test_nothing_is_kept_outside_a_transaction_or_after_it_ends():
    landlord = factories.landlord()
    sam = factories.user(landlord=landlord, role=Role.HANDLER)
    assert _reads(lambda: membership(sam, landlord)) == 1
    assert _reads(lambda: membership(sam, landlord)) == 1
    with transaction.atomic():
        assert membership(sam, landlord).role == Role.HANDLER
    # Another process's change, committed between the two transactions: written with
    # SQL, so this process is not told of it.
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {StaffMembership._meta.db_table} SET role = %s WHERE user_id = %s",
            [Role.VIEWER, sam.pk],
        )
    with transaction.atomic():
        assert membership(sam, landlord).role == Role.VIEWER


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_transaction_keeps_nothing():
    landlord = factories.landlord()
    sam = factories.user(landlord=landlord, role=Role.HANDLER)

    class Undone(Exception):
        pass

    with pytest.raises(Undone), transaction.atomic():
        assert membership(sam, landlord).role == Role.HANDLER
        raise Undone
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {StaffMembership._meta.db_table} SET active = %s WHERE user_id = %s",
            [False, sam.pk],
        )
    with transaction.atomic():
        assert membership(sam, landlord) is None


def test_closure_days_are_read_once_and_a_new_one_counts_at_once():
    landlord = factories.landlord()
    with transaction.atomic():
        assert _reads(landlord.calendar) == 1
        assert _reads(landlord.calendar) == 0
        assert landlord.calendar().add_working_days(FRIDAY, 1) == dt.date(2026, 12, 7)
        ClosureDay.objects.create(landlord=landlord, date=dt.date(2026, 12, 7))
        assert landlord.calendar().add_working_days(FRIDAY, 1) == dt.date(2026, 12, 8)
        ClosureDay.objects.filter(landlord=landlord).update(date=dt.date(2026, 12, 8))
        assert landlord.calendar().add_working_days(FRIDAY, 1) == dt.date(2026, 12, 7)
        ClosureDay.objects.filter(landlord=landlord).delete()
        assert landlord.calendar().add_working_days(FRIDAY, 2) == dt.date(2026, 12, 8)


def test_each_landlord_keeps_its_own_closure_days():
    closed, open_ = factories.landlord(), factories.landlord()
    with transaction.atomic():
        ClosureDay.objects.create(landlord=closed, date=dt.date(2026, 12, 7))
        assert closed.calendar().add_working_days(FRIDAY, 1) == dt.date(2026, 12, 8)
        assert open_.calendar().add_working_days(FRIDAY, 1) == dt.date(2026, 12, 7)
