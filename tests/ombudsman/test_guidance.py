"""The remedies guidance as per-landlord configuration with the Ombudsman's defaults
(domain.md §6, Code 7.4), and its admin."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.test import Client

from putright.ombudsman.models import GuidanceBand, GuidanceFixedSum
from putright.ombudsman.selectors import remedy_guidance
from putright.ombudsman.services import guidance_load_defaults
from putright.rules.remedies import OMBUDSMAN_BANDS, Edition
from tests import factories

pytestmark = pytest.mark.django_db


def test_without_its_own_copy_a_landlord_sees_the_published_defaults():
    landlord = factories.landlord()
    guidance = remedy_guidance(landlord, dt.date(2025, 5, 1), Decimal("250"))
    assert guidance.using_defaults
    assert guidance.ombudsman_bands == OMBUDSMAN_BANDS
    assert [b.impact for b in guidance.matching_ombudsman] == ["Some impact"]
    assert not guidance.fixed_sums_in_force
    assert remedy_guidance(landlord, dt.date(2026, 4, 1)).fixed_sums_in_force


def test_loading_the_defaults_gives_an_editable_copy_once():
    landlord = factories.landlord()
    assert guidance_load_defaults(landlord=landlord, by=None) == 9
    assert guidance_load_defaults(landlord=landlord, by=None) == 0
    GuidanceFixedSum.objects.filter(landlord=landlord, what="Missed appointment").update(amount=20)
    guidance = remedy_guidance(landlord, dt.date(2026, 5, 1))
    assert not guidance.using_defaults
    assert [f.words for f in guidance.ombudsman_fixed_sums if f.what == "Missed appointment"] == [
        "£20 per missed appointment"
    ]


def test_the_landlords_own_policy_bands_are_shown_beside_the_ombudsmans():
    landlord = factories.landlord()
    GuidanceBand.objects.create(
        landlord=landlord,
        edition=Edition.LANDLORD_POLICY,
        position=1,
        impact="Low",
        lower=0,
        upper=150,
    )
    GuidanceBand.objects.create(
        landlord=landlord,
        edition=Edition.LANDLORD_POLICY,
        position=2,
        impact="High",
        lower=150,
        upper=None,
    )
    guidance = remedy_guidance(landlord, dt.date(2025, 5, 1), Decimal("100"))
    assert [b.impact for b in guidance.policy_bands] == ["Low", "High"]
    assert [b.impact for b in guidance.matching_policy] == ["Low"]
    html = Template("{% load remedies_guidance %}{% remedy_guidance landlord amount %}").render(
        Context({"landlord": landlord, "amount": Decimal("100")})
    )
    assert "Our compensation policy" in html
    assert "<strong>low</strong> (£0 to £150)" in html
    assert "<strong>minor impact</strong> (£50 to £100) and <strong>some impact</strong>" in html


def test_the_admin_loads_the_defaults_and_checks_a_band():
    landlord = factories.landlord("Riverside Homes")
    admin = factories.user("root", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin)
    page = client.get("/admin/ombudsman/guidanceband/")
    assert "Load the Ombudsman's defaults for a landlord" in page.content.decode()
    response = client.post(
        "/admin/ombudsman/guidanceband/load-defaults/", {"landlord": landlord.pk}
    )
    assert response.status_code == 302
    assert GuidanceBand.objects.filter(landlord=landlord).count() == 4
    response = client.post(
        "/admin/ombudsman/guidanceband/add/",
        {
            "landlord": landlord.pk,
            "edition": "landlord",
            "position": 1,
            "impact": "Bad",
            "lower": "100",
            "upper": "50",
        },
    )
    assert "Band 1 must end above where it starts." in response.content.decode()
