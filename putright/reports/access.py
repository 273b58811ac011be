"""Who may see and change the reports (domain.md §1): the governing body and the MRC
(viewers), complaints officers and administrators read them; officers and administrators
write the narrative, enter TP09 and the medians, and keep the self-assessment."""

from __future__ import annotations

from putright.landlords.models import Role
from putright.landlords.permissions import REPORT_EDITORS
from putright.web.access import StaffRequest

REPORT_ROLES = frozenset({Role.VIEWER, Role.OFFICER, Role.ADMINISTRATOR})
#: The pages offer changes to these roles; the services check the same set.
EDIT_ROLES = REPORT_EDITORS


def can_edit(request: StaffRequest) -> bool:
    return request.membership.role in EDIT_ROLES
