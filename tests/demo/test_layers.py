"""The demo sits at the top of the house and landlords near its foot (issue 11, item 2):
landlords imports no app built on it, whatever the module, so the four cycles the demo
made through it cannot come back; and no app imports the demo.

Imports under ``if TYPE_CHECKING:`` are left out: they name a type for the type checker
and are never run, so they make no dependency between the apps.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import putright
from tests.web.test_layers import imports_any

PACKAGE = Path(putright.__file__).parent
#: Every app above landlords (style.md: rules, then landlords, then residents ...).
ABOVE_LANDLORDS = tuple(
    f"putright.{app}"
    for app in (
        "residents",
        "complaints",
        "registers",
        "letters",
        "reports",
        "selfassessment",
        "ombudsman",
        "learning",
        "web",
        "staff",
        "portal",
        "api",
        "demo",
    )
)
LANDLORDS = sorted((PACKAGE / "landlords").rglob("*.py"))
NOT_DEMO = sorted(p for p in PACKAGE.rglob("*.py") if "demo" not in p.relative_to(PACKAGE).parts)


def run_time_source(source: str) -> str:
    """The module without its ``if TYPE_CHECKING:`` blocks."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        for name in ("body", "orelse"):
            block = getattr(node, name, None)
            if isinstance(block, list):
                kept = [s for s in block if not _type_checking_only(s)]
                # Only a block that lost a statement changes: an empty ``orelse`` stays
                # empty (a ``try`` given an ``else`` would need an ``except``).
                if len(kept) < len(block):
                    setattr(node, name, kept or [ast.Pass()])
    return ast.unparse(tree)


def _type_checking_only(statement: ast.stmt) -> bool:
    return isinstance(statement, ast.If) and ast.unparse(statement.test) in (
        "TYPE_CHECKING",
        "typing.TYPE_CHECKING",
    )


@pytest.mark.parametrize("path", LANDLORDS, ids=[p.name for p in LANDLORDS])
def test_landlords_imports_no_app_above_it(path):
    assert imports_any(run_time_source(path.read_text()), ABOVE_LANDLORDS) == []


def test_no_app_imports_the_demo():
    importing = [
        path.relative_to(PACKAGE).as_posix()
        for path in NOT_DEMO
        if imports_any(path.read_text(), ("putright.demo",))
    ]
    assert importing == []


def test_the_demo_command_is_the_demo_apps():
    from django.core.management import get_commands

    assert get_commands()["demo"] == "putright.demo"


def test_type_checking_imports_are_left_out_and_the_rest_kept():
    source = (
        "from typing import TYPE_CHECKING\n"
        "from putright.rules import codes\n"
        "if TYPE_CHECKING:\n"
        "    from putright.complaints.models import Complaint\n"
        "def f():\n"
        "    from putright.letters import services\n"
    )
    assert imports_any(run_time_source(source), ABOVE_LANDLORDS) == [
        "putright.letters",
        "putright.letters.services",
    ]
