"""Writes about a landlord and its staff: who is away (issue 12, item 6), the homes it
owned at the end of a year, with their property types (issue 13, item 10), and its own code
lists: the root-cause sub-causes a new landlord starts with (issue 13, item 5).

A person says they are away themselves, or a complaints officer or an administrator says
it for them (someone off sick does not sign in to say so). Allocation lists then show it
("away until 14 December"); nothing is moved by itself: reassigning their cases is the
team's decision, made on the work queue.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import transaction

from putright.landlords.models import HomesCount, Landlord, Role, StaffMembership, SubCause
from putright.landlords.permissions import require_role
from putright.rules.codes import DEFAULT_SUB_CAUSES
from putright.rules.lifecycle import RuleError
from putright.rules.perception import PropertyType, homes_by_type_problem

#: Who may say that someone else is away.
ABSENCE_ROLES = frozenset({Role.OFFICER, Role.ADMINISTRATOR})


@transaction.atomic
def staff_away_set(
    *,
    membership: StaffMembership,
    away_from: dt.date | None,
    away_until: dt.date | None,
    by: User | None,
) -> StaffMembership:
    """Record that the person is away from ``away_from`` until ``away_until`` (the last
    day away; None while not known), or, both None, that they are not away. By the person
    themselves, or a complaints officer or administrator at the landlord."""
    if by is not None and by.pk != membership.user_id:
        require_role(
            by,
            membership.landlord,
            ABSENCE_ROLES,
            "Only a complaints officer or an administrator can say when someone else is away.",
        )
    if membership.service_user:
        raise RuleError("An API key's own user is not a person: it is never away.")
    if away_from is None and away_until is not None:
        raise RuleError({"away_from": "Enter the first day away"})
    if away_from is not None and away_until is not None and away_until < away_from:
        raise RuleError({"away_until": "The last day away must be on or after the first day"})
    membership.away_from, membership.away_until = away_from, away_until
    membership.save(update_fields=["away_from", "away_until"])
    return membership


@transaction.atomic
def homes_count_save(
    *,
    landlord: Landlord,
    year: int,
    lcra: int,
    lcho: int | None = None,
    by_type: dict[str, int | None] | None = None,
) -> tuple[HomesCount, HomesCount | None]:
    """Record (or correct) the homes the landlord owned at the end of the financial year:
    LCRA and LCHO (CH01's denominator; ``lcho`` None keeps what was recorded, or 0), and
    optionally how many of them are of each property type (``by_type``, keyed by
    ``PropertyType``: a type given replaces the one recorded, None clears it, a type left
    out is kept). Types, when any is recorded, must add up to LCRA plus LCHO; ``RuleError``
    says by how much they do not. Returns the count saved and a copy of it as it was
    before (None if this is the first for the year)."""
    count = HomesCount.objects.select_for_update().filter(landlord=landlord, year=year).first()
    before = None
    if count is None:
        count = HomesCount(landlord=landlord, year=year, lcho=0)
    else:
        before = HomesCount(
            landlord=landlord,
            year=year,
            lcra=count.lcra,
            lcho=count.lcho,
            **{t.value: getattr(count, t.value) for t in PropertyType},
        )
    if lcra < 0 or (lcho is not None and lcho < 0):
        raise RuleError({"homes": "The number of homes must be 0 or more"})
    count.lcra = lcra
    if lcho is not None:
        count.lcho = lcho
    for name, value in (by_type or {}).items():
        if name not in PropertyType.values():
            raise RuleError({name: f"There is no property type called {name!r}"})
        setattr(count, name, value)
    problem = homes_by_type_problem(
        count.total, {t.value: getattr(count, t.value) for t in PropertyType}
    )
    if problem:
        raise RuleError({"by_type": problem})
    count.save()
    return count, before


def sub_causes_seed(*, landlord: Landlord) -> list[SubCause]:
    """Give the landlord the default sub-causes under each root cause
    (``rules.codes.DEFAULT_SUB_CAUSES``) that it does not have yet, by code; a code it has
    (renamed, moved or retired) is left as the landlord keeps it. Returns those added."""
    have = set(SubCause.objects.filter(landlord=landlord).values_list("code", flat=True))
    added = [
        SubCause(landlord=landlord, root_cause=cause, code=code, label=label, position=i)
        for i, (cause, code, label) in enumerate(DEFAULT_SUB_CAUSES)
        if code not in have
    ]
    return SubCause.objects.bulk_create(added)
