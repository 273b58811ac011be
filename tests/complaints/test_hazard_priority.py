"""The safety words' triage priority kept on each record (``Complaint.hazard_priority``,
Awaab's Law, domain.md §12): every way a description is written keeps the priority
``rules.hazards.hazard_flag`` gives it, with the words' version; ``putright reflag`` works
out again those kept by an older version (docs/architecture.md, "The safety words on the
record")."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import given, settings
from hypothesis import strategies as st

from putright.complaints import reflag as reflag_module
from putright.complaints.models import Complaint
from putright.complaints.reflag import reflag
from putright.rules import hazards
from putright.rules.hazards import NOT_FLAGGED, WORDS_VERSION, hazard_flag
from tests import factories
from tests.api.helpers import client, key, new_complaint, post
from tests.registers.support import import_dicts
from tests.rules.test_hazards import _PHRASES
from tests.staff import people

pytestmark = pytest.mark.django_db

#: Descriptions as residents write them (flagged or not, with denials), run together with
#: a little random text; never empty (a logged complaint needs its words).
descriptions = (
    st.lists(
        st.one_of(
            st.sampled_from(_PHRASES),
            st.text(alphabet="abcgsADEIMOLRT ,.;!'\n", min_size=1, max_size=30),
        ),
        min_size=1,
        max_size=4,
    )
    .map(" ".join)
    .filter(str.strip)
)


def kept(complaint_id: int) -> tuple[int, int]:
    return Complaint.objects.values_list("hazard_priority", "hazard_words").get(pk=complaint_id)


def expected(description: str) -> tuple[int, int]:
    return hazard_flag(description).priority, WORDS_VERSION


def test_the_phrases_give_every_priority():
    """So the examples below can find a write path that keeps the wrong one."""
    assert {hazard_flag(text).priority for text in _PHRASES} == {0, 1, 2, NOT_FLAGGED}


@settings(max_examples=25)
@given(description=descriptions)
def test_a_complaint_logged_by_the_service_keeps_its_priority(description):
    landlord = factories.landlord()
    complaint = people.logged(landlord, description=description)
    assert kept(complaint.pk) == expected(description)


@settings(max_examples=15)
@given(description=descriptions)
def test_a_complaint_logged_through_the_api_keeps_its_priority(description):
    landlord = factories.landlord()
    response = post(client(key(landlord)), "/complaints", new_complaint(description=description))
    assert response.status_code == 201, response.content
    complaint = Complaint.objects.get(landlord=landlord, reference=response.json()["reference"])
    assert complaint.description == description
    assert kept(complaint.pk) == expected(description)


def _row(reference: str, description: str) -> dict[str, str]:
    return {
        "reference": reference,
        "received_date": "2024-05-01",
        "channel": "phone",
        "description": description,
    }


@settings(max_examples=15)
@given(first=descriptions, second=descriptions)
def test_an_imported_record_keeps_its_priority_and_a_changed_description_its_new_one(first, second):
    """On SQLite by prepared statements; on PostgreSQL (the same test, run there) by COPY."""
    landlord = factories.landlord()
    import_dicts(landlord, _row("IMP-1", first))
    complaint = Complaint.objects.get(landlord=landlord, reference="IMP-1")
    assert kept(complaint.pk) == expected(first)

    import_dicts(landlord, _row("IMP-1", second))  # the register's row changed
    assert kept(complaint.pk) == expected(second)


# putright reflag ---------------------------------------------------------------------------


def _three(landlord):
    return [
        people.logged(landlord, description="I can smell gas in the kitchen."),
        people.logged(landlord, description="Mould in the bathroom."),
        people.logged(landlord, description="The bins were not collected."),
    ]


def test_reflag_works_out_again_only_the_records_of_an_older_version(monkeypatch):
    landlord = factories.landlord()
    gas, mould, bins = _three(landlord)
    # A record whose priority was never worked out (0), and one kept by the version now.
    Complaint.objects.filter(pk=gas.pk).update(hazard_priority=NOT_FLAGGED, hazard_words=0)
    # New words, in which everything is an emergency.
    monkeypatch.setattr(hazards, "WORDS_VERSION", WORDS_VERSION + 1)
    monkeypatch.setattr(reflag_module, "hazard_priority", lambda text: 0)
    Complaint.objects.filter(pk=bins.pk).update(hazard_words=WORDS_VERSION + 1)

    done = reflag(batch=1)

    assert (done.records, done.changed) == (2, 2)  # gas (3 -> 0) and mould (1 -> 0)
    assert kept(gas.pk) == (0, WORDS_VERSION + 1)
    assert kept(mould.pk) == (0, WORDS_VERSION + 1)
    assert kept(bins.pk) == (NOT_FLAGGED, WORDS_VERSION + 1)  # not read: already current
    assert reflag().records == 0


def test_the_command_checks_then_reflags(monkeypatch):
    landlord = factories.landlord()
    records = _three(landlord)
    out = io.StringIO()
    call_command("reflag", "--check", stdout=out)
    assert f"Every record's priority is from version {WORDS_VERSION}." in out.getvalue()

    monkeypatch.setattr(hazards, "WORDS_VERSION", WORDS_VERSION + 1)
    with pytest.raises(CommandError, match="3 records keep a priority from an older version"):
        call_command("reflag", "--check", stdout=io.StringIO())
    out = io.StringIO()
    call_command("reflag", "--batch", "2", stdout=out)
    assert "Worked out again: 3 records, 0 of them with another priority" in out.getvalue()
    assert {kept(c.pk) for c in records} == {
        (0, WORDS_VERSION + 1),
        (1, WORDS_VERSION + 1),
        (NOT_FLAGGED, WORDS_VERSION + 1),
    }
    call_command("reflag", "--check", stdout=io.StringIO())


def test_the_command_refuses_a_batch_of_nothing():
    with pytest.raises(CommandError, match="expected from 1 to 100,000 records"):
        call_command("reflag", "--batch", "0")
