"""The counting rules (counting-rules.md): financial years, rounding, and every figure of
the annual report, against a register whose figures were counted by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from putright.rules.calendar import WorkingCalendar
from putright.rules.counting import (
    CaseFacts,
    StageFacts,
    annual_figures,
    financial_year,
    financial_year_label,
    financial_year_of,
    in_year,
    money,
    per_1000,
    percent,
    stage1_received,
    stage2_received,
)

CAL = WorkingCalendar()


def d(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


# --- financial years ---


def test_year_2023_is_1_april_2023_to_31_march_2024():
    assert financial_year(2023) == (dt.date(2023, 4, 1), dt.date(2024, 3, 31))
    assert financial_year(2024) == (dt.date(2024, 4, 1), dt.date(2025, 3, 31))


@pytest.mark.parametrize(
    ("day", "year"),
    [
        ("2024-03-31", 2023),
        ("2024-04-01", 2024),
        ("2023-04-01", 2023),
        ("2023-03-31", 2022),
        ("2024-01-01", 2023),
        ("2023-12-31", 2023),
        ("2024-02-29", 2023),
        ("2024-03-15", 2023),
    ],
)
def test_the_financial_year_of_a_date_turns_over_on_1_april(day, year):
    assert financial_year_of(d(day)) == year


def test_financial_year_labels():
    assert financial_year_label(2023) == "2023/24"
    assert financial_year_label(1999) == "1999/00"
    assert financial_year_label(2009) == "2009/10"


def test_in_year_includes_both_ends_and_excludes_no_date():
    assert in_year(d("2023-04-01"), 2023)
    assert in_year(d("2024-03-31"), 2023)
    assert not in_year(d("2023-03-31"), 2023)
    assert not in_year(d("2024-04-01"), 2023)
    assert not in_year(None, 2023)


# --- rounding ---


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [
        (30, 36, 83.3),  # 83.33...
        (33, 36, 91.7),  # 91.66...
        (1833, 2000, 91.7),  # exactly 91.65: half up
        (1, 2000, 0.1),  # exactly 0.05: half up
        (2, 3, 66.7),  # 66.66...
        (1, 3, 33.3),
        (1, 16, 6.3),  # exactly 6.25: half up, not to even
        (1, 80, 1.3),  # exactly 1.25
        (1, 32, 3.1),  # 3.125
        (7, 36, 19.4),  # 19.44...
        (6, 7, 85.7),
        (7, 7, 100.0),
        (0, 5, 0.0),
    ],
)
def test_percentages_are_rounded_half_up_to_one_decimal_place(numerator, denominator, expected):
    assert percent(numerator, denominator) == expected


@pytest.mark.parametrize(
    ("numerator", "homes", "exact", "expected"),
    [
        (1, 8000, "0.125", 0.13),  # half up: float rounding would give 0.12
        (3, 8000, "0.375", 0.38),
        (41, 8000, "5.125", 5.13),
        (21, 4000, "5.25", 5.25),
        (1, 16000, "0.0625", 0.06),
        (9, 1600, "5.625", 5.63),
    ],
)
def test_per_1000_rates_are_rounded_half_up_at_exact_halves(numerator, homes, exact, expected):
    assert Decimal(numerator) * 1000 / Decimal(homes) == Decimal(exact)
    assert per_1000(numerator, homes) == expected


@pytest.mark.parametrize(
    ("numerator", "homes", "expected"),
    [(36, 5035, 7.15), (7, 5035, 1.39), (1, 3, 333.33), (2, 3, 666.67), (0, 100, 0.0)],
)
def test_per_1000_rates_are_rounded_to_two_decimal_places(numerator, homes, expected):
    assert per_1000(numerator, homes) == expected


def test_a_zero_denominator_is_none_never_zero():
    assert percent(0, 0) is None
    assert percent(5, 0) is None
    assert per_1000(0, 0) is None
    assert per_1000(3, 0) is None


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (Decimal("850"), "850.00"),
        (Decimal("0"), "0.00"),
        (Decimal("1200.5"), "1200.50"),
        (Decimal("12.345"), "12.35"),
        (Decimal("12.344"), "12.34"),
        (Decimal("1234567.891"), "1234567.89"),
        (850, "850.00"),
    ],
)
def test_money_is_a_string_with_two_decimals(amount, text):
    assert money(amount) == text


# --- a register counted by hand, financial year 2023 (1 April 2023 to 31 March 2024) ---
#
# Bank holidays in play: 7, 10 Apr, 1, 8, 29 May, 28 Aug, 25, 26 Dec 2023, 1 Jan, 29 Mar,
# 1 Apr 2024. Each due date below is counted by hand.


STAGE_DATES = ("requested", "acknowledged", "responded")


def s(**kw) -> StageFacts:
    return StageFacts(**{k: d(v) if k in STAGE_DATES else v for k, v in kw.items()})


def case(**kw) -> CaseFacts:
    for key in ("received", "withdrawn"):
        if isinstance(kw.get(key), str):
            kw[key] = d(kw[key])
    return CaseFacts(**kw)


REGISTER = {
    # A. Received Mon 5 Jun 2023. Ack due 12 Jun; acked 7 Jun (on time). Response due 10
    # after 7 Jun: 8, 9, 12-16, 19, 20, 21 = Wed 21 Jun; responded 20 Jun (on time).
    # Stage 2 asked Mon 26 Jun: ack due 27-30, 3 Jul = Mon 3 Jul; acked 3 Jul (on time).
    # Response due 20 after 3 Jul: 4-7, 10-14, 17-21, 24-28, 31 = Mon 31 Jul; extended 10:
    # 1-4, 7-11, 14 Aug = Mon 14 Aug; responded 10 Aug: late strictly, inside the extension.
    "A": case(
        received="2023-06-05",
        tenure="tenant",
        service_area="Repairs",
        theme="Damp and mould",
        root_cause="service_failure",
        escalation_reason="compensation",
        stage1=s(
            requested="2023-06-05",
            acknowledged="2023-06-07",
            responded="2023-06-20",
            outcome="upheld",
            compensation_gbp=Decimal("100"),
        ),
        stage2=s(
            requested="2023-06-26",
            acknowledged="2023-07-03",
            extension_working_days=10,
            responded="2023-08-10",
            outcome="upheld",
            compensation_gbp=Decimal("300"),
        ),
    ),
    # B. Received Mon 3 Jul 2023. Ack due 4-7, 10 = Mon 10 Jul; acked Mon 17 Jul (late).
    # Response due from 10 Jul (a late ack buys no time): 11-14, 17-21, 24 = Mon 24 Jul;
    # responded Wed 26 Jul: late (from the actual ack it would have been due 31 Jul).
    # Stage 2 asked Mon 11 Mar 2024 (no reason): ack due 12-15, 18 = Mon 18 Mar; acked Fri
    # 15 Mar (on time). Response due 20 after 15 Mar: 18-22, 25-28, (Easter) 2-5, 8-12,
    # 15, 16 Apr; responded Mon 15 Apr 2024: the next year.
    "B": case(
        received="2023-07-03",
        tenure="leaseholder",
        service_area="Repairs",
        theme="Repairs delay",
        root_cause="communication",
        stage1=s(
            requested="2023-07-03",
            acknowledged="2023-07-17",
            responded="2023-07-26",
            outcome="not_upheld",
        ),
        stage2=s(
            requested="2024-03-11",
            acknowledged="2024-03-15",
            responded="2024-04-15",
            outcome="upheld",
        ),
    ),
    # C. A contractor's; tenure not recorded; no theme. Received Mon 4 Sep 2023. Ack due
    # 5-8, 11 = Mon 11 Sep; acked Fri 8 Sep. Response due 11-15, 18-22 = Fri 22 Sep;
    # extended 10: 25-29 Sep, 2-6 Oct = Fri 6 Oct; responded Wed 4 Oct: inside the extension.
    # Stage 2 asked Mon 9 Oct: ack due 10-13, 16 = Mon 16 Oct; acked Wed 18 Oct (late).
    # Response due from 16 Oct: 17-20, 23-27, 30, 31, 1-3 Nov, 6-10, 13 = Mon 13 Nov;
    # responded Tue 14 Nov: late.
    "C": case(
        received="2023-09-04",
        service_area="Estates",
        handled_by="Fixit Ltd",
        root_cause="policy_procedure",
        escalation_reason="actions_not_done",
        stage1=s(
            requested="2023-09-04",
            acknowledged="2023-09-08",
            extension_working_days=10,
            responded="2023-10-04",
            outcome="partly_upheld",
            compensation_gbp=Decimal("50.50"),
        ),
        stage2=s(
            requested="2023-10-09",
            acknowledged="2023-10-18",
            responded="2023-11-14",
            outcome="not_upheld",
        ),
    ),
    # D. A contractor's. Received Mon 6 Nov 2023. Ack due 7-10, 13 = Mon 13 Nov; acked 13
    # Nov (on the due date: on time). Response due 14-17, 20-24, 27 = Mon 27 Nov; extended 5:
    # 28-30 Nov, 1, 4 Dec = Mon 4 Dec; responded Tue 5 Dec: late even with the extension.
    # Stage 2 asked Mon 11 Dec (no reason): ack due 12-15, 18 = Mon 18 Dec; acked Fri 15 Dec.
    # Response due 20 after 15 Dec: 18-22 (5), 27-29 (8), 2-5 Jan (12), 8-12 (17), 15-17
    # (20) = Wed 17 Jan 2024; responded Tue 16 Jan: on time.
    "D": case(
        received="2023-11-06",
        tenure="tenant",
        service_area="Repairs",
        handled_by="Fixit Ltd",
        theme="Repairs delay",
        root_cause="service_failure",
        stage1=s(
            requested="2023-11-06",
            acknowledged="2023-11-13",
            extension_working_days=5,
            responded="2023-12-05",
            outcome="upheld",
        ),
        stage2=s(
            requested="2023-12-11",
            acknowledged="2023-12-15",
            responded="2024-01-16",
            outcome="partly_upheld",
            compensation_gbp=Decimal("250"),
        ),
    ),
    # E. Received Mon 18 Mar 2024, acked Tue 19 Mar (ack due 25 Mar: on time); response due
    # 20-22, 25-28, (Easter) 2-4 Apr = Thu 4 Apr; responded Wed 3 Apr 2024: the next year.
    "E": case(
        received="2024-03-18",
        tenure="tenant",
        service_area="Repairs",
        theme="Damp and mould",
        root_cause="communication",
        stage1=s(
            requested="2024-03-18",
            acknowledged="2024-03-19",
            responded="2024-04-03",
            outcome="upheld",
        ),
    ),
    # F. Received Mon 20 Mar 2023 (the year before), acked Fri 24 Mar 2023. Response due
    # 27-31 Mar, 3-6 Apr, (Easter) 11 Apr; responded Wed 5 Apr 2023: on time, in 2023.
    # No compensation offered (0). Stage 2 asked Mon 24 Apr 2023, withdrawn Tue 2 May 2023.
    "F": case(
        received="2023-03-20",
        withdrawn="2023-05-02",
        tenure="tenant",
        service_area="Repairs",
        theme="Repairs delay",
        root_cause="communication",
        escalation_reason="points_not_addressed",
        stage1=s(
            requested="2023-03-20",
            acknowledged="2023-03-24",
            responded="2023-04-05",
            outcome="not_upheld",
            compensation_gbp=Decimal("0"),
        ),
        stage2=s(requested="2023-04-24"),
    ),
    # G. Received Mon 8 Jan 2024, withdrawn Fri 12 Jan 2024 before acknowledgement.
    "G": case(
        received="2024-01-08",
        withdrawn="2024-01-12",
        tenure="shared_owner",
        service_area="Lettings",
        theme="Staff conduct",
        stage1=s(requested="2024-01-08"),
    ),
    # H. Received Tue 14 Mar 2023 (the year before), acked 16 Mar 2023, withdrawn 3 Apr 2023.
    "H": case(
        received="2023-03-14",
        withdrawn="2023-04-03",
        tenure="tenant",
        service_area="Repairs",
        stage1=s(requested="2023-03-14", acknowledged="2023-03-16"),
    ),
    # I1-I3. Not accepted at stage 1.
    "I1": case(
        received="2023-05-10",
        tenure="tenant",
        service_area="Repairs",
        theme="Damp and mould",
        stage1=s(requested="2023-05-10", not_accepted_reason="over_12_months"),
    ),
    "I2": case(
        received="2023-06-12",
        stage1=s(requested="2023-06-12", not_accepted_reason="over_12_months"),
    ),
    "I3": case(
        received="2024-02-01",
        stage1=s(requested="2024-02-01", not_accepted_reason="legal_proceedings"),
    ),
    # J. Received Mon 2 Oct 2023, acked Wed 4 Oct (due Mon 9 Oct). Response due 5, 6, 9-13,
    # 16-18 = Wed 18 Oct; responded Mon 16 Oct: on time. Escalation asked Mon 23 Oct with a
    # reason, and refused.
    "J": case(
        received="2023-10-02",
        tenure="tenant",
        service_area="Repairs",
        theme="Repairs delay",
        root_cause="service_failure",
        escalation_reason="disagrees_with_decision",
        stage1=s(
            requested="2023-10-02",
            acknowledged="2023-10-04",
            responded="2023-10-16",
            outcome="not_upheld",
        ),
        stage2=s(requested="2023-10-23", not_accepted_reason="previously_considered"),
    ),
    # K. Local Government and Social Care Ombudsman: kept, never counted.
    "K": case(
        jurisdiction="lgsco",
        received="2023-06-05",
        tenure="tenant",
        service_area="Housing benefit",
        theme="Damp and mould",
        root_cause="communication",
        escalation_reason="compensation",
        stage1=s(
            requested="2023-06-05",
            acknowledged="2023-06-06",
            responded="2023-06-09",
            outcome="upheld",
            compensation_gbp=Decimal("999"),
        ),
        stage2=s(
            requested="2023-06-12",
            acknowledged="2023-06-13",
            responded="2023-06-20",
            outcome="upheld",
            compensation_gbp=Decimal("500"),
        ),
    ),
    "K2": case(
        jurisdiction="lgsco",
        received="2023-07-07",
        withdrawn="2023-07-10",
        stage1=s(requested="2023-07-07", not_accepted_reason="other_procedure"),
    ),
    # R. Received Mon 6 Feb 2023 (the year before); stage 2 asked Mon 13 Mar 2023, acked Fri
    # 17 Mar 2023; response due 20 after 17 Mar: 20-24, 27-31, 3-6 Apr, (Easter) 11-14, 17,
    # 18 = Tue 18 Apr; responded Fri 14 Apr 2023: on time, in 2023.
    "R": case(
        received="2023-02-06",
        tenure="tenant",
        service_area="Repairs",
        root_cause="communication",
        escalation_reason="disagrees_with_decision",
        stage1=s(
            requested="2023-02-06",
            acknowledged="2023-02-08",
            responded="2023-02-17",
            outcome="upheld",
        ),
        stage2=s(
            requested="2023-03-13",
            acknowledged="2023-03-17",
            responded="2023-04-14",
            outcome="upheld",
            compensation_gbp=Decimal("150"),
        ),
    ),
    # T. Received Mon 15 Jan 2024, never acknowledged: response due from the ack due date
    # (16-19, 22 = Mon 22 Jan): 23-26, 29-31, 1, 2, 5 Feb = Mon 5 Feb; responded on it.
    "T": case(
        received="2024-01-15",
        tenure="leaseholder",
        service_area="Estates",
        theme="Damp and mould",
        stage1=s(requested="2024-01-15", responded="2024-02-05", outcome="not_upheld"),
    ),
    # U. The next year entirely.
    "U": case(
        received="2024-04-03",
        tenure="tenant",
        stage1=s(requested="2024-04-03", acknowledged="2024-04-04"),
    ),
    "SR1": case(kind="service_request", received="2023-04-10", service_area="Repairs"),
    "SR2": case(kind="service_request", received="2023-08-01"),
    "SR3": case(kind="service_request", received="2024-03-31"),
    "SR4": case(kind="service_request", received="2023-03-31"),
    "ME1": case(kind="member_enquiry", received="2023-04-01"),
    "ME2": case(kind="member_enquiry", received="2023-12-20"),
    "ME3": case(kind="member_enquiry", received="2024-04-01"),
}

EXPECTED_2023 = {
    "period": {"start": "2023-04-01", "end": "2024-03-31"},
    "homes": {"lcra": 2400, "lcho": 100, "total": 2500},
    # Complaints received in the year: A B C D E G I1 I2 I3 J T.
    "logged": 11,
    "service_requests": 3,  # SR1, SR2, SR3 (31 March 2024 is in; 31 March 2023 is not)
    "member_enquiries": 2,  # ME1 (1 April 2023 is in), ME2
    "not_accepted": {"total": 3, "by_reason": {"over_12_months": 2, "legal_proceedings": 1}},
    "withdrawn": 3,  # F (2 May 2023), G (12 Jan 2024), H (3 Apr 2023)
    "stage1": {
        "received": 8,  # A B C D E G J T (G withdrawn, still counted)
        "responded": 7,  # A B C D J T, and F (received the year before)
        "responded_within_timescale": 4,  # A, F, J, T
        "within_timescale_pct": 57.1,  # 4/7
        "responded_within_agreed_extension": 5,  # and C
        "within_agreed_extension_pct": 71.4,  # 5/7
        "acknowledged": 6,  # A B C D E J
        "acknowledged_within_timescale": 5,  # all but B
        "extended": 2,  # C, D
        "outcomes": {"upheld": 2, "partly_upheld": 1, "not_upheld": 4},
        "upheld_or_partly_pct": 42.9,  # 3/7
        "compensation": {"cases": 2, "total_gbp": "150.50"},  # A 100, C 50.50 (F offered 0)
        "per_1000_homes": 3.2,  # 8 / 2500 x 1000
        "by_service_area": {"Repairs": 5, "Estates": 2, "Lettings": 1},
        "by_handler": {"landlord": 6, "Fixit Ltd": 2},
        "by_tenure": {"tenant": 4, "leaseholder": 2, "unknown": 1, "shared_owner": 1},
        "by_root_cause": {"service_failure": 3, "communication": 2, "policy_procedure": 1},
        "by_theme": {"Damp and mould": 3, "Repairs delay": 3, "Staff conduct": 1},
    },
    "stage2": {
        "received": 5,  # A B C D, and F (withdrawn, still counted); J refused
        "responded": 4,  # A C D, and R (escalated the year before)
        "responded_within_timescale": 2,  # D, R
        "within_timescale_pct": 50.0,
        "responded_within_agreed_extension": 3,  # and A
        "within_agreed_extension_pct": 75.0,
        "acknowledged": 4,  # A B C D
        "acknowledged_within_timescale": 3,  # all but C
        "extended": 1,  # A
        "outcomes": {"upheld": 2, "not_upheld": 1, "partly_upheld": 1},
        "upheld_or_partly_pct": 75.0,
        "compensation": {"cases": 3, "total_gbp": "700.00"},  # A 300, D 250, R 150
        "per_1000_homes": 2.0,  # 5 / 2500 x 1000
        "by_service_area": {"Repairs": 4, "Estates": 1},
        "by_handler": {"landlord": 3, "Fixit Ltd": 2},
        "by_tenure": {"tenant": 3, "leaseholder": 1, "unknown": 1},
        "by_root_cause": {"service_failure": 2, "policy_procedure": 1, "communication": 1},
        "by_theme": {"Damp and mould": 1, "Repairs delay": 3},
        "not_accepted": 1,  # J
    },
    "escalation_rate_pct": 62.5,  # 5/8
    "escalation_reasons": {
        "compensation": 1,
        "not_given": 2,
        "actions_not_done": 1,
        "points_not_addressed": 1,
    },
    "compensation_total_gbp": "850.50",
    "tsm": {
        "CH01": {"stage1_per_1000_homes": 3.2, "stage2_per_1000_homes": 2.0},
        "CH02": {
            "stage1_within_timescale_pct": 71.4,
            "stage2_within_timescale_pct": 75.0,
            "strict": False,
        },
        "TP09": None,
    },
}


def figures_2023(records=None, **kw):
    records = REGISTER.values() if records is None else records
    return annual_figures(records, 2023, homes_lcra=2400, homes_lcho=100, calendar=CAL, **kw)


def test_the_hand_counted_due_dates_of_the_register():
    """The due dates the register's comments count by hand."""
    a1 = REGISTER["A"].stage1.due_dates(CAL, 1)
    assert (a1.acknowledgement_due, a1.response_due) == (d("2023-06-12"), d("2023-06-21"))
    a2 = REGISTER["A"].stage2.due_dates(CAL, 2)
    assert (a2.acknowledgement_due, a2.response_due, a2.response_due_extended) == (
        d("2023-07-03"),
        d("2023-07-31"),
        d("2023-08-14"),
    )
    assert REGISTER["B"].stage1.due_dates(CAL, 1).response_due == d("2023-07-24")
    assert REGISTER["B"].stage2.due_dates(CAL, 2).response_due == d("2024-04-16")
    c1 = REGISTER["C"].stage1.due_dates(CAL, 1)
    assert (c1.response_due, c1.response_due_extended) == (d("2023-09-22"), d("2023-10-06"))
    assert REGISTER["C"].stage2.due_dates(CAL, 2).response_due == d("2023-11-13")
    d1 = REGISTER["D"].stage1.due_dates(CAL, 1)
    assert (d1.response_due, d1.response_due_extended) == (d("2023-11-27"), d("2023-12-04"))
    assert REGISTER["D"].stage2.due_dates(CAL, 2).response_due == d("2024-01-17")
    assert REGISTER["E"].stage1.due_dates(CAL, 1).response_due == d("2024-04-04")
    assert REGISTER["F"].stage1.due_dates(CAL, 1).response_due == d("2023-04-11")
    assert REGISTER["J"].stage1.due_dates(CAL, 1).response_due == d("2023-10-18")
    assert REGISTER["R"].stage2.due_dates(CAL, 2).response_due == d("2023-04-18")
    assert REGISTER["T"].stage1.due_dates(CAL, 1).response_due == d("2024-02-05")


def test_every_figure_of_the_annual_report_against_a_hand_count():
    assert figures_2023() == EXPECTED_2023


@pytest.mark.parametrize("key", sorted(EXPECTED_2023))
def test_each_key_of_the_annual_report_against_a_hand_count(key):
    assert figures_2023()[key] == EXPECTED_2023[key]


STAGE_KEYS = [(stage, key) for stage in ("stage1", "stage2") for key in EXPECTED_2023[stage]]


@pytest.mark.parametrize(("stage", "key"), STAGE_KEYS, ids=[f"{s}.{k}" for s, k in STAGE_KEYS])
def test_each_stage_figure_against_a_hand_count(stage, key):
    assert figures_2023()[stage][key] == EXPECTED_2023[stage][key]


def test_the_annual_report_has_the_public_json_keys():
    """interfaces.md: the minimum keys of the annual report JSON (less the landlord name)."""
    figures = figures_2023()
    assert {
        "period",
        "homes",
        "logged",
        "service_requests",
        "member_enquiries",
        "not_accepted",
        "withdrawn",
        "stage1",
        "stage2",
        "escalation_rate_pct",
        "escalation_reasons",
        "compensation_total_gbp",
        "tsm",
    } <= set(figures)
    stage_keys = {
        "received",
        "responded",
        "responded_within_timescale",
        "within_timescale_pct",
        "responded_within_agreed_extension",
        "within_agreed_extension_pct",
        "acknowledged",
        "acknowledged_within_timescale",
        "extended",
        "outcomes",
        "upheld_or_partly_pct",
        "compensation",
        "per_1000_homes",
        "by_service_area",
        "by_handler",
        "by_tenure",
        "by_root_cause",
        "by_theme",
    }
    assert stage_keys <= set(figures["stage1"])
    assert stage_keys <= set(figures["stage2"])
    assert set(figures["tsm"]) == {"CH01", "CH02", "TP09"}


def test_ch02_strict_switches_ch02_to_the_strict_figure():
    strict = figures_2023(ch02_strict=True)
    assert strict["tsm"]["CH02"] == {
        "stage1_within_timescale_pct": 57.1,
        "stage2_within_timescale_pct": 50.0,
        "strict": True,
    }
    # Only CH02 changes; both figures are still shown side by side.
    assert {k: v for k, v in strict.items() if k != "tsm"} == {
        k: v for k, v in EXPECTED_2023.items() if k != "tsm"
    }


def test_the_lgsco_complaints_are_not_counted():
    without = figures_2023([c for c in REGISTER.values() if c.jurisdiction == "housing"])
    assert without == EXPECTED_2023


def test_stage_received_helpers():
    assert stage1_received(REGISTER["G"], 2023)  # withdrawn: still counted
    assert not stage1_received(REGISTER["I1"], 2023)  # not accepted
    assert not stage1_received(REGISTER["F"], 2023)  # received the year before
    assert not stage1_received(REGISTER["SR1"], 2023)  # a service request
    assert stage2_received(REGISTER["F"], 2023)  # withdrawn at stage 2: still counted
    assert not stage2_received(REGISTER["J"], 2023)  # refused
    assert not stage2_received(REGISTER["R"], 2023)  # asked the year before
    assert not stage2_received(REGISTER["E"], 2023)  # never escalated


def test_the_next_year_counts_what_was_answered_in_it():
    figures = annual_figures(REGISTER.values(), 2024, homes_lcra=2500, calendar=CAL)
    # Received in 2024/25: U only. Stage 1 responses in it: E (3 Apr 2024, on time);
    # stage 2 responses: B (15 Apr 2024, due 16 Apr: on time). Acknowledged: U (4 Apr 2024).
    assert figures["logged"] == 1
    assert figures["member_enquiries"] == 1
    assert figures["stage1"]["received"] == 1
    assert figures["stage1"]["responded"] == 1
    assert figures["stage1"]["within_timescale_pct"] == 100.0
    assert figures["stage1"]["outcomes"] == {"upheld": 1}
    assert figures["stage1"]["by_root_cause"] == {"communication": 1}
    assert figures["stage1"]["acknowledged"] == 1
    assert figures["stage2"]["received"] == 0
    assert figures["stage2"]["responded"] == 1
    assert figures["stage2"]["responded_within_timescale"] == 1
    assert figures["stage2"]["per_1000_homes"] == 0.0
    assert figures["escalation_rate_pct"] == 0.0
    assert figures["escalation_reasons"] == {}
    assert figures["withdrawn"] == 0


def test_a_year_with_nothing_in_it_has_null_rates_not_zeros():
    figures = annual_figures([], 2023, homes_lcra=0, calendar=CAL)
    for stage in ("stage1", "stage2"):
        f = figures[stage]
        assert f["received"] == f["responded"] == f["acknowledged"] == 0
        assert f["within_timescale_pct"] is None
        assert f["within_agreed_extension_pct"] is None
        assert f["upheld_or_partly_pct"] is None
        assert f["per_1000_homes"] is None
        assert f["outcomes"] == {}
        assert f["compensation"] == {"cases": 0, "total_gbp": "0.00"}
    assert figures["escalation_rate_pct"] is None
    assert figures["compensation_total_gbp"] == "0.00"
    assert figures["tsm"]["CH01"] == {"stage1_per_1000_homes": None, "stage2_per_1000_homes": None}
    assert figures["tsm"]["CH02"]["stage1_within_timescale_pct"] is None


# --- Cannock Chase District Council 2023/24 (seeds 002): the published figures ---
#
# Stage 1 template: received Mon 5 Jun 2023, acked Wed 7 Jun; response due 8, 9, 12-16,
# 19-21 = Wed 21 Jun. An extension of 10: 22, 23, 26-30 Jun, 3-5 Jul = Wed 5 Jul.
# Stage 2 template: asked Mon 10 Jul 2023, acked Wed 12 Jul; response due 13, 14, 17-21,
# 24-28, 31 Jul-4 Aug, 7-9 Aug = Wed 9 Aug. An extension of 5: 10, 11, 14-16 = Wed 16 Aug.

STAGE1_ON_TIME = s(
    requested="2023-06-05", acknowledged="2023-06-07", responded="2023-06-20", outcome="upheld"
)
STAGE1_IN_EXTENSION = s(
    requested="2023-06-05",
    acknowledged="2023-06-07",
    extension_working_days=10,
    responded="2023-06-30",
    outcome="upheld",
)
STAGE1_LATE = s(
    requested="2023-06-05", acknowledged="2023-06-07", responded="2023-06-22", outcome="upheld"
)
STAGE2_ON_TIME = s(
    requested="2023-07-10", acknowledged="2023-07-12", responded="2023-08-08", outcome="upheld"
)
STAGE2_IN_EXTENSION = s(
    requested="2023-07-10",
    acknowledged="2023-07-12",
    extension_working_days=5,
    responded="2023-08-15",
    outcome="upheld",
)


def cannock_chase() -> list[CaseFacts]:
    stage1 = [STAGE1_ON_TIME] * 30 + [STAGE1_IN_EXTENSION] * 3 + [STAGE1_LATE] * 3
    stage2 = [STAGE2_ON_TIME] * 6 + [STAGE2_IN_EXTENSION] + [None] * 29
    return [
        CaseFacts(received=d("2023-06-05"), tenure="tenant", stage1=one, stage2=two)
        for one, two in zip(stage1, stage2, strict=True)
    ]


def test_cannock_chase_2023_figures():
    figures = annual_figures(cannock_chase(), 2023, homes_lcra=5035, calendar=CAL)
    one, two = figures["stage1"], figures["stage2"]
    assert (one["received"], one["responded"]) == (36, 36)
    assert (one["responded_within_timescale"], one["within_timescale_pct"]) == (30, 83.3)
    assert (one["responded_within_agreed_extension"], one["within_agreed_extension_pct"]) == (
        33,
        91.7,
    )
    assert one["extended"] == 3
    assert one["per_1000_homes"] == 7.15
    assert (two["received"], two["responded"]) == (7, 7)
    assert (two["within_timescale_pct"], two["within_agreed_extension_pct"]) == (85.7, 100.0)
    assert two["per_1000_homes"] == 1.39
    assert figures["escalation_rate_pct"] == 19.4
    assert figures["tsm"]["CH01"] == {"stage1_per_1000_homes": 7.15, "stage2_per_1000_homes": 1.39}
    assert figures["tsm"]["CH02"] == {
        "stage1_within_timescale_pct": 91.7,
        "stage2_within_timescale_pct": 100.0,
        "strict": False,
    }
    assert figures["escalation_reasons"] == {"not_given": 7}


def test_cannock_chase_publishes_ch02_strictly_83_and_86():
    figures = annual_figures(cannock_chase(), 2023, homes_lcra=5035, calendar=CAL, ch02_strict=True)
    assert figures["tsm"]["CH02"] == {
        "stage1_within_timescale_pct": 83.3,
        "stage2_within_timescale_pct": 85.7,
        "strict": True,
    }


def test_homes_are_lcra_plus_lcho():
    figures = annual_figures(cannock_chase(), 2023, homes_lcra=5000, homes_lcho=35, calendar=CAL)
    assert figures["homes"] == {"lcra": 5000, "lcho": 35, "total": 5035}
    assert figures["stage1"]["per_1000_homes"] == 7.15
