"""Reassigning several cases at once, when someone is off sick (issue 12, item 6): the
staff workspace's own write, made of one allocation per case.

Each case goes through ``complaint_allocate``, the same service as the allocate page and
the API, so the Code's rules (``putright.rules.allocation``) are checked for each, with the
same refusal in the same words (Code 6.13: stage 2 only to a senior handler or a
complaints officer of the landlord who did not handle stage 1; a contractor's handler only
on its contractor's complaints, which stay with whoever handles them; a handler only once
the complaint is triaged) and each writes its own timeline entry. A case the rules refuse
is left exactly as it was and the others still move: nothing is half done for any one case.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied

from putright.complaints import services
from putright.complaints.models import Complaint
from putright.landlords.models import StaffMembership
from putright.rules.lifecycle import RuleError


@dataclass(frozen=True)
class Reassignment:
    """What happened to one case: moved, or refused and why."""

    reference: str
    moved: bool
    why_not: str = ""


def complaints_reassign(
    *,
    complaints: Sequence[Complaint],
    handler: User,
    by: User | None,
) -> list[Reassignment]:
    """Allocate each complaint's current stage to ``handler``, one case at a time, each
    with its own checks and timeline entry; the answer says, case by case, which moved and
    why any did not. The contractor handling a case stays as it is."""
    results = []
    memberships: dict[int, StaffMembership | None] = {}
    for complaint in complaints:
        if complaint.landlord_id not in memberships:
            memberships[complaint.landlord_id] = (
                StaffMembership.objects.filter(
                    user_id=handler.pk, landlord_id=complaint.landlord_id
                )
                .select_related("contractor")
                .first()
            )
        results.append(_reassign(complaint, handler, memberships[complaint.landlord_id], by))
    return results


def _reassign(
    complaint: Complaint,
    handler: User,
    membership: StaffMembership | None,
    by: User | None,
) -> Reassignment:
    name = handler.get_full_name() or handler.get_username()
    refused = _refusal(complaint, name, membership)
    if refused:
        return Reassignment(complaint.reference, False, refused)
    try:
        services.complaint_allocate(
            complaint=complaint, handler=handler, contractor=complaint.contractor, by=by
        )
    except RuleError as error:
        return Reassignment(complaint.reference, False, " ".join(error.problems.values()))
    except PermissionDenied as error:
        return Reassignment(complaint.reference, False, str(error))
    return Reassignment(complaint.reference, True)


def _refusal(complaint: Complaint, name: str, membership: StaffMembership | None) -> str:
    """Why the case need not go to this person, before asking the service, or ""."""
    stage = complaint.current_stage
    if stage is not None and stage.handler_id == getattr(membership, "user_id", None):
        return f"{name} handles it already."
    return ""
