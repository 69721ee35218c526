"""The prevention documents: the Département's SPS report, the prevention summary and the
EMPS bilan per commune."""

from __future__ import annotations

from django.utils.text import slugify

from prevention.indicators import emps as emps_indicators
from prevention.indicators import sps as sps_indicators
from prevention.indicators.common import Scope
from prevention.models import ContactMode
from reporting.documents.base import ReportDefinition, Section
from reporting.models import AssociationProfile
from reportkit import charts
from reportkit.counting import DEPARTEMENT_BANDS, EMPS_BANDS
from reportkit.periods import Period
from reportkit.tables import Format, Row, Table
from rl_portal import indicators as shared_indicators

COUNTING_RULES = [
    "Âge : âge en années révolues au dernier jour de la période (au 31/12 pour une année "
    "civile) ; avec la seule année de naissance, année de la période − année de naissance. "
    "Un âge inconnu forme sa propre ligne, il n'est jamais écarté.",
    "Tranches du Département : "
    + ", ".join(label.lower() for _c, label, _l, _h in DEPARTEMENT_BANDS)
    + ". Tranches de l'EMPS : "
    + ", ".join(label for _c, label, _l, _h in EMPS_BANDS[1:7])
    + ".",
    "Un jeune est compté une fois par tableau, quel que soit le nombre de rencontres ou "
    "d'accompagnements.",
    "Nouveau jeune : son premier enregistrement dans le service tombe dans la période.",
    "Actif sur la période : début ≤ fin de période et (pas de fin ou fin ≥ début de période). "
    "Les jeunes accompagnés sont ceux qui ont un PAEI actif sur la période.",
    "Part des heures : heures de l'activité / toutes les heures du service sur la période, à "
    "deux décimales ; évolution en points par rapport à la même période de l'année précédente.",
    "Durée d'accompagnement : mois entiers du début à la fin de l'accompagnement, ou à la fin "
    "de la période s'il se poursuit ; pour un jeune accompagné plusieurs fois, le dernier "
    "accompagnement de la période.",
    "Actions collectives : actions ayant au moins une séance dans la période ; participants = "
    "effectifs anonymes + jeunes nommés ; le total ajoute les familles impliquées.",
]


def identity_table(profile: AssociationProfile) -> Table:
    values = [
        ("Association", profile.name),
        ("Nom du directeur", profile.director),
        ("Téléphone", profile.phone),
        ("Courriel", profile.email),
        ("Adresse du siège", profile.address),
        ("Adresse du SPS", profile.service_address),
        ("Accueil du public", profile.opening_hours),
        ("Site internet", profile.website),
    ]
    return Table(
        id="fiche-identite",
        title="Fiche d'identité",
        columns=[""],
        rows=[Row(label, [value], format=Format.TEXT) for label, value in values if value],
    )


# ---------------------------------------------------------------------------------------------
# The Département's SPS report (template 2023)
# ---------------------------------------------------------------------------------------------


def build_sps_departement(period: Period, options: dict) -> list[Section]:
    scope = Scope(("sps",))
    hours = sps_indicators.hours_by_activity(scope=scope, period=period)
    street = sps_indicators.youths_met(scope=scope, period=period, mode=ContactMode.TRAVAIL_DE_RUE)
    presence = sps_indicators.youths_met(
        scope=scope, period=period, mode=ContactMode.PRESENCE_SOCIALE
    )
    closing = sps_indicators.closing_reasons(scope=scope, period=period)
    return [
        Section("edito", "I. Édito", commentary="edito", commentary_label=""),
        Section(
            "fiche-identite",
            "II. Fiche d'identité",
            tables=[identity_table(AssociationProfile.current())],
        ),
        Section(
            "organigramme",
            "IV. Organisation et fonctionnement du SPS",
            tables=[
                shared_indicators.organigramme(
                    period_start=period.start, period_end=period.end, services=["prevention"]
                )
            ],
        ),
        Section(
            "activite",
            "V. Activité du SPS",
            tables=[hours],
            chart_specs=[(charts.hours_by_activity, "activite-heures")],
            commentary="observations-activite",
        ),
        Section(
            "rencontres",
            "1. Profil des jeunes rencontrés dans le cadre du travail de rue et de la présence "
            "sociale",
            level=2,
            tables=[street, presence],
            chart_specs=[
                (
                    charts.age_pyramid,
                    "rencontres-travail-de-rue",
                    "Jeunes rencontrés en travail de rue",
                )
            ],
            commentary="observations-rencontres",
        ),
        Section(
            "accompagnes",
            "2. Profil des jeunes accompagnés",
            level=2,
            tables=[
                sps_indicators.accompanied_by_sex_age(scope=scope, period=period),
                sps_indicators.accompanied_by_schooling(scope=scope, period=period),
                sps_indicators.accompanied_by_commune(scope=scope, period=period),
                sps_indicators.accompanied_by_problematique(scope=scope, period=period),
                sps_indicators.co_accompaniment(scope=scope, period=period),
            ],
            commentary="observations-accompagnes",
        ),
        Section(
            "accompagnement-individuel",
            "3. Accompagnement individuel",
            level=2,
            tables=[
                sps_indicators.accompaniment_duration(scope=scope, period=period),
                closing,
                sps_indicators.reorientations(scope=scope, period=period),
            ],
            chart_specs=[(charts.closing_reasons, "motifs-cloture")],
            commentary="observations-accompagnement",
        ),
        Section(
            "actions-collectives",
            "4. Actions collectives",
            level=2,
            tables=sps_indicators.collective_actions(scope=scope, period=period),
            commentary="observations-actions",
        ),
        Section(
            "partenariat",
            "VI. Partenariat",
            tables=[
                sps_indicators.networks(scope=scope, period=period),
                sps_indicators.territorial_bodies(scope=scope, period=period),
                sps_indicators.informal_partnerships(),
            ],
            commentary="observations-partenariat",
        ),
        Section(
            "perspectives", "VII. Perspectives", commentary="perspectives", commentary_label=""
        ),
        Section("annexe", "Annexe : règles de comptage", text="\n".join(COUNTING_RULES)),
    ]


def build_prevention_synthese(period: Period, options: dict) -> list[Section]:
    scope = Scope(("sps",))
    hours = sps_indicators.hours_by_activity(scope=scope, period=period)
    return [
        Section(
            "activite",
            "Les activités du service",
            tables=[hours],
            chart_specs=[(charts.hours_by_activity, "activite-heures")],
        ),
        Section(
            "chiffres-cles",
            "Les chiffres clés",
            tables=[sps_indicators.key_figures(scope=scope, period=period)],
        ),
        Section(
            "points-cles", "Ce qu'il faut retenir", commentary="points-cles", commentary_label=""
        ),
    ]


def build_emps_bilan(period: Period, options: dict) -> list[Section]:
    tables = emps_indicators.bilan_tables(scope=Scope(("emps",)), period=period)
    commune = options.get("commune")
    sections: dict[str, Section] = {}
    for table in tables:
        name = table.title.split(" — ")[0]
        if commune and slugify(name) != slugify(commune):
            continue
        section = sections.setdefault(
            name,
            Section(
                f"commune-{slugify(name)}",
                f"L'activité de l'EMPS sur {name}",
                commentary=f"observations-{slugify(name)}",
            ),
        )
        section.tables.append(table)
    return list(sections.values())


DEFINITIONS = [
    ReportDefinition(
        slug="sps-departement",
        title="Rapport d'activités du SPS",
        description="Le rapport standard du Département du Pas-de-Calais pour la prévention "
        "spécialisée : activité, jeunes rencontrés et accompagnés, actions, partenariat.",
        template="Département du Pas-de-Calais — modèle 2023",
        services=("prevention",),
        builder=build_sps_departement,
        commentary_sections={
            "edito": "I. Édito",
            "observations-activite": "V. Activité — observations",
            "observations-rencontres": "V.1 Jeunes rencontrés — observations",
            "observations-accompagnes": "V.2 Jeunes accompagnés — observations",
            "observations-accompagnement": "V.3 Accompagnement individuel — observations",
            "observations-actions": "V.4 Actions collectives — observations",
            "observations-partenariat": "VI. Partenariat — observations",
            "perspectives": "VII. Perspectives",
        },
    ),
    ReportDefinition(
        slug="prevention-synthese",
        title="Synthèse de la prévention spécialisée",
        description="Une page : heures et part de chaque activité avec l'évolution en points, "
        "chiffres clés, points forts de l'année.",
        template="Synthèse annuelle R&L",
        services=("prevention",),
        builder=build_prevention_synthese,
        commentary_sections={"points-cles": "Ce qu'il faut retenir"},
    ),
    ReportDefinition(
        slug="emps-bilan",
        title="Bilan de l'équipe mobile de prévention spécialisée (EMPS)",
        description="Par commune de l'EMPS : modalités d'accompagnement, actions, domaines "
        "travaillés, public par âge, sexe, origine de la rencontre et situation.",
        template="Bilan EMPS — modèle 2023",
        services=("emps",),
        builder=build_emps_bilan,
        scopes=lambda period: emps_indicators.communes(scope=Scope(("emps",)), period=period),
        commentary_sections={},
        commentary_prefix="observations-",
    ),
]
