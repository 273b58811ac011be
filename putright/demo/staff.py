"""The demo landlord's staff: a complaints officer, handlers by service, senior handlers
who take stage 2 (Code 6.13), the contractors' own complaint handlers, a board member who
reads, an administrator, one handler off sick this week (issue 12); and the sign-ins
printed at the end of `putright demo`. Those whose role requires a security code
(``TWO_FACTOR_REQUIRED_ROLES``) are given an authenticator app with the published
``DEMO_AUTHENTICATOR_KEY``, so the demo shows the second step of signing in."""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User

from putright.demo.landlord import ESTATE, GROUNDS_CONTRACTOR, REPAIRS, REPAIRS_CONTRACTOR, TENANCY
from putright.landlords.models import Contractor, Landlord, Role, StaffMembership
from putright.landlords.services import staff_away_set
from putright.staff.two_factor.policy import second_factor_required
from putright.staff.two_factor.services import authenticator_install

#: The demo sign-ins' authenticator key, published so that anyone trying Putright can sign
#: in as an officer or administrator, who give a security code after their password: add
#: it to any authenticator app as a time-based key, or run `oathtool --totp -b KEY`.
#: Never a real account's: the demo makes only its own users.
DEMO_AUTHENTICATOR_KEY = "PUTRIGHTDEMOPUTRIGHTDEMOPUTRIGHT"


@dataclass(frozen=True)
class StaffSpec:
    username: str
    first_name: str
    last_name: str
    role: str
    team: str
    contractor: str = ""
    sign_in: bool = False  # listed among the demo sign-ins


STAFF = (
    StaffSpec("officer", "Olivia", "Grant", Role.OFFICER, "Complaints team", sign_in=True),
    StaffSpec("handler", "Hamza", "Ali", Role.HANDLER, REPAIRS, sign_in=True),
    StaffSpec("senior", "Sarah", "Bennett", Role.SENIOR_HANDLER, "Head of Housing", sign_in=True),
    StaffSpec(
        "contractor",
        "Chris",
        "Doyle",
        Role.CONTRACTOR_HANDLER,
        "Kestrel complaints",
        contractor=REPAIRS_CONTRACTOR,
        sign_in=True,
    ),
    StaffSpec("viewer", "Vera", "Collins", Role.VIEWER, "Board member (MRC)", sign_in=True),
    StaffSpec("admin", "Adam", "Price", Role.ADMINISTRATOR, "Systems", sign_in=True),
    StaffSpec("priya.shah", "Priya", "Shah", Role.HANDLER, TENANCY),
    StaffSpec("tom.reed", "Tom", "Reed", Role.HANDLER, ESTATE),
    StaffSpec(
        "grace.oduya", "Grace", "Oduya", Role.SENIOR_HANDLER, "Director of Property Services"
    ),
    StaffSpec("david.kowalski", "David", "Kowalski", Role.SENIOR_HANDLER, "Head of Neighbourhoods"),
    StaffSpec(
        "sam.fletcher",
        "Sam",
        "Fletcher",
        Role.CONTRACTOR_HANDLER,
        "Greenway customer care",
        contractor=GROUNDS_CONTRACTOR,
    ),
)
#: Off sick this week, as on a real Monday morning: his cases wait for someone to take them.
OFF_SICK = "tom.reed"
ROLE_WORDS = {
    Role.OFFICER: "complaints officer",
    Role.HANDLER: "handler",
    Role.SENIOR_HANDLER: "senior handler, takes stage 2",
    Role.CONTRACTOR_HANDLER: "contractor's handler",
    Role.VIEWER: "read-only",
    Role.ADMINISTRATOR: "administrator, also /admin/",
}


@dataclass(frozen=True)
class SignIn:
    username: str
    role: str
    password: str | None  # None: the user already existed and kept its password


def sign_ins(password: str) -> tuple[SignIn, ...]:
    """The demo sign-ins, as printed at the end of `putright demo`."""
    return tuple(SignIn(s.username, ROLE_WORDS[Role(s.role)], password) for s in STAFF if s.sign_in)


def staff_add(
    landlord: Landlord, contractors: dict[str, Contractor], password: str
) -> tuple[dict[str, User], set[str]]:
    """The demo's staff and their roles, and the usernames made here. A user that already
    exists (another demo landlord, or a real account) is given a role here but keeps its
    password and permissions."""
    users = get_user_model()
    existing = {
        u.username: u for u in users.objects.filter(username__in=[s.username for s in STAFF])
    }
    hashed = make_password(password)  # hashing is slow on purpose: once, not per user
    staff: dict[str, User] = {}
    made: set[str] = set()
    for spec in STAFF:
        user = existing.get(spec.username)
        if user is None:
            admin = spec.role == Role.ADMINISTRATOR
            user = users.objects.create(
                username=spec.username,
                first_name=spec.first_name,
                last_name=spec.last_name,
                email=f"{spec.username}@riverside-homes.example",
                password=hashed,
                is_staff=admin,
                is_superuser=admin,
            )
            made.add(spec.username)
        StaffMembership.objects.create(
            user=user,
            landlord=landlord,
            role=spec.role,
            contractor=contractors.get(spec.contractor),
            team=spec.team,
        )
        staff[spec.username] = user
    for username in sorted(made):
        if second_factor_required(staff[username]):
            authenticator_install(user=staff[username], key=demo_authenticator_hex())
    return staff, made


def demo_authenticator_hex() -> str:
    return base64.b32decode(DEMO_AUTHENTICATOR_KEY).hex()


def off_sick_add(landlord: Landlord, staff: dict[str, User], on: dt.date) -> None:
    """One handler off sick from today to the end of the working week (that Friday; the
    next one at a weekend), as the workload page and every allocation list then say."""
    friday = on + dt.timedelta(days=(4 - on.weekday()) % 7)
    membership = StaffMembership.objects.get(landlord=landlord, user=staff[OFF_SICK])
    staff_away_set(membership=membership, away_from=on, away_until=friday, by=None)
