"""Every text of the resident pages has its Welsh (issue 17, item 5): the texts marked for
translation in the portal's templates, forms and views, and in the shared pages it is
shown in, each have a msgstr in putright/portal/locale/cy/LC_MESSAGES/django.po, and the
committed .mo is compiled from that .po (``scripts/portal-messages --check``)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(root / "scripts" / "portal-messages"), "--check"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "PYTHON": sys.executable},
    )


def test_every_portal_text_has_its_welsh_and_the_mo_is_compiled():
    result = _check(ROOT)

    assert result.returncode == 0, result.stderr


def test_a_new_text_without_its_welsh_is_named(tmp_path):
    copy = tmp_path / "tree"
    for part in ("putright", "scripts"):
        shutil.copytree(ROOT / part, copy / part, ignore=shutil.ignore_patterns("__pycache__"))
    template = copy / "putright/portal/templates/portal/thanks/sent.html"
    template.write_text(
        template.read_text().replace(
            "{% endblock %}",
            '<p>{% translate "A text nobody has translated" %}</p>{% endblock %}',
            1,
        )
    )

    result = _check(copy)

    assert result.returncode == 1
    assert 'msgid "A text nobody has translated"' in result.stderr
