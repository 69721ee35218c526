"""What the builders share while the demo is built: the seeded generator, the dates covered,
the accounts, and the persons each service already knows."""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from demo.data.shared import FIRST_NAMES_F, FIRST_NAMES_M, NICKNAMES
from rl_portal.models import Person, Service, Sex, User

DAY = datetime.timedelta(days=1)
T = TypeVar("T")


def pick(rng: random.Random, weighted: Sequence[tuple[T, float]]) -> T:
    """One value of `weighted`, a list of (value, weight)."""
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def months(first: datetime.date, last: datetime.date) -> Iterator[datetime.date]:
    """The first day of every month from `first`'s to `last`'s."""
    month = first.replace(day=1)
    while month <= last:
        yield month
        month = (month + 32 * DAY).replace(day=1)


@dataclass
class DemoContext:
    rng: random.Random
    today: datetime.date
    users: dict[str, User] = field(default_factory=dict)
    services: dict[str, Service] = field(default_factory=dict)
    # Persons a service knows, with the day its case file opened (other services reuse them).
    persons_by_service: dict[str, list[tuple[Person, datetime.date]]] = field(default_factory=dict)

    @property
    def years(self) -> list[int]:
        """The last two complete calendar years and the current one (to date)."""
        return [self.today.year - 2, self.today.year - 1, self.today.year]

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.years[0], 1, 1)

    def year_bounds(self, year: int) -> tuple[datetime.date, datetime.date, float]:
        """First and last day of `year` covered, and the share of a full year it represents."""
        first, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        last = min(end, self.today)
        return first, last, ((last - first).days + 1) / ((end - first).days + 1)

    def random_date(self, start: datetime.date, end: datetime.date) -> datetime.date:
        return start + self.rng.randint(0, max((end - start).days, 0)) * DAY

    def weekday(self, start: datetime.date, end: datetime.date) -> datetime.date:
        """A random working day between start and end (end itself if none is drawn)."""
        for _ in range(10):
            day = self.random_date(start, end)
            if day.weekday() < 5:
                return day
        return end

    def pseudonym(self, sex: str) -> str:
        rng = self.rng
        if rng.random() < 0.06:
            return rng.choice(NICKNAMES)
        if sex == Sex.FEMALE:
            return rng.choice(FIRST_NAMES_F)
        if sex == Sex.MALE:
            return rng.choice(FIRST_NAMES_M)
        return rng.choice(FIRST_NAMES_F + FIRST_NAMES_M)
