"""`putright serve` (interfaces.md): migrate, then Django's server on host:port. The real
server is started once in test_console_script.py; here, what it is asked to do."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import autoreload

from putright.web.management.commands import serve


@pytest.fixture
def calls(monkeypatch) -> list[tuple[str, tuple[Any, ...], dict[str, Any]]]:
    made: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []
    monkeypatch.setattr(
        serve, "call_command", lambda name, *args, **kwargs: made.append((name, args, kwargs))
    )
    monkeypatch.delenv(autoreload.DJANGO_AUTORELOAD_ENV, raising=False)
    return made


def test_serve_migrates_then_runs_the_server_where_it_says(calls):
    out = StringIO()
    call_command("serve", stdout=out)
    assert [name for name, _, _ in calls] == ["migrate", "runserver"]
    assert calls[0][2]["interactive"] is False
    assert calls[1][1] == ("127.0.0.1:8000",)
    assert calls[1][2]["use_reloader"] is True
    assert "serving at http://127.0.0.1:8000/" in out.getvalue()
    assert "gunicorn putright.wsgi" in out.getvalue()


def test_serve_takes_a_host_and_port_including_ipv6(calls):
    call_command("serve", "--host", "::1", "--port", "8123", "--noreload", stdout=StringIO())
    _, args, kwargs = calls[-1]
    assert args == ("[::1]:8123",)
    assert kwargs["use_ipv6"] is True
    assert kwargs["use_reloader"] is False


def test_serve_does_not_migrate_again_in_the_reloaded_child(calls, monkeypatch):
    monkeypatch.setenv(autoreload.DJANGO_AUTORELOAD_ENV, "true")
    call_command("serve", stdout=StringIO())
    assert [name for name, _, _ in calls] == ["runserver"]


def test_serve_help_points_production_at_gunicorn():
    parser = serve.Command().create_parser("putright", "serve")
    assert "gunicorn putright.wsgi" in " ".join(parser.format_help().split())
