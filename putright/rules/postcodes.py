"""UK postcodes as the record keeps them: one form, so a home is found whoever typed it.

Royal Mail writes a postcode in capitals with one space before the inward code (its last
three characters): "SW1A 1AA", "M1 1AA". Staff, residents on the website, the API and
files all type postcodes their own way ("sw1a1aa", " SW1A  1AA "); every place that stores
or looks up a postcode passes it through ``normalise_postcode`` first.
"""

from __future__ import annotations

import re

#: A full UK postcode without spaces: the outward code (A9, A99, AA9, AA99, A9A, AA9A)
#: and the inward code (9AA).
_COMPACT = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")

#: A full UK postcode in the record's form, "SW1A 1AA".
POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$")


def normalise_postcode(postcode: str) -> str:
    """The postcode in Royal Mail's form: "sw1a1aa" and " SW1A  1AA " give "SW1A 1AA".

    Text that is not a full postcode (a partial one, or a mistake) is kept in capitals with
    its spaces tidied, so that nothing anyone typed is lost.
    """
    words = postcode.upper().split()
    match = _COMPACT.match("".join(words))
    if match is None:
        return " ".join(words)
    outward, inward = match.groups()
    return f"{outward} {inward}"


def is_postcode(postcode: str) -> bool:
    """Whether the text, once normalised, is a full UK postcode."""
    return POSTCODE.match(normalise_postcode(postcode)) is not None
