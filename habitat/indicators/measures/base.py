"""What the measure tables count: the measures and the public of a dispositif in a period, the
conventions' usage."""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import (
    Count,
    Q,
    Sum,
)

from habitat.indicators.common import (
    latest_of_each,
    names,
)
from habitat.models import SupportMeasure
from reportkit.periods import Period
from reportkit.tables import Kind, Row, share
from rl_portal.models import Epci

LOW_RESOURCES = Decimal("580")


ONE_YEAR = datetime.timedelta(days=365)


OVER_ACTIVITY = "suractivité"


def territories() -> list[str]:
    """The territories of the measures (the EPCIs' short names, CAHC and CALL). One query."""
    return list(Epci.objects.order_by("short_name").values_list("short_name", flat=True))


def measures(dispositif: str, period: Period):
    """The dispositif's measures active on a day of the period."""
    return SupportMeasure.objects.filter(dispositif__code=dispositif).active_during(
        period.start, period.end
    )


def public(dispositif: str, period: Period):
    """One measure per person: their latest measure active in the period."""
    active = measures(dispositif, period)
    return latest_of_each(active, "person", ("-start", "-pk"))


def _slug(territory: str) -> str:
    return territory.lower()


def _population(dispositif: str, what: str, territory: str | None = None) -> str:
    prefix = names(dispositif)[0]
    return f"{prefix}-{what}" + (f"-{_slug(territory)}" if territory else "")


# ---------------------------------------------------------------------------------------------
# Conventions and measures
# ---------------------------------------------------------------------------------------------


def convention_usage(conventions) -> dict[int, Decimal]:
    """{convention id: weight of the measures of its dispositif and territory active in its
    period}. One query for any number of conventions."""
    # One query even without a convention: the number of queries does not depend on the data.
    sums = {"measures": Count("pk")}
    for convention in conventions:
        territory = Q(epci_id=convention.epci_id) if convention.epci_id else Q()
        active = (
            Q(dispositif_id=convention.dispositif_id, start__lte=convention.end)
            & (Q(end__isnull=True) | Q(end__gte=convention.start))
            & territory
        )
        sums[f"used_{convention.pk}"] = Sum("weight", filter=active)
    totals = SupportMeasure.objects.aggregate(**sums)
    return {
        c.pk: Decimal(totals[f"used_{c.pk}"] or 0).quantize(Decimal("0.01")) for c in conventions
    }


def convention_rows(conventions, used: dict[int, Decimal]) -> list[Row]:
    """A row per convention — its territory, period, capacity, weighted measures and rate,
    « suractivité » above 100 % — and, for conventions of one period on several territories,
    a row for them together first."""
    by_period = defaultdict(list)
    for convention in conventions:
        by_period[(convention.start, convention.end)].append(convention)
    rows = []
    for (start, end), group in sorted(by_period.items()):
        dates = f"{start:%d/%m/%Y} – {end:%d/%m/%Y}"

        def row(label, capacity, weight, level, dates=dates):
            rate = share(weight, capacity) if capacity else None
            note = OVER_ACTIVITY if rate is not None and rate > 100 else ""
            return Row(label, [dates, capacity, weight, rate, note], level=level)

        if len(group) > 1:
            capacity = sum((c.capacity or Decimal(0) for c in group), Decimal(0))
            weight = sum((used[c.pk] for c in group), Decimal(0))
            rows.append(row("Ensemble des territoires", capacity, weight, 0))
        for convention in group:
            label = convention.epci.short_name if convention.epci_id else "Ensemble des territoires"
            rows.append(
                row(label, convention.capacity, used[convention.pk], 1 if len(group) > 1 else 0)
            )
    return rows


CONVENTION_COLUMNS = ["Période", "Capacité", "Mesures pondérées", "Taux de réalisation", ""]


CONVENTION_KINDS = [Kind.TEXT, Kind.QUANTITY, Kind.QUANTITY, Kind.RATE, Kind.TEXT]
