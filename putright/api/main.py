"""The JSON API at ``/api/v1/`` (interfaces.md), its schema at ``/api/v1/openapi.json`` and
interactive documentation at ``/api/v1/docs``. docs/api.md is the guide.

A new resource (Ombudsman cases, report figures ...) is a router module under
``endpoints/`` that reads through ``selectors`` and writes through its app's services with
``endpoints.common.run_command``, added here with one ``add_router`` line.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import NinjaAPI

from putright.api.auth import ApiKeyAuth
from putright.api.endpoints import complaints, records, residents
from putright.api.errors import register_error_handlers
from putright.api.schemas import IndexOut

DESCRIPTION = """\
Complaints, service requests and member enquiries for one landlord, handled under the
Housing Ombudsman's Complaint Handling Code 2024.

Authenticate with `Authorization: Bearer <key>`; a key belongs to one landlord and reads,
or reads and writes. Writes go through the same rules as the staff pages: a command the
complaint's state does not allow is refused with 409 `not_allowed_now`; values the rules
refuse with 422 and a message per field. Send `Idempotency-Key` to make a POST safe to
retry, and `If-Match` with the version you last saw to make sure nobody changed the record
since (412 if they did).
"""

api = NinjaAPI(
    title="Putright API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    auth=ApiKeyAuth(),
)
register_error_handlers(api)
api.add_router("", complaints.router)
api.add_router("", records.service_requests)
api.add_router("", records.member_enquiries)
api.add_router("", residents.router)


@api.get("/", auth=None, response=IndexOut, operation_id="index", summary="Where things are")
def index(request: HttpRequest) -> dict[str, str]:
    return {
        "name": "Putright API",
        "version": "1",
        "openapi": "/api/v1/openapi.json",
        "docs": "/api/v1/docs",
    }
