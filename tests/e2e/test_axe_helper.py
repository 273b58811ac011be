"""assert_no_axe_violations must fail, and say why, when a page breaks a rule."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.e2e.conftest import assert_no_axe_violations


def test_a_violation_fails_the_test_naming_the_rule_its_impact_and_the_element(
    page: Page,
) -> None:
    page.set_content(
        '<!DOCTYPE html><html lang="en-GB"><head><title>Broken</title></head>'
        '<body><main><h1>Broken</h1><img src="data:," id="no-alt"></main></body></html>'
    )

    with pytest.raises(pytest.fail.Exception) as failure:
        assert_no_axe_violations(page)

    message = str(failure.value)
    assert "- image-alt (critical)" in message
    assert '#no-alt: <img src="data:," id="no-alt">' in message
