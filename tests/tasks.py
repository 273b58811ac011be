"""Running queued background work in a test, as ``putright db_worker`` would."""

from __future__ import annotations


def run_queued() -> list[tuple[str, object]]:
    """What `putright db_worker` does with each task queued now, oldest first, whatever its
    ``run_after`` (run here without the worker's own handling of database connections,
    which would end the test's transaction). Tasks these queue are left for the next call.
    Each task's path and result, in order."""
    from django_tasks_db.models import DBTaskResult

    done = []
    for queued in DBTaskResult.objects.order_by("enqueued_at"):
        args = queued.args_kwargs
        done.append((queued.task_path, queued.task.call(*args["args"], **args["kwargs"])))
        queued.delete()
    return done
