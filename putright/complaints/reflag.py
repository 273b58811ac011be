"""The safety words' triage priority kept on each record (``Complaint.hazard_priority``,
Awaab's Law, domain.md §12), worked out again where it was worked out by an older version
of the words (``Complaint.hazard_words`` is not ``rules.hazards.WORDS_VERSION``; 0 for
never): by ``putright reflag`` after a release that changed the words, and by the
migration that added the column (complaints 0021).

This is no command on a case: the description and every fact of the record stay as they
are, only what the code reads from the description is brought up to date. So no timeline
entry is written and the record's version does not move (the API does not show the
priority). The records are read in batches in the order of their ids, each batch's
descriptions only, so a million records never sit in memory; outside a migration each
batch is its own transaction, its rows locked while they are read and written, so a
description changed at the same time (the retention policy, a register import) is never
overwritten with the priority of the one before."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from putright.rules import hazards
from putright.rules.hazards import hazard_priority

#: Records read and written together.
BATCH = 2000


@dataclass(frozen=True)
class Reflagged:
    """How many records were worked out again, and how many of them changed priority."""

    records: int
    changed: int


def stale(model: Any, version: int | None = None) -> Any:
    """The records whose priority was worked out by another version of the words than
    ``version`` (the code's own, ``rules.hazards.WORDS_VERSION``, unless given)."""
    return model.objects.exclude(hazard_words=hazards.WORDS_VERSION if version is None else version)


def reflag(
    model: Any = None,
    *,
    batch: int | None = None,
    version: int | None = None,
    atomic_batches: bool = True,
    progress: Callable[[Reflagged], None] | None = None,
) -> Reflagged:
    """Work out again the priority of every record kept by another version of the words,
    ``batch`` records at a time, in the order of their ids. ``model`` is the complaint model
    (a migration gives its own); ``atomic_batches`` makes each batch its own transaction
    with its rows locked (a migration is already one transaction)."""
    if version is None:
        version = hazards.WORDS_VERSION
    if batch is None:
        batch = BATCH
    if model is None:
        from putright.complaints.models import Complaint

        model = Complaint
    last = 0
    records = changed = 0
    while True:
        with transaction.atomic() if atomic_batches else nullcontext():
            rows = stale(model, version).filter(pk__gt=last).order_by("pk")
            if atomic_batches:
                rows = rows.select_for_update()
            read = list(rows.values_list("pk", "description", "hazard_priority")[:batch])
            if not read:
                break
            by_priority: dict[int, list[int]] = defaultdict(list)
            for pk, description, before in read:
                priority = hazard_priority(description)
                by_priority[priority].append(pk)
                changed += priority != before
            for priority, ids in by_priority.items():
                model.objects.filter(pk__in=ids).update(
                    hazard_priority=priority, hazard_words=version
                )
        records += len(read)
        last = read[-1][0]
        if progress is not None:
            progress(Reflagged(records, changed))
    return Reflagged(records, changed)
