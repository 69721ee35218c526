"""The five housing bilans (bilan habitat 2022): CLLAJ, Tremplins Duo, ALT, FSL ASLL and ASL
Jeunes ASE. Each composes the habitat indicators, one per table, under the reference's
headings; every heading names its dispositif."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from habitat.indicators import alt, cllaj, housing, measures, tremplins
from habitat.indicators.common import DISPOSITIF_NAMES
from reporting.documents.base import InputField, InputSpec, ReportDefinition, Section
from reporting.models import ReportInput
from reportkit import charts
from reportkit.periods import Period

HABITAT_RULES = [
    "Une personne est comptée une fois par tableau, décrite par son dernier dossier, séjour ou "
    "mesure de la période ; les demandes, entretiens, dossiers constitués, sorties et mesures "
    "sont des enregistrements, et les tableaux le disent.",
    "ALT Familles / jeunes couples : le public est compté en ménages (un séjour sans ménage "
    "est un ménage d'une personne).",
    "Un tableau par sexe a une colonne pour les autres sexes quand il y en a ; son Total est le "
    "nombre de personnes différentes.",
    "Non renseigné (âge, ressources, commune…) : une ligne à part, comptée dans le Total, hors "
    "des parts et des moyennes. Une période antérieure au premier enregistrement s'écrit « — » "
    "et n'a pas d'évolution.",
    "Parts (%) : arrondies au plus fort reste pour que leur somme fasse exactement 100.",
    "Âge : en années révolues au dernier jour de la période ; tranches : moins de 18 ans, 18 à "
    "20, 21 à 25, 26 ans et plus (FSL : moins de 25, 25 à 29, 30 à 44, 45 à 59, 60 et plus).",
    "Durée moyenne : moyenne des jours entre l'entrée et la sortie (ou le début et l'arrêt de "
    "la mesure), exprimée en mois de 30,44 jours et en jours.",
    "Taux d'occupation : journées-places occupées / journées-places disponibles (jours de bail "
    "compris dans la période × places, moins les travaux) ; un séjour ne compte que ses jours "
    "sur une place disponible : le taux ne dépasse jamais 100 %.",
    "Taux de réalisation d'une convention : poids des mesures de son territoire actives sur sa "
    "propre période (FSL en points ; ASL simple = 1, renforcée = 2) / sa capacité ; chaque "
    "convention qui chevauche la période est montrée avec sa période. Au-delà de 100 % : "
    "suractivité.",
    "Impayés : un mois impayé est un mois dont le loyer payé est inférieur au loyer dû ; une "
    "dette est le solde de tous les mois d'un séjour jusqu'à la fin de la période.",
    "Ressources : « pas ou peu de ressources » sous 580 € par mois ; seuil de pauvreté : 60 % "
    "du niveau de vie médian (INSEE), ou celui que la direction saisit pour l'année.",
]
COMMENTARIES = {"analyse-globale": "Analyse globale", "perspectives": "Perspectives"}

THRESHOLDS = InputSpec(
    key="seuils-ressources",
    title="Seuil de pauvreté de l'année",
    fields=(
        InputField(
            "poverty_line",
            "Seuil de pauvreté (€ par mois, personne seule)",
            "decimal",
            help="60 % du niveau de vie médian publié par l'INSEE (1 216 € pour 2022).",
        ),
        InputField("source", "Source"),
    ),
)


def year_poverty_line(slug: str, period: Period) -> Decimal:
    """The poverty line the direction entered for the period (or carried over from an earlier
    one), else INSEE's latest known. One query."""
    entry = ReportInput.objects.latest_for(
        report=slug, period_start=period.start, period_end=period.end
    ).get(THRESHOLDS.key)
    try:
        value = Decimal(str(entry.data.get("poverty_line"))) if entry else None
    except (InvalidOperation, ValueError):
        value = None
    return value if value and value > 0 else cllaj.POVERTY_LINE


def _closing(rules=HABITAT_RULES) -> list[Section]:
    return [
        Section("analyse", "Analyse globale", commentary="analyse-globale", commentary_label=""),
        Section("perspectives", "Perspectives", commentary="perspectives", commentary_label=""),
        Section("annexe", "Annexe : règles de calcul", text="\n".join(rules)),
    ]


def _bar(table_id: str, title: str) -> tuple:
    return (charts.counts_bar, table_id, title)


# ---------------------------------------------------------------------------------------------
# CLLAJ
# ---------------------------------------------------------------------------------------------


def cllaj_zoom_sections(period: Period, poverty_line: Decimal) -> list[Section]:
    """The three zooms of the CLLAJ bilan, each with the reference's tables."""
    return [
        Section(
            "zoom-ase",
            "5. Zoom : jeunes ayant un parcours ASE",
            tables=[
                cllaj.public_by_sex_and_age(period=period, zoom="ase"),
                cllaj.composition(period=period, zoom="ase"),
                cllaj.main_problem(period=period, zoom="ase"),
                cllaj.housing_situation(period=period, zoom="ase"),
                cllaj.resources(period=period, zoom="ase", poverty_line=poverty_line),
                cllaj.resource_means(period=period, zoom="ase", poverty_line=poverty_line),
            ],
        ),
        Section(
            "zoom-qpv",
            "5. Zoom : jeunes résidant en QPV",
            tables=[
                cllaj.public_by_sex_and_age(period=period, zoom="qpv"),
                cllaj.referrers(period=period, zoom="qpv"),
                cllaj.main_problem(period=period, zoom="qpv"),
                cllaj.housing_situation(period=period, zoom="qpv"),
            ],
        ),
        Section(
            "zoom-mission-locale",
            "5. Zoom : jeunes suivis par la Mission locale",
            tables=[
                cllaj.public_by_sex_and_age(period=period, zoom="mission-locale"),
                cllaj.geographic_origin(period=period, zoom="mission-locale"),
                cllaj.referrers(period=period, zoom="mission-locale"),
                cllaj.employment(period=period, zoom="mission-locale"),
                cllaj.housing_situation(period=period, zoom="mission-locale"),
            ],
        ),
    ]


def build_habitat_cllaj(period: Period, options: dict) -> list[Section]:
    poverty_line = year_poverty_line("habitat-cllaj", period)
    return [
        Section(
            "presentation",
            "1. Présentation du dispositif",
            tables=[
                cllaj.meeting_places(period=period),
                cllaj.funding(period=period),
                cllaj.planned_funding(period=period),
                cllaj.attendance_history(period=period),
            ],
        ),
        Section(
            "public",
            "2. Le public accueilli",
            tables=[
                cllaj.public_by_sex_and_age(period=period),
                cllaj.composition(period=period),
                cllaj.referrers(period=period),
                cllaj.main_problem(period=period),
                cllaj.geographic_origin(period=period),
                cllaj.housing_situation(period=period),
                cllaj.resources(period=period, poverty_line=poverty_line),
                cllaj.resource_means(period=period, poverty_line=poverty_line),
                cllaj.employment(period=period),
            ],
            chart_specs=[
                _bar("cllaj-composition-familiale", "Composition familiale"),
                _bar("cllaj-orienteurs", "Structure à l'origine de la demande"),
                _bar("cllaj-situation-logement", "Situation logement"),
            ],
        ),
        Section(
            "aio",
            "3. Accueil, information, orientation",
            tables=[
                cllaj.interviews(period=period),
                cllaj.applications(period=period),
                cllaj.orientations(period=period),
                cllaj.housing_access(period=period),
            ],
        ),
        Section(
            "ateliers",
            "4. Ateliers et événements",
            tables=[cllaj.workshops_and_events(period=period)],
        ),
        *cllaj_zoom_sections(period, poverty_line),
        Section(
            "action-logement",
            "6. Zoom activité Action Logement",
            tables=[cllaj.action_logement(period=period)],
        ),
        *_closing(),
    ]


# ---------------------------------------------------------------------------------------------
# Tremplins Duo
# ---------------------------------------------------------------------------------------------

TREMPLINS = "tremplins-duo"


def build_habitat_tremplins(period: Period, options: dict) -> list[Section]:
    d = TREMPLINS
    return [
        Section(
            "presentation",
            "1. Présentation du dispositif : places et logements",
            tables=[
                tremplins.places(period=period),
                housing.housing_stock(dispositif=d, period=period),
            ],
        ),
        Section(
            "preadmissions",
            "2. Les préadmissions",
            tables=[
                housing.request_counts(dispositif=d, period=period, title="Préadmissions"),
                housing.applicants_by_sex_and_age(dispositif=d, period=period),
                housing.requests_by_referrer(dispositif=d, period=period),
            ],
        ),
        Section(
            "nouveaux",
            "3. Les nouveaux accueillis sur l'année",
            tables=[
                housing.new_arrivals_by_sex_and_age(dispositif=d, period=period),
                housing.new_arrivals_resources(dispositif=d, period=period),
            ],
        ),
        Section(
            "transition",
            "4. La transition mineur – majeur",
            tables=[tremplins.majority_transitions(period=period)],
        ),
        Section(
            "presences",
            "5. Les présences",
            tables=[
                housing.hosted(dispositif=d, period=period),
                tremplins.hosted_by_public(period=period),
                housing.hosted_by_sex_and_age(dispositif=d, period=period),
                tremplins.minors(period=period),
                housing.occupancy(dispositif=d, period=period),
                housing.origin_of_accommodation(dispositif=d, period=period),
                housing.referrers_of_hosted(dispositif=d, period=period),
            ],
        ),
        Section(
            "accompagnement",
            "6. L'accompagnement et les activités",
            tables=[
                housing.mobility(dispositif=d, period=period),
                tremplins.activities(period=period),
            ],
        ),
        Section(
            "sorties",
            "7. Les sorties",
            tables=[
                housing.exits(dispositif=d, period=period),
                housing.exit_resources(dispositif=d, period=period),
                housing.steps_taken(dispositif=d, period=period),
            ],
            chart_specs=[_bar("tremplins-sorties", "Solutions de sortie")],
        ),
        *_closing(),
    ]


# ---------------------------------------------------------------------------------------------
# ALT
# ---------------------------------------------------------------------------------------------


def alt_tables(dispositif: str, period: Period) -> list:
    """Every table of one ALT public, in the reference's order."""
    d = dispositif
    families = d in housing.HOUSEHOLD_DISPOSITIFS
    return [
        housing.housing_stock(dispositif=d, period=period),
        housing.landlords(dispositif=d, period=period),
        housing.request_counts(dispositif=d, period=period),
        housing.requests_by_composition(dispositif=d, period=period),
        housing.requests_by_referrer(dispositif=d, period=period),
        housing.hosted(dispositif=d, period=period),
        *([housing.hosted_by_composition(dispositif=d, period=period)] if families else []),
        housing.hosted_by_sex_and_age(dispositif=d, period=period),
        housing.resources_at_entry(dispositif=d, period=period),
        housing.geographic_origin(dispositif=d, period=period),
        housing.request_reasons(dispositif=d, period=period),
        housing.exit_support(dispositif=d, period=period),
        housing.arrears(dispositif=d, period=period),
        housing.exits(dispositif=d, period=period),
        housing.occupancy(dispositif=d, period=period),
    ]


def build_habitat_alt(period: Period, options: dict) -> list[Section]:
    return [
        Section(
            "alt-jeunes",
            DISPOSITIF_NAMES["alt-jeunes"],
            tables=alt_tables("alt-jeunes", period),
            chart_specs=[_bar("alt-jeunes-sorties", "Motifs de sortie — ALT Jeunes")],
        ),
        Section(
            "alt-familles",
            DISPOSITIF_NAMES["alt-familles"],
            tables=alt_tables("alt-familles", period),
            chart_specs=[
                _bar("alt-familles-sorties", "Motifs de sortie — ALT Familles / jeunes couples")
            ],
        ),
        Section(
            "alt-ensemble",
            "ALT Jeunes et Familles / jeunes couples : ensemble",
            tables=[alt.combined_totals(period=period)],
        ),
        *_closing(),
    ]


# ---------------------------------------------------------------------------------------------
# FSL ASLL and ASL Jeunes ASE
# ---------------------------------------------------------------------------------------------


def _measure_sections(slug: str, dispositif: str, period: Period) -> list[Section]:
    asl = dispositif == "asl-jeunes-ase"
    places = measures.territories()
    poverty_line = year_poverty_line(slug, period)
    args = {"dispositif": dispositif, "period": period, "territories": places}
    per_territory = [
        measures.referrers(**args),
        measures.public_by_sex_and_age(**args),
        measures.composition(**args),
        measures.resource_types(**args),
        measures.resource_amounts(**args, poverty_line=poverty_line),
        measures.geographic_origin(**args),
        *([measures.housing_origin(**args)] if asl else []),
        *([measures.initial_objectives(**args)] if asl else [measures.main_reasons(**args)]),
        *([] if asl else [measures.annex_difficulties(**args)]),
        measures.partners(**args),
        measures.applications_and_aids(**args),
        measures.ended(**args),
    ]
    return [
        Section(
            "mesures",
            "1. Les mesures et les conventions",
            tables=[
                measures.conventions(dispositif=dispositif, period=period),
                measures.measures_by_territory(**args),
                measures.public_by_sex(dispositif=dispositif, period=period),
                measures.home_visits(**args),
                *([measures.extensions(**args)] if asl else []),
            ],
        ),
        *[
            Section(
                f"territoire-{territory.lower()}",
                f"{index}. Territoire de la {territory}",
                tables=[tables[territory] for tables in per_territory],
            )
            for index, territory in enumerate(places, start=2)
        ],
    ]


def build_habitat_fsl(period: Period, options: dict) -> list[Section]:
    return [*_measure_sections("habitat-fsl", "fsl-asll", period), *_closing()]


def build_habitat_asl(period: Period, options: dict) -> list[Section]:
    return [*_measure_sections("habitat-asl", "asl-jeunes-ase", period), *_closing()]


DEFINITIONS = [
    ReportDefinition(
        slug="habitat-cllaj",
        title="Bilan d'activité du CLLAJ",
        description="Lieux de rendez-vous, financements, fréquentation sur quatre ans, public "
        "accueilli (sexe et âge, composition, orienteurs, problématique, origine, logement, "
        "ressources, emploi), entretiens, dossiers, orientations, accès au logement, ateliers, "
        "zooms ASE, QPV, Mission locale et Action Logement.",
        template="Bilan CLLAJ — modèle 2022",
        services=("habitat",),
        builder=build_habitat_cllaj,
        commentary_sections=COMMENTARIES,
        inputs={THRESHOLDS.key: THRESHOLDS},
    ),
    ReportDefinition(
        slug="habitat-tremplins",
        title="Bilan Tremplins Duo",
        description="Places majeurs et mineurs, préadmissions, nouveaux accueillis, passages à "
        "la majorité, présences et taux d'occupation, accueil des mineurs, origine, orienteurs, "
        "mobilité, activités, sorties et démarches.",
        template="Bilan Tremplins — modèle 2022",
        services=("habitat",),
        builder=build_habitat_tremplins,
        commentary_sections=COMMENTARIES,
    ),
    ReportDefinition(
        slug="habitat-alt",
        title="Bilan ALT Jeunes et Familles / Jeunes couples",
        description="Par public : parc, demandes et orienteurs, public accueilli (ménages pour "
        "les familles), ressources, origine, motifs, accompagnement à la sortie, impayés, "
        "sorties et durée, taux d'occupation ; puis les deux ensemble.",
        template="Bilan ALT — modèle 2022",
        services=("habitat",),
        builder=build_habitat_alt,
        commentary_sections=COMMENTARIES,
    ),
    ReportDefinition(
        slug="habitat-fsl",
        title="Bilan de l'accompagnement social FSL ASLL",
        description="Conventions et taux de réalisation (suractivité), mesures par territoire, "
        "visites ; par territoire : orienteurs, public par sexe et âge, composition, "
        "ressources, origine, motifs, difficultés, partenaires, dossiers, arrêts.",
        template="Bilan FSL — modèle 2022",
        services=("habitat",),
        builder=build_habitat_fsl,
        commentary_sections=COMMENTARIES,
        inputs={THRESHOLDS.key: THRESHOLDS},
        convention_years=True,
    ),
    ReportDefinition(
        slug="habitat-asl",
        title="Bilan de l'accompagnement social ASL Jeunes ASE",
        description="Conventions (1er octobre – 30 septembre) et taux de réalisation, mesures "
        "simples et renforcées par territoire, prolongations ; par territoire : orienteurs, "
        "public, ressources, origine du logement, objectifs, partenaires, dossiers, arrêts.",
        template="Bilan ASL Jeunes ASE — modèle 2022",
        services=("habitat",),
        builder=build_habitat_asl,
        commentary_sections=COMMENTARIES,
        inputs={THRESHOLDS.key: THRESHOLDS},
        convention_years=True,
    ),
]
