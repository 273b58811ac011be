"""`putright publish --landlord NAME --year YYYY`: publish the year's annual report and its
approved self-assessment on the landlord's public pages (Code 8.2), frozen as they are now."""

from __future__ import annotations

import re
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from putright.landlords.models import Landlord
from putright.reports.services import annual_report_publish
from putright.rules.counting import financial_year_label
from putright.rules.lifecycle import RuleError
from putright.selfassessment.models import Occasion, SelfAssessment
from putright.selfassessment.services import AssessmentError, assessment_publish

WHAT = ("both", "annual-report", "self-assessment")


class Command(BaseCommand):
    help = (
        "Publish a year's annual complaints report and approved self-assessment on the "
        "landlord's public pages (Code 8.2), frozen with their SHA-256 hashes."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--landlord", required=True, help="the landlord's name")
        parser.add_argument("--year", required=True, help="financial year: 2025 means 2025/26")
        parser.add_argument(
            "--what", choices=WHAT, default="both", help="what to publish (default both)"
        )
        parser.add_argument(
            "--correction",
            default="",
            help="what a new version corrects, when one is published already",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        problems: list[str] = []
        landlord = Landlord.objects.filter(name=options["landlord"]).first()
        if landlord is None:
            problems.append(f"There is no landlord called {options['landlord']!r}.")
        if not re.fullmatch(r"\d{4}", options["year"]):
            problems.append(
                f"--year must be a year such as 2025 (for 2025/26), not {options['year']!r}"
            )
        if problems or landlord is None:
            raise CommandError("\n".join(problems))
        year = int(options["year"])
        what = options["what"]
        assessment = None
        if what in ("both", "self-assessment"):
            approved = SelfAssessment.objects.filter(
                landlord=landlord, year=year, approved_on__isnull=False
            ).order_by("-approved_on", "-created_at", "-id")
            # The annual self-assessment, else the latest approved one of the year.
            assessment = approved.filter(occasion=Occasion.ANNUAL).first() or approved.first()
            if assessment is None:
                problems.append(
                    f"{landlord} has no self-assessment for {financial_year_label(year)} "
                    "approved by its governing body: record the approval first"
                )
        if problems:
            raise CommandError("\n".join(problems))
        correction = options["correction"]
        messages: list[str] = []
        try:
            # Both or neither: a refused self-assessment leaves the report unpublished too.
            with transaction.atomic():
                self._publish(landlord, year, what, assessment, correction, messages)
        except (RuleError, AssessmentError) as error:
            raise CommandError("\n".join(error.problems.values())) from None
        for message in messages:
            self.stdout.write(message)

    def _publish(
        self,
        landlord: Landlord,
        year: int,
        what: str,
        assessment: SelfAssessment | None,
        correction: str,
        messages: list[str],
    ) -> None:
        """Publish what was asked, saying what for each; files left in storage by a refused
        run are never named by a publication."""
        if what in ("both", "annual-report"):
            report = annual_report_publish(
                landlord=landlord, year=year, correction=correction, by=None
            )
            messages.append(
                f"Published the annual report for {report.year_label}, version {report.version}"
            )
        if assessment is not None:
            published = assessment_publish(assessment=assessment, correction=correction, by=None)
            messages.append(
                f"Published the self-assessment for {published.year_label}, version "
                f"{published.version}"
            )
