"""Who may do what, checked on the server for every command (least privilege by role and
landlord; contractors only on their allocations).

A contractor's handler works only on the stages allocated to its contractor (domain.md §1,
§11): it reads and acts on those complaints, but what belongs to the landlord itself is
for the landlord's own staff (``OWN_STAFF_ROLES``, ``require_own_staff``): withdrawing a
complaint, changing a resident's record, producing the Ombudsman's case file bundle and
reviewing residents' needs."""

from __future__ import annotations

from typing import Protocol

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied

from putright.landlords.models import (
    GroupMembership,
    Landlord,
    LandlordGroup,
    Role,
    StaffMembership,
)
from putright.landlords.transaction_cache import transaction_cached


class Allocated(Protocol):
    """What a permission check reads of a complaint (``complaints.models.Complaint``, which
    sits above this app): who handles it."""

    @property
    def contractor_id(self) -> int | None: ...


#: Roles that may change a complaint.
ACTING_ROLES = {
    Role.OFFICER,
    Role.HANDLER,
    Role.SENIOR_HANDLER,
    Role.CONTRACTOR_HANDLER,
    Role.ADMINISTRATOR,
}

#: The landlord's own staff who change records: every acting role but a contractor's
#: handler.
OWN_STAFF_ROLES = frozenset(ACTING_ROLES - {Role.CONTRACTOR_HANDLER})

#: Roles that keep the reports (domain.md §1): write the annual report's sections, enter
#: TP09 and the sector medians, keep the self-assessment and record the governing body's
#: approval of it. Viewers (the governing body, the MRC) read them.
REPORT_EDITORS = frozenset({Role.OFFICER, Role.ADMINISTRATOR})

#: Roles that keep the landlord's settings (issue 15): its staff and their roles, service
#: areas, contractors, closure days, homes, complaints policy, contact details and
#: letterhead, and the register import.
SETTINGS_ROLES = frozenset({Role.ADMINISTRATOR})
#: What anyone else is told.
SETTINGS_REFUSAL = "Only the landlord's administrators can change its settings."

#: Whoever is asking: a signed-in person, someone not signed in (a request's
#: ``AnonymousUser``), or None for the system itself (the command line, the register
#: import, tasks).
Asker = User | AnonymousUser | None


def membership(user: Asker, landlord: Landlord) -> StaffMembership | None:
    """The user's role at this landlord, or None (also once they have been deactivated
    there). Read once per transaction (``transaction_cache``)."""
    if not isinstance(user, User) or not user.is_authenticated:
        return None
    return transaction_cached(
        ("membership", user.pk, landlord.pk),
        lambda: StaffMembership.objects.filter(user=user, landlord=landlord, active=True).first(),
    )


def can_see(user: Asker, landlord: Landlord, complaint: Allocated | None) -> bool:
    """Staff of the landlord see its complaints; a contractor's staff only those allocated
    to their contractor."""
    if user is not None and user.is_superuser:
        return True
    m = membership(user, landlord)
    if m is None:
        return False
    if m.role == Role.CONTRACTOR_HANDLER:
        return complaint is None or complaint.contractor_id == m.contractor_id
    return True


def require_can_act(user: Asker, landlord: Landlord, complaint: Allocated | None) -> None:
    """Raise PermissionDenied unless ``user`` may change this landlord's complaint.

    ``user`` None is the system itself (the command line, the register import, tasks),
    which acts for the landlord named on the command.
    """
    if user is None or user.is_superuser:
        return
    m = membership(user, landlord)
    if m is None:
        raise PermissionDenied("You do not work for this landlord.")
    if m.role not in ACTING_ROLES:
        raise PermissionDenied("Your role can read complaints but not change them.")
    if (
        m.role == Role.CONTRACTOR_HANDLER
        and complaint is not None
        and complaint.contractor_id != m.contractor_id
    ):
        raise PermissionDenied("This complaint is not allocated to your organisation.")


def require_role(user: Asker, landlord: Landlord, roles: frozenset[str], refusal: str) -> None:
    """Raise PermissionDenied (with ``refusal`` as the reason) unless ``user`` has one of
    ``roles`` at this landlord. ``user`` None is the system itself, as for
    ``require_can_act``."""
    if user is None or user.is_superuser:
        return
    m = membership(user, landlord)
    if m is None:
        raise PermissionDenied("You do not work for this landlord.")
    if m.role not in roles:
        raise PermissionDenied(refusal)


def require_own_staff(user: Asker, landlord: Landlord, refusal: str) -> None:
    """Raise PermissionDenied unless ``user`` is one of the landlord's own staff who change
    records (``OWN_STAFF_ROLES``): a viewer is told their role only reads, a contractor's
    handler ``refusal`` (what it cannot do, and who can). ``user`` None is the system
    itself, as for ``require_can_act``."""
    if user is None or user.is_superuser:
        return
    m = membership(user, landlord)
    if m is None:
        raise PermissionDenied("You do not work for this landlord.")
    if m.role not in ACTING_ROLES:
        raise PermissionDenied("Your role can read complaints but not change them.")
    if m.role not in OWN_STAFF_ROLES:
        raise PermissionDenied(refusal)


def contractor_of(user: Asker, landlord: Landlord) -> int | None:
    """The contractor (its id) whose handler ``user`` is at this landlord; None for anyone
    else, the landlord's own staff and the system alike."""
    if user is None or user.is_superuser:
        return None
    m = membership(user, landlord)
    if m is None or m.role != Role.CONTRACTOR_HANDLER:
        return None
    return m.contractor_id


#: Roles at a landlord that read its reports (the reports' REPORT_ROLES): a person with one
#: of them at every landlord of a group reads the group's figures too.
GROUP_READING_ROLES = frozenset({Role.VIEWER, Role.OFFICER, Role.ADMINISTRATOR})


def can_read_group(user: Asker, group: LandlordGroup) -> bool:
    """Issue 15, item 4: a group's figures (each of its landlords' beside the whole) are
    read by the group's own people (``GroupMembership``, officer or viewer) and by anyone
    who reads the reports of every landlord of the group. A group with no landlords is
    read by its own people only."""
    if not isinstance(user, User) or not user.is_authenticated:
        return False
    if GroupMembership.objects.filter(user=user, group=group).exists():
        return True
    landlord_ids = set(group.landlords.values_list("id", flat=True))
    if not landlord_ids:
        return False
    reading = set(
        StaffMembership.objects.filter(
            user=user,
            active=True,
            role__in=GROUP_READING_ROLES,
            landlord_id__in=landlord_ids,
        ).values_list("landlord_id", flat=True)
    )
    return reading == landlord_ids
