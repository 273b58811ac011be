"""References are generated per landlord with a configurable prefix, unique, never reused."""

from __future__ import annotations

import pytest

from putright.complaints.models import Complaint
from putright.landlords import models as landlord_models
from putright.landlords.models import Landlord
from tests import factories

pytestmark = pytest.mark.django_db


def test_references_use_the_landlords_prefix_and_six_digits():
    landlord = factories.landlord(reference_prefix="CU")
    assert factories.complaint(landlord).reference == "CU-000001"
    assert factories.complaint(landlord).reference == "CU-000002"


def test_each_landlord_counts_its_own_references():
    a = factories.landlord(reference_prefix="AB")
    b = factories.landlord(reference_prefix="CD")
    factories.complaint(a)
    assert factories.complaint(b).reference == "CD-000001"


def test_a_reference_is_never_reused_even_after_a_record_is_removed():
    landlord = factories.landlord(reference_prefix="CU")
    first = factories.complaint(landlord)
    # Removing a record (outside the services, as retention tooling might) frees nothing.
    Complaint.objects.filter(pk=first.pk).update(reference="CU-REMOVED")
    assert factories.complaint(landlord).reference == "CU-000002"


@pytest.mark.parametrize("returning", [True, False], ids=["update_returning", "update_then_read"])
def test_bulk_references_are_consecutive_and_move_the_counter(returning, monkeypatch):
    if not returning:  # a database that returns no rows from an UPDATE (SQLite before 3.35)
        monkeypatch.setattr(landlord_models, "_update_returns_rows", lambda: False)
    landlord = factories.landlord(reference_prefix="X")
    assert landlord.take_references(3) == ["X-000001", "X-000002", "X-000003"]
    assert landlord.take_reference() == "X-000004"
    assert Landlord.objects.get(pk=landlord.pk).next_reference_number == 5


def test_taking_a_reference_is_one_statement(django_assert_num_queries):
    # SQLite 3.35 on and PostgreSQL, the databases the suite runs on: UPDATE ... RETURNING,
    # where before it was a savepoint, the update, a read and the savepoint's release.
    landlord = factories.landlord(reference_prefix="X")
    with django_assert_num_queries(1):
        assert landlord.take_reference() == "X-000001"


def test_a_landlord_gone_gives_no_reference():
    gone = Landlord(pk=10_000, reference_prefix="X")
    with pytest.raises(Landlord.DoesNotExist):
        gone.take_reference()
