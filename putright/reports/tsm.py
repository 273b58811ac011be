"""The Tenant Satisfaction Measures on complaints: CH01 and CH02 (the Regulator of Social
Housing's technical requirements; counting-rules.md), from the annual figures."""

from __future__ import annotations

import csv
import io
from typing import Any

from putright.landlords.models import Landlord
from putright.reports.annual import annual_figures
from putright.rules.counting import financial_year_label


def tsm_return(landlord: Landlord, year: int) -> dict[str, Any]:
    """CH01 and CH02 for one year, with the counts behind them and both CH02 readings."""
    f = annual_figures(landlord, year)
    s1, s2 = f["stage1"], f["stage2"]
    return {
        "landlord": landlord.name,
        "year": financial_year_label(year),
        "period": f["period"],
        "homes": f["homes"],
        "CH01": {
            "stage1_received": s1["received"],
            "stage2_received": s2["received"],
            **f["tsm"]["CH01"],
        },
        "CH02": {
            "stage1_responded": s1["responded"],
            "stage2_responded": s2["responded"],
            "stage1_within_timescale": s1["responded_within_timescale"],
            "stage2_within_timescale": s2["responded_within_timescale"],
            "stage1_within_agreed_extension": s1["responded_within_agreed_extension"],
            "stage2_within_agreed_extension": s2["responded_within_agreed_extension"],
            "stage1_strict_pct": s1["within_timescale_pct"],
            "stage2_strict_pct": s2["within_timescale_pct"],
            "stage1_with_extensions_pct": s1["within_agreed_extension_pct"],
            "stage2_with_extensions_pct": s2["within_agreed_extension_pct"],
            **f["tsm"]["CH02"],
        },
        "TP09": f["tsm"]["TP09"],
    }


def tsm_csv(tsm: dict[str, Any]) -> str:
    """The return as a two-column CSV of measure and value, one row per figure."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["measure", "value"])
    writer.writerow(["landlord", tsm["landlord"]])
    writer.writerow(["year", tsm["year"]])
    writer.writerow(["homes", tsm["homes"]["total"]])
    for measure in ("CH01", "CH02"):
        for key, value in tsm[measure].items():
            writer.writerow([f"{measure}.{key}", "" if value is None else value])
    writer.writerow(["TP09", "" if tsm["TP09"] is None else tsm["TP09"]])
    return out.getvalue()
