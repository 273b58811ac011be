"""The one write the web layer makes itself: the access log.

Domain.md §11: "Every read of a case file by staff is logged." The staff workspace logs
each read of a case page, letter or attachment here, and the API each read of a record's
detail, timeline or files, so administrators see both on the same access log.
"""

from __future__ import annotations

from putright.complaints.models import Complaint
from putright.landlords.models import StaffMembership
from putright.web.models import CaseRead


def case_read_record(
    *, complaint: Complaint, membership: StaffMembership, what: str = CaseRead.What.CASE
) -> CaseRead:
    """Log that a member of staff (or an API key's user) read the case file, or a letter or
    file in it."""
    return CaseRead.objects.create(
        landlord_id=complaint.landlord_id,
        complaint=complaint,
        user_id=membership.user_id,
        role=membership.role,
        what=what,
    )
