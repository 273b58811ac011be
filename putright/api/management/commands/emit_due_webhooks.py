"""`putright emit_due_webhooks [--date YYYY-MM-DD]`: send ``complaint.due_soon`` and
``complaint.overdue`` webhooks for open stages. Run it daily (e.g. from cron, after
midnight); running it again the same day sends nothing twice."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from putright.api.management.oneline import OneLineCommand
from putright.api.webhooks import emit_due_webhooks
from putright.landlords.models import today


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date like 2024-04-08, not {text!r}") from None


class Command(OneLineCommand):
    help = "Emit the due-soon and overdue webhooks for today (once per complaint per day)."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--date", type=_date, default=None, help="The day to check (default: today)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        on = options["date"] or today()
        emitted = emit_due_webhooks(on)
        self.stdout.write(f"{emitted} due-soon or overdue event(s) emitted for {on.isoformat()}.")
