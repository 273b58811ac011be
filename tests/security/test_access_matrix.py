"""The access matrix, tested whole (issues 14 and 15): every staff URL, every public URL,
every API operation and every command, for every role and key, with a record in every
relation to whoever asks, against the answers ``tests/security/matrix.py`` writes down.

The routes come from the URL patterns and the API's OpenAPI schema, and the commands from
Django's own list, so a new page, operation or command without a row fails here, naming
it and where to add it. One world is built for the module (two landlords, a contractor,
a person in each role, a record in each state and relation) and every cell is one
request with the test client; each test's own changes are rolled back after it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command, get_commands
from django.db import transaction
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from putright.api.keys import api_key_issue
from putright.api.main import api
from putright.complaints import services
from putright.complaints.models import Complaint
from putright.landlords.models import (
    ClosureDay,
    Contractor,
    Division,
    ExceptionalCircumstances,
    Landlord,
    Role,
    ServiceArea,
    StaffMembership,
)
from putright.landlords.services import group_add
from putright.learning.services import (
    case_review_open,
    case_review_record_meeting,
    learning_record_add,
)
from putright.letters import services as letters
from putright.letters.models import Letter
from putright.ombudsman import services as ombudsman
from putright.residents.models import ReasonableAdjustment, Representative, Resident
from putright.residents.services import adjustment_requests_record
from putright.rules.lifecycle import LetterOwed
from putright.selfassessment.services import assessment_start, spotlight_record
from putright.urls import landlord_urlconf
from tests.portal.support import access_for
from tests.security import matrix
from tests.security.matrix import (
    CONTRACTORS,
    GROUP_KEY,
    KEYS,
    LET_IN,
    MOVED,
    NO_KEY,
    NO_RECORD,
    OK,
    OTHER,
    OWN,
    READ_KEY,
    RELATIONS,
    SIGN_IN,
    SIGNED_OUT,
    STAFF,
    UNALLOCATED,
    WRITE_KEY,
)

MATRIX_FILE = "tests/security/matrix.py"
#: The URL namespaces of the staff workspace, all under /staff/.
STAFF_PREFIX = "staff/"
RECEIVED = dt.date(2026, 11, 23)  # a Monday, two weeks before the tests' today
ROLES = {
    matrix.OFFICER: Role.OFFICER,
    matrix.SENIOR: Role.SENIOR_HANDLER,
    matrix.HANDLER: Role.HANDLER,
    matrix.CONTRACTOR: Role.CONTRACTOR_HANDLER,
    matrix.VIEWER: Role.VIEWER,
    matrix.ADMINISTRATOR: Role.ADMINISTRATOR,
}


# The routes -------------------------------------------------------------------------------


def staff_url_names() -> dict[str, str]:
    """Every named URL under /staff/, by its namespaced name, with its route."""
    found: dict[str, str] = {}

    def walk(patterns: list[Any], namespace: str, prefix: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
                walk(p.url_patterns, ns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                route = prefix + str(p.pattern)
                if route.startswith(STAFF_PREFIX):
                    assert p.name, f"/{route} has no name: give it one and a row in {MATRIX_FILE}"
                    found[namespace + p.name] = route

    walk(get_resolver().url_patterns, "", "")
    return found


def api_operations() -> dict[tuple[str, str], dict[str, Any]]:
    """Every operation in the API's OpenAPI schema, by method and path."""
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    return {
        (method.upper(), path): operation
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
    }


def putright_commands() -> set[str]:
    return {name for name, app in get_commands().items() if app.startswith("putright.")}


def test_every_staff_url_has_a_row():
    urls = staff_url_names()
    missing = sorted(set(urls) - set(matrix.URLS))
    stale = sorted(set(matrix.URLS) - set(urls))
    assert not missing, (
        "These staff URLs have no row in the access matrix: "
        + "; ".join(f"{name} (/{urls[name]})" for name in missing)
        + f". Add each to URLS in {MATRIX_FILE}, saying who may use it (docs/security.md, "
        "'Access matrix')."
    )
    assert not stale, f"URLS in {MATRIX_FILE} names URLs that no longer exist: {stale}"


def test_every_api_operation_has_a_row():
    operations = api_operations()
    missing = sorted(set(operations) - set(matrix.OPERATIONS))
    stale = sorted(set(matrix.OPERATIONS) - set(operations))
    assert not missing, (
        "These API operations have no row in the access matrix: "
        + "; ".join(f"{m} {p}" for m, p in missing)
        + f". Add each to OPERATIONS in {MATRIX_FILE} with the smallest body the schema "
        "accepts (docs/security.md, 'Access matrix')."
    )
    assert not stale, f"OPERATIONS in {MATRIX_FILE} names operations that no longer exist: {stale}"


def test_every_command_has_a_row():
    commands = putright_commands()
    missing = sorted(commands - set(matrix.COMMANDS))
    stale = sorted(set(matrix.COMMANDS) - commands)
    assert not missing, (
        f"These putright commands have no row in the access matrix: {missing}. Add each to "
        f"COMMANDS in {MATRIX_FILE}: what it does with personal data and, if it acts for "
        "one landlord, the arguments that name it."
    )
    assert not stale, f"COMMANDS in {MATRIX_FILE} names commands that no longer exist: {stale}"


def _path_value(row: matrix.Operation, name: str) -> str:
    """What fills a path parameter: a key of RECORDS, or after ``=`` the value itself."""
    return row.records.get(name) or matrix.PATH_RECORDS[name]


def _api_url(path: str, row: matrix.Operation, records: dict) -> str:
    url = path
    for name in _path_parameters(path):
        value = _path_value(row, name)
        filled = value[1:] if value.startswith("=") else str(records[value])
        url = url.replace(f"{{{name}}}", filled)
    return url


def test_the_api_table_names_every_path_parameter():
    for (method, path), row in matrix.OPERATIONS.items():
        for name in _path_parameters(path):
            record = row.records.get(name) or matrix.PATH_RECORDS.get(name)
            if record is not None and record.startswith("="):
                continue  # a value, not a record (a year)
            assert record in matrix.RECORDS, (
                f"{method} {path}: say which record {{{name}}} names (PATH_RECORDS or the "
                f"row's records, in {MATRIX_FILE})"
            )


# The world --------------------------------------------------------------------------------


@dataclass
class World:
    """Two landlords, a person in each role, and every record in every relation."""

    landlord: Landlord
    staff: dict[str, Client]
    keys: dict[str, Client]
    records: dict[str, dict[str, Any]] = field(default_factory=dict)


def _user(landlord: Landlord, role: str, name: str, contractor: Contractor | None = None) -> User:
    user = User.objects.create_user(username=name, password="a-long-test-password")
    StaffMembership.objects.create(user=user, landlord=landlord, role=role, contractor=contractor)
    return user


def _complaint(
    landlord: Landlord,
    *,
    handler: User | None,
    contractor: Contractor | None,
    resident: Resident,
    kind: str = "complaint",
    description: str = "The boiler repair was not done and nobody called back.",
) -> Complaint:
    return services.complaint_log(
        landlord=landlord,
        received_on=RECEIVED,
        channel="phone",
        description=description,
        kind=kind,
        resident=resident,
        contractor=contractor,
        by=None,
    )


def _acknowledged(landlord: Landlord, handler: User | None, **kw: Any) -> Complaint:
    c = _complaint(landlord, handler=handler, **kw)
    services.complaint_triage(complaint=c, decision="complaint", by=None, on=RECEIVED)
    services.complaint_define(
        complaint=c,
        points=["The boiler repair was not done"],
        outcomes_sought="Fix the boiler",
        by=None,
        on=RECEIVED,
    )
    if handler is not None:
        services.complaint_allocate(complaint=c, handler=handler, by=None, on=RECEIVED)
    services.complaint_acknowledge(complaint=c, by=None, on=RECEIVED)
    return Complaint.objects.get(pk=c.pk)


def _decided(landlord: Landlord, handler: User | None, **kw: Any) -> Complaint:
    c = _acknowledged(landlord, handler, **kw)
    services.complaint_respond(
        complaint=c,
        outcome="upheld",
        reasons="The repair took too long.",
        point_outcomes=["upheld"],
        remedies=[
            services.RemedyInput(
                kind="financial",
                description="Compensation",
                due_on=dt.date(2026, 12, 30),
                amount=Decimal("75.00"),
                compensation_reason="time_trouble",
            )
        ],
        actions=[
            services.ActionInput(
                description="Service the boiler", owner="Repairs", due_on=dt.date(2027, 1, 15)
            )
        ],
        by=None,
        on=dt.date(2026, 11, 30),
    )
    return Complaint.objects.get(pk=c.pk)


def _records(
    landlord: Landlord,
    handler: User | None,
    contractor: Contractor | None,
    colleague: User,
    number: int,
) -> dict[str, Any]:
    """Every record the matrix names, handled by ``handler`` for ``contractor``."""
    resident = Resident.objects.create(
        landlord=landlord, name=f"Resident {number}", tenure="tenant", email="r@example.org"
    )
    adjustment = ReasonableAdjustment.objects.create(
        resident=resident,
        kind="large_print",
        agreed_on=dt.date(2026, 1, 5),
        review_due_on=dt.date(2026, 12, 14),
    )
    representative = Representative.objects.create(
        resident=resident, name=f"Friend {number}", kind="family"
    )
    kw: dict[str, Any] = {"contractor": contractor, "resident": resident}
    received = _complaint(landlord, handler=None, **kw)
    triaged = _complaint(landlord, handler=None, **kw)
    services.complaint_triage(complaint=triaged, decision="complaint", by=None, on=RECEIVED)
    if handler is not None:
        services.complaint_allocate(complaint=triaged, handler=handler, by=None, on=RECEIVED)
    acknowledged = _acknowledged(landlord, handler, **kw)
    draft = letters.letter_draft(complaint=acknowledged, kind="acknowledgement_stage1")
    letter = letters.letter_issue(
        complaint=acknowledged,
        kind="acknowledgement_stage1",
        subject=draft.subject,
        body_text=draft.body_text,
        delivery="email",
        by=None,
        formats_met={"large_print": "Printed in 18 point."},
        on=RECEIVED,
    )
    attachment = services.complaint_attach(
        complaint=acknowledged,
        filename="photo.txt",
        content=b"the boiler",
        content_type="text/plain",
        by=None,
    )
    (asked,) = adjustment_requests_record(
        complaint=acknowledged,
        wanted=[("large_print", "")],
        requested_by="resident",
        on=RECEIVED,
        by=None,
    )
    decided = _decided(landlord, handler, **kw)
    responded = _decided(landlord, handler, **kw)
    services.complaint_letter_sent(
        complaint=responded,
        stage_number=1,
        completes=LetterOwed.RESPONSE,
        letter="Stage 1 response",
        delivery="post",
        sent_to="1 High Street",
        subject="Our response to your complaint",
        on=dt.date(2026, 11, 30),
        by=None,
    )
    escalated = _decided(landlord, handler, **kw)
    services.complaint_letter_sent(
        complaint=escalated,
        stage_number=1,
        completes=LetterOwed.RESPONSE,
        letter="Stage 1 response",
        delivery="post",
        sent_to="1 High Street",
        subject="Our response to your complaint",
        on=dt.date(2026, 11, 30),
        by=None,
    )
    services.complaint_request_escalation(
        complaint=escalated, requested_on=dt.date(2026, 12, 1), by=None
    )
    service_request = _complaint(landlord, handler=None, kind="service_request", **kw)
    member_enquiry = _complaint(landlord, handler=None, kind="member_enquiry", **kw)
    case = ombudsman.ombudsman_case_open(
        landlord=landlord,
        reference=f"20269{number:04d}",
        opened_on=dt.date(2026, 12, 1),
        complaint=responded,
        by=None,
    )
    contact = ombudsman.contact_record(
        case=case,
        kind="enquiry",
        received_on=dt.date(2026, 12, 1),
        deadline=dt.date(2026, 12, 15),
        by=None,
    )
    reply = ombudsman.contact_reply(
        contact=contact,
        sent_on=dt.date(2026, 12, 2),
        summary="Our reply.",
        answers_in_full=False,
        upload=ombudsman.UploadedFile("reply.txt", b"our reply", "text/plain"),
        by=None,
    )
    determination = ombudsman.determination_record(
        case=case,
        determined_on=dt.date(2026, 12, 3),
        findings=[ombudsman.FindingInput("The repair", "maladministration")],
        by=None,
    )
    order = ombudsman.order_add(
        determination=determination,
        kind="apology",
        description="Apologise.",
        due_on=dt.date(2027, 1, 4),
        owner="Head of Housing",
        by=None,
    )
    order = ombudsman.order_record_progress(
        order=order,
        status="in_progress",
        upload=ombudsman.UploadedFile("evidence.txt", b"the apology", "text/plain"),
        evidence="Letter drafted.",
        by=None,
    )
    # Awaab's Law clocks on the responded complaint (issue 17, item 8).
    services.hazard_record_awareness(
        complaint=responded,
        hazard_class="damp_mould",
        description="Mould in the bedroom",
        aware_at=dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC),
        repairs_told_at=dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC),
        by=None,
    )
    stage = responded.stage(1)
    return {
        "received": received.reference,
        "triaged": triaged.reference,
        "acknowledged": acknowledged.reference,
        "decided": decided.reference,
        "responded": responded.reference,
        "escalated": escalated.reference,
        "service_request": service_request.reference,
        "member_enquiry": member_enquiry.reference,
        "event": acknowledged.events.order_by("pk").first().pk,  # type: ignore[union-attr]
        "attachment": attachment.pk,
        "letter": letter.pk,
        "adjustment_request": asked.pk,
        "action": stage.actions.get().pk,
        "remedy": stage.remedies.get().pk,
        "resident": resident.pk,
        "adjustment": adjustment.pk,
        "representative": representative.pk,
        "colleague": colleague.pk,
        "ombudsman_case": case.pk,
        "ombudsman_contact": contact.pk,
        "ombudsman_reply": reply.pk,
        "determination": determination.pk,
        "order": order.pk,
        "failure_order": ombudsman.failure_order_record(
            landlord=landlord,
            issued_on=dt.date(2026, 12, 2),
            kind="type_2",
            what_failed="We did not send the file.",
            by=None,
        ).pk,
        "case_review": case_review_record_meeting(
            review=case_review_open(
                landlord=landlord,
                complaints=[responded],
                reason="Repeat repairs.",
                selected_on=dt.date(2026, 12, 2),
                by=None,
            ),
            meeting_on=dt.date(2026, 12, 4),
            findings="Repairs were booked late.",
            by=None,
        ).pk,
        "notice": ExceptionalCircumstances.objects.create(
            landlord=landlord,
            what_happened="A cyber incident.",
            started_on=dt.date(2026, 12, 1),
            back_to_compliance="By January.",
        ).pk,
        "learning_record": learning_record_add(
            landlord=landlord,
            complaint=responded,
            what_went_wrong="Slow repair.",
            learning="Book repairs at once.",
            improvement="Same-day booking.",
            owner="Repairs",
            by=None,
        ).pk,
        "self_assessment": assessment_start(landlord=landlord, year=2026 - number, by=None).pk,
        "spotlight": spotlight_record(
            landlord=landlord,
            title=f"Spotlight {number}",
            published_on=dt.date(2026, 1, 1),
            recommendations="Keep records.\nTrain staff.",
            by=None,
        ).pk,
        "service_area": ServiceArea.objects.create(landlord=landlord, name=f"Area {number}").pk,
        "division": Division.objects.create(landlord=landlord, name=f"Division {number}").pk,
        "contractor": Contractor.objects.create(
            landlord=landlord, name=f"Settings contractor {number}"
        ).pk,
        "closure_day": ClosureDay.objects.create(
            landlord=landlord, date=dt.date(2027, 1, 4) + dt.timedelta(days=number)
        ).pk,
    }


def _build() -> World:
    landlord = Landlord.objects.create(
        name="Matrix Homes",
        phone="01632 960 001",
        email="complaints@matrix.example.org",
        address="1 Quay Street\nExampleton",
    )
    other = Landlord.objects.create(
        name="Other Homes",
        reference_prefix="OT",
        phone="01632 960 002",
        email="complaints@other.example.org",
        address="2 Quay Street\nExampleton",
    )
    kestrel = Contractor.objects.create(landlord=landlord, name="Kestrel Property Services")
    people = {
        who: _user(landlord, role, who.replace(" ", "_").replace("'", ""))
        for who, role in ROLES.items()
        if role != Role.CONTRACTOR_HANDLER
    }
    people[matrix.CONTRACTOR] = _user(
        landlord, Role.CONTRACTOR_HANDLER, "contractors_handler", kestrel
    )
    staff = {SIGNED_OUT: Client()}
    for who, user in people.items():
        staff[who] = Client()
        staff[who].force_login(user)
    keys = {
        NO_KEY: Client(),
        READ_KEY: Client(
            headers={
                "Authorization": "Bearer "
                + api_key_issue(landlord=landlord, name="Reader", can_write=False).secret
            }
        ),
        WRITE_KEY: Client(
            headers={
                "Authorization": "Bearer "
                + api_key_issue(landlord=landlord, name="Writer", can_write=True).secret
            }
        ),
    }
    group = group_add(name="Matrix Group", landlords=[landlord], by=None)
    keys[GROUP_KEY] = Client(
        headers={
            "Authorization": "Bearer "
            + api_key_issue(landlord=landlord, name="Group", can_write=False, group=group).secret
        }
    )
    world = World(landlord=landlord, staff=staff, keys=keys)
    world.records[OWN] = _records(
        landlord, people[matrix.HANDLER], None, _user(landlord, Role.HANDLER, "colleague1"), 1
    )
    world.records[CONTRACTORS] = _records(
        landlord,
        people[matrix.CONTRACTOR],
        kestrel,
        _user(landlord, Role.CONTRACTOR_HANDLER, "colleague2", kestrel),
        2,
    )
    colleague = _user(landlord, Role.SENIOR_HANDLER, "colleague3")
    world.records[UNALLOCATED] = _records(landlord, colleague, None, colleague, 3)
    world.records[OTHER] = _records(
        other,
        _user(other, Role.HANDLER, "other_handler"),
        None,
        _user(other, Role.OFFICER, "other_officer"),
        4,
    )
    return world


@pytest.fixture(autouse=True)
def _data_dir():
    """The module's files live as long as its world (replacing the conftest's per-test
    directory, which would lose them)."""


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[World]:
    files = tmp_path_factory.mktemp("matrix-files")
    with (
        override_settings(
            STORAGES={
                "default": {
                    "BACKEND": "django.core.files.storage.FileSystemStorage",
                    "OPTIONS": {"location": str(files)},
                },
                "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
            },
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
        ),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield _build()
        transaction.set_rollback(True)


# Asking -----------------------------------------------------------------------------------


def _answer(response: HttpResponse) -> str:
    if response.status_code in (301, 302, 303):
        return SIGN_IN if response["Location"].startswith("/staff/sign-in/") else MOVED
    if 200 <= response.status_code < 300:
        return OK
    return str(response.status_code)


def _value(spec: str, records: dict[str, Any]) -> Any:
    return spec[1:] if spec.startswith("=") else records[spec]


def _mismatches(cells: list[tuple[str, str, str, str, str]]) -> str:
    width = max(len(who) for _, who, *_ in cells)
    return "\n".join(
        f"  {who:<{width}}  {relation:<24} expected {expected:<14} got {got}  ({url})"
        for url, who, relation, expected, got in cells
    )


@pytest.mark.parametrize("name", sorted(matrix.URLS))
def test_staff_url(world, db, name):
    row = matrix.URLS[name]
    relations = RELATIONS if row.names_a_record else (NO_RECORD,)
    wrong = []
    for relation in relations:
        records = world.records.get(relation, {})
        url = reverse(name, kwargs={k: _value(v, records) for k, v in row.kwargs.items()})
        if row.query:
            url += "?" + row.query
        for who in STAFF:
            client = world.staff[who]
            response = client.post(url) if row.method == "POST" else client.get(url)
            expected = row.answer(who, relation)
            got = _answer(response)
            if got != expected:
                wrong.append((url, who, relation, expected, got))
    assert not wrong, f"{name}: answers not as {MATRIX_FILE} says:\n{_mismatches(wrong)}"


def _path_parameters(path: str) -> list[str]:
    return [part[1:-1] for part in path.split("/") if part.startswith("{")]


@pytest.mark.parametrize("operation", sorted(matrix.OPERATIONS), ids=lambda o: f"{o[0]} {o[1]}")
def test_api_operation(world, db, operation):
    method, path = operation
    row = matrix.OPERATIONS[operation]
    parameters = _path_parameters(path)
    names_a_record = any(not _path_value(row, name).startswith("=") for name in parameters)
    relations = RELATIONS if names_a_record else (NO_RECORD,)
    wrong = []
    for relation in relations:
        records = world.records.get(relation, {})
        url = _api_url(path, row, records)
        if row.query:
            url += "?" + row.query
        for who in KEYS:
            client = world.keys[who]
            if method == "GET":
                response = client.get(url)
            elif row.multipart:
                response = client.post(
                    url,
                    {"file": SimpleUploadedFile("a.txt", b"hello", content_type="text/plain")},
                    headers={"If-Match": '"0"'},
                )
            else:
                response = client.post(
                    url,
                    dict(row.body or {}),
                    content_type="application/json",
                    headers={"If-Match": '"0"'},
                )
            expected = row.answer(who, relation)
            status = response.status_code
            if expected == LET_IN:
                got = LET_IN if status not in (401, 403, 404) and status < 500 else str(status)
            else:
                got = OK if status == 200 else str(status)
            if got != expected:
                detail = response.content.decode()[:200]
                wrong.append((f"{method} {url}: {detail}", who, relation, expected, got))
    assert not wrong, f"{method} {path}: answers not as {MATRIX_FILE} says:\n{_mismatches(wrong)}"


def test_a_read_key_is_refused_every_write_whatever_it_sends(world, db):
    """Refused before its body is read: an empty body, which the schema would refuse with
    422, still gets 403, so a read key learns nothing from a write."""
    wrong = []
    for (method, path), row in matrix.OPERATIONS.items():
        if method != "POST":
            continue
        records = world.records[OWN]
        url = _api_url(path, row, records)
        response = world.keys[READ_KEY].post(url, {}, content_type="application/json")
        if response.status_code != 403 or response.json()["code"] != "read_only_key":
            wrong.append(f"{url}: {response.status_code} {response.content.decode()[:120]}")
    assert not wrong, "A read key was not refused at once:\n" + "\n".join(wrong)


@pytest.mark.parametrize("name", sorted(matrix.SERVICE_URLS))
def test_service_url(world, db, name):
    wrong = []
    url = reverse(name)
    for case, expected in matrix.SERVICE_URLS[name].items():
        with override_settings(**matrix.SERVICE_SETTINGS[case]):
            for who in STAFF:
                got = _answer(world.staff[who].get(url))
                if got != expected:
                    wrong.append((url, who, case, expected, got))
    assert not wrong, f"{name}: answers not as {MATRIX_FILE} says:\n{_mismatches(wrong)}"


# The public pages -------------------------------------------------------------------------

#: Routes that are not a landlord's public pages.
NOT_PUBLIC = ("staff/", "api/", "admin/", "healthz", "metrics")


def public_url_names() -> dict[str, str]:
    """Every named URL of a landlord's public pages, by its namespaced name, with its route."""
    found: dict[str, str] = {}

    def walk(patterns: list[Any], namespace: str, prefix: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
                walk(p.url_patterns, ns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                route = prefix + str(p.pattern)
                if not route.startswith(NOT_PUBLIC):
                    assert p.name, f"/{route} has no name: give it one and a row in {MATRIX_FILE}"
                    found[namespace + p.name] = route

    walk(get_resolver().url_patterns, "", "")
    return found


def test_every_public_url_has_a_row():
    urls = public_url_names()
    missing = sorted(set(urls) - set(matrix.PUBLIC_URLS))
    stale = sorted(set(matrix.PUBLIC_URLS) - set(urls))
    assert not missing, (
        "These public URLs have no row in the access matrix: "
        + "; ".join(f"{name} (/{urls[name]})" for name in missing)
        + f". Add each to PUBLIC_URLS in {MATRIX_FILE}."
    )
    assert not stale, f"PUBLIC_URLS in {MATRIX_FILE} names URLs that no longer exist: {stale}"


def _public_kwargs(row: matrix.PublicUrl, theirs: Complaint, token: str) -> dict[str, Any]:
    """The other landlord's private link and letter, or the value after ``=``."""
    kwargs: dict[str, Any] = {}
    for name, spec in row.kwargs.items():
        if spec == "token":
            kwargs[name] = token
        elif spec == "letter":
            kwargs[name] = Letter.objects.filter(complaint=theirs).values_list("pk", flat=True)[0]
        else:
            kwargs[name] = spec[1:]
    return kwargs


@pytest.mark.parametrize("name", sorted(matrix.PUBLIC_URLS))
def test_public_url(world, db, name):
    row = matrix.PUBLIC_URLS[name]
    theirs = Complaint.objects.get(reference=world.records[OTHER]["acknowledged"])
    following_theirs = Client()
    _, token = access_for(theirs)
    followed = following_theirs.get(f"/l/{theirs.landlord.slug}/track/link/{token}/")
    assert followed.status_code == 302 and followed["Location"].endswith("/track/complaint/")
    kwargs = _public_kwargs(row, theirs, token)
    at_slug = reverse(name, kwargs=kwargs, urlconf=landlord_urlconf(world.landlord.slug))
    at_root = reverse(name, kwargs=kwargs)
    asked = [
        (at_slug, "a new visitor", Client(), row.at_slug),
        (at_slug, "following the other landlord's complaint", following_theirs, row.at_slug),
        (at_root, "at the root", Client(), row.at_root),
    ]
    wrong = []
    for url, who, client, expected in asked:
        response = client.post(url) if row.method == "POST" else client.get(url)
        got = _answer(response)
        if got == MOVED and name.startswith("track:") and expected == MOVED:
            # Wherever it sends the resident, it is never to the other landlord's complaint.
            assert not response["Location"].startswith(f"/l/{theirs.landlord.slug}/track/c")
        if got != expected:
            wrong.append((url, who, "signed out", expected, got))
    assert not wrong, f"{name}: answers not as {MATRIX_FILE} says:\n{_mismatches(wrong)}"


# The commands -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", sorted(n for n, c in matrix.COMMANDS.items() if c.unknown_landlord is not None)
)
def test_a_command_for_one_landlord_refuses_one_that_does_not_exist(
    world, db, name, tmp_path, capsys
):
    csv = tmp_path / "register.csv"
    csv.write_text("reference\n", encoding="utf-8")
    out = tmp_path / "out.file"
    argv = [
        a.format(landlord="No Such Landlord", out=out, csv=csv)
        for a in matrix.COMMANDS[name].unknown_landlord or ()
    ]
    with pytest.raises((CommandError, SystemExit)) as refused:
        call_command(name, *argv)
    said = str(refused.value) + capsys.readouterr().err
    if isinstance(refused.value, SystemExit):
        assert refused.value.code == 1, said
    assert "No Such Landlord" in said
    assert not out.exists()


def test_every_command_says_what_it_does_with_personal_data():
    for name, row in matrix.COMMANDS.items():
        assert row.personal_data in (matrix.READS, matrix.WRITES, matrix.NONE), name
