"""The tables only Tremplins Duo's bilan has (bilan habitat 2022, « Tremplins Duo majeurs »):
places for adults and minors, the youths housed on each, the minors' block, the passages to
majority and the activities. The tables it shares with the ALT are in `housing`."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Q, Sum

from habitat.indicators.common import names, present_sexes
from habitat.indicators.housing import stays
from habitat.models import HousingEvent, HousingUnit
from reportkit.periods import Period
from reportkit.tables import Kind, Row, Table
from rl_portal.models import Sex

DISPOSITIF = "tremplins-duo"
PUBLICS = [
    (HousingUnit.Public.ADULTS, "Places majeurs"),
    (HousingUnit.Public.MINORS, "Places mineurs"),
]


def places(*, period: Period) -> Table:
    """The places of Tremplins Duo for adults and for minors on the first and the last day of
    the period (units leased that day), and the units on the last day. Units: places, units.
    Bilan habitat 2022, Tremplins « 22 places (16 majeurs et 6 mineurs) … évolution du nombre
    des places de 10 à 22 ». One query."""
    prefix, name = names(DISPOSITIF)

    def leased(day):
        return Q(lease_start__lte=day) & (Q(lease_end__isnull=True) | Q(lease_end__gte=day))

    figures = {
        item["public"]: item
        for item in HousingUnit.objects.filter(dispositif__code=DISPOSITIF)
        .values("public")
        .annotate(
            start=Sum("places", filter=leased(period.start)),
            end=Sum("places", filter=leased(period.end)),
            units=Count("pk", filter=leased(period.end)),
        )
    }
    rows = []
    publics = [*PUBLICS, ("", "Public non précisé")]
    for code, label in publics:
        f = figures.get(code, {})
        if code == "" and not any(f.get(k) for k in ("start", "end", "units")):
            continue
        rows.append(Row(label, [f.get("start") or 0, f.get("end") or 0, f.get("units") or 0]))
    return Table(
        id=f"{prefix}-places",
        title="Places",
        columns=[
            f"Places au {period.start:%d/%m/%Y}",
            f"Places au {period.end:%d/%m/%Y}",
            f"Logements au {period.end:%d/%m/%Y}",
        ],
        rows=rows,
        total_row=Row("Total", [sum(r.cells[i] for r in rows) for i in range(3)]),
        kinds=[Kind.COUNT] * 3,
        dispositif=name,
    )


def hosted_by_public(*, period: Period) -> Table:
    """The youths housed in the period on places for adults and on places for minors, by sex;
    a youth moved from one to the other in the period shows in both rows and once in the
    Total. Unit: persons. Bilan habitat 2022, Tremplins « 22 jeunes majeurs ont été accueillis
    » and « Accueil mineurs : 8 jeunes mineurs (6 identifiés comme fille et 2 comme garçon) ».
    One query."""
    prefix, name = names(DISPOSITIF)
    active = stays(DISPOSITIF, period)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for item in active.values("unit__public", "person__sex").annotate(
        n=Count("person", distinct=True)
    ):
        counts[(item["unit__public"], item["person__sex"])] += item["n"]
    totals = dict(
        active.values("person__sex")
        .annotate(n=Count("person", distinct=True))
        .values_list("person__sex", "n")
    )
    sexes = present_sexes(totals)
    publics = [*PUBLICS]
    if any(counts[("", s)] for s in Sex.values):
        publics.append(("", "Places au public non précisé"))
    labels = [label for _s, label in sexes]
    rows = [
        Row(
            label.replace("Places", "Jeunes accueillis sur les places"),
            [
                *[counts[(code, s)] for s, _l in sexes],
                sum(counts[(code, s)] for s in Sex.values),
            ],
        )
        for code, label in publics
    ]
    return Table(
        id=f"{prefix}-accueillis-majeurs-mineurs",
        title="Jeunes accueillis : majeurs et mineurs",
        columns=[*labels, "Total"],
        rows=rows,
        total_row=Row(
            "Total (jeunes différents)",
            [*[totals.get(s, 0) for s, _l in sexes], sum(totals.values())],
        ),
        notes=[
            "Un jeune passé d'une place mineur à une place majeur dans la période compte dans "
            "les deux lignes, une fois dans le Total."
        ],
        kinds=[Kind.DISTINCT] * (len(sexes) + 1),
        sums=[("Total", labels)],
        population=f"{prefix}-public",
        dispositif=name,
    )


def minors(*, period: Period) -> Table:
    """The youths housed in the period on places for minors: how many, those who came of age
    during their stay (by the end of the period), those who left in the period, those still
    there on its last day. Unit: persons. Bilan habitat 2022, Tremplins « Accueil mineurs : 8
    jeunes mineurs … 3 sont passés majeurs sur le dispositif, 1 a déménagé, 4 sont encore
    présents au 31/12/2022 ». One query."""
    prefix, name = names(DISPOSITIF)
    f = (
        stays(DISPOSITIF, period)
        .filter(unit__public=HousingUnit.Public.MINORS)
        .aggregate(
            hosted=Count("person", distinct=True),
            adult=Count(
                "person",
                distinct=True,
                filter=Q(majority_on__isnull=False, majority_on__lte=period.end),
            ),
            left=Count("person", distinct=True, filter=Q(exit__lte=period.end)),
            present=Count(
                "person", distinct=True, filter=Q(exit__isnull=True) | Q(exit__gt=period.end)
            ),
        )
    )
    return Table(
        id=f"{prefix}-mineurs",
        title="Accueil des mineurs",
        columns=["Jeunes"],
        rows=[
            Row("Jeunes accueillis sur les places mineurs", [f["hosted"]]),
            Row("dont devenus majeurs pendant le séjour", [f["adult"]], level=1),
            Row("dont sortis dans la période", [f["left"]], level=1),
            Row(f"dont présents au {period.end:%d/%m/%Y}", [f["present"]], level=1),
        ],
        kinds=[Kind.COUNT],
        dispositif=name,
    )


def majority_transitions(*, period: Period) -> Table:
    """The youths who came of age during their stay, in the period. Unit: persons. Bilan
    habitat 2022, Tremplins « La transition mineur - majeur : 3 jeunes sont passés du statut
    mineur à majeur ». One query."""
    prefix, name = names(DISPOSITIF)
    count = (
        stays(DISPOSITIF, period)
        .filter(majority_on__gte=period.start, majority_on__lte=period.end)
        .values("person_id")
        .distinct()
        .count()
    )
    return Table(
        id=f"{prefix}-transitions-mineur-majeur",
        title="Passages de mineur à majeur",
        columns=["Jeunes"],
        rows=[Row("Devenus majeurs pendant leur séjour, dans la période", [count])],
        kinds=[Kind.COUNT],
        dispositif=name,
    )


def activities(*, period: Period) -> Table:
    """The activities of Tremplins Duo in the period and their participants (anonymous
    head-counts and named youths, per activity). Units: activities, participations. Bilan
    habitat 2022, Tremplins « 28 activités ont été réalisées pour 119 participants au total ».
    One query."""
    prefix, name = names(DISPOSITIF)
    f = HousingEvent.objects.filter(
        kind=HousingEvent.Kind.TREMPLINS_ACTIVITY, date__gte=period.start, date__lte=period.end
    ).aggregate(n=Count("pk", distinct=True), people=Sum("headcount"), named=Count("participants"))
    return Table(
        id=f"{prefix}-activites",
        title="Activités",
        columns=["Nombre"],
        rows=[
            Row("Activités réalisées", [f["n"]]),
            Row("Participations", [(f["people"] or 0) + (f["named"] or 0)]),
        ],
        notes=[
            "Participations : effectifs anonymes et jeunes nommés, par activité (un jeune venu "
            "à deux activités compte deux fois)."
        ],
        kinds=[Kind.COUNT],
        dispositif=name,
    )
