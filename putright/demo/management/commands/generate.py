"""`putright generate --landlords N --homes N --years N [--seed N] [--rate R] [--end-date D]
[--force]`: a national-scale data set (issue 16, item 2; ``putright.demo.national``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from putright.demo.national import (
    DEFAULT_RATE,
    DEFAULT_SEED,
    GenerateRefused,
    Shape,
    default_end,
    generate,
)
from putright.landlords.models import Landlord, today


class Command(BaseCommand):
    help = (
        "Generate many landlords with years of complaints, seeded and deterministic, for "
        "measuring Putright at national scale (landlords gen-0001 onwards). Refuses a "
        "database that already has landlords unless --force."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--landlords", type=int, required=True, help="how many landlords")
        parser.add_argument(
            "--homes", type=int, required=True, help="homes in all, shared out unevenly"
        )
        parser.add_argument("--years", type=int, required=True, help="financial years of records")
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help=f"default {DEFAULT_SEED}"
        )
        parser.add_argument(
            "--rate",
            type=float,
            default=DEFAULT_RATE,
            help=f"stage 1 complaints a year per 1,000 homes (default {DEFAULT_RATE:g})",
        )
        parser.add_argument(
            "--end-date",
            type=dt.date.fromisoformat,
            default=None,
            metavar="YYYY-MM-DD",
            help="the last day records cover (default: the end of the last full financial "
            "year before today, 31 March)",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="add the data set even though the database already has landlords",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        existing = Landlord.objects.count()
        if existing and not options["force"]:
            raise CommandError(
                f"the database already has {existing} landlord(s); putright generate adds "
                "its own gen-NNNN landlords beside them only with --force (use an empty "
                "database for measurements)"
            )
        shape = Shape(
            landlords=options["landlords"],
            homes=options["homes"],
            years=options["years"],
            seed=options["seed"],
            rate=options["rate"],
            end=options["end_date"] or default_end(today()),
        )
        if options["end_date"] and options["end_date"] > today():
            raise CommandError("--end-date must not be after today")
        verbose = options["verbosity"] >= 1
        try:
            result = generate(shape, progress=self.stdout.write if verbose else lambda _: None)
        except GenerateRefused as refused:
            raise CommandError(str(refused)) from refused
        self.stdout.write(
            f"Generated {shape.landlords:,} landlords, {shape.homes:,} homes, "
            f"{result.records:,} records from {shape.first} to {shape.end} "
            f"in {result.seconds:,.1f} s ({result.records / max(result.seconds, 1e-9):,.0f} "
            "records/s)."
        )
