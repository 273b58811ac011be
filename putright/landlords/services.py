"""Writes about a landlord's staff: who is away (issue 12, item 6).

A person says they are away themselves, or a complaints officer or an administrator says
it for them (someone off sick does not sign in to say so). Allocation lists then show it
("away until 14 December"); nothing is moved by itself: reassigning their cases is the
team's decision, made on the work queue.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import transaction

from putright.landlords.models import Role, StaffMembership
from putright.landlords.permissions import require_role
from putright.rules.lifecycle import RuleError

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
