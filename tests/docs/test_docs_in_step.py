"""The documents in docs/ say what the code does: each test here reads a page and holds it
to the module it describes, so a change to one without the other fails."""

from __future__ import annotations

import ast
import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path

import pytest

from putright.ombudsman.analysis import determination_analysis
from putright.ombudsman.models import OmbudsmanCategory
from putright.registers.columns import (
    BY_NAME,
    COLUMN_NAMES,
    COMPUTED_COLUMNS,
    MAX_EXTENSION_WORKING_DAYS,
    MAX_MONEY_DIGITS,
    CellType,
)
from putright.registers.management.commands.import_register import MAX_ERRORS_SHOWN
from putright.reports.compliance import MEASURES
from putright.reports.periods import Quarter
from putright.reports.quarterly import quarterly_update
from putright.reports.report import annual_report, change
from putright.reports.tsm import tsm_return
from putright.rules.calendar import FIRST_YEAR
from tests import factories

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
PACKAGE = ROOT / "putright"
CODE = re.compile(r"`([^`]+)`")


def section(page: str, heading: str) -> str:
    """The text of the page under ``heading`` (a markdown heading line), up to the next
    heading of the same or a higher level."""
    text = (DOCS / page).read_text()
    level = heading.split(" ", 1)[0]
    start = text.index(f"\n{heading}\n")
    following = re.search(rf"\n#{{1,{len(level)}}} ", text[start + 1 :])
    return text[start : start + 1 + following.start()] if following else text[start:]


def table_rows(text: str) -> list[list[str]]:
    """The body rows of the markdown tables in ``text`` whose first cell is `code`."""
    return [
        [cell.strip() for cell in line.strip().strip("|").split(" | ")]
        for line in text.splitlines()
        if line.startswith("| `")
    ]


# docs/register-csv.md ------------------------------------------------------------------


def register_columns() -> dict[str, list[str]]:
    rows = table_rows(section("register-csv.md", "## Columns"))
    return {CODE.fullmatch(row[0])[1]: row for row in rows}


def test_every_register_column_is_documented_in_the_export_order():
    assert list(register_columns()) == list(COLUMN_NAMES)


def test_each_register_column_has_its_type_length_and_whether_it_is_required():
    for name, (_, kind, _meaning, _values) in register_columns().items():
        column = BY_NAME[name]
        assert kind.startswith(column.type.value), name
        if column.max_length is not None:
            assert f"up to {column.max_length} characters" in kind, name
        assert ("required" in kind) == column.required, name


def test_every_code_of_every_code_column_is_listed_with_its_default():
    for name, (_, _kind, _meaning, values) in register_columns().items():
        column = BY_NAME[name]
        if column.type is CellType.CODE:
            assert tuple(CODE.findall(values)) == column.codes, name
            if column.default:
                assert f"`{column.default}` (default)" in values, name
            assert values.count("(default)") == (1 if column.default else 0), name
        elif column.type is CellType.YES_NO:
            assert CODE.findall(values) == ["yes", "no"], name
        else:
            assert not CODE.findall(values), name


def test_the_computed_columns_are_documented_in_the_export_order():
    rows = table_rows(section("register-csv.md", "### Computed columns"))
    assert [CODE.fullmatch(row[0])[1] for row in rows] == list(COMPUTED_COLUMNS)


def test_the_limits_the_register_page_gives_are_the_codes():
    page = (DOCS / "register-csv.md").read_text()
    types = section("register-csv.md", "## Cell types")
    assert f"from {FIRST_YEAR} on" in types
    assert f"from 1 to {MAX_EXTENSION_WORKING_DAYS}" in types
    assert f"less than £{10**MAX_MONEY_DIGITS:,}" in types
    assert f"The first {MAX_ERRORS_SHOWN} are listed" in page


# docs/counting-rules.md ----------------------------------------------------------------

ON = dt.date(2024, 6, 1)


def not_named(keys: Iterable[str], page: str) -> list[str]:
    """The keys that the page never names as `key`."""
    named = set(CODE.findall((DOCS / page).read_text()))
    return sorted(set(keys) - named)


@pytest.mark.django_db
def test_every_figure_of_the_annual_report_is_named_in_the_counting_rules():
    figures = annual_report(factories.landlord(), 2023, on=ON).figures
    keys = [
        *figures,
        *figures["stage1"],
        *figures["stage2"],
        *figures["tsm"],
        *figures["tsm"]["CH01"],
        *figures["tsm"]["CH02"],
        *figures["acknowledgements"]["stage1"],
        *figures["extensions"]["stage1"],
        *figures["compensation"]["stage1"],
        *figures["remedies"]["stage1"],
        *figures["remedies"]["followed_through"],
        *figures["equality"],
        *figures["equality"]["sex"],
        *change(figures, figures)["logged"],
    ]
    assert not_named(keys, "counting-rules.md") == []


@pytest.mark.django_db
def test_every_figure_of_the_ombudsman_analysis_is_named_in_the_counting_rules():
    landlord = factories.landlord()
    analysis = determination_analysis(landlord, dt.date(2023, 4, 1), dt.date(2024, 3, 31))
    keys = [*analysis, *analysis["findings_by_outcome"], *OmbudsmanCategory.values]
    assert not_named([*keys, "previous", "change", "change_pct"], "counting-rules.md") == []


@pytest.mark.django_db
def test_every_figure_of_the_tsm_return_and_the_quarterly_update_is_named():
    landlord = factories.landlord()
    tsm = tsm_return(landlord, 2023)
    quarterly = quarterly_update(landlord, Quarter(2023, 4), on=ON).figures
    keys = [*tsm, *tsm["CH01"], *tsm["CH02"], *quarterly, *quarterly["themes"]]
    assert not_named(keys, "counting-rules.md") == []


def test_every_measured_provision_of_the_compliance_view_is_described():
    table = section("counting-rules.md", "## The live compliance view")
    described = {
        number
        for line in table.splitlines()
        if line.startswith("| ") and line[2].isdigit()
        for number in line[2:].split(" |")[0].split(", ")
    }
    assert described == set(MEASURES)


# docs/architecture.md ------------------------------------------------------------------

APPS = sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py"))


def may_import() -> dict[str, set[str]]:
    """Each app and the apps it may import, as the page's table says."""
    rows = table_rows(section("architecture.md", "## What each app may import"))
    allowed = {}
    for first, rule in rows:
        app = CODE.fullmatch(first)[1]
        named = set(CODE.findall(rule)) & set(APPS)
        allowed[app] = set(APPS) - {app} if rule == "every app" else named
    return allowed


def _type_checking_only(tree: ast.Module) -> set[int]:
    """The lines inside ``if TYPE_CHECKING:`` blocks: imports there never run."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for inner in node.body:
                lines.update(range(inner.lineno, (inner.end_lineno or inner.lineno) + 1))
    return lines


def imported_apps(path: Path) -> set[tuple[str, int]]:
    """The apps of Putright that a module imports when it runs, with the line."""
    tree = ast.parse(path.read_text(), filename=str(path))
    skipped = _type_checking_only(tree)
    package = path.relative_to(ROOT).with_suffix("").parts[:-1]
    found = set()
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in skipped:
            continue
        if isinstance(node, ast.Import):
            modules = [alias.name.split(".") for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = list(package[: len(package) - node.level + 1]) if node.level else []
            module = [*base, *(node.module.split(".") if node.module else [])]
            # The imported name may itself be the app: "from putright import staff".
            modules = [[*module, alias.name] for alias in node.names]
        else:
            continue
        for module in modules:
            if len(module) > 1 and module[0] == "putright" and module[1] in APPS:
                found.add((module[1], node.lineno))
    return found


def test_every_app_has_its_place_in_the_architecture():
    assert sorted(may_import()) == APPS


def test_no_app_imports_one_the_architecture_does_not_allow():
    allowed = may_import()
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports putright.{other}"
        for app in APPS
        for path in sorted((PACKAGE / app).rglob("*.py"))
        for other, line in sorted(imported_apps(path))
        if other != app and other not in allowed.get(app, set())
    ]
    assert wrong == []


# README.md -----------------------------------------------------------------------------


def test_the_readme_names_every_page_of_docs_and_nothing_outside_the_repository():
    readme = (ROOT / "README.md").read_text()
    assert [page.name for page in sorted(DOCS.glob("*.md")) if page.name not in readme] == []
    assert "../shared" not in readme
