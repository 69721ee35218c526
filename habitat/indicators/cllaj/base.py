"""The CLLAJ's public of a period, its zooms and thresholds: what every CLLAJ table counts."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Q

from habitat.indicators.common import latest_of_each
from habitat.models import CllajFile
from reportkit.periods import Period
from rl_portal.models import Person

DISPOSITIF = "CLLAJ"
DISPOSITIFS = ("cllaj", "cllaj-ase")


# « Pas ou peu de ressources » in the bilan: under 580 € a month.
LOW_RESOURCES = Decimal("580")


# The poverty line (60 % of the median standard of living, a single person, €/month), INSEE
# 2022 (« Revenus et patrimoine des ménages », 2024): used unless the direction enters the
# year's figure in the report's data.
POVERTY_LINE = Decimal("1216")


POVERTY_SOURCE = "INSEE, 2022"


ZOOMS = {
    "ase": ("Jeunes ayant un parcours ASE", "parcours ASE"),
    "qpv": ("Jeunes résidant en QPV", "QPV"),
    "mission-locale": ("Jeunes suivis par la Mission locale", "Mission locale"),
}


def _zoom_filter(zoom: str | None) -> Q:
    if zoom is None:
        return Q()
    if zoom == "ase":
        return Q(dispositif__code="cllaj-ase") | Q(person__ase_history=True)
    if zoom == "qpv":
        return Q(is_qpv=True)
    if zoom == "mission-locale":
        return Q(mission_locale=True)
    raise ValueError(zoom)


def _files(period: Period, zoom: str | None = None):
    """The CLLAJ files dated in the period (of the zoom's youths)."""
    return CllajFile.objects.filter(
        _zoom_filter(zoom), date__gte=period.start, date__lte=period.end
    )


def _latest(period: Period, zoom: str | None = None):
    """Each youth's latest file of the period: one file per youth."""
    files = _files(period, zoom)
    return latest_of_each(files, "person", ("-date", "-pk"))


def _persons(period: Period, zoom: str | None = None):
    return Person.objects.filter(pk__in=_files(period, zoom).values("person_id"))


def _ids(name: str, zoom: str | None) -> tuple[str, str, str]:
    """(table id, title suffix, population) of a public table, for the whole public or a zoom."""
    if zoom is None:
        return f"cllaj-{name}", "", "cllaj-public"
    return f"cllaj-{zoom}-{name}", f" — zoom {ZOOMS[zoom][1]}", f"cllaj-public-{zoom}"


def _by(field: str, period: Period, zoom: str | None) -> dict:
    return dict(_latest(period, zoom).values(field).annotate(n=Count("pk")).values_list(field, "n"))
