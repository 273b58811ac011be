"""The apps import only downwards (style.md, README): rules, landlords, residents,
complaints, then the feature apps, then web (the shared web pieces), then the staff
workspace, the resident portal and the API. So the feature apps and the API never import
the staff workspace or the portal, and web none of the three above it (issue 11, item 3)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import putright

PACKAGE = Path(putright.__file__).parent
#: Each app and the apps above it, which it must not import.
ABOVE = {
    "ombudsman": ("putright.staff", "putright.portal"),
    "learning": ("putright.staff", "putright.portal"),
    "reports": ("putright.staff", "putright.portal"),
    "selfassessment": ("putright.staff", "putright.portal"),
    "api": ("putright.staff", "putright.portal"),
    "web": ("putright.staff", "putright.portal", "putright.api"),
}
CHECKED = [(app, path) for app in sorted(ABOVE) for path in sorted((PACKAGE / app).rglob("*.py"))]


def imported_modules(source: str) -> set[str]:
    """Every module a file imports, at the top or inside a function; for ``from putright
    import staff`` the module ``putright.staff``."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def imports_any(source: str, forbidden: tuple[str, ...]) -> list[str]:
    return sorted(
        name
        for name in imported_modules(source)
        if any(name == f or name.startswith(f + ".") for f in forbidden)
    )


@pytest.mark.parametrize(
    ("app", "path"), CHECKED, ids=[p.relative_to(PACKAGE).as_posix() for _, p in CHECKED]
)
def test_no_module_imports_an_app_above_its_own(app, path):
    assert imports_any(path.read_text(), ABOVE[app]) == []


def test_every_app_is_checked():
    assert {app for app, _ in CHECKED} == set(ABOVE)


def test_the_check_finds_imports_at_the_top_and_inside_functions():
    source = (
        "from putright.staff.access import staff_view\n"
        "def view():\n"
        "    from putright import portal\n"
        "    import putright.api.keys\n"
    )
    assert imports_any(source, ABOVE["web"]) == [
        "putright.api.keys",
        "putright.portal",
        "putright.staff.access",
        "putright.staff.access.staff_view",
    ]
    assert imports_any("from putright.staffing import x\n", ABOVE["web"]) == []
