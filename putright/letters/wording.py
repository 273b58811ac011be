"""How the record is written in a letter: dates, sums of money and plain-English phrases.

GOV.UK style: dates written out in full ("8 April 2024"), never "working days" without a
date; amounts in pounds without pence when whole ("£150", "£1,250.50"). The required
elements (``elements.py``) look for these same strings in the letter, so both use this
module and a date is written one way everywhere.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from putright.rules.codes import EscalationReason, Outcome

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(day: dt.date | None) -> str:
    """``8 April 2024``; an empty string for no date. Independent of the server's locale."""
    if day is None:
        return ""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def pounds(amount: Decimal | None) -> str:
    """``£150``, ``£1,250.50``; an empty string for no amount."""
    if amount is None:
        return ""
    if amount == amount.to_integral_value():
        return f"£{int(amount):,}"
    return f"£{amount:,.2f}"


#: Code 6.12: the resident need not give a reason; when they did, the stage 2
#: acknowledgement says it back to them in their terms.
ESCALATION_REASON_SENTENCES: dict[str, str] = {
    EscalationReason.DISAGREES_WITH_DECISION: "You disagree with our stage 1 decision.",
    EscalationReason.ACTIONS_NOT_DONE: "We have not done what we said we would do.",
    EscalationReason.COMPENSATION: "You are not happy with the compensation we offered.",
    EscalationReason.POINTS_NOT_ADDRESSED: "We did not answer all the points of your complaint.",
}

#: The decision in the Code's words, as a resident reads it in "your complaint is ...".
DECISION_WORDS: dict[str, str] = {
    Outcome.UPHELD: "upheld",
    Outcome.PARTLY_UPHELD: "partly upheld",
    Outcome.NOT_UPHELD: "not upheld",
}

#: What the decision means, because "upheld" is not everyday English.
DECISION_MEANINGS: dict[str, str] = {
    Outcome.UPHELD: "This means we agree that we got things wrong.",
    Outcome.PARTLY_UPHELD: "This means we agree that we got some things wrong, but not everything.",
    Outcome.NOT_UPHELD: "This means we do not think we got things wrong.",
}


def one_line(text: str) -> str:
    """Text folded onto one line, for a bullet point: line breaks would end the bullet."""
    return " ".join(text.split())


def sentence(text: str) -> str:
    """Text as one sentence, ending with a full stop unless it already ends a sentence, so a
    letter never says "bid., by" or "… .: £100"."""
    text = one_line(text)
    if not text:
        return ""
    ending = text.rstrip("\"')]\u2019\u201d")
    if ending.endswith((".", "!", "?", "\u2026")):
        return text
    return text.rstrip(",;: ") + "."
