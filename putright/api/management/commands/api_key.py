"""`putright api-key add --landlord NAME --name LABEL [--write]` (interfaces.md): issue an
API key and print it, once. `putright api-key add --group NAME --name LABEL` issues a group
key, which reads the group's reports only (issue 15, item 5). Also `putright api-key list
[--landlord NAME]` and `putright api-key revoke PREFIX`.

The key goes alone to stdout (so a script can capture it); what it is goes to stderr.
"""

from __future__ import annotations

import argparse
from typing import Any

from django.core.management.base import CommandError

from putright.api.keys import ApiKeyError, api_key_issue, api_key_revoke
from putright.api.management.oneline import OneLineCommand, OneLineParser
from putright.api.models import ApiKey
from putright.landlords.models import Landlord, LandlordGroup


def _landlord(name: str) -> Landlord:
    landlord = Landlord.objects.filter(name__iexact=name.strip()).first()
    if landlord is None:
        raise CommandError(f"There is no landlord called {name!r} (see `putright landlord add`).")
    return landlord


def _group(name: str) -> LandlordGroup:
    group = LandlordGroup.objects.filter(name__iexact=name.strip()).first()
    if group is None:
        raise CommandError(f"There is no group called {name!r} (see `putright group add`).")
    return group


class Command(OneLineCommand):
    help = "Issue, list and revoke API keys. Each key belongs to one landlord."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, parser_class=OneLineParser)
        add = actions.add_parser("add", help="Issue a key and print it (once).")
        whose = add.add_mutually_exclusive_group(required=True)
        whose.add_argument("--landlord", help="The landlord the key is for.")
        whose.add_argument(
            "--group", help="A group of landlords: the key reads the group's reports only."
        )
        add.add_argument("--name", required=True, help="Which integration uses it.")
        add.add_argument("--write", action="store_true", help="Allow changes (default: read only).")
        listing = actions.add_parser("list", help="List keys (never the keys themselves).")
        listing.add_argument("--landlord", help="Only this landlord's keys.")
        revoke = actions.add_parser("revoke", help="Revoke a key at once, by its prefix.")
        revoke.add_argument("prefix", help="The start of the key, e.g. pr_1a2b3c4d.")

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"handle_{options['action']}")(options)

    def handle_add(self, options: dict[str, Any]) -> None:
        group = None
        if options.get("group"):
            group = _group(options["group"])
            landlord = group.landlords.order_by("name").first()
            if landlord is None:
                raise CommandError(f"The group {group.name} has no landlords yet.")
        else:
            landlord = _landlord(options["landlord"])
        try:
            issued = api_key_issue(
                landlord=landlord, name=options["name"], can_write=options["write"], group=group
            )
        except ApiKeyError as error:
            raise CommandError(str(error)) from None
        key = issued.api_key
        whom = f"the group {group.name} (its reports only)" if group else landlord.name
        self.stderr.write(
            f"API key {key.prefix} for {whom}, {key.access}, acting as "
            f"{key.user.get_username()}. It is shown once: keep it safe."
        )
        self.stdout.write(issued.secret)

    def handle_list(self, options: dict[str, Any]) -> None:
        keys = ApiKey.objects.select_related("landlord")
        if options.get("landlord"):
            keys = keys.filter(landlord=_landlord(options["landlord"]))
        for key in keys:
            state = f"revoked {key.revoked_at:%Y-%m-%d}" if key.revoked_at else "active"
            used = f"{key.last_used_at:%Y-%m-%d %H:%M}" if key.last_used_at else "never"
            self.stdout.write(
                f"{key.prefix}\t{key.landlord.name}\t{key.name}\t{key.access}\t{state}\t"
                f"last used {used}"
            )

    def handle_revoke(self, options: dict[str, Any]) -> None:
        key = ApiKey.objects.filter(prefix=options["prefix"].strip()).first()
        if key is None:
            raise CommandError(f"There is no API key starting {options['prefix']!r}.")
        api_key_revoke(api_key=key)
        self.stdout.write(f"Revoked {key.prefix} ({key.name}, {key.landlord.name}).")
