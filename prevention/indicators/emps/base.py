"""Building blocks of the EMPS indicators: the team's communes, the public, the sex columns."""

from __future__ import annotations

from django.db.models import (
    Case,
    CharField,
    Exists,
    F,
    OuterRef,
    Value,
    When,
)
from django.utils.text import slugify

from prevention.indicators.common import Scope, accompaniments, contacts
from prevention.models import (
    CollectiveAction,
    TimeEntry,
)
from reportkit.periods import Period
from reportkit.tables import Table
from rl_portal.models import Commune, Person, Sex

OTHER_COMMUNES = "Autres communes de résidence"
# The reference's sex columns (H, F, NB); « NR » (non renseigné) only when there are some.
SEXES = [(Sex.MALE, "H"), (Sex.FEMALE, "F"), (Sex.NON_BINARY, "NB"), (Sex.UNKNOWN, "NR")]
GENDER_LABELS = {
    Sex.MALE: "Homme",
    Sex.FEMALE: "Femme",
    Sex.NON_BINARY: "Non binaire",
    Sex.UNKNOWN: "Non renseigné",
}
SITUATION_GROUPS = [
    (
        "scolarise",
        "Scolarisé",
        {"ecole_primaire", "college", "lycee_general", "lycee_professionnel", "etudes_superieures"},
    ),
    (
        "rupture",
        "En rupture (NEET ou déscolarisé)",
        {"descolarise", "recherche_emploi", "recherche_formation", "chomage_rsa"},
    ),
    ("formation", "En formation", {"en_formation"}),
    ("emploi", "En emploi", {"activite_professionnelle"}),
]
MODALITIES = [
    ("paei", "Accompagnement", "Projet d'accompagnement éducatif individualisé (PAEI)"),
    ("asep", "Accompagnement", "Accompagnement socio-éducatif ponctuel (ASEP)"),
    ("accroche", "Accompagnement", "En accroche"),
]
PUBLIC_NOTE = (
    "Public de la commune : les jeunes qui y résident, suivis sur la période en PAEI, en ASEP "
    "ou rencontrés sans accompagnement (en accroche) ; les mêmes jeunes dans chaque tableau du "
    "public."
)


def _team_communes(scope: Scope, period: Period):
    """The communes of the EMPS for the period (a subquery)."""
    records = (
        Exists(
            TimeEntry.objects.filter(
                dispositif__in=scope.dispositif_ids(),
                date__gte=period.start,
                date__lte=period.end,
                commune=OuterRef("pk"),
            )
        )
        | Exists(contacts(scope, period).filter(commune=OuterRef("pk")))
        | Exists(
            CollectiveAction.objects.filter(dispositif__in=scope.dispositif_ids())
            .during(period.start, period.end)
            .filter(commune=OuterRef("pk"))
        )
    )
    return Commune.objects.filter(records, epci__isnull=False)


def communes(*, scope: Scope, period: Period) -> list[str]:
    """The communes of the EMPS bilan for the period, in alphabetical order, then « Autres
    communes de résidence » when youths of the public live elsewhere. Two queries."""
    names = sorted(_team_communes(scope, period).values_list("name", flat=True))
    elsewhere = _public(scope, period).filter(place=OTHER_COMMUNES).exists()
    return names + ([OTHER_COMMUNES] if elsewhere else [])


def _place(scope: Scope, period: Period, path: str = "commune") -> Case:
    """The commune of the bilan a record belongs to: its commune if it is one of the team's,
    else « Autres communes de résidence »."""
    return Case(
        When(
            **{f"{path}__in": _team_communes(scope, period).values("pk")},
            then=F(f"{path}__name"),
        ),
        default=Value(OTHER_COMMUNES),
        output_field=CharField(),
    )


def _public(scope: Scope, period: Period):
    """The youths of the EMPS public in the period, with their modality and commune."""
    paei = Exists(accompaniments(scope, period).filter(person=OuterRef("pk")))
    accompanied = Exists(accompaniments(scope, period, kind=None).filter(person=OuterRef("pk")))
    met = Exists(contacts(scope, period).filter(person=OuterRef("pk")))
    return (
        Person.objects.filter(met | accompanied)
        .annotate(has_paei=paei, accompanied=accompanied)
        .annotate(
            modality=Case(
                When(has_paei=True, then=Value("paei")),
                When(accompanied=True, then=Value("asep")),
                default=Value("accroche"),
                output_field=CharField(),
            ),
            place=_place(scope, period),
        )
    )


def _latest(scope: Scope, period: Period):
    return (
        accompaniments(scope, period, kind=None)
        .filter(person=OuterRef("pk"))
        .order_by("-kind", "-start", "-pk")  # a PAEI before an ASEP, then the latest
    )


def _each(names, build) -> dict[str, Table]:
    """{commune: its table}, each table's id made unique by the commune's slug."""
    tables = {}
    for name in names:
        table = build(name)
        table.id = f"{table.id}-{slugify(name)}"
        tables[name] = table
    return tables


def _sex_columns(counts) -> list[tuple[str, str]]:
    """H, F, NB as the reference; NR only when some youths' sex is not known."""
    # Only youths counted make a column (a lookup of an empty cell adds a zero key).
    present = {sex for (_key, sex), n in counts.items() if n}
    return [(code, label) for code, label in SEXES if code != Sex.UNKNOWN or code in present]
