"""`putright deliver_webhooks`: attempt every webhook delivery that is due now.

The task queue (`putright db_worker`) normally sends deliveries and their retries; this
command is the safety net for a queue that lost them, and how retries are sent where the
task backend cannot schedule work for later. Safe to run as often as you like."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from putright.api.webhooks import deliver_due


class Command(BaseCommand):
    help = "Attempt every pending webhook delivery whose time has come."

    def handle(self, *args: Any, **options: Any) -> None:
        attempted = deliver_due()
        self.stdout.write(f"{attempted} webhook delivery attempt(s) made.")
