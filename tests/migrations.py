"""Running the migrations to a point in a test, and back to the latest after it: for the
tests of a data migration, which make records as they were before it, migrate, and read
what it made of them."""

from __future__ import annotations

from django.apps.registry import Apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrated_to(targets: list[tuple[str, str]], *latest: str) -> Apps:
    """Migrate the test database to ``targets`` ((app, migration) pairs), with the apps
    named in ``latest`` at their newest migration: apps the targets do not depend on (the
    landlords app, say), so the records made here have every column they have now. The
    models as they stand at that point, for making and reading records."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    graph = executor.loader.graph
    targets = [*targets, *(node for app in latest for node in graph.leaf_nodes(app))]
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def migrated_to_latest() -> None:
    """Every app at its newest migration again, as the rest of the tests expect."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
