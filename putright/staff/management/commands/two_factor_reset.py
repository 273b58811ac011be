"""`putright two_factor_reset USERNAME`: remove a person's authenticator app and recovery
codes, for someone who has lost both (docs/security.md, "Second factor"). At their next
sign-in they set up an app again. The way back in for an administrator locked out of the
Django admin, whose own reset is there."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError, CommandParser

from putright.landlords.management.arguments import OneLineErrorCommand
from putright.staff.two_factor.services import second_factor_reset


class Command(OneLineErrorCommand):
    help = (
        "Remove a person's authenticator app and recovery codes, so they set up an app "
        "again when they next sign in."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="The username of the person to reset.")

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"]
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no account with the username {username!r}.")
        removed = second_factor_reset(user=user, by=None)
        if removed:
            self.stdout.write(
                f"Removed {username}'s authenticator app and recovery codes: they set up an "
                "app again when they next sign in."
            )
        else:
            self.stdout.write(f"{username} had not set up an authenticator app; nothing changed.")
