"""Cursor (keyset) pagination: a page is "the next ``limit`` rows after this one", so pages
stay right while records are added, and deep pages cost what the first one does.

The cursor is opaque to clients: URL-safe base64 of the last row's ordering values.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db.models import Model, Q, QuerySet

from putright.api.errors import ApiError

M = TypeVar("M", bound=Model)

DEFAULT_LIMIT = 25
MAX_LIMIT = 100


@dataclass(frozen=True)
class Ordering:
    """The fields a list is ordered by (each ascending or, with "-", descending; the last
    must be unique, e.g. the id), and how to read each back from a cursor."""

    fields: tuple[str, ...]
    parsers: tuple[Callable[[Any], Any], ...]

    def values(self, obj: Model) -> list[Any]:
        out: list[Any] = []
        for field in self.fields:
            value = getattr(obj, field.lstrip("-"))
            out.append(value.isoformat() if hasattr(value, "isoformat") else value)
        return out


@dataclass(frozen=True)
class Page(Generic[M]):
    items: list[M]
    next_cursor: str | None


def encode_cursor(values: Sequence[Any]) -> str:
    raw = json.dumps(list(values), separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, ordering: Ordering) -> list[Any]:
    """The ordering values in a cursor, or 422 ``invalid_cursor``."""
    invalid = ApiError(
        422,
        "invalid_cursor",
        "The cursor is not one this list gave out: start again without it.",
        {"cursor": "Not a cursor from this list."},
    )
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise invalid from None
    if not isinstance(values, list) or len(values) != len(ordering.fields):
        raise invalid
    try:
        return [parse(v) for parse, v in zip(ordering.parsers, values, strict=True)]
    except (TypeError, ValueError, OverflowError):
        raise invalid from None


def _after(ordering: Ordering, values: list[Any]) -> Q:
    """Rows strictly after ``values`` in the ordering: (a > x) or (a = x and b > y) ..."""
    condition = Q()
    equal: dict[str, Any] = {}
    for field, value in zip(ordering.fields, values, strict=True):
        name = field.lstrip("-")
        op = "lt" if field.startswith("-") else "gt"
        condition |= Q(**equal, **{f"{name}__{op}": value})
        equal[name] = value
    return condition


def paginate(
    queryset: QuerySet[M], ordering: Ordering, *, cursor: str | None, limit: int
) -> Page[M]:
    """One page of ``queryset`` in ``ordering``, after ``cursor`` if given."""
    queryset = queryset.order_by(*ordering.fields)
    if cursor:
        queryset = queryset.filter(_after(ordering, decode_cursor(cursor, ordering)))
    rows = list(queryset[: limit + 1])
    items = rows[:limit]
    more = len(rows) > limit
    return Page(
        items=items, next_cursor=encode_cursor(ordering.values(items[-1])) if more else None
    )


def bounded_int(value: Any) -> int:
    """An id from a cursor: an int that fits a database integer."""
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 2**63:
        raise ValueError("not an id")
    return value
