"""Letters in the Django admin: templates editable (and checked), issued letters read-only."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import RequestFactory

from putright.letters.models import Letter, LetterTemplate
from tests import factories

pytestmark = pytest.mark.django_db


def _request():
    request = RequestFactory().get("/admin/")
    request.user = factories.user(is_superuser=True, is_staff=True)
    return request


def test_issued_letters_are_read_only_in_the_admin():
    letters = admin.site._registry[Letter]
    request = _request()
    assert not letters.has_add_permission(request)
    assert not letters.has_change_permission(request)
    assert not letters.has_delete_permission(request)
    assert set(letters.get_readonly_fields(request)) >= {"body_text", "html", "pdf", "sha256"}


def test_templates_can_be_edited_in_the_admin():
    templates = admin.site._registry[LetterTemplate]
    request = _request()
    assert templates.has_add_permission(request)
    assert templates.has_change_permission(request)
