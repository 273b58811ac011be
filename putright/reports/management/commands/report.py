"""`putright report annual|tsm` (interfaces.md): the published figures, from the record."""

from __future__ import annotations

import json
import re
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from putright.landlords.models import Landlord
from putright.reports.annual import annual_figures
from putright.reports.tsm import tsm_csv, tsm_return


def _year(value: str) -> int:
    if not re.fullmatch(r"\d{4}", value):
        raise CommandError(f"--year must be a year such as 2023 (for 2023/24), not {value!r}")
    return int(value)


class Command(BaseCommand):
    help = "Produce a report for a landlord: the annual complaints figures or the TSM return."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="report", required=True, metavar="REPORT")
        annual = sub.add_parser("annual", help="the annual complaints performance figures (JSON)")
        tsm = sub.add_parser("tsm", help="Tenant Satisfaction Measures CH01 and CH02")
        for p, formats in ((annual, ["json"]), (tsm, ["json", "csv"])):
            p.add_argument("--landlord", required=True, help="the landlord's name")
            p.add_argument("--year", required=True, help="financial year: 2023 means 2023/24")
            p.add_argument("--format", choices=formats, default="json")
            p.add_argument("--out", required=True, help="the file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        year = _year(options["year"])
        try:
            landlord = Landlord.objects.get(name=options["landlord"])
        except Landlord.DoesNotExist:
            raise CommandError(f"There is no landlord called {options['landlord']!r}.") from None
        out = Path(options["out"])
        if options["report"] == "annual":
            text = json.dumps(annual_figures(landlord, year), indent=2) + "\n"
        else:
            tsm = tsm_return(landlord, year)
            text = tsm_csv(tsm) if options["format"] == "csv" else json.dumps(tsm, indent=2) + "\n"
        try:
            out.write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Cannot write {out}: {error.strerror}") from None
        self.stdout.write(f"Wrote the {options['report']} report for {landlord} to {out}")
