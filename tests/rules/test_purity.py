"""putright/rules is the Code as plain Python: no Django, no database (style.md)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import putright.rules

RULES_DIR = Path(putright.rules.__file__).parent
RULE_FILES = sorted(RULES_DIR.glob("*.py"))
RULE_MODULES = [f"putright.rules.{p.stem}" for p in RULE_FILES if p.stem != "__init__"]
# The whole of the project outside rules/ is off limits too: it is where Django lives.
FORBIDDEN = ("django", "ninja", "putright.complaints", "putright.landlords", "putright.residents")


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_the_rules_package_has_the_modules_it_is_known_by():
    assert {"calendar", "timescales", "lifecycle", "codes", "counting"} <= {
        p.stem for p in RULE_FILES
    }


@pytest.mark.parametrize("path", RULE_FILES, ids=[p.name for p in RULE_FILES])
def test_no_rules_module_imports_django(path):
    for name in imported_modules(path):
        assert not any(name == f or name.startswith(f + ".") for f in FORBIDDEN), (
            f"{path.name} imports {name}"
        )
        if name.startswith("putright"):
            assert name.startswith("putright.rules"), f"{path.name} imports {name}"


def test_the_import_check_sees_django_when_it_is_there(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import os\nfrom django.db import models\nimport django.conf as c\n")
    assert {"django.db", "django.conf"} <= imported_modules(sample)


def test_importing_the_rules_does_not_load_django():
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in RULE_MODULES)
        + "loaded = [m for m in sys.modules if m == 'django' or m.startswith('django.')]\n"
        + "assert not loaded, loaded\n"
        + "print('ok')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=RULES_DIR.parent.parent,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
