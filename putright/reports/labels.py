"""Plain-English words for the codes in the report figures, in one place for every format.

The JSON keeps the codes (``partly_upheld``); the HTML, PDF and spreadsheet show the words
("Partly upheld"). Names that are not codes (a service area, a contractor, a theme, an
extension reason) are shown as they are.
"""

from __future__ import annotations

from putright.rules.codes import (
    AgeBand,
    CompensationReason,
    Disability,
    EscalationReason,
    NotAcceptedReason,
    Outcome,
    RemedyKind,
    RootCause,
    Sex,
    Tenure,
)

_CODE_LISTS = {
    "outcome": Outcome,
    "tenure": Tenure,
    "root_cause": RootCause,
    "not_accepted_reason": NotAcceptedReason,
    "escalation_reason": EscalationReason,
    "compensation_reason": CompensationReason,
    "remedy_kind": RemedyKind,
    "age_band": AgeBand,
    "sex": Sex,
    "disability": Disability,
}

#: Keys the reports add themselves.
_SPECIAL = {
    "not_recorded": "Not recorded",
    "not_given": "No reason given",
    "landlord": "The landlord itself",
    "unknown": "Not recorded",
}


def label(code_list: str | None, value: str) -> str:
    """The words for ``value`` from the named code list; other values are shown as they are."""
    if value in _SPECIAL and not (code_list == "tenure" and value == "unknown"):
        return _SPECIAL[value]
    codes = _CODE_LISTS.get(code_list or "")
    if codes is not None:
        try:
            return codes(value).label
        except ValueError:
            pass
    return value
