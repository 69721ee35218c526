"""The measure tables across territories: conventions and their rates, measures per territory, the
public by sex, home visits, extensions."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import (
    Avg,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    Sum,
)
from django.db.models.functions import Coalesce, Least

from habitat.indicators.common import (
    age_text,
    date_value,
    names,
    one_place,
    present_sexes,
    two_places,
)
from habitat.indicators.measures.base import (
    CONVENTION_COLUMNS,
    CONVENTION_KINDS,
    ONE_YEAR,
    _population,
    convention_rows,
    convention_usage,
    measures,
    public,
)
from habitat.models import HomeVisit, SupportMeasure
from reportkit.counting import age_expression
from reportkit.periods import Period
from reportkit.tables import Kind, Row, Table, shares_of_total
from rl_portal.models import Convention, Sex


def conventions(*, dispositif: str, period: Period) -> Table:
    """Every convention of the dispositif that overlaps the period, with its own period and
    capacity, the weight of the measures of its territory active in its period, and its rate
    (« suractivité » above 100 %); conventions of one period on several territories are given
    together too (the dispositif's overall rate). Units: points (FSL) or measures weighted
    (ASL: simple = 1, renforcée = 2), %. Bilan habitat 2022, FSL « 55,33 % de la convention,
    110,08 % de la convention 2022 »; ASL « la convention couvre 2 périodes »; rapport de
    l'association 2023, FSL « 107 % de la convention ». Two queries."""
    prefix, name = names(dispositif)
    found = list(
        Convention.objects.filter(dispositif__code=dispositif)
        .active_during(period.start, period.end)
        .select_related("epci")
        .order_by("start", "epci__short_name")
    )
    rows = convention_rows(found, convention_usage(found))
    return Table(
        id=f"{prefix}-conventions",
        short_title="Conventions",
        title="Conventions et taux de réalisation",
        columns=CONVENTION_COLUMNS,
        rows=rows,
        notes=[
            "Taux de réalisation : poids des mesures du territoire actives sur la période de la "
            "convention / capacité de la convention (FSL en points ; ASL : simple = 1, "
            "renforcée = 2). Au-delà de 100 % : suractivité.",
            *(["Aucune convention ne couvre la période."] if not rows else []),
        ],
        kinds=CONVENTION_KINDS,
        over_activity=True,
        dispositif=name,
    )


def measures_by_territory(*, dispositif: str, period: Period, territories: list[str]) -> Table:
    """The measures active in the period per territory: the new ones (started in the period),
    those ended in the period and those going on at its end, their weight; for the ASL, simple
    and reinforced. Units: measures, points. Bilan habitat 2022, FSL « 51 mesures sur la CALL
    dont 16 nouvelles »; ASL « 12 mesures sur la CALL dont 6 nouvelles »; rapport de
    l'association 2023, FSL « CAHC : 75 situations dont 45 nouvelles … soit 132 » and ASL « 18
    mesures arrêtées, 15 en cours au 30/09 ». One query."""
    prefix, name = names(dispositif)
    asl = dispositif == "asl-jeunes-ase"
    figures = {
        item["epci__short_name"]: item
        for item in measures(dispositif, period)
        .values("epci__short_name")
        .annotate(
            total=Count("pk"),
            new=Count("pk", filter=Q(start__gte=period.start)),
            ended=Count("pk", filter=Q(end__lte=period.end)),
            going_on=Count("pk", filter=Q(end__isnull=True) | Q(end__gt=period.end)),
            weight=Sum("weight"),
            simple=Count("pk", filter=Q(kind=SupportMeasure.Kind.SIMPLE)),
            reinforced=Count("pk", filter=Q(kind=SupportMeasure.Kind.REINFORCED)),
        )
    }
    keys = ["total", "new", "ended", "going_on", "weight"] + (
        ["simple", "reinforced"] if asl else []
    )
    columns = [
        "Mesures actives",
        "dont nouvelles",
        "Arrêtées dans la période",
        f"En cours au {period.end:%d/%m/%Y}",
        "Poids (points)",
    ] + (["dont ASL simples", "dont ASL renforcées"] if asl else [])
    kinds = [Kind.COUNT] * 4 + [Kind.QUANTITY] + [Kind.COUNT] * (2 if asl else 0)

    def cells(item):
        return [two_places(item.get(k) or 0) if k == "weight" else item.get(k) or 0 for k in keys]

    rows = [Row(t, cells(figures.get(t, {}))) for t in territories]
    return Table(
        id=f"{prefix}-mesures",
        short_title="Mesures",
        title="Mesures par territoire",
        columns=columns,
        rows=rows,
        total_row=Row("Total", [sum((r.cells[i] for r in rows), 0) for i in range(len(keys))]),
        kinds=kinds,
        sums=[
            ("Mesures actives", ["Arrêtées dans la période", f"En cours au {period.end:%d/%m/%Y}"]),
            *([("Mesures actives", ["dont ASL simples", "dont ASL renforcées"])] if asl else []),
        ],
        population=_population(dispositif, "mesures"),
        dispositif=name,
    )


def public_by_sex(*, dispositif: str, period: Period) -> Table:
    """The persons accompanied in the period (all territories) by sex, with their mean age on
    the last day of the period (persons of known age, each once). Units: persons, years.
    Rapport de l'association 2023, ASL « Surtout des garçons (2/3). Moyenne d'âge : 20 ans et
    4 mois »; bilan habitat 2022, ASL « la moyenne d'âge est de 21,2 ans sur la CAHC ». One
    query."""
    prefix, name = names(dispositif)
    figures = {
        item["person__sex"]: item
        for item in public(dispositif, period)
        .annotate(age=age_expression("person", period.end))
        .values("person__sex")
        .annotate(n=Count("pk"), mean=Avg("age", filter=Q(person__birth_year__isnull=False)))
    }
    overall = public(dispositif, period).aggregate(
        mean=Avg(age_expression("person", period.end), filter=Q(person__birth_year__isnull=False))
    )["mean"]
    labels = {
        Sex.FEMALE: "Femmes",
        Sex.MALE: "Hommes",
        Sex.NON_BINARY: "Non binaire",
    }
    sexes = [s for s, _l in present_sexes(figures) if s != Sex.UNKNOWN]
    counts = [figures.get(s, {}).get("n", 0) for s in sexes]
    rows = [
        Row(labels[s], [n, part, one_place(figures.get(s, {}).get("mean"))])
        for s, n, part in zip(sexes, counts, shares_of_total(counts), strict=True)
    ]
    unknown = figures.get(Sex.UNKNOWN, {}).get("n", 0)
    notes = [f"Âge moyen de l'ensemble : {age_text(one_place(overall))}."]
    if unknown:
        rows.append(
            Row("Sexe non renseigné", [unknown, None, one_place(figures[Sex.UNKNOWN]["mean"])])
        )
        notes.append("« Sexe non renseigné » : compté dans le Total, hors des parts (%).")
    return Table(
        id=f"{prefix}-public-sexe",
        short_title="Public par sexe",
        title="Public accompagné par sexe",
        columns=["Personnes", "%", "Âge moyen"],
        rows=rows,
        total_row=Row(
            "Total", [sum(counts) + unknown, Decimal(100) if sum(counts) else 0, one_place(overall)]
        ),
        notes=notes,
        kinds=[Kind.COUNT, Kind.SHARE, Kind.MEAN],
        population=_population(dispositif, "public"),
        dispositif=name,
    )


def home_visits(*, dispositif: str, period: Period, territories: list[str]) -> Table:
    """The home visits made in the period per territory, and the measures they concern.
    Units: visits, measures. Bilan habitat 2022, FSL « 2 196 visites à domicile ». One
    query."""
    prefix, name = names(dispositif)
    figures = {
        item["measure__epci__short_name"]: item
        for item in HomeVisit.objects.filter(
            measure__dispositif__code=dispositif, date__gte=period.start, date__lte=period.end
        )
        .values("measure__epci__short_name")
        .annotate(n=Count("pk"), measures=Count("measure", distinct=True))
    }
    rows = [
        Row(t, [figures.get(t, {}).get("n", 0), figures.get(t, {}).get("measures", 0)])
        for t in territories
    ]
    return Table(
        id=f"{prefix}-visites-domicile",
        title="Visites à domicile",
        columns=["Visites", "Mesures concernées"],
        rows=rows,
        total_row=Row("Total", [sum(r.cells[0] for r in rows), sum(r.cells[1] for r in rows)]),
        kinds=[Kind.COUNT, Kind.COUNT],
        dispositif=name,
    )


def extensions(*, dispositif: str, period: Period, territories: list[str]) -> Table:
    """The measures active in the period per territory, those that lasted more than one year
    by the end of the period (prolonged beyond the year), and the prolongations granted to
    them. Units: measures, prolongations. Bilan habitat 2022, ASL « 15 accompagnements (12 sur
    la CAHC et 3 sur la CALL) ont été prolongés + d'1 an ». One query."""
    prefix, name = names(dispositif)
    # More than a year: still going on (or ended) a year and a day after the start.
    duration = ExpressionWrapper(F("last_day") - F("start"), output_field=DurationField())
    figures = {
        item["epci__short_name"]: item
        for item in measures(dispositif, period)
        .annotate(
            last_day=Least(Coalesce(F("end"), date_value(period.end)), date_value(period.end)),
        )
        .annotate(days=duration)
        .values("epci__short_name")
        .annotate(
            n=Count("pk"),
            long=Count("pk", filter=Q(days__gt=ONE_YEAR)),
            prolongations=Sum("prolongations"),
        )
    }
    rows = [
        Row(
            t,
            [
                figures.get(t, {}).get("n", 0),
                figures.get(t, {}).get("long", 0),
                figures.get(t, {}).get("prolongations") or 0,
            ],
        )
        for t in territories
    ]
    return Table(
        id=f"{prefix}-prolongations",
        title="Accompagnements prolongés au-delà d'un an",
        columns=["Mesures actives", "dont de plus d'un an", "Prolongations accordées"],
        rows=rows,
        total_row=Row("Total", [sum(r.cells[i] for r in rows) for i in range(3)]),
        notes=[
            "De plus d'un an : mesure commencée plus de 365 jours avant son arrêt ou la fin "
            "de la période."
        ],
        kinds=[Kind.COUNT] * 3,
        dispositif=name,
    )
