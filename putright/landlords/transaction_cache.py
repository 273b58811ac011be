"""What a transaction reads again and again, read once per transaction.

Every command on a complaint checks the person's role at the landlord
(``permissions.membership``) and may count working days in the landlord's calendar, with
its closure days (``Landlord.calendar``). A batch of commands in one transaction (the demo,
an API request that records several steps, a test) would read the same rows for each.
``transaction_cached`` keeps such a value for the rest of the transaction that read it,
and no longer:

- only inside a transaction (``atomic``): outside one, every call reads afresh;
- forgotten when the transaction commits or rolls back, and when any savepoint is rolled
  back (a read may have seen a change that was undone). The cache knows this without
  hooks of its own: Django gives the connection a new list of ``on_commit`` callbacks
  (``run_on_commit``) at each of these moments (``BaseDatabaseWrapper.rollback``,
  ``savepoint_rollback``, ``run_and_clear_commit_hooks``), and the cache belongs to the
  list that was current when it was filled, so nothing is registered and nothing else
  sees it;
- forgotten whenever a cached kind of row is written in this process, by a model's
  ``save`` or ``delete`` (signals) or a queryset's ``update``, ``delete``,
  ``bulk_create`` or ``bulk_update`` (``ForgetfulQuerySet``).

So within a transaction a command sees what it would have read, except a change that
another process commits while the transaction runs; on PostgreSQL's READ COMMITTED that
change would otherwise become visible from the next statement. For a permission that is
the same as the transaction having started a moment earlier, and each transaction is one
command or one request (the demo is the exception, and makes its own staff).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from django.db import DEFAULT_DB_ALIAS, connections, models

__all__ = ["ForgetfulQuerySet", "transaction_cache_clear", "transaction_cached"]

T = TypeVar("T")

#: Where a connection keeps its cache: (the connection's list of ``on_commit`` callbacks
#: when the cache was filled, which marks the transaction; the values).
_ATTRIBUTE = "_putright_transaction_cache"


def transaction_cached(key: Hashable, read: Callable[[], T]) -> T:
    """``read()``, once per transaction for each ``key`` (see the module's docstring)."""
    wrapper = connections[DEFAULT_DB_ALIAS]
    if not wrapper.in_atomic_block:
        return read()
    held: tuple[list[Any], dict[Hashable, Any]] | None = getattr(wrapper, _ATTRIBUTE, None)
    # The list is held, so it cannot be freed and another made at the same address.
    if held is None or held[0] is not wrapper.run_on_commit:
        held = (wrapper.run_on_commit, {})
        setattr(wrapper, _ATTRIBUTE, held)
    values = held[1]
    if key not in values:
        values[key] = read()
    value: T = values[key]
    return value


def transaction_cache_clear(**_: object) -> None:
    """Forget every cached value (any cached kind of row was written). Takes a signal's
    arguments."""
    wrapper = connections[DEFAULT_DB_ALIAS]
    if getattr(wrapper, _ATTRIBUTE, None) is not None:
        setattr(wrapper, _ATTRIBUTE, None)


class ForgetfulQuerySet(models.QuerySet[Any]):
    """The queryset of a model whose rows are cached: its bulk writes, which send no
    ``post_save`` signal, forget the cache too."""

    def update(self, **kwargs: Any) -> int:
        transaction_cache_clear()
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        transaction_cache_clear()
        return super().delete()

    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> Any:
        transaction_cache_clear()
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs: Any, *args: Any, **kwargs: Any) -> int:
        transaction_cache_clear()
        return super().bulk_update(objs, *args, **kwargs)
