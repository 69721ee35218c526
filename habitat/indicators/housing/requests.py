"""The housing stock and the requests (demandes, préadmissions) of a housing dispositif."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import (
    Count,
    Min,
    Q,
    Sum,
)

from habitat.indicators.common import (
    counts_table,
    evolution,
    names,
    sex_and_age_table,
)
from habitat.indicators.housing.base import (
    _population,
    units,
)
from habitat.models import (
    HousingRequest,
    HousingUnit,
    OrienteurKind,
)
from reportkit.periods import Period
from reportkit.tables import Kind, Row, Table
from rl_portal.models import Composition, Person

# ---------------------------------------------------------------------------------------------
# Housing stock
# ---------------------------------------------------------------------------------------------


def housing_stock(*, dispositif: str, period: Period) -> Table:
    """The units leased on a day of the period by commune and typology, with their places.
    Unit: units. Bilan habitat 2022, ALT « Les logements mis à disposition »; Tremplins
    « Acquisition de 6 nouveaux appartements ». One query."""
    prefix, name = names(dispositif)
    stock: dict[tuple[str, str], int] = defaultdict(int)
    places: dict[str, int] = defaultdict(int)
    for item in (
        units(dispositif, period)
        .values("commune__name", "typology")
        .annotate(n=Count("pk"), places=Sum("places"))
    ):
        stock[(item["commune__name"], item["typology"])] += item["n"]
        places[item["commune__name"]] += item["places"] or 0
    communes = sorted({c for c, _t in stock})
    typologies = [
        (code, label)
        for code, label in HousingUnit.Typology.choices
        if any(stock[(c, code)] for c in communes)
    ]
    labels = [label for _c, label in typologies]
    rows = [
        Row(
            commune,
            [
                *[stock[(commune, t)] for t, _l in typologies],
                sum(stock[(commune, t)] for t, _l in typologies),
                places[commune],
            ],
        )
        for commune in communes
    ]
    return Table(
        id=f"{prefix}-logements",
        short_title="Logements",
        title="Parc de logements",
        columns=[*labels, "Logements", "Places"],
        rows=rows,
        total_row=Row(
            "Total",
            [
                *[sum(stock[(c, t)] for c in communes) for t, _l in typologies],
                sum(stock.values()),
                sum(places.values()),
            ],
        ),
        notes=["Logements dont le bail couvre au moins un jour de la période."],
        kinds=[Kind.COUNT] * (len(labels) + 2),
        sums=[("Logements", labels)],
        dispositif=name,
    )


def landlords(*, dispositif: str, period: Period) -> Table:
    """The units leased on a day of the period by landlord. Unit: units. Bilan habitat 2022,
    ALT « Les logements mis à disposition » (bailleurs). One query."""
    prefix, name = names(dispositif)
    counts = dict(
        units(dispositif, period)
        .values("landlord__name")
        .annotate(n=Count("pk"))
        .values_list("landlord__name", "n")
    )
    return counts_table(
        table_id=f"{prefix}-bailleurs",
        short_title="Bailleurs",
        title="Logements par bailleur",
        counts=counts,
        choices=[(n, n) for n in sorted(counts)],
        dispositif=name,
        column="Logements",
    )


# ---------------------------------------------------------------------------------------------
# Requests
# ---------------------------------------------------------------------------------------------


def _requests(dispositif: str, period: Period):
    return HousingRequest.objects.filter(
        dispositif__code=dispositif, date__gte=period.start, date__lte=period.end
    )


def request_counts(*, dispositif: str, period: Period, title: str = "Demandes") -> Table:
    """The requests (or préadmissions) of the period and of the same dates a year earlier, the
    change, and those admitted. A year before the dispositif's first request has no figure
    (« — ») and no change. Unit: requests (records). Bilan habitat 2022, ALT « Nombre de
    demandes — 40 demandes soit − 9 par rapport à 2021 »; Tremplins « 32 préadmissions ».
    One query."""
    prefix, name = names(dispositif)
    previous = period.previous()
    f = HousingRequest.objects.filter(dispositif__code=dispositif).aggregate(
        first=Min("date"),
        now=Count("pk", filter=Q(date__gte=period.start, date__lte=period.end)),
        before=Count("pk", filter=Q(date__gte=previous.start, date__lte=previous.end)),
        admitted=Count(
            "pk",
            filter=Q(
                date__gte=period.start,
                date__lte=period.end,
                decision=HousingRequest.Decision.ADMITTED,
            ),
        ),
    )
    before = f["before"] if f["first"] and f["first"] <= previous.end else None
    return Table(
        id=f"{prefix}-demandes",
        title=title,
        columns=["Nombre"],
        rows=[
            Row(period.label, [f["now"]]),
            Row(previous.label, [before]),
            Row("Évolution", [evolution(f["now"], before)]),
            Row("dont admises", [f["admitted"]], level=1),
        ],
        notes=[
            "Nombre de demandes (une personne qui demande deux fois compte deux fois). « — » : "
            "période antérieure à la première demande enregistrée."
        ],
        kinds=[Kind.COUNT],
        dispositif=name,
    )


def requests_by_composition(*, dispositif: str, period: Period) -> Table:
    """The requests of the period by the applicants' family composition. Unit: requests.
    Bilan habitat 2022, ALT « Typologie du public » (des demandes). One query."""
    prefix, name = names(dispositif)
    return counts_table(
        table_id=f"{prefix}-demandes-composition",
        short_title="Typologie",
        title="Demandes par composition familiale",
        counts=dict(
            _requests(dispositif, period)
            .values("composition")
            .annotate(n=Count("pk"))
            .values_list("composition", "n")
        ),
        choices=Composition.choices,
        dispositif=name,
        column="Demandes",
        population=_population(dispositif, "demandes"),
    )


def requests_by_referrer(*, dispositif: str, period: Period) -> Table:
    """The requests of the period by the kind of structure that referred the applicant.
    Unit: requests. Bilan habitat 2022, ALT « L'orientation se fait à 80 % par les
    partenaires »; Tremplins « Orienté par ». One query."""
    prefix, name = names(dispositif)
    return counts_table(
        table_id=f"{prefix}-demandes-orienteurs",
        short_title="Orienteurs",
        title="Demandes par orienteur",
        counts=dict(
            _requests(dispositif, period)
            .values("orienteur_kind")
            .annotate(n=Count("pk"))
            .values_list("orienteur_kind", "n")
        ),
        choices=OrienteurKind.choices,
        dispositif=name,
        column="Demandes",
        population=_population(dispositif, "demandes"),
    )


def applicants_by_sex_and_age(*, dispositif: str, period: Period) -> Table:
    """The persons who applied in the period by sex (« s'identifie comme ») and age band (age
    on the last day of the period). Unit: persons. Bilan habitat 2022, Tremplins
    « Pré-admissions — S'identifie comme, Âge ». Two queries."""
    prefix, name = names(dispositif)
    return sex_and_age_table(
        table_id=f"{prefix}-demandeurs-sexe-age",
        title="Demandeurs : s'identifie comme, âge",
        persons=Person.objects.filter(pk__in=_requests(dispositif, period).values("person_id")),
        on=period.end,
        dispositif=name,
        population=_population(dispositif, "demandeurs"),
    )
