"""The JSON API at ``/api/v1/`` (interfaces.md), its schema at ``/api/v1/openapi.json`` and
interactive documentation at ``/api/v1/docs``. docs/api.md is the guide.

A new resource is a router module under
``endpoints/`` that reads through ``selectors`` and writes through its app's services with
``endpoints.common.run_command``, added here with one ``add_router`` line.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import NinjaAPI

from putright.api.auth import ApiKeyAuth
from putright.api.endpoints import (
    code_notices,
    complaints,
    compliments,
    hazards,
    learning,
    ombudsman,
    records,
    reports,
    residents,
    staff,
)
from putright.api.errors import register_error_handlers
from putright.api.schemas import IndexOut

DESCRIPTION = """\
Complaints, service requests and member enquiries for one landlord, handled under the
Housing Ombudsman's Complaint Handling Code 2024; its residents, its cases at the Housing
Ombudsman, and its published complaint figures.

Authenticate with `Authorization: Bearer <key>`; a key belongs to one landlord and reads,
or reads and writes. Writes go through the same rules as the staff pages: a command the
complaint's state does not allow is refused with 409 `not_allowed_now`; values the rules
refuse with 422 and a message per field. Send `Idempotency-Key` to make a POST safe to
retry, and `If-Match` with the version you last saw to make sure nobody changed the record
since (412 if they did).

Reading a record, its timeline or its files is logged in the staff access log under the
key's name. Webhooks tell a registered URL when a complaint is logged, acknowledged,
responded to, escalated or closed, whether the change came through this API, the staff
pages or the resident portal.
"""

#: The groups of operations, in the order the documentation shows them.
TAGS = [
    {"name": "index", "description": "Where the schema and the documentation are."},
    {
        "name": "complaints",
        "description": "Any record by its reference: commands, timeline, files.",
    },
    {"name": "service requests", "description": "Service requests (domain.md §2)."},
    {
        "name": "member enquiries",
        "description": "Enquiries from councillors and MPs (domain.md §2).",
    },
    {"name": "residents", "description": "Residents, reasonable adjustments, representatives."},
    {"name": "staff", "description": "The people a stage can be allocated to."},
    {"name": "ombudsman cases", "description": "Cases at the Housing Ombudsman (domain.md §7)."},
    {"name": "reports", "description": "The annual report and TSM figures (Code 8.1)."},
    {"name": "compliments", "description": "Thanks by service area and staff member named."},
    {
        "name": "hazards",
        "description": "Awaab's Law clocks on a complaint's hazard, updated by the repairs system.",
    },
    {
        "name": "notices and spotlight reports",
        "description": "Code 8.5 notices of exceptional circumstances and the Ombudsman's spotlight "
        "reports with the assessment against each recommendation (read only).",
    },
    {
        "name": "critical case reviews",
        "description": "Complaints reviewed by a panel, its findings and its actions (Code 9.1; "
        "read only).",
    },
]

api = NinjaAPI(
    title="Putright API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    auth=ApiKeyAuth(),
    openapi_extra={"tags": TAGS},
)
register_error_handlers(api)
api.add_router("", complaints.router)
api.add_router("", records.service_requests)
api.add_router("", records.member_enquiries)
api.add_router("", residents.router)
api.add_router("", ombudsman.router)
api.add_router("", reports.router)
api.add_router("", staff.router)
api.add_router("", compliments.router)
api.add_router("", hazards.router)
api.add_router("", code_notices.router)
api.add_router("", learning.router)


@api.get(
    "/",
    auth=None,
    response=IndexOut,
    operation_id="index",
    summary="Where things are",
    tags=["index"],
)
def index(request: HttpRequest) -> dict[str, str]:
    return {
        "name": "Putright API",
        "version": "1",
        "openapi": "/api/v1/openapi.json",
        "docs": "/api/v1/docs",
    }
