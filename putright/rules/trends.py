"""The trend signal: is a theme's count in the last three months well above its own baseline?

Code 9.4: the senior lead assesses themes and trends to find systemic issues and serious
risks; domain.md §8 asks that a rise (e.g. in damp and mould) be easy to see.

How it decides, for one theme, from its complaints counted by day received:

1. **Recent**: the count in the last three months: the two whole months before the current
   one and the current month up to today. The current month is unfinished for most of
   every month, so it is never set against whole months (that would dilute a real rise
   until the month ends): every window it is compared with is cut the same way.
2. **Baseline**: the counts of the twelve rolling three-month windows before those three
   months (windows ending one, two ... twelve months before the recent window starts), so
   the baseline covers the fourteen months before the recent window and each month of the
   year counts in it. Each is two whole months and the first days of its third month, as
   many days as the current month has had so far (all of a shorter month): like with like
   on any day of the month. Its mean is the count the theme usually has in such a window.
   A window that starts before the landlord's records do is not counted: months before the
   history began are unknown, not zero.
3. **Spread**: counts of complaints are roughly Poisson, but themes are often more variable
   than that (seasons, one bad contractor). The dispersion is the baseline windows'
   variance over their mean, never less than 1; a theme that swings a lot needs a bigger
   rise to be flagged (the quasi-Poisson scaling used by the Farrington method of
   outbreak detection: counts and mean are divided by the dispersion).
4. **Threshold**: the smallest recent count whose upper-tail probability under that
   (scaled) Poisson baseline is below 1 in 100. A theme is flagged when its recent count
   reaches the threshold and is at least the minimum count (5), so that a rise from 0 to 2
   is not called a trend. A baseline mean below 0.5 is taken as 0.5 for the same reason.
5. **History**: with fewer than four baseline windows (under seven months of history before
   the recent window) there is nothing to compare with, and the signal stays quiet.

``trend_signal`` reads whole months (the caller's months are complete); ``trend_signal_on``
reads days and applies the cut above, and is what the product uses.

The signal is a prompt to look, not a finding: the page shows the counts behind it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

WINDOW_MONTHS = 3
BASELINE_WINDOWS = 12
MIN_BASELINE_WINDOWS = 4
MIN_COUNT = 5
ALPHA = 0.01
MIN_BASELINE_MEAN = 0.5


@dataclass(frozen=True, slots=True)
class TrendSignal:
    """What the signal found for one theme."""

    recent: int
    baseline_windows: tuple[int, ...]
    baseline_mean: float
    dispersion: float
    threshold: int | None
    p_value: float | None
    flagged: bool
    reason: str

    @property
    def enough_history(self) -> bool:
        return len(self.baseline_windows) >= MIN_BASELINE_WINDOWS


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(month: dt.date, n: int) -> dt.date:
    """The first of the month ``n`` months after (or before, for negative ``n``) ``month``."""
    index = month.year * 12 + (month.month - 1) + n
    return dt.date(index // 12, index % 12 + 1, 1)


def months_ending(last: dt.date, count: int) -> list[dt.date]:
    """The first days of the ``count`` months ending with the month of ``last``, oldest first."""
    end = month_start(last)
    return [add_months(end, -i) for i in range(count - 1, -1, -1)]


def monthly_counts(days: Iterable[dt.date], months: Sequence[dt.date]) -> list[int]:
    """How many of ``days`` fall in each of ``months`` (first days of months, in order)."""
    index = {m: i for i, m in enumerate(months)}
    counts = [0] * len(months)
    for day in days:
        i = index.get(month_start(day))
        if i is not None:
            counts[i] += 1
    return counts


def poisson_upper_tail(k: float, mean: float) -> float:
    """P(X >= k) for X ~ Poisson(mean), k rounded down to a whole count (so a scaled count
    between two whole numbers is treated generously to the baseline)."""
    if mean < 0:
        raise ValueError(f"a Poisson mean cannot be negative, not {mean}")
    whole = math.floor(k)
    if whole <= 0:
        return 1.0
    if mean == 0:
        return 0.0
    # P(X >= k) = 1 - sum_{i<k} e^-mean mean^i / i!, in log space to stay finite.
    log_terms = [-mean + i * math.log(mean) - math.lgamma(i + 1) for i in range(whole)]
    top = max(log_terms)
    below = math.exp(top) * sum(math.exp(t - top) for t in log_terms)
    return max(0.0, min(1.0, 1.0 - below))


def baseline_windows(monthly: Sequence[int], windows: int = BASELINE_WINDOWS) -> tuple[int, ...]:
    """The rolling three-month counts before the last three months, most recent first."""
    found: list[int] = []
    # The recent window is the last three months; the first baseline window ends the month
    # before it starts.
    end = len(monthly) - WINDOW_MONTHS - 1
    while len(found) < windows and end - WINDOW_MONTHS + 1 >= 0:
        found.append(sum(monthly[end - WINDOW_MONTHS + 1 : end + 1]))
        end -= 1
    return tuple(found)


def _scaled_tail(recent: int, mean: float, dispersion: float) -> float:
    return poisson_upper_tail(recent / dispersion, mean / dispersion)


def trend_signal(
    monthly: Sequence[int],
    *,
    min_count: int = MIN_COUNT,
    alpha: float = ALPHA,
    windows: int = BASELINE_WINDOWS,
) -> TrendSignal:
    """The trend signal for one theme from whole months' counts, oldest first, the last three
    being the recent window (see the module's docstring for how it decides)."""
    if any(c < 0 for c in monthly):
        raise ValueError("monthly counts cannot be negative")
    recent = sum(monthly[-WINDOW_MONTHS:])
    return signal_from_windows(
        recent, baseline_windows(monthly, windows), min_count=min_count, alpha=alpha
    )


def window_dates(last_month: dt.date, day: int) -> tuple[dt.date, dt.date]:
    """The first and last day of the three-month window whose third month is
    ``last_month``, counting that month only up to its ``day``-th day (or its last day, in
    a shorter month)."""
    last_month = month_start(last_month)
    length = calendar.monthrange(last_month.year, last_month.month)[1]
    return add_months(last_month, -(WINDOW_MONTHS - 1)), last_month.replace(day=min(day, length))


def trend_windows(
    today: dt.date, history_start: dt.date | None = None, windows: int = BASELINE_WINDOWS
) -> tuple[tuple[dt.date, dt.date], tuple[tuple[dt.date, dt.date], ...]]:
    """The recent window ending ``today`` and the baseline windows before it, most recent
    first, each as (first day, last day), cut alike (module docstring, steps 1 and 2).
    Baseline windows starting before ``history_start`` are left out."""
    this_month = month_start(today)
    recent = window_dates(this_month, today.day)
    baseline = []
    for k in range(1, windows + 1):
        first, last = window_dates(add_months(this_month, -(WINDOW_MONTHS - 1) - k), today.day)
        if history_start is not None and first < history_start:
            break
        baseline.append((first, last))
    return recent, tuple(baseline)


def trend_signal_on(
    days: Iterable[dt.date],
    today: dt.date,
    *,
    history_start: dt.date | None = None,
    min_count: int = MIN_COUNT,
    alpha: float = ALPHA,
    windows: int = BASELINE_WINDOWS,
) -> TrendSignal:
    """The trend signal for one theme on ``today``, from the days its complaints were
    received, comparing like with like on any day of the month; ``history_start`` is the
    first day the landlord's records cover (windows before it are unknown, not zero)."""
    recent_window, baseline = trend_windows(today, history_start, windows)
    received = sorted(days)

    def count(first: dt.date, last: dt.date) -> int:
        return bisect_right(received, last) - bisect_left(received, first)

    return signal_from_windows(
        count(*recent_window),
        tuple(count(*w) for w in baseline),
        min_count=min_count,
        alpha=alpha,
    )


def signal_from_windows(
    recent: int,
    base: tuple[int, ...],
    *,
    min_count: int = MIN_COUNT,
    alpha: float = ALPHA,
) -> TrendSignal:
    """Steps 3 to 5 of the module's docstring, from the recent count and the baseline
    windows' counts (most recent first)."""
    if recent < 0 or any(b < 0 for b in base):
        raise ValueError("counts cannot be negative")
    if len(base) < MIN_BASELINE_WINDOWS:
        return TrendSignal(
            recent, base, 0.0, 1.0, None, None, False, "Not enough history to compare with yet."
        )
    mean = sum(base) / len(base)
    variance = sum((b - mean) ** 2 for b in base) / (len(base) - 1)
    dispersion = max(1.0, variance / mean) if mean > 0 else 1.0
    expected = max(mean, MIN_BASELINE_MEAN)
    threshold = max(min_count, math.ceil(expected))
    while _scaled_tail(threshold, expected, dispersion) >= alpha:
        threshold += 1
    p_value = _scaled_tail(recent, expected, dispersion)
    flagged = recent >= threshold
    if flagged:
        reason = (
            f"{recent} in the last three months against a usual {mean:.1f}: "
            f"well above its baseline (flagged at {threshold} or more)."
        )
    elif recent > mean:
        reason = (
            f"{recent} in the last three months against a usual {mean:.1f}: higher, but "
            f"within the usual variation (flagged at {threshold} or more)."
        )
    else:
        reason = f"{recent} in the last three months against a usual {mean:.1f}."
    return TrendSignal(recent, base, mean, dispersion, threshold, p_value, flagged, reason)
