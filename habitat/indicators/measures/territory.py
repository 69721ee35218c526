"""The measure tables of each territory's public, each returned for every territory at once from
one query."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import (
    Avg,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Max,
    Min,
    Q,
)

from habitat.indicators.common import (
    ADULT_BANDS,
    HABITAT_BANDS,
    age_text,
    counts_table,
    euros,
    mean_days,
    months_and_days,
    multiple_choice_table,
    names,
    one_place,
    origin_from,
    sex_and_age_from,
    threshold,
    two_places,
)
from habitat.indicators.measures.base import (
    LOW_RESOURCES,
    _population,
    _slug,
    public,
)
from habitat.models import OrienteurKind, SupportMeasure
from reportkit.counting import age_expression, annotate_band
from reportkit.periods import Period
from reportkit.tables import Table
from rl_portal.models import Composition, ResourceType

# ---------------------------------------------------------------------------------------------
# The public of each territory
# ---------------------------------------------------------------------------------------------


def _each(territories, build) -> dict[str, Table]:
    return {t: build(t) for t in territories}


def _grouped(dispositif: str, period: Period, field: str) -> dict[str, dict]:
    counts: dict[str, dict] = defaultdict(dict)
    for item in (
        public(dispositif, period).values("epci__short_name", field).annotate(n=Count("pk"))
    ):
        counts[item["epci__short_name"]][item[field]] = item["n"]
    return counts


def _territory_counts(
    *,
    dispositif: str,
    period: Period,
    territories: list[str],
    field: str,
    name: str,
    title: str,
    choices,
    unknown_label: str = "Non renseigné",
) -> dict[str, Table]:
    prefix, label = names(dispositif)
    counts = _grouped(dispositif, period, field)
    return _each(
        territories,
        lambda t: counts_table(
            table_id=f"{prefix}-{name}-{_slug(t)}",
            title=f"{title} — {t}",
            counts=counts.get(t, {}),
            choices=choices,
            dispositif=label,
            column="Ménages",
            unknown_label=unknown_label,
            population=_population(dispositif, "public", t),
        ),
    )


def referrers(*, dispositif: str, period: Period, territories: list[str]) -> dict[str, Table]:
    """Per territory, the households accompanied in the period by the structure at the origin
    of their measure (their latest). Unit: households. Bilan habitat 2022, FSL and ASL
    « Structure à l'origine de la demande ». One query."""
    return _territory_counts(
        dispositif=dispositif,
        period=period,
        territories=territories,
        field="orienteur_kind",
        name="orienteurs",
        title="Structure à l'origine de la demande",
        choices=OrienteurKind.choices,
    )


def composition(*, dispositif: str, period: Period, territories: list[str]) -> dict[str, Table]:
    """Per territory, the households accompanied in the period by family composition. Unit:
    households. Bilan habitat 2022, FSL and ASL « Composition familiale ». One query."""
    return _territory_counts(
        dispositif=dispositif,
        period=period,
        territories=territories,
        field="composition",
        name="composition-familiale",
        title="Composition familiale",
        choices=Composition.choices,
    )


def resource_types(*, dispositif: str, period: Period, territories: list[str]) -> dict[str, Table]:
    """Per territory, the households accompanied in the period by main resource (RSA, salary,
    …). Unit: households. Bilan habitat 2022, FSL « Ressource du public — la ressource
    principale reste le RSA, suivie du salaire ». One query."""
    return _territory_counts(
        dispositif=dispositif,
        period=period,
        territories=territories,
        field="resource_type",
        name="ressources-types",
        title="Ressource principale",
        choices=ResourceType.choices,
    )


def main_reasons(*, dispositif: str, period: Period, territories: list[str]) -> dict[str, Table]:
    """Per territory, the households accompanied in the period by the main reason of their
    measure. Unit: households. Bilan habitat 2022, FSL « Motifs principaux de la demande ».
    One query."""
    return _territory_counts(
        dispositif=dispositif,
        period=period,
        territories=territories,
        field="reason",
        name="motifs-demande",
        title="Motif principal de la demande",
        choices=SupportMeasure.Reason.choices,
    )


def housing_origin(*, dispositif: str, period: Period, territories: list[str]) -> dict[str, Table]:
    """Per territory, the young persons accompanied in the period by where they lived when
    their measure began (social or private tenant, foster family, hosted…). Unit: persons.
    Bilan habitat 2022, ASL « Origine du logement ». One query."""
    return _territory_counts(
        dispositif=dispositif,
        period=period,
        territories=territories,
        field="housing_origin",
        name="origine-logement",
        title="Origine du logement",
        choices=SupportMeasure.HousingOrigin.choices,
    )


def public_by_sex_and_age(
    *, dispositif: str, period: Period, territories: list[str]
) -> dict[str, Table]:
    """Per territory, the persons accompanied in the period by sex and age band (age on the
    last day of the period; FSL: adult bands, ASL: young adults'), with their mean age. Unit:
    persons. Bilan habitat 2022, FSL « Typologie du public »; ASL « Typologie du public — la
    moyenne d'âge est de 21,2 ans sur la CAHC et de 20,5 sur la CALL ». Two queries."""
    prefix, name = names(dispositif)
    bands = ADULT_BANDS if dispositif == "fsl-asll" else HABITAT_BANDS
    counts: dict[str, dict] = defaultdict(lambda: defaultdict(int))
    for item in (
        annotate_band(public(dispositif, period), "person", period.end, bands=bands)
        .values("epci__short_name", "band", "person__sex")
        .annotate(n=Count("pk"))
    ):
        counts[item["epci__short_name"]][(item["band"], item["person__sex"])] += item["n"]
    means = dict(
        public(dispositif, period)
        .filter(person__birth_year__isnull=False)
        .values("epci__short_name")
        .annotate(mean=Avg(age_expression("person", period.end)))
        .values_list("epci__short_name", "mean")
    )

    def build(t):
        table = sex_and_age_from(
            counts[t],
            table_id=f"{prefix}-public-sexe-age-{_slug(t)}",
            title=f"Typologie du public : sexe et âge — {t}",
            dispositif=name,
            population=_population(dispositif, "public", t),
            bands=bands,
        )
        table.notes.insert(
            0, f"Âge moyen au {period.end:%d/%m/%Y} : {age_text(one_place(means.get(t)))}."
        )
        return table

    return _each(territories, build)


def geographic_origin(
    *, dispositif: str, period: Period, territories: list[str]
) -> dict[str, Table]:
    """Per territory, the persons accompanied in the period by commune of residence (grouped by
    EPCI). Unit: households. Bilan habitat 2022, FSL and ASL « Origine géographique ». One
    query."""
    prefix, name = names(dispositif)
    counts: dict[str, dict] = defaultdict(dict)
    for item in (
        public(dispositif, period)
        .values("epci__short_name", "person__commune__epci__short_name", "person__commune__name")
        .annotate(n=Count("pk"))
    ):
        key = (item["person__commune__epci__short_name"], item["person__commune__name"])
        counts[item["epci__short_name"]][key] = item["n"]
    return _each(
        territories,
        lambda t: origin_from(
            counts.get(t, {}),
            table_id=f"{prefix}-origine-geographique-{_slug(t)}",
            title=f"Origine géographique — {t}",
            dispositif=name,
            column="Ménages",
            population=_population(dispositif, "public", t),
        ),
    )


def resource_amounts(
    *, dispositif: str, period: Period, territories: list[str], poverty_line: Decimal
) -> dict[str, Table]:
    """Per territory, the households accompanied in the period by monthly resources: none,
    under 580 €, up to the poverty line, above; unknown apart (outside the shares and means);
    with the mean (over the households whose resources are known) and the range. Units:
    households, €. Bilan habitat 2022, FSL « Montant des ressources — la moyenne des
    ressources est de 814 € sur la CAHC »; ASL « la moyenne des ressources est de 1 017,65
    euros (revenus situés entre 0 et 2 164 euros) ». One query."""
    prefix, name = names(dispositif)
    figures = {
        item["epci__short_name"]: item
        for item in public(dispositif, period)
        .values("epci__short_name")
        .annotate(
            total=Count("pk"),
            known=Count("pk", filter=Q(resources__isnull=False)),
            none=Count("pk", filter=Q(resources=0)),
            low=Count("pk", filter=Q(resources__gt=0, resources__lt=LOW_RESOURCES)),
            under=Count("pk", filter=Q(resources__gte=LOW_RESOURCES, resources__lt=poverty_line)),
            above=Count("pk", filter=Q(resources__gte=poverty_line)),
            mean=Avg("resources"),
            lowest=Min("resources"),
            highest=Max("resources"),
        )
    }
    line = threshold(poverty_line)

    def build(t):
        f = figures.get(t, {"total": 0, "known": 0, "none": 0, "low": 0, "under": 0, "above": 0})
        table = counts_table(
            table_id=f"{prefix}-ressources-montants-{_slug(t)}",
            title=f"Montant des ressources — {t}",
            counts={
                "none": f["none"],
                "low": f["low"],
                "under": f["under"],
                "above": f["above"],
                "": f["total"] - f["known"],
            },
            choices=[
                ("none", "Sans ressources"),
                ("low", f"Moins de {threshold(LOW_RESOURCES)}"),
                ("under", f"De {threshold(LOW_RESOURCES)} au seuil de pauvreté ({line})"),
                ("above", f"Au seuil de pauvreté ou au-dessus ({line})"),
            ],
            dispositif=name,
            column="Ménages",
            unknown_label="Ressources non renseignées",
            population=_population(dispositif, "public", t),
        )
        if f.get("known"):
            table.notes.insert(
                0,
                f"Ressources moyennes : {euros(two_places(f['mean']))} par mois (entre "
                f"{euros(two_places(f['lowest']))} et {euros(two_places(f['highest']))}), sur "
                "les ménages dont les ressources sont connues.",
            )
        return table

    return _each(territories, build)


def _lists(
    *,
    dispositif: str,
    period: Period,
    territories: list[str],
    field: str,
    choices,
    name: str,
    title: str,
) -> dict[str, Table]:
    prefix, label = names(dispositif)
    figures = {
        item["epci__short_name"]: item
        for item in public(dispositif, period)
        .values("epci__short_name")
        .annotate(
            whole=Count("pk"),
            **{
                f"c_{code}": Count("pk", filter=Q(**{f"{field}__icontains": f'"{code}"'}))
                for code, _l in choices
            },
        )
    }
    return _each(
        territories,
        lambda t: multiple_choice_table(
            table_id=f"{prefix}-{name}-{_slug(t)}",
            title=f"{title} — {t}",
            counts={code: figures.get(t, {}).get(f"c_{code}", 0) for code, _l in choices},
            choices=choices,
            whole=figures.get(t, {}).get("whole", 0),
            dispositif=label,
            column="Ménages",
            whole_label="ménages",
            population=_population(dispositif, "public", t),
        ),
    )


def annex_difficulties(
    *, dispositif: str, period: Period, territories: list[str]
) -> dict[str, Table]:
    """Per territory, the households accompanied in the period by the annex difficulties of
    their latest measure (several per household). Unit: households. Bilan habitat 2022, FSL
    « Difficultés annexes ». One query."""
    return _lists(
        dispositif=dispositif,
        period=period,
        territories=territories,
        field="annex_difficulties",
        choices=SupportMeasure.Reason.choices,
        name="difficultes-annexes",
        title="Difficultés annexes",
    )


def applications_and_aids(
    *, dispositif: str, period: Period, territories: list[str]
) -> dict[str, Table]:
    """Per territory, the households accompanied in the period by the files built and aids
    mobilised for them (Banque de France, CSS, FSL, FAJ…; several per household). Unit:
    households. Bilan habitat 2022, FSL « Dossiers constitués et aides sollicitées »; ASL
    « Dossiers constitués & aides mobilisées ». One query."""
    return _lists(
        dispositif=dispositif,
        period=period,
        territories=territories,
        field="applications_and_aids",
        choices=SupportMeasure.ApplicationOrAid.choices,
        name="dossiers-aides",
        title="Dossiers constitués et aides mobilisées",
    )


def partners(*, dispositif: str, period: Period, territories: list[str]) -> dict[str, Table]:
    """Per territory, the households accompanied in the period by the partners contacted for
    them (MDS, CAF, bailleurs, énergie…; several per household). Unit: households. Bilan
    habitat 2022, FSL and ASL « Partenaires sollicités ». One query."""
    return _lists(
        dispositif=dispositif,
        period=period,
        territories=territories,
        field="partners_contacted",
        choices=SupportMeasure.Partner.choices,
        name="partenaires",
        title="Partenaires sollicités",
    )


def initial_objectives(
    *, dispositif: str, period: Period, territories: list[str]
) -> dict[str, Table]:
    """Per territory, the young persons accompanied in the period by the objectives set when
    their measure began (administrative follow-up, budget, appropriation…; several each).
    Unit: persons. Bilan habitat 2022, ASL « Objectifs initiaux ». One query."""
    return _lists(
        dispositif=dispositif,
        period=period,
        territories=territories,
        field="initial_objectives",
        choices=SupportMeasure.Objective.choices,
        name="objectifs-initiaux",
        title="Objectifs initiaux",
    )


def ended(*, dispositif: str, period: Period, territories: list[str]) -> dict[str, Table]:
    """Per territory, the measures ended in the period by outcome (objectives reached,
    partially, non-adhesion, move…), with their mean duration. « Objectifs atteints » has one
    definition: the measures ended with that outcome. Units: measures, days. Bilan habitat
    2022, FSL « Public sorti du dispositif — 27 arrêts … durée moyenne de suivi 17 mois … 19
    ont atteint leurs objectifs, soit 70 % »; ASL « 18 arrêts d'accompagnement ». One query."""
    prefix, name = names(dispositif)
    stopped = SupportMeasure.objects.filter(
        dispositif__code=dispositif, end__gte=period.start, end__lte=period.end
    ).annotate(days=ExpressionWrapper(F("end") - F("start"), output_field=DurationField()))
    counts: dict[str, dict] = defaultdict(dict)
    durations: dict[str, object] = {}
    for item in stopped.values("epci__short_name", "end_reason").annotate(n=Count("pk")):
        counts[item["epci__short_name"]][item["end_reason"]] = item["n"]
    for item in stopped.values("epci__short_name").annotate(mean=Avg("days")):
        durations[item["epci__short_name"]] = item["mean"]

    def build(t):
        table = counts_table(
            table_id=f"{prefix}-arrets-{_slug(t)}",
            title=f"Mesures arrêtées : motif d'arrêt — {t}",
            counts=counts.get(t, {}),
            choices=SupportMeasure.EndReason.choices,
            dispositif=name,
            column="Mesures",
            population=_population(dispositif, "arrets", t),
        )
        table.notes.append(
            f"Durée moyenne des mesures arrêtées : {months_and_days(mean_days(durations.get(t)))}."
        )
        return table

    return _each(territories, build)
