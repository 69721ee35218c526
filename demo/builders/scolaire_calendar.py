"""The school calendar of zone B (Lille academy), roughly: the homework help runs from the
third week after the rentrée to the end of June, never in the holidays nor on public holidays."""

from __future__ import annotations

import datetime

from dateutil.easter import easter

from demo.context import DAY


def _saturday_from(day: datetime.date) -> datetime.date:
    return day + ((5 - day.weekday()) % 7) * DAY


def closed_days(year: int) -> set[datetime.date]:
    """Holidays (zone B, approximately) and public holidays of the school year `year`."""
    closed = set()
    for start in (
        _saturday_from(datetime.date(year, 10, 17)),  # Toussaint
        _saturday_from(datetime.date(year, 12, 17)),  # Noël
        _saturday_from(datetime.date(year + 1, 2, 18)),  # hiver
        _saturday_from(datetime.date(year + 1, 4, 18)),  # printemps
    ):
        closed.update(start + offset * DAY for offset in range(16))
    easter_day = easter(year + 1)
    closed.update(
        {
            datetime.date(year, 11, 1),
            datetime.date(year, 11, 11),
            datetime.date(year + 1, 5, 1),
            datetime.date(year + 1, 5, 8),
            easter_day + DAY,  # lundi de Pâques
            easter_day + 39 * DAY,  # Ascension
            easter_day + 40 * DAY,  # pont de l'Ascension
            easter_day + 50 * DAY,  # lundi de Pentecôte
        }
    )
    return closed


def activity_period(year: int) -> tuple[datetime.date, datetime.date]:
    """From the Monday of the third week of school to the end of June."""
    rentree = datetime.date(year, 9, 1)
    while rentree.weekday() >= 5:
        rentree += DAY
    start = rentree + 14 * DAY
    return start - start.weekday() * DAY, datetime.date(year + 1, 6, 26)
