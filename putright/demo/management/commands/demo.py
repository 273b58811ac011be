"""`putright demo [--landlord NAME] [--year YYYY] [--complaints N] [--password PW]
[--if-empty]` (interfaces.md): a demo landlord with a realistic year of records.

`make run` calls it with ``--if-empty`` so a fresh install has something to look at and a
second run changes nothing. The records themselves are made in ``putright.demo.create``.
"""

from __future__ import annotations

import argparse
import time
from typing import Any

from django.core.management.base import CommandError

from putright.demo import create as demo
from putright.demo import staff
from putright.landlords.management.arguments import (
    OneLineErrorCommand,
    text_argument,
    whole_number_argument,
    year_argument,
)
from putright.landlords.models import Landlord, today
from putright.rules.counting import financial_year_label, financial_year_of


class Command(OneLineErrorCommand):
    help = (
        "Create a demo landlord with a realistic year of complaints, service requests and "
        "member enquiries, every one made through the same services as real use, and staff "
        "sign-ins to try it with."
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--landlord",
            type=text_argument("the landlord's name"),
            default=demo.DEFAULT_LANDLORD,
            help=f"Name of the demo landlord (default {demo.DEFAULT_LANDLORD!r}).",
        )
        parser.add_argument(
            "--year",
            type=year_argument,
            default=None,
            help="Financial year to make (2024 means 2024/25). Default: the twelve months "
            "ending today; a past year is made up to its 31 March.",
        )
        parser.add_argument(
            "--complaints",
            type=whole_number_argument("complaints", minimum=1, maximum=20_000),
            default=demo.DEFAULT_COMPLAINTS,
            help=f"How many complaints (default {demo.DEFAULT_COMPLAINTS}); service requests "
            "and member enquiries are about a sixth of that each.",
        )
        parser.add_argument(
            "--password",
            type=text_argument("the password", max_length=128),
            default=demo.DEFAULT_PASSWORD,
            help=f"Password of the demo sign-ins (default {demo.DEFAULT_PASSWORD}).",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if any landlord exists already (for make run).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        password = options["password"]
        if options["if_empty"] and Landlord.objects.exists():
            self.stdout.write("A landlord exists already, so no demo was made.")
            self.print_sign_ins(staff.sign_ins(password))
            return
        name, year = options["landlord"], options["year"]
        if year is not None and year > financial_year_of(today()):
            raise CommandError(
                f"--year {year} ({financial_year_label(year)}) has not started yet: choose "
                f"{financial_year_of(today())} or earlier."
            )
        existing = Landlord.objects.filter(name__iexact=name).first()
        if existing is not None:
            raise CommandError(
                f"A landlord called {existing.name!r} exists already: choose another --landlord."
            )
        started = time.monotonic()
        summary = demo.demo_create(
            name=name, year=year, complaints=options["complaints"], password=password
        )
        self.stdout.write(
            f"Made {summary.landlord!r}: {summary.complaints} complaints, "
            f"{summary.service_requests} service requests and {summary.member_enquiries} "
            f"member enquiries received {summary.start:%-d %B %Y} to {summary.end:%-d %B %Y}; "
            f"{summary.open_stages} stages open today, {summary.overdue_stages} overdue "
            f"({time.monotonic() - started:.1f} s)."
        )
        self.print_sign_ins(summary.sign_ins)

    def print_sign_ins(self, sign_ins: tuple[staff.SignIn, ...]) -> None:
        """One sign-in a line under the heading, e.g. "officer / putright-demo (...)"."""
        heading = "Demo sign-ins: "
        for i, s in enumerate(sign_ins):
            password = s.password if s.password is not None else "(its own password)"
            prefix = heading if i == 0 else " " * len(heading)
            self.stdout.write(f"{prefix}{s.username} / {password} ({s.role})")
        self.stdout.write(
            "Officers and administrators then enter a security code: add the key "
            f"{staff.DEMO_AUTHENTICATOR_KEY} to an authenticator app as a time-based key, "
            f"or run: oathtool --totp -b {staff.DEMO_AUTHENTICATOR_KEY}"
        )
        self.stdout.write(
            f"Serve with putright serve, then open {demo.SERVE_URL} (staff pages at "
            f"{demo.SERVE_URL}staff/, Django admin at {demo.SERVE_URL}admin/)."
        )
