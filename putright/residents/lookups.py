"""Finding a resident by what a caller gives over the phone (issue 12, item 7): their phone
number however it is spaced, their email address in any case, their tenancy reference
however it is spaced or cased.

Each is compared in one normal form, worked out by the database from the stored value (the
expressions below, each kept in an index of its own on ``Resident`` and ``Representative``)
and by Python from what was typed (the ``*_key`` functions), so a search is one indexed
look-up and the stored values stay exactly as they were entered. The SQL writes its
characters into the expression itself rather than passing them as parameters: SQLite uses
an index on an expression only for the same expression, parameters included.
"""

from __future__ import annotations

import re

from django.db.models import Func

#: What people put between the digits of a phone number: spaces, hyphens, brackets, dots.
_PHONE_SEPARATORS = re.compile(r"[ \-().]")
#: A UK number written internationally, +44 7700 900123, is 07700 900123 dialled at home.
_UK = "+44"


class PhoneKey(Func):
    """A phone number without its separators: ``07700 900-123`` is ``07700900123``."""

    function = "REPLACE"
    template = (
        "REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(%(expressions)s, ' ', ''), '-', ''), "
        "'(', ''), ')', ''), '.', '')"
    )


class CompactUpper(Func):
    """A reference without spaces, in capitals: ``ten 0045 12`` is ``TEN004512``."""

    function = "UPPER"
    template = "UPPER(REPLACE(%(expressions)s, ' ', ''))"


def phone_keys(text: str) -> list[str]:
    """The normal forms a typed phone number may be stored in: as typed without its
    separators, and for a UK number both ways of writing it (07700..., +447700...)."""
    key = _PHONE_SEPARATORS.sub("", text)
    keys = [key]
    if key.startswith(_UK):
        keys.append("0" + key[len(_UK) :])
    elif key.startswith("0") and not key.startswith("00"):
        keys.append(_UK + key[1:])
    return keys


def looks_like_phone(text: str) -> bool:
    """Digits, perhaps with a leading +, spaces and brackets; at least six digits."""
    key = _PHONE_SEPARATORS.sub("", text)
    return bool(re.fullmatch(r"\+?\d{6,15}", key))


def email_key(text: str) -> str:
    return text.strip().lower()


def tenancy_key(text: str) -> str:
    return text.replace(" ", "").upper()
