"""More than one web or worker process may run behind a load balancer
(docs/operations.md, "Running more than one web or worker process"): nothing that has to be
shared between processes is kept in one process's memory. Sessions, sign-in lock-outs, the
portal's rate limits and the task queue are in the database; Django's cache, which is each
process's own memory unless CACHES says otherwise, is used by nothing."""

from __future__ import annotations

import ast
from pathlib import Path

from axes.conf import settings as axes_settings
from django.conf import settings

import putright

#: Cache backends whose entries one process cannot see from another.
PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
    "django.core.cache.backends.filebased.FileBasedCache",  # one machine's disk only
}


def modules_using_the_cache() -> list[str]:
    """Putright's modules that import Django's cache (or a session engine built on it)."""
    found = []
    for path in sorted(Path(putright.__file__).parent.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            if any(n.startswith("django.core.cache") for n in names):
                found.append(str(path))
    return found


def cache_is_per_process() -> bool:
    return settings.CACHES["default"]["BACKEND"] in PER_PROCESS_CACHES


def test_nothing_shared_is_kept_in_a_per_process_cache():
    if cache_is_per_process():
        assert modules_using_the_cache() == []


def test_sessions_are_in_the_database_or_the_signed_cookie():
    uses_cache = "cache" in settings.SESSION_ENGINE
    assert not (uses_cache and cache_is_per_process()), settings.SESSION_ENGINE
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"


def test_sign_in_lock_outs_are_counted_in_the_database():
    assert axes_settings.AXES_HANDLER == "axes.handlers.database.AxesDatabaseHandler"


def test_the_task_queue_is_the_database():
    assert settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
