"""The API documentation at /api/v1/docs loads Swagger UI from the app's own static files,
never a CDN: it works on a network that blocks third parties and under the
Content-Security-Policy, and tells nobody else who reads it (issue 14, item 10)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_docs_page_loads_its_scripts_styles_and_icon_from_our_own_static_files():
    html = Client().get("/api/v1/docs").content.decode()

    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources, html
    assert all(s.startswith("/static/ninja/") for s in sources), sources
    assert "cdn" not in html.lower()
    assert '<html lang="en-GB">' in html
    assert "<title>Putright API documentation</title>" in html


def test_the_files_the_docs_page_names_are_served():
    client = Client()
    html = client.get("/api/v1/docs").content.decode()

    for source in re.findall(r'src="([^"]+)"', html):
        assert client.get(source).status_code == 200, source
