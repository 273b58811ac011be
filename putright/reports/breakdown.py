"""Any measure of a stage broken down by one or two dimensions (issue 13), counted by the
database.

The measures and dimensions, what each counts and how a row's figures are worked out are
the counting rules' (``putright.rules.counting``: ``MEASURES``, ``DIMENSIONS``,
``breakdown_rows``). Here the database counts: one ``GROUP BY`` query per population a
measure counts (the stages received in the year, refused, escalated, answered; a
compensation's remedies; the service requests and member enquiries received), each
giving the base counts of every combination of dimension values in a few hundred rows at
most. A query counts a year and the year before together when a breakdown compares them,
and both stages when both are wanted (``breakdown_counts_each``, ``breakdowns``): the
year and the stage are two more columns of its ``GROUP BY``, so the stage and complaint
tables are read and joined once for all of them. Further, the populations of the same
stage rows (received, refused, answered) are counted in one query, each row grouped by
the year it was received in and the year it was answered in; and the breakdowns asked
together (``breakdowns``: the annual report's tables) are counted by all their dimensions
at once and added up to each one's own, so the report's eight default tables take two
passes. In the annual report the first of those (the stages received and answered by
service area, handler, division and escalation reason) comes from the tally's stage
pass, which counts them too (``breakdown_counts_each``'s ``tallied``), so only the
escalated are read again. On PostgreSQL that cuts the report's heavy queries (docs/performance.md,
"Reports", "On PostgreSQL"); the same SQL runs on SQLite. Python only names those values
(an id becomes its service area's name) and adds the groups up. The tests hold these
counts to ``counting.breakdown_counts``, which counts the same records one by one.

The SQL is plain and portable (SQLite and PostgreSQL): CASE, COALESCE, BETWEEN, LEFT JOIN,
GROUP BY by position. Quarters and months are worked out by comparing dates with the
year's boundaries, as the annual tally does, so no database's date functions are needed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from putright.complaints.models import Complaint, Extension, Remedy, Stage
from putright.landlords.models import (
    Contractor,
    Division,
    Landlord,
    ServiceArea,
    SubCause,
    Theme,
)
from putright.reports.session import counting_session
from putright.reports.tally import (
    PeriodTally,
    fetch,
    flag,
    pence,
    reading_many_rows,
    sql_date,
    table,
)
from putright.rules import counting
from putright.rules.codes import Jurisdiction, Kind, Outcome, RemedyKind
from putright.rules.counting import (
    NOT_EXTENDED,
    NOT_RECORDED,
    breakdown_problems,
    financial_year,
)
from putright.web.spreadsheets import neutralise


class BreakdownError(ValueError):
    """A breakdown that cannot be counted, with one plain message per field."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(problems.values()))
        self.problems = problems


@dataclass
class Breakdown:
    """A breakdown as counted: its rows (``counting.breakdown_rows``: every measure with
    the share of its column's total beside a count's) and, for each of ``measures`` (the
    columns asked for: measures and ``<measure>_share_pct``), its figure for the whole
    year (what the rows add up to, ``any_theme`` apart)."""

    landlord: str
    year: int
    stage: int
    measures: list[str]
    by: list[str]
    rows: list[dict[str, Any]]
    totals: dict[str, Any] = field(default_factory=dict)
    #: Year on year: each measure with last year's beside it, and a count's change.
    compare: bool = False

    def as_json(self) -> dict[str, Any]:
        start, end = financial_year(self.year)
        return {
            "landlord": self.landlord,
            "year": self.year,
            "period": {"start": start.isoformat(), "end": end.isoformat()},
            "stage": self.stage,
            "measures": self.measures,
            "by": self.by,
            "compare": self.compare,
            "rows": self.rows,
            "totals": self.totals,
        }

    def columns(self) -> list[str]:
        """The measures' columns: each measure, and with ``compare`` last year's beside it
        and, for a count or money, the change in per cent."""
        if not self.compare:
            return list(self.measures)
        columns = []
        for name in self.measures:
            columns += [name, name + counting.LAST_YEAR]
            if name in counting.MEASURES and counting.MEASURES[name].shareable:
                columns.append(name + counting.CHANGE)
        return columns

    def headings(self) -> list[str]:
        """The CSV's header: the dimensions, then the measures."""
        return [*self.by, *self.columns()]

    def cells(self, row: dict[str, Any]) -> list[str]:
        """A row as CSV cells: counts as whole numbers, percentages to one decimal place
        (empty where there is nothing to divide by), money with two decimals."""
        return [str(row[d]) for d in self.by] + [
            "" if row.get(m) is None else str(row[m]) for m in self.columns()
        ]

    def csv(self) -> str:
        """The breakdown as CSV (RFC 4180, CRLF): the header, then one line per row. A
        name that a spreadsheet could take for a formula is written as text."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(self.headings())
        width = len(self.by)
        for row in self.rows:
            cells = self.cells(row)
            # Names are text a spreadsheet could run; figures are numbers (-12.5 too).
            writer.writerow([*(neutralise(c) for c in cells[:width]), *cells[width:]])
        return out.getvalue()


# Populations -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Population:
    """Who a query counts: its tables, its condition, the date that puts a row in the year,
    where a stage's own properties and its escalation reason are read, and what it adds up."""

    name: str
    date: str
    stage: str = "s"
    escalation: str = "s"
    handler: str = "s.contractor_id"


_RECEIVED = _Population("received", "s.requested_on")
_REFUSED = _Population("not_accepted", "s.requested_on")
_ESCALATED = _Population("escalated", "e.requested_on", escalation="e")
_RESPONDED = _Population("responded", "s.responded_on")
_OFFERS = _Population("offers", "s.responded_on")
_RECORDS = _Population("records", "c.received_on", handler="c.contractor_id")

#: The base counts each population gives.
_GIVES: dict[str, tuple[str, ...]] = {
    "received": ("received",),
    "not_accepted": ("not_accepted",),
    "escalated": ("escalated",),
    "responded": (*counting.ANSWER_COUNTS, *counting.COMPENSATION_COUNTS),
    "offers": counting.COMPENSATION_COUNTS,
    "records": ("received",),
}


def _populations(stage: int, measures: Sequence[str], by: Sequence[str]) -> list[_Population]:
    needs = {n for m in measures for n in counting.MEASURES[m].needs}
    wanted: list[_Population] = []
    if "compensation_reason" in by:
        return [_OFFERS]
    if "received" in needs:
        wanted.append(_RECEIVED)
        if "kind" in by:
            wanted.append(_RECORDS)
    if "not_accepted" in needs:
        wanted.append(_REFUSED)
    if "escalated" in needs and stage == 1:
        wanted.append(_ESCALATED)
    if needs & set(_GIVES["responded"]):
        wanted.append(_RESPONDED)
    return wanted


# Dimensions ----------------------------------------------------------------------------


def _boundaries(year: int, months: int) -> list[dt.date]:
    """The first day of each later part of the year: quarters (3) or months (1)."""
    start, _ = financial_year(year)
    days = []
    for i in range(months, 12, months):
        month = (start.month - 1 + i) % 12 + 1
        days.append(dt.date(start.year + (start.month - 1 + i) // 12, month, 1))
    return days


def _part_of_year(column: str, years: Sequence[int], months: int, params: list[Any]) -> str:
    """1 + the index of the quarter or month a date falls in, counted from the start of the
    first of ``years`` (consecutive; the date is in one of them: the population's condition
    says so): with two years, 1 to 4 are the first year's quarters and 5 to 8 the second's."""
    days: list[dt.date] = []
    for year in years:
        if days:
            days.append(financial_year(year)[0])
        days += _boundaries(year, months)
    whens = []
    for index, day in enumerate(days, start=1):
        whens.append(f"WHEN {column} < %s THEN {index}")
        params.append(sql_date(day))
    return f"(CASE {' '.join(whens)} ELSE {len(days) + 1} END)"


def _dimension_sql(
    dimension: str, population: _Population, years: Sequence[int], params: list[Any]
) -> str:
    p = population
    if dimension == "service_area":
        return "c.service_area_id"
    if dimension == "division":
        return "sa.division_id"
    if dimension == "handler":
        return p.handler
    if dimension == "theme":
        return "c.theme_id"
    if dimension == "any_theme":
        return "t.theme_id"
    if dimension in ("root_cause", "root_cause_detail", "tenure", "channel", "kind"):
        return f"c.{dimension}"
    if dimension == "sub_cause":
        return "c.sub_cause_id"
    if dimension == "extension_reason":
        # Joined only for an extended stage: a stage not extended has one row, with none.
        return f"CASE WHEN s.extension_working_days > 0 THEN COALESCE(x.reason_code, '') ELSE '{NOT_EXTENDED}' END"
    if dimension == "escalation_reason":
        return f"{p.escalation}.escalation_reason" if p is not _RECORDS else "''"
    if dimension == "not_accepted_reason":
        return "s.not_accepted_reason" if p is not _RECORDS else "''"
    if dimension == "compensation_reason":
        return "r.compensation_reason"
    if dimension == "quarter":
        return _part_of_year(p.date, years, 3, params)
    if dimension == "month":
        return _part_of_year(p.date, years, 1, params)
    raise ValueError(f"unknown dimension {dimension}")


@dataclass(frozen=True)
class _Names:
    """The landlord's names for the ids a breakdown groups by."""

    service_areas: dict[int, str]
    divisions: dict[int, str]
    contractors: dict[int, str]
    themes: dict[int, str]
    sub_causes: dict[int, str]
    #: Each service area's division id (None: in none).
    area_divisions: dict[int, int | None]

    @classmethod
    def of(cls, landlord: Landlord) -> _Names:
        def names(model: Any, field: str = "name") -> dict[int, str]:
            return dict(model.objects.filter(landlord=landlord).values_list("id", field))

        areas = list(
            ServiceArea.objects.filter(landlord=landlord).values_list("id", "name", "division")
        )
        return cls(
            {pk: name for pk, name, _ in areas},
            names(Division),
            names(Contractor),
            names(Theme),
            names(SubCause, "code"),
            {pk: division for pk, _, division in areas},
        )


def _value(dimension: str, raw: Any, names: _Names, year: int) -> str:
    """A grouped value as the breakdown names it: a name for an id, a code as it is,
    ``landlord`` for a stage with no contractor, a quarter or month for its index."""
    if dimension == "handler":
        return names.contractors.get(raw, "landlord") if raw is not None else "landlord"
    if dimension in ("service_area", "division", "theme", "any_theme", "sub_cause"):
        lookup = {
            "service_area": names.service_areas,
            "division": names.divisions,
            "theme": names.themes,
            "any_theme": names.themes,
            "sub_cause": names.sub_causes,
        }[dimension]
        return lookup.get(raw, NOT_RECORDED) if raw is not None else NOT_RECORDED
    if dimension == "quarter":
        return f"Q{int(raw)}"
    if dimension == "month":
        start, _ = financial_year(year)
        index = start.month - 1 + int(raw) - 1
        return counting.month_of(dt.date(start.year + index // 12, index % 12 + 1, 1))
    if dimension == "tenure":
        return raw or "unknown"
    if dimension == "escalation_reason":
        return raw or "not_given"
    return raw or NOT_RECORDED


# The queries ---------------------------------------------------------------------------


def _aggregates(population: _Population, compensation: bool) -> list[str]:
    if population.name in ("received", "not_accepted", "escalated", "records"):
        return ["COUNT(*)"]
    if population is _OFFERS:
        return ["COUNT(DISTINCT s.id)", f"SUM({pence('r.amount_offered')})"]
    upheld = ", ".join(f"'{o}'" for o in (Outcome.UPHELD.value, Outcome.PARTLY_UPHELD.value))
    upheld_flag = flag(f"s.outcome IN ({upheld})")
    not_upheld_flag = flag("s.outcome = '" + Outcome.NOT_UPHELD.value + "'")
    sums = [
        "COUNT(*)",
        f"SUM({upheld_flag})",
        f"SUM({not_upheld_flag})",
        f"SUM({flag('s.responded_on <= s.response_due')})",
        f"SUM({flag('s.responded_on <= s.response_due_extended')})",
        f"SUM({flag('s.extension_working_days > 0')})",
    ]
    if compensation:
        sums += [
            f"SUM({flag('o.offered > 0')})",
            "SUM(CASE WHEN o.offered > 0 THEN o.offered ELSE 0 END)",
        ]
    else:
        sums += ["0", "0"]
    return sums


#: The populations of the same stage rows, told apart by the date that puts a row in the
#: year and its refusal: counted in one query when more than one is wanted (``_query``'s
#: ``folded``).
_FOLDABLE = (_RECEIVED, _REFUSED, _RESPONDED)
#: Dimensions whose value depends on the population's date: not folded.
_DATED = frozenset({"quarter", "month"})
#: Dimensions the tally's stage pass counts the foldable populations by
#: (``StageTally.place_counts``): the annual report's default breakdowns.
_TALLIED = frozenset({"service_area", "division", "handler", "escalation_reason"})


def _from_tally(
    populations: Mapping[_Population, Sequence[int]],
    years: Sequence[int],
    by: Sequence[str],
    compensation: bool,
    tallied: Mapping[int, PeriodTally] | None,
) -> list[_Population]:
    """The populations ``breakdown_counts_each`` takes from the years' tallies instead of
    counting them: the foldable ones (received, refused, answered), when every dimension
    is one the tally counts them by and no compensation is wanted."""
    if tallied is None or compensation or not set(by) <= _TALLIED:
        return []
    if any(year not in tallied for year in years):
        return []
    return [p for p in _FOLDABLE if p in populations]


def _tallied_rows(
    tallied: Mapping[int, PeriodTally],
    years: Sequence[int],
    number: int,
    by: Sequence[str],
    divisions: Mapping[int, int | None],
) -> list[tuple[int, tuple[Any, ...], Counter[str]]]:
    """(year, the dimensions' raw values, base counts) of stage ``number`` from the years'
    tallies (``StageTally.place_counts``), as the breakdown's query would group them;
    ``divisions``: the landlord's service areas' divisions (``_Names.area_divisions``: an
    area not the landlord's has none here, where the query would give its division's id,
    which ``_value`` names "not recorded" all the same)."""
    rows = []
    for year in years:
        places: dict[tuple[int | None, int | None, str], Counter[str]] = {}
        for (area, contractor, reason, name), n in (
            tallied[year].stages[number].place_counts.items()
        ):
            places.setdefault((area, contractor, reason), Counter())[name] += n
        for (area, contractor, reason), counts in places.items():
            raw = {
                "service_area": area,
                "division": divisions.get(area) if area is not None else None,
                "handler": contractor,
                "escalation_reason": reason,
            }
            rows.append((year, tuple(raw[d] for d in by), counts))
    return rows


def _year_index(column: str, years: Sequence[int], params: list[Any]) -> str:
    """The index in ``years`` of the year a date falls in, or -1 (none, or no date)."""
    whens = []
    for index, year in enumerate(years):
        start, end = financial_year(year)
        whens.append(f"WHEN {column} BETWEEN %s AND %s THEN {index}")
        params += [sql_date(start), sql_date(end)]
    return f"(CASE {' '.join(whens)} ELSE -1 END)"


def _query(
    landlord: Landlord,
    years: Sequence[int],
    stages: Sequence[int],
    by: Sequence[str],
    population: _Population,
    compensation: bool,
    folded: Sequence[_Population] = (),
    extended_only: bool = False,
) -> tuple[str, list[Any]]:
    """One population's grouped counts over ``years`` (consecutive financial years) and
    ``stages``, read in one pass: the first column is the index of the year in ``years`` a
    row counts in, the second its stage (0 for records other than complaints).

    ``folded``: several of ``_FOLDABLE`` (``population`` their last) counted in one pass
    over the stage rows requested or answered in the years: the first three columns are
    then the index of the year the row was requested in and answered in (-1 for
    neither), and 1 for a refusal, else 0; the stage follows. ``extended_only``: only the
    answers that were extended are read (when nothing else of theirs is wanted)."""
    params: list[Any] = []
    numbers = f"IN ({', '.join(['%s'] * len(stages))})"
    if folded:
        requested = _year_index("s.requested_on", years, params)
        answered = _year_index("s.responded_on", years, params)
        refused = flag("s.not_accepted_reason <> ''")
        which = f"{requested}, {answered}, {refused}"
    else:
        whens = []
        for index, year in enumerate(years[:-1]):
            whens.append(f"WHEN {population.date} <= %s THEN {index}")
            params.append(sql_date(financial_year(year)[1]))
        which = f"(CASE {' '.join(whens)} ELSE {len(years) - 1} END)" if whens else "0"
    number = "0" if population is _RECORDS else "s.number"
    columns = [which, number, *(_dimension_sql(d, population, years, params) for d in by)]
    aggregates = _aggregates(population, compensation)
    start, end = sql_date(financial_year(years[0])[0]), sql_date(financial_year(years[-1])[1])
    joins: list[str] = []
    join_params: list[Any] = []
    where_params: list[Any] = []
    if population is _RECORDS:
        source = f"{table(Complaint)} c"
        where = "c.landlord_id = %s AND c.jurisdiction = %s AND c.kind <> %s"
        where_params += [landlord.pk, Jurisdiction.HOUSING.value, Kind.COMPLAINT.value]
        where += " AND c.received_on BETWEEN %s AND %s"
        where_params += [start, end]
    else:
        source = f"{table(Stage)} s INNER JOIN {table(Complaint)} c ON c.id = s.complaint_id"
        where = f"s.landlord_id = %s AND s.number {numbers} AND c.kind = %s AND c.jurisdiction = %s"
        where_params += [landlord.pk, *stages, Kind.COMPLAINT.value, Jurisdiction.HOUSING.value]
        if population is _ESCALATED:
            joins.append(
                f"INNER JOIN {table(Stage)} e ON e.complaint_id = s.complaint_id AND e.number = 2"
            )
            # Said of e too, so the planner can start from the year's stage 2 requests
            # (the landlord, number, requested_on index) rather than every stage 1.
            where += (
                " AND e.landlord_id = %s AND e.number = 2"
                " AND e.requested_on BETWEEN %s AND %s AND e.not_accepted_reason = ''"
            )
            where_params.append(landlord.pk)
        elif folded:
            where += " AND (s.requested_on BETWEEN %s AND %s OR s.responded_on BETWEEN %s AND %s)"
            where_params += [start, end]
        elif population in (_RECEIVED, _REFUSED):
            where += " AND s.requested_on BETWEEN %s AND %s AND s.not_accepted_reason "
            where += "= ''" if population is _RECEIVED else "<> ''"
        else:
            where += " AND s.responded_on BETWEEN %s AND %s"
            if extended_only:
                where += " AND s.extension_working_days > 0"
        where_params += [start, end]
        if population is _OFFERS:
            joins.append(f"INNER JOIN {table(Remedy)} r ON r.stage_id = s.id")
            where += " AND r.kind = %s AND r.amount_offered > 0"
            where_params.append(RemedyKind.FINANCIAL.value)
        elif compensation and population is _RESPONDED:
            # A response's compensation: its financial remedies' offers added up (pence).
            joins.append(
                f"LEFT JOIN (SELECT fr.stage_id AS stage_id, SUM({pence('fr.amount_offered')}) "
                f"AS offered FROM {table(Remedy)} fr INNER JOIN {table(Stage)} fs "
                f"ON fs.id = fr.stage_id WHERE fs.landlord_id = %s AND fs.number {numbers} "
                "AND fs.responded_on BETWEEN %s AND %s "
                "AND fr.kind = %s GROUP BY fr.stage_id) o ON o.stage_id = s.id"
            )
            join_params += [landlord.pk, *stages, start, end, RemedyKind.FINANCIAL.value]
    if "division" in by:
        joins.append(f"LEFT JOIN {table(ServiceArea)} sa ON sa.id = c.service_area_id")
    if "extension_reason" in by:
        # Each reason code a stage's extensions give, once: a response counts under each.
        # Only the extended stages whose date puts them in the years are read (through the
        # stage table's landlord, number and date indexes), not every stage's extensions.
        dates = ["s.requested_on", "s.responded_on"] if folded else [population.date]
        if not all(d.startswith("s.") for d in dates):
            dates = []  # the escalated: dated by their stage 2, read whole
        either = " OR ".join(f"xs.{d.removeprefix('s.')} BETWEEN %s AND %s" for d in dates)
        window = f" AND ({either})" if dates else ""
        joins.append(
            f"LEFT JOIN (SELECT DISTINCT xe.stage_id AS stage_id, xe.reason_code AS reason_code "
            f"FROM {table(Extension)} xe INNER JOIN {table(Stage)} xs ON xs.id = xe.stage_id "
            f"WHERE xs.landlord_id = %s AND xs.number {numbers} "
            f"AND xs.extension_working_days > 0{window}) x "
            "ON x.stage_id = s.id AND s.extension_working_days > 0"
        )
        join_params += [landlord.pk, *stages, *[start, end] * len(dates)]
    if "any_theme" in by:
        other = Complaint.other_themes.through
        joins.append(
            f"LEFT JOIN (SELECT tc.id AS complaint_id, tc.theme_id AS theme_id "
            f"FROM {table(Complaint)} tc WHERE tc.landlord_id = %s AND tc.theme_id IS NOT NULL "
            f"UNION SELECT ot.complaint_id, ot.theme_id FROM {table(other)} ot "
            f"INNER JOIN {table(Complaint)} oc ON oc.id = ot.complaint_id "
            "WHERE oc.landlord_id = %s) t ON t.complaint_id = c.id"
        )
        join_params += [landlord.pk, landlord.pk]
    select = ", ".join([*columns, *aggregates])
    width = len(by) + (4 if folded else 2)
    group = f" GROUP BY {', '.join(str(i) for i in range(1, width + 1))}"
    sql = f"SELECT {select} FROM {source} {' '.join(joins)} WHERE {where}{group}"
    return sql, [*params, *join_params, *where_params]


def breakdown_counts(
    landlord: Landlord, year: int, *, stage: int, measures: Sequence[str], by: Sequence[str]
) -> dict[tuple[str, ...], Counter[str]]:
    """The base counts of each combination of the dimensions' values, by the database:
    what ``counting.breakdown_counts`` counts record by record."""
    return breakdown_counts_each(landlord, [year], [stage], measures=measures, by=by)[year, stage]


Counts = dict[tuple[str, ...], Counter[str]]


@counting_session()
def breakdown_counts_each(
    landlord: Landlord,
    years: Sequence[int],
    stages: Sequence[int],
    *,
    measures: Sequence[str],
    by: Sequence[str],
    tallied: Mapping[int, PeriodTally] | None = None,
) -> dict[tuple[int, int], Counts]:
    """``breakdown_counts`` for each of ``years`` (consecutive financial years: a year and
    the year before, for a comparison) and each of ``stages``, by ``(year, stage)``. Each
    population's rows are read and grouped in one query for all the years and the stages
    that count it (docs/performance.md, "Reports", "On PostgreSQL"). ``tallied``: the
    years' tallies (``tally.tally``) when already counted, whose stage pass gives the
    stages received, refused and answered by service area, division, handler and
    escalation reason (``_from_tally``); those are then not counted again."""
    if any(b - a != 1 for a, b in itertools.pairwise(years)):
        raise ValueError("the years counted together must follow one another")
    names = _Names.of(landlord)
    compensation = bool({"compensation_cases", "compensation_gbp"} & set(measures))
    # Only the extended answers counted (the coded detail's reasons): only they are read.
    extended_only = {n for m in measures for n in counting.MEASURES[m].needs} == {"extended"}
    counts: dict[tuple[int, int], Counts] = {(y, n): {} for y in years for n in stages}
    parts = {"quarter": 4, "month": 12}
    populations: dict[_Population, list[int]] = {}
    for n in stages:
        for population in _populations(n, measures, by):
            populations.setdefault(population, []).append(n)

    def add(
        year: int,
        numbers: Sequence[int],
        key: tuple[str, ...],
        gives: Sequence[str],
        values: Sequence[Any],
    ) -> None:
        for n in numbers:
            added = counts[year, n].setdefault(key, Counter())
            for name, value in zip(gives, values, strict=False):
                added[name] += int(value or 0)

    # Those the tally's stage pass counted already.
    taken = _from_tally(populations, years, by, compensation, tallied)
    for population in taken:
        gives = _GIVES[population.name]
        for n in populations[population]:
            for year, place, c in _tallied_rows(tallied or {}, years, n, by, names.area_divisions):
                given = [c[name] for name in gives]
                if any(given):
                    named = tuple(
                        _value(d, raw, names, year) for d, raw in zip(by, place, strict=True)
                    )
                    add(year, [n], named, gives, given)
    # The same stage rows' populations (received, refused, answered) in one query, where
    # no dimension depends on which date puts a row in the year.
    folded = [p for p in _FOLDABLE if p in populations and p not in taken]
    if (
        len(folded) < 2
        or _DATED & set(by)
        or any(populations[p] != populations[folded[0]] for p in folded)
    ):
        folded = []
    with reading_many_rows():
        if folded:
            numbers = populations[folded[0]]
            sql, params = _query(
                landlord, years, numbers, by, folded[-1], compensation, folded=folded
            )
            for requested, answered, refused, number, *row in fetch(sql, params):
                key = tuple(
                    _value(d, raw, names, years[0]) for d, raw in zip(by, row, strict=False)
                )
                values = row[len(by) :]
                for population in folded:
                    if population is _RESPONDED:
                        which = int(answered)
                    elif int(refused) == (population is _REFUSED):
                        which = int(requested)
                    else:
                        continue
                    if which >= 0:
                        add(years[which], [int(number)], key, _GIVES[population.name], values)
        for population, numbers in populations.items():
            if population in folded or population in taken:
                continue
            sql, params = _query(
                landlord, years, numbers, by, population, compensation, extended_only=extended_only
            )
            gives = _GIVES[population.name]
            for which, number, *row in fetch(sql, params):
                # A quarter or month is counted over the span: back to the year's own.
                raws = [
                    (int(raw) - 1) % parts[d] + 1 if d in parts else raw
                    for d, raw in zip(by, row, strict=False)
                ]
                year = years[int(which)]
                key = tuple(_value(d, raw, names, year) for d, raw in zip(by, raws, strict=True))
                # Records other than complaints have no stage: they count for each.
                stages_counted = numbers if population is _RECORDS else [int(number)]
                add(year, stages_counted, key, gives, row[len(by) :])
    return counts


def breakdown(
    landlord: Landlord,
    year: int,
    *,
    stage: int = 1,
    measures: Sequence[str],
    by: Sequence[str],
    compare: bool = False,
) -> Breakdown:
    """The breakdown of stage ``stage``'s ``measures`` in financial ``year`` by one or two
    dimensions ``by``, with ``compare`` the year before beside it (item 6); BreakdownError,
    with the problems in plain words, when it cannot be counted."""
    [counted] = breakdowns(landlord, year, [(stage, measures, by)], compare=compare)
    return counted


@counting_session()
def breakdowns(
    landlord: Landlord,
    year: int,
    asked: Sequence[tuple[int, Sequence[str], Sequence[str]]],
    *,
    compare: bool = False,
    tallied: Mapping[int, PeriodTally] | None = None,
) -> list[Breakdown]:
    """Each ``(stage, measures, by)`` asked, as ``breakdown`` gives it, counted together in
    the same queries whatever their stage and measures: those broken down by the same
    dimensions, and those whose dimensions can be added up from a finer count
    (``_merged``: the annual report's eight default tables in two queries' worth of
    passes). Each takes the counts its own measures need, and a breakdown's rows are only
    the combinations those count (``counting.breakdown_rows``). ``tallied``: the years'
    tallies when already counted (``breakdown_counts_each``)."""
    checked = []
    for stage, measures, by in asked:
        problems = breakdown_problems(stage, list(measures), list(by))
        if problems:
            raise BreakdownError(problems)
        checked.append((stage, list(measures), list(by)))
    years = [year - 1, year] if compare else [year]
    counted = []
    for dimensions, members in _merged([by for _, _, by in checked]):
        numbers = sorted({checked[i][0] for i in members})
        measures = counting.base_measures(m for i in members for m in checked[i][1])
        counts = breakdown_counts_each(
            landlord, years, numbers, measures=measures, by=dimensions, tallied=tallied
        )
        counted += [(i, _projected(counts, dimensions, checked[i][2])) for i in members]
    return [
        _counted(landlord, year, stage, columns, by, projected, compare=compare)
        for (stage, columns, by), (_, projected) in zip(
            checked, sorted(counted, key=lambda c: c[0]), strict=True
        )
    ]


#: Dimensions counted only on their own: a count cannot be added up over them (a row
#: counts under each of their values, ``counting.MANY_VALUED``), they change whose rows
#: are counted (``_populations``), or they are free text, whose many values would
#: multiply another breakdown's groups.
_NOT_ADDED_UP = counting.MANY_VALUED | {"kind", "compensation_reason", "root_cause_detail"}
#: The most dimensions one merged count groups by: each more multiplies its groups.
MERGED_DIMENSIONS = 4


def _merged(asked: Sequence[list[str]]) -> list[tuple[list[str], list[int]]]:
    """The breakdowns ``asked`` (their dimensions, in order) in as few counts as can give
    them all: ``(dimensions counted, the indexes of the breakdowns they give)``. The same
    dimensions share a count; others are counted by all their dimensions together (at most
    ``MERGED_DIMENSIONS``) and added up to each one's own, unless one of theirs cannot be
    merged (``_NOT_ADDED_UP``) or only one counts by a part of the year."""
    merged: list[tuple[list[str], list[int]]] = []
    for i, by in enumerate(asked):
        for dimensions, members in merged:
            alone = _NOT_ADDED_UP & ({*by} | {*dimensions})
            wider = [*dimensions, *(d for d in by if d not in dimensions)]
            # A date's part of the year would keep the others' populations from folding.
            dated = _DATED & {*by} != _DATED & {*dimensions}
            if dimensions == by or (not alone and not dated and len(wider) <= MERGED_DIMENSIONS):
                dimensions[:] = wider
                members.append(i)
                break
        else:
            merged.append((list(by), [i]))
    return merged


def _projected(
    counted: dict[tuple[int, int], Counts], dimensions: list[str], by: list[str]
) -> dict[tuple[int, int], Counts]:
    """Counts by ``dimensions`` added up to counts by ``by`` (some of them)."""
    if by == dimensions:
        return counted
    positions = [dimensions.index(d) for d in by]
    result: dict[tuple[int, int], Counts] = {}
    for which, counts in counted.items():
        added: Counts = result.setdefault(which, {})
        for key, c in counts.items():
            added.setdefault(tuple(key[p] for p in positions), Counter()).update(c)
    return result


def _counted(
    landlord: Landlord,
    year: int,
    stage: int,
    columns: list[str],
    by: list[str],
    counted: dict[tuple[int, int], Counts],
    *,
    compare: bool,
) -> Breakdown:
    """A breakdown's rows and totals from its base counts (``breakdown_counts_each``)."""
    measures = counting.base_measures(columns)
    counts = counted[year, stage]
    if compare:
        before = counted[year - 1, stage]
        rows = counting.compared_rows(counts, before, measures=measures, by=by)
    else:
        rows = counting.breakdown_rows(counts, measures=measures, by=by)
    total = _whole(landlord, year, stage, measures, by, counts)
    totals = {m: counting.measure_value(m, total) for m in measures}
    for m in columns:
        if m not in totals:  # a share: of the whole, all of it
            base = counting.MEASURES[m.removesuffix(counting.SHARE)].needs[0]
            totals[m] = counting.percent(total[base], total[base])
    if compare:
        last = _whole(landlord, year - 1, stage, measures, by, before)
        for m in measures:
            totals[m + counting.LAST_YEAR] = counting.measure_value(m, last)
            if counting.MEASURES[m].shareable:
                base = counting.MEASURES[m].needs[0]
                totals[m + counting.CHANGE] = counting.change_pct(total[base], last[base])
    return Breakdown(landlord.name, year, stage, columns, by, rows, totals, compare)


def _whole(
    landlord: Landlord,
    year: int,
    stage: int,
    measures: list[str],
    by: list[str],
    counts: dict[tuple[str, ...], Counter[str]],
) -> Counter[str]:
    """The year's base counts in all: the rows added up, except with ``any_theme`` or
    ``extension_reason``, where a complaint counts under each of its themes (a response
    under each of its extensions' reasons) and the year's figure counts it once."""
    if counting.MANY_VALUED & set(by):
        rest = [d for d in by if d not in counting.MANY_VALUED]
        counts = breakdown_counts(landlord, year, stage=stage, measures=measures, by=rest)
    total: Counter[str] = Counter()
    for c in counts.values():
        total.update(c)
    return total
