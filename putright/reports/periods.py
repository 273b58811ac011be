"""The periods reports cover: a financial year (1 April to 31 March, counting-rules.md) and
its quarters (Q1 is April to June), for the quarterly update to the MRC (Code 9.7)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from putright.rules.calendar import FIRST_YEAR
from putright.rules.counting import financial_year, financial_year_label, financial_year_of

QUARTER_PATTERN = re.compile(r"(\d{4})-Q([1-4])")
_MONTH_NAMES = ("April", "July", "October", "January")


@dataclass(frozen=True, slots=True)
class Period:
    """A span of dates, both ends included, with the words to name it."""

    start: dt.date
    end: dt.date
    label: str

    def as_dict(self) -> dict[str, str]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}


def report_years(on: dt.date) -> range:
    """The financial years a report can be asked for on ``on``: from the first year the
    working-day calendar covers to the year after the current one (a quarter's page links
    to the quarter after it). Anything else has no figures and cannot be counted."""
    return range(FIRST_YEAR, financial_year_of(on) + 2)


def year_period(year: int) -> Period:
    start, end = financial_year(year)
    return Period(start, end, financial_year_label(year))


@dataclass(frozen=True, slots=True, order=True)
class Quarter:
    """Quarter ``number`` (1-4) of financial year ``year``: 2024-Q1 is April to June 2024."""

    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """ "2024-Q1" -> Quarter(2024, 1); ValueError with a plain reason otherwise."""
        match = QUARTER_PATTERN.fullmatch(text.strip().upper())
        if not match:
            raise ValueError(
                f"a quarter is written like 2024-Q1 (April to June 2024), not {text!r}"
            )
        return cls(int(match[1]), int(match[2]))

    @classmethod
    def containing(cls, day: dt.date) -> Quarter:
        year = financial_year_of(day)
        months_in = (day.month - 4) % 12
        return cls(year, months_in // 3 + 1)

    def __str__(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def period(self) -> Period:
        first_month = (3 + 3 * (self.number - 1)) % 12 + 1
        first_year = self.year if self.number < 4 else self.year + 1
        start = dt.date(first_year, first_month, 1)
        next_start = (
            dt.date(first_year + 1, 1, 1)
            if first_month == 10
            else dt.date(first_year, first_month + 3, 1)
        )
        end = next_start - dt.timedelta(days=1)
        label = f"{start:%B} to {end:%B %Y} (Q{self.number} {financial_year_label(self.year)})"
        return Period(start, end, label)

    def previous(self, n: int = 1) -> Quarter:
        index = self.year * 4 + (self.number - 1) - n
        return Quarter(index // 4, index % 4 + 1)

    def year_to_date(self) -> Period:
        """From 1 April to the end of this quarter."""
        return Period(financial_year(self.year)[0], self.period.end, "year to date")
