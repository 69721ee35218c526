"""The tables of the EMPS bilan, one set per commune of the mobile team. Every query groups by
commune, so the number of queries does not depend on how many communes there are.

The public of a commune is the youths living there (their commune of residence) with an
accompaniment (PAEI or ASEP) active in the period; actions and hours are those recorded in
the commune."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Avg, Count, Exists, OuterRef, Q, Subquery, Sum
from django.utils.text import slugify

from prevention.indicators.common import Scope, accompaniments, contacts, persons_of
from prevention.models import (
    Accompaniment,
    Activity,
    CollectiveAction,
    Domain,
    TimeEntry,
    WorkedDomain,
)
from reportkit.counting import EMPS_BANDS, UNKNOWN, UNKNOWN_LABEL, annotate_band
from reportkit.periods import Period
from reportkit.tables import Format, Row, Table, share
from rl_portal.models import Person, Sex

SEXES = [(Sex.MALE, "H"), (Sex.FEMALE, "F"), (Sex.NON_BINARY, "NB")]
GENDER_LABELS = {
    Sex.MALE: "Homme",
    Sex.FEMALE: "Femme",
    Sex.NON_BINARY: "Non binaire",
    Sex.UNKNOWN: "Non renseigné",
}
SITUATION_GROUPS = {
    "scolarise": (
        "Scolarisé",
        {"ecole_primaire", "college", "lycee_general", "lycee_professionnel", "etudes_superieures"},
    ),
    "rupture": (
        "En rupture (NEET ou déscolarisé)",
        {"descolarise", "recherche_emploi", "recherche_formation", "chomage_rsa"},
    ),
    "formation": ("En formation", {"en_formation"}),
    "emploi": ("En emploi", {"activite_professionnelle"}),
}


def _commune_key(name: str | None) -> str:
    return name or "Commune non renseignée"


def communes(*, scope: Scope, period: Period) -> list[str]:
    """Communes of residence of the youths the team met or accompanied in the period."""
    names = (
        Person.objects.filter(
            Exists(contacts(scope, period).filter(person=OuterRef("pk")))
            | Exists(accompaniments(scope, period, kind=None).filter(person=OuterRef("pk")))
        )
        .values_list("commune__name", flat=True)
        .distinct()
    )
    return sorted({_commune_key(name) for name in names})


def bilan_tables(*, scope: Scope, period: Period) -> list[Table]:
    """All the EMPS tables, commune by commune (communes where the team has activity)."""
    accompanied = persons_of(accompaniments(scope, period, kind=None))
    latest = (
        accompaniments(scope, period, kind=None)
        .filter(person=OuterRef("pk"))
        .order_by("-start", "-pk")
    )
    public = annotate_band(
        accompanied.annotate(
            origin=Subquery(latest.values("origin")[:1]),
            situation=Subquery(latest.values("situation")[:1]),
        ),
        "",
        period.end,
        bands=EMPS_BANDS,
    )

    # 1. Modalities: youths with a PAEI; with an ASEP only; met without an accompaniment.
    paei = Exists(accompaniments(scope, period).filter(person=OuterRef("pk")))
    any_accompaniment = Exists(
        accompaniments(scope, period, kind=None).filter(person=OuterRef("pk"))
    )
    met = Exists(contacts(scope, period).filter(person=OuterRef("pk")))
    modalities = defaultdict(lambda: [0, 0, 0])
    for item in (
        Person.objects.filter(met | any_accompaniment)
        .annotate(has_paei=paei, accompanied=any_accompaniment)
        .values("commune__name", "has_paei", "accompanied")
        .annotate(n=Count("pk"))
    ):
        index = 0 if item["has_paei"] else 1 if item["accompanied"] else 2
        modalities[_commune_key(item["commune__name"])][index] += item["n"]

    # 2. Actions: workshops, outings (sessions), DSL.
    actions = defaultdict(lambda: [0, 0, 0])
    for item in (
        CollectiveAction.objects.filter(dispositif__in=scope.dispositif_ids())
        .during(period.start, period.end)
        .values("commune__name", "kind")
        .annotate(
            n=Count("pk", distinct=True),
            sessions=Count(
                "sessions",
                filter=Q(sessions__date__gte=period.start, sessions__date__lte=period.end),
            ),
        )
    ):
        counts = actions[_commune_key(item["commune__name"])]
        if item["kind"] == CollectiveAction.Kind.SORTIE:
            counts[1] += item["sessions"]
        elif item["kind"] == CollectiveAction.Kind.DSL:
            counts[2] += item["n"]
        else:
            counts[0] += item["n"]

    # 3. Street work and présence sociale hours.
    presence = defaultdict(Decimal)
    for item in (
        TimeEntry.objects.filter(
            dispositif__in=scope.dispositif_ids(),
            date__gte=period.start,
            date__lte=period.end,
            activity__in=[Activity.TRAVAIL_DE_RUE, Activity.PRESENCE_SOCIALE],
        )
        .values("commune__name")
        .annotate(hours=Sum("hours"))
    ):
        presence[_commune_key(item["commune__name"])] += Decimal(item["hours"] or 0)

    # 4. Domaines travaillés: entries and youths.
    domains = defaultdict(dict)
    for item in (
        WorkedDomain.objects.filter(
            accompaniment__dispositif__in=scope.dispositif_ids(),
            date__gte=period.start,
            date__lte=period.end,
        )
        .values("accompaniment__person__commune__name", "domain")
        .annotate(n=Count("pk"), youths=Count("accompaniment__person", distinct=True))
    ):
        domains[_commune_key(item["accompaniment__person__commune__name"])][item["domain"]] = (
            item["n"],
            item["youths"],
        )

    # 5–8. The accompanied public by age band, gender (with mean age), origin, situation.
    by_band = defaultdict(lambda: defaultdict(int))
    for item in public.values("commune__name", "band", "sex").annotate(n=Count("pk")):
        by_band[_commune_key(item["commune__name"])][(item["band"], item["sex"])] += item["n"]
    genders = defaultdict(dict)
    for item in public.values("commune__name", "sex").annotate(n=Count("pk"), mean_age=Avg("_age")):
        genders[_commune_key(item["commune__name"])][item["sex"]] = (item["n"], item["mean_age"])
    origins = defaultdict(lambda: defaultdict(int))
    situations = defaultdict(lambda: defaultdict(int))
    for item in public.values("commune__name", "origin", "situation", "sex").annotate(
        n=Count("pk")
    ):
        commune = _commune_key(item["commune__name"])
        origins[commune][(item["origin"] or "", item["sex"])] += item["n"]
        group = next(
            (key for key, (_l, values) in SITUATION_GROUPS.items() if item["situation"] in values),
            "",
        )
        situations[commune][(group, item["sex"])] += item["n"]

    communes = sorted(
        set(modalities) | set(actions) | set(by_band) | set(presence),
        key=lambda c: (c.startswith(("Commune non", "Autre territoire")), c),
    )
    tables = []
    for commune in communes:
        slug = slugify(commune)
        counts = modalities[commune]
        tables.append(
            Table(
                id=f"emps-modalites-{slug}",
                title=f"{commune} — accompagnement par modalité",
                columns=["Nombre de jeunes"],
                rows=[
                    Row("Projet d'accompagnement éducatif individualisé (PAEI)", [counts[0]]),
                    Row("Accompagnement socio-éducatif ponctuel (ASEP)", [counts[1]]),
                    Row("En accroche", [counts[2]]),
                ],
                total_row=Row("Total", [sum(counts)]),
            )
        )
        workshops, outings, dsl = actions[commune]
        tables.append(
            Table(
                id=f"emps-actions-{slug}",
                title=f"{commune} — actions",
                columns=["Nombre"],
                rows=[
                    Row("Actions collectives (ateliers)", [workshops]),
                    Row("Sorties (séances)", [outings]),
                    Row("Actions DSL", [dsl]),
                    Row(
                        "Présence sociale et travail de rue (heures)",
                        [presence[commune].quantize(Decimal("0.01"))],
                        format=Format.HOURS,
                    ),
                ],
            )
        )
        entries = domains[commune]
        total_entries = sum(n for n, _y in entries.values())
        tables.append(
            Table(
                id=f"emps-domaines-{slug}",
                title=f"{commune} — domaines travaillés",
                columns=["Total", "Jeunes", "%"],
                rows=[
                    Row(
                        label,
                        [
                            entries.get(code, (0, 0))[0],
                            entries.get(code, (0, 0))[1],
                            share(entries.get(code, (0, 0))[0], total_entries),
                        ],
                        format=Format.DECIMAL,
                    )
                    for code, label in sorted(
                        Domain.choices, key=lambda c: -entries.get(c[0], (0, 0))[0]
                    )
                ],
                notes=["% : part des entrées de domaines travaillés de la commune sur la période."],
            )
        )
        bands = by_band[commune]
        total_public = sum(bands.values())
        band_list = [
            (code, label)
            for code, label, _l, _h in EMPS_BANDS
            if any(bands[(code, s)] for s in Sex.values)
        ] or [(code, label) for code, label, _l, _h in EMPS_BANDS[1:7]]
        if any(bands[(UNKNOWN, s)] for s in Sex.values):
            band_list.append((UNKNOWN, UNKNOWN_LABEL))
        tables.append(
            Table(
                id=f"emps-age-sexe-{slug}",
                title=f"{commune} — public accompagné par âge et par sexe",
                columns=["Nombre de jeunes", "H", "F", "NB", "%"],
                rows=[
                    Row(
                        label,
                        [
                            sum(bands[(code, s)] for s in Sex.values),
                            bands[(code, Sex.MALE)],
                            bands[(code, Sex.FEMALE)],
                            bands[(code, Sex.NON_BINARY)],
                            share(sum(bands[(code, s)] for s in Sex.values), total_public, 0),
                        ],
                        format=Format.DECIMAL,
                    )
                    for code, label in band_list
                ],
                total_row=Row(
                    "Total",
                    [
                        total_public,
                        sum(v for (b, s), v in bands.items() if s == Sex.MALE),
                        sum(v for (b, s), v in bands.items() if s == Sex.FEMALE),
                        sum(v for (b, s), v in bands.items() if s == Sex.NON_BINARY),
                        Decimal(100) if total_public else Decimal(0),
                    ],
                    format=Format.DECIMAL,
                ),
            )
        )
        gender = genders[commune]
        tables.append(
            Table(
                id=f"emps-genre-{slug}",
                title=f"{commune} — genre",
                columns=["Nombre de jeunes", "Âge moyen", "%"],
                rows=[
                    Row(
                        GENDER_LABELS[sex],
                        [
                            gender[sex][0],
                            Decimal(gender[sex][1]).quantize(Decimal("0.1"))
                            if gender[sex][1] is not None
                            else None,
                            share(gender[sex][0], total_public, 0),
                        ],
                        format=Format.DECIMAL,
                    )
                    for sex in Sex.values
                    if sex in gender
                ],
                notes=["Âge moyen au dernier jour de la période, parmi les jeunes d'âge connu."],
            )
        )
        origin = origins[commune]
        tables.append(
            Table(
                id=f"emps-origine-{slug}",
                title=f"{commune} — origine de la rencontre",
                columns=["Total", "H", "F", "NB", "%"],
                rows=[
                    Row(
                        label,
                        [
                            sum(origin[(code, s)] for s in Sex.values),
                            origin[(code, Sex.MALE)],
                            origin[(code, Sex.FEMALE)],
                            origin[(code, Sex.NON_BINARY)],
                            share(sum(origin[(code, s)] for s in Sex.values), total_public, 0),
                        ],
                        format=Format.DECIMAL,
                    )
                    for code, label in [*Accompaniment.Origin.choices, ("", "Non renseignée")]
                    if code or any(origin[("", s)] for s in Sex.values)
                ],
            )
        )
        situation = situations[commune]
        tables.append(
            Table(
                id=f"emps-situation-{slug}",
                title=f"{commune} — situation",
                columns=["Total", "H", "F", "NB", "%"],
                rows=[
                    Row(
                        label,
                        [
                            sum(situation[(key, s)] for s in Sex.values),
                            situation[(key, Sex.MALE)],
                            situation[(key, Sex.FEMALE)],
                            situation[(key, Sex.NON_BINARY)],
                            share(sum(situation[(key, s)] for s in Sex.values), total_public, 0),
                        ],
                        format=Format.DECIMAL,
                    )
                    for key, label in [
                        *((k, label) for k, (label, _v) in SITUATION_GROUPS.items()),
                        ("", "Non renseignée"),
                    ]
                    if key or any(situation[("", s)] for s in Sex.values)
                ],
            )
        )
    return tables
