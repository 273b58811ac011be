"""`putright remind`: email each handler a digest of their complaints due in the next two
working days and those overdue (issue 3; interfaces.md), with the Housing Ombudsman's
deadlines on the complaints they handle (issue 5), and each complaints officer the
complaints waiting for triage whose acknowledgement is due (issue 12: the clock runs from
receipt, Code 6.2). Run it daily from cron; running it again
the same day sends nothing twice unless --again is given. With --queue each digest goes on
the task queue and the background worker (`putright db_worker`) sends it. The complaints officers are told
of every Ombudsman deadline by `putright ombudsman_remind`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from putright.landlords.models import Landlord, today
from putright.staff.services import reminders_send


class Command(BaseCommand):
    help = (
        "Email each handler the complaints due in the next two working days and those "
        "overdue, and the Housing Ombudsman's deadlines on the complaints they handle; "
        "and the complaints officers the complaints waiting for triage that are due, "
        "once a day."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--landlord", metavar="NAME", help="Only this landlord's handlers.")
        parser.add_argument(
            "--date",
            metavar="YYYY-MM-DD",
            help="Work out what is due as of this date (default: today).",
        )
        parser.add_argument(
            "--base-url",
            metavar="URL",
            default="",
            help="The address of the service, for links to each case (e.g. https://complaints.example.org).",
        )
        parser.add_argument(
            "--again",
            action="store_true",
            help="Send even to handlers already sent today's digest.",
        )
        parser.add_argument(
            "--queue",
            action="store_true",
            help="Put each digest on the task queue for the background worker (putright "
            "db_worker) to send, instead of sending it now.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        landlord = None
        if options["landlord"]:
            landlord = Landlord.objects.filter(name=options["landlord"]).first()
            if landlord is None:
                raise CommandError(f"no landlord called {options['landlord']!r}")
        on = today()
        if options["date"]:
            try:
                on = dt.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError("--date must be a date like 2024-04-08") from None
        results = reminders_send(
            on=on,
            base_url=options["base_url"],
            landlord=landlord,
            again=options["again"],
            queue=options["queue"],
        )
        if options["queue"]:
            for r in results:
                self.stdout.write(f"Queued the reminder for {r.username} at {r.landlord}.")
            self.stdout.write(f"{len(results)} reminder email(s) queued.")
            return
        sent = [r for r in results if r.sent]
        for r in results:
            what = f"{r.lines} case(s)"
            if r.updates:
                what += f", {r.updates} update(s) to residents"
            if r.ombudsman:
                what += f" and {r.ombudsman} Ombudsman deadline(s)"
            if r.sent:
                self.stdout.write(f"Sent to {r.username} ({r.email}): {what} at {r.landlord}.")
            else:
                self.stdout.write(
                    f"Not sent to {r.username}: {r.why_not} ({what} at {r.landlord})."
                )
        self.stdout.write(f"{len(sent)} reminder email(s) sent.")
