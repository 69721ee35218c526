"""Arrears, exits and occupancy of a housing dispositif."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import (
    Avg,
    Count,
    DateField,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce, Greatest, Least

from habitat.indicators.common import (
    counts_table,
    date_value,
    mean_days,
    months_and_days,
    names,
    overlap_days,
    two_places,
    whole_days,
)
from habitat.indicators.housing.base import (
    _population,
)
from habitat.models import (
    HousingUnit,
    MonthlyRent,
    Stay,
    UnitUnavailability,
)
from reportkit.periods import Period
from reportkit.tables import Format, Row, Table, share
from rl_portal.models import ResourceType

# ---------------------------------------------------------------------------------------------
# Arrears, exits, occupancy
# ---------------------------------------------------------------------------------------------


def arrears(*, dispositif: str, period: Period) -> Table:
    """Arrears of rent: the stays with at least one month of the period paid below the rent due
    and the mean number of such months; the stays whose balance (every month up to the end of
    the period) is still owed at the end of the period — stays ended before the period
    included, said apart — and the amount still owed. Units: stays, months, €. Bilan habitat
    2022, ALT « 18 jeunes / 29 ont été en impayé … 15 jeunes étaient toujours en dette au 31
    décembre ; la moyenne des mois d'impayés est de 2,2 mois ». Two queries."""
    prefix, name = names(dispositif)
    rents = MonthlyRent.objects.filter(stay__unit__dispositif__code=dispositif)
    in_period = rents.filter(
        month__gte=period.start.replace(day=1), month__lte=period.end, paid__lt=F("due")
    ).aggregate(stays=Count("stay", distinct=True), months=Count("pk"))
    balance = Subquery(
        MonthlyRent.objects.filter(stay=OuterRef("pk"), month__lte=period.end)
        .values("stay")
        .annotate(owed=Sum(F("due") - F("paid")))
        .values("owed")[:1]
    )
    owed = (
        Stay.objects.filter(unit__dispositif__code=dispositif, entry__lte=period.end)
        .annotate(owed=balance)
        .filter(owed__gt=0)
        .aggregate(
            stays=Count("pk"),
            ended_before=Count("pk", filter=Q(exit__lt=period.start)),
            amount=Sum("owed"),
        )
    )
    mean_months = (
        (Decimal(in_period["months"]) / in_period["stays"]).quantize(Decimal("0.01"))
        if in_period["stays"]
        else None
    )
    end = f"{period.end:%d/%m/%Y}"
    return Table(
        id=f"{prefix}-impayes",
        short_title="Impayés",
        title="Impayés de loyer",
        columns=["Valeur"],
        rows=[
            Row("Séjours avec au moins un mois impayé dans la période", [in_period["stays"]]),
            Row(
                "Mois impayés dans la période, en moyenne par séjour concerné",
                [mean_months],
                format=Format.DECIMAL,
            ),
            Row(f"Séjours dont une dette reste due au {end}", [owed["stays"]]),
            Row("dont séjours terminés avant la période", [owed["ended_before"]], level=1),
            Row(
                f"Montant restant dû au {end}",
                [two_places(owed["amount"] or 0)],
                format=Format.AMOUNT,
            ),
        ],
        notes=[
            "Mois impayé : loyer payé inférieur au loyer dû. Dette : solde de tous les mois du "
            "séjour jusqu'à la fin de la période (séjours en cours ou terminés)."
        ],
        dispositif=name,
    )


def _exits(dispositif: str, period: Period):
    return Stay.objects.filter(
        unit__dispositif__code=dispositif, exit__gte=period.start, exit__lte=period.end
    )


def exits(*, dispositif: str, period: Period) -> Table:
    """The stays ended in the period by exit reason (destination), with the mean duration of
    those stays and the prolongation requests they made. Units: exits (stays), days. Bilan
    habitat 2022, ALT « Motif de sortie — 18 jeunes sont sortis … durée moyenne d'occupation
    8 mois et 1 jour … 8 demandes de prolongation »; Tremplins « Solution de sortie ». One
    query."""
    prefix, name = names(dispositif)
    ended = _exits(dispositif, period)
    counts = dict(
        ended.values("exit_reason").annotate(n=Count("pk")).values_list("exit_reason", "n")
    )
    f = ended.annotate(
        days=ExpressionWrapper(F("exit") - F("entry"), output_field=DurationField())
    ).aggregate(mean=Avg("days"), prolongations=Sum("prolongation_requests"))
    return counts_table(
        table_id=f"{prefix}-sorties",
        short_title="Sorties",
        title="Sorties : motif et destination",
        counts=counts,
        choices=Stay.ExitReason.choices,
        dispositif=name,
        column="Sorties",
        population=_population(dispositif, "sorties"),
        notes=[
            f"Durée moyenne d'occupation des séjours terminés : "
            f"{months_and_days(mean_days(f['mean']))}.",
            f"Demandes de prolongation faites pendant ces séjours : {f['prolongations'] or 0}.",
        ],
    )


def exit_resources(*, dispositif: str, period: Period) -> Table:
    """The stays ended in the period by main resource at exit. Unit: exits (stays). Bilan
    habitat 2022, Tremplins « Revenus à la sortie ». One query."""
    prefix, name = names(dispositif)
    return counts_table(
        table_id=f"{prefix}-ressources-sortie",
        short_title="Ressources à la sortie",
        title="Ressources à la sortie",
        counts=dict(
            _exits(dispositif, period)
            .values("resource_type_exit")
            .annotate(n=Count("pk"))
            .values_list("resource_type_exit", "n")
        ),
        choices=ResourceType.choices,
        dispositif=name,
        column="Sorties",
        population=_population(dispositif, "sorties"),
    )


def exit_support(*, dispositif: str, period: Period) -> Table:
    """The stays ended in the period by the support in place at exit (FSL ASLL, ASL, CLLAJ…).
    Unit: exits (stays). Bilan habitat 2022, ALT « Accompagnement à la sortie ». One query."""
    prefix, name = names(dispositif)
    return counts_table(
        table_id=f"{prefix}-accompagnement-sortie",
        short_title="Accompagnement sortie",
        title="Accompagnement à la sortie",
        counts=dict(
            _exits(dispositif, period)
            .values("exit_support")
            .annotate(n=Count("pk"))
            .values_list("exit_support", "n")
        ),
        choices=Stay.ExitSupport.choices,
        dispositif=name,
        column="Sorties",
        population=_population(dispositif, "sorties"),
    )


def _occupancy_figures(dispositifs, period: Period) -> tuple[Decimal, Decimal]:
    """(available place-days, occupied place-days) of the dispositifs' units in the period.
    Four queries."""
    leased = HousingUnit.objects.filter(
        dispositif__code__in=dispositifs, lease_start__lte=period.end
    ).exclude(lease_end__lt=period.start)
    lease_end = Coalesce(F("unit__lease_end"), date_value(period.end))
    # Days are summed per number of places (a duration cannot be multiplied in SQLite): a few
    # groups, whatever the number of units.
    available = sum(
        (whole_days(item["days"]) * item["places"])
        for item in leased.annotate(days=overlap_days("lease_start", "lease_end", period))
        .values("places")
        .annotate(days=Sum("days"))
    )
    works = UnitUnavailability.objects.filter(
        unit__in=leased, start__lte=period.end, end__gte=period.start
    )
    works_start = Greatest(
        F("start"), F("unit__lease_start"), date_value(period.start), output_field=DateField()
    )
    works_end = Least(F("end"), lease_end, date_value(period.end), output_field=DateField())
    unavailable = sum(
        (whole_days(item["days"]) * item["unit__places"])
        for item in works.annotate(
            days=ExpressionWrapper(
                works_end - works_start + datetime.timedelta(days=1), output_field=DurationField()
            )
        )
        .filter(days__gt=datetime.timedelta(0))
        .values("unit__places")
        .annotate(days=Sum("days"))
    )
    # A stay counts its days within the period and the lease, on a place of its unit…
    occupied = (
        Stay.objects.filter(unit__in=leased, place__lte=F("unit__places"), entry__lte=period.end)
        .exclude(exit__lt=period.start)
        .annotate(days=overlap_days("entry", "exit", period, end_cap=lease_end))
        .filter(days__gt=datetime.timedelta(0))
        .aggregate(total=Sum("days"))["total"]
    )
    # … less its days during the unit's works (refused when recorded, but older records).
    stay_end = Least(
        Coalesce(F("exit"), date_value(period.end)),
        F("unit__unavailabilities__end"),
        lease_end,
        date_value(period.end),
        output_field=DateField(),
    )
    stay_start = Greatest(
        F("entry"),
        F("unit__unavailabilities__start"),
        date_value(period.start),
        output_field=DateField(),
    )
    during_works = (
        Stay.objects.filter(unit__in=leased, place__lte=F("unit__places"), entry__lte=period.end)
        .exclude(exit__lt=period.start)
        .filter(unit__unavailabilities__isnull=False)
        .annotate(
            days=ExpressionWrapper(
                stay_end - stay_start + datetime.timedelta(days=1), output_field=DurationField()
            )
        )
        .filter(days__gt=datetime.timedelta(0))
        .aggregate(total=Sum("days"))["total"]
    )
    return Decimal(available) - Decimal(unavailable), whole_days(occupied) - whole_days(
        during_works
    )


def occupancy_rate(*, dispositifs, period: Period) -> Decimal:
    """Occupied place-days / available place-days of the dispositifs' units in the period, in
    % (two decimals; 0 without available days). Never above 100 %. Four queries."""
    available, occupied = _occupancy_figures(dispositifs, period)
    return share(occupied, available)


def occupancy(*, dispositif: str, period: Period) -> Table:
    """The available place-days of the dispositif's units in the period (lease days × places,
    less works), the occupied place-days (stays on available places) and the occupancy rate.
    Units: place-days, %. Bilan habitat 2022, ALT « Le taux d'occupation est de 88,92 % »;
    Tremplins « Taux d'occupation à 91,52 % ». Four queries."""
    prefix, name = names(dispositif)
    available, occupied = _occupancy_figures([dispositif], period)
    return Table(
        id=f"{prefix}-taux-occupation",
        title="Taux d'occupation",
        columns=["Valeur"],
        rows=[
            Row("Journées-places disponibles", [available]),
            Row("Journées-places occupées", [occupied]),
            Row("Taux d'occupation", [share(occupied, available)], format=Format.PERCENT),
        ],
        notes=[
            "Disponibles : jours de bail dans la période × places, moins les travaux. "
            "Occupées : jours de séjour sur une place disponible."
        ],
        dispositif=name,
    )
