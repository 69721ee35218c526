"""The public housed by a housing dispositif: youths or households, new arrivals, resources,
origin, referrers, mobility, steps taken."""

from __future__ import annotations

from django.db.models import (
    Avg,
    Count,
    Min,
    Q,
)

from habitat.indicators.common import (
    counts_table,
    evolution,
    latest_of_each,
    multiple_choice_table,
    names,
    origin_table,
    sex_and_age_table,
    two_places,
)
from habitat.indicators.housing.base import (
    HOUSEHOLD_DISPOSITIFS,
    _holders,
    _population,
    _request_of_stay,
    counted_as,
    hosted_key,
    public,
    stays,
)
from habitat.models import (
    HousingRequest,
    OrienteurKind,
    Stay,
)
from reportkit import numbers
from reportkit.periods import Period
from reportkit.tables import Format, Kind, Row, Table
from rl_portal.models import Composition, Person, ResourceType

# ---------------------------------------------------------------------------------------------
# The public housed
# ---------------------------------------------------------------------------------------------


def _hosted_figures(dispositif: str, period: Period) -> dict:
    key = hosted_key(dispositif)
    return (
        stays(dispositif, period)
        .annotate(counted=key)
        .aggregate(
            hosted=Count("counted", distinct=True),
            new=Count("counted", distinct=True, filter=Q(entry__gte=period.start)),
        )
    )


def hosted(*, dispositif: str, period: Period) -> Table:
    """The youths (or households) housed on a day of the period and of the same dates a year
    earlier, the change, and the new ones (who entered in the period). A year before the
    dispositif's first stay has no figure. Unit: persons (ALT Familles: households). Bilan
    habitat 2022, ALT « 29 jeunes accueillis soit + 6 par rapport à 2021 dont 13 nouveaux »;
    Tremplins « 22 jeunes majeurs ont été accueillis ». Three queries."""
    prefix, name = names(dispositif)
    column, noun = counted_as(dispositif)
    previous = period.previous()
    now = _hosted_figures(dispositif, period)
    first = Stay.objects.filter(unit__dispositif__code=dispositif).aggregate(first=Min("entry"))[
        "first"
    ]
    # Always queried: the number of queries does not depend on the data.
    before = _hosted_figures(dispositif, previous)["hosted"]
    if not first or first > previous.end:
        before = None
    return Table(
        id=f"{prefix}-public-accueilli",
        short_title="Public accueilli",
        title="Public accueilli",
        columns=[column],
        rows=[
            Row(f"{column} accueillis sur la période", [now["hosted"]]),
            Row(f"{column} accueillis en {previous.label}", [before]),
            Row("Évolution", [evolution(now["hosted"], before)]),
            Row("dont nouveaux (entrés dans la période)", [now["new"]], level=1),
        ],
        notes=[
            f"Chaque {noun[:-1]} compte une fois, quel que soit le nombre de séjours. « — » : "
            "période antérieure au premier séjour enregistré."
        ],
        kinds=[Kind.COUNT],
        dispositif=name,
    )


def hosted_by_sex_and_age(*, dispositif: str, period: Period) -> Table:
    """The persons housed in the period (ALT Familles: each household's holder) by sex and age
    band (age on the last day of the period). Unit: persons. Bilan habitat 2022, ALT « Public
    accueilli — typologie »; Tremplins « Les présences — âge ». Two queries."""
    prefix, name = names(dispositif)
    holders = dispositif in HOUSEHOLD_DISPOSITIFS
    return sex_and_age_table(
        table_id=f"{prefix}-public-sexe-age",
        short_title="Sexe et âge",
        title="Titulaires des séjours par sexe et âge"
        if holders
        else "Public accueilli par sexe et âge",
        persons=_holders(dispositif, period),
        on=period.end,
        dispositif=name,
        population=_population(dispositif),
    )


def hosted_by_composition(*, dispositif: str, period: Period) -> Table:
    """The households housed in the period by composition (their household's; « non
    renseignée » without one). Unit: households. Bilan habitat 2022, ALT Familles / jeunes
    couples « Typologie du public ». One query."""
    prefix, name = names(dispositif)
    column, _noun = counted_as(dispositif)
    return counts_table(
        table_id=f"{prefix}-public-composition",
        title="Public accueilli par composition familiale",
        short_title="Composition",
        counts=dict(
            public(dispositif, period)
            .values("household__composition")
            .annotate(n=Count("pk"))
            .values_list("household__composition", "n")
        ),
        choices=Composition.choices,
        dispositif=name,
        column=column,
        population=_population(dispositif),
    )


def resources_at_entry(*, dispositif: str, period: Period) -> Table:
    """The youths (households) housed in the period by main resource at the entry of their
    latest stay, and their mean monthly resources at entry (over those whose amount is known:
    each counted once). Units: persons (households), €. Bilan habitat 2022, ALT « Ressources
    principales — la moyenne des ressources est de 732,18 euros »; Tremplins « Les sources de
    revenus ». One query."""
    prefix, name = names(dispositif)
    column, _noun = counted_as(dispositif)
    latest = public(dispositif, period)
    counts = dict(
        latest.values("resource_type_entry")
        .annotate(n=Count("pk"))
        .values_list("resource_type_entry", "n")
    )
    mean = latest.aggregate(mean=Avg("resources_entry"))["mean"]
    return counts_table(
        table_id=f"{prefix}-ressources",
        short_title="Ressources",
        title="Ressources principales à l'entrée",
        counts=counts,
        choices=ResourceType.choices,
        dispositif=name,
        column=column,
        population=_population(dispositif),
        notes=[
            f"Ressources moyennes à l'entrée : {numbers.cell(two_places(mean), Format.AMOUNT)} "
            f"par mois ({column.lower()} dont le montant est connu, chacun une fois)."
        ],
    )


def new_arrivals_by_sex_and_age(*, dispositif: str, period: Period) -> Table:
    """The youths who entered in the period by sex and age band (age on the last day of the
    period). Unit: persons. Bilan habitat 2022, Tremplins « Les nouveaux accueillis sur
    l'année — 12 nouveaux jeunes ». Two queries."""
    prefix, name = names(dispositif)
    entered = stays(dispositif, period).filter(entry__gte=period.start)
    return sex_and_age_table(
        table_id=f"{prefix}-nouveaux-sexe-age",
        title="Nouveaux accueillis par sexe et âge",
        persons=Person.objects.filter(pk__in=entered.values("person_id")),
        on=period.end,
        dispositif=name,
        population=_population(dispositif, "nouveaux"),
    )


def new_arrivals_resources(*, dispositif: str, period: Period) -> Table:
    """The youths who entered in the period by main resource at their entry (their latest
    entry). Unit: persons. Bilan habitat 2022, Tremplins « Les nouveaux accueillis — les sources
    de revenus ». One query."""
    prefix, name = names(dispositif)
    entered = stays(dispositif, period).filter(entry__gte=period.start)
    latest = entered.filter(
        pk__in=latest_of_each(entered, "person", ("-entry", "-pk")).values("pk")
    )
    return counts_table(
        table_id=f"{prefix}-nouveaux-ressources",
        title="Nouveaux accueillis : sources de revenus",
        counts=dict(
            latest.values("resource_type_entry")
            .annotate(n=Count("pk"))
            .values_list("resource_type_entry", "n")
        ),
        choices=ResourceType.choices,
        dispositif=name,
        column="Jeunes",
        population=_population(dispositif, "nouveaux"),
    )


def geographic_origin(*, dispositif: str, period: Period) -> Table:
    """The youths housed in the period (ALT Familles: each household's holder) by commune of
    residence, grouped by EPCI. Unit: persons (households). Bilan habitat 2022, ALT « Origine
    géographique » and « Origine géographique : communes de la CAHC ». One query."""
    prefix, name = names(dispositif)
    column, _noun = counted_as(dispositif)
    return origin_table(
        table_id=f"{prefix}-origine-geographique",
        short_title="Origine",
        title="Origine géographique",
        persons=_holders(dispositif, period),
        dispositif=name,
        column=column,
        population=_population(dispositif),
    )


def request_reasons(*, dispositif: str, period: Period) -> Table:
    """The youths (households) housed in the period by the reason of the request that led to
    their latest stay (« non renseigné » without a request). Unit: persons (households). Bilan
    habitat 2022, ALT « Motif de la demande ». One query."""
    prefix, name = names(dispositif)
    column, _noun = counted_as(dispositif)
    return counts_table(
        table_id=f"{prefix}-motifs-demande",
        short_title="Motifs",
        title="Motif de la demande",
        counts=dict(
            public(dispositif, period)
            .annotate(reason=_request_of_stay(dispositif, "reason"))
            .values("reason")
            .annotate(n=Count("pk"))
            .values_list("reason", "n")
        ),
        choices=HousingRequest.Reason.choices,
        dispositif=name,
        column=column,
        unknown_label="Sans demande enregistrée",
        population=_population(dispositif),
    )


def referrers_of_hosted(*, dispositif: str, period: Period) -> Table:
    """The youths housed in the period by the structure that referred them (the orienteur of
    the request that led to their latest stay). Unit: persons. Bilan habitat 2022, Tremplins
    « Les services de l'ASE restent le principal orienteur ». One query."""
    prefix, name = names(dispositif)
    column, _noun = counted_as(dispositif)
    return counts_table(
        table_id=f"{prefix}-orienteurs-accueillis",
        title="Orienteurs des jeunes accueillis",
        counts=dict(
            public(dispositif, period)
            .annotate(kind=_request_of_stay(dispositif, "orienteur_kind"))
            .values("kind")
            .annotate(n=Count("pk"))
            .values_list("kind", "n")
        ),
        choices=OrienteurKind.choices,
        dispositif=name,
        column=column,
        unknown_label="Sans demande enregistrée",
        population=_population(dispositif),
    )


def origin_of_accommodation(*, dispositif: str, period: Period) -> Table:
    """The youths housed in the period by where they lived before (their latest stay's
    origin). Unit: persons. Bilan habitat 2022, Tremplins « Origine hébergement ». One
    query."""
    prefix, name = names(dispositif)
    column, _noun = counted_as(dispositif)
    return counts_table(
        table_id=f"{prefix}-origine-hebergement",
        title="Origine de l'hébergement",
        counts=dict(
            public(dispositif, period)
            .values("origin")
            .annotate(n=Count("pk"))
            .values_list("origin", "n")
        ),
        choices=Stay.Origin.choices,
        dispositif=name,
        column=column,
        population=_population(dispositif),
    )


def mobility(*, dispositif: str, period: Period) -> Table:
    """The youths housed in the period by their main means of getting about (their latest
    stay). Unit: persons. Bilan habitat 2022, Tremplins « L'accompagnement — mobilité (abonnement
    bus, trottinette, permis) ». One query."""
    prefix, name = names(dispositif)
    column, _noun = counted_as(dispositif)
    return counts_table(
        table_id=f"{prefix}-mobilite",
        title="Mobilité des jeunes accueillis",
        counts=dict(
            public(dispositif, period)
            .values("mobility")
            .annotate(n=Count("pk"))
            .values_list("mobility", "n")
        ),
        choices=Stay.Mobility.choices,
        dispositif=name,
        column=column,
        population=_population(dispositif),
    )


def steps_taken(*, dispositif: str, period: Period) -> Table:
    """The stays active in the period by the steps taken during them (ASL measure, FSL first
    installation aid, numéro unique…): several per stay. Unit: stays (records). Bilan habitat
    2022, Tremplins « Les démarches effectuées : 4 mesures ASL, 9 demandes d'aide 1ère
    installation FSL, 11 créations de numéro unique ». One query."""
    prefix, name = names(dispositif)
    f = stays(dispositif, period).aggregate(
        whole=Count("pk"),
        **{
            f"s_{code}": Count("pk", filter=Q(steps__icontains=f'"{code}"'))
            for code in Stay.Step.values
        },
    )
    return multiple_choice_table(
        table_id=f"{prefix}-demarches",
        title="Démarches effectuées",
        counts={code: f[f"s_{code}"] for code in Stay.Step.values},
        choices=Stay.Step.choices,
        whole=f["whole"],
        dispositif=name,
        column="Séjours",
        whole_label="séjours",
    )
