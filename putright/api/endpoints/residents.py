"""``/residents``: residents with their agreed reasonable adjustments (Code 5.10) and
representatives with their consent (Code 3.6). Read-only for now: residents are written
by the staff pages and the register import; API writes wait for resident services."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from putright.api.auth import current_key
from putright.api.endpoints.common import READ_ERRORS
from putright.api.pagination import Ordering, bounded_int, paginate
from putright.api.schemas import Id, ResidentOut, ResidentPage
from putright.api.selectors import resident_get, residents_of
from putright.api.serialize import resident_detail, resident_summary

router = Router(tags=["residents"])


def _name(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("not a name")
    return value


ORDER = Ordering(fields=("name", "id"), parsers=(_name, bounded_int))


class ResidentFilters(Schema):
    name: str | None = Field(None, max_length=200, description="Part of the name.")
    cursor: str | None = Field(None, max_length=500, description="From the previous page.")
    limit: int = Field(25, ge=1, le=100)


@router.get(
    "/residents",
    response={200: ResidentPage, **READ_ERRORS},
    operation_id="residents_list",
    summary="List residents by name",
)
def residents_list(request: HttpRequest, filters: Query[ResidentFilters]) -> dict[str, Any]:
    qs = residents_of(current_key(request).landlord)
    if filters.name:
        qs = qs.filter(name__icontains=filters.name.replace("\x00", ""))
    page = paginate(qs, ORDER, cursor=filters.cursor, limit=filters.limit)
    return {"items": [resident_summary(r) for r in page.items], "next_cursor": page.next_cursor}


@router.get(
    "/residents/{resident_id}",
    response={200: ResidentOut, **READ_ERRORS},
    operation_id="residents_get",
    summary="A resident, with adjustments and representatives",
)
def residents_get(request: HttpRequest, resident_id: Id) -> dict[str, Any]:
    return resident_detail(resident_get(current_key(request).landlord, resident_id))
