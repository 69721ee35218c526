"""The CLLAJ's public tables (whole public or a zoom): sex and age, composition, referrers, main
problem, origin, housing and employment situations, resources."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Avg, Count, Q

from habitat.indicators.cllaj.base import (
    DISPOSITIF,
    LOW_RESOURCES,
    POVERTY_LINE,
    POVERTY_SOURCE,
    _by,
    _ids,
    _latest,
    _persons,
)
from habitat.indicators.common import (
    counts_table,
    mean_age,
    origin_table,
    sex_and_age_table,
    threshold,
    two_places,
)
from habitat.models import (
    CllajFile,
    OrienteurKind,
)
from reportkit import numbers
from reportkit.periods import Period
from reportkit.tables import Format, Row, Table, share
from rl_portal.models import Composition

# ---------------------------------------------------------------------------------------------
# The public (whole or a zoom)
# ---------------------------------------------------------------------------------------------

# Short names for a zoom's sheets in the workbook (« Composition — zoom QPV »).
SHORT_NAMES = {
    "public-sexe-age": "Sexe et âge",
    "composition-familiale": "Composition",
    "orienteurs": "Orienteurs",
    "problematiques": "Problématique",
    "origine-geographique": "Origine",
    "situation-logement": "Situation logement",
    "situation-emploi": "Emploi",
    "ressources": "Ressources",
    "ressources-moyennes": "Ressources moyennes",
}
ZOOM_SHORT = {"ase": "ASE", "qpv": "QPV", "mission-locale": "ML"}


def _short(name: str, zoom: str | None) -> str:
    return SHORT_NAMES[name] + (f" — zoom {ZOOM_SHORT[zoom]}" if zoom else "")


def public_by_sex_and_age(*, period: Period, zoom: str | None = None) -> Table:
    """The youths of the period (or of a zoom) by age band (age on the last day of the period)
    and sex, with their mean age and the share aged 26 or more. Unit: persons. Bilan habitat
    2022, CLLAJ « Le public accueilli » (and each zoom's public). Two queries."""
    table_id, suffix, population = _ids("public-sexe-age", zoom)
    persons = _persons(period, zoom)
    table = sex_and_age_table(
        table_id=table_id,
        title=f"Public accueilli par sexe et âge{suffix}",
        persons=persons,
        on=period.end,
        dispositif=DISPOSITIF,
        population=population,
    )
    table.short_title = _short("public-sexe-age", zoom)
    table.notes.insert(
        0,
        f"Âge moyen au {period.end:%d/%m/%Y} : {numbers.number(mean_age(persons, period.end), 1)}"
        " ans (jeunes d'âge connu).",
    )
    return table


def _public_counts(
    name: str, title: str, field: str, choices, period: Period, zoom: str | None
) -> Table:
    table_id, suffix, population = _ids(name, zoom)
    table = counts_table(
        table_id=table_id,
        title=f"{title}{suffix}",
        counts=_by(field, period, zoom),
        choices=choices,
        dispositif=DISPOSITIF,
        column="Jeunes",
        population=population,
    )
    table.short_title = _short(name, zoom)
    return table


def composition(*, period: Period, zoom: str | None = None) -> Table:
    """The youths of the period by family composition (their latest file). Unit: persons.
    Bilan habitat 2022, CLLAJ « Composition familiale ». One query."""
    return _public_counts(
        "composition-familiale",
        "Composition familiale",
        "composition",
        Composition.choices,
        period,
        zoom,
    )


def referrers(*, period: Period, zoom: str | None = None) -> Table:
    """The youths of the period by the structure at the origin of their request (their latest
    file). Unit: persons. Bilan habitat 2022, CLLAJ « Structure à l'origine de la demande ».
    One query."""
    return _public_counts(
        "orienteurs",
        "Structure à l'origine de la demande",
        "orienteur_kind",
        OrienteurKind.choices,
        period,
        zoom,
    )


def main_problem(*, period: Period, zoom: str | None = None) -> Table:
    """The youths of the period by the main problem met (their latest file): housing,
    accommodation, family break… Unit: persons. Bilan habitat 2022, CLLAJ « Principale
    problématique rencontrée »; rapport de l'association 2023, « Problématique Hébergement,
    Problématique Logement ». One query."""
    table = _public_counts(
        "problematiques",
        "Principale problématique rencontrée",
        "problematique",
        CllajFile.Problematique.choices,
        period,
        zoom,
    )
    return table


def geographic_origin(*, period: Period, zoom: str | None = None) -> Table:
    """The youths of the period by commune of residence, grouped by EPCI (CAHC, CALL, other
    territories). Unit: persons. Bilan habitat 2022, CLLAJ « Origine géographique » (and the
    Mission locale zoom's « Communes sur le territoire de la CAHC »). One query."""
    table_id, suffix, population = _ids("origine-geographique", zoom)
    table = origin_table(
        table_id=table_id,
        title=f"Origine géographique{suffix}",
        persons=_persons(period, zoom),
        dispositif=DISPOSITIF,
        column="Jeunes",
        population=population,
    )
    table.short_title = _short("origine-geographique", zoom)
    return table


def housing_situation(*, period: Period, zoom: str | None = None) -> Table:
    """The youths of the period by housing situation when they asked (their latest file).
    Unit: persons. Bilan habitat 2022, CLLAJ « Situation logement au moment de la demande ».
    One query."""
    return _public_counts(
        "situation-logement",
        "Situation logement au moment de la demande",
        "housing_situation",
        CllajFile.HousingSituation.choices,
        period,
        zoom,
    )


def employment(*, period: Period, zoom: str | None = None) -> Table:
    """The youths of the period by employment situation (their latest file). Unit: persons.
    Bilan habitat 2022, CLLAJ « Situation emploi ». One query."""
    return _public_counts(
        "situation-emploi",
        "Situation emploi",
        "employment",
        CllajFile.Employment.choices,
        period,
        zoom,
    )


def _resource_figures(period: Period, zoom: str | None, poverty_line: Decimal) -> dict:
    return _latest(period, zoom).aggregate(
        total=Count("pk"),
        known=Count("pk", filter=Q(resources__isnull=False)),
        none=Count("pk", filter=Q(resources=0)),
        low=Count("pk", filter=Q(resources__gt=0, resources__lt=LOW_RESOURCES)),
        under_line=Count("pk", filter=Q(resources__gte=LOW_RESOURCES, resources__lt=poverty_line)),
        above_line=Count("pk", filter=Q(resources__gte=poverty_line)),
        mean=Avg("resources"),
        mean_with=Avg("resources", filter=Q(resources__gt=0)),
    )


def resources(
    *, period: Period, zoom: str | None = None, poverty_line: Decimal = POVERTY_LINE
) -> Table:
    """The youths of the period by monthly resources (their latest file), with the bilan's
    thresholds: none, under 580 € (« pas ou peu de ressources »), from 580 € to the poverty
    line, at or above it; unknown resources in a row of their own (outside the shares). Unit:
    persons. Bilan habitat 2022, CLLAJ « Ressources du public ». One query."""
    table_id, suffix, population = _ids("ressources", zoom)
    f = _resource_figures(period, zoom, poverty_line)
    line = threshold(poverty_line)
    counts = {
        "none": f["none"],
        "low": f["low"],
        "under": f["under_line"],
        "above": f["above_line"],
        "": f["total"] - f["known"],
    }
    table = counts_table(
        table_id=table_id,
        title=f"Ressources du public{suffix}",
        counts=counts,
        choices=[
            ("none", "Sans ressources"),
            ("low", f"Moins de {threshold(LOW_RESOURCES)}"),
            ("under", f"De {threshold(LOW_RESOURCES)} au seuil de pauvreté ({line})"),
            ("above", f"Au seuil de pauvreté ou au-dessus ({line})"),
        ],
        dispositif=DISPOSITIF,
        column="Jeunes",
        unknown_label="Ressources non renseignées",
        population=population,
    )
    source = (
        f"{POVERTY_SOURCE}, tant que la direction n'a pas saisi celui de l'année"
        if poverty_line == POVERTY_LINE
        else "saisi par la direction pour l'année"
    )
    table.notes.append(f"Seuil de pauvreté : {line} par mois pour une personne seule ({source}).")
    table.short_title = _short("ressources", zoom)
    return table


def resource_means(
    *, period: Period, zoom: str | None = None, poverty_line: Decimal = POVERTY_LINE
) -> Table:
    """The mean monthly resources of the youths of the period whose resources are known, and of
    those who have some; the shares with little or no resources (under 580 €) and under the
    poverty line, of the youths whose resources are known. Units: €, %. Bilan habitat 2022,
    CLLAJ « La moyenne des ressources est de 699 € (847 € pour ceux qui ont des ressources),
    38,8 % … moins de 580 €, 78 % … sous le seuil de pauvreté »; rapport de l'association 2023,
    « Ressources moyennes ». One query."""
    table_id, suffix, _population = _ids("ressources-moyennes", zoom)
    f = _resource_figures(period, zoom, poverty_line)
    known = f["known"]
    return Table(
        id=table_id,
        title=f"Ressources moyennes{suffix}",
        columns=["Valeur"],
        rows=[
            Row("Ressources moyennes", [two_places(f["mean"])], format=Format.AMOUNT),
            Row(
                "Ressources moyennes des jeunes ayant des ressources",
                [two_places(f["mean_with"])],
                format=Format.AMOUNT,
            ),
            Row(
                f"Part sans ressources ou sous {threshold(LOW_RESOURCES)}",
                [share(f["none"] + f["low"], known) if known else None],
                format=Format.PERCENT,
            ),
            Row(
                f"Part sous le seuil de pauvreté ({threshold(poverty_line)})",
                [share(known - f["above_line"], known) if known else None],
                format=Format.PERCENT,
            ),
            Row("Jeunes aux ressources connues", [known]),
            Row("Jeunes aux ressources non renseignées", [f["total"] - known]),
        ],
        notes=[
            "Moyennes et parts sur les jeunes dont les ressources sont connues ; les ressources "
            "non renseignées ne comptent ni comme nulles ni dans les moyennes."
        ],
        dispositif=DISPOSITIF,
        short_title=_short("ressources-moyennes", zoom),
    )
