"""`putright train_suggestions --landlord NAME`: fit the landlord's suggestion model on its
own past complaints, locally, and report its accuracy on held-out complaints."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import CommandError

from putright.landlords.management.arguments import OneLineErrorCommand
from putright.landlords.models import Landlord
from putright.learning.suggestions import MIN_EXAMPLES, TARGET_WORDS, TARGETS, train


class Command(OneLineErrorCommand):
    help = (
        "Train the suggestions (service area, theme, root cause) on a landlord's own past "
        "complaints, on this server, and report the accuracy on held-out complaints."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--landlord", required=True, help="the landlord's name")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            landlord = Landlord.objects.get(name=options["landlord"])
        except Landlord.DoesNotExist:
            raise CommandError(f"There is no landlord called {options['landlord']!r}.") from None
        report = train(landlord)
        self.stdout.write(f"Trained on {report.complaints} records of {landlord}.")
        for target in TARGETS:
            accuracy = report.accuracy[target]
            if accuracy is None:
                self.stdout.write(
                    f"{TARGET_WORDS[target]}: not learned (fewer than {MIN_EXAMPLES} records "
                    "with it, or only one value)."
                )
                continue
            baseline = report.baseline[target] or 0.0
            self.stdout.write(
                f"{TARGET_WORDS[target]}: {accuracy:.1%} right on {report.tested_on[target]} "
                f"held-out records (always guessing the commonest: {baseline:.1%})."
            )
