"""The homework-help bilan (school year or calendar year)."""

from __future__ import annotations

from reporting.documents.base import ReportDefinition, Section
from reportkit.periods import Period
from scolaire import indicators as scolaire_indicators

SCOLAIRE_RULES = [
    "Un enfant compte une fois par tableau (une fois par programme dans le tableau des "
    "programmes).",
    "Année scolaire : du 1er septembre au 31 août ; inscriptions actives sur la période.",
    "Taux de présence : présences / appels enregistrés (présent, absent, excusé), à deux "
    "décimales.",
    "Nouvel enfant : sans inscription l'année scolaire précédente.",
]


def build_scolaire_bilan(period: Period, options: dict) -> list[Section]:
    return [
        Section("analyse", "Analyse", commentary="analyse-globale", commentary_label=""),
        Section(
            "chiffres",
            "L'accompagnement scolaire en chiffres",
            tables=scolaire_indicators.bilan(period=period),
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
