"""`putright ombudsman_remind`: email each landlord's complaints officers and administrators
the Ombudsman deadlines due in the next two working days and those overdue (contacts to
reply to, orders and recommendations to complete). Run it each working morning."""

from __future__ import annotations

import datetime as dt
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.mail import send_mass_mail
from django.core.management.base import CommandError

from putright.landlords.management.arguments import OneLineErrorCommand
from putright.landlords.models import Landlord, StaffMembership, today
from putright.ombudsman.permissions import REMINDED_ROLES
from putright.ombudsman.selectors import DeadlineDue, ombudsman_deadlines_due

WITHIN_WORKING_DAYS = 2


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--on must be a date such as 2025-04-01, not {text!r}") from None


def reminder_text(landlord: Landlord, due: list[DeadlineDue]) -> tuple[str, str]:
    """The subject and body of the reminder for one landlord."""
    overdue = [d for d in due if d.overdue]
    soon = [d for d in due if not d.overdue]
    subject = (
        f"Housing Ombudsman deadlines for {landlord}: {len(overdue)} overdue, "
        f"{len(soon)} due in the next {WITHIN_WORKING_DAYS} working days"
    )
    lines = [f"Housing Ombudsman deadlines for {landlord}.", ""]
    for title, items in (("Overdue", overdue), ("Due soon", soon)):
        if not items:
            continue
        lines.append(f"{title}:")
        for d in items:
            about = f", complaint {d.complaint_reference}" if d.complaint_reference else ""
            severe = " (after severe maladministration)" if d.severe else ""
            lines.append(
                f"- {d.what}{severe}: Ombudsman case {d.case_reference}{about}, "
                f"due {d.due_on:%-d %B %Y}, {d.words}."
            )
        lines.append("")
    lines.append("See them under Ombudsman in the staff pages: /staff/ombudsman/")
    return subject, "\n".join(lines) + "\n"


class Command(OneLineErrorCommand):
    help = (
        "Email the complaints officers and administrators of each landlord the Housing "
        "Ombudsman deadlines overdue or due in the next two working days."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--landlord", help="only this landlord (default: every landlord)")
        parser.add_argument("--on", help="count from this date (default: today), YYYY-MM-DD")

    def handle(self, *args: Any, **options: Any) -> None:
        on = _date(options["on"]) if options.get("on") else today()
        landlords = Landlord.objects.all()
        if options.get("landlord"):
            landlords = landlords.filter(name=options["landlord"])
            if not landlords.exists():
                raise CommandError(f"There is no landlord called {options['landlord']!r}.")
        messages: list[tuple[str, str, str, list[str]]] = []
        for landlord in landlords:
            due = ombudsman_deadlines_due(landlord, WITHIN_WORKING_DAYS, on)
            if not due:
                continue
            recipients = sorted(
                {
                    m.user.email
                    for m in StaffMembership.objects.filter(
                        landlord=landlord, role__in=REMINDED_ROLES, user__is_active=True
                    ).select_related("user")
                    if m.user.email
                }
            )
            if not recipients:
                self.stderr.write(
                    f"{landlord} has {len(due)} Ombudsman deadlines but no officer or "
                    "administrator with an email address to remind."
                )
                continue
            subject, body = reminder_text(landlord, due)
            messages.extend(
                (subject, body, settings.DEFAULT_FROM_EMAIL, [email]) for email in recipients
            )
            self.stdout.write(
                f"{landlord}: {len(due)} deadlines, reminded {len(recipients)} people."
            )
        if messages:
            send_mass_mail(messages, fail_silently=False)
        else:
            self.stdout.write("No Ombudsman deadlines are due or overdue.")
