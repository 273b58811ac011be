"""`putright landlord add NAME [--slug SLUG] [--host HOST]`, `putright landlord homes NAME
--year YYYY --lcra N` (with the homes by property type optionally beside them: `--flats N
--houses N --independent-living N --other-homes N`, or `--no-types`), `putright landlord
site NAME [--slug SLUG] [--host HOST | --no-host]` and `putright landlord list`
(interfaces.md).

A deployment may hold several landlord entities (domain.md §1); every record and report
belongs to one. CH01 (complaints per 1,000 homes) needs the homes owned at the end of each
financial year, so ``homes`` records them, once per year, correctable by running it again.
Each landlord's public pages are at /l/<slug>/ and, if it has one, at its own host name's
root (README.md, "Several landlords"): ``add`` and ``site`` set the two.
"""

from __future__ import annotations

import argparse
import re
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django.db import transaction
from django.http.request import validate_host

from putright.landlords.management.arguments import (
    OneLineErrorCommand,
    OneLineErrorParser,
    add_subcommand,
    text_argument,
    whole_number_argument,
    year_argument,
)
from putright.landlords.models import (
    HOST_NAME_PATTERN,
    SLUG_MAX_LENGTH,
    SLUG_PATTERN,
    Landlord,
    free_slug,
)
from putright.landlords.services import homes_count_save, sub_causes_seed
from putright.rules.counting import financial_year, financial_year_label
from putright.rules.lifecycle import RuleError
from putright.rules.perception import PropertyType

PREFIX = re.compile(r"[A-Z][A-Z0-9]{0,9}")
landlord_name = text_argument("the landlord's name", max_length=200)
homes = whole_number_argument("homes")
#: The options of ``putright landlord homes`` for the homes by property type.
TYPE_OPTIONS = {
    "--flats": PropertyType.FLATS,
    "--houses": PropertyType.HOUSES,
    "--independent-living": PropertyType.INDEPENDENT_LIVING,
    "--other-homes": PropertyType.OTHER,
}


def reference_prefix(text: str) -> str:
    """Complaint references are PREFIX-000123: letters and digits, starting with a letter."""
    value = text.strip().upper()
    if not PREFIX.fullmatch(value):
        raise argparse.ArgumentTypeError(
            f"expected 1 to 10 letters or digits starting with a letter, such as CU, not {text!r}"
        )
    return value


def slug_argument(text: str) -> str:
    """A slug as typed, checked: lowercase letters, digits and single hyphens."""
    value = text.strip()
    if len(value) > SLUG_MAX_LENGTH or not SLUG_PATTERN.fullmatch(value):
        raise argparse.ArgumentTypeError(
            f"expected lowercase letters, digits and single hyphens (at most {SLUG_MAX_LENGTH}), "
            f"such as first-wave-housing, not {text!r}"
        )
    return value


def host_argument(text: str) -> str:
    """A host name alone, lowercased: no scheme, port or path."""
    value = text.strip().lower().rstrip(".")
    if not HOST_NAME_PATTERN.fullmatch(value):
        raise argparse.ArgumentTypeError(
            f"expected a host name alone, such as complaints.firstwave.org.uk (no https://, "
            f"port or path), not {text!r}"
        )
    return value


def find_landlord(name: str) -> Landlord:
    """The landlord of that name (any capitals), or a CommandError saying how to add it."""
    landlord = Landlord.objects.filter(name__iexact=name).first()
    if landlord is None:
        raise CommandError(
            f"There is no landlord called {name!r}: add it first with putright landlord add."
        )
    return landlord


class Command(OneLineErrorCommand):
    help = (
        "Manage landlord entities: 'add' creates one; 'homes' records the homes it owned at "
        "the end of a financial year (for CH01, complaints per 1,000 homes); 'site' sets "
        "where its public pages are; 'list' shows each landlord and its public pages."
    )
    missing_args_message = (
        "say what to do: putright landlord add NAME, "
        "putright landlord homes NAME --year YYYY --lcra N [--lcho N] [--flats N --houses N "
        "--independent-living N --other-homes N | --no-types], "
        "putright landlord site NAME [--slug SLUG] [--host HOST | --no-host], "
        "or putright landlord list"
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        actions = parser.add_subparsers(
            dest="action",
            metavar="{add,homes,site,list}",
            required=True,
            parser_class=OneLineErrorParser,
        )
        add = add_subcommand(
            actions,
            "add",
            help="Create a landlord entity.",
            description="Create a landlord entity. Its complaint references are PREFIX-000001 on.",
        )
        add.add_argument("name", type=landlord_name, help="The landlord's name, as published.")
        add.add_argument(
            "--prefix",
            type=reference_prefix,
            default="CU",
            help="Complaint reference prefix (default CU, giving CU-000001).",
        )
        add.add_argument(
            "--slug",
            type=slug_argument,
            default=None,
            help="Its public pages' address, /l/SLUG/ (default from the name: first-wave-housing).",
        )
        add.add_argument(
            "--host",
            type=host_argument,
            default=None,
            help="A host name of its own whose root serves its public pages "
            "(complaints.firstwave.org.uk); add it to ALLOWED_HOSTS too.",
        )
        count = add_subcommand(
            actions,
            "homes",
            help="Record the homes owned at the end of a financial year.",
            description=(
                "Record (or correct) the homes the landlord owned at the end of a financial "
                "year: low-cost rental (LCRA) and low-cost home ownership (LCHO). CH01 is "
                "complaints per 1,000 of these homes."
            ),
        )
        count.add_argument("name", type=landlord_name, help="The landlord's name.")
        count.add_argument(
            "--year",
            type=year_argument,
            required=True,
            help="The financial year: 2024 means 1 April 2024 to 31 March 2025.",
        )
        count.add_argument(
            "--lcra", type=homes, required=True, help="Low-cost rental homes owned on 31 March."
        )
        count.add_argument(
            "--lcho",
            type=homes,
            default=None,
            help="Low-cost home ownership homes owned on 31 March (default 0, or unchanged).",
        )
        types = count.add_argument_group(
            "homes by property type",
            "Optional. Once any is recorded, the four types must add up to LCRA plus LCHO (a "
            "type not given counts as 0); a type left out keeps what was recorded before.",
        )
        for option, kind in TYPE_OPTIONS.items():
            types.add_argument(
                option,
                dest=kind.value,
                type=homes,
                default=None,
                help=f"{kind.label} among the homes owned on 31 March.",
            )
        types.add_argument(
            "--no-types",
            action="store_true",
            help="Forget the homes by property type recorded for the year.",
        )

        site = add_subcommand(
            actions,
            "site",
            help="Set where a landlord's public pages are.",
            description=(
                "Set where a landlord's public pages (its start page, /complain/ and /track/) "
                "are: /l/SLUG/ on every host of the installation, and the root of its own "
                "host name if it has one."
            ),
        )
        site.add_argument("name", type=landlord_name, help="The landlord's name.")
        site.add_argument("--slug", type=slug_argument, default=None, help="A new slug.")
        hosts = site.add_mutually_exclusive_group()
        hosts.add_argument(
            "--host", type=host_argument, default=None, help="A host name of its own."
        )
        hosts.add_argument(
            "--no-host", action="store_true", help="Take its host name away (/l/SLUG/ only)."
        )
        add_subcommand(
            actions,
            "list",
            help="List the landlords and where their public pages are.",
            description="List the landlords, their slugs and host names.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "add":
            self.add(options["name"], options["prefix"], options["slug"], options["host"] or "")
        elif action == "site":
            host = "" if options["no_host"] else options["host"]
            self.site(options["name"], options["slug"], host)
        elif action == "list":
            self.list()
        else:
            by_type: dict[str, int | None] = {
                t.value: options[t.value] for t in PropertyType if options[t.value] is not None
            }
            if options["no_types"]:
                if by_type:
                    raise CommandError(
                        "Give either --no-types or the homes by property type, not both."
                    )
                by_type = dict.fromkeys(PropertyType.values())
            self.homes(options["name"], options["year"], options["lcra"], options["lcho"], by_type)

    @transaction.atomic
    def add(self, name: str, prefix: str, slug: str | None, host: str) -> None:
        existing = Landlord.objects.filter(name__iexact=name).first()
        if existing is not None:
            raise CommandError(f"A landlord called {existing.name!r} already exists.")
        self.check_free(slug, host)
        with transaction.atomic():
            landlord = Landlord.objects.create(
                name=name, reference_prefix=prefix, slug=slug or free_slug(name), host_name=host
            )
            sub_causes_seed(landlord=landlord)
        self.stdout.write(
            f"Added landlord {landlord.name!r}; its complaint references start at "
            f"{landlord.format_reference(landlord.next_reference_number)}; its public pages "
            f"are at {self.where(landlord)}."
        )
        self.warn_unless_allowed(landlord.host_name)

    @transaction.atomic
    def site(self, name: str, slug: str | None, host: str | None) -> None:
        landlord = find_landlord(name)
        self.check_free(slug, host, landlord)
        if slug is not None:
            landlord.slug = slug
        if host is not None:
            landlord.host_name = host
        landlord.save(update_fields=["slug", "host_name"])
        self.stdout.write(f"{landlord.name}: public pages at {self.where(landlord)}.")
        self.warn_unless_allowed(landlord.host_name)

    def list(self) -> None:
        landlords = Landlord.objects.order_by("name")
        if not landlords:
            self.stdout.write("No landlord has been added yet: putright landlord add NAME.")
        for landlord in landlords:
            self.stdout.write(f"{landlord.name}: {self.where(landlord)}")

    def check_free(
        self, slug: str | None, host: str | None, landlord: Landlord | None = None
    ) -> None:
        """Refuse a slug or host name another landlord has, naming that landlord."""
        others = Landlord.objects.exclude(pk=landlord.pk) if landlord else Landlord.objects.all()
        problems = []
        if slug and (holder := others.filter(slug=slug).first()) is not None:
            problems.append(f"The slug {slug!r} is taken by {holder.name}: choose another.")
        if host and (holder := others.filter(host_name=host).first()) is not None:
            problems.append(f"The host name {host!r} is taken by {holder.name}.")
        if problems:
            raise CommandError(" ".join(problems))

    @staticmethod
    def where(landlord: Landlord) -> str:
        where = f"/l/{landlord.slug}/"
        if landlord.host_name:
            where += f" and https://{landlord.host_name}/"
        return where

    def warn_unless_allowed(self, host: str) -> None:
        """A host name Django would refuse (ALLOWED_HOSTS) serves nothing: say how to fix it."""
        if host and not validate_host(host, settings.ALLOWED_HOSTS):
            self.stderr.write(
                f"Warning: {host} is not in ALLOWED_HOSTS, so requests for it are refused: "
                f"add it to the ALLOWED_HOSTS environment variable (comma-separated) and "
                f"restart putright."
            )

    def homes(
        self,
        name: str,
        year: int,
        lcra: int,
        lcho: int | None,
        by_type: dict[str, int | None],
    ) -> None:
        landlord = find_landlord(name)
        try:
            count, before = homes_count_save(
                landlord=landlord, year=year, lcra=lcra, lcho=lcho, by_type=by_type
            )
        except RuleError as error:
            raise CommandError("; ".join(error.problems.values()) + ".") from None
        end = financial_year(year)[1]
        line = (
            f"{landlord.name}: homes owned on {end:%-d %B %Y} ({financial_year_label(year)}): "
            f"{count.lcra:,} LCRA + {count.lcho:,} LCHO = {count.total:,}"
        )
        if before is not None:
            line += f" (was {before.lcra:,} + {before.lcho:,} = {before.total:,})"
        types = count.by_type()
        if types is not None:
            line += "; by property type: " + ", ".join(
                f"{types[t.value]:,} {t.label.lower()}" for t in PropertyType
            )
        self.stdout.write(line + ".")
