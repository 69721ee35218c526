"""Columns and référentiels that several imports read the same way: the person columns,
communes, quartiers, EPCI and dispositifs."""

from __future__ import annotations

from django.utils import timezone

from rl_portal.importing.columns import Choice, Column, Integer, Lookup, Text
from rl_portal.importing.persons import PersonRow
from rl_portal.models import Commune, Dispositif, Epci, Quartier, Sex


def commune_widget() -> Lookup:
    return Lookup(
        lambda context: Commune.objects.all(),
        lambda commune: (commune.name, commune.insee_code),
        unknown="la commune « {value} » est inconnue",
        ambiguous="plusieurs communes s'appellent « {value} » : indiquez le code INSEE",
    )


def epci_widget() -> Lookup:
    return Lookup(
        lambda context: Epci.objects.all(),
        lambda epci: (epci.short_name, epci.name, epci.code),
        unknown="le territoire « {value} » est inconnu",
    )


def quartier_widget() -> Lookup:
    """A quartier by its name, or « nom (commune) » when two communes share a name."""
    return Lookup(
        lambda context: Quartier.objects.select_related("commune"),
        lambda quartier: (quartier.name, f"{quartier.name} {quartier.commune.name}"),
        unknown="le quartier « {value} » est inconnu",
        ambiguous="plusieurs quartiers s'appellent « {value} » : écrivez aussi la commune",
    )


def _dispositifs(codes: tuple[str, ...]) -> list[Dispositif]:
    """The dispositifs of `codes`, in that order."""
    found = {d.code: d for d in Dispositif.objects.filter(code__in=codes)}
    return [found[code] for code in codes if code in found]


def dispositif_names(codes: tuple[str, ...]):
    """The dispositifs' names, for the template's drop-down lists."""
    return lambda: [dispositif.name for dispositif in _dispositifs(codes)]


def dispositif_widget(codes: tuple[str, ...], **shorter: str) -> Lookup:
    """A dispositif among `codes`, by its code, its name or a shorter name (`shorter`: name →
    code, e.g. fsl="fsl-asll")."""

    def unknown(value: str) -> str:
        names = ", ".join(dispositif_names(codes)())
        return f"le dispositif « {value} » est inconnu (attendu : {names})"

    return Lookup(
        lambda context: _dispositifs(codes),
        lambda d: (d.code, d.name, *(name for name, code in shorter.items() if code == d.code)),
        unknown=unknown,
    )


SEXES = {
    "H": Sex.MALE,
    "Homme": Sex.MALE,
    "Garçon": Sex.MALE,
    "Masculin": Sex.MALE,
    "Femme": Sex.FEMALE,
    "Fille": Sex.FEMALE,
    "Féminin": Sex.FEMALE,
}


def person_columns(commune_header: str, *, commune_aliases=()) -> tuple[Column, ...]:
    """Who a row is about. The other names are those of the association's previous tools
    (« Genre », « Pseudo ou code »…)."""
    year = timezone.localdate().year
    return (
        Column(
            "Pseudonyme",
            "pseudonym",
            Text(80),
            required=True,
            hint=(
                "Prénom ou surnom : seul champ obligatoire. Une même personne (mêmes pseudonyme, "
                "nom, sexe et année de naissance) sur plusieurs lignes n'est créée qu'une fois ; "
                "une personne déjà enregistrée est retrouvée et l'aperçu vous la montre."
            ),
            aliases=("Pseudo", "Pseudo ou code", "Prénom", "Surnom"),
        ),
        Column(
            "Nom",
            "last_name",
            Text(120),
            hint="Nom de famille, facultatif.",
            aliases=("Nom de famille",),
        ),
        Column(
            "Sexe",
            "sex",
            Choice(
                Sex.choices,
                extra=SEXES,
                unknown="le sexe « {value} » est inconnu (F, M, NB ou vide)",
            ),
            hint="F, M (ou H), NB ou vide.",
            aliases=("Genre",),
            choices=lambda: ("F", "M", "NB"),
        ),
        Column(
            "Année de naissance",
            "birth_year",
            Integer(1900, year, lambda n: f"l'année de naissance « {n} » n'est pas plausible"),
            hint="Par exemple 2004.",
            aliases=("Année naissance",),
        ),
        Column(
            commune_header,
            "commune",
            commune_widget(),
            hint="Nom ou code INSEE.",
            aliases=commune_aliases,
        ),
    )


def person_row(values) -> PersonRow:
    return PersonRow(
        pseudonym=values.pseudonym,
        last_name=values.last_name,
        sex=values.sex or Sex.UNKNOWN,
        birth_year=values.birth_year,
        birth_date=getattr(values, "birth_date", None),
        commune=values.commune,
    )
