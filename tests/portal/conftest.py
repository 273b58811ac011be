"""Portal tests: mail kept in memory, quick password hashing, the landlord the pages speak for."""

from __future__ import annotations

import pytest

from putright.landlords.models import Landlord
from tests import factories


@pytest.fixture(autouse=True)
def _mail_in_memory(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def landlord(db) -> Landlord:
    return factories.landlord(
        "Riverside Homes", phone="0161 496 0000", email="complaints@riverside.example"
    )
