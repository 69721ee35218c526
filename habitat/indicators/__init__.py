"""Aggregates over the habitat records: the housing board's figures and the convention gauge.
Each function runs a fixed number of SQL queries whatever the volume."""

from __future__ import annotations

import datetime
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db.models import Avg, Count, F, Prefetch, Q, Sum

from habitat.models import HousingUnit, Stay, SupportMeasure
from reportkit.tables import Format, Row, Table, share
from rl_portal.models import Convention

ALT_LIMIT_MONTHS = 12
ARREARS_ALERT_MONTHS = 2


def board_units(*, user, today: datetime.date):
    """Units with their stays in progress today, each stay annotated with its months in
    arrears (months whose rent paid is below the rent due) — three queries in all."""
    current = (
        Stay.objects.filter(entry__lte=today)
        .filter(Q(exit__isnull=True) | Q(exit__gte=today))
        .select_related("person")
        .annotate(
            arrears_months=Count("rents", filter=Q(rents__paid__lt=F("rents__due"))),
            arrears_amount=Sum(F("rents__due") - F("rents__paid")),
            mean_due=Avg("rents__due"),
        )
        .order_by("place")
    )
    return (
        HousingUnit.objects.visible_to(user)
        .filter(lease_start__lte=today)
        .filter(Q(lease_end__isnull=True) | Q(lease_end__gte=today))
        .select_related("commune", "landlord", "dispositif")
        .prefetch_related(Prefetch("stays", queryset=current, to_attr="current_stays"))
        .order_by("dispositif__name", "commune__name", "label")
    )


def board_flags(stay: Stay, today: datetime.date) -> dict:
    """What the board highlights about a stay in progress."""
    return {
        "over_alt_limit": stay.unit.dispositif.code.startswith("alt")
        and stay.entry < today - relativedelta(months=ALT_LIMIT_MONTHS),
        # What is still owed, counted in months of rent (a debt paid back is no alert).
        "arrears": bool(stay.mean_due)
        and (stay.arrears_amount or 0) >= ARREARS_ALERT_MONTHS * stay.mean_due,
        "leaving_soon": stay.planned_exit is not None
        and today <= stay.planned_exit <= today + datetime.timedelta(days=30),
    }


def convention_gauge(*, today: datetime.date) -> Table:
    """For every support-measure convention in force today (per dispositif and territory):
    the weighted measures active during the convention period against its capacity, and the
    measures whose échéance falls within 30 days. Two queries."""
    conventions = list(
        Convention.objects.filter(
            dispositif__code__in=["fsl-asll", "asl-jeunes-ase"], start__lte=today, end__gte=today
        )
        .select_related("dispositif", "epci")
        .order_by("dispositif__name", "epci__short_name")
    )
    if not conventions:
        return Table(id="jauge-conventions", title="Conventions", columns=[], rows=[])
    filters = {}
    for convention in conventions:
        territory = Q(epci=convention.epci) if convention.epci_id else Q()
        active = (
            Q(dispositif=convention.dispositif, start__lte=convention.end)
            & (Q(end__isnull=True) | Q(end__gte=convention.start))
            & territory
        )
        ending = (
            Q(dispositif=convention.dispositif, end__isnull=True)
            & territory
            & Q(planned_end__gte=today, planned_end__lte=today + datetime.timedelta(days=30))
        )
        filters[f"used_{convention.pk}"] = Sum("weight", filter=active)
        filters[f"ending_{convention.pk}"] = Count("pk", filter=ending)
    totals = SupportMeasure.objects.aggregate(**filters)
    rows = []
    for convention in conventions:
        used = Decimal(totals[f"used_{convention.pk}"] or 0)
        capacity = convention.capacity or Decimal("0")
        label = (
            convention.dispositif.name
            + (f" — {convention.epci.short_name}" if convention.epci_id else "")
            + f" ({convention.start:%d/%m/%Y} → {convention.end:%d/%m/%Y})"
        )
        rows.append(
            Row(
                label,
                [
                    used.quantize(Decimal("0.01")),
                    capacity,
                    share(used, capacity),
                    totals[f"ending_{convention.pk}"],
                ],
                format=Format.DECIMAL,
            )
        )
    return Table(
        id="jauge-conventions",
        title="Mesures au regard des conventions",
        columns=["Mesures pondérées", "Capacité", "Taux (%)", "Échéances sous 30 jours"],
        rows=rows,
        notes=[
            "Taux : poids des mesures actives sur la période de la convention / capacité "
            "(FSL en points ; ASL : simple = 1, renforcée = 2)."
        ],
    )
