"""Aggregates over the habitat records, one indicator per table or figure, each running a fixed
number of SQL queries whatever the volume:

- here, the housing board's figures and the convention gauge;
- `cllaj`, `housing` (ALT and Tremplins Duo), `tremplins`, `alt`, `measures` (FSL ASLL, ASL
  Jeunes ASE): the bilans' tables (bilan habitat 2022), `common` their building blocks;
- `summary`: the figures the association's report takes from habitat."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.db.models import Avg, Count, F, Prefetch, Q, Sum

from habitat.indicators import measures
from habitat.models import MEASURE_DISPOSITIFS, HousingUnit, Stay, SupportMeasure
from reportkit.tables import Kind, Row, Table, share
from rl_portal.models import Convention

ALT_LIMIT_MONTHS = 12
ARREARS_ALERT_MONTHS = 2


def board_units(*, user, today: datetime.date):
    """Units with their stays of today and to come: in progress, ended today (the place is
    free again), and entered later (an entry already recorded for a coming day). Each stay is
    annotated with its months in arrears (months whose rent paid is below the rent due) —
    three queries in all. `board_movements` sorts a unit's stays."""
    shown = (
        Stay.objects.filter(Q(exit__isnull=True) | Q(exit__gte=today))
        .select_related("person")
        .annotate(
            arrears_months=Count("rents", filter=Q(rents__paid__lt=F("rents__due"))),
            arrears_amount=Sum(F("rents__due") - F("rents__paid")),
            mean_due=Avg("rents__due"),
        )
        .order_by("place", "entry")
    )
    return (
        HousingUnit.objects.visible_to(user)
        .filter(lease_start__lte=today)
        .filter(Q(lease_end__isnull=True) | Q(lease_end__gte=today))
        .select_related("commune", "landlord", "dispositif")
        .prefetch_related(Prefetch("stays", queryset=shown, to_attr="board_stays"))
        .order_by("dispositif__name", "commune__name", "label")
    )


# How far ahead the board shows entries already recorded (an entry is accepted up to a month
# ahead).
BOARD_UPCOMING_DAYS = 31


@dataclass
class BoardMovements:
    """A unit's stays on the board: `current` occupy a place today; `left_today` ended today
    (their place is free again: the exit day is the occupant's last); `upcoming` are entries
    recorded for a coming day; `free` counts the places nobody occupies today."""

    current: list
    left_today: list
    upcoming: list
    free: int


def board_movements(unit: HousingUnit, today: datetime.date) -> BoardMovements:
    current, left_today, upcoming = [], [], []
    for stay in unit.board_stays:
        stay.unit = unit  # already loaded: no query per stay
        if stay.entry > today:
            if stay.entry <= today + datetime.timedelta(days=BOARD_UPCOMING_DAYS):
                upcoming.append(stay)
        elif stay.exit == today:
            left_today.append(stay)
        else:
            current.append(stay)
    return BoardMovements(current, left_today, upcoming, max(unit.places - len(current), 0))


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


def _conventions_in_force(today: datetime.date) -> list[Convention]:
    return list(
        Convention.objects.filter(
            dispositif__code__in=MEASURE_DISPOSITIFS, start__lte=today, end__gte=today
        )
        .select_related("dispositif", "epci")
        .order_by("dispositif__name", "start", "epci__short_name")
    )


def convention_gauge(*, today: datetime.date) -> Table:
    """Every FSL and ASL convention in force today, with its own period and capacity, the weight
    of the measures of its territory active in its period and its rate (« suractivité » above
    100 %) — the same figures as the bilans' « Conventions et taux de réalisation » — and the
    measures whose échéance falls within 30 days. Units: points or weighted measures, %,
    measures. Three queries."""
    conventions = _conventions_in_force(today)
    used = measures.convention_usage(conventions)
    soon = Q(planned_end__gte=today, planned_end__lte=today + datetime.timedelta(days=30))
    # One query even without a convention: the number of queries does not depend on the data.
    ending = SupportMeasure.objects.filter(end__isnull=True).aggregate(
        open=Count("pk"),
        **{
            f"ending_{c.pk}": Count(
                "pk",
                filter=soon
                & Q(dispositif_id=c.dispositif_id)
                & (Q(epci_id=c.epci_id) if c.epci_id else Q()),
            )
            for c in conventions
        },
    )
    rows = []
    for dispositif in dict.fromkeys(c.dispositif for c in conventions):
        mine = [c for c in conventions if c.dispositif == dispositif]
        for row in measures.convention_rows(mine, used):
            territory = [c for c in mine if (c.epci.short_name if c.epci_id else None) == row.label]
            soon_count = (
                sum(ending[f"ending_{c.pk}"] for c in territory)
                if territory
                else sum(ending[f"ending_{c.pk}"] for c in mine)
            )
            rows.append(
                Row(
                    f"{dispositif.name} — {row.label}",
                    [*row.cells, soon_count],
                    level=row.level,
                )
            )
    return Table(
        id="jauge-conventions",
        title="Mesures au regard des conventions en cours",
        columns=[*measures.CONVENTION_COLUMNS, "Échéances sous 30 jours"],
        rows=rows,
        notes=[
            "Taux de réalisation : poids des mesures du territoire actives sur la période de la "
            "convention / capacité de la convention (FSL en points ; ASL : simple = 1, "
            "renforcée = 2). Au-delà de 100 % : suractivité."
        ],
        kinds=[*measures.CONVENTION_KINDS, Kind.COUNT],
        over_activity=True,
    )


def current_convention_rates(*, today: datetime.date) -> Table:
    """The rate of every FSL and ASL convention in force today (per territory), for the
    dashboard's chart: the same figures as `convention_gauge`. Unit: %. Two queries."""
    conventions = _conventions_in_force(today)
    used = measures.convention_usage(conventions)
    rows = [
        Row(
            f"{c.dispositif.name} — {c.epci.short_name if c.epci_id else 'ensemble'}",
            [share(used[c.pk], c.capacity) if c.capacity else None],
        )
        for c in conventions
    ]
    return Table(
        id="taux-conventions",
        title="Taux de réalisation des conventions en cours",
        columns=["Taux de réalisation"],
        rows=rows,
        kinds=[Kind.RATE],
        over_activity=True,
    )
