"""The Django admin lists every model of Putright (issue 2), timeline events read-only."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import RequestFactory

from putright.complaints.models import Event


def test_every_putright_model_is_in_the_admin():
    missing = [
        f"{model._meta.app_label}.{model.__name__}"
        for model in apps.get_models()
        if model.__module__.startswith("putright.") and not admin.site.is_registered(model)
    ]
    assert missing == []


@pytest.mark.django_db
def test_timeline_events_are_read_only_in_the_admin(admin_user):
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    event_admin = admin.site._registry[Event]
    assert not event_admin.has_add_permission(request)
    assert not event_admin.has_change_permission(request)
    assert not event_admin.has_delete_permission(request)
