"""Reads about a landlord's staff for allocating work (issue 12, item 6): the people work
can be given to, and whether each is away.

An API key acts through a user of its own (``StaffMembership.service_user``): it is an
integration, not a person, so it is never offered work nor counted in a workload.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet

from putright.landlords.models import (
    Contractor,
    ExceptionalCircumstances,
    Landlord,
    StaffMembership,
    SubCause,
)
from putright.rules.allocation import STAGE1_HANDLER_ROLES, Organisation, Person
from putright.rules.counting import financial_year_label, financial_year_of


def people(landlord: Landlord) -> QuerySet[StaffMembership]:
    """The landlord's staff who are people (not an API key's own user) and may still sign
    in: every list of colleagues starts here."""
    return StaffMembership.objects.filter(
        landlord=landlord, service_user=False, active=True, user__is_active=True
    )


def allocatable(landlord: Landlord) -> QuerySet[StaffMembership]:
    """The people who can be given a stage to handle: those whose role handles complaints
    (``putright.rules.allocation``). A viewer reads; an administrator keeps the system."""
    return people(landlord).filter(role__in=STAGE1_HANDLER_ROLES)


def organisation(contractor: Contractor | None) -> Organisation | None:
    """A contractor as the allocation rules know it; None for the landlord itself."""
    return Organisation(contractor.pk, contractor.name) if contractor is not None else None


def staff_person(user: AbstractBaseUser, landlord_id: int) -> Person:
    """``user`` as the allocation rules know them at this landlord (Code 6.13): their name,
    role and contractor there, whether they are an API key's own user, and whether they
    can still sign in. Someone who does not work for the landlord has no role."""
    name = _name(user)
    membership = (
        StaffMembership.objects.filter(user_id=user.pk, landlord_id=landlord_id)
        .select_related("contractor")
        .first()
    )
    if membership is None:
        return Person(id=user.pk, name=name)
    return Person(
        id=user.pk,
        name=name,
        role=membership.role,
        role_label=membership.get_role_display(),
        contractor=organisation(membership.contractor),
        service_user=membership.service_user,
        can_sign_in=user.is_active and membership.active,
    )


def _name(user: AbstractBaseUser) -> str:
    full = getattr(user, "get_full_name", lambda: "")()
    return str(full).strip() or user.get_username()


def away_on(membership: StaffMembership, day: dt.date) -> bool:
    """Whether the person is away on ``day`` (from the first day away to the last, or
    without end while the last is not known)."""
    if membership.away_from is None or membership.away_from > day:
        return False
    return membership.away_until is None or membership.away_until >= day


def away_words(membership: StaffMembership, today: dt.date) -> str:
    """What an allocation list says after the person's name: "away until 14 December"
    while they are away, "away from 21 December until 4 January" when it is planned,
    "" otherwise (or once it is over)."""
    start, end = membership.away_from, membership.away_until
    if start is None or (end is not None and end < today):
        return ""

    def day(d: dt.date) -> str:
        return f"{d:%-d %B}" if d.year == today.year else f"{d:%-d %B %Y}"

    if start <= today:
        return f"away until {day(end)}" if end else "away, return date not known"
    return f"away from {day(start)} until {day(end)}" if end else f"away from {day(start)}"


def with_away(label: str, membership: StaffMembership, today: dt.date) -> str:
    """A person's label in an allocation list, with "(away until 14 December)" after it
    when they are or will be away."""
    words = away_words(membership, today)
    return f"{label} ({words})" if words else label


def sub_causes_offered(landlord_id: int, *, keep: str = "") -> list[tuple[str, str, str]]:
    """The landlord's sub-causes a form offers, as (root cause, code, label) in the list's
    order: those in use, and ``keep`` (the record's own) even if it has been retired."""
    wanted = Q(active=True) | Q(code=keep) if keep else Q(active=True)
    return [
        (cause, code, label)
        for cause, code, label in SubCause.objects.filter(wanted, landlord_id=landlord_id)
        .order_by("root_cause", "position", "label")
        .values_list("root_cause", "code", "label")
    ]


# A new landlord's first hour (issue 15) ------------------------------------------------


@dataclass(frozen=True, slots=True)
class SetUpStep:
    """One thing a new landlord sets up: ``key`` names it (the staff pages link each to
    its settings page), ``done`` says whether it has been, ``status`` how it stands."""

    key: str
    title: str
    hint: str
    done: bool
    status: str


def set_up_steps(landlord: Landlord, on: dt.date) -> list[SetUpStep]:
    """What a new landlord sets up before its first complaint, and whether each is done:
    its contact details (printed on every letter), service areas, staff who handle
    complaints, homes at the end of this financial year or the last (CH01), and its
    complaints so far (a register imported, or complaints logged here)."""
    from putright.landlords.models import SettingsChange

    year = financial_year_of(on)
    homes = landlord.homes.filter(year__in=[year, year - 1]).order_by("-year").first()
    areas = landlord.service_areas.count()
    handlers = allocatable(landlord).count()
    contact = bool(landlord.address.strip()) and bool(landlord.phone or landlord.email)
    imported = SettingsChange.objects.filter(
        landlord=landlord, section=SettingsChange.Section.REGISTER
    ).exists()
    logged = landlord.complaints.exists()  # type: ignore[attr-defined]
    return [
        SetUpStep(
            "contact",
            "Contact details",
            "The address, phone number and email printed on every letter and shown on every page.",
            contact,
            "Done" if contact else "Add an address, and a phone number or email",
        ),
        SetUpStep(
            "service_areas",
            "Service areas",
            "The parts of the service complaints are about, such as Repairs.",
            areas > 0,
            f"{areas} service area{'s' if areas != 1 else ''}" if areas else "None yet",
        ),
        SetUpStep(
            "staff",
            "Staff",
            "The people who handle complaints, each with their role.",
            handlers > 0,
            f"{handlers} can handle complaints" if handlers else "Nobody can handle complaints yet",
        ),
        SetUpStep(
            "homes",
            "Homes",
            "The homes owned at the end of each financial year, for the number of complaints "
            "per 1,000 homes.",
            homes is not None,
            f"{homes.total:,} homes at the end of {financial_year_label(homes.year)}"
            if homes is not None
            else f"Not entered for {financial_year_label(year)}",
        ),
        SetUpStep(
            "register",
            "Complaints register",
            "The complaints kept so far in a spreadsheet, imported as a CSV file.",
            imported or logged,
            "Imported" if imported else ("Complaints logged" if logged else "Not imported"),
        ),
    ]


def exceptional_circumstances_in_force(landlord: Landlord) -> ExceptionalCircumstances | None:
    """Code 8.5: the landlord's latest notice of exceptional circumstances not yet withdrawn,
    which its public pages show; None when there is none."""
    return (
        ExceptionalCircumstances.objects.filter(landlord=landlord, withdrawn_on__isnull=True)
        .order_by("-started_on", "-id")
        .first()
    )


def exceptional_circumstances_since(
    landlord: Landlord, first: dt.date
) -> list[ExceptionalCircumstances]:
    """Code 8.5: the landlord's notices in force on ``first`` or after (not withdrawn
    before it), oldest first, in one query: those that may explain a delay since then."""
    return list(
        ExceptionalCircumstances.objects.filter(landlord=landlord)
        .filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=first))
        .order_by("started_on", "id")
    )
