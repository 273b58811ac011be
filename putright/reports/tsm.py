"""The Tenant Satisfaction Measures on complaints: CH01 and CH02 (the Regulator of Social
Housing's technical requirements; counting-rules.md), from the annual figures, and TP09
(satisfaction with the approach to complaints handling) as entered from the landlord's
perception survey, with the sector medians the landlord entered beside them, and every
tenant perception measure entered (TP01 to TP12, ``reports.perception``)."""

from __future__ import annotations

import io
from typing import Any

from putright.landlords.models import Landlord
from putright.reports.annual import annual_figures
from putright.reports.models import TsmYear
from putright.reports.perception import perception_figures, tp09_of, with_tp09_median
from putright.rules.counting import financial_year_label
from putright.web.spreadsheets import csv_writer


def tsm_return(landlord: Landlord, year: int) -> dict[str, Any]:
    """CH01 and CH02 for one year, with the counts behind them and both CH02 readings (the
    landlord's ``ch02_strict`` setting says which is reported), TP09 if entered, and the
    sector medians the landlord entered."""
    f = annual_figures(landlord, year)
    s1, s2 = f["stage1"], f["stage2"]
    entered = TsmYear.objects.filter(landlord=landlord, year=year).first()
    perception = perception_figures(landlord, year)
    tp09, tp09_respondents = tp09_of(
        perception,
        entered.tp09_pct if entered else None,
        entered.tp09_respondents if entered else None,
    )
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
        "TP09": tp09,
        "TP09_respondents": tp09_respondents,
        "sector_medians": with_tp09_median(
            entered.medians() if entered else dict.fromkeys(TsmYear().medians()), perception
        ),
        "sector_medians_source": entered.median_source if entered else "",
        "perception": perception,
    }


def tsm_csv(tsm: dict[str, Any]) -> str:
    """The return as a two-column CSV of measure and value, one row per figure."""
    out = io.StringIO()
    writer = csv_writer(out, lineterminator="\n")
    writer.writerow(["measure", "value"])
    writer.writerow(["landlord", tsm["landlord"]])
    writer.writerow(["year", tsm["year"]])
    writer.writerow(["homes", tsm["homes"]["total"]])
    for measure in ("CH01", "CH02"):
        for key, value in tsm[measure].items():
            writer.writerow([f"{measure}.{key}", "" if value is None else value])
    writer.writerow(["TP09", "" if tsm["TP09"] is None else tsm["TP09"]])
    for key, value in tsm["sector_medians"].items():
        writer.writerow([f"sector_median.{key}", "" if value is None else value])
    writer.writerow(["sector_median.source", tsm["sector_medians_source"]])
    for code, entry in tsm["perception"].items():
        if not entry["entered"]:
            continue
        for key in ("respondents", "answering", "satisfied", "satisfied_pct", "previous_pct"):
            writer.writerow([f"{code}.{key}", "" if entry[key] is None else entry[key]])
        for key, value in entry["answers"].items():
            writer.writerow([f"{code}.answers.{key}", value])
        for key, value in entry["sector"].items():
            writer.writerow([f"{code}.sector.{key}", "" if value is None else value])
    return out.getvalue()
