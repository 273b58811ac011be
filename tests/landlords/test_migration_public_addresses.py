"""landlords 0010 (issue 15): every landlord already here gets a slug from its name, each
one different, and no host name; back again, nothing is lost."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("landlords", "0009_settings_audit_and_logo")]
AFTER = [("landlords", "0010_public_addresses")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_every_landlord_gets_its_own_slug_from_its_name():
    try:
        apps = _migrate(BEFORE)
        Landlord = apps.get_model("landlords", "Landlord")
        for name in ("Brent Council", "I4B Holdings", "First Wave Housing", "Brent  Council!"):
            Landlord.objects.create(name=name)

        apps = _migrate(AFTER)
        Landlord = apps.get_model("landlords", "Landlord")
        assert dict(Landlord.objects.values_list("name", "slug")) == {
            "Brent Council": "brent-council",
            "I4B Holdings": "i4b-holdings",
            "First Wave Housing": "first-wave-housing",
            "Brent  Council!": "brent-council-2",
        }
        assert set(Landlord.objects.values_list("host_name", flat=True)) == {""}

        apps = _migrate(BEFORE)
        assert apps.get_model("landlords", "Landlord").objects.count() == 4
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
