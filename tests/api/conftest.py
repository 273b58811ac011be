"""The API tests run queued work at once (django-tasks' ImmediateBackend) instead of
leaving it in the database queue, and hash the staff factories' passwords cheaply."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
