"""The workload by person (issue 12, item 6): for each of the landlord's people who can be
given work, their open stages, how many are due this week and overdue, and how many are
waiting for their letter; who is away. Counted by the database, one ``GROUP BY`` query
over the landlord's open stages (the ``(landlord, status, ...)`` stage index), whatever
the number of records.

The dates are the work queue's: a stage is overdue, or due this week, by its complaint's
next deadline (``Complaint.next_due_on``), so each figure is what the queue shows for
that person with the same filter. "This week" runs from today to Sunday. A letter is owed
while the stage's acknowledgement or decision is recorded and its letter not yet issued
(``Stage.letter_owed``, Code 6.9 / 6.19: a stage is done when its letter goes).

An API key's own user is not a person: it is never listed (``landlords.selectors``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Q

from putright.complaints.models import Stage
from putright.landlords.models import Landlord
from putright.landlords.selectors import allocatable, away_on, away_words
from putright.rules.lifecycle import StageStatus
from putright.staff.selectors import staff_names

OPEN_STAGE = (StageStatus.REQUESTED, StageStatus.ACKNOWLEDGED)
FIGURES = ("open_stages", "due_this_week", "overdue", "letters_owed")


@dataclass(frozen=True)
class Workload:
    """One person's figures."""

    user_id: int
    name: str
    works_as: str  # the role, or the contractor they work for
    away: str  # "away until 14 December", or ""
    away_now: bool
    open_stages: int = 0
    due_this_week: int = 0
    overdue: int = 0
    letters_owed: int = 0


def week_end(today: dt.date) -> dt.date:
    """The Sunday that ends today's week."""
    return today + dt.timedelta(days=6 - today.weekday())


def stage_counts(landlord: Landlord, today: dt.date) -> dict[int, dict[str, int]]:
    """By handler: open stages, due from today to Sunday, overdue, letters owed."""
    due = "complaint__next_due_on"
    rows = (
        Stage.objects.filter(landlord=landlord, status__in=OPEN_STAGE, handler__isnull=False)
        .order_by()
        .values("handler_id")
        .annotate(
            open_stages=Count("id"),
            due_this_week=Count(
                "id", filter=Q(**{f"{due}__gte": today, f"{due}__lte": week_end(today)})
            ),
            overdue=Count("id", filter=Q(**{f"{due}__lt": today})),
            letters_owed=Count("id", filter=~Q(letter_owed="")),
        )
    )
    return {
        row["handler_id"]: {
            "open_stages": row["open_stages"],
            "due_this_week": row["due_this_week"],
            "overdue": row["overdue"],
            "letters_owed": row["letters_owed"],
        }
        for row in rows
    }


def workload(landlord: Landlord, *, today: dt.date) -> list[Workload]:
    """Everyone who can be given work, with their figures (0 when they have none), and
    anyone else still holding open stages (someone whose role changed, or who left), so
    no open stage is out of sight; by name."""
    counts = stage_counts(landlord, today)
    memberships = {
        m.user_id: m for m in allocatable(landlord).select_related("contractor").order_by()
    }
    others = {
        m.user_id: m
        for m in landlord.memberships.filter(user_id__in=list(counts))
        .exclude(user_id__in=list(memberships))
        .select_related("contractor")
    }
    memberships.update({u: m for u, m in others.items() if not m.service_user})
    names = staff_names(landlord.pk)
    team = [
        Workload(
            user_id=user_id,
            name=names.get(user_id, ""),
            works_as=m.contractor.name if m.contractor else m.get_role_display(),
            away=away_words(m, today),
            away_now=away_on(m, today),
            **counts.get(user_id, {}),
        )
        for user_id, m in memberships.items()
    ]
    left = get_user_model().objects.filter(
        pk__in=[u for u in counts if u not in memberships and u not in others]
    )
    team += [
        Workload(
            user_id=user.pk,
            name=user.get_full_name().strip() or user.get_username(),
            works_as="No longer works for this landlord",
            away="",
            away_now=False,
            **counts[user.pk],
        )
        for user in left
    ]
    return sorted(team, key=lambda w: (w.name.lower(), w.user_id))


def totals(team: Sequence[Workload]) -> dict[str, int]:
    """The team's figures added up."""
    return {figure: sum(getattr(w, figure) for w in team) for figure in FIGURES}
