"""The quarterly update for the Member Responsible for Complaints and the governing body
(Code 9.7): (a) the volume, categories and outcomes of complaints with the handling
performance, (b) issues and trends, (c) the Ombudsman's outcomes and progress on its orders.

Each quarter is counted by the same rules as the year (counting-rules.md, with "in the
year" read as "in the quarter"), so the four quarters' counts add up to the year's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from putright.compliments.selectors import compliment_figures
from putright.landlords.models import Landlord, today
from putright.ombudsman.selectors import orders_open_at
from putright.reports.annual import homes_for, period_figures, periods_figures
from putright.reports.periods import Quarter
from putright.reports.sections import SectionContent, section_content, section_json
from putright.reports.session import counting_session
from putright.rules.counting import financial_year_label, percent

#: How many quarters the trend table shows, this one included.
TREND_QUARTERS = 5
#: A theme is called out as rising when it has at least this many more complaints than last
#: quarter and at least half as many again.
RISING_BY = 3


@dataclass
class QuarterlyUpdate:
    landlord: Landlord
    quarter: Quarter
    figures: dict[str, Any]
    ombudsman: SectionContent
    generated_on: dt.date


def _trend_row(quarter: Quarter, figures: dict[str, Any]) -> dict[str, Any]:
    s1, s2 = figures["stage1"], figures["stage2"]
    return {
        "quarter": str(quarter),
        "logged": figures["logged"],
        "stage1_received": s1["received"],
        "stage2_received": s2["received"],
        "stage1_responded": s1["responded"],
        "stage2_responded": s2["responded"],
        "stage1_within_agreed_extension_pct": s1["within_agreed_extension_pct"],
        "stage2_within_agreed_extension_pct": s2["within_agreed_extension_pct"],
        "stage1_upheld_or_partly_pct": s1["upheld_or_partly_pct"],
        "compensation_total_gbp": figures["compensation_total_gbp"],
    }


def rising_themes(now: dict[str, int], before: dict[str, int]) -> list[dict[str, Any]]:
    """Themes with notably more stage 1 complaints than the quarter before (Code 9.4, 9.7 b:
    trends that may point to a systemic issue), largest rise first."""
    rising: list[dict[str, Any]] = []
    for theme, count in now.items():
        previous = before.get(theme, 0)
        if count - previous >= RISING_BY and count >= previous * 1.5:
            rising.append(
                {
                    "theme": theme,
                    "this_quarter": count,
                    "previous_quarter": previous,
                    "change_pct": percent(count - previous, previous) if previous else None,
                }
            )
    rising.sort(key=lambda row: (-(row["this_quarter"] - row["previous_quarter"]), row["theme"]))
    return rising


def open_orders_at(landlord: Landlord, on: dt.date) -> dict[str, Any]:
    """Code 9.7 (c): the Ombudsman's orders still open at the end of ``on`` (the quarter's
    last day), from any determination, each with its due date, owner and whether it was
    overdue then (due before that day)."""
    rows = [
        {
            "case": order.determination.case.reference,
            "complaint": (
                order.determination.case.complaint.reference
                if order.determination.case.complaint
                else None
            ),
            "determined_on": order.determination.determined_on.isoformat(),
            "kind": order.kind,
            "description": order.description,
            "due_on": order.due_on.isoformat(),
            "owner": order.owner,
            "overdue": order.due_on < on,
            "completed_on": order.completed_on.isoformat() if order.completed_on else None,
        }
        for order in orders_open_at(landlord, on)
    ]
    return {
        "at": on.isoformat(),
        "count": len(rows),
        "overdue": sum(1 for row in rows if row["overdue"]),
        "orders": rows,
    }


@counting_session()
def quarterly_update(
    landlord: Landlord, quarter: Quarter, *, on: dt.date | None = None
) -> QuarterlyUpdate:
    on = on or today()
    period = quarter.period
    lcra, lcho = homes_for(landlord, quarter.year)
    homes = lcra + lcho
    # The quarter and the ones before it in the trend, counted together in the same passes.
    quarters = [quarter.previous(back) for back in range(TREND_QUARTERS - 1, -1, -1)]
    counted = periods_figures(
        landlord,
        [q.period for q in quarters],
        homes=[homes if q == quarter else sum(homes_for(landlord, q.year)) for q in quarters],
    )
    figures = counted[-1]
    previous_figures = counted[-2] if len(counted) > 1 else None
    trend = [
        _trend_row(q, quarter_figures) for q, quarter_figures in zip(quarters, counted, strict=True)
    ]
    ytd = quarter.year_to_date()
    year_to_date = period_figures(landlord, ytd.start, ytd.end, homes=homes)
    themes_now = figures["stage1"]["by_theme"]
    themes_before = previous_figures["stage1"]["by_theme"] if previous_figures else {}
    ombudsman = section_content("ombudsman_casework", landlord, period)
    data = {
        "landlord": landlord.name,
        "quarter": str(quarter),
        "financial_year": financial_year_label(quarter.year),
        "period": period.as_dict(),
        "label": period.label,
        "generated_on": on.isoformat(),
        "homes": {"lcra": lcra, "lcho": lcho, "total": homes},
        **figures,
        "year_to_date": {"period": ytd.as_dict(), **_trend_row(quarter, year_to_date)},
        "trend": trend,
        "themes": {
            "this_quarter": themes_now,
            "previous_quarter": themes_before,
            "rising": rising_themes(themes_now, themes_before),
        },
        "ombudsman": section_json("ombudsman_casework", ombudsman, period),
        "open_orders": open_orders_at(landlord, period.end),
        "compliments": {
            **compliment_figures(landlord, period.start, period.end).as_json(),
            "year_to_date": compliment_figures(landlord, ytd.start, ytd.end).total,
        },
    }
    del data["year_to_date"]["quarter"]
    return QuarterlyUpdate(landlord, quarter, data, ombudsman, on)
