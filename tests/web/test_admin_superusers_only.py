"""The Django admin is for the installation's superusers only (issue 15): a landlord's
administrator, even one marked ``is_staff``, keeps the settings in the staff workspace."""

from __future__ import annotations

import pytest
from django.test import Client

from putright.landlords.models import Role
from tests import factories

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_landlords_administrator_marked_staff_is_sent_to_the_admins_sign_in(settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = []
    landlord = factories.landlord()
    admin = factories.user(landlord=landlord, role=Role.ADMINISTRATOR, is_staff=True)
    response = _client(admin).get("/admin/landlords/landlord/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_a_superuser_uses_the_admin(settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = []
    root = factories.user(is_staff=True, is_superuser=True)
    assert _client(root).get("/admin/landlords/landlord/").status_code == 200
