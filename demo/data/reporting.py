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


# ---------------------------------------------------------------------------------------------
# What the direction keeps for the SPS report beside the records (reporting.ReportInput), as
# the Département's template asks for it (rapport SPS 2023, II, III.2, IV.2, VI.1).
# ---------------------------------------------------------------------------------------------

SPS_IDENTITY = {
    "director": "PLATEAU Sébastien",
    "director_phone": "03 21 37 01 40 – 06 72 42 40 74",
    "director_email": "direction@rl-portal.example",
    "service_address": "19 rue du 19 Mars 1962, 62590 Oignies",
    "service_phone": "03 21 37 01 40",
    "service_email": "sps@rl-portal.example",
    "president": "GLAPIAK Henryk",
}

SPS_RECEPTION = {
    "opening_hours": "Du lundi au vendredi de 9 h 00 à 12 h 30 et de 13 h 30 à 17 h 00",
    "duty_hours": "En journées, soirées et week-ends : adaptation en fonction des besoins",
}

# Network code → (modalités du travail en réseau, formalisation / collaboration).
SPS_NETWORKS = {
    "mds": ("Accueil à la journée", "Oui — convention avec la MDS"),
    "adae_reparation": ("Accueil à la journée", "Oui — convention avec l'ADAE 62"),
    "college_exclusion": ("Accueil à la journée", "Oui — convention avec quatre collèges"),
    "college_responsabilisation": (
        "Accueil à la journée",
        "Oui — convention avec quatre collèges",
    ),
    "tig": ("Accueil à la journée", "Oui — habilitation du tribunal judiciaire"),
    "stage": ("Département, AFERTES, IRTS, Mission locale", "Oui — conventions de stage"),
}

# The socio-economic grid: row key → {territory: figure}; the population of the communes and
# of the EPCI comes from the COG, the QPV's is entered. Source and year per row.
SOCIO_ECONOMIC = {
    "population": ({"qpv": "2950"}, "INSEE, population légale", -1),
    "moins_25": (
        {
            "epci": "32.9",
            "qpv": "43",
            "carvin": "31.4",
            "courrieres": "32.3",
            "libercourt": "32.7",
            "oignies": "30.8",
        },
        "INSEE, recensement",
        -2,
    ),
    "second_degre": (
        {
            "epci": "7034",
            "carvin": "978",
            "courrieres": "582",
            "libercourt": "451",
            "oignies": "482",
        },
        "Rectorat de Lille",
        -1,
    ),
    "retard_3e": (
        {"epci": "11.1", "carvin": "10.7", "libercourt": "11.6"},
        "SIG Ville",
        -2,
    ),
    "neet": (
        {
            "epci": "26.2",
            "qpv": "34.6",
            "carvin": "22.3",
            "courrieres": "24.9",
            "libercourt": "28.5",
        },
        "INSEE, recensement",
        -2,
    ),
    "chomage": (
        {
            "epci": "15.7",
            "qpv": "34.6",
            "carvin": "14.2",
            "courrieres": "13.5",
            "libercourt": "17.8",
            "oignies": "13.9",
        },
        "INSEE, recensement",
        -1,
    ),
    "sous_cap": (
        {
            "epci": "12.5",
            "qpv": "19.1",
            "carvin": "14",
            "courrieres": "14.1",
            "libercourt": "14",
            "oignies": "27.9",
        },
        "INSEE, recensement",
        -1,
    ),
    "imposes": (
        {
            "epci": "36.2",
            "carvin": "39.3",
            "courrieres": "39.5",
            "libercourt": "31.9",
            "oignies": "37",
        },
        "DGFiP",
        -1,
    ),
    "logements_sociaux": (
        {
            "epci": "38.7",
            "qpv": "93.8",
            "carvin": "34",
            "courrieres": "31.3",
            "libercourt": "54.8",
            "oignies": "35.8",
        },
        "RPLS / SIG Ville",
        -1,
    ),
}


def socio_economic(year: int) -> dict[str, str]:
    """The direction's socio-economic grid for the report of `year` (figures of the latest
    data available then: a year or two before)."""
    data: dict[str, str] = {}
    for key, (figures, source, offset) in SOCIO_ECONOMIC.items():
        data.update({f"{key}__{territory}": value for territory, value in figures.items()})
        data[f"{key}__source"] = source
        data[f"{key}__annee"] = str(year + offset)
    return data


def sps_inputs(year: int) -> list[tuple[str, dict]]:
    """(key, data) of what the direction keeps for the SPS report of `year`."""
    return [
        ("fiche-identite", SPS_IDENTITY),
        ("accueil", SPS_RECEPTION),
        ("donnees-socio-economiques", socio_economic(year)),
        (
            "reseaux",
            {
                field: value
                for code, (modalities, formalisation) in SPS_NETWORKS.items()
                for field, value in (
                    (f"modalites_{code}", modalities),
                    (f"formalisation_{code}", formalisation),
                )
            },
        ),
    ]


# The texts of the SPS report beside the édito and perspectives (rapport SPS 2023).
SPS_TEXTS = {
    "cadre-legislatif": (
        "La prévention spécialisée est une intervention sociale à finalité éducative en "
        "direction des jeunes et des groupes de jeunes, en voie de marginalisation ou déjà "
        "marginalisés, menée dans leur milieu de vie naturel.\n\n"
        "Son rôle est défini par les articles L121-2, L121-6 et L221-1 du Code de l'action "
        "sociale et des familles : « prévenir la marginalisation et faciliter l'insertion ou la "
        "promotion sociale des jeunes et des familles dans les lieux où se manifestent des "
        "risques d'inadaptation sociale ». Elle agit sans mandat nominatif, à partir d'une "
        "implantation territorialisée : « aller vers » et « faire avec »."
    ),
    "territoire": (
        "Le service intervient sur quatre communes de la Communauté d'agglomération "
        "d'Hénin-Carvin : Carvin, Courrières, Libercourt et Oignies, dont le quartier "
        "prioritaire du Rotois à Courrières. Les cartographies des quartiers et des collèges "
        "sont annexées au rapport transmis."
    ),
    "publics-cibles": (
        "Des adolescents et des jeunes majeurs en difficulté (personnelle, affective, "
        "relationnelle, d'insertion) ou en tension avec leur environnement familial, scolaire "
        "ou social, ou qui risquent de s'y retrouver sans action préventive adaptée.\n\n"
        "Lorsqu'il a connaissance d'une situation de danger, le service transmet une "
        "information préoccupante à la cellule départementale (articles L.226-2-1 et "
        "L.226-2-2 du CASF)."
    ),
    "benevoles": "- Mme DEWEVRE Corinne (soutien aux actions collectives)",
    "moyens-logistiques": (
        "Locaux :\n"
        "- Le siège social : 19 rue du 19 Mars 1962, 62590 Oignies\n"
        "- La salle Prévert, rue Cyprien Quinet, Carvin\n"
        "- Le local du centre culturel Le Travelling, rue Aristide Briand, Courrières (mis à "
        "disposition)\n"
        "- La salle de l'Escale, 470 boulevard Faidherbe, Libercourt (mise à disposition)\n\n"
        "Véhicules :\n"
        "- 3 véhicules 9 places\n"
        "- 1 Dacia Jogger 7 places\n"
        "- 1 Dacia Dokker 5 places"
    ),
    "observations-rencontres": (
        "Les chiffres compilent les jeunes en accompagnement (PAEI), en ASEP et en accroche, "
        "et non toute la population rencontrée. Le travail de rue se poursuit sur le net "
        "(promeneur du net), de l'ordre d'une heure par semaine."
    ),
    "observations-accompagnes": (
        "Le nombre de demandes augmente ; le travail de rue devant les collèges et le "
        "partenariat expliquent en partie ce constat."
    ),
    "observations-accompagnement": (
        "La plupart des accompagnements se terminent sur une amélioration de la situation ; "
        "les réorientations sont préparées avec les partenaires."
    ),
    "observations-actions": (
        "Les sorties et les actions de développement social local restent les premières "
        "portes d'entrée vers un accompagnement."
    ),
    "observations-partenariat": (
        "Le partenariat fait l'objet de conventionnements ; les demandes d'accueil des collèges "
        "(exclusions) augmentent."
    ),
}

# The 2021 summary's texts.
SYNTHESE_TEXTS = {
    "analyse": (
        "La répartition des heures reste stable : la présence sociale et les actions "
        "collectives forment l'essentiel de l'activité."
    ),
    "actions-innovantes": "- Accueil à la journée de jeunes de l'ASE sans solution",
    "qualite": "- Formation des cadres à la démarche d'évaluation",
    "conclusion": "Une activité soutenue, au plus près des besoins exprimés par les jeunes.",
    "points-cles": "- Des accompagnements en hausse\n- Des actions collectives plébiscitées",
}

# The EMPS bilan's texts (bilan EMPS Hénin-Beaumont 2023): the team's start and its general
# added value, and per commune the observations and perspectives.
EMPS_TEXTS = {
    "mise-en-place": (
        "- Recrutement en mai de deux éducateurs référents des communes d'Hénin-Beaumont et "
        "de Montigny-en-Gohelle, en binôme\n"
        "- Recrutement en mai de deux éducateurs référents des communes de Rouvroy et "
        "d'Évin-Malmaison"
    ),
    "plus-value": (
        "Maillage territorial en cours avec l'existant.\n\n"
        "Outil de réactivité et facilitateur mobilisable par les jeunes et les familles, la "
        "commune, le bailleur, les partenaires.\n\n"
        "Adaptabilité en fonction des besoins identifiés par commune."
    ),
}
EMPS_COMMUNE_TEXTS = {
    "observations": (
        "Les jeunes rencontrés en travail de rue sont d'abord en accroche ; une partie entre "
        "ensuite en accompagnement ponctuel ou individualisé."
    ),
    "perspectives": (
        "- Poursuivre la définition du périmètre d'intervention\n"
        "- Investir chaque quartier à travers un lieu ressource"
    ),
}
