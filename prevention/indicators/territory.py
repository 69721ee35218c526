"""The territory of intervention and the online street work of the SPS report."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Exists, OuterRef, Sum

from prevention.indicators.common import Scope, contacts, persons_of
from prevention.models import CollectiveAction, ContactMode, TimeEntry
from reportkit.periods import Period
from reportkit.tables import Format, Kind, Row, Table
from rl_portal.models import Commune, Quartier


def _intervention_communes(scope: Scope, period: Period):
    hours = TimeEntry.objects.filter(
        dispositif__in=scope.dispositif_ids(),
        date__gte=period.start,
        date__lte=period.end,
        commune=OuterRef("pk"),
    )
    actions = (
        CollectiveAction.objects.filter(dispositif__in=scope.dispositif_ids())
        .during(period.start, period.end)
        .filter(commune=OuterRef("pk"))
    )
    return Commune.objects.filter(
        Exists(hours)
        | Exists(contacts(scope, period).filter(commune=OuterRef("pk")))
        | Exists(actions),
        epci__isnull=False,
    )


def intervention_communes(*, scope: Scope, period: Period) -> list[tuple[int, str]]:
    """(id, name) of the communes of intervention: those of the CAHC or the CALL where the
    service recorded hours, youths met or actions in the period. One query."""
    return list(_intervention_communes(scope, period).order_by("name").values_list("pk", "name"))


def intervention_territory(*, scope: Scope, period: Period) -> Table:
    """The communes of intervention (see `intervention_communes`) with their EPCI, their
    legal population (INSEE, from the COG), the quartiers where hours or meetings were
    recorded in the period and which of them are QPV. Unit: communes. Rapport SPS 2023, III.2
    « Cadre géographique d'intervention ». Two queries."""
    communes = list(
        _intervention_communes(scope, period)
        .order_by("name")
        .values("pk", "name", "epci__short_name", "population")
    )
    worked = Quartier.objects.filter(
        Exists(
            TimeEntry.objects.filter(
                dispositif__in=scope.dispositif_ids(),
                date__gte=period.start,
                date__lte=period.end,
                quartier=OuterRef("pk"),
            )
        )
        | Exists(contacts(scope, period).filter(quartier=OuterRef("pk")))
    )
    quartiers = defaultdict(list)
    for item in worked.order_by("name").values("commune_id", "name", "is_qpv"):
        quartiers[item["commune_id"]].append(item)
    rows = []
    for commune in communes:
        mine = quartiers[commune["pk"]]
        rows.append(
            Row(
                commune["name"].upper(),
                [
                    commune["epci__short_name"] or "",
                    commune["population"],
                    ", ".join(q["name"] for q in mine) or "—",
                    ", ".join(q["name"] for q in mine if q["is_qpv"]) or "—",
                ],
                format=Format.TEXT,
            )
        )
    return Table(
        id="territoire",
        title="Communes et quartiers d'intervention",
        columns=["EPCI", "Population (INSEE)", "Quartiers d'intervention", "dont QPV"],
        rows=rows,
        kinds=[Kind.TEXT, Kind.COUNT, Kind.TEXT, Kind.TEXT],
        notes=[
            "Communes où le service a saisi des heures, des rencontres ou des actions sur la "
            "période ; quartiers où des heures ou des rencontres ont été saisies. Population "
            "légale de l'INSEE publiée avec le Code officiel géographique."
        ],
    )


def promeneur_du_net(*, scope: Scope, period: Period) -> Table:
    """Street work online (« promeneur du net »): the hours recorded online in the period,
    their mean per week of the period, and the youths met online (each once). Unit: hours
    and youths. Rapport SPS 2023, V.1 « Le travail de rue s'effectue également sur le net ».
    Two queries."""
    hours = Decimal(
        TimeEntry.objects.filter(
            dispositif__in=scope.dispositif_ids(),
            date__gte=period.start,
            date__lte=period.end,
            online=True,
        ).aggregate(total=Sum("hours"))["total"]
        or 0
    ).quantize(Decimal("0.01"))
    weeks = Decimal((period.end - period.start).days + 1) / 7
    youths = persons_of(contacts(scope, period).filter(mode=ContactMode.PROMENEUR_DU_NET)).count()
    return Table(
        id="promeneur-du-net",
        title="Promeneur du net",
        columns=["Valeur"],
        rows=[
            Row("Heures en ligne sur la période", [hours], format=Format.HOURS),
            Row(
                "Heures par semaine en moyenne",
                [(hours / weeks).quantize(Decimal("0.01"))],
                format=Format.HOURS,
            ),
            Row("Jeunes rencontrés en ligne", [youths]),
        ],
        notes=[
            "Heures de travail de rue saisies « en ligne » ; elles comptent aussi dans le "
            "travail de rue."
        ],
    )
