"""Compliments as plain rules: what one must hold, and how they are counted."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from putright.rules.compliments import (
    NAME_MAX,
    NO_SERVICE_AREA,
    WORDS_MAX,
    compliment_counts,
    compliment_problems,
    staff_key,
)

TODAY = dt.date(2026, 12, 7)


def problems(**changes: object) -> dict[str, str]:
    fields: dict[str, object] = {
        "words": "Thank you.",
        "received_on": TODAY,
        "today": TODAY,
        "staff_named": "",
        "giver_name": "",
    }
    fields.update(changes)
    return compliment_problems(**fields)  # type: ignore[arg-type]


def test_a_compliment_with_words_received_today_has_no_problem():
    assert problems() == {}


def test_a_compliment_must_say_something():
    assert problems(words="  \n ") == {"words": "Enter what the compliment said."}


def test_a_compliment_cannot_be_received_on_a_day_to_come():
    assert problems(received_on=TODAY + dt.timedelta(days=1)) == {
        "received_on": "The date received must be today or in the past."
    }


def test_words_and_names_over_their_limits_are_refused_with_the_limit():
    found = problems(words="x" * (WORDS_MAX + 1), staff_named="x" * (NAME_MAX + 1))
    assert found["words"] == "The compliment must be 5,000 characters or fewer."
    assert found["staff_named"] == "The staff member's name must be 200 characters or fewer."


def test_one_person_named_twice_with_other_spacing_and_case_is_counted_once():
    counts = compliment_counts(
        [("Repairs", "Dee Okafor"), ("Repairs", " dee  OKAFOR "), ("Repairs", "Sam")]
    )
    assert counts.staff_named_by_service_area == {"Repairs": 2}
    assert counts.naming_staff_by_service_area == {"Repairs": 3}


def test_a_compliment_with_no_service_area_is_counted_as_not_given():
    counts = compliment_counts([(None, ""), ("Repairs", "")])
    assert counts.by_service_area == {NO_SERVICE_AREA: 1, "Repairs": 1}
    assert counts.naming_staff == 0


def test_the_published_counts_hold_no_name():
    published = compliment_counts([("Repairs", "Dee Okafor")]).as_json()
    assert "Dee" not in repr(published)
    assert published == {
        "total": 1,
        "by_service_area": {"Repairs": 1},
        "naming_a_staff_member": {"total": 1, "by_service_area": {"Repairs": 1}},
        "staff_members_named": {"total": 1, "by_service_area": {"Repairs": 1}},
    }


areas = st.sampled_from([None, "Repairs", "Estates", "Tenancy"])
names = st.sampled_from(["", " ", "Dee", "dee", "Sam Jones", "sam  jones", "Ann"])


@given(st.lists(st.tuples(areas, names), max_size=40))
def test_every_compliment_is_counted_once_and_no_area_holds_more_people_than_namings(rows):
    counts = compliment_counts(rows)
    assert counts.total == len(rows) == sum(counts.by_service_area.values())
    assert counts.naming_staff == sum(1 for _, name in rows if staff_key(name))
    for area, people in counts.staff_named_by_service_area.items():
        assert 1 <= people <= counts.naming_staff_by_service_area[area]
        assert counts.naming_staff_by_service_area[area] <= counts.by_service_area[area]
    assert list(counts.by_service_area.values()) == sorted(
        counts.by_service_area.values(), reverse=True
    )


@given(st.text(max_size=30))
def test_a_name_is_nobody_only_when_it_is_blank(name):
    assert (staff_key(name) == "") == (name.strip() == "")
    assert staff_key(staff_key(name)) == staff_key(name)
