"""`putright report annual|tsm|quarterly|compliance|breakdown` (interfaces.md): the
published figures, the live compliance view and any measure broken down, from the record,
written to a file."""

from __future__ import annotations

import json
import re
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from putright.landlords.models import Landlord, LandlordGroup, today
from putright.landlords.replica import reading_from_replica
from putright.reports.breakdown import breakdown
from putright.reports.compliance_export import COMPLIANCE_FORMATS, compliance_export
from putright.reports.exports import (
    ANNUAL_FORMATS,
    QUARTERLY_FORMATS,
    TSM_FORMATS,
    Export,
    annual_export,
    as_json,
    quarterly_export,
    tsm_export,
)
from putright.reports.group import group_annual_json, group_tsm_return
from putright.reports.periods import Quarter
from putright.rules.calendar import FIRST_YEAR, LAST_YEAR
from putright.rules.counting import (
    DIMENSIONS,
    MEASURES,
    breakdown_problems,
    financial_year_label,
    financial_year_of,
)


def _year(value: str) -> int:
    if not re.fullmatch(r"\d{4}", value):
        raise CommandError(f"--year must be a year such as 2023 (for 2023/24), not {value!r}")
    return int(value)


def _quarter(value: str) -> Quarter:
    try:
        return Quarter.parse(value)
    except ValueError as error:
        raise CommandError(f"--quarter: {error}") from None


class Command(BaseCommand):
    help = (
        "Produce a report for a landlord: the annual complaints report, the TSM return, the "
        "quarterly update for the MRC and governing body, or the live compliance view."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="report", required=True, metavar="REPORT")
        annual = sub.add_parser(
            "annual",
            help="the annual complaints performance and service improvement report (Code 8.1)",
        )
        tsm = sub.add_parser("tsm", help="Tenant Satisfaction Measures CH01, CH02 and TP09")
        quarterly = sub.add_parser(
            "quarterly", help="the quarterly update for the MRC and governing body (Code 9.7)"
        )
        for p, formats in (
            (annual, ANNUAL_FORMATS),
            (tsm, TSM_FORMATS),
            (quarterly, QUARTERLY_FORMATS),
        ):
            if p is quarterly:
                p.add_argument("--landlord", required=True, help="the landlord's name")
            else:
                whose = p.add_mutually_exclusive_group(required=True)
                whose.add_argument("--landlord", help="the landlord's name")
                whose.add_argument(
                    "--group",
                    help="a group's name (putright group add): its figures added up from its "
                    "landlords', with each landlord's beside them (JSON only)",
                )
            if p is quarterly:
                p.add_argument(
                    "--quarter", required=True, help="2024-Q1 is April to June 2024 (2024/25)"
                )
            else:
                p.add_argument("--year", required=True, help="financial year: 2023 means 2023/24")
            p.add_argument("--format", choices=formats, default="json")
            p.add_argument("--out", required=True, help="the file to write")
        compliance = sub.add_parser(
            "compliance",
            help="the live compliance view: each measurable provision of the Code, its figure "
            "and the cases that break it",
        )
        compliance.add_argument("--landlord", required=True, help="the landlord's name")
        compliance.add_argument("--year", required=True, help="financial year: 2023 means 2023/24")
        compliance.add_argument(
            "--format", default="json", help=f"{' or '.join(COMPLIANCE_FORMATS)} (default json)"
        )
        compliance.add_argument("--out", required=True, help="the file to write")
        bd = sub.add_parser(
            "breakdown",
            help="any measure of a stage by one or two dimensions (docs/counting-rules.md, "
            "Breakdowns)",
        )
        bd.add_argument("--landlord", required=True, help="the landlord's name")
        bd.add_argument("--year", required=True, help="financial year: 2023 means 2023/24")
        bd.add_argument("--stage", default="1", help="1 (the default) or 2")
        bd.add_argument(
            "--measure",
            required=True,
            help="one or more of "
            + ", ".join(MEASURES)
            + ", separated by commas; <measure>_share_pct gives a count's share of its "
            "column's total",
        )
        bd.add_argument(
            "--by",
            action="append",
            required=True,
            help="a dimension, once or twice: " + ", ".join(DIMENSIONS),
        )
        bd.add_argument(
            "--compare",
            action="store_true",
            help="last year's figures beside each measure, and for counts and money the "
            "change in per cent (<measure>_last_year, <measure>_change_pct)",
        )
        bd.add_argument("--format", default="csv", help="csv (the default) or json")
        bd.add_argument("--out", required=True, help="the file to write")

    @reading_from_replica()
    def handle(self, *args: Any, **options: Any) -> None:
        """Every report reads from the replica when one is set (DATABASE_REPLICA_URL)."""
        report = options["report"]
        if report == "compliance":
            self.compliance(options)
            return
        if report == "breakdown":
            self.breakdown(options)
            return
        period: Any = (
            _quarter(options["quarter"]) if report == "quarterly" else _year(options["year"])
        )
        if options.get("group"):
            self.group(report, period, options)
            return
        try:
            landlord = Landlord.objects.get(name=options["landlord"])
        except Landlord.DoesNotExist:
            raise CommandError(f"There is no landlord called {options['landlord']!r}.") from None
        fmt = options["format"]
        export: Export
        if report == "annual":
            export = annual_export(landlord, period, fmt)
        elif report == "tsm":
            export = tsm_export(landlord, period, fmt)
        else:
            export = quarterly_export(landlord, period, fmt)
        out = Path(options["out"])
        try:
            out.write_bytes(export.content)
        except OSError as error:
            raise CommandError(f"Cannot write {out}: {error.strerror}") from None
        self.stdout.write(f"Wrote the {report} report for {landlord} to {out}")

    def group(self, report: str, year: int, options: dict[str, Any]) -> None:
        """A group's annual figures or TSM return (issue 15, item 4), as JSON."""
        group = LandlordGroup.objects.filter(name__iexact=options["group"]).first()
        if group is None:
            raise CommandError(
                f"There is no group called {options['group']!r}: add it with putright group add."
            )
        if options["format"] != "json":
            raise CommandError(
                f"A group's {report} report comes as JSON only (--format json), "
                f"not {options['format']}."
            )
        data = (
            group_annual_json(group, year) if report == "annual" else group_tsm_return(group, year)
        )
        out = Path(options["out"])
        try:
            out.write_bytes(as_json(data))
        except OSError as error:
            raise CommandError(f"Cannot write {out}: {error.strerror}") from None
        self.stdout.write(f"Wrote the {report} report for the group {group} to {out}")

    def compliance(self, options: dict[str, Any]) -> None:
        """Every problem with the arguments on its own line, then nothing written; else
        the view for the year, as it stands today."""
        problems: list[str] = []
        landlord = Landlord.objects.filter(name=options["landlord"]).first()
        if landlord is None:
            problems.append(f"There is no landlord called {options['landlord']!r}.")
        year = _compliance_year(options["year"], problems)
        fmt = options["format"]
        if fmt not in COMPLIANCE_FORMATS:
            problems.append(
                f"--format must be {' or '.join(COMPLIANCE_FORMATS)} for the compliance view, "
                f"not {fmt!r}"
            )
        if problems or landlord is None or year is None:
            raise CommandError("\n".join(problems))
        export = compliance_export(landlord, year, fmt)
        out = Path(options["out"])
        try:
            out.write_bytes(export.content)
        except OSError as error:
            raise CommandError(f"Cannot write {out}: {error.strerror}") from None
        self.stdout.write(f"Wrote the compliance view for {landlord} to {out}")

    def breakdown(self, options: dict[str, Any]) -> None:
        """Every problem with the arguments on its own line, then nothing written."""
        problems: list[str] = []
        landlord = Landlord.objects.filter(name=options["landlord"]).first()
        if landlord is None:
            problems.append(f"There is no landlord called {options['landlord']!r}.")
        year = None
        if not re.fullmatch(r"\d{4}", options["year"]):
            problems.append(
                f"--year must be a year such as 2023 (for 2023/24), not {options['year']!r}"
            )
        elif not FIRST_YEAR <= int(options["year"]) < LAST_YEAR:
            problems.append(f"--year must be from {FIRST_YEAR} to {LAST_YEAR - 1}")
        else:
            year = int(options["year"])
        stage = {"1": 1, "2": 2}.get(options["stage"].strip())
        if stage is None:
            problems.append(f"--stage must be 1 or 2, not {options['stage']!r}")
        measures = [m.strip() for m in options["measure"].split(",") if m.strip()]
        by = [d.strip() for d in options["by"]]
        fmt = options["format"]
        if fmt not in ("csv", "json"):
            problems.append(f"--format must be csv or json for a breakdown, not {fmt!r}")
        flags = {"stage": "--stage", "measure": "--measure", "by": "--by"}
        problems += [
            f"{flags[field]}: {message}"
            for field, message in breakdown_problems(stage or 1, measures, by).items()
        ]
        if problems or landlord is None or year is None or stage is None:
            raise CommandError("\n".join(problems))
        result = breakdown(
            landlord, year, stage=stage, measures=measures, by=by, compare=options["compare"]
        )
        content = (
            result.csv().encode("utf-8")
            if fmt == "csv"
            else (json.dumps(result.as_json(), indent=2) + "\n").encode("utf-8")
        )
        out = Path(options["out"])
        try:
            out.write_bytes(content)
        except OSError as error:
            raise CommandError(f"Cannot write {out}: {error.strerror}") from None
        self.stdout.write(
            f"Wrote the breakdown of {', '.join(measures)} by {' and '.join(by)} for "
            f"{landlord} to {out}"
        )


def _compliance_year(value: str, problems: list[str]) -> int | None:
    """The financial year, or None with the problem added: a year such as 2023, known to
    the calendar, and already started (a year to come has no figures yet)."""
    if not re.fullmatch(r"\d{4}", value):
        problems.append(f"--year must be a year such as 2023 (for 2023/24), not {value!r}")
        return None
    year = int(value)
    current = financial_year_of(today())
    if not FIRST_YEAR <= year < LAST_YEAR:
        problems.append(f"--year must be from {FIRST_YEAR} to {LAST_YEAR - 1}, not {year}")
        return None
    if year > current:
        problems.append(
            f"--year {year} ({financial_year_label(year)}) has not started yet: choose "
            f"{current} or earlier"
        )
        return None
    return year
