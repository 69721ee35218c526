"""The period a report covers: a calendar year by default, any date range allowed."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31))

    @property
    def is_calendar_year(self) -> bool:
        return (
            self.start.year == self.end.year
            and (self.start.month, self.start.day) == (1, 1)
            and (self.end.month, self.end.day) == (12, 31)
        )

    @property
    def is_school_year(self) -> bool:
        return (self.start.month, self.start.day, self.end.month, self.end.day) == (
            9,
            1,
            8,
            31,
        ) and (self.end.year == self.start.year + 1)

    @property
    def label(self) -> str:
        if self.is_calendar_year:
            return str(self.start.year)
        if self.is_school_year:
            return f"année scolaire {self.start.year}-{self.end.year}"
        return f"du {self.start:%d/%m/%Y} au {self.end:%d/%m/%Y}"

    @property
    def slug(self) -> str:
        if self.is_calendar_year:
            return str(self.start.year)
        return f"{self.start:%Y%m%d}-{self.end:%Y%m%d}"

    def previous(self) -> Period:
        """The same dates one year earlier (the comparison the reports make)."""
        return Period(self.start - relativedelta(years=1), self.end - relativedelta(years=1))

    def as_dict(self) -> dict:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "label": self.label}


def parse_period(params, *, default_year: int) -> Period:
    """?year=2025, or ?start=2025-01-01&end=2025-06-30; French errors for anything else."""
    start, end = params.get("start"), params.get("end")
    if start or end:
        try:
            period = Period(datetime.date.fromisoformat(start), datetime.date.fromisoformat(end))
        except (TypeError, ValueError):
            raise ValidationError(
                "Indiquez une période par ses dates de début et de fin (AAAA-MM-JJ)."
            ) from None
        if period.end < period.start:
            raise ValidationError("La fin de la période précède son début.")
        if (period.end - period.start).days > 366 * 5:
            raise ValidationError("Une période couvre au plus cinq ans.")
        return period
    if params.get("annee_scolaire"):
        try:
            first = int(params.get("annee_scolaire"))
        except (TypeError, ValueError):
            raise ValidationError(
                "L'année scolaire s'écrit par sa première année, par exemple 2025."
            ) from None
        if not 2000 <= first <= 2100:
            raise ValidationError("L'année scolaire doit être comprise entre 2000 et 2100.")
        return Period(datetime.date(first, 9, 1), datetime.date(first + 1, 8, 31))
    year = params.get("year") or default_year
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ValidationError("L'année doit être un nombre, par exemple 2025.") from None
    if not 2000 <= year <= 2100:
        raise ValidationError("L'année doit être comprise entre 2000 et 2100.")
    return Period.year(year)
