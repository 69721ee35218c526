"""The five housing bilans: CLLAJ, Tremplins Duo, ALT, FSL ASLL and ASL Jeunes ASE."""

from __future__ import annotations

from habitat.indicators import bilans as habitat_bilans
from reporting.documents.base import ReportDefinition, Section
from reportkit import charts
from reportkit.periods import Period

HABITAT_RULES = [
    "Une personne est comptée une fois par tableau ; une part est rapportée au total du "
    "tableau, à deux décimales.",
    "Âge : en années révolues au dernier jour de la période ; tranches : moins de 18 ans, 18 à "
    "20, 21 à 25, 26 ans et plus.",
    "Durée moyenne : moyenne des jours entre l'entrée et la sortie (ou le début et la fin de la "
    "mesure), exprimée en mois de 30,44 jours et en jours.",
    "Taux d'occupation : journées-places occupées / journées-places disponibles (jours de bail "
    "compris dans la période × places, moins les périodes de travaux).",
    "Taux de réalisation d'une convention : poids des mesures actives sur la période (FSL en "
    "points ; ASL simple = 1, renforcée = 2) / capacité de la convention.",
    "Impayés : mois de la période où le loyer payé est inférieur au loyer dû ; un séjour est "
    "encore en impayé si le solde de tous ses mois jusqu'à la fin de la période est dû.",
]

CHARTED = {
    "composition-familiale": "Composition familiale",
    "orienteurs": "Orienteurs",
    "situation-logement": "Situation logement",
    "sorties": "Motifs de sortie",
    "sorties-jeunes": "Motifs de sortie — jeunes",
    "sorties-familles": "Motifs de sortie — familles et jeunes couples",
    "ressources-jeunes": "Ressources à l'entrée — jeunes",
}


def _habitat_sections(tables, intro_title: str) -> list[Section]:
    charted = [
        (charts.counts_bar, table.id, CHARTED[table.id]) for table in tables if table.id in CHARTED
    ]
    return [
        Section("analyse", "Analyse globale", commentary="analyse-globale", commentary_label=""),
        Section("chiffres", intro_title, tables=tables, chart_specs=charted),
        Section("perspectives", "Perspectives", commentary="perspectives", commentary_label=""),
        Section("annexe", "Annexe : règles de calcul", text="\n".join(HABITAT_RULES)),
    ]


def build_habitat_cllaj(period: Period, options: dict) -> list[Section]:
    return _habitat_sections(habitat_bilans.cllaj_bilan(period=period), "Le CLLAJ en chiffres")


def build_habitat_tremplins(period: Period, options: dict) -> list[Section]:
    tables = habitat_bilans.housing_bilan(
        dispositifs=["tremplins-duo"], period=period, tremplins=True
    )
    return _habitat_sections(tables, "Tremplins Duo en chiffres")


def build_habitat_alt(period: Period, options: dict) -> list[Section]:
    young = habitat_bilans.housing_bilan(dispositifs=["alt-jeunes"], period=period, suffix="jeunes")
    families = habitat_bilans.housing_bilan(
        dispositifs=["alt-familles"], period=period, suffix="familles"
    )
    for table in young:
        table.title += " — jeunes"
    for table in families:
        table.title += " — familles et jeunes couples"
    sections = _habitat_sections(young, "ALT Jeunes")
    sections.insert(
        2,
        Section(
            "familles",
            "ALT Familles et jeunes couples",
            tables=families,
            chart_specs=[(charts.counts_bar, "sorties-familles", CHARTED["sorties-familles"])],
        ),
    )
    return sections


def build_habitat_fsl(period: Period, options: dict) -> list[Section]:
    return _habitat_sections(
        habitat_bilans.measures_bilan(dispositif="fsl-asll", period=period),
        "FSL ASLL par territoire",
    )


def build_habitat_asl(period: Period, options: dict) -> list[Section]:
    return _habitat_sections(
        habitat_bilans.measures_bilan(dispositif="asl-jeunes-ase", period=period),
        "ASL Jeunes ASE par territoire",
    )


HABITAT_COMMENTARY = {"analyse-globale": "Analyse globale", "perspectives": "Perspectives"}


DEFINITIONS = [
    ReportDefinition(
        slug="habitat-cllaj",
        title="Bilan d'activité du CLLAJ",
        description="Fréquentation sur quatre ans, public accueilli, dossiers constitués, "
        "orientations, accès au logement, lieux de rendez-vous, zooms ASE, QPV et Mission "
        "locale.",
        template="Bilan CLLAJ — modèle 2022",
        services=("habitat",),
        builder=build_habitat_cllaj,
        commentary_sections=HABITAT_COMMENTARY,
    ),
    ReportDefinition(
        slug="habitat-tremplins",
        title="Bilan Tremplins Duo",
        description="Préadmissions, nouveaux accueillis, ressources, passages à la majorité, "
        "présences et taux d'occupation, origine de l'hébergement, sorties.",
        template="Bilan Tremplins — modèle 2022",
        services=("habitat",),
        builder=build_habitat_tremplins,
        commentary_sections=HABITAT_COMMENTARY,
    ),
    ReportDefinition(
        slug="habitat-alt",
        title="Bilan ALT Jeunes et Familles / Jeunes couples",
        description="Par public : parc, demandes, public accueilli, ressources, impayés, "
        "sorties et durée d'occupation, taux d'occupation.",
        template="Bilan ALT — modèle 2022",
        services=("habitat",),
        builder=build_habitat_alt,
        commentary_sections=HABITAT_COMMENTARY,
    ),
    ReportDefinition(
        slug="habitat-fsl",
        title="Bilan de l'accompagnement social FSL ASLL",
        description="Par territoire : mesures et taux de la convention, orienteurs, ménages, "
        "motifs, difficultés annexes, arrêts, visites à domicile.",
        template="Bilan FSL — modèle 2022",
        services=("habitat",),
        builder=build_habitat_fsl,
        commentary_sections=HABITAT_COMMENTARY,
    ),
    ReportDefinition(
        slug="habitat-asl",
        title="Bilan de l'accompagnement social ASL Jeunes ASE",
        description="Par territoire : mesures simples et renforcées au regard de la "
        "convention (1er octobre – 30 septembre), ménages, arrêts, visites.",
        template="Bilan ASL Jeunes ASE — modèle 2022",
        services=("habitat",),
        builder=build_habitat_asl,
        commentary_sections=HABITAT_COMMENTARY,
    ),
]
