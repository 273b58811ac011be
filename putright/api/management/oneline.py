"""Bad arguments: one line on stderr and exit status 1 (interfaces.md), not argparse's
usage and status 2. In-process (``call_command``) they raise CommandError, as Django's own
parser does."""

from __future__ import annotations

from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandError, CommandParser


class OneLineParser(CommandParser):
    def error(self, message: str) -> NoReturn:
        if self.called_from_command_line:
            self.exit(1, f"{self.prog}: error: {message}\n")
        raise CommandError(f"Error: {message}")


class OneLineCommand(BaseCommand):
    """A command whose parser (and subparsers made with ``parser_class=OneLineParser``)
    reports bad arguments in one line."""

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.__class__ = OneLineParser
        return parser
