"""``/handlers``: the people a stage can be allocated to (issue 12, item 6), the choices the
staff pages' allocation lists offer: the landlord's staff whose role handles complaints
(``putright.rules.allocation``: not a viewer, an administrator or an API key's own user),
each with the username that ``POST .../allocate`` takes, whether they may take stage 2,
the contractor they work for, and when they are away. An API key's own user is an
integration, not a person: it is never listed, and never accepted as a handler."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from putright.api.auth import current_key
from putright.api.endpoints.common import READ_ERRORS
from putright.landlords.models import StaffMembership, today
from putright.landlords.selectors import allocatable, away_words
from putright.web.access import STAGE2_ROLES

router = Router(tags=["staff"])


class HandlerFilters(Schema):
    stage: int | None = Field(
        None, ge=1, le=2, description="2: only those who may take stage 2 (Code 6.13)."
    )


class HandlerOut(Schema):
    username: str = Field(description="What POST .../allocate takes as the handler.")
    name: str
    role: str
    contractor_id: int | None = Field(description="The contractor they work for, if any.")
    may_take_stage2: bool
    away_from: dt.date | None = Field(description="The first day away, if they are away.")
    away_until: dt.date | None = Field(description="The last day away, if known.")
    away: str = Field(
        description='In words, as the staff pages say it: "away until 14 December"; empty '
        "when they are not away."
    )


@router.get(
    "/handlers",
    response={200: list[HandlerOut], **READ_ERRORS},
    operation_id="handlers_list",
    summary="The people a stage can be allocated to, and when each is away",
)
def handlers_list(request: HttpRequest, filters: Query[HandlerFilters]) -> list[dict[str, Any]]:
    """By name. Someone away is still listed, with the dates: whether to give them work is
    the landlord's choice."""
    people = allocatable(current_key(request).landlord).select_related("user")
    if filters.stage == 2:
        people = people.filter(role__in=STAGE2_ROLES, contractor__isnull=True)
    on = today()
    return sorted(
        (_handler(m, on) for m in people), key=lambda h: (h["name"].lower(), h["username"])
    )


def _handler(m: StaffMembership, on: dt.date) -> dict[str, Any]:
    return {
        "username": m.user.get_username(),
        "name": m.user.get_full_name().strip() or m.user.get_username(),
        "role": m.role,
        "contractor_id": m.contractor_id,
        "may_take_stage2": m.role in STAGE2_ROLES and m.contractor_id is None,
        "away_from": m.away_from,
        "away_until": m.away_until,
        "away": away_words(m, on),
    }
