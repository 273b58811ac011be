"""`putright group add NAME --landlord L1 --landlord L2`, `putright group member NAME --user
USERNAME [--role officer|viewer]` and `putright group list` (interfaces.md; issue 15, item
4).

A group of landlords is reported together: its figures are added up from its landlords'
(``putright report annual --group NAME``, the staff page "Group report", a group API key).
A landlord is in one group at most. Groups cross landlords, so they are set up here, by
whoever runs the installation, and shown read-only on each landlord's settings pages.
"""

from __future__ import annotations

import argparse
from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import CommandError

from putright.landlords.management.arguments import (
    OneLineErrorCommand,
    OneLineErrorParser,
    add_subcommand,
    text_argument,
)
from putright.landlords.management.commands.landlord import find_landlord
from putright.landlords.models import GroupRole, Landlord, LandlordGroup
from putright.landlords.services import group_add, group_member_set
from putright.rules.lifecycle import RuleError

group_name = text_argument("the group's name", max_length=200)
landlord_name = text_argument("the landlord's name", max_length=200)


def find_group(name: str) -> LandlordGroup:
    """The group of that name (any capitals), or a CommandError saying how to add it."""
    group = LandlordGroup.objects.filter(name__iexact=name).first()
    if group is None:
        raise CommandError(
            f"There is no group called {name!r}: add it first with putright group add."
        )
    return group


class Command(OneLineErrorCommand):
    help = (
        "Manage groups of landlords reported together: 'add' creates one with its "
        "landlords; 'member' lets a person read the group's figures; 'list' shows each "
        "group and its landlords."
    )
    missing_args_message = (
        "say what to do: putright group add NAME --landlord L1 --landlord L2, "
        "putright group member NAME --user USERNAME [--role officer|viewer], "
        "or putright group list"
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        actions = parser.add_subparsers(
            dest="action",
            metavar="{add,member,list}",
            required=True,
            parser_class=OneLineErrorParser,
        )
        add = add_subcommand(
            actions,
            "add",
            help="Create a group of landlords.",
            description="Create a group of landlords reported together; each landlord is in "
            "one group at most.",
        )
        add.add_argument("name", type=group_name, help="The group's name, as published.")
        add.add_argument(
            "--landlord",
            dest="landlords",
            action="append",
            type=landlord_name,
            required=True,
            help="A landlord of the group (give it once for each landlord).",
        )
        member = add_subcommand(
            actions,
            "member",
            help="Let a person read a group's figures.",
            description="Give a person (by their user name) a role in the group: officer or "
            "viewer. Both read the group's report and each of its landlords' figures.",
        )
        member.add_argument("name", type=group_name, help="The group's name.")
        member.add_argument("--user", required=True, help="The person's user name.")
        member.add_argument(
            "--role", choices=GroupRole.values, default=GroupRole.OFFICER.value, help="officer"
        )
        add_subcommand(
            actions,
            "list",
            help="List the groups and their landlords.",
            description="List the groups, their landlords and the people with a group role.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "add":
            self.add(options["name"], options["landlords"])
        elif action == "member":
            self.member(options["name"], options["user"], options["role"])
        else:
            self.list()

    def add(self, name: str, names: list[str]) -> None:
        landlords: list[Landlord] = []
        for given in names:
            landlord = find_landlord(given)
            if landlord not in landlords:
                landlords.append(landlord)
        try:
            group = group_add(name=name, landlords=landlords, by=None)
        except RuleError as error:
            raise CommandError(" ".join(error.problems.values())) from None
        self.stdout.write(
            f"Added the group {group.name!r} ({group.slug}) with "
            f"{', '.join(landlord.name for landlord in landlords)}."
        )

    def member(self, name: str, username: str, role: str) -> None:
        group = find_group(name)
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user called {username!r}.")
        member = group_member_set(group=group, user=user, role=role, by=None)
        self.stdout.write(f"{user.get_username()} is now {member.get_role_display()} of {group}.")

    def list(self) -> None:
        groups = LandlordGroup.objects.prefetch_related("landlords", "members__user")
        if not groups:
            self.stdout.write("No group has been added yet: putright group add NAME --landlord L.")
        for group in groups:
            landlords = ", ".join(sorted(landlord.name for landlord in group.landlords.all()))
            self.stdout.write(f"{group.name} ({group.slug}): {landlords or 'no landlords'}")
            for member in group.members.all():
                self.stdout.write(f"  {member.user.get_username()}: {member.get_role_display()}")
