"""The records to make, planned first and then made in the order they were received, so
that complaint references run with the dates, as they do at a real landlord."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Job:
    received_on: dt.date
    order: int
    make: Callable[[], None]


@dataclass
class Jobs:
    planned: list[Job] = field(default_factory=list)

    def add(self, received_on: dt.date, make: Callable[[], None]) -> None:
        self.planned.append(Job(received_on, len(self.planned), make))

    def run(self) -> None:
        """Make every record, oldest first (in planning order on the same day)."""
        for job in sorted(self.planned, key=lambda j: (j.received_on, j.order)):
            job.make()
