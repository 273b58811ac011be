"""`putright retention --landlord NAME [--apply]` (domain.md §11): the landlord's closed
records past its retention period. Without --apply a dry run: what would be anonymised.
With --apply it is done, for each landlord named, in one transaction each."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import CommandError

from putright.complaints.services.retention import (
    RetentionPlan,
    retention_apply,
    retention_due,
)
from putright.landlords.management.arguments import OneLineErrorCommand
from putright.landlords.models import Landlord


def _described(plan: RetentionPlan, *, done: bool) -> str:
    when = f"{plan.oldest_closure:%-d %B %Y}" if plan.oldest_closure else "none"
    verb = "Anonymised" if done else "Would anonymise"
    return (
        f"{plan.landlord}: retention period {plan.years} years after closure.\n"
        f"{verb}: {plan.complaints} complaints, {plan.residents} residents, "
        f"{plan.attachments} attachments, {plan.letters} letters.\n"
        f"Oldest closure date: {when}."
    )


class Command(OneLineErrorCommand):
    help = (
        "Anonymise a landlord's closed records past its retention period (default six years "
        "after closure): names, contact details, descriptions, attachments and letters go; "
        "every published figure stays the same. Without --apply, only says what would go."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--landlord",
            required=True,
            action="append",
            help="the landlord's name (give it again for another landlord)",
        )
        parser.add_argument(
            "--apply", action="store_true", help="anonymise them (without it: a dry run)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        names: list[str] = options["landlord"]
        landlords = {ll.name: ll for ll in Landlord.objects.filter(name__in=names)}
        missing = [
            f"There is no landlord called {name!r}." for name in names if name not in landlords
        ]
        if missing:
            raise CommandError("\n".join(missing))
        for name in dict.fromkeys(names):
            landlord = landlords[name]
            if options["apply"]:
                plan = retention_apply(landlord=landlord, by=None)
            else:
                plan = retention_due(landlord=landlord)
            self.stdout.write(_described(plan, done=options["apply"]))
        if not options["apply"]:
            self.stdout.write("A dry run: nothing was changed. Run again with --apply to do it.")
