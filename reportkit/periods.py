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

    @classmethod
    def convention_year(cls, first: int) -> Period:
        """A convention year of the FSL and ASL: 1 October `first` → 30 September."""
        return cls(datetime.date(first, 10, 1), datetime.date(first + 1, 9, 30))

    @property
    def is_convention_year(self) -> bool:
        return (self.start.month, self.start.day, self.end.month, self.end.day) == (
            10,
            1,
            9,
            30,
        ) and (self.end.year == self.start.year + 1)

    @property
    def is_shorter_than_a_month(self) -> bool:
        """Ends before the day before the same date a month later: 1–30 January is, 1–31
        January and 15 January – 14 February are not."""
        return self.end < self.start + relativedelta(months=1) - datetime.timedelta(days=1)

    @property
    def label(self) -> str:
        if self.is_calendar_year:
            return str(self.start.year)
        if self.is_school_year:
            return f"année scolaire {self.start.year}-{self.end.year}"
        if self.is_convention_year:
            return (
                f"convention {self.start.year}-{self.end.year} (01/10/{self.start.year} – "
                f"30/09/{self.end.year})"
            )
        return f"du {self.start:%d/%m/%Y} au {self.end:%d/%m/%Y}"

    @property
    def query(self) -> dict:
        """The period as the reports' query string gives it (?year=, ?annee_scolaire=,
        ?annee_convention= or ?start=&end=)."""
        if self.is_calendar_year:
            return {"year": self.start.year}
        if self.is_school_year:
            return {"annee_scolaire": self.start.year}
        if self.is_convention_year:
            return {"annee_convention": self.start.year}
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}

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


# The years a report can cover (the comparison reaches one year before).
FIRST_YEAR, LAST_YEAR = 2000, 2100


def parse_period(params, *, default_year: int) -> Period:
    """?year=2025, ?annee_scolaire=2025 (September → August), ?annee_convention=2025 (October
    → September), or ?start=2025-01-01&end=2025-06-30; French errors for anything else."""
    start, end = params.get("start"), params.get("end")
    if start or end:
        try:
            period = Period(datetime.date.fromisoformat(start), datetime.date.fromisoformat(end))
        except (TypeError, ValueError):
            raise ValidationError(
                "Indiquez une période par ses dates de début et de fin (AAAA-MM-JJ)."
            ) from None
        if not (FIRST_YEAR <= period.start.year <= LAST_YEAR and period.end.year <= LAST_YEAR):
            # The reports compare with the year before: year 1 has none (nor 9999 a next).
            raise ValidationError(
                f"Les dates de la période doivent être comprises entre {FIRST_YEAR} et {LAST_YEAR}."
            )
        if period.end < period.start:
            raise ValidationError("La fin de la période précède son début.")
        if (period.end - period.start).days > 366 * 5:
            raise ValidationError("Une période couvre au plus cinq ans.")
        return period
    for name, what, build in (
        (
            "annee_scolaire",
            "L'année scolaire",
            lambda y: Period(datetime.date(y, 9, 1), datetime.date(y + 1, 8, 31)),
        ),
        ("annee_convention", "L'année de convention", Period.convention_year),
    ):
        if params.get(name):
            try:
                first = int(params.get(name))
            except (TypeError, ValueError):
                raise ValidationError(
                    f"{what} s'écrit par sa première année, par exemple 2025."
                ) from None
            if not FIRST_YEAR <= first <= LAST_YEAR:
                raise ValidationError(
                    f"{what} doit être comprise entre {FIRST_YEAR} et {LAST_YEAR}."
                )
            return build(first)
    year = params.get("year") or default_year
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ValidationError("L'année doit être un nombre, par exemple 2025.") from None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(f"L'année doit être comprise entre {FIRST_YEAR} et {LAST_YEAR}.")
    return Period.year(year)
