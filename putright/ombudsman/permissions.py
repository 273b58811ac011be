"""Who may do what with the Ombudsman's cases (Code 4.1: a person or team liaises with the
Ombudsman; domain.md §1: the Ombudsman link officer).

Reading: the landlord's own staff, not a contractor's (a contractor sees only the
complaints allocated to it, and Ombudsman cases, orders and failure orders are about the
landlord). Changing: complaints officers, senior handlers and administrators.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from putright.landlords.models import Landlord, Role
from putright.landlords.permissions import Asker, membership

#: The roles that record Ombudsman contacts, replies, determinations and orders.
LINK_ROLES = frozenset({Role.OFFICER, Role.SENIOR_HANDLER, Role.ADMINISTRATOR})
#: The roles that may read Ombudsman casework and the learning pages.
READ_ROLES = frozenset(
    {Role.OFFICER, Role.HANDLER, Role.SENIOR_HANDLER, Role.VIEWER, Role.ADMINISTRATOR}
)
#: The roles told of Ombudsman deadlines by ``putright ombudsman_remind``.
REMINDED_ROLES = frozenset({Role.OFFICER, Role.ADMINISTRATOR})


def require_link_officer(user: Asker, landlord: Landlord) -> None:
    """Raise PermissionDenied unless ``user`` may record Ombudsman casework for ``landlord``.
    ``None`` is the system itself (the command line, tasks), acting for the landlord."""
    if user is None or user.is_superuser:
        return
    m = membership(user, landlord)
    if m is None:
        raise PermissionDenied("You do not work for this landlord.")
    if m.role not in LINK_ROLES:
        raise PermissionDenied(
            "Only complaints officers, senior handlers and administrators record Ombudsman casework."
        )
