"""Writes about a landlord and its staff: who is away (issue 12, item 6), the homes it
owned at the end of a year, with their property types (issue 13, item 10), its own code
lists: the root-cause sub-causes a new landlord starts with (issue 13, item 5), and its
settings (issue 15), each change on the settings audit log.

A person says they are away themselves, or a complaints officer or an administrator says
it for them (someone off sick does not sign in to say so). Allocation lists then show it
("away until 14 December"); nothing is moved by itself: reassigning their cases is the
team's decision, made on the work queue.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.db.models import Model, Q, QuerySet
from django.utils.translation import get_language_info

from putright.landlords.invitations import invitation_tokens, invite_days
from putright.landlords.models import (
    ClosureDay,
    Contractor,
    Division,
    GroupMembership,
    GroupRole,
    HomesCount,
    Landlord,
    LandlordGroup,
    Role,
    ServiceArea,
    SettingsChange,
    StaffMembership,
    SubCause,
    slug_from_name,
)
from putright.landlords.permissions import SETTINGS_REFUSAL, SETTINGS_ROLES, require_role
from putright.rules import approval, records
from putright.rules.codes import DEFAULT_SUB_CAUSES
from putright.rules.counting import financial_year_label
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


# Settings (issue 15) ------------------------------------------------------------------
#
# Every change to a landlord's settings is made here, by one of its administrators (or the
# system itself, ``by`` None: the command line), checked, and written with its entry on
# the settings audit log (``SettingsChange``) in one transaction.

#: The largest logo accepted, and the kinds of image (as Pillow names them, and their
#: media types). No SVG: it can carry scripts.
LOGO_MAX_BYTES = 200 * 1024
LOGO_MAX_PIXELS = 2000
LOGO_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}
#: The escalation window the landlord may choose, in calendar days.
ESCALATION_WINDOW_RANGE = (1, 365)
#: The fields of a year's homes count that the settings page keeps. Another field added to
#: ``HomesCount`` (a property type) is kept as soon as it is named here and on the form.
HOMES_FIELDS: tuple[str, ...] = ("lcra", "lcho")
#: The property types a landlord may also count its homes by (optional; given, they add up
#: to the homes owned: ``putright.rules.perception.homes_by_type_problem``).
HOMES_TYPE_FIELDS: tuple[str, ...] = tuple(t.value for t in PropertyType)
#: Contact details printed on every letter and shown on every page.
CONTACT_FIELDS = ("name", "address", "phone", "email", "website")
OMBUDSMAN_FIELDS = (
    "ombudsman_name",
    "ombudsman_address",
    "ombudsman_phone",
    "ombudsman_email",
    "ombudsman_website",
    "lgsco_name",
    "lgsco_address",
    "lgsco_phone",
    "lgsco_email",
    "lgsco_website",
)

Section = SettingsChange.Section


def _require_administrator(by: User | None, landlord: Landlord) -> None:
    require_role(by, landlord, SETTINGS_ROLES, SETTINGS_REFUSAL)


def _who(by: User | None) -> str:
    if by is None:
        return "The command line"
    return by.get_full_name().strip() or by.get_username()


def _shown(value: object) -> object:
    """A value as the audit log keeps it: JSON, and dates and models as words."""
    if value is None or isinstance(value, bool | int | str):
        return value
    return str(value)


def settings_change_record(
    *,
    landlord: Landlord,
    section: str,
    summary: str,
    by: User | None,
    changes: Mapping[str, tuple[object, object]] | None = None,
) -> SettingsChange:
    """Write one entry on the settings audit log: who, when, which part, what changed
    (each field's old and new value). For the settings services, here and in the apps above
    (the remedies bands, the register import), inside their transaction."""
    return SettingsChange.objects.create(
        landlord=landlord,
        by=by,
        by_name=_who(by),
        section=section,
        summary=summary[:300],
        changes={
            name: {"old": _shown(old), "new": _shown(new)}
            for name, (old, new) in (changes or {}).items()
        },
    )


def _apply(obj: Model, values: Mapping[str, object]) -> dict[str, tuple[object, object]]:
    """Set ``values`` on ``obj`` and save what changed; the changes, old and new."""
    changed: dict[str, tuple[object, object]] = {}
    for name, new in values.items():
        old = getattr(obj, name)
        if old != new:
            changed[name] = (old, new)
            setattr(obj, name, new)
    if changed:
        obj.save(update_fields=list(changed))
    return changed


def _label(model: type[Model], name: str) -> str:
    field = model._meta.get_field(name)
    return str(getattr(field, "verbose_name", name))


def _name_problem(name: str, what: str) -> str:
    return "" if name.strip() else f"Enter the {what}'s name"


# Staff ---------------------------------------------------------------------------------


def _active_administrators(landlord: Landlord) -> QuerySet[StaffMembership]:
    return StaffMembership.objects.filter(
        landlord=landlord, role=Role.ADMINISTRATOR, active=True, user__is_active=True
    )


def _check_role(landlord: Landlord, role: str, contractor: Contractor | None) -> None:
    if role not in Role.values:
        raise RuleError({"role": "Choose the person's role"})
    if role == Role.CONTRACTOR_HANDLER and contractor is None:
        raise RuleError({"contractor": "Choose the contractor a contractor's handler works for"})
    if contractor is not None and contractor.landlord_id != landlord.pk:
        raise RuleError({"contractor": "Choose one of this landlord's contractors"})


def _send_invitation(
    user: User, landlord: Landlord, link_for: Callable[[User], str] | None
) -> None:
    """Email the person, once the transaction is written: a link to set their password
    (a new account), or word that they now work for this landlord too."""
    if link_for is not None:
        link = link_for(user)
        body = (
            f"Hello {user.get_full_name() or user.email},\n\n"
            f"{landlord.name} has invited you to its complaints workspace in Putright.\n\n"
            f"Set your password here (the link works once, for {invite_days()} days):\n"
            f"{link}\n\n"
            "If you did not expect this email, you can ignore it.\n"
        )
        subject = f"Set your password for {landlord.name}'s complaints workspace"
    else:
        body = (
            f"Hello {user.get_full_name() or user.email},\n\n"
            f"You now also work for {landlord.name} in Putright. Sign in as you do now, and "
            "choose the landlord you are working for under 'Landlord'.\n"
        )
        subject = f"You now work for {landlord.name} in Putright"
    message = EmailMessage(subject, body, to=[user.email])
    transaction.on_commit(lambda: message.send(fail_silently=False))


@transaction.atomic
def staff_invite(
    *,
    landlord: Landlord,
    email: str,
    first_name: str,
    last_name: str,
    role: str,
    team: str = "",
    contractor: Contractor | None = None,
    link_for: Callable[[User], str],
    by: User | None,
) -> StaffMembership:
    """Give a person a role at the landlord and email them. Someone new gets an account
    without a password and a one-time link to set one (``link_for`` makes its address);
    someone who already works for another landlord of the installation keeps their
    account and password, with a role here of its own. Someone deactivated here is
    given their place back with the new role."""
    _require_administrator(by, landlord)
    email = email.strip().lower()
    problems: dict[str, str] = {}
    if not email or "@" not in email:
        problems["email"] = "Enter an email address in the correct format, like name@example.com"
    if not first_name.strip():
        problems["first_name"] = "Enter the person's first name"
    if not last_name.strip():
        problems["last_name"] = "Enter the person's last name"
    if problems:
        raise RuleError(problems)
    _check_role(landlord, role, contractor)
    user = (
        User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email))
        .order_by("pk")
        .first()
    )
    new_account = user is None
    if user is None:
        user = User(username=email, email=email, first_name=first_name.strip())
        user.last_name = last_name.strip()
        user.set_unusable_password()
        user.save()
    membership = StaffMembership.objects.filter(user=user, landlord=landlord).first()
    if membership is not None and membership.active:
        raise RuleError({"email": f"{email} already works for {landlord.name}"})
    if membership is None:
        membership = StaffMembership.objects.create(
            user=user, landlord=landlord, role=role, team=team.strip(), contractor=contractor
        )
    else:
        membership.role, membership.team, membership.contractor = role, team.strip(), contractor
        membership.active = True
        membership.save(update_fields=["role", "team", "contractor", "active"])
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    needs_password = new_account or not user.has_usable_password()
    if needs_password and not new_account:
        user.set_unusable_password()  # a new link: any earlier one stops working
        user.save(update_fields=["password"])
    settings_change_record(
        landlord=landlord,
        section=Section.STAFF,
        summary=f"Invited {_who(user)} ({email}) as {membership.get_role_display().lower()}",
        changes={"role": (None, role), "team": (None, team.strip()) if team.strip() else ("", "")},
        by=by,
    )
    _send_invitation(user, landlord, link_for if needs_password else None)
    return membership


@transaction.atomic
def staff_invite_resend(
    *, membership: StaffMembership, link_for: Callable[[User], str], by: User | None
) -> StaffMembership:
    """Send a new link to someone who has not set their password yet (the old link then
    stops working)."""
    _require_administrator(by, membership.landlord)
    user = membership.user
    if user.has_usable_password():
        raise RuleError(f"{_who(user)} has already set a password: they can sign in.")
    if not membership.active:
        raise RuleError(f"{_who(user)} has been deactivated: invite them again instead.")
    user.set_unusable_password()
    user.save(update_fields=["password"])
    settings_change_record(
        landlord=membership.landlord,
        section=Section.STAFF,
        summary=f"Sent {_who(user)} a new invitation link",
        by=by,
    )
    _send_invitation(user, membership.landlord, link_for)
    return membership


@transaction.atomic
def staff_invite_accept(*, user: User, token: str, password: str) -> User:
    """Set the password of someone invited, with the link's token: it works once and for
    ``invite_days()`` days. The password must pass the installation's password rules."""
    if not invitation_tokens.check_token(user, token):
        raise RuleError(
            "This link has expired or has already been used. Ask your administrator to "
            "send a new one."
        )
    try:
        validate_password(password, user)
    except ValidationError as refusal:
        raise RuleError({"password": " ".join(refusal.messages)}) from None
    user.set_password(password)
    user.save(update_fields=["password"])
    for membership in StaffMembership.objects.filter(user=user, active=True).select_related(
        "landlord"
    ):
        settings_change_record(
            landlord=membership.landlord,
            section=Section.STAFF,
            summary=f"{_who(user)} accepted the invitation and set a password",
            by=user,
        )
    return user


@transaction.atomic
def staff_membership_change(
    *,
    membership: StaffMembership,
    role: str,
    team: str,
    contractor: Contractor | None,
    by: User | None,
) -> StaffMembership:
    """Change a person's role, team or contractor at this landlord (their roles at other
    landlords stay as they are). The landlord always keeps an administrator."""
    landlord = membership.landlord
    _require_administrator(by, landlord)
    if membership.service_user:
        raise RuleError("An API key's own user is changed on its API key, not here.")
    _check_role(landlord, role, contractor)
    if role != Role.CONTRACTOR_HANDLER:
        contractor = None
    if (
        membership.role == Role.ADMINISTRATOR
        and role != Role.ADMINISTRATOR
        and not _active_administrators(landlord).exclude(pk=membership.pk).exists()
    ):
        raise RuleError(
            {
                "role": f"{_who(membership.user)} is {landlord.name}'s only administrator: "
                "make someone else an administrator first"
            }
        )
    before_role = membership.get_role_display()
    changed = _apply(membership, {"role": role, "team": team.strip(), "contractor": contractor})
    if changed:
        words = ", ".join(
            f"role from {before_role} to {membership.get_role_display()}"
            if name == "role"
            else f"{name} from {old or 'none'} to {new or 'none'}"
            for name, (old, new) in changed.items()
        )
        settings_change_record(
            landlord=landlord,
            section=Section.STAFF,
            summary=f"Changed {_who(membership.user)}: {words}",
            changes=changed,
            by=by,
        )
    return membership


@transaction.atomic
def staff_deactivate(*, membership: StaffMembership, by: User | None) -> StaffMembership:
    """Stop a person working for this landlord: they no longer sign in to it (at once:
    every page asks again who they work for), nobody allocates them work there, and their
    name stays on the cases they handled. Someone who works for no other landlord can no
    longer sign in at all. Their open cases stay with them until reassigned from the
    work queue."""
    landlord = membership.landlord
    _require_administrator(by, landlord)
    user = membership.user
    if membership.service_user:
        raise RuleError("An API key's own user is stopped by revoking its API key.")
    if by is not None and by.pk == user.pk:
        raise RuleError("You cannot deactivate yourself: ask another administrator.")
    if not membership.active:
        raise RuleError(f"{_who(user)} is already deactivated.")
    if (
        membership.role == Role.ADMINISTRATOR
        and not _active_administrators(landlord).exclude(pk=membership.pk).exists()
    ):
        raise RuleError(f"{_who(user)} is {landlord.name}'s only administrator.")
    membership.active = False
    membership.save(update_fields=["active"])
    if not StaffMembership.objects.filter(user=user, active=True).exists():
        user.is_active = False
        user.save(update_fields=["is_active"])
    settings_change_record(
        landlord=landlord,
        section=Section.STAFF,
        summary=f"Deactivated {_who(user)}",
        changes={"active": (True, False)},
        by=by,
    )
    return membership


@transaction.atomic
def staff_reactivate(*, membership: StaffMembership, by: User | None) -> StaffMembership:
    """Let a deactivated person work for this landlord again, with the role they had."""
    landlord = membership.landlord
    _require_administrator(by, landlord)
    if membership.active:
        raise RuleError(f"{_who(membership.user)} already works for {landlord.name}.")
    membership.active = True
    membership.save(update_fields=["active"])
    user = membership.user
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    settings_change_record(
        landlord=landlord,
        section=Section.STAFF,
        summary=f"Reactivated {_who(user)}",
        changes={"active": (False, True)},
        by=by,
    )
    return membership


# Service areas, divisions and contractors ----------------------------------------------


def _unique_name(
    model: type[Division] | type[ServiceArea] | type[Contractor],
    landlord: Landlord,
    name: str,
    what: str,
    exclude: int | None = None,
) -> str:
    name = " ".join(name.split())
    problem = _name_problem(name, what)
    if problem:
        raise RuleError({"name": problem})
    if len(name) > 200:
        raise RuleError({"name": f"The {what}'s name must be 200 characters or fewer"})
    clash = model.objects.filter(landlord=landlord, name__iexact=name)
    if exclude is not None:
        clash = clash.exclude(pk=exclude)
    if clash.exists():
        raise RuleError({"name": f"{landlord.name} already has a {what} called {name}"})
    return name


def _own(landlord: Landlord, division: Division | None) -> Division | None:
    if division is not None and division.landlord_id != landlord.pk:
        raise RuleError({"division": "Choose one of this landlord's divisions"})
    return division


@transaction.atomic
def division_add(*, landlord: Landlord, name: str, by: User | None) -> Division:
    _require_administrator(by, landlord)
    name = _unique_name(Division, landlord, name, "division")
    division = Division.objects.create(landlord=landlord, name=name)
    settings_change_record(
        landlord=landlord,
        section=Section.SERVICE_AREAS,
        summary=f"Added the division {name}",
        changes={"name": (None, name)},
        by=by,
    )
    return division


@transaction.atomic
def division_rename(*, division: Division, name: str, by: User | None) -> Division:
    landlord = division.landlord
    _require_administrator(by, landlord)
    before = division.name
    name = _unique_name(Division, landlord, name, "division", exclude=division.pk)
    changed = _apply(division, {"name": name})
    if changed:
        settings_change_record(
            landlord=landlord,
            section=Section.SERVICE_AREAS,
            summary=f"Renamed the division {before} to {name}",
            changes=changed,
            by=by,
        )
    return division


@transaction.atomic
def service_area_add(
    *, landlord: Landlord, name: str, division: Division | None, by: User | None
) -> ServiceArea:
    _require_administrator(by, landlord)
    name = _unique_name(ServiceArea, landlord, name, "service area")
    area = ServiceArea.objects.create(
        landlord=landlord, name=name, division=_own(landlord, division)
    )
    settings_change_record(
        landlord=landlord,
        section=Section.SERVICE_AREAS,
        summary=f"Added the service area {name}"
        + (f" in {division.name}" if division is not None else ""),
        changes={"name": (None, name), "division": (None, division)},
        by=by,
    )
    return area


@transaction.atomic
def service_area_change(
    *, area: ServiceArea, name: str, division: Division | None, by: User | None
) -> ServiceArea:
    """Rename a service area or move it to another division. Its complaints keep it: the
    reports count them under its new name and division."""
    landlord = area.landlord
    _require_administrator(by, landlord)
    before = area.name
    name = _unique_name(ServiceArea, landlord, name, "service area", exclude=area.pk)
    changed = _apply(area, {"name": name, "division": _own(landlord, division)})
    if changed:
        settings_change_record(
            landlord=landlord,
            section=Section.SERVICE_AREAS,
            summary=f"Changed the service area {before}",
            changes=changed,
            by=by,
        )
    return area


def _email_problem(email: str) -> None:
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise RuleError(
                {"email": "Enter an email address in the correct format, like name@example.com"}
            ) from None


@transaction.atomic
def contractor_add(*, landlord: Landlord, name: str, email: str, by: User | None) -> Contractor:
    _require_administrator(by, landlord)
    name = _unique_name(Contractor, landlord, name, "contractor")
    _email_problem(email.strip())
    contractor = Contractor.objects.create(landlord=landlord, name=name, email=email.strip())
    settings_change_record(
        landlord=landlord,
        section=Section.CONTRACTORS,
        summary=f"Added the contractor {name}",
        changes={"name": (None, name), "email": (None, email.strip())},
        by=by,
    )
    return contractor


@transaction.atomic
def contractor_change(
    *, contractor: Contractor, name: str, email: str, by: User | None
) -> Contractor:
    landlord = contractor.landlord
    _require_administrator(by, landlord)
    before = contractor.name
    name = _unique_name(Contractor, landlord, name, "contractor", exclude=contractor.pk)
    _email_problem(email.strip())
    changed = _apply(contractor, {"name": name, "email": email.strip()})
    if changed:
        settings_change_record(
            landlord=landlord,
            section=Section.CONTRACTORS,
            summary=f"Changed the contractor {before}",
            changes=changed,
            by=by,
        )
    return contractor


# Closure days and homes ----------------------------------------------------------------


@transaction.atomic
def closure_day_add(
    *, landlord: Landlord, date: dt.date, description: str, by: User | None
) -> ClosureDay:
    """A day the landlord's offices are closed: not a working day for its deadlines from
    now on (a deadline already worked out is not moved)."""
    _require_administrator(by, landlord)
    if ClosureDay.objects.filter(landlord=landlord, date=date).exists():
        raise RuleError({"date": f"{date:%-d %B %Y} is already a closure day"})
    if date.weekday() >= 5:
        raise RuleError({"date": f"{date:%-d %B %Y} is a weekend: it is not a working day anyway"})
    day = ClosureDay.objects.create(landlord=landlord, date=date, description=description.strip())
    settings_change_record(
        landlord=landlord,
        section=Section.CLOSURE_DAYS,
        summary=f"Added the closure day {day}",
        changes={"date": (None, date.isoformat())},
        by=by,
    )
    return day


@transaction.atomic
def closure_day_remove(*, day: ClosureDay, by: User | None) -> None:
    landlord = day.landlord
    _require_administrator(by, landlord)
    words = str(day)
    when = day.date.isoformat()
    day.delete()
    settings_change_record(
        landlord=landlord,
        section=Section.CLOSURE_DAYS,
        summary=f"Removed the closure day {words}",
        changes={"date": (when, None)},
        by=by,
    )


@transaction.atomic
def homes_count_set(
    *, landlord: Landlord, year: int, counts: Mapping[str, int | None], by: User | None
) -> HomesCount:
    """The homes the landlord owned at the end of financial year ``year`` (2025 is
    2025/26), by kind (``HOMES_FIELDS``), for CH01's rate per 1,000 homes, and optionally
    by property type (``HOMES_TYPE_FIELDS``, None: not counted), which must then add up to
    the homes owned."""
    _require_administrator(by, landlord)
    unknown = sorted(set(counts) - set(HOMES_FIELDS) - set(HOMES_TYPE_FIELDS))
    if unknown:
        raise RuleError(f"Homes are not counted by {', '.join(unknown)}.")
    if not 2000 <= year <= 2100:
        raise RuleError({"year": "Enter a financial year from 2000 to 2100, like 2025"})
    problems = {
        name: f"The number of {_label(HomesCount, name)} must be 0 or more"
        for name, value in counts.items()
        if value is not None and value < 0
    }
    if problems:
        raise RuleError(problems)
    recorded = HomesCount.objects.filter(landlord=landlord, year=year).first()
    after = {
        name: counts[name] if name in counts else getattr(recorded, name, None)
        for name in (*HOMES_FIELDS, *HOMES_TYPE_FIELDS)
    }
    owned = (after["lcra"] or 0) + (after["lcho"] or 0)
    if problem := homes_by_type_problem(owned, {k: after[k] for k in HOMES_TYPE_FIELDS}):
        raise RuleError({HOMES_TYPE_FIELDS[0]: problem})
    homes, created = HomesCount.objects.get_or_create(landlord=landlord, year=year)
    changed = _apply(homes, dict(counts))
    if changed or created:
        settings_change_record(
            landlord=landlord,
            section=Section.HOMES,
            summary=f"{'Entered' if created else 'Changed'} the homes at the end of "
            f"{financial_year_label(year)}",
            changes=changed,
            by=by,
        )
    return homes


# The landlord's own details ------------------------------------------------------------


def _landlord_set(
    landlord: Landlord,
    values: Mapping[str, object],
    section: str,
    summary: str,
    by: User | None,
) -> Landlord:
    changed = _apply(landlord, values)
    if changed:
        settings_change_record(
            landlord=landlord,
            section=section,
            summary=summary + ": " + ", ".join(_label(Landlord, name) for name in changed),
            changes=changed,
            by=by,
        )
    return landlord


@transaction.atomic
def landlord_policy_set(
    *,
    landlord: Landlord,
    escalation_window_days: int,
    by: User | None,
    approval_reviewed: str | None = None,
    approval_compensation_over: Decimal | None = None,
    service_request_target_days: int | None = None,
    member_enquiry_target_days: int | None = None,
) -> Landlord:
    """The complaints policy values the Code leaves to the landlord: how long after the
    stage 1 response a resident is asked to escalate within (never a hard block: a later
    request is flagged for the landlord's discretion), its sign-off rules: which
    responses are approved before they go (``putright.rules.approval``; None leaves them
    as they are), and the targets, in working days, for answering a service request and a
    member enquiry (``putright.rules.records``; None leaves each as it is). A new target
    applies to the records received from then on."""
    _require_administrator(by, landlord)
    low, high = ESCALATION_WINDOW_RANGE
    problems: dict[str, str] = {}
    if not low <= escalation_window_days <= high:
        problems["escalation_window_days"] = (
            f"The escalation window must be from {low} to {high} days"
        )
    if approval_reviewed is not None and approval_reviewed not in approval.REVIEWED:
        problems["approval_reviewed"] = "Choose which responses are approved before they go"
    if approval_compensation_over is not None and approval_compensation_over < 0:
        problems["approval_compensation_over"] = "The amount must be £0 or more"
    targets = {
        "service_request_target_days": ("service requests", service_request_target_days),
        "member_enquiry_target_days": ("member enquiries", member_enquiry_target_days),
    }
    low, high = records.TARGET_DAYS_RANGE
    for name, (what, days) in targets.items():
        if days is not None and not low <= days <= high:
            problems[name] = f"The target for {what} must be from {low} to {high} working days"
    if problems:
        raise RuleError(problems)
    values: dict[str, object] = {"escalation_window_days": escalation_window_days}
    values.update({name: days for name, (_, days) in targets.items() if days is not None})
    if approval_reviewed is not None:
        values["approval_reviewed"] = approval_reviewed
        values["approval_compensation_over"] = approval_compensation_over
    return _landlord_set(
        landlord,
        values,
        Section.POLICY,
        "Changed the complaints policy",
        by,
    )


@transaction.atomic
def landlord_languages_set(
    *, landlord: Landlord, languages: Sequence[str], by: User | None
) -> Landlord:
    """The languages besides English the landlord's resident pages are offered in (issue
    17, item 5), from settings.LANGUAGES; an empty list offers English alone."""
    _require_administrator(by, landlord)
    offered = {code: get_language_info(code)["name"] for code, _ in settings.LANGUAGES[1:]}
    if unknown := [code for code in languages if code not in offered]:
        raise RuleError(
            {
                "languages": f"Putright has no translation into {', '.join(unknown)}: choose "
                f"from {', '.join(offered.values())}"
            }
        )
    codes = " ".join(code for code in offered if code in set(languages))
    names = " and ".join(["English", *(offered[code] for code in codes.split())])
    return _landlord_set(
        landlord,
        {"portal_languages": codes},
        Section.LANGUAGES,
        f"The resident pages are now in {names}",
        by,
    )


@transaction.atomic
def landlord_contact_set(
    *,
    landlord: Landlord,
    name: str,
    address: str,
    phone: str,
    email: str,
    website: str,
    by: User | None,
) -> Landlord:
    """The landlord's name and contact details, printed on every letter and shown on
    every page."""
    _require_administrator(by, landlord)
    name = " ".join(name.split())
    if not name:
        raise RuleError({"name": "Enter the landlord's name"})
    if Landlord.objects.filter(name__iexact=name).exclude(pk=landlord.pk).exists():
        raise RuleError({"name": f"Another landlord here is already called {name}"})
    _email_problem(email.strip())
    website = website.strip()
    if website:
        try:
            URLValidator(schemes=["http", "https"])(website)
        except ValidationError:
            raise RuleError(
                {"website": "Enter the website's full address, like https://www.example.org"}
            ) from None
    return _landlord_set(
        landlord,
        {
            "name": name,
            "address": address.strip(),
            "phone": phone.strip(),
            "email": email.strip(),
            "website": website,
        },
        Section.CONTACT,
        "Changed the contact details",
        by,
    )


@transaction.atomic
def landlord_ombudsman_set(
    *,
    landlord: Landlord,
    ombudsman_name: str,
    ombudsman_address: str,
    ombudsman_phone: str,
    ombudsman_email: str,
    ombudsman_website: str,
    by: User | None,
    lgsco_name: str | None = None,
    lgsco_address: str | None = None,
    lgsco_phone: str | None = None,
    lgsco_email: str | None = None,
    lgsco_website: str | None = None,
) -> Landlord:
    """The Housing Ombudsman's contact details, as every letter gives them (domain.md
    §5); the published ones unless the Ombudsman changes them. The Local Government and
    Social Care Ombudsman's too (``lgsco_*``; None leaves them), for a council's complaints
    under its jurisdiction."""
    _require_administrator(by, landlord)
    problems = {
        field: f"Enter the Ombudsman's {what}"
        for field, what, value in (
            ("ombudsman_name", "name", ombudsman_name),
            ("ombudsman_address", "address", ombudsman_address),
        )
        if not value.strip()
    }
    if problems:
        raise RuleError(problems)
    if ombudsman_email.strip():
        try:
            validate_email(ombudsman_email.strip())
        except ValidationError:
            raise RuleError(
                {
                    "ombudsman_email": "Enter an email address in the correct format, like "
                    "info@housing-ombudsman.org.uk"
                }
            ) from None
    lgsco = {
        name: value.strip()
        for name, value in (
            ("lgsco_name", lgsco_name),
            ("lgsco_address", lgsco_address),
            ("lgsco_phone", lgsco_phone),
            ("lgsco_email", lgsco_email),
            ("lgsco_website", lgsco_website),
        )
        if value is not None
    }
    if lgsco.get("lgsco_email"):
        try:
            validate_email(lgsco["lgsco_email"])
        except ValidationError:
            raise RuleError(
                {
                    "lgsco_email": "Enter an email address in the correct format, like name@lgo.org.uk"
                }
            ) from None
    if "lgsco_name" in lgsco and not lgsco["lgsco_name"]:
        raise RuleError(
            {"lgsco_name": "Enter the Local Government and Social Care Ombudsman's name"}
        )
    return _landlord_set(
        landlord,
        {
            "ombudsman_name": ombudsman_name.strip(),
            "ombudsman_address": ombudsman_address.strip(),
            "ombudsman_phone": ombudsman_phone.strip(),
            "ombudsman_email": ombudsman_email.strip(),
            "ombudsman_website": ombudsman_website.strip(),
            **lgsco,
        },
        Section.OMBUDSMAN,
        "Changed the ombudsmen's details",
        by,
    )


MRC_FIELDS = ("mrc_name", "mrc_email", "mrc_copy_upheld")


@transaction.atomic
def landlord_mrc_set(
    *,
    landlord: Landlord,
    mrc_name: str,
    mrc_email: str,
    mrc_copy_upheld: bool,
    by: User | None,
) -> Landlord:
    """The Member Responsible for Complaints (Code 9.7, 9.8): their name and email, to
    which every Ombudsman determination, order and failure order is copied, and whether
    every upheld decision is copied too (Brent does). Both or neither: a name with no
    address would copy nothing, an address with no name would greet nobody."""
    _require_administrator(by, landlord)
    name = " ".join(mrc_name.split())
    email = mrc_email.strip()
    problems: dict[str, str] = {}
    if email and not name:
        problems["mrc_name"] = "Enter the name of the Member Responsible for Complaints"
    if name and not email:
        problems["mrc_email"] = "Enter the email address of the Member Responsible for Complaints"
    if email:
        try:
            validate_email(email)
        except ValidationError:
            problems["mrc_email"] = (
                "Enter an email address in the correct format, like councillor@example.gov.uk"
            )
    if mrc_copy_upheld and not email:
        problems.setdefault(
            "mrc_email",
            "Enter the email address of the Member Responsible for Complaints, "
            "to copy upheld decisions to",
        )
    if problems:
        raise RuleError(problems)
    return _landlord_set(
        landlord,
        {"mrc_name": name, "mrc_email": email, "mrc_copy_upheld": mrc_copy_upheld},
        Section.MRC,
        "Changed the Member Responsible for Complaints",
        by,
    )


def logo_problem(data: bytes) -> tuple[str, str]:
    """The logo's media type, or a RuleError saying what is wrong with it: a PNG or JPEG
    image, at most LOGO_MAX_BYTES and LOGO_MAX_PIXELS wide and high, read by Pillow (its
    name and the type the browser sent are not trusted)."""
    if len(data) > LOGO_MAX_BYTES:
        raise RuleError({"logo": f"The logo must be smaller than {LOGO_MAX_BYTES // 1024} KB"})
    if not data:
        raise RuleError({"logo": "The selected file is empty"})
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format or ""
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise RuleError({"logo": "The logo must be a PNG or JPEG image"}) from None
    if kind not in LOGO_FORMATS:
        raise RuleError({"logo": "The logo must be a PNG or JPEG image"})
    if width > LOGO_MAX_PIXELS or height > LOGO_MAX_PIXELS:
        raise RuleError(
            {"logo": f"The logo must be at most {LOGO_MAX_PIXELS} pixels wide and high"}
        )
    return LOGO_FORMATS[kind], kind


@transaction.atomic
def landlord_logo_set(*, landlord: Landlord, data: bytes | None, by: User | None) -> Landlord:
    """Put a logo on the letterhead (every letter, and the top of every page), or with
    ``data`` None take it off."""
    _require_administrator(by, landlord)
    if data is None:
        if not landlord.logo_type:
            return landlord
        landlord.logo, landlord.logo_type = b"", ""
        summary = "Removed the logo"
    else:
        media_type, kind = logo_problem(data)
        landlord.logo, landlord.logo_type = data, media_type
        summary = f"Uploaded a new logo ({kind}, {len(data) // 1024 or 1} KB)"
    landlord.save(update_fields=["logo", "logo_type"])
    settings_change_record(landlord=landlord, section=Section.LETTERHEAD, summary=summary, by=by)
    return landlord


#: What anyone but the installation's own people (the command line, a superuser) is told.
GROUP_REFUSAL = "Groups of landlords are set up by whoever runs the installation."


def _require_installation(by: User | None) -> None:
    """Groups cross landlords, so no landlord's administrator sets them up: only the
    command line (``by`` None) or a superuser."""
    if by is not None and not by.is_superuser:
        raise PermissionDenied(GROUP_REFUSAL)


def _group_slug(name: str) -> str:
    """The slug from the group's name, with -2, -3 ... added when another group has it."""
    base, n = slug_from_name(name), 1
    slug = base
    while LandlordGroup.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base[:50]}-{n}"
    return slug


@transaction.atomic
def group_add(*, name: str, landlords: list[Landlord], by: User | None) -> LandlordGroup:
    """Issue 15, item 4: a group of landlords reported together, each in one group at most.
    Refused, naming each, for a landlord already in a group, and for a name taken or
    blank; each landlord's settings audit log says it joined."""
    _require_installation(by)
    name = name.strip()
    problems: dict[str, str] = {}
    if not name:
        problems["name"] = "Give the group a name."
    elif LandlordGroup.objects.filter(name__iexact=name).exists():
        problems["name"] = f"A group called {name!r} already exists."
    if not landlords:
        problems["landlords"] = "Name at least one landlord to put in the group."
    taken = [
        f"{landlord.name} is already in the group {landlord.group}"
        for landlord in Landlord.objects.filter(
            pk__in=[landlord.pk for landlord in landlords], group__isnull=False
        ).select_related("group")
    ]
    if taken:
        problems["landlords"] = "; ".join(taken) + ": a landlord is in one group at most."
    if problems:
        raise RuleError(problems)
    group = LandlordGroup.objects.create(name=name, slug=_group_slug(name))
    for landlord in landlords:
        landlord.group = group
        landlord.save(update_fields=["group"])
        settings_change_record(
            landlord=landlord,
            section=Section.GROUP,
            summary=f"Joined the group {group.name}",
            by=by,
            changes={"group": (None, group.name)},
        )
    return group


@transaction.atomic
def group_member_set(
    *, group: LandlordGroup, user: User, role: str, by: User | None
) -> GroupMembership:
    """Give a person a role in a group (officer or viewer), or change it: they then read
    the group's figures and each of its landlords' beside them."""
    _require_installation(by)
    if role not in GroupRole.values:
        raise RuleError({"role": f"A group role is officer or viewer, not {role!r}."})
    member, _ = GroupMembership.objects.update_or_create(
        user=user, group=group, defaults={"role": role}
    )
    return member
