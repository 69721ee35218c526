"""Prévention spécialisée (SPS) and the mobile team (EMPS): the team, where it works, the share
of each activity in its hours, and who is accompanied for what at which age — the shares of the
Département's 2023 report (docs/reference/rapport-sps-departement-2023.txt)."""

from __future__ import annotations

from dataclasses import dataclass

from prevention.models import (
    Accompaniment,
    CoAccompaniment,
    CollectiveAction,
    ContactMode,
    Domain,
    NetworkReception,
    Reorientation,
)
from rl_portal.models import Partner

# Share of each activity in an éducateur's hours (the 2023 report's).
ACTIVITY_SHARES = {
    "travail_de_rue": 16.8,
    "presence_sociale": 1.3,
    "accompagnement_individuel": 13.6,
    "action_collective": 35.3,
    "formation": 2.8,
    "ecrits_professionnels": 20.4,
    "actions_partenariales": 9.8,
}
# A working day: hours from 5 to 7.5, in blocks of 1 to 3.5 hours; about one day in five off.
DAY_HOURS = ["5", "5.5", "6", "6.5", "7", "7.5"]
BLOCK_HOURS = ["1", "1.5", "2", "2.5", "3", "3.5"]
DAY_OFF = 0.18

# INSEE codes of the communes each team works in.
COMMUNES = {
    "sps": ["62215", "62250", "62907", "62637"],  # Carvin, Courrières, Libercourt, Oignies
    "emps": ["62427", "62587", "62724", "62321"],  # Hénin-Beaumont, Montigny, Rouvroy, Évin
}
# The service a dispositif belongs to.
SERVICE_OF = {"sps": "prevention", "emps": "emps"}
# The team of each dispositif besides the demo accounts: (username, first name, last name).
EDUCATORS = {
    "sps": [
        ("educ.sps.2", "Yasmine", "Haddad"),
        ("educ.sps.3", "Maxime", "Leroy"),
        ("educ.sps.4", "Sophie", "Dubois"),
        ("educ.sps.5", "Kevin", "Lambert"),
        ("educ.sps.6", "Laura", "Fontaine"),
    ],
    "emps": [("educ.emps.1", "Nicolas", "Roussel"), ("educ.emps.2", "Amandine", "Delattre")],
}
# The EMPS started in May of the first year covered.
EMPS_STARTS_MONTH = 5

# Youths met a year, and their age when first met (the SPS public is mostly collégiens; the
# EMPS meets a wider public in the street).
YOUTHS_PER_YEAR = {"sps": 130, "emps": 40}
AGES = {"sps": (9, 22), "emps": (8, 24)}
# Share of the youths met who are accompanied at some point, and of PAEI among them.
ACCOMPANIED = {"sps": 0.4, "emps": 0.5}
PAEI_SHARE = 0.68
CONTACT_MODES = [
    (ContactMode.TRAVAIL_DE_RUE, 82),
    (ContactMode.PRESENCE_SOCIALE, 13),
    (ContactMode.PROMENEUR_DU_NET, 5),
]
ORIGINS = [
    (Accompaniment.Origin.PRESENCE_SOCIALE, 75),
    (Accompaniment.Origin.PARTNER, 15),
    (Accompaniment.Origin.THIRD_PARTY, 10),
]
DURATIONS_DAYS = [60, 120, 200, 300, 400, 500, 800]
END_REASONS = [
    (Accompaniment.EndReason.IMPROVEMENT, 58),
    (Accompaniment.EndReason.MOBILISATION, 9),
    (Accompaniment.EndReason.ORIENTATION, 7),
    (Accompaniment.EndReason.TERRITORY, 3),
]

# Problématiques at the origin of an accompaniment, by age band (the report's table IV.4:
# nobody under 15 is registered at the Mission locale or looks for a training).
BANDS = ("moins_11", "11_14", "15_18", "19_21", "plus_21")
PROBLEMATIQUES_BY_BAND = {
    "Difficultés éducatives et familiales": (19, 113, 18, 14, 4),
    "Mobilité": (0, 2, 3, 3, 1),
    "Accès aux droits": (0, 2, 3, 3, 1),
    "Logement": (1, 1, 1, 1, 0),
    "Autonomie face aux loisirs, à la culture et au sport": (11, 60, 10, 7, 1),
    "Comportement et décrochage scolaire": (7, 57, 11, 0, 0),
    "Inscription Mission locale, France Travail": (0, 0, 7, 7, 1),
    "Formation": (0, 0, 7, 3, 1),
    "Santé, psychologie, handicap": (10, 52, 9, 7, 1),
    "Procédure civile": (1, 0, 2, 2, 1),
    "Procédure judiciaire": (0, 0, 1, 1, 1),
}
# Whatever the band says, these need the youth to be old enough (the Mission locale receives
# youths from 16, training is sought after school).
PROBLEMATIQUE_MIN_AGE = {
    "Inscription Mission locale, France Travail": 16,
    "Formation": 16,
}

S = Accompaniment.Situation
# Scolarité or situation at the start, by age in years: (lowest age, highest age, weighted).
SITUATIONS = [
    (0, 10, [(S.PRIMARY, 1)]),
    (11, 11, [(S.PRIMARY, 30), (S.COLLEGE, 70)]),
    (12, 13, [(S.COLLEGE, 1)]),
    (14, 14, [(S.COLLEGE, 95), (S.DROPPED_OUT, 5)]),
    (
        15,
        15,
        [(S.COLLEGE, 50), (S.VOCATIONAL_LYCEE, 25), (S.GENERAL_LYCEE, 15), (S.DROPPED_OUT, 10)],
    ),
    (
        16,
        17,
        [
            (S.VOCATIONAL_LYCEE, 35),
            (S.GENERAL_LYCEE, 20),
            (S.DROPPED_OUT, 15),
            (S.TRAINING_SEEKING, 15),
            (S.IN_TRAINING, 15),
        ],
    ),
    (
        18,
        18,
        [
            (S.VOCATIONAL_LYCEE, 20),
            (S.GENERAL_LYCEE, 10),
            (S.TRAINING_SEEKING, 25),
            (S.IN_TRAINING, 20),
            (S.JOB_SEEKING, 25),
        ],
    ),
    (
        19,
        99,
        [
            (S.HIGHER_EDUCATION, 5),
            (S.JOB_SEEKING, 30),
            (S.TRAINING_SEEKING, 20),
            (S.IN_TRAINING, 20),
            (S.EMPLOYED, 15),
            (S.UNEMPLOYED, 10),
        ],
    ),
]
# Youths whose age is unknown: the commonest situation of the public.
SITUATION_AGE_UNKNOWN = S.COLLEGE

# Domains worked on during an accompaniment, and the ages they make sense at.
DOMAINS = [
    (Domain.LOISIR, 24, (0, 99)),
    (Domain.SCOLARITE, 23, (0, 20)),
    (Domain.SANTE, 14, (0, 99)),
    (Domain.INSERTION, 11, (16, 99)),
    (Domain.LOGEMENT, 10, (16, 99)),
    (Domain.FAMILLE, 10, (0, 99)),
    (Domain.MOBILITE, 3, (11, 99)),
    (Domain.COMPORTEMENT, 2, (0, 99)),
    (Domain.URGENCE, 2, (0, 99)),
    (Domain.ADMINISTRATIF, 1, (14, 99)),
    (Domain.JUSTICE, 1, (13, 99)),
    (Domain.FORMATION, 1, (15, 99)),
]

CO = CoAccompaniment.Kind
# Partners accompanying alongside, and the ages they work with.
CO_ACCOMPANIMENTS = [
    (CO.EDUCATION_NATIONALE, (6, 20)),
    (CO.SANTE, (0, 99)),
    (CO.EDUCATION_POPULAIRE, (0, 99)),
    (CO.MISSION_LOCALE, (16, 25)),
    (CO.ASE, (0, 21)),
    (CO.AUTRE, (0, 99)),
]

R, PK = Reorientation.Category, Partner.Kind
# Where a youth is oriented at the close: the category and the kinds of partner it goes to,
# each with the ages it receives.
REORIENTATIONS = [
    (R.SOCIAL, [(PK.MDS, (0, 99)), (PK.CCAS, (18, 99)), (PK.ASE, (0, 20))]),
    (R.MEDICAL, [(PK.SANTE, (0, 99))]),
    (R.SCHOOL_WORK, [(PK.COLLEGE, (10, 16)), (PK.MISSION_LOCALE, (16, 25))]),
    (R.LEGAL, [(PK.JUSTICE, (13, 99))]),
    (R.LEISURE, [(PK.ASSOCIATION, (0, 99))]),
]


@dataclass(frozen=True)
class ActionTemplate:
    """A kind of collective action as the teams run it: its public by age band (head-count
    range for each sex), the families involved, and how many sessions it has in a year."""

    title: str
    kind: str
    bands: dict[str, tuple[int, int]]
    sessions: tuple[int, int]
    families: tuple[int, int] = (0, 0)
    # Parents come with their families: adults (over 21) per family involved.
    adults_per_family: tuple[float, float] = (0, 0)
    weight: int = 1


A = CollectiveAction.Kind
ACTIONS = [
    ActionTemplate(
        "Sorties",
        A.SORTIE,
        {"moins_11": (5, 25), "11_14": (20, 60), "15_18": (10, 35), "19_21": (2, 8)},
        (20, 60),
        weight=14,
    ),
    ActionTemplate("Sortie vélo", A.SORTIE, {"11_14": (8, 25)}, (1, 4), weight=5),
    ActionTemplate("Sortie mer", A.SORTIE, {"11_14": (5, 15), "15_18": (3, 10)}, (1, 2), weight=5),
    ActionTemplate(
        "Sortie culturelle", A.SORTIE, {"11_14": (4, 12), "15_18": (2, 8)}, (1, 3), weight=6
    ),
    ActionTemplate(
        "Schdong prévention harcèlement", A.ACTION_COLLECTIVE, {"11_14": (4, 12)}, (2, 6), weight=6
    ),
    ActionTemplate(
        "Ateliers brico de rue",
        A.ACTION_COLLECTIVE,
        {"moins_11": (5, 12), "11_14": (1, 4), "15_18": (1, 4), "19_21": (1, 4)},
        (2, 5),
        families=(8, 20),
        adults_per_family=(1, 1.5),
        weight=5,
    ),
    ActionTemplate(
        "Futsal",
        A.ACTION_COLLECTIVE,
        {"11_14": (2, 10), "15_18": (3, 10), "19_21": (2, 6)},
        (1, 12),
        weight=6,
    ),
    ActionTemplate(
        "Ateliers pâtisserie",
        A.ACTION_COLLECTIVE,
        {"11_14": (2, 4), "15_18": (1, 3)},
        (2, 4),
        families=(4, 13),
        adults_per_family=(1, 1),
        weight=5,
    ),
    ActionTemplate(
        "Prévention vélo", A.ACTION_COLLECTIVE, {"11_14": (3, 6), "15_18": (1, 3)}, (2, 4), weight=5
    ),
    ActionTemplate(
        "Estime de soi 6es", A.ACTION_COLLECTIVE, {"11_14": (10, 25)}, (6, 12), weight=5
    ),
    ActionTemplate(
        "Des livres à soi",
        A.ACTION_COLLECTIVE,
        {"moins_11": (4, 8)},
        (6, 10),
        families=(4, 8),
        adults_per_family=(1, 1.3),
        weight=4,
    ),
    ActionTemplate(
        "Prévention routière",
        A.ACTION_COLLECTIVE,
        {"15_18": (1, 3), "19_21": (1, 3)},
        (1, 2),
        weight=4,
    ),
    ActionTemplate(
        "Séjour itinérant", A.SEJOUR, {"11_14": (2, 4), "15_18": (1, 3)}, (3, 5), weight=3
    ),
    ActionTemplate(
        "Séjour montagne", A.SEJOUR, {"11_14": (2, 4), "15_18": (2, 4)}, (5, 7), weight=3
    ),
    ActionTemplate(
        "Fête de quartier",
        A.DSL,
        {"moins_11": (30, 60), "11_14": (15, 45), "15_18": (8, 25), "19_21": (5, 10)},
        (1, 1),
        families=(15, 80),
        adults_per_family=(1, 1.3),
        weight=3,
    ),
    ActionTemplate(
        "Bien bouger",
        A.DSL,
        {"moins_11": (30, 60), "11_14": (20, 45), "15_18": (5, 15), "19_21": (5, 10)},
        (1, 2),
        families=(20, 80),
        adults_per_family=(1, 1.2),
        weight=3,
    ),
    ActionTemplate(
        "Artistreet",
        A.DSL,
        {"moins_11": (30, 60), "11_14": (10, 25), "15_18": (15, 30), "19_21": (5, 10)},
        (1, 2),
        families=(10, 30),
        adults_per_family=(1, 1.5),
        weight=2,
    ),
    ActionTemplate(
        "REAAP",
        A.PARENTALITE,
        {"moins_11": (4, 10), "11_14": (20, 45)},
        (4, 12),
        families=(15, 46),
        adults_per_family=(1, 1.3),
        weight=4,
    ),
    ActionTemplate(
        "Vacances familles",
        A.PARENTALITE,
        {"moins_11": (1, 3), "11_14": (2, 5)},
        (1, 2),
        families=(2, 5),
        adults_per_family=(1, 1.5),
        weight=3,
    ),
    ActionTemplate(
        "Répit parental",
        A.PARENTALITE,
        {},
        (1, 3),
        families=(3, 8),
        adults_per_family=(1, 1.2),
        weight=2,
    ),
    ActionTemplate("Forum des métiers", A.PARTENARIALE, {"11_14": (25, 45)}, (1, 1), weight=3),
    ActionTemplate(
        "Journée du harcèlement",
        A.PARTENARIALE,
        {"11_14": (30, 95)},
        (1, 1),
        families=(0, 15),
        adults_per_family=(1, 1),
        weight=3,
    ),
    ActionTemplate(
        "Forum ado", A.PARTENARIALE, {"11_14": (10, 30), "15_18": (5, 20)}, (1, 1), weight=2
    ),
]
ACTIONS_PER_COMMUNE_YEAR = (6, 10)
# Share of girls in a head-count (the rest are boys).
GIRLS = (0.35, 0.6)

# Youths received for partner networks in a year (the SPS's; the EMPS receives 30 % of it):
# network, youths, days, hours.
NETWORKS = [
    (NetworkReception.Network.MDS, 9, 2, 56),
    (NetworkReception.Network.ADAE, 17, 21, 0),
    (NetworkReception.Network.EXCLUSION, 6, 7, 0),
    (NetworkReception.Network.RESPONSABILISATION, 2, 2, 0),
    (NetworkReception.Network.STAGE, 3, 30, 0),
]
EMPS_NETWORK_SCALE = 0.3
# Meetings of the territorial bodies in a year (the EMPS attends a third of them).
INSTANCES = [("cls", "CLS", 11), ("cispd", "CISPD CAHC", 8)]
