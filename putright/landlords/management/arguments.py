"""Argument parsing for Putright's own commands (interfaces.md: "exits 1 on bad input with
a one-line reason per problem on stderr, never a traceback").

argparse exits 2 and prints the whole usage on a bad argument; the contract says exit 1
and one line. ``OneLineErrorCommand`` gives a command a parser that does that, and the
``*_argument`` functions are argparse ``type=`` converters whose messages say what was
expected, so the one line is enough to put the command right.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandError, CommandParser

from putright.rules.calendar import FIRST_YEAR, LAST_YEAR


class OneLineErrorParser(CommandParser):
    """A CommandParser whose errors are one line on stderr and exit status 1 when run from
    the command line; called in-process (``call_command``) it raises CommandError, as
    Django's parser does, so tests and other code can catch it."""

    def error(self, message: str) -> NoReturn:
        if self.called_from_command_line:
            self.exit(1, f"{self.prog}: error: {message}\n")
        raise CommandError(f"Error: {message}")


class OneLineErrorCommand(BaseCommand):
    """A management command whose bad arguments exit 1 with one line (see module docstring).

    Subcommands must be added with ``parser_class=OneLineErrorParser`` too: argparse builds
    them while ``add_arguments`` runs, before the parser here is switched over.
    """

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        # Django builds a plain CommandParser; the subclass only changes error(), so
        # switching the class of the finished parser is safe and keeps Django's set-up.
        parser.__class__ = OneLineErrorParser
        return parser


def add_subcommand(
    subcommands: argparse._SubParsersAction, name: str, **kwargs: Any
) -> argparse.ArgumentParser:
    """A subcommand (``putright landlord add``) that also takes Django's own options after
    it (``putright landlord add X --traceback``), not only before it as argparse would."""
    parser = subcommands.add_parser(name, **kwargs)
    hidden = {"default": argparse.SUPPRESS, "help": argparse.SUPPRESS}  # keep the top's
    parser.add_argument("-v", "--verbosity", type=int, choices=[0, 1, 2, 3], **hidden)
    parser.add_argument("--settings", **hidden)
    parser.add_argument("--pythonpath", **hidden)
    for flag in ("--traceback", "--no-color", "--force-color", "--skip-checks"):
        parser.add_argument(flag, action="store_true", **hidden)
    return parser


def whole_number_argument(
    unit: str, *, minimum: int = 0, maximum: int = 10_000_000
) -> Callable[[str], int]:
    """An argparse type for a whole number of ``unit`` (homes, complaints) from ``minimum``
    to ``maximum``. Thousands separators are allowed: 7,600 is 7600."""

    def convert(text: str) -> int:
        try:
            value = int(text.replace(",", "").replace("_", ""))
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"expected a whole number of {unit}, not {text!r}"
            ) from None
        if not minimum <= value <= maximum:
            raise argparse.ArgumentTypeError(
                f"expected from {minimum:,} to {maximum:,} {unit}, not {text!r}"
            )
        return value

    convert.__name__ = unit  # argparse names the type in some messages
    return convert


def year_argument(text: str) -> int:
    """A financial year, written as the year it starts: 2023 means 2023/24."""
    try:
        year = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a financial year such as 2024 (for 2024/25), not {text!r}"
        ) from None
    if not FIRST_YEAR <= year < LAST_YEAR:
        raise argparse.ArgumentTypeError(
            f"expected a financial year from {FIRST_YEAR} to {LAST_YEAR - 1}, not {text!r}"
        )
    return year


def text_argument(what: str, *, max_length: int = 200) -> Callable[[str], str]:
    """An argparse type for a non-blank piece of text, stripped, at most ``max_length``."""

    def convert(text: str) -> str:
        value = " ".join(text.split())
        if not value:
            raise argparse.ArgumentTypeError(f"{what} cannot be blank")
        if len(value) > max_length:
            raise argparse.ArgumentTypeError(
                f"{what} must be at most {max_length} characters, not {len(value)}"
            )
        return value

    convert.__name__ = what
    return convert
