"""Demo data of reporting: the association's identity sheet and the director's commentary of
last year's SPS report, so that the demo report reads like the real one."""

from __future__ import annotations

import datetime

from reporting.models import AssociationProfile, Commentary
from rl_portal.demo import DemoContext
from rl_portal.models import Partner

INFORMAL_PARTNERS = {
    "Maison des adolescents (MDA)": "Orientations, réunions, échanges, actions communes",
    "MDS de Carvin": "Orientations, rencontres, réunions",
    "Mission locale de l'Artois": "Lien avec les conseillers et le coach jeunesse",
    "UFOLEP 62": "Actions, projets",
    "CCAS de Courrières": "Demandes de renseignements liés au logement",
}

COMMENTARY = {
    "edito": (
        "Le rapport d'activité du SPS rend compte d'une activité qui s'appuie sur des constantes "
        "éprouvées et des innovations inspirées d'un public en constante évolution.\n\n"
        "Les actions collectives restent plébiscitées ; le service accentue ses implications "
        "dans les collèges."
    ),
    "observations-activite": (
        "Pas de changement important dans l'orientation des activités ; priorité aux actions "
        "collectives à destination des jeunes et des familles."
    ),
    "perspectives": (
        "L'équipe poursuivra sa réflexion sur l'évolution du travail de rue et les opportunités "
        "nouvelles de présence sociale, et intensifiera sa capacité d'orientation."
    ),
}


def reset() -> None:
    Commentary.objects.all().delete()
    AssociationProfile.objects.all().delete()
    Partner.objects.update(informal_reason="")


def seed(context: DemoContext) -> None:
    AssociationProfile.objects.create(
        name="Rencontres et Loisirs",
        director="PLATEAU Sébastien",
        phone="03 21 37 01 40",
        email="direction@rl-portal.example",
        address="19 rue du 19 Mars 1962, 62590 Oignies",
        service_address="19 rue du 19 Mars 1962, 62590 Oignies",
        opening_hours="Du lundi au vendredi de 9 h 00 à 12 h 30 et de 13 h 30 à 17 h 00",
        website="www.rl-action-sociale.fr",
    )
    for name, reason in INFORMAL_PARTNERS.items():
        Partner.objects.filter(name=name).update(informal_reason=reason)
    last_year = context.years[1]
    Commentary.objects.create(
        report="association-annuelle",
        section="faits-marquants",
        period_start=datetime.date(last_year, 1, 1),
        period_end=datetime.date(last_year, 12, 31),
        version=1,
        text=(
            f"- Mars {last_year} : participation à une réflexion sur la création d'un FJT\n"
            f"- Mai {last_year} : l'équipe mobile de prévention spécialisée sur quatre communes\n"
            f"- Septembre {last_year} : formation des cadres à la démarche d'évaluation"
        ),
        author=context.users["direction"],
    )
    Commentary.objects.bulk_create(
        [
            Commentary(
                report="sps-departement",
                section=section,
                period_start=datetime.date(last_year, 1, 1),
                period_end=datetime.date(last_year, 12, 31),
                version=1,
                text=text,
                author=context.users["direction"],
            )
            for section, text in COMMENTARY.items()
        ]
    )
