"""Shared test set-up. Factories live in tests/factories.py; no fixture builds the world."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    """Uploaded files and generated documents go to a throwaway directory."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "files")},
        },
    }
