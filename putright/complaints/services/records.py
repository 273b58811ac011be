"""Service requests and member enquiries as work (issue 17, item 3): each has an owner on
the landlord's staff, a target date in the landlord's working days (``putright.rules.
records``), a member and the resident it is about (a member enquiry), and a response: the
date it was answered and what was said, which resolves it."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from putright.complaints.models import Complaint, EventKind
from putright.complaints.services._common import (
    User,
    change_record,
    command_date,
    command_open,
    raise_if,
)
from putright.landlords.models import Landlord
from putright.landlords.selectors import allocatable
from putright.rules import records
from putright.rules.codes import Kind, MemberRole
from putright.rules.lifecycle import Command, RuleError, State


def record_target_on(landlord: Landlord, kind: str, received_on: dt.date) -> dt.date | None:
    """The target date of a record of ``kind`` received on ``received_on``: the landlord's
    target in its working days for a service request or member enquiry, None for a
    complaint (the Code's timescales govern it)."""
    days = landlord.target_days(kind)
    if days is None:
        return None
    return records.record_target(landlord.calendar(), received_on, days)


def owner_problem(landlord: Landlord, owner: User | None) -> str | None:
    """Why ``owner`` cannot own a record of ``landlord``'s, or None: an owner is one of the
    landlord's staff who handle complaints and can sign in."""
    if owner is None or allocatable(landlord).filter(user_id=owner.pk).exists():
        return None
    return "Choose someone on your staff who handles complaints."


def member_problems(kind: str, member_name: str, member_role: str) -> dict[str, str]:
    """A member enquiry names the councillor or MP who made it; other records have none."""
    problems: dict[str, str] = {}
    if kind != Kind.MEMBER_ENQUIRY:
        if member_name.strip() or member_role:
            problems["member_name"] = "Only a member enquiry records a councillor or MP."
        return problems
    if member_role and member_role not in MemberRole.values():
        problems["member_role"] = "Choose whether the member is a councillor or an MP."
    if len(member_name) > 200:
        problems["member_name"] = "The member's name must be 200 characters or fewer."
    return problems


def _require_record(record: Complaint) -> None:
    if not records.has_target(record.kind):
        raise RuleError(
            "Only a service request or member enquiry has an owner and a response of its own.",
            code="not_allowed_now",
        )


@transaction.atomic
def record_owner_set(*, record: Complaint, owner: User | None, by: User | None) -> Complaint:
    """Give a service request or member enquiry to a member of staff to own (or to nobody),
    while it is open."""
    record = command_open(record, by, Command.RESOLVE)
    _require_record(record)
    problem = owner_problem(record.landlord, owner)
    raise_if({"owner": problem} if problem else {})
    if record.owner_id == (owner.pk if owner is not None else None):
        return record
    record.owner = owner
    name = (owner.get_full_name() or owner.get_username()) if owner is not None else ""
    change_record(
        record,
        EventKind.OWNER_SET,
        f"Owned by {name}." if owner is not None else "No longer owned by anyone.",
        on=command_date(None),
        by=by,
        detail={"owner": owner.pk if owner is not None else None},
        changed=("owner",),
    )
    return record


@transaction.atomic
def record_member_set(
    *, record: Complaint, member_name: str, member_role: str, by: User | None
) -> Complaint:
    """Record the councillor or MP who made a member enquiry. The resident it is about is
    the record's resident."""
    record = command_open(record, by)
    member_name = " ".join(member_name.split())
    problems = member_problems(record.kind, member_name, member_role)
    if record.kind == Kind.MEMBER_ENQUIRY and not member_name:
        problems.setdefault("member_name", "Enter the councillor's or MP's name.")
    if record.kind == Kind.MEMBER_ENQUIRY and not member_role:
        problems.setdefault("member_role", "Choose whether the member is a councillor or an MP.")
    raise_if(problems)
    record.member_name = member_name
    record.member_role = member_role
    change_record(
        record,
        EventKind.MEMBER_SET,
        f"Enquiry made by {MemberRole(member_role).label} {member_name}.",
        on=command_date(None),
        by=by,
        detail={"member_name": member_name, "member_role": member_role},
        changed=("member_name", "member_role"),
    )
    return record


@transaction.atomic
def record_respond(
    *, record: Complaint, response: str, by: User | None, on: dt.date | None = None
) -> Complaint:
    """Record the response to a service request or member enquiry: the date it was answered
    (today unless given, not before it was received) and what was said. The response
    resolves it; whether it was within target is counted by ``putright.rules.records``."""
    record = command_open(record, by, Command.RESOLVE)
    on = command_date(on, earliest=record.received_on, what="the date it was received")
    response = response.strip()
    if not response:
        raise RuleError({"response": "Say what the response said."})
    record.state = State.RESOLVED
    record.responded_on = on
    record.response = response
    within = records.responded_within_target(on, record.target_on)
    change_record(
        record,
        EventKind.RESOLVED,
        f"Resolved: {response}",
        on=on,
        by=by,
        detail={
            "responded_on": on.isoformat(),
            "target_on": record.target_on.isoformat() if record.target_on else None,
            "within_target": within,
        },
        changed=("state", "responded_on", "response"),
    )
    return record
