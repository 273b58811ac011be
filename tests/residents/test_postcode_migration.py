"""The data migration that puts the postcodes staff kept as typed into the one form."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from putright.residents.models import Property
from tests import factories

pytestmark = pytest.mark.django_db

migration = importlib.import_module("putright.residents.migrations.0003_postcodes_in_one_form")


def test_stored_postcodes_are_put_in_royal_mails_form_and_others_left_alone():
    landlord = factories.landlord()
    typed = ["SW1A1AA", "m1 1aa", " B33  8TH ", "EX2 3BB", "", "not known"]
    homes = [
        Property.objects.create(landlord=landlord, address=f"{n} Road", postcode=p)
        for n, p in enumerate(typed)
    ]

    migration.normalise_postcodes(apps, None)

    assert [Property.objects.get(pk=h.pk).postcode for h in homes] == [
        "SW1A 1AA",
        "M1 1AA",
        "B33 8TH",
        "EX2 3BB",
        "",
        "NOT KNOWN",
    ]
