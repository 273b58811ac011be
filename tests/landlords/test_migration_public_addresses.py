"""landlords 0010 (issue 15): every landlord already here gets a slug from its name, each
one different, and no host name; back again, nothing is lost."""

from __future__ import annotations

import pytest

from tests.migrations import migrated_to, migrated_to_latest

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("landlords", "0009_settings_audit_and_logo")]
AFTER = [("landlords", "0010_public_addresses")]


def test_every_landlord_gets_its_own_slug_from_its_name():
    try:
        apps = migrated_to(BEFORE)
        Landlord = apps.get_model("landlords", "Landlord")
        for name in ("Brent Council", "I4B Holdings", "First Wave Housing", "Brent  Council!"):
            Landlord.objects.create(name=name)

        apps = migrated_to(AFTER)
        Landlord = apps.get_model("landlords", "Landlord")
        assert dict(Landlord.objects.values_list("name", "slug")) == {
            "Brent Council": "brent-council",
            "I4B Holdings": "i4b-holdings",
            "First Wave Housing": "first-wave-housing",
            "Brent  Council!": "brent-council-2",
        }
        assert set(Landlord.objects.values_list("host_name", flat=True)) == {""}

        apps = migrated_to(BEFORE)
        assert apps.get_model("landlords", "Landlord").objects.count() == 4
    finally:
        migrated_to_latest()
