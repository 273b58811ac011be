"""The timeline's one writer (domain.md §4; Code 5.12: a full record).

Every entry on a complaint's timeline is written here and nowhere else, and writing one is
the only way a complaint's ``version`` moves on (a test holds both:
tests/complaints/test_one_timeline_writer.py). So the version (the API's ETag, the staff
forms' hidden field) changes with every change, whatever made it: a command, a letter, an
Ombudsman contact, a learning record, a register import. And whoever listens hears of every
entry, through ``putright.complaints.signals``:

- ``event_write``: one entry, with the fields of the complaint the caller changed;
  sends ``timeline_written`` (the API turns some kinds into webhook events);
- ``complaint_ombudsman_reference_set``: the Ombudsman's reference kept on the complaint,
  written with the entry that says the Ombudsman opened a case;
- ``events_write_many``: many entries of one kind at once, for the register import;
  sends ``timeline_written_many`` once per batch;
- ``events_redact``: the one exception to "never changed", for the retention policy
  (domain.md §11): the personal data in a closed record's entries (the words and details)
  removed, each entry kept with its kind, date and author, so the timeline still shows
  what happened and when.

Each writes inside the caller's transaction. Entries are never changed or removed (the
``Event`` model refuses): a correction is a new entry pointing at the old one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, NamedTuple

from django.contrib.auth.models import User
from django.db import connection
from django.db.models import Field, Model, QuerySet
from django.utils import timezone

from putright.complaints.bulk import copy_available, rows_insert
from putright.complaints.models import Complaint, Event, EventKind
from putright.complaints.signals import timeline_written, timeline_written_many
from putright.landlords.models import Landlord
from putright.rules.retention import REMOVED

__all__ = [
    "TimelineEntry",
    "complaint_ombudsman_reference_set",
    "event_write",
    "events_redact",
    "events_write_many",
]


def _actor(by: object) -> User | None:
    """Who did it, for the timeline: a signed-in person; nobody for the system, the
    resident or anyone not signed in."""
    if by is None or not getattr(by, "is_authenticated", False):
        return None
    assert isinstance(by, User), "only a person is recorded as the actor"
    return by


def _field_column(model: type[Model], name: str) -> str:
    """The database column of ``model``'s field ``name``, for the batch statements."""
    field = model._meta.get_field(name)
    assert isinstance(field, Field) and field.column, f"{name} is a column of {model}"
    return field.column


def _column(model: type[Model], name: str) -> str:
    """The quoted database column of ``model``'s field ``name``."""
    return connection.ops.quote_name(_field_column(model, name))


def event_write(
    *,
    complaint: Complaint,
    kind: str,
    summary: str,
    occurred_on: dt.date,
    by: User | object | None,
    stage: int | None = None,
    detail: dict[str, Any] | None = None,
    corrects: Event | None = None,
    changed: Sequence[str] = (),
    new_record: bool = False,
) -> Event:
    """Write one entry on ``complaint``'s timeline, inside the caller's transaction.

    The complaint is saved with its next version number and the fields the caller changed
    on it (``changed``), the entry is written, and ``timeline_written`` tells whoever
    listens (the API's webhooks), in the same transaction: a change that is rolled back is
    told to nobody. ``new_record`` marks the entry that opens a record just created, which
    stays at version 1 with it."""
    if new_record:
        if changed:
            raise ValueError("A new record is saved whole when it is created.")
    else:
        _save_next_version(complaint, changed)
    event = Event.objects.create(
        landlord_id=complaint.landlord_id,
        complaint=complaint,
        kind=kind,
        stage=stage,
        occurred_on=occurred_on,
        actor=_actor(by),
        summary=summary,
        detail=detail or {},
        corrects=corrects,
    )
    timeline_written.send(sender=Event, complaint=complaint, kind=kind)
    return event


def _save_next_version(complaint: Complaint, changed: Sequence[str]) -> None:
    """Move the version on from the stored one, under the row lock, so that a caller
    holding an older copy of the complaint can never move it back; with the fields the
    caller changed and ``updated_at``.

    Where the database returns rows from an ``UPDATE`` (PostgreSQL; SQLite 3.35 on), this
    is one statement, which takes the row lock itself and returns the new version; else
    the stored version is read under the lock first, then the complaint saved."""
    if not _update_returns_rows():
        stored = (
            Complaint.objects.select_for_update()
            .filter(pk=complaint.pk)
            .values_list("version", flat=True)
            .get()
        )
        complaint.version = stored + 1
        complaint.save(update_fields=["version", "updated_at", *changed])
        return
    meta = Complaint._meta
    names = dict.fromkeys(name for name in ("updated_at", *changed) if name != "version")
    fields = [meta.get_field(name) for name in names]
    assignments, values = [], []
    for field in fields:
        assert isinstance(field, Field) and field.column, f"{field} is a column of Complaint"
        # pre_save gives the value as save() would: "now" for updated_at (auto_now).
        value = field.get_db_prep_save(field.pre_save(complaint, add=False), connection)
        assignments.append(f"{connection.ops.quote_name(field.column)} = %s")
        values.append(value)
    version = _column(Complaint, "version")
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {connection.ops.quote_name(meta.db_table)} "
            f"SET {version} = {version} + 1, {', '.join(assignments)} "
            f"WHERE {_column(Complaint, 'id')} = %s RETURNING {version}",
            [*values, complaint.pk],
        )
        row = cursor.fetchone()
    if row is None:
        raise Complaint.DoesNotExist(f"No complaint {complaint.pk} to move the version of.")
    complaint.version = row[0]


def _update_returns_rows() -> bool:
    """Whether this database returns rows from an ``UPDATE`` (``RETURNING``)."""
    if connection.vendor == "postgresql":
        return True
    return connection.vendor == "sqlite" and bool(
        connection.features.can_return_columns_from_insert  # SQLite 3.35: RETURNING
    )


def complaint_ombudsman_reference_set(
    *,
    complaint: Complaint,
    reference: str,
    summary: str,
    occurred_on: dt.date,
    by: User | object | None,
    detail: dict[str, Any] | None = None,
) -> Event:
    """Domain.md §7: the complaint keeps the reference of the Ombudsman's case about it (the
    first case's, if the Ombudsman opens another), saved with the Ombudsman entry that says
    the case was opened."""
    stored = (
        Complaint.objects.select_for_update()
        .filter(pk=complaint.pk)
        .values_list("ombudsman_reference", flat=True)
        .get()
    )
    complaint.ombudsman_reference = stored or reference
    return event_write(
        complaint=complaint,
        kind=EventKind.OMBUDSMAN,
        summary=summary,
        occurred_on=occurred_on,
        by=by,
        detail=detail,
        changed=() if stored else ("ombudsman_reference",),
    )


class TimelineEntry(NamedTuple):
    """One entry of a batch (``events_write_many``): cheap to make a million of."""

    complaint_id: int
    occurred_on: dt.date
    summary: str
    detail: dict[str, Any]


def events_write_many(
    *,
    landlord: Landlord,
    kind: str,
    entries: Sequence[TimelineEntry],
    imported: bool = False,
    new_records: bool = False,
) -> None:
    """Write many entries of one ``kind`` on ``landlord``'s complaints, inside the caller's
    transaction: the register import, a million records at a time (register-csv.md).

    No model instance is made: on PostgreSQL the entries go in by ``COPY`` and one
    ``INSERT ... SELECT`` (``putright.complaints.bulk``), elsewhere by one prepared
    statement run for every entry. Each
    complaint's version goes up by one, however many of its entries the batch holds, in a
    second statement; unless ``new_records`` says the entries open records just created,
    which stay at version 1 with them. Then ``timeline_written_many`` is sent once, with
    the ids of the complaints, so a batch is told as one whatever its size."""
    if not entries:
        return
    ops = connection.ops
    quote = ops.quote_name
    date, json = ops.adapt_datefield_value, ops.adapt_json_value
    now = ops.adapt_datetimefield_value(timezone.now())
    events = Event._meta
    columns = [
        _field_column(Event, name)
        for name in (
            "landlord",
            "complaint",
            "kind",
            "occurred_on",
            "recorded_at",
            "summary",
            "detail",
            "imported",
        )
    ]
    rows = [
        (
            landlord.pk,
            entry.complaint_id,
            kind,
            date(entry.occurred_on),
            now,
            entry.summary,
            json(entry.detail, None),
            imported,
        )
        for entry in entries
    ]
    complaint_ids = list(dict.fromkeys(entry.complaint_id for entry in entries))
    # COPY and one INSERT ... SELECT on PostgreSQL; a prepared statement elsewhere.
    rows_insert(events.db_table, columns, rows)
    if not new_records:
        # Each complaint's version moves on by one: one statement for the whole batch on
        # PostgreSQL (an array of ids), one prepared statement per complaint elsewhere.
        complaints = Complaint._meta
        version = _column(Complaint, "version")
        bump = (
            f"UPDATE {quote(complaints.db_table)} SET {version} = {version} + 1, "
            f"{_column(Complaint, 'updated_at')} = %s "
            f"WHERE {_column(Complaint, complaints.pk.name if complaints.pk else 'id')} "
        )
        with connection.cursor() as cursor:
            if copy_available():
                cursor.execute(bump + "= ANY(%s)", (now, complaint_ids))
            else:
                cursor.executemany(bump + "= %s", [(now, pk) for pk in complaint_ids])
    timeline_written_many.send(
        sender=Event, landlord=landlord, kind=kind, complaint_ids=complaint_ids
    )


def _kept_detail(detail: object) -> dict[str, Any]:
    """What a redacted entry keeps of its detail: the numbers and flags (the ids of the
    letter, file or stage it points at), never words, which may name or describe someone."""
    if not isinstance(detail, dict):
        return {}
    return {
        key: value
        for key, value in detail.items()
        if value is None or isinstance(value, bool | int | float)
    }


def events_redact(*, complaint: Complaint) -> int:
    """Domain.md §11: remove the personal data from every entry on ``complaint``'s timeline
    under the retention policy, inside the caller's transaction; returns how many.

    Each entry keeps its kind, stage, date, author, place in the order and the corrections
    pointing at it; its summary becomes the kind with ``REMOVED``, and its detail keeps
    only numbers and flags. The model refuses any other change (``EventQuerySet.update``),
    so this writes through the plain queryset: the retention service
    (``complaints.services.retention``) is its only caller, and writes its own entry
    saying so."""
    write_over = QuerySet.update  # the append-only guard's parent: see the docstring
    entries = Event.objects.filter(complaint=complaint).order_by("id")
    count = 0
    for pk, kind, detail in entries.values_list("pk", "kind", "detail"):
        label = EventKind(kind).label if kind in EventKind.values else kind
        write_over(
            Event.objects.filter(pk=pk),
            summary=f"{label}. {REMOVED}",
            detail=_kept_detail(detail),
        )
        count += 1
    return count
