"""The trend signal (Code 9.4, domain.md §8), on generated data with and without a rise."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from putright.rules.trends import (
    MIN_COUNT,
    add_months,
    baseline_windows,
    monthly_counts,
    months_ending,
    poisson_upper_tail,
    trend_signal,
    trend_signal_on,
    trend_windows,
    window_dates,
)


def poisson(rng: random.Random, mean: float) -> int:
    """A Poisson draw (Knuth), so the generated data has the variation real counts have."""
    limit, k, p = pow(2.718281828459045, -mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def steady(rng: random.Random, mean: float, months: int) -> list[int]:
    return [poisson(rng, mean) for _ in range(months)]


def test_damp_and_mould_flags_after_the_first_cold_month():
    # 17 months of about 2 damp and mould complaints a month, then October brings 7 and
    # November 10: the last three months (September to November) are well above the year.
    rng = random.Random(2024)
    monthly = [*steady(rng, 2.0, 15), 7, 10]
    signal = trend_signal(monthly)
    assert signal.flagged, signal
    assert signal.recent == monthly[-3] + 17
    assert "well above its baseline" in signal.reason


def test_a_steady_theme_stays_quiet_across_many_generated_years():
    rng = random.Random(7)
    false_alarms = 0
    trials = 400
    for _ in range(trials):
        mean = rng.choice([0.5, 1, 2, 4, 8, 15])
        if trend_signal(steady(rng, mean, 17)).flagged:
            false_alarms += 1
    # The threshold is set at 1 in 100 per theme; allow for chance but not for a habit.
    assert false_alarms <= trials * 0.02, false_alarms


def test_a_clear_rise_is_found_in_most_generated_series():
    rng = random.Random(11)
    found = 0
    trials = 200
    for _ in range(trials):
        mean = rng.choice([2, 4, 8])
        monthly = steady(rng, mean, 14) + steady(rng, mean * 3, 3)
        found += trend_signal(monthly).flagged
    assert found >= trials * 0.9, found


def test_a_seasonal_theme_needs_a_bigger_rise_than_a_steady_one():
    # Last winter's peak is in the baseline: a theme that swings a lot is more dispersed.
    swinging = [1, 1, 1, 6, 9, 9, 6, 1, 1, 1, 1, 1, 1, 1, 1, 5, 5]
    flat = [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 5, 5, 5]
    assert trend_signal(swinging).dispersion > 1
    assert trend_signal(flat).dispersion == 1
    assert trend_signal(swinging).threshold > trend_signal(flat).threshold


def test_a_rise_from_nothing_to_a_handful_is_not_a_trend_below_the_minimum_count():
    monthly = [0] * 14 + [1, 1, 2]
    signal = trend_signal(monthly)
    assert signal.recent == 4 < MIN_COUNT
    assert not signal.flagged
    assert signal.threshold == MIN_COUNT


def test_a_new_theme_with_five_in_three_months_is_flagged():
    assert trend_signal([0] * 14 + [1, 2, 2]).flagged


def test_without_enough_history_the_signal_stays_quiet():
    signal = trend_signal([0, 0, 0, 0, 0, 40, 50, 60])
    assert not signal.enough_history
    assert not signal.flagged
    assert signal.threshold is None
    assert signal.reason == "Not enough history to compare with yet."


def test_a_fall_is_never_flagged():
    signal = trend_signal([10] * 14 + [0, 0, 1])
    assert not signal.flagged
    assert signal.reason.startswith("1 in the last three months against a usual 30.0")


def test_a_higher_count_within_the_usual_variation_says_so():
    signal = trend_signal([3] * 14 + [3, 4, 4])
    assert not signal.flagged
    assert "within the usual variation" in signal.reason


def test_the_baseline_is_the_twelve_rolling_windows_before_the_last_three_months():
    monthly = list(range(1, 18))  # 17 months: 1, 2, ... 17
    windows = baseline_windows(monthly)
    assert len(windows) == 12
    # The recent window is months 15-17; the first baseline window is months 12-14.
    assert windows[0] == 12 + 13 + 14
    assert windows[-1] == 1 + 2 + 3


def test_baseline_windows_are_fewer_with_a_shorter_history():
    assert baseline_windows([1] * 8) == (3, 3, 3)
    assert baseline_windows([1] * 5) == ()


def test_negative_counts_are_refused():
    with pytest.raises(ValueError, match="negative"):
        trend_signal([1] * 16 + [-1])


@pytest.mark.parametrize(
    ("k", "mean", "expected"),
    [
        (0, 3.0, 1.0),
        (1, 0.0, 0.0),
        (1, 2.0, 1 - 0.1353352832366127),
        (3, 1.0, 1 - (0.36787944117144233 * (1 + 1 + 0.5))),
        (2.7, 1.0, 1 - 0.36787944117144233 * 2),
    ],
)
def test_poisson_upper_tail_against_hand_figures(k, mean, expected):
    assert poisson_upper_tail(k, mean) == pytest.approx(expected, abs=1e-12)


def test_poisson_upper_tail_refuses_a_negative_mean():
    with pytest.raises(ValueError):
        poisson_upper_tail(1, -1)


@given(st.floats(min_value=0.01, max_value=200), st.integers(min_value=0, max_value=400))
def test_poisson_upper_tail_is_a_probability_falling_as_k_rises(mean, k):
    here = poisson_upper_tail(k, mean)
    assert 0.0 <= here <= 1.0
    assert poisson_upper_tail(k + 1, mean) <= here + 1e-12


@given(st.lists(st.integers(min_value=0, max_value=60), min_size=17, max_size=30))
def test_the_signal_fires_exactly_at_or_above_its_threshold(monthly):
    signal = trend_signal(monthly)
    assert signal.threshold is not None and signal.threshold >= MIN_COUNT
    assert signal.flagged == (signal.recent >= signal.threshold)
    assert signal.recent == sum(monthly[-3:])


@given(
    st.lists(st.integers(min_value=0, max_value=30), min_size=17, max_size=17),
    st.integers(min_value=0, max_value=30),
)
def test_more_recent_complaints_never_turn_a_flag_off(monthly, extra):
    raised = [*monthly[:-1], monthly[-1] + extra]
    if trend_signal(monthly).flagged:
        assert trend_signal(raised).flagged


def test_months_and_monthly_counts():
    months = months_ending(dt.date(2025, 2, 17), 4)
    assert months == [
        dt.date(2024, 11, 1),
        dt.date(2024, 12, 1),
        dt.date(2025, 1, 1),
        dt.date(2025, 2, 1),
    ]
    assert add_months(dt.date(2024, 1, 1), -1) == dt.date(2023, 12, 1)
    assert add_months(dt.date(2024, 12, 1), 13) == dt.date(2026, 1, 1)
    days = [dt.date(2024, 12, 31), dt.date(2025, 2, 1), dt.date(2025, 2, 28), dt.date(2023, 1, 1)]
    assert monthly_counts(days, months) == [0, 1, 0, 2]


# Part-months: the current month against the same days of earlier months ------------------


def every_day(first: dt.date, last: dt.date, per_day: int = 1) -> list[dt.date]:
    days = []
    day = first
    while day <= last:
        days += [day] * per_day
        day += dt.timedelta(days=1)
    return days


def rising(last: dt.date, rise_days: int = 91) -> list[dt.date]:
    """Two complaints a week for two years, then four a week over the last ``rise_days``:
    a rise that whole-month windows missed on about one day in four."""
    days = []
    day = last - dt.timedelta(days=730)
    while day <= last:
        recent = (last - day).days < rise_days
        if day.weekday() in ((0, 2, 4, 6) if recent else (1, 4)):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def test_the_recent_window_counts_the_current_month_up_to_today_only():
    recent, baseline = trend_windows(dt.date(2026, 12, 7))
    assert recent == (dt.date(2026, 10, 1), dt.date(2026, 12, 7))
    assert baseline[0] == (dt.date(2026, 7, 1), dt.date(2026, 9, 7))
    assert baseline[-1] == (dt.date(2025, 8, 1), dt.date(2025, 10, 7))
    assert len(baseline) == 12


def test_a_shorter_month_is_counted_whole_when_today_is_past_its_length():
    assert window_dates(dt.date(2026, 2, 1), 31) == (dt.date(2025, 12, 1), dt.date(2026, 2, 28))
    assert window_dates(dt.date(2024, 2, 1), 30) == (dt.date(2023, 12, 1), dt.date(2024, 2, 29))


def test_windows_before_the_records_begin_are_left_out_not_counted_as_zero():
    _, baseline = trend_windows(dt.date(2026, 12, 7), history_start=dt.date(2025, 12, 8))
    assert baseline[-1][0] >= dt.date(2025, 12, 8)
    assert len(baseline) == 7  # windows starting January to July 2026


def test_a_year_of_records_with_a_rise_is_flagged_though_earlier_months_are_empty():
    """The demo's shape: one year of records, a rise over its last three months. Empty
    months before the records began once counted as zeros, swinging the baseline so much
    that the rise passed unseen on most days (issue 11)."""
    day = dt.date(2026, 12, 7)
    days = [d for d in rising(day) if d > day - dt.timedelta(days=365)]
    assert trend_signal_on(days, day, history_start=min(days)).flagged


@given(st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2030, 12, 31)))
def test_a_real_rise_is_flagged_on_any_day_of_any_month(day):
    """The trend signal once set a part-month against whole months, so a real rise went
    unseen early in every month (failing on 28 December, 9 January, 1 February, 1 April)."""
    assert trend_signal_on(rising(day), day).flagged


@given(st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2030, 12, 31)))
def test_a_steady_daily_rate_is_never_flagged_whatever_the_day(day):
    days = every_day(day - dt.timedelta(days=730), day)
    signal = trend_signal_on(days, day)
    assert not signal.flagged
    assert signal.recent == sum(1 for d in days if d >= add_months(day.replace(day=1), -2))


@pytest.mark.parametrize(
    "day",
    [dt.date(2026, 12, 1), dt.date(2026, 12, 7), dt.date(2027, 2, 1), dt.date(2027, 4, 1)],
)
def test_early_in_a_month_the_rise_is_seen_where_whole_months_missed_it(day):
    days = rising(day)
    assert not trend_signal(monthly_counts(days, months_ending(day, 17))).flagged
    assert trend_signal_on(days, day).flagged
