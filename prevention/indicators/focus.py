"""What the association's report says of prevention beyond the SPS report's tables: a focus on
each commune and the support received for specific actions (rapport de l'association 2023,
« Focus Carvin … Focus Libercourt », « Soutien aux actions spécifiques »)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Q, Sum

from prevention.indicators.common import Scope, accompaniments, contacts
from prevention.models import Activity, CollectiveAction, TimeEntry
from reportkit.periods import Period
from reportkit.tables import Kind, Row, Table

NO_COMMUNE = "Commune non renseignée"


def commune_focus(*, scope: Scope, period: Period) -> Table:
    """Per commune of intervention: the hours recorded there (of them street work and
    présence sociale), the youths met there, the youths accompanied (PAEI) living there and
    the collective actions held there. A youth met in two communes counts in each, once in the
    Total. Units: hours, persons, actions. Rapport de l'association 2023, prévention
    « Focus Carvin », « Focus Oignies », « Focus Courrières », « Focus Libercourt ». Five
    queries."""
    figures: dict[str | None, dict] = defaultdict(lambda: defaultdict(int))
    for item in (
        TimeEntry.objects.filter(
            dispositif__in=scope.dispositif_ids(), date__gte=period.start, date__lte=period.end
        )
        .values("commune__name")
        .annotate(
            all_hours=Sum("hours"),
            street=Sum(
                "hours",
                filter=Q(activity__in=[Activity.TRAVAIL_DE_RUE, Activity.PRESENCE_SOCIALE]),
            ),
        )
    ):
        figures[item["commune__name"]]["hours"] = Decimal(item["all_hours"] or 0)
        figures[item["commune__name"]]["street"] = Decimal(item["street"] or 0)
    met = contacts(scope, period)
    for item in met.values("commune__name").annotate(n=Count("person", distinct=True)):
        figures[item["commune__name"]]["met"] = item["n"]
    for item in (
        accompaniments(scope, period)
        .values("person__commune__name")
        .annotate(n=Count("person", distinct=True))
    ):
        figures[item["person__commune__name"]]["accompanied"] = item["n"]
    for item in (
        CollectiveAction.objects.filter(dispositif__in=scope.dispositif_ids())
        .during(period.start, period.end)
        .values("commune__name")
        .annotate(n=Count("pk"))
    ):
        figures[item["commune__name"]]["actions"] = item["n"]
    total = {
        **met.aggregate(met=Count("person", distinct=True)),
    }
    keys = ["hours", "street", "met", "accompanied", "actions"]
    names = sorted(n for n in figures if n) + ([None] if None in figures else [])
    rows = [Row(name or NO_COMMUNE, [figures[name][k] for k in keys]) for name in names]
    totals = [sum((figures[n][k] for n in names), 0) for k in keys]
    totals[2] = total["met"]
    return Table(
        id="prevention-focus-communes",
        title="Focus par commune",
        columns=[
            "Heures",
            "dont présence sociale et travail de rue",
            "Jeunes rencontrés",
            "Jeunes accompagnés (PAEI)",
            "Actions collectives",
        ],
        rows=rows,
        total_row=Row("Total", totals),
        notes=[
            "Heures et actions : enregistrées dans la commune ; jeunes rencontrés : dans la "
            "commune (un jeune rencontré dans deux communes compte dans chacune, une fois dans "
            "le Total) ; jeunes accompagnés : selon leur commune de résidence."
        ],
        kinds=[Kind.HOURS, Kind.HOURS, Kind.DISTINCT, Kind.COUNT, Kind.COUNT],
        dispositif="SPS",
    )


def specific_action_support(*, scope: Scope, period: Period) -> Table:
    """The funders of the collective actions held in the period, with the actions each
    supported. Units: actions. Rapport de l'association 2023, prévention « Soutien aux actions
    spécifiques : la Politique de la ville pour les quartiers d'été … ». One query."""
    supported: dict[str, list[str]] = defaultdict(list)
    actions = CollectiveAction.objects.filter(dispositif__in=scope.dispositif_ids()).during(
        period.start, period.end
    )
    for funder, title in (
        CollectiveAction.funders.through.objects.filter(collectiveaction__in=actions)
        .order_by("funder__name", "collectiveaction__title")
        .values_list("funder__name", "collectiveaction__title")
    ):
        supported[funder].append(title)
    return Table(
        id="prevention-soutiens-actions",
        title="Soutien aux actions spécifiques",
        columns=["Actions soutenues", "Actions"],
        rows=[
            Row(funder, [len(titles), ", ".join(dict.fromkeys(titles))])
            for funder, titles in sorted(supported.items())
        ],
        notes=[
            "Financeurs des actions collectives tenues sur la période (une action peut en avoir "
            "plusieurs)."
        ],
        kinds=[Kind.COUNT, Kind.TEXT],
        dispositif="SPS",
        short_title="Soutiens aux actions",
    )
