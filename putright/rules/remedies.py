"""The Housing Ombudsman's remedies guidance, as guidance shown when an amount is chosen
(Code 7.4: landlords must take account of the Ombudsman's guidance on remedies; domain.md §6).

Two editions:

- the remedies guidance in force before 1 April 2026, which gives bands of compensation by
  the impact of the failure on the resident: £50 to £100, £100 to £600, £600 to £1,000, and
  £1,000 or more;
- the compensation guidance in force from 1 April 2026, which adds fixed sums for some
  failures (for example a sum per day without heating, or per missed appointment).

These are defaults. Each landlord keeps its own copy in the database (ombudsman app,
editable in the Django admin) so that it can check them against the Ombudsman's published
guidance and update them, and it can add the bands of its own compensation policy. Nothing
here decides an amount: it is guidance for the person choosing one.

Also the plain sentence each kind of remedy says to the resident (``resident_wording``), which
the response form starts from, so a letter never carries the handler's internal note.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

#: The Ombudsman's compensation guidance with fixed sums takes effect on this date.
FIXED_SUMS_IN_FORCE_FROM = dt.date(2026, 4, 1)


class Edition(StrEnum):
    """Which of the Ombudsman's guidance a band or fixed sum belongs to, or the landlord's own."""

    BANDS_BEFORE_2026 = "hos_bands"
    FIXED_SUMS_FROM_2026 = "hos_2026"
    LANDLORD_POLICY = "landlord"

    @property
    def label(self) -> str:
        return {
            Edition.BANDS_BEFORE_2026: "Housing Ombudsman remedies guidance (before 1 April 2026)",
            Edition.FIXED_SUMS_FROM_2026: "Housing Ombudsman compensation guidance (from 1 April 2026)",
            Edition.LANDLORD_POLICY: "Our compensation policy",
        }[self]


class Per(StrEnum):
    """What a fixed sum is paid for each of."""

    DAY = "day"
    WEEK = "week"
    APPOINTMENT = "appointment"
    OCCURRENCE = "occurrence"

    @property
    def label(self) -> str:
        return {
            Per.DAY: "per day",
            Per.WEEK: "per week",
            Per.APPOINTMENT: "per missed appointment",
            Per.OCCURRENCE: "each time",
        }[self]


@dataclass(frozen=True, slots=True)
class Band:
    """A band of compensation for a level of impact on the resident. ``upper`` None means
    "or more"."""

    impact: str
    lower: Decimal
    upper: Decimal | None
    description: str = ""

    @property
    def words(self) -> str:
        """ "£50 to £100", "£1,000 or more"."""
        if self.upper is None:
            return f"{money(self.lower)} or more"
        return f"{money(self.lower)} to {money(self.upper)}"

    def contains(self, amount: Decimal) -> bool:
        """True if ``amount`` is within the band, both ends included (the published bands
        touch: £100 is the top of one and the bottom of the next)."""
        return amount >= self.lower and (self.upper is None or amount <= self.upper)


@dataclass(frozen=True, slots=True)
class FixedSum:
    """A fixed sum for one kind of failure, e.g. £15 for each missed appointment."""

    what: str
    amount: Decimal
    per: Per
    description: str = ""

    @property
    def words(self) -> str:
        return f"{money(self.amount)} {self.per.label}"

    def total(self, units: int) -> Decimal:
        """The sum for ``units`` days, weeks, appointments or occurrences."""
        if units < 0:
            raise ValueError(f"units cannot be negative, not {units}")
        return self.amount * units


#: The bands of the Ombudsman's remedies guidance before 1 April 2026, by impact.
OMBUDSMAN_BANDS: tuple[Band, ...] = (
    Band(
        "Minor impact",
        Decimal("50"),
        Decimal("100"),
        "A failure that did not significantly affect the outcome for the resident, for "
        "example a short delay or a one-off failure to keep them informed.",
    ),
    Band(
        "Some impact",
        Decimal("100"),
        Decimal("600"),
        "A failure that adversely affected the resident, perhaps for a short time, which "
        "the landlord did not recognise or put right itself.",
    ),
    Band(
        "Significant impact",
        Decimal("600"),
        Decimal("1000"),
        "A considerable failure with a significant impact on the resident, though no "
        "lasting harm, for example a long delay in a repair affecting daily life.",
    ),
    Band(
        "Severe long-term impact",
        Decimal("1000"),
        None,
        "A failure with a severe or long-term impact, for example one that affected the "
        "resident's health or left them living with a serious hazard for a long time.",
    ),
)

#: The fixed sums of the Ombudsman's compensation guidance in force from 1 April 2026.
OMBUDSMAN_FIXED_SUMS: tuple[FixedSum, ...] = (
    FixedSum("Complete loss of heating and hot water", Decimal("15"), Per.DAY),
    FixedSum("Loss of heating or of hot water (one of them)", Decimal("8"), Per.DAY),
    FixedSum("Complete loss of power", Decimal("10"), Per.DAY),
    FixedSum("Loss of lighting only", Decimal("10"), Per.WEEK),
    FixedSum("Missed appointment", Decimal("15"), Per.APPOINTMENT),
)


def money(amount: Decimal) -> str:
    """Pounds as people write them: £50, £1,000, £12.50."""
    quantised = amount.quantize(Decimal("0.01"))
    if quantised == quantised.to_integral_value():
        return f"£{int(quantised):,}"
    return f"£{quantised:,.2f}"


#: What each kind of remedy says to the resident when the handler has not worded it: a
#: plain sentence in "we" and "you", never the internal description (Code 7.2, 6.9(e)).
RESIDENT_WORDING: dict[str, str] = {
    "apology": "We are sorry for what went wrong.",
    "acknowledgement": "We accept that we got things wrong.",
    "explanation": "We have explained in this letter what happened and why.",
    "action_on_delay": "We will deal with the delay you told us about.",
    "reconsider_decision": "We will look at our decision again.",
    "correct_record": "We will correct our records.",
    "change_policy": "We will change how we work so that this does not happen again.",
}
#: What the money is for, as the sentence "We will pay you £150 ..." ends.
COMPENSATION_FOR: dict[str, str] = {
    "delay_failure": "for the delay and the service you did not get",
    "time_trouble": "for your time and trouble",
    "distress_inconvenience": "for the distress and inconvenience this caused you",
    "reimbursement": "to pay back what this cost you",
    "goodwill": "as a goodwill payment",
}


def resident_wording(kind: str, amount: Decimal | None = None, reason: str = "") -> str:
    """The sentence a remedy of ``kind`` says to the resident, for the handler to start
    from: "We will pay you £150 for your time and trouble." for a financial remedy."""
    if kind == "financial":
        sentence = "We will pay you"
        if amount is not None:
            sentence += f" {money(amount)}"
        if reason in COMPENSATION_FOR:
            sentence += f" {COMPENSATION_FOR[reason]}"
        return sentence + "."
    return RESIDENT_WORDING.get(kind, "")


def bands_for_amount(bands: Sequence[Band], amount: Decimal) -> tuple[Band, ...]:
    """The bands an amount falls in: usually one, two where bands touch (£100 is the top of
    "minor" and the bottom of "some"), none below the lowest band."""
    return tuple(band for band in bands if band.contains(amount))


def band_problems(bands: Sequence[Band]) -> dict[str, str]:
    """What is wrong with a set of bands as a landlord entered them, if anything: each band
    runs upwards from zero or more, they are in order without overlapping (touching is
    fine), and only the last may be open-ended."""
    problems: dict[str, str] = {}
    for i, band in enumerate(bands, start=1):
        if not band.impact.strip():
            problems.setdefault(f"band {i}", f"Band {i} needs a level of impact.")
        if band.lower < 0:
            problems.setdefault(f"band {i}", f"Band {i} cannot start below £0.")
        if band.upper is not None and band.upper <= band.lower:
            problems.setdefault(f"band {i}", f"Band {i} must end above where it starts.")
        if band.upper is None and i != len(bands):
            problems.setdefault(f"band {i}", "Only the last band can have no upper limit.")
        if i > 1:
            before = bands[i - 2]
            if before.upper is not None and band.lower < before.upper:
                problems.setdefault(
                    f"band {i}",
                    f"Band {i} starts before band {i - 1} ends ({money(before.upper)}).",
                )
    return problems


def fixed_sums_in_force(on: dt.date) -> bool:
    """Code 7.4: from 1 April 2026 the Ombudsman's compensation guidance with fixed sums is
    the one to take account of; before it, the bands by impact."""
    return on >= FIXED_SUMS_IN_FORCE_FROM
