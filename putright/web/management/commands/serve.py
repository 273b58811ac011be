"""`putright serve [--host H] [--port P]` (interfaces.md): migrate, then serve the app.

This is for `make run` and trying Putright on one machine: Django's development server.
Production runs ``gunicorn putright.wsgi`` behind a proxy instead (README).
"""

from __future__ import annotations

import argparse
import os
from typing import Any

from django.core.management import call_command
from django.utils import autoreload

from putright.landlords.management.arguments import OneLineErrorCommand, text_argument

host_name = text_argument("the host", max_length=253)


def port_number(text: str) -> int:
    """A TCP port, 1 to 65535."""
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port number from 1 to 65535, not {text!r}")
    return int(text)


def address(host: str, port: int) -> str:
    """host:port as runserver takes it, with an IPv6 address in brackets."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


class Command(OneLineErrorCommand):
    help = (
        "Migrate the database, then serve Putright with Django's development server "
        "(default http://127.0.0.1:8000/). For production, run gunicorn putright.wsgi "
        "behind a proxy instead (see the README)."
    )
    # runserver runs the system checks itself; running them twice only slows start-up.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--host",
            type=host_name,
            default="127.0.0.1",
            help="Address to listen on (default 127.0.0.1; 0.0.0.0 for every interface, "
            "with ALLOWED_HOSTS set).",
        )
        parser.add_argument(
            "--port", type=port_number, default=8000, help="Port to listen on (default 8000)."
        )
        parser.add_argument(
            "--noreload",
            action="store_false",
            dest="use_reloader",
            help="Do not restart the server when the code changes.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        host, port = options["host"], options["port"]
        # With the reloader on, runserver runs this command again in a child process;
        # the parent has already migrated and said where it serves.
        in_reloaded_child = os.environ.get(autoreload.DJANGO_AUTORELOAD_ENV) == "true"
        if not in_reloaded_child:
            call_command("migrate", interactive=False, verbosity=options["verbosity"])
            shown = f"[{host}]" if ":" in host else host
            self.stdout.write(
                f"Putright is serving at http://{shown}:{port}/ (Django's development server; "
                "for production use gunicorn putright.wsgi). Press Ctrl-C to stop."
            )
        call_command(
            "runserver",
            address(host, port),
            use_reloader=options["use_reloader"],
            use_ipv6=":" in host,
            verbosity=options["verbosity"],
        )
