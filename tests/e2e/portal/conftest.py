"""Browser tests of the resident portal, organised by journey: making a complaint, finding
it again, acting on it. Each page and state is checked with axe-core as it is reached."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from putright.landlords.models import Landlord
from tests import factories


@pytest.fixture
def landlord() -> Landlord:
    return factories.landlord(
        "Riverside Homes",
        phone="0161 496 0000",
        email="complaints@riverside.example",
        address="1 River Street\nManchester\nM1 1AA",
    )


@pytest.fixture
def no_js_page(browser: Browser, base_url: str) -> Iterator[Page]:
    """A page in a browser with JavaScript turned off."""
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()
