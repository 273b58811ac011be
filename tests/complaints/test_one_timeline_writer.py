"""One writer for the timeline (putright/complaints/timeline.py).

Only that module writes timeline entries and moves a complaint's version on, so every entry,
whatever wrote it (a command, a letter, Ombudsman casework, learning, the register import),
moves the version on and is heard by whoever listens to ``timeline_written`` (or, for a
batch, ``timeline_written_many``): the API's webhooks among them."""

from __future__ import annotations

import ast
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import putright
from putright.api import webhooks
from putright.api.models import WebhookEndpoint, WebhookEvent, WebhookEventName
from putright.complaints.models import Complaint, Event, EventKind
from putright.complaints.signals import timeline_written, timeline_written_many
from putright.complaints.timeline import (
    TimelineEntry,
    complaint_ombudsman_reference_set,
    events_write_many,
)
from putright.learning.services import learning_record_add
from putright.letters import services as letters
from putright.letters.kinds import LetterKind
from putright.ombudsman import services as ombudsman
from putright.ombudsman.models import ContactKind
from tests import factories
from tests.letters import records
from tests.registers.support import import_dicts

PACKAGE = Path(putright.__file__).parent
WRITER = PACKAGE / "complaints" / "timeline.py"

#: Calls that may be given the ``Event`` model itself: they read it or point at it.
EVENT_ARGUMENT_ALLOWED = {"register", "ForeignKey", "OneToOneField", "get_object_or_404"}
#: Raw SQL that moves a version on or writes to the timeline's table.
SQL_WRITE = re.compile(
    r"version\W*\s*=\s*\W*version|(insert\s+into|update)\s+\W?complaints_event\b", re.I
)
#: Queryset and manager methods that write rows.
WRITES = {"create", "bulk_create", "get_or_create", "update_or_create", "update", "bulk_update"}


def _name(node: ast.expr) -> str:
    """The last name of what is called: ``admin.register`` -> ``register``."""
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def _is_event(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id == "Event"


def timeline_writes(source: str) -> list[str]:
    """Where ``source`` writes timeline entries or moves a version on, one line each."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Call):
            called = _name(node.func)
            if _is_event(node.func):
                found.append(f"line {line}: makes an Event")
            if (
                called in WRITES
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Attribute)
                and _is_event(node.func.value.value)
            ):
                found.append(f"line {line}: Event.{node.func.value.attr}.{called}")
            if called not in EVENT_ARGUMENT_ALLOWED and any(_is_event(a) for a in node.args):
                found.append(f"line {line}: gives the Event model to {called}()")
            # Another model's own version (a publication's, say) is not a complaint's.
            receiver = (
                node.func.value.value.id
                if isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Attribute)
                and isinstance(node.func.value.value, ast.Name)
                else None
            )
            other_model = (
                receiver is not None and receiver[:1].isupper() and receiver != "Complaint"
            )
            for keyword in node.keywords:
                if keyword.arg == "version" and (
                    (called in WRITES and not other_model) or called == "Complaint"
                ):
                    found.append(f"line {line}: sets version in {called}()")
                if keyword.arg == "update_fields" and "version" in ast.unparse(keyword.value):
                    found.append(f"line {line}: saves version")
            if (
                called == "F"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and node.args[0].value == "version"
            ):
                found.append(f'line {line}: F("version")')
        elif isinstance(node, ast.Attribute) and _is_event(node.value) and node.attr == "_meta":
            found.append(f"line {line}: reads Event._meta (its table, for SQL)")
        elif isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if any(
                    isinstance(part, ast.Attribute) and part.attr == "version"
                    for part in ast.walk(target)
                ):
                    found.append(f"line {line}: assigns .version")
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and SQL_WRITE.search(node.value)
        ):
            found.append(f"line {line}: SQL on the timeline or the version")
    return found


def test_only_the_timeline_module_writes_entries_or_moves_versions():
    offenders = {
        str(path.relative_to(PACKAGE.parent)): writes
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != WRITER and (writes := timeline_writes(path.read_text()))
    }
    assert offenders == {}


def test_the_timeline_module_is_where_the_writes_are():
    assert timeline_writes(WRITER.read_text())


@pytest.mark.parametrize(
    "source",
    [
        "Event.objects.create(complaint=c, kind='note')",
        "Event.objects.bulk_create([e])",
        "events = [Event(complaint=c)]",
        "_insert(Event, FIELDS, rows)",
        "table = Event._meta.db_table",
        "complaint.version += 1",
        "complaint.version = 7",
        "complaint.save(update_fields=['version', 'updated_at'])",
        "Complaint.objects.filter(pk=1).update(version=F('version') + 1)",
        "Complaint.objects.create(reference='C-1', version=3)",
        "_update(Complaint, fields, rows, extra=', version = version + 1')",
        'cursor.execute(\'UPDATE "complaints_complaint" SET "version" = "version" + 1\')',
        "cursor.executemany('INSERT INTO complaints_event (kind) VALUES (%s)', rows)",
    ],
)
def test_the_check_sees_each_way_of_writing(source):
    assert timeline_writes(source)


@pytest.mark.parametrize(
    "source",
    [
        "Event.objects.filter(complaint=c).order_by('id')",
        "get_object_or_404(Event, pk=1)",
        "Publication.objects.create(landlord=l, version=2)",
        "event = models.OneToOneField(Event, on_delete=models.PROTECT)",
        "etag = f'\"{complaint.version}\"'",
        "locked.refresh_from_db(fields=['version'])",
        "api = NinjaAPI(version='1')",
        "router.get('/complaints/{reference}/events', operation_id='complaints_events')",
    ],
)
def test_the_check_leaves_reads_alone(source):
    assert timeline_writes(source) == []


# Every writer is heard ---------------------------------------------------------------------


@pytest.fixture
def heard() -> Iterator[list[tuple[str, Any]]]:
    """What ``timeline_written`` (complaint reference, kind) and ``timeline_written_many``
    (kind, complaint ids) said, in order."""
    said: list[tuple[str, Any]] = []

    def one(sender: object, *, complaint: Complaint, kind: str, **_: Any) -> None:
        said.append(("one", (complaint.reference, kind)))

    def many(sender: object, *, kind: str, complaint_ids: list[int], **_: Any) -> None:
        said.append(("many", (kind, list(complaint_ids))))

    timeline_written.connect(one, dispatch_uid="test-heard-one")
    timeline_written_many.connect(many, dispatch_uid="test-heard-many")
    yield said
    timeline_written.disconnect(dispatch_uid="test-heard-one")
    timeline_written_many.disconnect(dispatch_uid="test-heard-many")


def subscribe(landlord) -> WebhookEndpoint:
    return WebhookEndpoint.objects.create(
        landlord=landlord,
        url="https://crm.example.org/hooks",
        events=list(WebhookEventName.values),
        secret=webhooks.new_secret(),
    )


def version_of(complaint: Complaint) -> int:
    return Complaint.objects.values_list("version", flat=True).get(pk=complaint.pk)


@pytest.mark.django_db
def test_an_issued_letter_is_heard_and_moves_the_version_on(heard, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    complaint = records.stage1_acknowledged()
    before = version_of(complaint)
    heard.clear()
    kind = LetterKind.ACKNOWLEDGEMENT_STAGE1
    draft = letters.letter_draft(complaint=complaint, kind=kind, on=records.LETTER_DATE)
    letter = letters.letter_issue(
        complaint=complaint,
        kind=kind,
        subject=draft.subject,
        body_text=draft.body_text,
        delivery="post",
        by=None,
        on=records.LETTER_DATE,
    )
    assert heard == [("one", (complaint.reference, EventKind.LETTER))]
    assert letter.event.kind == EventKind.LETTER
    assert version_of(complaint) == before + 1


@pytest.mark.django_db
def test_an_ombudsman_contact_is_heard_and_moves_the_version_on(heard):
    landlord = factories.landlord()
    complaint = factories.stage1_responded(landlord)
    case = ombudsman.ombudsman_case_open(
        landlord=landlord,
        reference="202400001",
        opened_on=dt.date(2024, 6, 3),
        complaint=complaint,
        by=None,
    )
    before = version_of(complaint)
    heard.clear()
    ombudsman.contact_record(
        case=case,
        kind=ContactKind.EVIDENCE_REQUEST,
        received_on=dt.date(2024, 6, 4),
        deadline=dt.date(2024, 6, 25),
        details="Send the complaint file.",
        by=None,
    )
    assert heard == [("one", (complaint.reference, EventKind.OMBUDSMAN))]
    assert version_of(complaint) == before + 1


@pytest.mark.django_db
def test_the_ombudsman_reference_is_kept_through_the_writer_without_moving_the_version_back():
    """A caller holding an older copy of the complaint still moves the version on from the
    stored one, and the first case's reference stays."""
    landlord = factories.landlord()
    complaint = factories.stage1_responded(landlord)
    stale = Complaint.objects.get(pk=complaint.pk)
    ombudsman.ombudsman_case_open(
        landlord=landlord,
        reference="202400001",
        opened_on=dt.date(2024, 6, 3),
        complaint=complaint,
        by=None,
    )
    after_first = version_of(complaint)
    event = complaint_ombudsman_reference_set(
        complaint=stale,
        reference="202400002",
        summary="The Housing Ombudsman opened case 202400002 about this complaint.",
        occurred_on=dt.date(2024, 7, 1),
        by=None,
    )
    stored = Complaint.objects.get(pk=complaint.pk)
    assert (stored.ombudsman_reference, stored.version) == ("202400001", after_first + 1)
    assert stale.version == stored.version
    assert event.kind == EventKind.OMBUDSMAN


@pytest.mark.django_db
def test_a_learning_record_entry_is_heard_and_moves_the_version_on(heard):
    landlord = factories.landlord()
    complaint = factories.stage1_responded(landlord)
    before = version_of(complaint)
    heard.clear()
    learning_record_add(
        landlord=landlord,
        complaint=complaint,
        what_went_wrong="The repair was booked twice.",
        learning="Check the diary before booking.",
        improvement="One booking screen for repairs.",
        owner="Repairs manager",
        recorded_on=dt.date(2024, 6, 3),
        by=None,
    )
    assert heard == [("one", (complaint.reference, EventKind.LEARNING))]
    assert version_of(complaint) == before + 1


ROW = {
    "reference": "R-1",
    "received_date": "2024-05-01",
    "s1_acknowledged_date": "2024-05-03",
    "s1_responded_date": "2024-05-10",
    "s1_outcome": "upheld",
}


@pytest.mark.django_db
def test_an_import_is_heard_once_per_batch_and_tells_no_webhook_receiver(
    heard, django_capture_on_commit_callbacks
):
    landlord = factories.landlord()
    subscribe(landlord)
    with django_capture_on_commit_callbacks(execute=True):
        import_dicts(landlord, ROW, {**ROW, "reference": "R-2"})
    complaints = list(Complaint.objects.filter(landlord=landlord).order_by("id"))
    ids = [c.pk for c in complaints]
    assert heard == [("many", (EventKind.IMPORTED, ids))]
    assert [c.version for c in complaints] == [1, 1]

    heard.clear()
    with django_capture_on_commit_callbacks(execute=True):
        import_dicts(landlord, {**ROW, "s1_outcome": "not_upheld"}, {**ROW, "reference": "R-2"})
    assert heard == [("many", (EventKind.IMPORTED, [ids[0]]))]
    assert [version_of(c) for c in complaints] == [2, 1]
    assert Event.objects.filter(complaint=complaints[0], kind=EventKind.IMPORTED).count() == 2
    assert not WebhookEvent.objects.exists()


@pytest.mark.django_db
def test_a_batch_moves_each_version_on_once_and_dates_each_entry():
    landlord = factories.landlord()
    first = factories.complaint(landlord)
    second = factories.complaint(landlord)
    events_write_many(
        landlord=landlord,
        kind=EventKind.NOTE,
        entries=[
            TimelineEntry(first.pk, dt.date(2024, 4, 1), "One.", {"n": 1}),
            TimelineEntry(first.pk, dt.date(2024, 4, 2), "Two.", {"n": 2}),
            TimelineEntry(second.pk, dt.date(2024, 4, 3), "Three.", {}),
        ],
    )
    assert (version_of(first), version_of(second)) == (2, 2)
    notes = Event.objects.filter(kind=EventKind.NOTE).order_by("id")
    assert [(e.complaint_id, e.occurred_on, e.summary, e.detail, e.imported) for e in notes] == [
        (first.pk, dt.date(2024, 4, 1), "One.", {"n": 1}, False),
        (first.pk, dt.date(2024, 4, 2), "Two.", {"n": 2}, False),
        (second.pk, dt.date(2024, 4, 3), "Three.", {}, False),
    ]
    assert all(e.landlord_id == landlord.pk and e.recorded_at is not None for e in notes)


@pytest.mark.django_db
def test_a_batch_of_a_kind_that_is_a_webhook_event_reaches_subscribers(
    django_capture_on_commit_callbacks,
):
    """The API's receiver maps a batch's kind as it maps a single entry's: one event per
    complaint where the kind is a webhook event."""
    landlord = factories.landlord()
    logged = [factories.complaint(landlord), factories.complaint(landlord)]
    subscribe(landlord)
    with django_capture_on_commit_callbacks(execute=True):
        events_write_many(
            landlord=landlord,
            kind=EventKind.LOGGED,
            entries=[TimelineEntry(c.pk, c.received_on, "Logged.", {}) for c in logged],
            new_records=True,
        )
    told = sorted(
        (e.name, e.payload["reference"]) for e in WebhookEvent.objects.filter(landlord=landlord)
    )
    assert told == sorted(("complaint.logged", c.reference) for c in logged)
