"""`putright invite-administrator --landlord NAME --email ADDRESS --first-name F
--last-name L --site URL`: a new landlord's first administrator (issue 15, item 3).

After ``putright landlord add`` nobody works for the landlord yet: this invites its first
administrator, who is emailed a one-time link to set a password (or, working for another
landlord here already, is only given the role) and, once signed in, finds the set-up
checklist. Everyone else is invited from the staff workspace, Settings, "Staff"."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import CommandError, CommandParser
from django.urls import reverse

from putright.landlords.invitations import invitation_parts, invite_days
from putright.landlords.management.arguments import OneLineErrorCommand
from putright.landlords.management.commands.landlord import find_landlord
from putright.landlords.models import Role
from putright.landlords.services import staff_invite
from putright.rules.lifecycle import RuleError


class Command(OneLineErrorCommand):
    help = (
        "Invite a landlord's administrator: they are emailed a link to set their password, "
        "then keep the landlord's settings in the staff workspace."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--landlord", required=True, metavar="NAME", help="the landlord")
        parser.add_argument("--email", required=True, help="their email address")
        parser.add_argument("--first-name", required=True, dest="first_name")
        parser.add_argument("--last-name", required=True, dest="last_name")
        parser.add_argument(
            "--site",
            required=True,
            metavar="URL",
            help="the address staff reach Putright at, e.g. https://complaints.example.org",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        landlord = find_landlord(options["landlord"])
        site = options["site"].rstrip("/")
        if not site.startswith(("https://", "http://")):
            raise CommandError("--site must start with https:// (or http:// on this machine)")

        def link_for(user: User) -> str:
            uid, token = invitation_parts(user)
            return site + reverse("staff:invite_accept", args=[uid, token])

        try:
            membership = staff_invite(
                landlord=landlord,
                email=options["email"],
                first_name=options["first_name"],
                last_name=options["last_name"],
                role=Role.ADMINISTRATOR,
                link_for=link_for,
                by=None,
            )
        except RuleError as refusal:
            raise CommandError("; ".join(refusal.problems.values())) from None
        self.stdout.write(
            f"Invited {membership.user.email} as {landlord.name}'s administrator: they have "
            f"been emailed a link to set their password, which works once, for "
            f"{invite_days()} days."
        )
