"""The tables the councils' reports publish, counted from a register built by hand (issue 13).

Each test below builds, row by row in the test, a year of records that says what a
council's report says, imports it through the register importer, and checks that the
breakdown engine (and the annual figures where both give one) prints the report's table:
the same rows, the same counts, and the same percentages once rounded as the report
rounds them (to whole per cent; Putright gives one decimal place).

The reports (in the project's reference folder, not in this repository) are Oxford City
Council's annual complaints report 2023/24, Cannock Chase District Council's Cabinet
report of June 2024, Brent Council's Cabinet report of August 2024 and Milton Keynes City
Council's Housing Annual Complaints Report 2023/24. Some of their tables count different
populations (Brent counts root causes over the complaints closed in the year but
outcomes over those answered, and its escalation rates do not add up to its own totals);
each test builds the population its table counts and says which figures it leaves out and
why. Milton Keynes' self-assessment, the fifth document, is a table of provisions, not of
figures, and is held by the self-assessment tests.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest

from putright.complaints.models import Complaint
from putright.landlords.models import Division, Landlord, ServiceArea, Theme
from putright.reports.annual import annual_figures
from putright.reports.breakdown import breakdown
from tests import factories
from tests.registers.support import import_dicts

pytestmark = pytest.mark.django_db

# A stage 1 answered on time and a stage 2 answered on time in 2023/24 (working days from
# the acknowledgement: 10 and 20; no bank holiday falls in between).
STAGE1 = {
    "received_date": "2023-06-05",
    "s1_acknowledged_date": "2023-06-07",
    "s1_responded_date": "2023-06-20",
}
STAGE2 = {
    "escalation_requested_date": "2023-07-10",
    "s2_acknowledged_date": "2023-07-12",
    "s2_responded_date": "2023-08-08",
}
RECEIVED_ONLY = {"received_date": "2023-09-04"}

_numbers = itertools.count(1)


def rows(count: int, **fields: str) -> Iterator[dict[str, str]]:
    """``count`` records alike but for their references."""
    for _ in range(count):
        yield {"reference": f"R{next(_numbers):05d}", **fields}


def whole_pct(share: float | None) -> int:
    """A percentage as the councils print it: to the whole per cent, halves up."""
    assert share is not None
    return int(Decimal(str(share)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def table(result: Any, *columns: str) -> list[tuple[Any, ...]]:
    return [tuple(row[c] for c in columns) for row in result.rows]


def imported(name: str, records: list[dict[str, str]]) -> Landlord:
    landlord = factories.landlord(name=name)
    summary = import_dicts(landlord, *records)
    assert summary.created == len(records), summary
    return landlord


# --- Oxford City Council, 2023/24 -------------------------------------------------------
#
# "Stage 1 complaints by service area": the contractor ODS handles most stage 1 complaints
# and is its own row; the Council's own complaints are shown by service area. The same for
# stage 2. The tenure chart covers the complaints the Council handled (ODS does not record
# tenure).

OXFORD_STAGE1 = [  # service area, total, upheld; handled by the Council
    ("Property Services - Repairs & Maintenance", 46, 31),
    ("Tenancy Management", 64, 39),
    ("Anti-Social Behaviour", 8, 4),
    ("Home Ownership", 5, 3),
    ("Property Services - Other", 5, 1),
    ("Legal Services", 3, 2),
    ("Development/OX Place", 1, 1),
    ("Contact Centre", 1, 1),
    ("Involvement", 1, 0),
]
OXFORD_STAGE2 = [  # escalated from the Council's stage 1 of the same area
    ("Property Services - Repairs & Maintenance", 10, 8),
    ("Tenancy Management", 8, 8),
    ("Home Ownership", 1, 0),
]
OXFORD_TENURE = [("tenant", 115), ("leaseholder", 9), ("shared_owner", 8), ("private_resident", 2)]


def oxford() -> Landlord:
    records: list[dict[str, str]] = []
    ods = {"s1_handled_by": "ODS", "service_area": "Repairs (ODS)", **STAGE1}
    # ODS: 431 at stage 1, 252 upheld; 11 of them escalated, answered by ODS, 9 upheld.
    records += rows(9, **ods, s1_outcome="upheld", s2_handled_by="ODS", **STAGE2,
                    s2_outcome="upheld")  # fmt: skip
    records += rows(2, **ods, s1_outcome="upheld", s2_handled_by="ODS", **STAGE2,
                    s2_outcome="not_upheld")  # fmt: skip
    records += rows(252 - 11, **ods, s1_outcome="upheld")
    records += rows(431 - 252, **ods, s1_outcome="not_upheld")
    tenures = iter(tenure for tenure, n in OXFORD_TENURE for _ in range(n))
    escalated = {area: (n, upheld) for area, n, upheld in OXFORD_STAGE2}
    for area, total, upheld in OXFORD_STAGE1:
        to_stage2, upheld2 = escalated.get(area, (0, 0))
        for i in range(total):
            row = {"service_area": area, "tenure": next(tenures), **STAGE1,
                   "s1_outcome": "upheld" if i < upheld else "not_upheld"}  # fmt: skip
            if i < to_stage2:
                row |= STAGE2
                row["s2_outcome"] = "upheld" if i < upheld2 else "not_upheld"
            records += rows(1, **row)
    return imported("Oxford City Council", records)


def test_oxford_stage1_handled_by_the_council_and_by_ods():
    landlord = oxford()
    by_handler = breakdown(landlord, 2023, stage=1, measures=["received", "upheld"],
                           by=["handler"])  # fmt: skip
    assert table(by_handler, "handler", "received", "upheld") == [
        ("landlord", 134, 82),
        ("ODS", 431, 252),
    ]
    assert by_handler.totals == {"received": 565, "upheld": 334}
    # "Overall, 59% ... upheld ... within ODS 58% ... within the Council 61%"
    # Rounded once from the counts, as the council did: 82/134 = 61.2%, 252/431 = 58.47%
    # (Putright prints 58.5, which a second rounding would wrongly make 59), 334/565.
    pct = breakdown(landlord, 2023, stage=1, measures=["upheld_pct"], by=["handler"])
    assert [r["upheld_pct"] for r in pct.rows] == [61.2, 58.5]
    assert [whole_pct(100 * 82 / 134), whole_pct(100 * 252 / 431)] == [61, 58]
    assert pct.totals["upheld_pct"] == 59.1
    assert annual_figures(landlord, 2023)["stage1"]["received"] == 565


def test_oxford_stage1_by_service_area_with_ods_as_its_own_row():
    landlord = oxford()
    result = breakdown(landlord, 2023, stage=1, measures=["received", "upheld"],
                       by=["handler", "service_area"])  # fmt: skip
    printed = [("ODS", 431, 252)] + [(area, n, up) for area, n, up in OXFORD_STAGE1]
    rows_ = {
        (r["service_area"] if r["handler"] == "landlord" else r["handler"]): (
            r["received"],
            r["upheld"],
        )
        for r in result.rows
    }
    assert len(rows_) == len(result.rows) == len(printed)
    assert sorted(rows_.items()) == sorted((name, (n, up)) for name, n, up in printed)


def test_oxford_stage2_by_service_area_with_ods_as_its_own_row():
    landlord = oxford()
    result = breakdown(landlord, 2023, stage=2, measures=["received", "upheld"],
                       by=["handler", "service_area"])  # fmt: skip
    assert sorted(
        (r["service_area"] if r["handler"] == "landlord" else r["handler"], r["received"],
         r["upheld"])
        for r in result.rows
    ) == sorted([("ODS", 11, 9), *OXFORD_STAGE2])  # fmt: skip
    # "Overall, 83% of Stage 2 complaints were upheld ... within ODS 82% ... the Council 84%"
    pct = breakdown(landlord, 2023, stage=2, measures=["received", "upheld_pct"],
                    by=["handler"])  # fmt: skip
    assert table(pct, "handler", "received") == [("landlord", 19), ("ODS", 11)]
    assert [whole_pct(r["upheld_pct"]) for r in pct.rows] == [84, 82]
    assert whole_pct(pct.totals["upheld_pct"]) == 83


def test_oxford_tenure_of_the_complaints_the_council_handled():
    landlord = oxford()
    result = breakdown(landlord, 2023, stage=1, measures=["received"], by=["handler", "tenure"])
    council = [r for r in result.rows if r["handler"] == "landlord"]
    assert [(r["tenure"], r["received"]) for r in council] == OXFORD_TENURE
    # The chart's shares are of the Council's 134: 86%, 7%, 6% and 1%.
    assert [whole_pct(100 * r["received"] / 134) for r in council] == [86, 7, 6, 1]
    # ODS records no tenure: its 431 are counted as unknown, not guessed.
    assert [(r["tenure"], r["received"]) for r in result.rows if r["handler"] == "ODS"] == [
        ("unknown", 431)
    ]


# --- Cannock Chase District Council, 2023/24 --------------------------------------------

CANNOCK_STAGE1 = [  # service area, count, printed percentage
    ("Repairs / Maintenance", 14, 39),
    ("Housing Property Services (HPS)", 10, 28),
    ("Allocations", 5, 14),
    ("Neighbourhoods", 5, 14),
    ("Tenancy Services", 2, 6),
]


def cannock() -> Landlord:
    records: list[dict[str, str]] = []
    # Stage 1: 19 upheld, 7 partly upheld, 10 not upheld, by area as the table; the
    # escalated seven are three of Allocations, two of Repairs and two of HPS (one of those
    # spanning several areas, counted under its main one), 2 upheld, 2 partly, 3 not.
    outcomes = iter(["upheld"] * 19 + ["partly_upheld"] * 7 + ["not_upheld"] * 10)
    stage2 = {"Allocations": ["upheld", "not_upheld", "not_upheld"],
              "Repairs / Maintenance": ["upheld", "partly_upheld"],
              "Housing Property Services (HPS)": ["partly_upheld", "not_upheld"]}  # fmt: skip
    for area, count, _ in CANNOCK_STAGE1:
        escalated = stage2.get(area, [])
        for i in range(count):
            row = {"service_area": area, **STAGE1, "s1_outcome": next(outcomes)}
            if i < len(escalated):
                row |= {**STAGE2, "s2_outcome": escalated[i]}
            records += rows(1, **row)
    # 113 MP enquiries (62 for Allocations) and 103 service requests (40 for Repairs, 27
    # for Neighbourhoods); the rest spread over other areas.
    for kind, spread in (
        ("member_enquiry", [("Allocations", 62), ("Housing Options", 30), ("Repairs", 21)]),
        ("service_request",
         [("Repairs", 40), ("Neighbourhoods", 27), ("Allocations", 20), ("Tenancy", 16)]),
    ):  # fmt: skip
        for area, count in spread:
            records += rows(count, kind=kind, service_area=area, **RECEIVED_ONLY)
    return imported("Cannock Chase District Council", records)


def test_cannock_stage1_complaints_by_service_area_with_percentages():
    landlord = cannock()
    result = breakdown(landlord, 2023, stage=1, measures=["received"], by=["service_area"])
    got = {r["service_area"]: (r["received"], whole_pct(r["received_share_pct"]))
           for r in result.rows}  # fmt: skip
    assert got == {area: (n, pct) for area, n, pct in CANNOCK_STAGE1}
    assert result.totals == {"received": 36}
    figures = annual_figures(landlord, 2023)["stage1"]
    assert figures["outcomes"] == {"upheld": 19, "partly_upheld": 7, "not_upheld": 10}


def test_cannock_stage2_by_service_area_and_the_escalation_rate():
    landlord = cannock()
    result = breakdown(landlord, 2023, stage=2, measures=["received"], by=["service_area"])
    assert {r["service_area"]: r["received"] for r in result.rows} == {
        "Allocations": 3,
        "Repairs / Maintenance": 2,
        "Housing Property Services (HPS)": 2,
    }
    figures = annual_figures(landlord, 2023)
    assert figures["stage2"]["outcomes"] == {"upheld": 2, "partly_upheld": 2, "not_upheld": 3}
    assert whole_pct(figures["escalation_rate_pct"]) == 19  # "19% ... escalated"


def test_cannock_mp_enquiries_and_service_requests_by_service_area():
    landlord = cannock()
    result = breakdown(landlord, 2023, stage=1, measures=["received"], by=["kind", "service_area"])
    counts = {(r["kind"], r["service_area"]): r["received"] for r in result.rows}
    enquiries = {a: n for (k, a), n in counts.items() if k == "member_enquiry"}
    requests = {a: n for (k, a), n in counts.items() if k == "service_request"}
    assert sum(enquiries.values()) == 113
    assert enquiries["Allocations"] == 62
    assert whole_pct(100 * 62 / 113) == 55  # "62 enquiries which amounts to 55%"
    assert sum(requests.values()) == 103
    assert (requests["Repairs"], requests["Neighbourhoods"]) == (40, 27)
    assert [whole_pct(100 * n / 103) for n in (40, 27)] == [39, 26]
    figures = annual_figures(landlord, 2023)
    assert (figures["member_enquiries"], figures["service_requests"]) == (113, 103)
    # 259 contacts logged: 36 stage 1, 7 stage 2, 113 enquiries and 103 requests.
    assert 36 + 7 + figures["member_enquiries"] + figures["service_requests"] == 259


# --- Brent Council, 2023/24 --------------------------------------------------------------
#
# Brent's tables are by division: Housing and Neighbourhoods (H&N) and Housing
# Management Property (HMP). Its root causes and stage 1 outcomes count the 601
# complaints closed in the year (133 H&N, 468 HMP); the escalation rates it prints (25%
# and 17%) cannot both come from its own totals, so they are not reproduced; the overall
# stage 2 uphold rate (78%) differs from its divisions' own (50% and 88% of 28 and 96) and
# is left out too.

HN, HMP = "Housing and Neighbourhoods", "Housing Management Property"
BRENT_ROOT_CAUSES = {  # division: (service failure (delay), communication, policy)
    HN: ((71, 15), 52, 10),
    HMP: ((423, 246), 39, 6),
}
BRENT_STAGE1_OUTCOMES = {HN: (21, 45, 133), HMP: (270, 46, 468)}  # upheld, partly, of
BRENT_STAGE2_OUTCOMES = {HN: (4, 10, 28), HMP: (45, 39, 96)}
BRENT_ESCALATION_REASONS = {HN: (20, 32), HMP: (52, 102)}  # disagreed, of escalated


def brent() -> Landlord:
    records: list[dict[str, str]] = []
    for division, ((failure, delay), communication, policy) in BRENT_ROOT_CAUSES.items():
        area = f"{division} services"
        causes = (
            [("service_failure", "Delay")] * delay
            + [("service_failure", "Standards not met")] * (failure - delay)
            + [("communication", "")] * communication
            + [("policy_procedure", "")] * policy
        )
        upheld, partly, of = BRENT_STAGE1_OUTCOMES[division]
        assert len(causes) == of
        outcomes = ["upheld"] * upheld + ["partly_upheld"] * partly
        outcomes += ["not_upheld"] * (of - len(outcomes))
        up2, partly2, of2 = BRENT_STAGE2_OUTCOMES[division]
        outcomes2 = ["upheld"] * up2 + ["partly_upheld"] * partly2
        outcomes2 += ["not_upheld"] * (of2 - len(outcomes2))
        disagreed, escalated = BRENT_ESCALATION_REASONS[division]
        reasons = ["disagrees_with_decision"] * disagreed
        reasons += ["actions_not_done"] * (escalated - disagreed)
        for i, ((cause, detail), outcome) in enumerate(zip(causes, outcomes, strict=True)):
            row = {"service_area": area, **STAGE1, "s1_outcome": outcome,
                   "root_cause": cause, "root_cause_detail": detail}  # fmt: skip
            if i < escalated:
                row |= {"escalation_requested_date": STAGE2["escalation_requested_date"],
                        "escalation_reason": reasons[i]}  # fmt: skip
                if i < of2:
                    row |= {**STAGE2, "s2_outcome": outcomes2[i]}
            records += rows(1, **row)
    landlord = imported("Brent Council", records)
    for division in (HN, HMP):
        d = Division.objects.create(landlord=landlord, name=division)
        ServiceArea.objects.filter(landlord=landlord, name=f"{division} services").update(
            division=d
        )
    return landlord


def test_brent_root_causes_by_division():
    landlord = brent()
    result = breakdown(landlord, 2023, stage=1, measures=["responded"],
                       by=["division", "root_cause"])  # fmt: skip
    counts = {(r["division"], r["root_cause"]): r["responded"] for r in result.rows}
    for division, ((failure, _), communication, policy) in BRENT_ROOT_CAUSES.items():
        assert counts[(division, "service_failure")] == failure
        assert counts[(division, "communication")] == communication
        assert counts[(division, "policy_procedure")] == policy
    # "53% of complaints (71 out of 133)"; "90% of complaints (423 out of 468)";
    # "Communication issues made up 8% of the complaints (39 complaints)".
    assert whole_pct(100 * counts[(HN, "service_failure")] / 133) == 53
    assert whole_pct(100 * counts[(HMP, "service_failure")] / 468) == 90
    assert whole_pct(100 * counts[(HMP, "communication")] / 468) == 8
    overall = breakdown(landlord, 2023, stage=1, measures=["responded"], by=["root_cause"])
    assert {
        r["root_cause"]: (r["responded"], whole_pct(r["responded_share_pct"])) for r in overall.rows
    } == {
        "service_failure": (494, 82),
        "communication": (91, 15),
        "policy_procedure": (16, 3),
    }


def test_brent_delay_is_the_main_service_failure():
    landlord = brent()
    result = breakdown(landlord, 2023, stage=1, measures=["responded"],
                       by=["division", "root_cause_detail"])  # fmt: skip
    counts = {(r["division"], r["root_cause_detail"]): r["responded"] for r in result.rows}
    assert counts[(HMP, "Delay")] == 246
    assert whole_pct(100 * 246 / 468) == 53  # "(246 complaints, 53%)"
    assert counts[(HN, "Delay")] + counts[(HMP, "Delay")] == 261  # "delay ... 261 complaints"


def test_brent_stage1_and_stage2_outcomes_by_division():
    landlord = brent()
    for stage, printed, pcts in (
        (1, BRENT_STAGE1_OUTCOMES, {HN: (16, 34, 50), HMP: (58, 10, 68)}),
        (2, BRENT_STAGE2_OUTCOMES, {HN: (14, 36, 50), HMP: (47, 41, 88)}),
    ):
        result = breakdown(landlord, 2023, stage=stage,
                           measures=["responded", "upheld", "upheld_pct"],
                           by=["division"])  # fmt: skip
        for row in result.rows:
            upheld, partly, of = printed[row["division"]]
            assert (row["responded"], row["upheld"]) == (of, upheld + partly)
            assert whole_pct(row["upheld_pct"]) == pcts[row["division"]][2]
            assert (whole_pct(100 * upheld / of), whole_pct(100 * partly / of)) == pcts[
                row["division"]
            ][:2]
    figures = annual_figures(landlord, 2023)["stage1"]
    # "291 complaints were upheld at stage 1 and 91 ... partly upheld ... a 64% uphold rate"
    assert (figures["outcomes"]["upheld"], figures["outcomes"]["partly_upheld"]) == (291, 91)
    assert whole_pct(figures["upheld_or_partly_pct"]) == 64


def test_brent_escalation_reasons_by_division():
    landlord = brent()
    result = breakdown(landlord, 2023, stage=1, measures=["escalated"],
                       by=["division", "escalation_reason"])  # fmt: skip
    counts = {(r["division"], r["escalation_reason"]): r["escalated"] for r in result.rows}
    assert counts[(HN, "disagrees_with_decision")] == 20
    assert counts[(HMP, "disagrees_with_decision")] == 52
    # "accounting for 63% of complaints" (H&N); overall 72 of 134, "54% of cases".
    assert whole_pct(100 * 20 / 32) == 63
    overall = breakdown(landlord, 2023, stage=1, measures=["escalated"], by=["escalation_reason"])
    assert overall.totals == {"escalated": 134}
    disagreed = next(r for r in overall.rows if r["escalation_reason"] == "disagrees_with_decision")
    assert (disagreed["escalated"], whole_pct(disagreed["escalated_share_pct"])) == (72, 54)


def test_brent_compensation_by_stage_and_reason():
    # "Stage 1: 154 cases, £41,865; Stage 2: 104 cases, £54,159; Total 258, £96,024"; the
    # reasons over both stages: delay or failure 190 cases, time and trouble 37,
    # reimbursement 14, the rest (distress, incorrect actions) 17.
    records: list[dict[str, str]] = []
    # Stage 1: 153 cases of £270 and one of £555 (41,310 + 555 = 41,865).
    reasons1 = ["delay_failure"] * 110 + ["time_trouble"] * 25 + ["reimbursement"] * 9
    reasons1 += ["distress_inconvenience"] * 10
    for i, reason in enumerate(reasons1):
        records += rows(1, **STAGE1, s1_outcome="upheld", s1_compensation_gbp=
                        "555" if i == 0 else "270", s1_compensation_reason=reason)  # fmt: skip
    # Stage 2: 103 cases of £520 and one of £599 (53,560 + 599 = 54,159), on top of a
    # stage 1 without compensation.
    reasons2 = ["delay_failure"] * 80 + ["time_trouble"] * 12 + ["reimbursement"] * 5
    reasons2 += ["other"] * 7
    for i, reason in enumerate(reasons2):
        records += rows(1, **STAGE1, s1_outcome="not_upheld", **STAGE2, s2_outcome="upheld",
                        s2_compensation_gbp="599" if i == 0 else "520",
                        s2_compensation_reason=reason)  # fmt: skip
    landlord = imported("Brent Council", records)
    totals = {
        stage: breakdown(landlord, 2023, stage=stage,
                         measures=["compensation_cases", "compensation_gbp"],
                         by=["compensation_reason"]).totals
        for stage in (1, 2)
    }  # fmt: skip
    assert totals == {
        1: {"compensation_cases": 154, "compensation_gbp": "41865.00"},
        2: {"compensation_cases": 104, "compensation_gbp": "54159.00"},
    }
    figures = annual_figures(landlord, 2023)
    assert figures["compensation_total_gbp"] == "96024.00"
    cases: dict[str, int] = {}
    for stage in (1, 2):
        for row in breakdown(landlord, 2023, stage=stage, measures=["compensation_cases"],
                             by=["compensation_reason"]).rows:  # fmt: skip
            cases[row["compensation_reason"]] = (
                cases.get(row["compensation_reason"], 0) + row["compensation_cases"]
            )
    assert (cases["delay_failure"], cases["time_trouble"], cases["reimbursement"]) == (190, 37, 14)
    assert sum(cases.values()) == 258


def test_brent_complaints_not_accepted_at_stage1_by_reason():
    # "47 complaints were rejected ... already investigated and ... a duplicate ... 91%".
    records = list(rows(43, received_date="2023-06-05", not_accepted_reason="duplicate"))
    records += rows(4, received_date="2023-06-05", not_accepted_reason="over_12_months")
    records += rows(10, **STAGE1, s1_outcome="upheld")
    landlord = imported("Brent Council", records)
    result = breakdown(landlord, 2023, stage=1, measures=["not_accepted"],
                       by=["not_accepted_reason"])  # fmt: skip
    got = {r["not_accepted_reason"]: r for r in result.rows}
    assert {reason: r["not_accepted"] for reason, r in got.items()} == {
        "duplicate": 43,
        "over_12_months": 4,
    }
    # 43 of 47 is 91.49%: Putright prints 91.5; the council, rounding once, 91%.
    assert got["duplicate"]["not_accepted_share_pct"] == 91.5
    assert whole_pct(100 * 43 / 47) == 91
    assert annual_figures(landlord, 2023)["not_accepted"] == {
        "total": 47,
        "by_reason": {"duplicate": 43, "over_12_months": 4},
    }


# --- Milton Keynes City Council, 2023/24 -----------------------------------------------


def test_milton_keynes_decisions_and_themes():
    # "Of the 671 complaints that were opened, 579 were given a decision": upheld 96,
    # partially upheld 188, not upheld 295. Themes: professional decision making 329,
    # service failure 249, contractor related 21, staff conduct 14: 613 in all, more than
    # the 579 decisions, so 34 decided complaints carry a second theme.
    themes = ["Professional decision making"] * 329 + ["Service failure"] * 249
    themes += ["Contractor related"] * 21 + ["Staff conduct"] * 14
    main, second = themes[:579], themes[579:]
    outcomes = ["upheld"] * 96 + ["partly_upheld"] * 188 + ["not_upheld"] * 295
    # "13% of complaints were escalated to Stage two": 87 of the 671.
    records = [
        {"reference": f"MK{i:04d}", **STAGE1, "s1_outcome": outcome, "theme": theme}
        | ({"escalation_requested_date": "2023-07-10"} if i % 6 == 5 and i < 6 * 87 else {})
        for i, (outcome, theme) in enumerate(zip(outcomes, main, strict=True))
    ]
    records += rows(671 - 579, received_date="2024-03-25")  # opened, not yet decided
    landlord = imported("Milton Keynes City Council", records)
    for i, name in enumerate(second):
        theme, _ = Theme.objects.get_or_create(landlord=landlord, name=name)
        Complaint.objects.get(landlord=landlord, reference=f"MK{i:04d}").other_themes.add(theme)
    figures = annual_figures(landlord, 2023)
    assert figures["stage1"]["received"] == 671
    assert figures["stage1"]["responded"] == 579
    assert figures["stage1"]["outcomes"] == {"upheld": 96, "partly_upheld": 188, "not_upheld": 295}
    result = breakdown(landlord, 2023, stage=1, measures=["responded"], by=["any_theme"])
    assert {r["any_theme"]: r["responded"] for r in result.rows} == {
        "Professional decision making": 329,
        "Service failure": 249,
        "Contractor related": 21,
        "Staff conduct": 14,
    }
    assert result.totals == {"responded": 579}  # each complaint once
    assert figures["stage2"]["received"] == 87
    assert whole_pct(figures["escalation_rate_pct"]) == 13
