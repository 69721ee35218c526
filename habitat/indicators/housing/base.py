"""What the housing tables count: the units, stays and public of a dispositif in a period."""

from __future__ import annotations

from django.db.models import (
    Case,
    CharField,
    OuterRef,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Concat

from habitat.indicators.common import (
    latest_of_each,
    names,
)
from habitat.models import (
    HousingRequest,
    HousingUnit,
    Stay,
)
from reportkit.periods import Period
from rl_portal.models import Person

# Dispositifs that count households, not persons.
HOUSEHOLD_DISPOSITIFS = {"alt-familles"}


HOUSING_COUNT_NOTE = (
    "Situations : chaque jeune (ALT Jeunes, Tremplins Duo) ou ménage (ALT Familles / jeunes "
    "couples) logé sur la période compte une fois, quel que soit le nombre de séjours."
)


def counted_as(dispositif: str) -> tuple[str, str]:
    """(column, plural noun) of what a dispositif counts: « Jeunes » or « Ménages »."""
    return ("Ménages", "ménages") if dispositif in HOUSEHOLD_DISPOSITIFS else ("Jeunes", "jeunes")


def units(dispositif: str, period: Period):
    """The units of the dispositif leased on a day of the period."""
    return HousingUnit.objects.filter(
        dispositif__code=dispositif, lease_start__lte=period.end
    ).exclude(lease_end__lt=period.start)


def stays(dispositif: str, period: Period):
    """The stays of the dispositif active on a day of the period."""
    return Stay.objects.filter(unit__dispositif__code=dispositif).active_during(
        period.start, period.end
    )


def hosted_key(dispositif: str):
    """What a stay counts for: its household (ALT Familles; the person alone without one) or
    its person."""
    person = Concat(Value("p"), Cast("person_id", CharField()))
    if dispositif not in HOUSEHOLD_DISPOSITIFS:
        return person
    return Case(
        When(
            household__isnull=False,
            then=Concat(Value("h"), Cast("household_id", CharField())),
        ),
        default=person,
        output_field=CharField(),
    )


def public(dispositif: str, period: Period):
    """One stay per youth (or household) housed in the period: their latest stay of it."""
    active = stays(dispositif, period).annotate(counted=hosted_key(dispositif))
    return latest_of_each(active, "counted", ("-entry", "-pk"))


def _holders(dispositif: str, period: Period):
    """The persons of the public's stays (for ALT Familles, each household's holder)."""
    return Person.objects.filter(pk__in=public(dispositif, period).values("person_id"))


def _request_of_stay(dispositif: str, field: str):
    """The `field` of the request that led to a stay: the person's latest request for the
    dispositif made by the entry."""
    return Subquery(
        HousingRequest.objects.filter(
            person=OuterRef("person"), dispositif__code=dispositif, date__lte=OuterRef("entry")
        )
        .order_by("-date", "-pk")
        .values(field)[:1]
    )


def _population(dispositif: str, what: str = "public") -> str:
    return f"{names(dispositif)[0]}-{what}"
