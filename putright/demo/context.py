"""What every part of the demo works with: the landlord, its staff and lists, its
residents, the day the demo is made on, and the one seeded source of chance."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User

from putright.demo.chance import add_days, weighted
from putright.demo.residents import Residents
from putright.landlords.models import Contractor, Landlord, ServiceArea, Theme
from putright.rules.calendar import WorkingCalendar


@dataclass
class Demo:
    rng: random.Random
    today: dt.date
    landlord: Landlord
    calendar: WorkingCalendar
    staff: dict[str, User]
    contractors: dict[str, Contractor]
    areas: dict[str, ServiceArea]
    themes: dict[str, Theme]
    residents: Residents
    #: Stage 2 requests so far: every so often one is refused or withdrawn.
    escalations: int = 0
    #: Decisions not to accept so far: every so often one's letter is sent outside Putright.
    not_accepted: int = 0

    @property
    def officer(self) -> User:
        return self.staff["officer"]

    def add_days(self, day: dt.date, n: int) -> dt.date:
        """n working days after ``day`` (see ``chance.add_days``)."""
        return add_days(self.calendar, day, n)

    def come(self, day: dt.date) -> bool:
        """The day has come: a step planned for it happens; one planned later does not."""
        return day <= self.today

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def pick(self, weights: dict[Any, int]) -> Any:
        return weighted(self.rng, weights)
