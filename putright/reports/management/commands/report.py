"""`putright report annual|tsm|quarterly` (interfaces.md): the published figures, from the
record, written to a file."""

from __future__ import annotations

import re
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from putright.landlords.models import Landlord
from putright.reports.exports import (
    ANNUAL_FORMATS,
    QUARTERLY_FORMATS,
    TSM_FORMATS,
    Export,
    annual_export,
    quarterly_export,
    tsm_export,
)
from putright.reports.periods import Quarter


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
        "Produce a report for a landlord: the annual complaints report, the TSM return or the "
        "quarterly update for the MRC and governing body."
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
            p.add_argument("--landlord", required=True, help="the landlord's name")
            if p is quarterly:
                p.add_argument(
                    "--quarter", required=True, help="2024-Q1 is April to June 2024 (2024/25)"
                )
            else:
                p.add_argument("--year", required=True, help="financial year: 2023 means 2023/24")
            p.add_argument("--format", choices=formats, default="json")
            p.add_argument("--out", required=True, help="the file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        report = options["report"]
        period: Any = (
            _quarter(options["quarter"]) if report == "quarterly" else _year(options["year"])
        )
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
