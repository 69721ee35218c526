"""The Département's SPS report (template 2023): every section of the template, in order."""

from __future__ import annotations

from prevention.indicators import sps as sps_indicators
from prevention.indicators.common import Scope
from prevention.indicators.territory import intervention_territory, promeneur_du_net
from prevention.models import ContactMode
from reporting.documents.base import Section, validated_table
from reporting.documents.prevention import inputs as direction_data
from reporting.documents.prevention.rules import COUNTING_RULES
from reporting.models import AssociationProfile, ReportInput
from reportkit import charts
from reportkit.periods import Period
from rl_portal import indicators as shared_indicators

SLUG = "sps-departement"

# IV.1 Organigramme: every line of the template, in its order, with the post titles that fill
# it (accents and case ignored).
ORGANIGRAMME_TEMPLATE = [
    (
        "direction",
        "Total",
        [
            ("Directeur", ["Directrice"]),
            ("Chef de service éducatif", ["Cheffe de service éducatif", "Chef de service"]),
            ("Secrétaire", []),
            ("Comptable", ["Responsable financière", "Responsable financier"]),
            ("Secrétaire-Comptable", ["Secrétaire comptable"]),
        ],
    ),
    (
        "services_generaux",
        "Total",
        [
            ("Entretien/nettoyage", ["Agent d'entretien", "Agente d'entretien"]),
            ("Ouvrier entretien/maintenance", ["Ouvrier d'entretien"]),
        ],
    ),
    (
        "educatif",
        "Sous-total",
        [
            ("Éducateur spécialisé", ["Éducatrice spécialisée"]),
            ("Moniteur éducateur", ["Monitrice éducatrice"]),
            ("Éducateur sportif", ["Éducatrice sportive"]),
            ("Assistant social", ["Assistante sociale"]),
            ("Animateur", ["Animatrice"]),
        ],
    ),
    ("medical", "Sous-total", [("Psychologue", [])]),
    (
        "autre",
        "Sous-total",
        [("Aides éducateurs accompagnants scolaires", ["Aide éducateur", "Aide éducatrice"])],
    ),
]

COMMENTARIES = {
    "edito": "I. Édito",
    "cadre-legislatif": "III.1 Cadre législatif et missions du SPS",
    "territoire": "III.2 Cadre géographique d'intervention — texte",
    "publics-cibles": "III.3 Publics cibles et problématiques",
    "benevoles": "IV.1 Bénévoles (autres que ceux du conseil d'administration)",
    "moyens-logistiques": "IV.3 Moyens logistiques (locaux, véhicules)",
    "observations-activite": "V. Activité — observations",
    "observations-rencontres": "V.1 Jeunes rencontrés — observations",
    "observations-accompagnes": "V.2 Jeunes accompagnés — observations",
    "observations-accompagnement": "V.3 Accompagnement individuel — observations",
    "observations-actions": "V.4 Actions collectives — observations",
    "observations-partenariat": "VI. Partenariat — observations",
    "perspectives": "VII. Perspectives",
}


def build(period: Period, options: dict) -> list[Section]:
    scope = Scope(("sps",))
    inputs = ReportInput.objects.latest_for(
        report=SLUG, period_start=period.start, period_end=period.end
    )
    profile = AssociationProfile.current()
    posts = {"period_start": period.start, "period_end": period.end, "services": ["prevention"]}
    actions = sps_indicators.actions_by_commune(scope=scope, period=period)
    return [
        Section("edito", "I. Édito", commentary="edito", commentary_label=""),
        Section(
            "fiche-identite",
            "II. Fiche d'identité",
            tables=[direction_data.identity_table(inputs=inputs, profile=profile, period=period)],
        ),
        Section("cadre", "III. Cadre d'intervention"),
        Section(
            "cadre-legislatif",
            "1. Cadre législatif et missions du SPS",
            level=2,
            commentary="cadre-legislatif",
            commentary_label="",
        ),
        Section(
            "cadre-geographique",
            "2. Cadre géographique d'intervention",
            level=2,
            tables=[
                intervention_territory(scope=scope, period=period),
                direction_data.socio_economic_table(inputs=inputs, period=period),
            ],
            commentary="territoire",
            commentary_label="",
        ),
        Section(
            "publics-cibles",
            "3. Publics cibles et problématiques",
            level=2,
            commentary="publics-cibles",
            commentary_label="",
        ),
        Section("organisation", "IV. Organisation et fonctionnement du SPS"),
        Section(
            "organigramme",
            "1. Organigramme",
            level=2,
            tables=[
                shared_indicators.organigramme(**posts, template=ORGANIGRAMME_TEMPLATE),
                shared_indicators.staff_missions(**posts),
            ],
            commentary="benevoles",
            commentary_label="Bénévoles autres que ceux du conseil d'administration",
        ),
        Section(
            "modalites-accueil",
            "2. Modalités d'accueil du public",
            level=2,
            tables=[direction_data.reception_table(inputs=inputs)],
        ),
        Section(
            "moyens-logistiques",
            "3. Moyens logistiques",
            level=2,
            commentary="moyens-logistiques",
            commentary_label="",
        ),
        Section(
            "financements",
            "4. Financements",
            level=2,
            tables=[
                shared_indicators.conventions_funding(
                    period_start=period.start, period_end=period.end, dispositifs=["sps"]
                )
            ],
        ),
        Section(
            "activite",
            "V. Activité du SPS",
            tables=[
                sps_indicators.hours_by_activity(
                    scope=scope,
                    period=period,
                    validated_previous=validated_table(SLUG, period.previous(), "activite-heures"),
                )
            ],
            chart_specs=[(charts.hours_by_activity, "activite-heures")],
            commentary="observations-activite",
        ),
        Section(
            "rencontres",
            "1. Profil des jeunes rencontrés dans le cadre du travail de rue et de la présence "
            "sociale",
            level=2,
            tables=[
                sps_indicators.youths_met(
                    scope=scope, period=period, mode=ContactMode.TRAVAIL_DE_RUE
                ),
                sps_indicators.youths_met(
                    scope=scope, period=period, mode=ContactMode.PRESENCE_SOCIALE
                ),
                promeneur_du_net(scope=scope, period=period),
            ],
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
                sps_indicators.closing_reasons(scope=scope, period=period),
                sps_indicators.reorientations(scope=scope, period=period),
            ],
            chart_specs=[(charts.closing_reasons, "motifs-cloture")],
            commentary="observations-accompagnement",
        ),
        Section(
            "actions-collectives",
            "4. Actions collectives",
            level=2,
            tables=[
                *(actions[commune] for commune in sorted(actions)),
                sps_indicators.dsl_actions(scope=scope, period=period),
                sps_indicators.parentalite_actions(scope=scope, period=period),
                sps_indicators.partner_actions(scope=scope, period=period),
            ],
            commentary="observations-actions",
        ),
        Section("partenariat", "VI. Partenariat"),
        Section(
            "reseaux",
            "1. Réseaux",
            level=2,
            tables=[
                sps_indicators.networks(
                    scope=scope,
                    period=period,
                    details=inputs[direction_data.NETWORK_DETAILS.key].data
                    if direction_data.NETWORK_DETAILS.key in inputs
                    else {},
                )
            ],
            # As the template: the observations follow the networks' table.
            commentary="observations-partenariat",
        ),
        Section(
            "instances",
            "2. Instances territoriales",
            level=2,
            tables=[sps_indicators.territorial_bodies(scope=scope, period=period)],
        ),
        Section(
            "partenariats-informels",
            "3. Partenariats informels",
            level=2,
            tables=[sps_indicators.informal_partnerships()],
        ),
        Section(
            "perspectives", "VII. Perspectives", commentary="perspectives", commentary_label=""
        ),
        Section("annexe", "Annexes : règles de comptage", text="\n".join(COUNTING_RULES)),
    ]
