"""API reads of a case file, in the staff access log.

Domain.md §11: "Every read of a case file by staff is logged." An integration reading a
record's detail, its timeline or its files over the API reads the case file as much as a
member of staff on the case page does, so each such request writes one ``CaseRead`` row
through ``putright.web.services.case_read_record``, as the staff pages do, naming the key's
user (``api:<name>``) as the reader. Administrators see it on the same access log page.

Lists are not logged: they show references, states and dates, not the case file, and a
list of a hundred records must not cost a hundred writes. Answers to writes are not logged
either: the timeline already records the change and who made it.
"""

from __future__ import annotations

from putright.api.models import ApiKey
from putright.complaints.models import Complaint
from putright.landlords.models import Role, StaffMembership
from putright.landlords.permissions import membership
from putright.web.models import CaseRead
from putright.web.services import case_read_record

CASE = CaseRead.What.CASE
ATTACHMENT = CaseRead.What.ATTACHMENT


def _reader(api_key: ApiKey) -> StaffMembership:
    """The key's role at its landlord. Should an administrator have removed it, the log
    still names the key's user, with the role the key was issued with."""
    found = membership(api_key.user, api_key.landlord)
    if found is not None:
        return found
    role = Role.OFFICER if api_key.can_write else Role.VIEWER
    return StaffMembership(user=api_key.user, landlord=api_key.landlord, role=role)


def api_case_read_record(*, api_key: ApiKey, complaint: Complaint, what: str = CASE) -> CaseRead:
    """Log that the integration holding ``api_key`` read ``complaint``'s case file (its
    detail, timeline or a file): one row per request, written once the record was found."""
    return case_read_record(complaint=complaint, membership=_reader(api_key), what=what)
