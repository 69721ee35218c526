"""Habitat: the housing stock (ALT Jeunes, ALT Familles / Jeunes couples, Tremplins Duo), who
asks for it and who stays, the CLLAJ's public and workshops, the FSL ASLL and ASL Jeunes ASE
measures — volumes and shares of the service's 2022 bilan (docs/reference/bilan-habitat-2022.txt):
about 500 young persons a year at the CLLAJ (a third AIO only, half followed by the Mission
locale), 22 Tremplins places, ALT stays of eight months for youths and fifteen for families,
about 130 FSL measures and 30 ASL measures active a year."""

from __future__ import annotations

from habitat.models import (
    CllajApplication,
    CllajFile,
    CllajOrientation,
    Composition,
    HousingRequest,
    HousingUnit,
    OrienteurKind,
    ResourceType,
    Stay,
    SupportMeasure,
)
from rl_portal.models import Partner

Typology = HousingUnit.Typology
Orienteur = OrienteurKind
Resource = ResourceType
RequestReason = HousingRequest.Reason
ExitReason = Stay.ExitReason
StayOrigin = Stay.Origin
FileKind = CllajApplication.Kind

# The landlords of the bilan; the first three come with the shared demo's partners.
LANDLORDS = ["SIA Habitat", "Pas-de-Calais Habitat", "Maisons et Cités", "Vilogia", "Soliha"]
NEW_LANDLORDS = ["Vilogia", "Soliha"]

# dispositif, commune, typology, landlord, places, lease start and end as (years after the first
# year covered, month, day), public of a Tremplins unit. The two Carvin studios are given back
# in the autumn of the first year and three studios in Hénin-Beaumont replace them, as in 2022.
UNITS = [
    ("alt-jeunes", "Carvin", Typology.T1, "Vilogia", 1, (-8, 11, 1), (0, 10, 31), ""),
    ("alt-jeunes", "Carvin", Typology.T1, "Vilogia", 1, (-8, 11, 1), (0, 10, 31), ""),
    ("alt-jeunes", "Hénin-Beaumont", Typology.T1, "Soliha", 1, (-4, 3, 1), None, ""),
    ("alt-jeunes", "Hénin-Beaumont", Typology.T1, "Soliha", 1, (-4, 3, 1), None, ""),
    ("alt-jeunes", "Hénin-Beaumont", Typology.T1, "Soliha", 1, (-3, 9, 1), None, ""),
    ("alt-jeunes", "Hénin-Beaumont", Typology.T1, "Pas-de-Calais Habitat", 1, (0, 9, 1), None, ""),
    (
        "alt-jeunes",
        "Hénin-Beaumont",
        Typology.T1_BIS,
        "Pas-de-Calais Habitat",
        1,
        (0, 8, 1),
        None,
        "",
    ),
    (
        "alt-jeunes",
        "Hénin-Beaumont",
        Typology.T1_BIS,
        "Pas-de-Calais Habitat",
        1,
        (0, 12, 1),
        None,
        "",
    ),
    ("alt-jeunes", "Oignies", Typology.T2, "SIA Habitat", 1, (-5, 6, 1), None, ""),
    ("alt-jeunes", "Oignies", Typology.T1_BIS, "SIA Habitat", 1, (-3, 1, 1), None, ""),
    ("alt-jeunes", "Libercourt", Typology.T2, "SIA Habitat", 1, (-6, 9, 1), None, ""),
    ("alt-jeunes", "Courrières", Typology.T1_BIS, "Maisons et Cités", 1, (-2, 4, 1), None, ""),
    ("alt-familles", "Carvin", Typology.T3, "Vilogia", 1, (-7, 1, 1), None, ""),
    ("alt-familles", "Courrières", Typology.T2, "Pas-de-Calais Habitat", 1, (-5, 5, 1), None, ""),
    ("alt-familles", "Rouvroy", Typology.T3, "Pas-de-Calais Habitat", 1, (-2, 10, 1), None, ""),
    ("alt-familles", "Rouvroy", Typology.T4, "Pas-de-Calais Habitat", 1, (-2, 10, 1), None, ""),
    ("alt-familles", "Évin-Malmaison", Typology.T3, "Maisons et Cités", 1, (-14, 2, 1), None, ""),
    ("alt-familles", "Évin-Malmaison", Typology.T3, "Maisons et Cités", 1, (-14, 2, 1), None, ""),
    ("alt-familles", "Harnes", Typology.T3, "Maisons et Cités", 1, (-9, 7, 1), None, ""),
    ("alt-familles", "Harnes", Typology.T3, "SIA Habitat", 1, (-6, 3, 1), None, ""),
    (
        "tremplins-duo",
        "Hénin-Beaumont",
        Typology.T3,
        "Pas-de-Calais Habitat",
        2,
        (-5, 1, 1),
        None,
        "m",
    ),
    ("tremplins-duo", "Carvin", Typology.T3, "Vilogia", 2, (-5, 1, 1), None, "m"),
    ("tremplins-duo", "Oignies", Typology.T3, "SIA Habitat", 2, (-2, 6, 1), None, "m"),
    ("tremplins-duo", "Hénin-Beaumont", Typology.T3, "Soliha", 2, (-5, 1, 1), None, ""),
    (
        "tremplins-duo",
        "Hénin-Beaumont",
        Typology.T4,
        "Pas-de-Calais Habitat",
        2,
        (-4, 9, 1),
        None,
        "",
    ),
    ("tremplins-duo", "Carvin", Typology.T3, "Maisons et Cités", 2, (-4, 9, 1), None, ""),
    ("tremplins-duo", "Oignies", Typology.T3, "SIA Habitat", 2, (-2, 3, 1), None, ""),
    ("tremplins-duo", "Courrières", Typology.T3, "Maisons et Cités", 2, (-2, 5, 1), None, ""),
    ("tremplins-duo", "Courrières", Typology.T4, "Pas-de-Calais Habitat", 2, (-2, 9, 1), None, ""),
    ("tremplins-duo", "Libercourt", Typology.T3, "SIA Habitat", 2, (-2, 10, 1), None, ""),
    ("tremplins-duo", "Évin-Malmaison", Typology.T3, "Maisons et Cités", 2, (-2, 11, 1), None, ""),
]
# Units with works between two occupants (the Évin flats are ageing, as the bilan says).
WORKS = {"Évin-Malmaison T3 n° 1", "Oignies T2 n° 1"}
STREETS = [
    "rue Jean Jaurès",
    "rue Victor Hugo",
    "rue Émile Zola",
    "rue Pasteur",
    "rue Roger Salengro",
    "rue Gambetta",
    "rue Jules Guesde",
    "rue du 8 Mai 1945",
    "avenue de la République",
    "résidence des Tilleuls",
    "rue Léon Blum",
    "rue Arthur Lamendin",
]
# Monthly participation per place (€), before the yearly revision.
RENTS = {
    ("alt-jeunes", Typology.T1): (250, 290),
    ("alt-jeunes", Typology.T1_BIS): (275, 315),
    ("alt-jeunes", Typology.T2): (300, 340),
    ("alt-familles", Typology.T2): (330, 370),
    ("alt-familles", Typology.T3): (370, 420),
    ("alt-familles", Typology.T4): (410, 450),
    ("tremplins-duo", Typology.T3): (250, 290),
    ("tremplins-duo", Typology.T4): (260, 300),
}

# name, address, commune, share of the in-person interviews
MEETING_PLACES = [
    ("Siège Rencontres et Loisirs", "19 rue du 19 Mars 1962", "Oignies", 34),
    ("Mission locale de Carvin", "189 avenue de la République", "Carvin", 8),
    ("Mission locale d'Hénin-Beaumont", "183 avenue des Fusillés", "Hénin-Beaumont", 10),
    (
        "Centre socio-culturel Gino Sanna d'Évin-Malmaison",
        "Impasse Pantigny",
        "Évin-Malmaison",
        11,
    ),
    ("Mission locale de Leforest", "Rue Léo Lagrange", "Leforest", 3),
    ("CCAS/PAD de Libercourt", "2 rue Jean-Baptiste Delobel", "Libercourt", 17),
    ("Maison des adolescents d'Hénin-Beaumont", "39 rue Élie Gruyelle", "Hénin-Beaumont", 4),
    ("Mission locale de Montigny-en-Gohelle", "23 rue Jean Jaurès", "Montigny-en-Gohelle", 4),
    ("Maison des services publics de Courrières", "5 rue des Acacias", "Courrières", 9),
]
WORKSHOP_PLACES = [
    "Maison des services publics de Courrières",
    "Mission locale de Carvin",
    "Mission locale d'Hénin-Beaumont",
    "Mission locale de Leforest",
]
WORKSHOP_TITLES = [
    "Atelier logement — jeu KIJOULOU",
    "Atelier « Mon premier logement »",
    "Quiz KAHOOT logement",
    "Atelier budget et logement",
    "Atelier droits et devoirs du locataire",
]
OUTREACH = [
    ("Aller vers — quartier du Rotois", "Courrières"),
    ("Aller vers — gare de Libercourt", "Libercourt"),
    ("Aller vers — centre commercial", "Noyelles-Godault"),
    ("Aller vers — place Jean Jaurès", "Hénin-Beaumont"),
]

# Where the public lives: the CAHC's communes by size, then the CALL's.
CAHC_COMMUNES = [
    ("Hénin-Beaumont", 22),
    ("Carvin", 15),
    ("Courrières", 9),
    ("Montigny-en-Gohelle", 8),
    ("Oignies", 8),
    ("Libercourt", 7),
    ("Rouvroy", 6),
    ("Dourges", 4),
    ("Noyelles-Godault", 4),
    ("Évin-Malmaison", 4),
    ("Leforest", 4),
    ("Drocourt", 2),
    ("Courcelles-lès-Lens", 2),
    ("Bois-Bernard", 1),
]
CALL_COMMUNES = [
    ("Lens", 25),
    ("Liévin", 20),
    ("Harnes", 10),
    ("Avion", 10),
    ("Méricourt", 8),
    ("Sallaumines", 8),
    ("Billy-Montigny", 6),
    ("Noyelles-sous-Lens", 5),
    ("Loison-sous-Lens", 4),
    ("Wingles", 4),
]
OTHER_TERRITORY = "Autre territoire (hors CAHC et CALL)"

# Ages of the CLLAJ public on its first visit (mean about 22, 8 % over 26).
CLLAJ_AGES = [
    (18, 10),
    (19, 13),
    (20, 13),
    (21, 12),
    (22, 11),
    (23, 10),
    (24, 9),
    (25, 6),
    (26, 3),
    (27, 2),
    (28, 1),
    (29, 1),
    (30, 1),
]
CLLAJ_PER_YEAR = 500
FSL_BACKLOG, FSL_PER_YEAR = 68, 55
ASL_BACKLOG, ASL_PER_YEAR = 12, 16
# Requests a year, decided or not, for the ALT (youths, families) and the Tremplins.
REQUESTS_PER_YEAR = {"alt-jeunes": 32, "alt-familles": 28, "tremplins-duo": 26}

CLLAJ_ORIENTEURS = [
    (Orienteur.MISSION_LOCALE, 45),
    (Orienteur.BOUCHE_A_OREILLE, 20),
    (Orienteur.DEMARCHE_PERSONNELLE, 7),
    (Orienteur.SSD_MDS, 8),
    (Orienteur.CCAS, 6),
    (Orienteur.CHRS, 4),
    (Orienteur.ASE, 3),
    (Orienteur.BAILLEUR, 3),
    (Orienteur.INTERNE, 2),
    (Orienteur.AUTRE, 2),
]
REQUEST_ORIENTEURS = {
    "alt-jeunes": [
        (Orienteur.INTERNE, 22),
        (Orienteur.MISSION_LOCALE, 18),
        (Orienteur.SSD_MDS, 16),
        (Orienteur.CCAS, 12),
        (Orienteur.CHRS, 10),
        (Orienteur.ASE, 6),
        (Orienteur.DEMARCHE_PERSONNELLE, 10),
        (Orienteur.AUTRE, 6),
    ],
    "alt-familles": [
        (Orienteur.SSD_MDS, 30),
        (Orienteur.CCAS, 22),
        (Orienteur.INTERNE, 12),
        (Orienteur.BAILLEUR, 10),
        (Orienteur.CHRS, 10),
        (Orienteur.DEMARCHE_PERSONNELLE, 10),
        (Orienteur.AUTRE, 6),
    ],
    "tremplins-duo": [
        (Orienteur.ASE, 55),
        (Orienteur.BOUCHE_A_OREILLE, 15),
        (Orienteur.INTERNE, 10),
        (Orienteur.MISSION_LOCALE, 8),
        (Orienteur.CHRS, 5),
        (Orienteur.AUTRE, 7),
    ],
}
REQUEST_REASONS = {
    "alt-jeunes": [
        (RequestReason.FAMILY_BREAK, 30),
        (RequestReason.HOSTED, 25),
        (RequestReason.HOMELESS, 15),
        (RequestReason.WORK, 15),
        (RequestReason.END_OF_CARE, 5),
        (RequestReason.UNSUITABLE, 5),
        (RequestReason.OTHER, 5),
    ],
    "alt-familles": [
        (RequestReason.UNSUITABLE, 30),
        (RequestReason.HOSTED, 25),
        (RequestReason.HOMELESS, 20),
        (RequestReason.FAMILY_BREAK, 15),
        (RequestReason.OTHER, 10),
    ],
    "tremplins-duo": [
        (RequestReason.END_OF_CARE, 50),
        (RequestReason.FAMILY_BREAK, 35),
        (RequestReason.HOMELESS, 10),
        (RequestReason.OTHER, 5),
    ],
}
REQUEST_COMPOSITIONS = {
    "alt-jeunes": [(Composition.SINGLE, 85), (Composition.COUPLE, 10), (Composition.OTHER, 5)],
    "alt-familles": [
        (Composition.SINGLE_PARENT, 40),
        (Composition.COUPLE_WITH_CHILDREN, 30),
        (Composition.COUPLE, 25),
        (Composition.OTHER, 5),
    ],
    "tremplins-duo": [(Composition.SINGLE, 1)],
}
EXIT_REASONS = {
    "alt-jeunes": [
        (ExitReason.PUBLIC, 30),
        (ExitReason.PRIVATE, 12),
        (ExitReason.AUTONOMY, 8),
        (ExitReason.FAMILY, 18),
        (ExitReason.HOSTED, 12),
        (ExitReason.NO_SOLUTION, 5),
        (ExitReason.NON_COLLABORATION, 8),
        (ExitReason.LEFT, 7),
    ],
    "alt-familles": [
        (ExitReason.PUBLIC, 45),
        (ExitReason.PRIVATE, 15),
        (ExitReason.AUTONOMY, 5),
        (ExitReason.FAMILY, 5),
        (ExitReason.HOSTED, 10),
        (ExitReason.NO_SOLUTION, 5),
        (ExitReason.NON_COLLABORATION, 8),
        (ExitReason.LEFT, 7),
    ],
    "tremplins-duo": [
        (ExitReason.PUBLIC, 35),
        (ExitReason.PRIVATE, 15),
        (ExitReason.AUTONOMY, 15),
        (ExitReason.FAMILY, 10),
        (ExitReason.HOSTED, 12),
        (ExitReason.NO_SOLUTION, 5),
        (ExitReason.NON_COLLABORATION, 5),
        (ExitReason.LEFT, 3),
    ],
}
ORIGINS = {
    "alt-jeunes": [
        (StayOrigin.FAMILY, 22),
        (StayOrigin.FAMILY_BREAK, 22),
        (StayOrigin.HOSTED, 25),
        (StayOrigin.INSTITUTION, 10),
        (StayOrigin.STREET, 8),
        (StayOrigin.MECS, 5),
        (StayOrigin.OTHER, 8),
    ],
    "alt-familles": [
        (StayOrigin.HOSTED, 30),
        (StayOrigin.FAMILY, 15),
        (StayOrigin.INSTITUTION, 20),
        (StayOrigin.STREET, 5),
        (StayOrigin.OTHER, 30),
    ],
    "tremplins-duo": [
        (StayOrigin.MECS, 35),
        (StayOrigin.FOSTER, 20),
        (StayOrigin.FAMILY_BREAK, 25),
        (StayOrigin.FAMILY, 5),
        (StayOrigin.HOSTED, 10),
        (StayOrigin.STREET, 5),
    ],
    "tremplins-mineurs": [
        (StayOrigin.MECS, 40),
        (StayOrigin.FOSTER, 30),
        (StayOrigin.FAMILY_BREAK, 25),
        (StayOrigin.OTHER, 5),
    ],
}
RESOURCES_ENTRY = {
    "alt-jeunes": [
        (Resource.SALARY, 25),
        (Resource.CEJ, 20),
        (Resource.RSA, 15),
        (Resource.ARE, 10),
        (Resource.APJM, 5),
        (Resource.TRAINING, 10),
        (Resource.NONE, 10),
        (Resource.AAH, 3),
        (Resource.OTHER, 2),
    ],
    "alt-familles": [
        (Resource.SALARY, 35),
        (Resource.RSA, 30),
        (Resource.ARE, 10),
        (Resource.FAMILY_BENEFITS, 15),
        (Resource.AAH, 5),
        (Resource.OTHER, 5),
    ],
    "tremplins-duo": [
        (Resource.APJM, 55),
        (Resource.CEJ, 15),
        (Resource.SALARY, 10),
        (Resource.TRAINING, 10),
        (Resource.NONE, 10),
    ],
    "tremplins-mineurs": [(Resource.OTHER, 70), (Resource.NONE, 30)],
}
RESOURCES_EXIT = [
    (Resource.SALARY, 40),
    (Resource.ARE, 15),
    (Resource.RSA, 15),
    (Resource.CEJ, 10),
    (Resource.APJM, 5),
    (Resource.TRAINING, 10),
    (Resource.NONE, 5),
]
# Monthly amount (€) of each main resource for a person alone.
AMOUNTS = {
    Resource.SALARY: (850, 1700),
    Resource.CEJ: (300, 528),
    Resource.RSA: (607, 640),
    Resource.ARE: (550, 1150),
    Resource.APJM: (450, 800),
    Resource.AAH: (970, 1020),
    Resource.TRAINING: (500, 800),
    Resource.FAMILY_BENEFITS: (600, 1200),
    Resource.NONE: (0, 0),
    Resource.OTHER: (150, 600),
}
HOUSING_SITUATIONS = [
    (CllajFile.HousingSituation.FAMILY, 50),
    (CllajFile.HousingSituation.HOSTED, 22),
    (CllajFile.HousingSituation.TENANT, 14),
    (CllajFile.HousingSituation.INSTITUTION, 6),
    (CllajFile.HousingSituation.HOMELESS, 4),
    (CllajFile.HousingSituation.OTHER, 4),
]
EMPLOYMENTS = [
    (CllajFile.Employment.JOB_SEEKER, 30),
    (CllajFile.Employment.TRAINING, 25),
    (CllajFile.Employment.CDD, 20),
    (CllajFile.Employment.CDI, 8),
    (CllajFile.Employment.STUDENT, 7),
    (CllajFile.Employment.INACTIVE, 10),
]
# Monthly resources (€) by employment, and whether some have none at all (about one in five
# of the public, most of them without a job).
EMPLOYMENT_RESOURCES = {
    CllajFile.Employment.CDI: (1250, 2000, False),
    CllajFile.Employment.CDD: (750, 1600, False),
    CllajFile.Employment.TRAINING: (300, 528, False),
    CllajFile.Employment.JOB_SEEKER: (350, 1150, True),
    CllajFile.Employment.STUDENT: (200, 700, True),
    CllajFile.Employment.INACTIVE: (200, 600, True),
}
PROBLEMATIQUES = [
    (CllajFile.Problematique.HOUSING, 45),
    (CllajFile.Problematique.FAMILY_BREAK, 18),
    (CllajFile.Problematique.SHELTER, 17),
    (CllajFile.Problematique.RESOURCES, 10),
    (CllajFile.Problematique.DEBT, 5),
    (CllajFile.Problematique.OTHER, 5),
]
CLLAJ_COMPOSITIONS = [
    (Composition.SINGLE, 78),
    (Composition.COUPLE, 10),
    (Composition.SINGLE_PARENT, 7),
    (Composition.COUPLE_WITH_CHILDREN, 3),
    (Composition.OTHER, 2),
]
OUTCOMES = [
    (CllajFile.Outcome.TRANSITIONAL, 22),
    (CllajFile.Outcome.PUBLIC, 25),
    (CllajFile.Outcome.PRIVATE, 6),
    (CllajFile.Outcome.MAINTAINED, 24),
]
FILES = [
    (FileKind.SOCIAL_HOUSING, 62),
    (FileKind.FSL_LNI, 14),
    (FileKind.FSL_LI, 5),
    (FileKind.CONTINGENT, 5),
    (FileKind.DALO, 4),
    (FileKind.CAF, 3),
    (FileKind.VISALE, 4),
    (FileKind.LOCA_PASS, 2),
    (FileKind.MOBILI_JEUNE, 1),
]
ORIENTATIONS = [
    (CllajOrientation.Target.ALT, 50),
    (CllajOrientation.Target.ASE_HOUSING, 20),
    (CllajOrientation.Target.TREMPLINS, 8),
    (CllajOrientation.Target.SIAO, 14),
    (CllajOrientation.Target.OTHER, 8),
]
MEASURE_END_REASONS = [
    (SupportMeasure.EndReason.OBJECTIVES, 55),
    (SupportMeasure.EndReason.PARTIAL, 15),
    (SupportMeasure.EndReason.NON_ADHESION, 10),
    (SupportMeasure.EndReason.MOVED, 8),
    (SupportMeasure.EndReason.REORIENTATION, 7),
    (SupportMeasure.EndReason.OTHER, 5),
]
MEASURE_REASONS = {
    "fsl-asll": [
        (SupportMeasure.Reason.BUDGET, 35),
        (SupportMeasure.Reason.MAINTENANCE, 20),
        (SupportMeasure.Reason.ACCESS, 20),
        (SupportMeasure.Reason.ARREARS, 15),
        (SupportMeasure.Reason.APPROPRIATION, 5),
        (SupportMeasure.Reason.OTHER, 5),
    ],
    "asl-jeunes-ase": [
        (SupportMeasure.Reason.ACCESS, 35),
        (SupportMeasure.Reason.APPROPRIATION, 25),
        (SupportMeasure.Reason.BUDGET, 25),
        (SupportMeasure.Reason.MAINTENANCE, 10),
        (SupportMeasure.Reason.ARREARS, 5),
    ],
}
MEASURE_ORIENTEURS = {
    "fsl-asll": [
        (Orienteur.SSD_MDS, 35),
        (Orienteur.INTERNE, 20),
        (Orienteur.CCAS, 15),
        (Orienteur.BAILLEUR, 15),
        (Orienteur.CHRS, 5),
        (Orienteur.AUTRE, 10),
    ],
    "asl-jeunes-ase": [
        (Orienteur.INTERNE, 45),
        (Orienteur.ASE, 35),
        (Orienteur.MISSION_LOCALE, 10),
        (Orienteur.AUTRE, 10),
    ],
}
MEASURE_COMPOSITIONS = {
    "fsl-asll": [
        (Composition.SINGLE, 55),
        (Composition.SINGLE_PARENT, 25),
        (Composition.COUPLE_WITH_CHILDREN, 12),
        (Composition.COUPLE, 5),
        (Composition.OTHER, 3),
    ],
    "asl-jeunes-ase": [
        (Composition.SINGLE, 85),
        (Composition.COUPLE, 8),
        (Composition.SINGLE_PARENT, 7),
    ],
}
# Ages of the FSL public (adults of all ages, two thirds over 30).
FSL_AGES = [(22, 25, 12), (26, 30, 18), (31, 40, 28), (41, 50, 22), (51, 65, 20)]

# Ages of each public (at the request or the start of the measure).
AGES = {
    "alt-jeunes": (18, 25),
    "alt-familles": (22, 45),
    "tremplins-duo": (18, 20),
    "tremplins-mineurs": (16, 17),
    # ASL Jeunes ASE: young adults leaving child welfare, under a contrat jeune majeur.
    "asl-jeunes-ase": (18, 21),
}

# Who may receive what, by age: the Fonds d'aide aux jeunes is for 18–25-year-olds, the
# allocation jeune majeur for ASE youths under 21, the contrat d'engagement jeune up to 25; the
# RSA from 25 (younger only as a parent); family benefits need children.
AID_AGES = {
    SupportMeasure.ApplicationOrAid.FAJ: (18, 25),
    SupportMeasure.ApplicationOrAid.AFASE: (18, 21),
}
AIDS_FOR_ASE_YOUTHS_ONLY = {SupportMeasure.ApplicationOrAid.AFASE}
RESOURCE_AGES = {
    Resource.APJM: (18, 21),
    Resource.CEJ: (16, 25),
    Resource.RSA: (25, 99),
}
RESOURCES_FOR_ASE_YOUTHS_ONLY = {Resource.APJM}
RESOURCES_NEEDING_CHILDREN = {Resource.FAMILY_BENEFITS}
WITH_CHILDREN = {Composition.COUPLE_WITH_CHILDREN, Composition.SINGLE_PARENT}
# The Mission locale follows youths from 16 to 25.
MISSION_LOCALE_AGES = (16, 25)
PARTNER_KINDS = {
    Orienteur.MISSION_LOCALE: Partner.Kind.MISSION_LOCALE,
    Orienteur.SSD_MDS: Partner.Kind.MDS,
    Orienteur.ASE: Partner.Kind.ASE,
    Orienteur.CCAS: Partner.Kind.CCAS,
    Orienteur.CHRS: Partner.Kind.CHRS,
    Orienteur.BAILLEUR: Partner.Kind.BAILLEUR,
}
