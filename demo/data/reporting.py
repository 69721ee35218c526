"""The association's identity sheet and the director's commentary, so that the demo reports
read like the real ones (rapport SPS 2023, rapport de l'association 2023)."""

from __future__ import annotations

PROFILE = {
    "name": "Rencontres et Loisirs",
    "director": "PLATEAU Sébastien",
    "phone": "03 21 37 01 40",
    "email": "direction@rl-portal.example",
    "address": "19 rue du 19 Mars 1962, 62590 Oignies",
    "service_address": "19 rue du 19 Mars 1962, 62590 Oignies",
    "opening_hours": "Du lundi au vendredi de 9 h 00 à 12 h 30 et de 13 h 30 à 17 h 00",
    "website": "www.rl-action-sociale.fr",
}

# Partners the SPS works with without a convention, and why.
INFORMAL_PARTNERS = {
    "Maison des adolescents (MDA)": "Orientations, réunions, échanges, actions communes",
    "MDS de Carvin": "Orientations, rencontres, réunions",
    "Mission locale de l'Artois": "Lien avec les conseillers et le coach jeunesse",
    "UFOLEP 62": "Actions, projets",
    "CCAS de Courrières": "Demandes de renseignements liés au logement",
}

SPS_COMMENTARY = {
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


def commentary(year: int) -> list[tuple[str, str, str]]:
    """(report, section, text) of the director's commentary of `year`."""
    highlights = (
        f"- Mars {year} : participation à une réflexion sur la création d'un FJT\n"
        f"- Mai {year} : l'équipe mobile de prévention spécialisée sur quatre communes\n"
        f"- Septembre {year} : formation des cadres à la démarche d'évaluation"
    )
    return [
        ("association-annuelle", "faits-marquants", highlights),
        *(("sps-departement", section, text) for section, text in SPS_COMMENTARY.items()),
    ]
