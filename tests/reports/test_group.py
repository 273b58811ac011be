"""A group's figures (issue 15, item 4; counting-rules.md, "A group of landlords"): added
up from its landlords' by the same counting rules: counts summed, percentages worked out
again from the summed numerators and denominators (never averaged), rates per 1,000 homes
from the summed homes."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from putright.landlords.models import HomesCount, Landlord, LandlordGroup, SettingsChange
from putright.landlords.services import group_add, sub_causes_seed
from putright.registers.generate import generate_rows
from putright.registers.importer import register_import
from putright.reports.annual import annual_figures
from putright.reports.breakdown import breakdown
from putright.reports.group import (
    GROUP_BREAKDOWN_KEYS,
    group_annual_json,
    group_breakdowns,
    group_tsm_return,
)
from putright.rules.counting import per_1000, percent
from putright.rules.lifecycle import RuleError
from tests import factories
from tests.registers.support import parse, register_bytes

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 30)
_NAMES = itertools.count(1)

#: (numerator, denominator) of each percentage of a stage's figures.
STAGE_PERCENTAGES = {
    "within_timescale_pct": ("responded_within_timescale", "responded"),
    "within_agreed_extension_pct": ("responded_within_agreed_extension", "responded"),
}
STAGE_COUNTS = (
    "received",
    "responded",
    "responded_within_timescale",
    "responded_within_agreed_extension",
    "acknowledged",
    "acknowledged_within_timescale",
    "extended",
)


def _landlord_with_register(seed: int, count: int, homes: int) -> Landlord:
    landlord = factories.landlord(name=f"Provider {next(_NAMES)}")
    sub_causes_seed(landlord=landlord)
    data = register_bytes(*generate_rows(count, today=TODAY, seed=seed, years=2))
    parsed = parse(data, today=TODAY)
    assert parsed.errors == []
    register_import(landlord=landlord, rows=parsed.rows)
    if homes:
        HomesCount.objects.create(landlord=landlord, year=2025, lcra=homes, lcho=homes // 10)
    return landlord


def _added(values: list[dict[str, int]]) -> dict[str, int]:
    total: dict[str, int] = {}
    for value in values:
        for key, n in value.items():
            total[key] = total.get(key, 0) + n
    return dict(sorted(total.items()))


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    registers=st.lists(
        st.tuples(st.integers(0, 10_000), st.integers(10, 60), st.integers(0, 3000)),
        min_size=2,
        max_size=3,
    ),
    year=st.sampled_from([2024, 2025]),
)
def test_a_groups_figures_are_the_sum_of_its_landlords_on_random_registers(registers, year):
    landlords = [_landlord_with_register(*r) for r in registers]
    group = group_add(name=f"Group {next(_NAMES)}", landlords=landlords, by=None)
    whole = group_annual_json(group, year)
    each = [annual_figures(landlord, year) for landlord in landlords]
    # The group lists its landlords by name ("Provider 10" before "Provider 9").
    assert whole["by_landlord"] == sorted(each, key=lambda f: f["landlord"])

    for key in ("logged", "service_requests", "member_enquiries", "withdrawn"):
        assert whole[key] == sum(f[key] for f in each), key
    assert whole["not_accepted"]["total"] == sum(f["not_accepted"]["total"] for f in each)
    homes = sum(f["homes"]["total"] for f in each)
    assert whole["homes"]["total"] == homes
    for stage in ("stage1", "stage2"):
        group_stage = whole[stage]
        for key in STAGE_COUNTS:
            assert group_stage[key] == sum(f[stage][key] for f in each), (stage, key)
        for key, (top, bottom) in STAGE_PERCENTAGES.items():
            assert group_stage[key] == percent(group_stage[top], group_stage[bottom])
        upheld = group_stage["outcomes"].get("upheld", 0) + group_stage["outcomes"].get(
            "partly_upheld", 0
        )
        assert group_stage["upheld_or_partly_pct"] == percent(upheld, group_stage["responded"])
        assert group_stage["outcomes"] == _added([f[stage]["outcomes"] for f in each])
        assert group_stage["by_tenure"] == dict(
            sorted(
                _added([f[stage]["by_tenure"] for f in each]).items(),
                key=lambda item: (-item[1], item[0]),
            )
        )
        assert group_stage["per_1000_homes"] == per_1000(group_stage["received"], homes)
        assert Decimal(group_stage["compensation"]["total_gbp"]) == sum(
            Decimal(f[stage]["compensation"]["total_gbp"]) for f in each
        )
    assert whole["escalation_rate_pct"] == percent(
        whole["stage2"]["received"], whole["stage1"]["received"]
    )
    assert whole["tsm"]["CH01"]["stage1_per_1000_homes"] == whole["stage1"]["per_1000_homes"]

    # The breakdowns: each row's counts the sum of the landlords' rows of that name.
    for counted in group_breakdowns(group, year):
        own = [
            breakdown(
                landlord,
                year,
                stage=counted["stage"],
                measures=counted["measures"],
                by=counted["by"],
            )
            for landlord in landlords
        ]
        counts = [m for m in counted["measures"] if not m.endswith("_pct")]
        for row in counted["rows"]:
            label = tuple(row[d] for d in counted["by"])
            for m in counts:
                assert row[m] == sum(
                    r[m] for b in own for r in b.rows if tuple(r[d] for d in counted["by"]) == label
                ), (counted["key"], label, m)
        for m in counts:
            assert counted["totals"][m] == sum(b.totals[m] for b in own), (counted["key"], m)


def test_percentages_are_worked_out_again_not_averaged():
    """Two landlords: 1 of 1 on time and 0 of 3 on time give 25%, not the average 50%."""
    from putright.reports.group import tally_added
    from putright.reports.periods import year_period
    from putright.reports.tally import PeriodTally

    one, other = PeriodTally(year_period(2025)), PeriodTally(year_period(2025))
    one.stages[1].responded, one.stages[1].within = 1, 1
    other.stages[1].responded, other.stages[1].within = 3, 0
    total = tally_added([one, other])
    assert (total.stages[1].responded, total.stages[1].within) == (4, 1)
    assert percent(total.stages[1].within, total.stages[1].responded) == 25.0


def test_the_tsm_return_of_a_group_adds_up_homes_and_complaints():
    first = _landlord_with_register(7, 30, 1000)
    second = _landlord_with_register(8, 30, 3000)
    group = group_add(name="Brent group", landlords=[first, second], by=None)
    tsm = group_tsm_return(group, 2025)
    assert tsm["homes"]["total"] == 1100 + 3300
    received = sum(annual_figures(x, 2025)["stage1"]["received"] for x in (first, second))
    assert tsm["CH01"]["stage1_received"] == received
    assert tsm["CH01"]["stage1_per_1000_homes"] == per_1000(received, 4400)
    assert tsm["TP09"] is None
    assert [b["key"] for b in group_annual_json(group, 2025)["breakdowns"]] == list(
        GROUP_BREAKDOWN_KEYS
    )


def test_a_landlord_is_in_one_group_at_most():
    first, second = factories.landlord(name="I4B"), factories.landlord(name="First Wave")
    group_add(name="Brent", landlords=[first, second], by=None)
    with pytest.raises(RuleError) as refused:
        group_add(name="Another", landlords=[first], by=None)
    assert "I4B is already in the group Brent" in str(refused.value)
    entry = SettingsChange.objects.get(landlord=first)
    assert entry.summary == "Joined the group Brent" and entry.by_name == "The command line"


def test_a_landlords_administrator_cannot_set_up_a_group():
    from django.core.exceptions import PermissionDenied

    landlord = factories.landlord()
    admin = factories.user(landlord=landlord, role="administrator")
    with pytest.raises(PermissionDenied):
        group_add(name="Group", landlords=[landlord], by=admin)
    assert not LandlordGroup.objects.exists()


def test_the_group_command_adds_lists_and_refuses(capsys, tmp_path):
    factories.landlord(name="I4B Holdings")
    factories.landlord(name="First Wave Housing")
    call_command("group", "add", "Brent group", "--landlord", "i4b holdings", "--landlord",
                 "First Wave Housing")  # fmt: skip
    assert "Added the group 'Brent group' (brent-group)" in capsys.readouterr().out
    factories.user("boardmember")
    call_command("group", "member", "Brent group", "--user", "boardmember", "--role", "viewer")
    call_command("group", "list")
    out = capsys.readouterr().out
    assert "Brent group (brent-group): First Wave Housing, I4B Holdings" in out
    assert "boardmember: Group viewer (read-only)" in out
    with pytest.raises(CommandError, match="already in the group Brent group"):
        call_command("group", "add", "Other", "--landlord", "I4B Holdings")
    with pytest.raises(CommandError, match="There is no landlord called 'Nobody'"):
        call_command("group", "add", "Other", "--landlord", "Nobody")

    out_file = tmp_path / "group.json"
    call_command(
        "report", "annual", "--group", "brent group", "--year", "2025", "--out", str(out_file)
    )
    written = json.loads(out_file.read_text())
    assert written["group"] == "Brent group"
    assert written["landlords"] == ["First Wave Housing", "I4B Holdings"]
    with pytest.raises(CommandError, match="There is no group called 'Nobody'"):
        call_command("report", "annual", "--group", "Nobody", "--year", "2025", "--out",
                     str(out_file))  # fmt: skip
