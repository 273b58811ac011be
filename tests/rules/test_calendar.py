"""The working-day calendar of domain.md §3, checked against hand counts.

Every expected date below was counted by hand from gov.uk's published list of bank holidays
in England and Wales (https://www.gov.uk/bank-holidays), not by calling the code: the
comment on each row is the count. "N working days after D" is the N-th working day strictly
after D, counting from the first working day after D even when D is not a working day.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from putright.rules.calendar import (
    FIRST_YEAR,
    LAST_YEAR,
    CalendarRangeError,
    WorkingCalendar,
    bank_holiday_name,
    calendar_for,
    london_date,
)

CAL = WorkingCalendar()
LONDON = ZoneInfo("Europe/London")
UTC = dt.UTC


def d(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


# The published bank holidays of England and Wales, as literal dates (gov.uk).
BANK_HOLIDAYS_ENGLAND_AND_WALES = {
    2022: [
        "2022-01-03",  # New Year's Day (substitute day): 1 January was a Saturday
        "2022-04-15",  # Good Friday
        "2022-04-18",  # Easter Monday
        "2022-05-02",  # Early May bank holiday
        "2022-06-02",  # Spring bank holiday, moved from Monday 30 May
        "2022-06-03",  # Platinum Jubilee bank holiday
        "2022-08-29",  # Summer bank holiday
        "2022-09-19",  # Bank Holiday for the State Funeral of Queen Elizabeth II
        "2022-12-26",  # Boxing Day
        "2022-12-27",  # Christmas Day (substitute day): 25 December was a Sunday
    ],
    2023: [
        "2023-01-02",  # New Year's Day (substitute day): 1 January was a Sunday
        "2023-04-07",  # Good Friday
        "2023-04-10",  # Easter Monday
        "2023-05-01",  # Early May bank holiday
        "2023-05-08",  # Bank holiday for the coronation of King Charles III
        "2023-05-29",  # Spring bank holiday
        "2023-08-28",  # Summer bank holiday
        "2023-12-25",  # Christmas Day
        "2023-12-26",  # Boxing Day
    ],
    2024: [
        "2024-01-01",  # New Year's Day
        "2024-03-29",  # Good Friday
        "2024-04-01",  # Easter Monday
        "2024-05-06",  # Early May bank holiday
        "2024-05-27",  # Spring bank holiday
        "2024-08-26",  # Summer bank holiday
        "2024-12-25",  # Christmas Day
        "2024-12-26",  # Boxing Day
    ],
    2025: [
        "2025-01-01",  # New Year's Day
        "2025-04-18",  # Good Friday
        "2025-04-21",  # Easter Monday
        "2025-05-05",  # Early May bank holiday
        "2025-05-26",  # Spring bank holiday
        "2025-08-25",  # Summer bank holiday
        "2025-12-25",  # Christmas Day
        "2025-12-26",  # Boxing Day
    ],
}


# (start, N, expected, how it was counted). Bank holidays named are England and Wales'.
HAND_COUNTED = [
    # --- Easter 2024: Good Friday 29 March, Easter Monday 1 April ---
    ("2024-03-29", 5, "2024-04-08", "domain.md worked example: Good Friday; 2, 3, 4, 5, 8 Apr"),
    (
        "2024-03-28",
        1,
        "2024-04-02",
        "Thu; 29 Good Friday, 30-31 weekend, 1 Apr Easter Monday; 2 Apr",
    ),
    ("2024-03-28", 5, "2024-04-08", "Thu; skip 29 Mar-1 Apr; 2, 3, 4, 5, 8 Apr"),
    ("2024-03-27", 2, "2024-04-02", "Wed; 28 Mar (1); skip 29 Mar-1 Apr; 2 Apr (2)"),
    ("2024-04-01", 1, "2024-04-02", "start on Easter Monday (a holiday); Tue 2 Apr"),
    ("2024-03-30", 10, "2024-04-15", "start Sat; 2-5 Apr (4), 8-12 (9), 15 (10)"),
    ("2024-03-22", 10, "2024-04-09", "Fri; 25-28 Mar (4); skip Easter; 2-5 Apr (8), 8 (9), 9 (10)"),
    # --- Easter 2022: Good Friday 15 April, Easter Monday 18 April; Early May 2 May ---
    ("2022-04-14", 1, "2022-04-19", "Thu; 15 Good Friday, weekend, 18 Easter Monday; Tue 19"),
    ("2022-04-13", 5, "2022-04-22", "Wed; 14 (1); skip 15-18; 19, 20, 21, 22 (5)"),
    ("2022-04-15", 5, "2022-04-25", "start Good Friday; 19-22 (4), Mon 25 (5)"),
    (
        "2022-04-08",
        20,
        "2022-05-11",
        "Fri; 11-14 Apr (4), 19-22 (8), 25-29 (13); 2 May Early May holiday; "
        "3-6 May (17), 9, 10, 11 (20)",
    ),
    # --- Easter 2023: Good Friday 7 April, Easter Monday 10 April ---
    ("2023-04-06", 1, "2023-04-11", "Thu; 7 Good Friday, weekend, 10 Easter Monday; Tue 11"),
    ("2023-04-05", 5, "2023-04-14", "Wed; 6 (1); skip 7-10; 11, 12, 13, 14 (5)"),
    ("2023-04-10", 10, "2023-04-24", "start Easter Monday; 11-14 (4), 17-21 (9), Mon 24 (10)"),
    # --- Easter 2025: Good Friday 18 April, Easter Monday 21 April; Early May 5 May ---
    ("2025-04-17", 1, "2025-04-22", "Thu; 18 Good Friday, weekend, 21 Easter Monday; Tue 22"),
    ("2025-04-17", 5, "2025-04-28", "Thu; 22, 23, 24, 25 (4), Mon 28 (5)"),
    (
        "2025-04-19",
        10,
        "2025-05-06",
        "Easter Saturday; 22-25 Apr (4), 28-30 (7), 1-2 May (9); 5 May Early May; Tue 6 (10)",
    ),
    # --- Christmas 2021: 25 Dec Saturday, 26 Sunday; substitutes Mon 27 and Tue 28 Dec ---
    ("2021-12-24", 1, "2021-12-29", "Fri; weekend, 27 and 28 substitute days; Wed 29"),
    (
        "2021-12-23",
        5,
        "2022-01-04",
        "Thu; 24 (1), 29, 30, 31 (4); 1-2 Jan weekend, 3 Jan New Year substitute; Tue 4 (5)",
    ),
    ("2021-12-25", 5, "2022-01-05", "Christmas Day (Sat); 29, 30, 31 (3), 4, 5 Jan (5)"),
    # --- New Year 2022: 1 Jan Saturday, substitute Monday 3 January ---
    ("2021-12-31", 1, "2022-01-04", "Fri; 1-2 Jan weekend, 3 Jan substitute; Tue 4"),
    ("2022-01-01", 1, "2022-01-04", "New Year's Day itself (Sat); Sun, Mon 3 substitute; Tue 4"),
    ("2021-12-30", 2, "2022-01-04", "Thu; 31 Dec (1); weekend, 3 Jan substitute; Tue 4 (2)"),
    # --- Christmas 2022: 25 Dec Sunday; 26 Boxing Day, Tue 27 Christmas substitute ---
    ("2022-12-23", 1, "2022-12-28", "Fri; weekend, 26 Boxing Day, 27 substitute; Wed 28"),
    (
        "2022-12-23",
        5,
        "2023-01-04",
        "Fri; 28, 29, 30 (3); 1 Jan Sun, 2 Jan New Year substitute; 3, 4 Jan (5)",
    ),
    # --- New Year 2023: 1 Jan Sunday, substitute Monday 2 January ---
    ("2022-12-30", 1, "2023-01-03", "Fri; 31 Sat, 1 Sun, 2 Jan substitute; Tue 3"),
    ("2022-12-30", 5, "2023-01-09", "Fri; 3, 4, 5, 6 Jan (4), Mon 9 (5)"),
    (
        "2022-12-26",
        10,
        "2023-01-11",
        "start Boxing Day; 27 substitute; 28-30 Dec (3), 3-6 Jan (7), 9, 10, 11 (10)",
    ),
    # --- Christmas 2027: 25 Dec Saturday; substitutes Mon 27, Tue 28; 1 Jan 2028 Sat -> Mon 3 ---
    ("2027-12-24", 1, "2027-12-29", "Fri; weekend, 27 and 28 substitute days; Wed 29"),
    (
        "2027-12-24",
        5,
        "2028-01-05",
        "Fri; 29, 30, 31 (3); 1-2 Jan weekend, 3 Jan substitute; 4, 5 Jan (5)",
    ),
    # --- Christmas 2024 (Wed, Thu) and New Year 2025 (Wed) ---
    (
        "2024-12-24",
        5,
        "2025-01-03",
        "Tue; 25, 26 holidays; 27 (1), 30, 31 (3); 1 Jan holiday; 2, 3 Jan (5)",
    ),
    (
        "2024-12-02",
        20,
        "2025-01-02",
        "Mon; 3-6 Dec (4), 9-13 (9), 16-20 (14), 23, 24 (16), 27 (17), 30, 31 (19), 2 Jan (20)",
    ),
    # --- Christmas 2025 (Thu, Fri) and New Year 2026 (Thu) ---
    ("2025-12-24", 1, "2025-12-29", "Wed; 25, 26 holidays, weekend; Mon 29"),
    ("2025-12-24", 4, "2026-01-02", "Wed; 29, 30, 31 Dec (3); 1 Jan holiday; Fri 2 Jan (4)"),
    # --- Christmas 2026: 25 Friday, 26 Saturday; Boxing Day substitute Monday 28 ---
    ("2026-12-24", 1, "2026-12-29", "Thu; 25 Christmas, weekend, 28 Boxing Day substitute; Tue 29"),
    # --- 2022 Platinum Jubilee: Spring bank holiday moved to Thu 2 June, Jubilee Fri 3 June ---
    ("2022-05-27", 1, "2022-05-30", "Fri; Mon 30 May is a working day in 2022 (holiday moved)"),
    ("2022-05-27", 5, "2022-06-07", "Fri; 30, 31 May, 1 Jun (3); 2, 3 Jun holidays; 6, 7 (5)"),
    ("2022-06-01", 1, "2022-06-06", "Wed; 2 and 3 June holidays, weekend; Mon 6"),
    ("2022-06-02", 10, "2022-06-17", "start on the moved Spring holiday; 6-10 (5), 13-17 (10)"),
    ("2022-05-20", 10, "2022-06-07", "Fri; 23-27 May (5), 30, 31, 1 Jun (8), 6 (9), 7 (10)"),
    # --- State Funeral of Queen Elizabeth II: Monday 19 September 2022 ---
    ("2022-09-16", 1, "2022-09-20", "Fri; weekend, 19 State Funeral; Tue 20"),
    ("2022-09-14", 5, "2022-09-22", "Wed; 15, 16 (2); 19 holiday; 20, 21, 22 (5)"),
    (
        "2022-09-19",
        20,
        "2022-10-17",
        "start on the State Funeral; 20-23 Sep (4), 26-30 (9), 3-7 Oct (14), 10-14 (19), 17 (20)",
    ),
    # --- 2023 Coronation: Monday 8 May 2023, a week after Early May (1 May); Spring 29 May ---
    ("2023-05-05", 1, "2023-05-09", "Fri; weekend, 8 May Coronation; Tue 9"),
    ("2023-04-28", 5, "2023-05-09", "Fri; 1 May holiday; 2-5 May (4); 8 May holiday; 9 (5)"),
    (
        "2023-04-28",
        20,
        "2023-05-31",
        "Fri; 2-5 May (4), 9-12 (8), 15-19 (13), 22-26 (18); 29 Spring; 30 (19), 31 (20)",
    ),
    # --- 2020: Early May bank holiday moved from Mon 4 May to Fri 8 May (VE Day 75) ---
    ("2020-05-01", 1, "2020-05-04", "Fri; Mon 4 May 2020 is a working day (holiday moved)"),
    ("2020-05-07", 1, "2020-05-11", "Thu; 8 May VE Day holiday, weekend; Mon 11"),
    ("2020-05-01", 5, "2020-05-11", "Fri; 4, 5, 6, 7 May (4); 8 May holiday; Mon 11 (5)"),
    # --- start on a weekend, N = 1, ordinary weeks (June 2024 has no holiday) ---
    ("2024-06-08", 1, "2024-06-10", "start Saturday; Mon 10"),
    ("2024-06-09", 5, "2024-06-14", "start Sunday; 10-14 June"),
    ("2024-06-07", 1, "2024-06-10", "Friday; Monday next"),
    ("2024-06-11", 1, "2024-06-12", "Tuesday; Wednesday"),
    ("2024-06-11", 10, "2024-06-25", "Tue; 12-14 (3), 17-21 (8), 24, 25 (10)"),
    # --- large N: whole years of working days ---
    (
        "2023-01-03",
        250,
        "2023-12-29",
        "2023: 260 weekdays less 9 weekday holidays = 251 working days; 3 Jan is the first "
        "(2 Jan a holiday), so the 250th after it is the last: Fri 29 Dec",
    ),
    ("2023-01-03", 251, "2024-01-02", "one more: 1 Jan 2024 a holiday, Tue 2 Jan"),
    (
        "2021-12-31",
        250,
        "2022-12-30",
        "2022: 260 weekdays less 10 weekday holidays = 250; the last is Fri 30 Dec",
    ),
    ("2021-12-31", 251, "2023-01-03", "one more: 2 Jan 2023 substitute; Tue 3 Jan"),
    (
        "2023-12-31",
        254,
        "2024-12-31",
        "2024 (leap, starts Mon): 262 weekdays less 8 holidays = 254; last is Tue 31 Dec",
    ),
    (
        "2024-12-31",
        253,
        "2025-12-31",
        "2025 (starts Wed): 261 weekdays less 8 holidays = 253; last is Wed 31 Dec",
    ),
    (
        "2019-12-31",
        254,
        "2020-12-31",
        "2020 (leap, starts Wed): 262 weekdays less 8 holidays (incl. 8 May, 28 Dec) = 254",
    ),
]


def test_worked_example_received_on_good_friday_2024_acknowledgement_due_monday_8_april():
    """domain.md §3: received Friday 29 March 2024 (Good Friday); Monday 1 April is Easter
    Monday; the acknowledgement is due Monday 8 April 2024 (2, 3, 4, 5, 8 April)."""
    assert CAL.add_working_days(dt.date(2024, 3, 29), 5) == dt.date(2024, 4, 8)


def test_the_hand_counted_table_is_big_enough():
    assert len(HAND_COUNTED) >= 40


@pytest.mark.parametrize(
    ("start", "n", "expected", "why"), HAND_COUNTED, ids=[f"{s}+{n}" for s, n, _, _ in HAND_COUNTED]
)
def test_n_working_days_after_a_date_is_the_nth_working_day_strictly_after_it(
    start, n, expected, why
):
    assert CAL.add_working_days(d(start), n) == d(expected), why


@pytest.mark.parametrize(
    ("start", "n", "expected", "why"), HAND_COUNTED, ids=[f"{s}+{n}" for s, n, _, _ in HAND_COUNTED]
)
def test_working_days_between_counts_back_the_hand_counted_table(start, n, expected, why):
    assert CAL.working_days_between(d(start), d(expected)) == n, why
    assert CAL.working_days_between(d(expected), d(start)) == -n, why


@pytest.mark.parametrize("year", sorted(BANK_HOLIDAYS_ENGLAND_AND_WALES))
def test_the_bank_holidays_of_england_and_wales_are_not_working_days(year):
    for iso in BANK_HOLIDAYS_ENGLAND_AND_WALES[year]:
        assert not CAL.is_working_day(d(iso)), iso
        assert bank_holiday_name(d(iso)), iso


@pytest.mark.parametrize("year", sorted(BANK_HOLIDAYS_ENGLAND_AND_WALES))
def test_every_other_weekday_of_the_year_is_a_working_day(year):
    """Exactly the published list: no weekday holiday missing, none extra."""
    published = {d(iso) for iso in BANK_HOLIDAYS_ENGLAND_AND_WALES[year]}
    day = dt.date(year, 1, 1)
    not_working_weekdays = set()
    while day.year == year:
        if day.weekday() < 5 and not CAL.is_working_day(day):
            not_working_weekdays.add(day)
        day += dt.timedelta(days=1)
    assert not_working_weekdays == published


def test_weekends_are_never_working_days():
    assert not CAL.is_working_day(dt.date(2024, 6, 8))  # Saturday
    assert not CAL.is_working_day(dt.date(2024, 6, 9))  # Sunday
    assert CAL.is_working_day(dt.date(2024, 6, 10))  # Monday


@pytest.mark.parametrize(
    ("iso", "why"),
    [
        ("2024-01-02", "2 January: a Scottish bank holiday in a normal year, not English"),
        ("2025-01-02", "2 January 2025: Scotland only"),
        ("2023-11-30", "St Andrew's Day (Thursday): Scotland only"),
        ("2025-12-01", "St Andrew's Day substitute (30 Nov 2025 a Sunday): Scotland only"),
        ("2023-07-12", "Battle of the Boyne (Wednesday): Northern Ireland only"),
        ("2025-03-17", "St Patrick's Day (Monday): Northern Ireland only"),
        ("2024-08-05", "first Monday of August: Scotland's summer holiday, not England's"),
        ("2022-05-30", "last Monday of May 2022: the Spring holiday moved to 2 June"),
        ("2020-05-04", "first Monday of May 2020: the Early May holiday moved to 8 May"),
    ],
)
def test_the_holidays_are_englands_not_scotlands_or_northern_irelands(iso, why):
    assert CAL.is_working_day(d(iso)), why
    assert bank_holiday_name(d(iso)) is None, why


def test_2_january_2023_is_a_holiday_in_england_as_the_new_year_substitute():
    assert not CAL.is_working_day(dt.date(2023, 1, 2))


def test_bank_holiday_names_the_special_days_of_2022_and_2023():
    assert "jubilee" in bank_holiday_name(dt.date(2022, 6, 3)).lower()
    assert "funeral" in bank_holiday_name(dt.date(2022, 9, 19)).lower()
    assert "coronation" in bank_holiday_name(dt.date(2023, 5, 8)).lower()
    assert bank_holiday_name(dt.date(2024, 6, 11)) is None


# --- closure days ---

SHUTDOWN_2024 = [dt.date(2024, 12, 27) + dt.timedelta(days=i) for i in range(5)]  # 27-31 Dec


def test_a_christmas_shutdown_makes_its_days_not_working_days():
    shut = WorkingCalendar(SHUTDOWN_2024)
    for day in (dt.date(2024, 12, 27), dt.date(2024, 12, 30), dt.date(2024, 12, 31)):
        assert CAL.is_working_day(day)
        assert not shut.is_working_day(day)
    assert shut.is_working_day(dt.date(2024, 12, 24))
    assert shut.is_working_day(dt.date(2025, 1, 2))


def test_a_christmas_shutdown_pushes_due_dates_on():
    shut = WorkingCalendar(SHUTDOWN_2024)
    # Without the shutdown: 23, 24, 27, 30, 31 Dec.
    assert CAL.add_working_days(dt.date(2024, 12, 20), 5) == dt.date(2024, 12, 31)
    # With it: 23, 24 Dec (2), 2, 3 Jan (4), Mon 6 Jan (5).
    assert shut.add_working_days(dt.date(2024, 12, 20), 5) == dt.date(2025, 1, 6)
    # Received Christmas Eve: 2, 3 Jan (2), 6, 7, 8 Jan (5), instead of Fri 3 Jan.
    assert shut.add_working_days(dt.date(2024, 12, 24), 5) == dt.date(2025, 1, 8)
    assert shut.working_days_between(dt.date(2024, 12, 24), dt.date(2025, 1, 8)) == 5


def test_closure_days_on_weekends_or_bank_holidays_change_nothing():
    closed = WorkingCalendar([dt.date(2024, 12, 25), dt.date(2024, 12, 28), dt.date(2024, 12, 29)])
    assert closed.add_working_days(dt.date(2024, 12, 24), 5) == dt.date(2025, 1, 3)


def test_calendar_for_shares_one_calendar_per_set_of_closure_days():
    a = calendar_for(frozenset(SHUTDOWN_2024))
    b = calendar_for(frozenset(reversed(SHUTDOWN_2024)))
    assert a is b
    assert a.closure_days == frozenset(SHUTDOWN_2024)
    assert calendar_for() is calendar_for()
    assert calendar_for().closure_days == frozenset()
    assert calendar_for() is not a


# --- working_days_between ---


def test_working_days_between_a_day_and_itself_is_zero():
    assert CAL.working_days_between(dt.date(2024, 6, 11), dt.date(2024, 6, 11)) == 0
    assert CAL.working_days_between(dt.date(2024, 6, 8), dt.date(2024, 6, 8)) == 0


def test_working_days_between_counts_after_start_up_to_and_including_end():
    # Good Friday to Easter Monday 2024: no working day after the one up to the other.
    assert CAL.working_days_between(dt.date(2024, 3, 29), dt.date(2024, 4, 1)) == 0
    # Friday to the next Monday: just the Monday.
    assert CAL.working_days_between(dt.date(2024, 6, 7), dt.date(2024, 6, 10)) == 1
    # Saturday to Sunday: none.
    assert CAL.working_days_between(dt.date(2024, 6, 8), dt.date(2024, 6, 9)) == 0


def test_working_days_between_is_negative_when_end_is_before_start():
    assert CAL.working_days_between(dt.date(2024, 4, 8), dt.date(2024, 3, 29)) == -5


def test_next_working_day_is_the_first_working_day_strictly_after():
    assert CAL.next_working_day(dt.date(2024, 3, 28)) == dt.date(2024, 4, 2)
    assert CAL.next_working_day(dt.date(2024, 6, 11)) == dt.date(2024, 6, 12)
    assert CAL.next_working_day(dt.date(2022, 12, 24)) == dt.date(2022, 12, 28)


# --- errors ---


@pytest.mark.parametrize("n", [0, -1, -10])
def test_adding_fewer_than_one_working_day_is_refused(n):
    with pytest.raises(ValueError, match="at least 1"):
        CAL.add_working_days(dt.date(2024, 6, 11), n)


@pytest.mark.parametrize(
    "day", [dt.date(FIRST_YEAR - 1, 12, 31), dt.date(LAST_YEAR + 1, 1, 1), dt.date(1900, 6, 1)]
)
def test_dates_outside_the_calendar_are_refused_not_guessed(day):
    inside = dt.date(2024, 6, 11)
    with pytest.raises(CalendarRangeError, match="outside the calendar"):
        CAL.is_working_day(day)
    with pytest.raises(CalendarRangeError):
        CAL.add_working_days(day, 1)
    with pytest.raises(CalendarRangeError):
        CAL.working_days_between(day, inside)
    with pytest.raises(CalendarRangeError):
        CAL.working_days_between(inside, day)


def test_counting_past_the_end_of_the_calendar_is_refused():
    with pytest.raises(CalendarRangeError, match="beyond"):
        CAL.add_working_days(dt.date(LAST_YEAR, 12, 24), 10)


def test_the_calendar_range_error_is_a_value_error():
    assert issubclass(CalendarRangeError, ValueError)


def test_the_first_and_last_years_are_inside_the_calendar():
    assert CAL.is_working_day(dt.date(FIRST_YEAR, 1, 3))  # Tuesday 3 January 1995
    assert CAL.is_working_day(dt.date(LAST_YEAR, 12, 24))  # Tuesday 24 December 2075
    assert not CAL.is_working_day(dt.date(LAST_YEAR, 12, 25))  # Christmas Day, a Wednesday


# --- dates in Europe/London ---


def test_received_at_2330_bst_on_a_monday_was_received_on_monday():
    assert london_date(dt.datetime(2024, 6, 3, 23, 30, tzinfo=LONDON)) == dt.date(2024, 6, 3)


def test_2330_utc_on_a_summer_monday_is_0030_bst_tuesday_in_london():
    assert london_date(dt.datetime(2024, 6, 3, 23, 30, tzinfo=UTC)) == dt.date(2024, 6, 4)


def test_2330_utc_on_a_winter_monday_is_still_monday_in_london():
    assert london_date(dt.datetime(2024, 1, 15, 23, 30, tzinfo=UTC)) == dt.date(2024, 1, 15)


def test_london_dates_follow_the_clock_changes():
    # Saturday 30 March 2024 23:30 UTC: still GMT, so Saturday.
    assert london_date(dt.datetime(2024, 3, 30, 23, 30, tzinfo=UTC)) == dt.date(2024, 3, 30)
    # Saturday 26 October 2024 23:30 UTC: still BST (ends 01:00 UTC on the 27th), so Sunday.
    assert london_date(dt.datetime(2024, 10, 26, 23, 30, tzinfo=UTC)) == dt.date(2024, 10, 27)
    # 20:00 in New York on Monday 3 June 2024 is 01:00 BST on Tuesday.
    new_york = ZoneInfo("America/New_York")
    assert london_date(dt.datetime(2024, 6, 3, 20, 0, tzinfo=new_york)) == dt.date(2024, 6, 4)


def test_a_naive_datetime_is_refused():
    with pytest.raises(ValueError, match="naive"):
        london_date(dt.datetime(2024, 6, 3, 23, 30))
