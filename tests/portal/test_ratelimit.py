"""The portal's rate limiter: counts in the database (shared by every process), per scope
and key, per window; keys stored hashed; old windows removed."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from putright.portal import ratelimit
from putright.portal.models import RateCounter

pytestmark = pytest.mark.django_db

NOON = dt.datetime(2024, 4, 8, 12, 0, tzinfo=dt.UTC)


def test_the_limit_is_reached_after_the_allowed_number(settings):
    settings.PORTAL_RATE_LIMITS = {"submit": (3, 3600)}

    results = [ratelimit.hit("submit", "10.0.0.1", now=NOON) for _ in range(5)]

    assert results == [False, False, False, True, True]


def test_keys_and_scopes_are_counted_apart(settings):
    settings.PORTAL_RATE_LIMITS = {"submit": (1, 3600), "upload": (1, 3600)}
    ratelimit.hit("submit", "10.0.0.1", now=NOON)

    assert ratelimit.hit("submit", "10.0.0.2", now=NOON) is False
    assert ratelimit.hit("upload", "10.0.0.1", now=NOON) is False
    assert ratelimit.hit("submit", "10.0.0.1", now=NOON) is True


def test_a_new_window_starts_afresh_and_old_windows_are_removed(settings):
    settings.PORTAL_RATE_LIMITS = {"submit": (1, 3600)}
    ratelimit.hit("submit", "10.0.0.1", now=NOON)
    assert ratelimit.hit("submit", "10.0.0.1", now=NOON + dt.timedelta(minutes=59)) is True

    assert ratelimit.hit("submit", "10.0.0.1", now=NOON + dt.timedelta(hours=1)) is False
    assert RateCounter.objects.count() == 1


def test_keys_are_stored_hashed():
    ratelimit.hit("code_request_pair", "CU-000001\nsam@example.com", now=NOON)

    counter = RateCounter.objects.get()
    assert counter.key_digest == hashlib.sha256(b"CU-000001\nsam@example.com").hexdigest()
    assert "sam" not in str(RateCounter.objects.values().get())


def test_the_default_limits_cover_every_limited_action():
    assert set(ratelimit.DEFAULT_LIMITS) == {
        "submit",
        "upload",
        "upload_kb",
        "code_request_client",
        "code_request_pair",
        "lookup",
        "adjustment",
        "compliment",
    }
    assert ratelimit.limit_for("code_request_pair") == ratelimit.Limit(5, 3600)


def test_a_hit_can_count_several_at_once():
    assert ratelimit.hit("upload", "10.0.0.1", amount=60, now=NOON) is False
    assert ratelimit.hit("upload", "10.0.0.1", amount=1, now=NOON) is True
    assert RateCounter.objects.get().count == 61
