"""The EMPS bilan's partners, general action, activity, specific actions and domains."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import (
    Count,
    Q,
    Sum,
)
from django.utils.text import slugify

from prevention.indicators.common import Scope, accompaniments
from prevention.indicators.emps.base import (
    MODALITIES,
    PUBLIC_NOTE,
    _each,
    _place,
    _public,
)
from prevention.models import (
    Activity,
    CoAccompaniment,
    CollectiveAction,
    Domain,
    TimeEntry,
    WorkedDomain,
)
from reportkit.periods import Period
from reportkit.tables import Format, Kind, Row, Table, shares_of_total
from rl_portal.models import Convention

# ---------------------------------------------------------------------------------------------
# Partners and general action
# ---------------------------------------------------------------------------------------------


def financial_partners(*, scope: Scope, period: Period) -> Table:
    """The EMPS's financial partners: funders of the conventions of the EMPS active on a day
    of the period, with the amount of each convention (€). Unit: conventions. Bilan EMPS
    Hénin-Beaumont 2023, « Partenaires financiers ». One query."""
    rows = [
        Row(
            item["funder__name"],
            [
                item["title"],
                Decimal(item["amount"]).quantize(Decimal("0.01"))
                if item["amount"] is not None
                else None,
            ],
            format=Format.DECIMAL,
        )
        for item in Convention.objects.filter(dispositif__code__in=scope.dispositifs)
        .active_during(period.start, period.end)
        .order_by("funder__name", "title")
        .values("funder__name", "title", "amount")
    ]
    return Table(
        id="emps-partenaires-financiers",
        title="Partenaires financiers",
        columns=["Convention", "Montant (€)"],
        rows=rows,
        kinds=[Kind.TEXT, Kind.AMOUNT],
        notes=["Conventions de l'EMPS actives sur la période."],
    )


def general_action(*, scope: Scope, period: Period, names: list[str]) -> dict[str, Table]:
    """Per commune, the figures of « Action générale »: events initiated by the commune or a
    partner that the team joined with youths (partner actions), actions carried out after a
    study of needs (workshops and stays counted as actions, outings as sessions: the
    reference's 60 = 22 ateliers + 38 sorties), and shared territorial diagnostics. Unit:
    actions or sessions with a session in the period. Bilan EMPS Hénin-Beaumont 2023, « Action
    générale ». One query."""
    counts = defaultdict(lambda: defaultdict(int))
    for item in (
        CollectiveAction.objects.filter(dispositif__in=scope.dispositif_ids())
        .during(period.start, period.end)
        .annotate(place=_place(scope, period))
        .values("place", "kind")
        .annotate(
            n=Count("pk", distinct=True),
            sessions=Count(
                "sessions",
                filter=Q(sessions__date__gte=period.start, sessions__date__lte=period.end),
            ),
        )
    ):
        counts[item["place"]][item["kind"]] += (
            item["sessions"] if item["kind"] == CollectiveAction.Kind.SORTIE else item["n"]
        )
    kinds = CollectiveAction.Kind

    def build(name):
        c = counts[name]
        return Table(
            id="emps-action-generale",
            title="Action générale",
            columns=["Nombre"],
            rows=[
                Row(
                    "Événements initiés par la commune ou un partenaire, avec des jeunes",
                    [c[kinds.PARTENARIALE]],
                ),
                Row(
                    "Actions réalisées après étude de besoin (ateliers, séjours et séances de "
                    "sorties)",
                    [c[kinds.ACTION_COLLECTIVE] + c[kinds.SEJOUR] + c[kinds.SORTIE]],
                ),
                Row("Diagnostics territoriaux partagés", [c[kinds.DIAGNOSTIC]]),
            ],
            kinds=[Kind.COUNT],
        )

    return _each(names, build)


# ---------------------------------------------------------------------------------------------
# L'activité de l'EMPS: modalities and actions
# ---------------------------------------------------------------------------------------------


def modalities(*, scope: Scope, period: Period, names: list[str]) -> dict[str, Table]:
    """Per commune, the youths of the public by modality — PAEI; ASEP (without a PAEI); en
    accroche (met, no accompaniment) — each youth once, with the partners mobilised for them
    (co-accompaniments of their accompaniments). Unit: youths. Bilan EMPS Hénin-Beaumont 2023,
    « L'activité de l'EMPS », axe Accompagnement. Two queries."""
    counts = defaultdict(lambda: defaultdict(int))
    for item in _public(scope, period).values("place", "modality").annotate(n=Count("pk")):
        counts[item["place"]][item["modality"]] += item["n"]
    partners = defaultdict(lambda: defaultdict(set))
    for item in (
        CoAccompaniment.objects.filter(accompaniment__in=accompaniments(scope, period, kind=None))
        .annotate(place=_place(scope, period, "accompaniment__person__commune"))
        .values("place", "accompaniment__kind", "kind", "partner__name")
        .distinct()
    ):
        label = item["partner__name"] or CoAccompaniment.Kind(item["kind"]).label
        partners[item["place"]][item["accompaniment__kind"]].add(label)

    def build(name):
        c = counts[name]
        return Table(
            id="emps-modalites",
            title="L'activité de l'EMPS : accompagnement",
            columns=["Axe de travail", "Nombre de jeunes", "Partenaires mobilisés"],
            rows=[
                Row(
                    label,
                    [axis, c[code], ", ".join(sorted(partners[name].get(code, ())))],
                    format=Format.TEXT,
                )
                for code, axis, label in MODALITIES
            ],
            total_row=Row("Total", ["", sum(c.values()), ""], format=Format.TEXT),
            notes=[PUBLIC_NOTE],
            kinds=[Kind.TEXT, Kind.COUNT, Kind.TEXT],
            population=f"emps-public-{slugify(name)}",
        )

    return _each(names, build)


def actions(*, scope: Scope, period: Period, names: list[str]) -> dict[str, Table]:
    """Per commune, the actions of the period: collective actions (workshops and stays, as
    actions), outings (as sessions), DSL actions initiated by the team and joined as an
    associate, and the hours of street work and présence sociale, with the partners of the
    actions. Unit: actions, sessions or hours. Bilan EMPS Hénin-Beaumont 2023, « L'activité
    de l'EMPS », axes Actions and Présence sociale. Three queries."""
    kinds = CollectiveAction.Kind
    counts = defaultdict(lambda: defaultdict(int))
    period_actions = CollectiveAction.objects.filter(dispositif__in=scope.dispositif_ids()).during(
        period.start, period.end
    )
    for item in (
        period_actions.annotate(place=_place(scope, period))
        .values("place", "kind", "initiated_by_service")
        .annotate(
            n=Count("pk", distinct=True),
            sessions=Count(
                "sessions",
                filter=Q(sessions__date__gte=period.start, sessions__date__lte=period.end),
            ),
        )
    ):
        kind = item["kind"]
        if kind == kinds.DSL:
            key = "dsl_initiated" if item["initiated_by_service"] else "dsl_associated"
            counts[item["place"]][key] += item["n"]
        elif kind == kinds.SORTIE:
            counts[item["place"]]["outings"] += item["sessions"]
        elif kind in (kinds.ACTION_COLLECTIVE, kinds.SEJOUR):
            counts[item["place"]]["workshops"] += item["n"]
    partners = defaultdict(lambda: defaultdict(set))
    for item in (
        CollectiveAction.partners.through.objects.filter(collectiveaction__in=period_actions)
        .annotate(place=_place(scope, period, "collectiveaction__commune"))
        .values(
            "place",
            "collectiveaction__kind",
            "collectiveaction__initiated_by_service",
            "partner__name",
        )
        .distinct()
    ):
        group = "collective"
        if item["collectiveaction__kind"] == kinds.DSL:
            initiated = item["collectiveaction__initiated_by_service"]
            group = "dsl_initiated" if initiated else "dsl_associated"
        partners[item["place"]][group].add(item["partner__name"])
    hours = defaultdict(Decimal)
    for item in (
        TimeEntry.objects.filter(
            dispositif__in=scope.dispositif_ids(),
            date__gte=period.start,
            date__lte=period.end,
            activity__in=[Activity.TRAVAIL_DE_RUE, Activity.PRESENCE_SOCIALE],
        )
        .annotate(place=_place(scope, period))
        .values("place")
        .annotate(hours=Sum("hours"))
    ):
        hours[item["place"]] += Decimal(item["hours"] or 0)

    def build(name):
        c, p = counts[name], partners[name]
        collective = ", ".join(sorted(p.get("collective", ())))
        initiated = ", ".join(sorted(p.get("dsl_initiated", ())))
        associated = ", ".join(sorted(p.get("dsl_associated", ())))
        return Table(
            id="emps-actions",
            title="L'activité de l'EMPS : actions et présence sociale",
            columns=["Axe de travail", "Nombre", "Partenaires mobilisés"],
            # « Nombre » holds actions, sessions or hours, as each row says.
            kinds=[Kind.TEXT, "", Kind.TEXT],
            rows=[
                Row("Actions collectives (ateliers)", ["Actions", c["workshops"], collective]),
                Row("Sorties (séances)", ["Actions", c["outings"], collective]),
                Row("Actions DSL initiées", ["Actions", c["dsl_initiated"], initiated]),
                Row("Actions DSL en associé", ["Actions", c["dsl_associated"], associated]),
                Row(
                    "Travail de rue et présence sociale (heures)",
                    ["Présence sociale", hours[name].quantize(Decimal("0.01")), ""],
                    format=Format.HOURS,
                ),
            ],
            notes=[
                "Actions ayant une séance dans la période ; sorties comptées en séances ; "
                "heures de travail de rue et de présence sociale saisies dans la commune."
            ],
        )

    return _each(names, build)


def specific_actions(*, scope: Scope, period: Period, names: list[str]) -> dict[str, Table]:
    """Per commune, every action of the period by title: its type, its sessions in the period
    and its partners. Unit: actions. Bilan EMPS Hénin-Beaumont 2023, « Actions spécifiques ».
    Two queries."""
    period_actions = CollectiveAction.objects.filter(dispositif__in=scope.dispositif_ids()).during(
        period.start, period.end
    )
    rows = defaultdict(list)
    partners = defaultdict(set)
    for item in CollectiveAction.partners.through.objects.filter(
        collectiveaction__in=period_actions
    ).values("collectiveaction_id", "partner__name"):
        partners[item["collectiveaction_id"]].add(item["partner__name"])
    for item in (
        period_actions.annotate(place=_place(scope, period))
        .annotate(
            n=Count(
                "sessions",
                filter=Q(sessions__date__gte=period.start, sessions__date__lte=period.end),
            )
        )
        .order_by("title", "pk")
        .values("pk", "place", "title", "kind", "n")
    ):
        rows[item["place"]].append(
            Row(
                item["title"],
                [
                    CollectiveAction.Kind(item["kind"]).label,
                    item["n"],
                    ", ".join(sorted(partners[item["pk"]])),
                ],
                format=Format.TEXT,
            )
        )
    return _each(
        names,
        lambda name: Table(
            id="emps-actions-specifiques",
            title="Actions spécifiques",
            columns=["Type", "Séances", "Partenaires"],
            rows=rows[name],
            kinds=[Kind.TEXT, Kind.COUNT, Kind.TEXT],
        ),
    )


def worked_domains(*, scope: Scope, period: Period, names: list[str]) -> dict[str, Table]:
    """Per commune, the domains worked with the accompanied youths of the commune: entries
    dated in the period, distinct youths, and each domain's share of the entries (whole %, by
    largest remainder). A youth counts in each domain worked with them; the Total counts each
    youth once. Unit: entries and youths. Bilan EMPS Hénin-Beaumont 2023, « Domaines
    travaillés ». Two queries."""
    entries = WorkedDomain.objects.filter(
        accompaniment__dispositif__in=scope.dispositif_ids(),
        date__gte=period.start,
        date__lte=period.end,
    ).annotate(place=_place(scope, period, "accompaniment__person__commune"))
    counts = defaultdict(dict)
    for item in entries.values("place", "domain").annotate(
        n=Count("pk"), youths=Count("accompaniment__person", distinct=True)
    ):
        counts[item["place"]][item["domain"]] = (item["n"], item["youths"])
    youths = dict(
        entries.values("place")
        .annotate(n=Count("accompaniment__person", distinct=True))
        .values_list("place", "n")
    )

    def build(name):
        c = counts[name]
        order = sorted(Domain.choices, key=lambda d: -c.get(d[0], (0, 0))[0])
        shares = shares_of_total([c.get(code, (0, 0))[0] for code, _ in order], 0)
        return Table(
            id="emps-domaines",
            title="Domaines travaillés",
            columns=["Total", "Jeunes", "%"],
            kinds=[Kind.COUNT, Kind.DISTINCT, Kind.SHARE],
            rows=[
                Row(label, [*c.get(code, (0, 0)), part], format=Format.DECIMAL)
                for (code, label), part in zip(order, shares, strict=True)
            ],
            total_row=Row(
                "Total",
                [
                    sum(n for n, _y in c.values()),
                    youths.get(name, 0),
                    Decimal(100) if c else Decimal(0),
                ],
                format=Format.DECIMAL,
            ),
            notes=[
                "Total : entrées de domaines travaillés datées de la période ; Jeunes : jeunes "
                "distincts (un jeune compte dans chaque domaine travaillé avec lui, une fois au "
                "total) ; % : part des entrées, arrondie à l'unité par plus forts restes."
            ],
        )

    return _each(names, build)
