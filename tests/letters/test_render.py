"""The editable text and the letter as HTML: a tiny, safe subset of markup, and an
accessible, large-print friendly page."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from putright.letters.render import Draft, render_html, render_pdf, text_to_html
from putright.letters.templating import tidy_text
from putright.letters.wording import long_date, pounds
from tests.letters import records


def test_paragraphs_lists_and_headings():
    html = text_to_html("Dear Sam,\n\n## What happens next\n\n- one\n- two\n\nLine one\nLine two")
    assert html == (
        "<p>Dear Sam,</p>\n"
        "<h2>What happens next</h2>\n"
        "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"
        "<p>Line one<br>\nLine two</p>"
    )


def test_a_list_straight_after_a_sentence_is_still_a_list():
    assert text_to_html("You can:\n- phone\n- write") == (
        "<p>You can:</p>\n<ul>\n<li>phone</li>\n<li>write</li>\n</ul>"
    )


@given(st.text())
def test_no_text_can_inject_markup(text):
    html = text_to_html(text)
    for tag in ("<script", "<img", "<a ", "<style", "<iframe"):
        assert tag not in html.lower()


def test_tidy_text_leaves_one_blank_line_and_none_inside_a_list():
    assert tidy_text("\n\nA  \n\n\n\n- x\n\n- y\n\n\nB\n\n") == "A\n\n- x\n- y\n\nB"


def test_dates_and_money_are_written_out():
    assert long_date(dt.date(2024, 4, 8)) == "8 April 2024"
    assert pounds(Decimal("1250")) == "£1,250"
    assert pounds(Decimal("212.4")) == "£212.40"


@pytest.mark.django_db
def test_the_letter_has_letterhead_date_reference_recipient_and_sign_off():
    complaint = records.stage1_acknowledged()
    html = render_html(
        Draft("We have received your complaint", "Dear Amina Okafor,\n\nThank you."),
        complaint.landlord,
        complaint,
        dated=dt.date(2024, 4, 4),
        signatory="Sam Patel",
    )
    assert html.startswith('<!DOCTYPE html>\n<html lang="en-GB">')
    assert f"<title>We have received your complaint ({complaint.reference})</title>" in html
    assert complaint.landlord.name in html
    assert "1 Quay Street<br>" in html
    assert "Phone: 01632 960 001" in html
    assert "<dd>4 April 2024</dd>" in html
    assert f"<dd>{complaint.reference}</dd>" in html
    assert "Amina Okafor<br>" in html and "EX2 3BB<br>" in html
    assert "<h1>We have received your complaint</h1>" in html
    assert "<p>Yours sincerely</p>" in html
    assert "Sam Patel<br>" in html
    assert "font-size: 12pt" in html
    assert "GDS Transport" not in html and "crown" not in html.lower()
    assert '"Liberation Sans", Arial' in html
    assert 'content: "Page " counter(page) " of " counter(pages)' in html


@pytest.mark.django_db
def test_a_letter_without_a_known_resident_still_renders():
    complaint = records.stage1_acknowledged(resident=None)
    html = render_html(Draft("Subject", "Body."), complaint.landlord, complaint, large_print=True)
    assert 'class="recipient"' not in html
    assert "<p>Complaints team<br>" in html  # nobody named sends it
    assert "font-size: 18pt" in html
    assert "letter--large-print" in html


def test_the_pdf_loads_nothing_from_outside(tmp_path):
    hiding = tmp_path / "hide.css"
    hiding.write_text("p { display: none }")
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(
        render_pdf(
            f'<html><head><link rel="stylesheet" href="{hiding.as_uri()}"></head>'
            "<body><p>Still visible</p></body></html>"
        )
    )
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Still visible" in text


@pytest.mark.django_db
def test_the_letterhead_carries_the_landlords_logo_into_the_pdf(tmp_path):
    import io

    from PIL import Image

    from putright.landlords.services import landlord_logo_set

    complaint = records.stage1_acknowledged()
    image = io.BytesIO()
    Image.new("RGB", (120, 40), (0, 90, 160)).save(image, format="PNG")
    landlord_logo_set(landlord=complaint.landlord, data=image.getvalue(), by=None)
    complaint.landlord.refresh_from_db()
    html = render_html(Draft("Subject", "Body."), complaint.landlord, complaint)
    assert '<img class="letterhead__logo" src="data:image/png;base64,' in html
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(render_pdf(html))
    images = subprocess.run(
        ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert len(images) == 1 and " 120 " in images[0] and " 40 " in images[0]


def test_a_web_worker_loads_the_pdf_renderer_as_it_starts(tmp_path):
    """``putright.wsgi`` (what gunicorn's workers load) makes a PDF as it starts, so the
    first emailed letter a worker issues does not wait for WeasyPrint and its fonts to load
    (docs/performance.md, "The web tier under load")."""
    root = Path(__file__).resolve().parents[2]
    script = (
        "import sys\n"
        "assert 'weasyprint' not in sys.modules\n"
        "import putright.wsgi\n"
        "print('weasyprint' in sys.modules, 'weasyprint.layout' in sys.modules)\n"
    )
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "PUTRIGHT_DATA_DIR": str(tmp_path),
        "PYTHONPATH": str(root),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", script],
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
        check=True,
    )
    assert result.stdout.split() == ["True", "True"]
