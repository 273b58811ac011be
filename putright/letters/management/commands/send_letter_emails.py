"""`putright send_letter_emails`: send every emailed letter the worker's queue has lost.

Issuing a letter by email puts its sending on the task queue once the issue has committed
(``letters.services.letter_issue``); the worker (`putright db_worker`) sends it. A process
that stopped between the commit and the queueing would leave the letter waiting with no
task to send it. This command is the safety net: it sends each such letter now, once, as
the worker would. Safe to run as often as you like (deploy/: every 15 minutes)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from putright.landlords.management.arguments import OneLineErrorCommand, whole_number_argument
from putright.letters.services import letter_email_send, letter_emails_lost


class Command(OneLineErrorCommand):
    help = (
        "Send every letter issued by email that has waited over --minutes with no task "
        "queued to send it."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--minutes",
            type=whole_number_argument("minutes", maximum=7 * 24 * 60),
            default=15,
            help="how long a letter waits for the worker before this sends it (default 15)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        lost = letter_emails_lost(waited=dt.timedelta(minutes=options["minutes"]))
        for letter_id in lost:
            outcome = letter_email_send(letter_id=letter_id)
            self.stdout.write(f"Letter {letter_id}: {outcome}.")
        self.stdout.write(f"{len(lost)} letter(s) the queue had lost.")
