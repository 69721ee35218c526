"""The homework-help bilan (school year or calendar year)."""

from __future__ import annotations

from reporting.documents.base import ReportDefinition, Section
from reportkit.periods import Period
from scolaire import indicators as scolaire_indicators

SCOLAIRE_RULES = [
    "Année scolaire : du 1er septembre au 31 août ; un programme appartient à une année "
    "scolaire. Les tableaux des enfants sont donnés par année scolaire (un rapport d'une année "
    "civile montre chaque année scolaire qu'elle chevauche) : aucun total n'additionne deux "
    "années scolaires.",
    "Tableau des programmes : une inscription est un enfant dans un programme ; ses lignes et "
    "ses colonnes s'additionnent, les enfants différents sont donnés à part. Les autres "
    "tableaux comptent chaque enfant une fois.",
    "Chaque enfant figure : une colonne pour les autres sexes quand il y en a, une ligne pour "
    "une commune ou un financement non renseigné.",
    "Taux de présence : présences / appels enregistrés (présent, absent, excusé), à deux "
    "décimales.",
    "Déjà accompagné : inscrit dans un programme de l'année scolaire précédente ; nouveau sinon.",
]


def programme_tables(period: Period) -> list:
    return [
        scolaire_indicators.children_by_programme(period=period, school_year=year)
        for year in scolaire_indicators.school_years(period)
    ]


def build_scolaire_bilan(period: Period, options: dict) -> list[Section]:
    return [
        Section("analyse", "Analyse", commentary="analyse-globale", commentary_label=""),
        Section(
            "enfants",
            "Les enfants accompagnés",
            tables=[
                *programme_tables(period),
                scolaire_indicators.children_by_commune(period=period),
                scolaire_indicators.children_by_funder(period=period),
                scolaire_indicators.new_and_returning(period=period),
            ],
        ),
        Section(
            "seances",
            "Les séances et les présences",
            tables=[scolaire_indicators.sessions_and_attendance(period=period)],
        ),
        Section("annexe", "Annexe : règles de calcul", text="\n".join(SCOLAIRE_RULES)),
    ]


DEFINITIONS = [
    ReportDefinition(
        slug="scolaire-bilan",
        title="Bilan de l'accompagnement scolaire",
        description="Enfants par programme, niveau, sexe, commune et financeur ; séances, "
        "heures et taux de présence ; nouveaux enfants (année scolaire ou civile).",
        template="Bilan accompagnement scolaire R&L",
        services=("scolaire",),
        builder=build_scolaire_bilan,
        commentary_sections={"analyse-globale": "Analyse"},
    ),
]
