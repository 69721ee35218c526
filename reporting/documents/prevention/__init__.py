"""The prevention documents: the Département's SPS report (template 2023), the prevention
summary (template 2021) and the EMPS bilan per commune (template 2023)."""

from __future__ import annotations

from reporting.documents.base import ReportDefinition
from reporting.documents.prevention import others, sps
from reporting.documents.prevention.inputs import INPUTS

DEFINITIONS = [
    ReportDefinition(
        slug=sps.SLUG,
        title="Rapport d'activités du SPS",
        description="Le rapport standard du Département du Pas-de-Calais pour la prévention "
        "spécialisée : édito, fiche d'identité, cadre d'intervention, organisation, activité, "
        "jeunes rencontrés et accompagnés, actions, partenariat, perspectives.",
        template="Département du Pas-de-Calais — modèle 2023",
        services=("prevention",),
        builder=sps.build,
        commentary_sections=sps.COMMENTARIES,
        inputs=INPUTS,
    ),
    ReportDefinition(
        slug=others.SYNTHESE,
        title="Synthèse de la prévention spécialisée",
        description="Une page : heures et part des six blocs d'activité avec l'évolution en "
        "points (et les sept activités du Département à côté), chiffres clés, analyse, "
        "actions innovantes, qualité, conclusion.",
        template="Synthèse annuelle R&L — modèle 2021",
        services=("prevention",),
        builder=others.build_synthese,
        commentary_sections=others.SYNTHESE_COMMENTARIES,
        compact=True,
    ),
    ReportDefinition(
        slug=others.EMPS,
        title="Bilan de l'équipe mobile de prévention spécialisée (EMPS)",
        description="Partenaires financiers, mise en place, puis par commune de l'EMPS : "
        "action générale, accompagnement par modalité, actions, domaines travaillés, public "
        "par âge, sexe, origine de la rencontre et situation, actions spécifiques, "
        "perspectives ; plus-value générale.",
        template="Bilan EMPS — modèle 2023",
        services=("emps",),
        builder=others.build_emps,
        scopes=others.emps_communes,
        commentary_sections=others.EMPS_COMMENTARIES,
        commentary_prefix=("observations-", "perspectives-"),
    ),
]
