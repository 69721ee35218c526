"""Demo data of habitat: the housing stock (ALT Jeunes, ALT Familles / Jeunes couples, Tremplins
Duo), requests, stays and rents, the CLLAJ's follow-ups and workshops, and the FSL ASLL and ASL
Jeunes ASE support measures, for every year the demo covers (see rl_portal.demo).

Volumes and shares follow the service's 2022 bilan: about 500 young persons a year at the CLLAJ
(a third AIO only, half followed by the Mission locale), 22 Tremplins places, ALT stays of eight
months for youths and fifteen for families, about 130 FSL measures and 30 ASL measures active a
year. Persons move between dispositifs as they do in the bilan: CLLAJ youths are oriented to the
ALT, Tremplins leavers get an ASL measure at their relogement, families leaving the ALT an FSL one.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from auditlog.context import disable_auditlog
from dateutil.relativedelta import relativedelta

from habitat.models import (
    CllajApplication,
    CllajFile,
    CllajInterview,
    CllajOrientation,
    HomeVisit,
    HousingEvent,
    HousingRequest,
    HousingUnit,
    MeetingPlace,
    MonthlyRent,
    OrienteurKind,
    Stay,
    SupportMeasure,
    UnitUnavailability,
)
from rl_portal.demo import DemoContext, _pseudonym
from rl_portal.models import (
    CaseFile,
    Commune,
    Composition,
    Dispositif,
    Epci,
    HouseholdMember,
    Partner,
    Person,
    Quartier,
    ResourceType,
    Sex,
    search_key,
)

DAY = datetime.timedelta(days=1)
T = HousingUnit.Typology

# The landlords of the bilan; the first three come with the shared demo's partners.
LANDLORDS = ["SIA Habitat", "Pas-de-Calais Habitat", "Maisons et Cités", "Vilogia", "Soliha"]
NEW_LANDLORDS = ["Vilogia", "Soliha"]

# dispositif, commune, typology, landlord, places, lease start and end as (years after the first
# year covered, month, day), public of a Tremplins unit. The two Carvin studios are given back
# in the autumn of the first year and three studios in Hénin-Beaumont replace them, as in 2022.
UNITS = [
    ("alt-jeunes", "Carvin", T.T1, "Vilogia", 1, (-8, 11, 1), (0, 10, 31), ""),
    ("alt-jeunes", "Carvin", T.T1, "Vilogia", 1, (-8, 11, 1), (0, 10, 31), ""),
    ("alt-jeunes", "Hénin-Beaumont", T.T1, "Soliha", 1, (-4, 3, 1), None, ""),
    ("alt-jeunes", "Hénin-Beaumont", T.T1, "Soliha", 1, (-4, 3, 1), None, ""),
    ("alt-jeunes", "Hénin-Beaumont", T.T1, "Soliha", 1, (-3, 9, 1), None, ""),
    ("alt-jeunes", "Hénin-Beaumont", T.T1, "Pas-de-Calais Habitat", 1, (0, 9, 1), None, ""),
    ("alt-jeunes", "Hénin-Beaumont", T.T1_BIS, "Pas-de-Calais Habitat", 1, (0, 8, 1), None, ""),
    ("alt-jeunes", "Hénin-Beaumont", T.T1_BIS, "Pas-de-Calais Habitat", 1, (0, 12, 1), None, ""),
    ("alt-jeunes", "Oignies", T.T2, "SIA Habitat", 1, (-5, 6, 1), None, ""),
    ("alt-jeunes", "Oignies", T.T1_BIS, "SIA Habitat", 1, (-3, 1, 1), None, ""),
    ("alt-jeunes", "Libercourt", T.T2, "SIA Habitat", 1, (-6, 9, 1), None, ""),
    ("alt-jeunes", "Courrières", T.T1_BIS, "Maisons et Cités", 1, (-2, 4, 1), None, ""),
    ("alt-familles", "Carvin", T.T3, "Vilogia", 1, (-7, 1, 1), None, ""),
    ("alt-familles", "Courrières", T.T2, "Pas-de-Calais Habitat", 1, (-5, 5, 1), None, ""),
    ("alt-familles", "Rouvroy", T.T3, "Pas-de-Calais Habitat", 1, (-2, 10, 1), None, ""),
    ("alt-familles", "Rouvroy", T.T4, "Pas-de-Calais Habitat", 1, (-2, 10, 1), None, ""),
    ("alt-familles", "Évin-Malmaison", T.T3, "Maisons et Cités", 1, (-14, 2, 1), None, ""),
    ("alt-familles", "Évin-Malmaison", T.T3, "Maisons et Cités", 1, (-14, 2, 1), None, ""),
    ("alt-familles", "Harnes", T.T3, "Maisons et Cités", 1, (-9, 7, 1), None, ""),
    ("alt-familles", "Harnes", T.T3, "SIA Habitat", 1, (-6, 3, 1), None, ""),
    ("tremplins-duo", "Hénin-Beaumont", T.T3, "Pas-de-Calais Habitat", 2, (-5, 1, 1), None, "m"),
    ("tremplins-duo", "Carvin", T.T3, "Vilogia", 2, (-5, 1, 1), None, "m"),
    ("tremplins-duo", "Oignies", T.T3, "SIA Habitat", 2, (-2, 6, 1), None, "m"),
    ("tremplins-duo", "Hénin-Beaumont", T.T3, "Soliha", 2, (-5, 1, 1), None, ""),
    ("tremplins-duo", "Hénin-Beaumont", T.T4, "Pas-de-Calais Habitat", 2, (-4, 9, 1), None, ""),
    ("tremplins-duo", "Carvin", T.T3, "Maisons et Cités", 2, (-4, 9, 1), None, ""),
    ("tremplins-duo", "Oignies", T.T3, "SIA Habitat", 2, (-2, 3, 1), None, ""),
    ("tremplins-duo", "Courrières", T.T3, "Maisons et Cités", 2, (-2, 5, 1), None, ""),
    ("tremplins-duo", "Courrières", T.T4, "Pas-de-Calais Habitat", 2, (-2, 9, 1), None, ""),
    ("tremplins-duo", "Libercourt", T.T3, "SIA Habitat", 2, (-2, 10, 1), None, ""),
    ("tremplins-duo", "Évin-Malmaison", T.T3, "Maisons et Cités", 2, (-2, 11, 1), None, ""),
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
    ("alt-jeunes", T.T1): (250, 290),
    ("alt-jeunes", T.T1_BIS): (275, 315),
    ("alt-jeunes", T.T2): (300, 340),
    ("alt-familles", T.T2): (330, 370),
    ("alt-familles", T.T3): (370, 420),
    ("alt-familles", T.T4): (410, 450),
    ("tremplins-duo", T.T3): (250, 290),
    ("tremplins-duo", T.T4): (260, 300),
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

ORI = OrienteurKind
R = ResourceType
CLLAJ_ORIENTEURS = [
    (ORI.MISSION_LOCALE, 45),
    (ORI.BOUCHE_A_OREILLE, 20),
    (ORI.DEMARCHE_PERSONNELLE, 7),
    (ORI.SSD_MDS, 8),
    (ORI.CCAS, 6),
    (ORI.CHRS, 4),
    (ORI.ASE, 3),
    (ORI.BAILLEUR, 3),
    (ORI.INTERNE, 2),
    (ORI.AUTRE, 2),
]
REQUEST_ORIENTEURS = {
    "alt-jeunes": [
        (ORI.INTERNE, 22),
        (ORI.MISSION_LOCALE, 18),
        (ORI.SSD_MDS, 16),
        (ORI.CCAS, 12),
        (ORI.CHRS, 10),
        (ORI.ASE, 6),
        (ORI.DEMARCHE_PERSONNELLE, 10),
        (ORI.AUTRE, 6),
    ],
    "alt-familles": [
        (ORI.SSD_MDS, 30),
        (ORI.CCAS, 22),
        (ORI.INTERNE, 12),
        (ORI.BAILLEUR, 10),
        (ORI.CHRS, 10),
        (ORI.DEMARCHE_PERSONNELLE, 10),
        (ORI.AUTRE, 6),
    ],
    "tremplins-duo": [
        (ORI.ASE, 55),
        (ORI.BOUCHE_A_OREILLE, 15),
        (ORI.INTERNE, 10),
        (ORI.MISSION_LOCALE, 8),
        (ORI.CHRS, 5),
        (ORI.AUTRE, 7),
    ],
}
M = HousingRequest.Reason
REQUEST_REASONS = {
    "alt-jeunes": [
        (M.FAMILY_BREAK, 30),
        (M.HOSTED, 25),
        (M.HOMELESS, 15),
        (M.WORK, 15),
        (M.END_OF_CARE, 5),
        (M.UNSUITABLE, 5),
        (M.OTHER, 5),
    ],
    "alt-familles": [
        (M.UNSUITABLE, 30),
        (M.HOSTED, 25),
        (M.HOMELESS, 20),
        (M.FAMILY_BREAK, 15),
        (M.OTHER, 10),
    ],
    "tremplins-duo": [(M.END_OF_CARE, 50), (M.FAMILY_BREAK, 35), (M.HOMELESS, 10), (M.OTHER, 5)],
}
C = Composition
REQUEST_COMPOSITIONS = {
    "alt-jeunes": [(C.SINGLE, 85), (C.COUPLE, 10), (C.OTHER, 5)],
    "alt-familles": [
        (C.SINGLE_PARENT, 40),
        (C.COUPLE_WITH_CHILDREN, 30),
        (C.COUPLE, 25),
        (C.OTHER, 5),
    ],
    "tremplins-duo": [(C.SINGLE, 1)],
}
X = Stay.ExitReason
EXIT_REASONS = {
    "alt-jeunes": [
        (X.PUBLIC, 30),
        (X.PRIVATE, 12),
        (X.AUTONOMY, 8),
        (X.FAMILY, 18),
        (X.HOSTED, 12),
        (X.NO_SOLUTION, 5),
        (X.NON_COLLABORATION, 8),
        (X.LEFT, 7),
    ],
    "alt-familles": [
        (X.PUBLIC, 45),
        (X.PRIVATE, 15),
        (X.AUTONOMY, 5),
        (X.FAMILY, 5),
        (X.HOSTED, 10),
        (X.NO_SOLUTION, 5),
        (X.NON_COLLABORATION, 8),
        (X.LEFT, 7),
    ],
    "tremplins-duo": [
        (X.PUBLIC, 35),
        (X.PRIVATE, 15),
        (X.AUTONOMY, 15),
        (X.FAMILY, 10),
        (X.HOSTED, 12),
        (X.NO_SOLUTION, 5),
        (X.NON_COLLABORATION, 5),
        (X.LEFT, 3),
    ],
}
G = Stay.Origin
ORIGINS = {
    "alt-jeunes": [
        (G.FAMILY, 22),
        (G.FAMILY_BREAK, 22),
        (G.HOSTED, 25),
        (G.INSTITUTION, 10),
        (G.STREET, 8),
        (G.MECS, 5),
        (G.OTHER, 8),
    ],
    "alt-familles": [
        (G.HOSTED, 30),
        (G.FAMILY, 15),
        (G.INSTITUTION, 20),
        (G.STREET, 5),
        (G.OTHER, 30),
    ],
    "tremplins-duo": [
        (G.MECS, 35),
        (G.FOSTER, 20),
        (G.FAMILY_BREAK, 25),
        (G.FAMILY, 5),
        (G.HOSTED, 10),
        (G.STREET, 5),
    ],
    "tremplins-mineurs": [(G.MECS, 40), (G.FOSTER, 30), (G.FAMILY_BREAK, 25), (G.OTHER, 5)],
}
RESOURCES_ENTRY = {
    "alt-jeunes": [
        (R.SALARY, 25),
        (R.CEJ, 20),
        (R.RSA, 15),
        (R.ARE, 10),
        (R.APJM, 5),
        (R.TRAINING, 10),
        (R.NONE, 10),
        (R.AAH, 3),
        (R.OTHER, 2),
    ],
    "alt-familles": [
        (R.SALARY, 35),
        (R.RSA, 30),
        (R.ARE, 10),
        (R.FAMILY_BENEFITS, 15),
        (R.AAH, 5),
        (R.OTHER, 5),
    ],
    "tremplins-duo": [
        (R.APJM, 55),
        (R.CEJ, 15),
        (R.SALARY, 10),
        (R.TRAINING, 10),
        (R.NONE, 10),
    ],
    "tremplins-mineurs": [(R.OTHER, 70), (R.NONE, 30)],
}
RESOURCES_EXIT = [
    (R.SALARY, 40),
    (R.ARE, 15),
    (R.RSA, 15),
    (R.CEJ, 10),
    (R.APJM, 5),
    (R.TRAINING, 10),
    (R.NONE, 5),
]
# Monthly amount (€) of each main resource for a person alone.
AMOUNTS = {
    R.SALARY: (850, 1700),
    R.CEJ: (300, 528),
    R.RSA: (607, 640),
    R.ARE: (550, 1150),
    R.APJM: (450, 800),
    R.AAH: (970, 1020),
    R.TRAINING: (500, 800),
    R.FAMILY_BENEFITS: (600, 1200),
    R.NONE: (0, 0),
    R.OTHER: (150, 600),
}
K = CllajFile
HOUSING_SITUATIONS = [
    (K.HousingSituation.FAMILY, 50),
    (K.HousingSituation.HOSTED, 22),
    (K.HousingSituation.TENANT, 14),
    (K.HousingSituation.INSTITUTION, 6),
    (K.HousingSituation.HOMELESS, 4),
    (K.HousingSituation.OTHER, 4),
]
EMPLOYMENTS = [
    (K.Employment.JOB_SEEKER, 30),
    (K.Employment.TRAINING, 25),
    (K.Employment.CDD, 20),
    (K.Employment.CDI, 8),
    (K.Employment.STUDENT, 7),
    (K.Employment.INACTIVE, 10),
]
# Monthly resources (€) by employment, and whether some have none at all (about one in five
# of the public, most of them without a job).
EMPLOYMENT_RESOURCES = {
    K.Employment.CDI: (1250, 2000, False),
    K.Employment.CDD: (750, 1600, False),
    K.Employment.TRAINING: (300, 528, False),
    K.Employment.JOB_SEEKER: (350, 1150, True),
    K.Employment.STUDENT: (200, 700, True),
    K.Employment.INACTIVE: (200, 600, True),
}
PROBLEMATIQUES = [
    (K.Problematique.HOUSING, 45),
    (K.Problematique.FAMILY_BREAK, 18),
    (K.Problematique.SHELTER, 17),
    (K.Problematique.RESOURCES, 10),
    (K.Problematique.DEBT, 5),
    (K.Problematique.OTHER, 5),
]
CLLAJ_COMPOSITIONS = [
    (C.SINGLE, 78),
    (C.COUPLE, 10),
    (C.SINGLE_PARENT, 7),
    (C.COUPLE_WITH_CHILDREN, 3),
    (C.OTHER, 2),
]
OUTCOMES = [
    (K.Outcome.TRANSITIONAL, 22),
    (K.Outcome.PUBLIC, 25),
    (K.Outcome.PRIVATE, 6),
    (K.Outcome.MAINTAINED, 24),
]
F = CllajApplication.Kind
FILES = [
    (F.SOCIAL_HOUSING, 62),
    (F.FSL_LNI, 14),
    (F.FSL_LI, 5),
    (F.CONTINGENT, 5),
    (F.DALO, 4),
    (F.CAF, 3),
    (F.VISALE, 4),
    (F.LOCA_PASS, 2),
    (F.MOBILI_JEUNE, 1),
]
ORIENTATIONS = [
    (CllajOrientation.Target.ALT, 50),
    (CllajOrientation.Target.ASE_HOUSING, 20),
    (CllajOrientation.Target.TREMPLINS, 8),
    (CllajOrientation.Target.SIAO, 14),
    (CllajOrientation.Target.OTHER, 8),
]
S = SupportMeasure
MEASURE_END_REASONS = [
    (S.EndReason.OBJECTIVES, 55),
    (S.EndReason.PARTIAL, 15),
    (S.EndReason.NON_ADHESION, 10),
    (S.EndReason.MOVED, 8),
    (S.EndReason.REORIENTATION, 7),
    (S.EndReason.OTHER, 5),
]
MEASURE_REASONS = {
    "fsl-asll": [
        (S.Reason.BUDGET, 35),
        (S.Reason.MAINTENANCE, 20),
        (S.Reason.ACCESS, 20),
        (S.Reason.ARREARS, 15),
        (S.Reason.APPROPRIATION, 5),
        (S.Reason.OTHER, 5),
    ],
    "asl-jeunes-ase": [
        (S.Reason.ACCESS, 35),
        (S.Reason.APPROPRIATION, 25),
        (S.Reason.BUDGET, 25),
        (S.Reason.MAINTENANCE, 10),
        (S.Reason.ARREARS, 5),
    ],
}
MEASURE_ORIENTEURS = {
    "fsl-asll": [
        (ORI.SSD_MDS, 35),
        (ORI.INTERNE, 20),
        (ORI.CCAS, 15),
        (ORI.BAILLEUR, 15),
        (ORI.CHRS, 5),
        (ORI.AUTRE, 10),
    ],
    "asl-jeunes-ase": [(ORI.INTERNE, 45), (ORI.ASE, 35), (ORI.MISSION_LOCALE, 10), (ORI.AUTRE, 10)],
}
MEASURE_COMPOSITIONS = {
    "fsl-asll": [
        (C.SINGLE, 55),
        (C.SINGLE_PARENT, 25),
        (C.COUPLE_WITH_CHILDREN, 12),
        (C.COUPLE, 5),
        (C.OTHER, 3),
    ],
    "asl-jeunes-ase": [(C.SINGLE, 85), (C.COUPLE, 8), (C.SINGLE_PARENT, 7)],
}
# Ages of the FSL public (adults of all ages, two thirds over 30).
FSL_AGES = [(22, 25, 12), (26, 30, 18), (31, 40, 28), (41, 50, 22), (51, 65, 20)]
FAMILY_COMPOSITIONS = {"couple", "couple_enfants", "monoparentale"}
PARTNER_KINDS = {
    ORI.MISSION_LOCALE: Partner.Kind.MISSION_LOCALE,
    ORI.SSD_MDS: Partner.Kind.MDS,
    ORI.ASE: Partner.Kind.ASE,
    ORI.CCAS: Partner.Kind.CCAS,
    ORI.CHRS: Partner.Kind.CHRS,
    ORI.BAILLEUR: Partner.Kind.BAILLEUR,
}


def reset() -> None:
    """Remove every habitat record (children first); the persons go with rl_portal.demo."""
    # The demo rows were written in bulk, so their creation was never journalled; journalling
    # the deletion of tens of thousands of them would only flood the audit log (and take
    # seconds), so the demo reset runs with auditlog off.
    with disable_auditlog():
        _delete_all()


def _delete_all() -> None:
    MonthlyRent.objects.all().delete()
    HomeVisit.objects.all().delete()
    CllajApplication.objects.all().delete()
    CllajInterview.objects.all().delete()
    CllajOrientation.objects.all().delete()
    Stay.objects.all().delete()
    HousingRequest.objects.all().delete()
    CllajFile.objects.all().delete()
    HousingEvent.objects.all().delete()
    SupportMeasure.objects.all().delete()
    UnitUnavailability.objects.all().delete()
    HousingUnit.objects.all().delete()
    MeetingPlace.objects.all().delete()
    Partner.objects.filter(name__in=NEW_LANDLORDS, kind=Partner.Kind.BAILLEUR).delete()


def _pick(rng, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def _euros(value: float) -> Decimal:
    return Decimal(str(round(value, 2))).quantize(Decimal("0.01"))


def _months(first: datetime.date, last: datetime.date):
    month = first.replace(day=1)
    while month <= last:
        yield month
        month += relativedelta(months=1)


@dataclass
class PoolEntry:
    """A habitat person of the shared demo: their first habitat record falls on `opened_on`."""

    person: Person
    opened_on: datetime.date
    household: object | None
    is_family: bool
    age: int | None


@dataclass
class Env:
    """What the habitat seed builds in memory before writing it in bulk."""

    context: DemoContext
    communes: dict[str, Commune]
    epcis: dict[str, Epci]
    dispositifs: dict[str, Dispositif]
    partners: dict[str, list[Partner]]
    qpv_quartiers: dict[int, list[Quartier]]
    pool: list[PoolEntry]
    persons: list[Person] = field(default_factory=list)
    first_record: dict[int, datetime.date] = field(default_factory=dict)
    requests: list[HousingRequest] = field(default_factory=list)
    stays: list[Stay] = field(default_factory=list)
    records: list[CllajFile] = field(default_factory=list)
    linked_records: set[int] = field(default_factory=set)
    used_pool: set[int] = field(default_factory=set)
    meeting_places: list[MeetingPlace] = field(default_factory=list)
    unavailabilities: list[UnitUnavailability] = field(default_factory=list)
    orientations: list[CllajOrientation] = field(default_factory=list)
    measures: list[SupportMeasure] = field(default_factory=list)
    # Measures opened at the exit of a stay or on a shared-demo person: (dispositif, person,
    # start, epci, orienteur kind).
    planned_measures: list[tuple] = field(default_factory=list)

    @property
    def rng(self):
        return self.context.rng

    @property
    def today(self) -> datetime.date:
        return self.context.today

    def weekday(self, start: datetime.date, end: datetime.date) -> datetime.date:
        """A random working day between start and end (end itself if none is drawn)."""
        for _ in range(10):
            day = self.context.random_date(start, end)
            if day.weekday() < 5:
                return day
        return end

    def commune(self, epci: str | None = None) -> Commune:
        rng = self.rng
        if epci is None:
            roll = rng.random()
            epci = "CAHC" if roll < 0.88 else "CALL" if roll < 0.96 else ""
        if not epci:
            return self.communes[OTHER_TERRITORY]
        return self.communes[_pick(rng, CAHC_COMMUNES if epci == "CAHC" else CALL_COMMUNES)]

    def new_person(
        self,
        on: datetime.date,
        age: int,
        *,
        commune: Commune,
        exact_birth: float = 0.6,
        ase_history: bool | None = None,
        is_qpv: bool = False,
        sex: str | None = None,
    ) -> Person:
        """A new habitat person, first recorded on `on` at `age`."""
        rng = self.rng
        sex = (
            sex
            or rng.choices(
                [Sex.FEMALE, Sex.MALE, Sex.NON_BINARY, Sex.UNKNOWN], weights=[46, 52, 1, 1]
            )[0]
        )
        birth_date = birth_year = None
        roll = rng.random()
        if roll < exact_birth:
            birth_date = on - relativedelta(years=age) - rng.randint(0, 364) * DAY
            birth_year = birth_date.year
        elif roll < 0.97:
            birth_year = on.year - age
        quartier = None
        if is_qpv and commune.pk in self.qpv_quartiers:
            quartier = rng.choice(self.qpv_quartiers[commune.pk])
        person = Person(
            pseudonym=_pseudonym(rng, sex),
            sex=sex,
            birth_date=birth_date,
            birth_year=birth_year,
            commune=commune,
            quartier=quartier,
            ase_history=ase_history,
            version=1,
        )
        person.search_key = search_key(person.pseudonym)
        self.persons.append(person)
        self.first_record[id(person)] = on
        return person

    def seen(self, person: Person, on: datetime.date) -> None:
        """A record of `person` on `on`: their case file opens on their first record."""
        key = id(person)
        if key in self.first_record and on < self.first_record[key]:
            self.first_record[key] = on

    def partner(self, orienteur_kind: str) -> Partner | None:
        candidates = self.partners.get(PARTNER_KINDS.get(orienteur_kind, ""), [])
        if candidates and self.rng.random() < 0.8:
            return self.rng.choice(candidates)
        return None

    def resources(self, resource_type: str, family: bool = False) -> Decimal:
        low, high = AMOUNTS[resource_type]
        amount = self.rng.uniform(low, high)
        if family and resource_type != R.NONE:
            # Family benefits and a second income come on top of the applicant's.
            amount += self.rng.uniform(250, 800)
        return _euros(amount)


def seed(context: DemoContext) -> None:
    env = _environment(context)
    units = _seed_units(env)
    _plan_cllaj(env)
    _plan_housing(env, units)
    _plan_pool_leftovers(env)
    _plan_measures(env)
    events = _plan_events(env)
    _write(env, events)


def _environment(context: DemoContext) -> Env:
    communes = {c.name: c for c in Commune.objects.select_related("epci")}
    partners: dict[str, list[Partner]] = {}
    for partner in Partner.objects.filter(kind__in=list(PARTNER_KINDS.values())).order_by("pk"):
        partners.setdefault(partner.kind, []).append(partner)
    qpv: dict[int, list[Quartier]] = {}
    for quartier in Quartier.objects.filter(is_qpv=True).order_by("pk"):
        qpv.setdefault(quartier.commune_id, []).append(quartier)
    # The shared demo's habitat persons, each with a household: their first habitat record is
    # given on the day their case file opened.
    shared = context.persons_by_service.get("habitat", [])
    opened = dict(
        CaseFile.objects.filter(service__code="habitat", person__in=shared).values_list(
            "person_id", "opened_on"
        )
    )
    households = {
        m.person_id: m.household
        for m in HouseholdMember.objects.filter(person__in=shared).select_related("household")
    }
    pool = []
    for person in shared:
        household = households.get(person.pk)
        on = opened[person.pk]
        pool.append(
            PoolEntry(
                person=person,
                opened_on=on,
                household=household,
                is_family=household is not None and household.composition in FAMILY_COMPOSITIONS,
                age=person.age_on(on),
            )
        )
    return Env(
        context=context,
        communes=communes,
        epcis={e.short_name: e for e in Epci.objects.all()},
        dispositifs={d.code: d for d in Dispositif.objects.filter(service__code="habitat")},
        partners=partners,
        qpv_quartiers=qpv,
        pool=pool,
    )


# --------------------------------------------------------------------------------------------
# Housing stock
# --------------------------------------------------------------------------------------------


def _seed_units(env: Env) -> list[tuple[HousingUnit, str]]:
    rng, first_year = env.rng, env.context.years[0]
    landlords = {}
    for name in LANDLORDS:
        landlords[name], _ = Partner.objects.get_or_create(
            name=name, kind=Partner.Kind.BAILLEUR, defaults={"field": Partner.Field.LOGEMENT}
        )
    env.meeting_places = MeetingPlace.objects.bulk_create(
        [
            MeetingPlace(name=name, address=address, commune=env.communes[commune])
            for name, address, commune, _ in MEETING_PLACES
        ]
    )
    numbers: dict[tuple[str, str], int] = {}
    units = []
    for code, commune, typology, landlord, places, start, end, public in UNITS:
        number = numbers[commune, typology] = numbers.get((commune, typology), 0) + 1
        unit = HousingUnit(
            label=f"{commune} {HousingUnit.Typology(typology).label} n° {number}",
            address=f"{rng.randint(1, 180)} {rng.choice(STREETS)}",
            commune=env.communes[commune],
            typology=typology,
            landlord=landlords[landlord],
            dispositif=env.dispositifs[code],
            places=places,
            lease_start=datetime.date(first_year + start[0], start[1], start[2]),
            lease_end=datetime.date(first_year + end[0], end[1], end[2]) if end else None,
        )
        # A unit taken on after today (never with the dates above) would have no stays.
        if unit.lease_start <= env.today:
            units.append((unit, public))
    HousingUnit.objects.bulk_create([unit for unit, _ in units])
    return units


# --------------------------------------------------------------------------------------------
# CLLAJ
# --------------------------------------------------------------------------------------------


def _year_bounds(env: Env, year: int) -> tuple[datetime.date, datetime.date, float]:
    """First and last day of `year` covered, and the share of a full year it represents."""
    first = datetime.date(year, 1, 1)
    last = min(datetime.date(year, 12, 31), env.today)
    return first, last, ((last - first).days + 1) / ((datetime.date(year, 12, 31) - first).days + 1)


def _plan_cllaj(env: Env) -> None:
    rng = env.rng
    young = [e for e in env.pool if not e.is_family and (e.age is None or e.age <= 30)]
    returning: list[CllajFile] = []
    for year in env.context.years:
        first, last, share = _year_bounds(env, year)
        target = round(CLLAJ_PER_YEAR * share)
        # The shared demo's young persons came to the CLLAJ first, on their case file's day.
        planned = [(e.opened_on, e.person, e.age) for e in young if e.opened_on.year == year]
        while len(planned) < target:
            on = env.weekday(first, last)
            earlier = [r for r in returning if (on - r.date).days >= 300]
            if earlier and rng.random() < 0.05:
                # Back a year later: a new request of a youth already known.
                previous = rng.choice(earlier)
                planned.append((on, previous.person, None))
            else:
                planned.append((on, None, _pick(rng, CLLAJ_AGES)))
        for on, person, age in sorted(planned, key=lambda p: p[0]):
            record = _cllaj_file(env, on, person, age)
            returning.append(record)
            env.records.append(record)


def _cllaj_file(env: Env, on: datetime.date, person: Person | None, age: int | None):
    rng = env.rng
    is_ase = rng.random() < 0.05
    is_qpv = rng.random() < 0.15
    if person is None:
        commune = env.commune()
        if is_qpv and rng.random() < 0.5:
            # Half of them live in the référentiel's QPV, so that their quartier is set.
            commune = env.communes["Courrières"]
        person = env.new_person(
            on,
            age or 21,
            commune=commune,
            exact_birth=0.7,
            ase_history=True if is_ase else rng.choices([None, True, False], [45, 8, 47])[0],
            is_qpv=is_qpv,
        )
    env.seen(person, on)
    orienteur = ORI.ASE if is_ase and rng.random() < 0.6 else _pick(rng, CLLAJ_ORIENTEURS)
    employment = _pick(rng, EMPLOYMENTS)
    low, high, may_have_none = EMPLOYMENT_RESOURCES[employment]
    resources = None if rng.random() < 0.05 else _euros(rng.uniform(low, high))
    if resources is not None and may_have_none and rng.random() < 0.4:
        resources = Decimal("0.00")
    kind = K.Kind.AIO if rng.random() < 0.3 else K.Kind.FOLLOW_UP
    outcome = ""
    if kind == K.Kind.FOLLOW_UP and (env.today - on).days > 60 and rng.random() < 0.3:
        outcome = _pick(rng, OUTCOMES)
    return CllajFile(
        person=person,
        dispositif=env.dispositifs["cllaj-ase" if is_ase else "cllaj"],
        kind=kind,
        date=on,
        orienteur_kind=orienteur,
        housing_situation=_pick(rng, HOUSING_SITUATIONS),
        employment=employment,
        resources=resources,
        problematique=_pick(rng, PROBLEMATIQUES),
        composition=_pick(rng, CLLAJ_COMPOSITIONS),
        is_qpv=is_qpv,
        mission_locale=orienteur == ORI.MISSION_LOCALE or rng.random() < 0.1,
        action_logement=employment in (K.Employment.CDI, K.Employment.CDD) and rng.random() < 0.6,
        outcome=outcome,
        created_by=env.context.users["educ.habitat"],
    )


def _cllaj_children(env: Env):
    """Interviews, files built and orientations of every CLLAJ record."""
    rng = env.rng
    weights = [weight for *_, weight in MEETING_PLACES]
    ordered = env.meeting_places
    user = env.context.users["educ.habitat"]
    interviews, files, orientations = [], [], list(env.orientations)
    for record in env.records:
        count = 1 if record.kind == K.Kind.AIO else rng.choices([1, 2, 3, 4], [35, 35, 20, 10])[0]
        days = [record.date]
        for _ in range(count - 1):
            day = min(env.today, days[-1] + rng.randint(7, 60) * DAY)
            if day > days[-1]:
                days.append(day)
        remote_only = rng.random() < 0.1
        for day in days:
            in_person = not remote_only and rng.random() < 0.9
            interviews.append(
                CllajInterview(
                    cllaj_file=record,
                    date=day,
                    mode=CllajInterview.Mode.IN_PERSON if in_person else CllajInterview.Mode.REMOTE,
                    place=rng.choices(ordered, weights)[0] if in_person else None,
                    created_by=user,
                )
            )
        if record.kind == K.Kind.FOLLOW_UP:
            # dict.fromkeys, not a set: the same files in the same order on every run.
            count = rng.choices([0, 1, 2], [45, 40, 15])[0]
            for kind in dict.fromkeys(_pick(rng, FILES) for _ in range(count)):
                files.append(CllajApplication(cllaj_file=record, kind=kind, date=rng.choice(days)))
            if id(record) not in env.linked_records and rng.random() < 0.12:
                target = _pick(rng, ORIENTATIONS)
                if record.dispositif.code == "cllaj-ase" and rng.random() < 0.5:
                    target = CllajOrientation.Target.ASE_HOUSING
                orientations.append(
                    CllajOrientation(cllaj_file=record, target=target, date=rng.choice(days))
                )
    return interviews, files, orientations


# --------------------------------------------------------------------------------------------
# Housing: stays, requests, rents
# --------------------------------------------------------------------------------------------


def _timeline(env: Env, unit: HousingUnit, code: str):
    """Consecutive stays on one place: (entry, exit or None), never overlapping."""
    rng, today, start = env.rng, env.today, env.context.start
    durations = {
        "alt-jeunes": (60, 540, 180),
        "alt-familles": (150, 720, 420),
        "tremplins-duo": (90, 720, 330),
    }[code]
    if unit.lease_start > start:
        # A unit taken on during the period is furnished before the first entry.
        cursor = unit.lease_start + rng.randint(20, 45) * DAY
    else:
        # A place occupied on the first of January: its occupant's stay is recorded from the
        # first weeks of the period (their case file opens in it).
        cursor = start + rng.randint(0, 50) * DAY
    periods = []
    while cursor <= today:
        if unit.lease_end and cursor > unit.lease_end - 60 * DAY:
            break
        exit = cursor + int(rng.triangular(*durations)) * DAY
        if unit.lease_end and exit > unit.lease_end:
            # The lease ends: the occupant leaves before the keys go back.
            exit = unit.lease_end - rng.randint(0, 10) * DAY
        elif exit >= today:
            periods.append((cursor, None))
            break
        periods.append((cursor, exit))
        cursor = exit + rng.randint(7, 45) * DAY
    return periods


def _plan_housing(env: Env, units) -> None:
    records = sorted((r for r in env.records if r.kind == K.Kind.FOLLOW_UP), key=lambda r: r.date)
    families = [e for e in env.pool if e.is_family]
    used_pool = env.used_pool
    unavailabilities = env.unavailabilities
    for unit, public in units:
        code = unit.dispositif.code
        for place in range(1, unit.places + 1):
            periods = _timeline(env, unit, code)
            for index, (entry, exit) in enumerate(periods):
                # The occupants of the first of January were admitted before the period: no
                # request of theirs falls in it.
                admitted_before = index == 0 and unit.lease_start <= env.context.start
                _plan_stay(
                    env,
                    unit,
                    place,
                    (entry, exit, admitted_before),
                    public,
                    records,
                    families,
                )
            if place > 1:
                continue  # works and furnishing concern the whole unit: recorded once
            if unit.lease_start > env.context.start and periods:
                unavailabilities.append(
                    UnitUnavailability(
                        unit=unit,
                        start=unit.lease_start,
                        end=periods[0][0] - DAY,
                        reason="Ameublement et prise en main du logement",
                    )
                )
            if unit.label in WORKS:
                gaps = [
                    (a[1] + DAY, b[0] - DAY)
                    for a, b in zip(periods, periods[1:], strict=False)
                    if a[1] and (b[0] - a[1]).days > 15
                ]
                if gaps:
                    first, last = max(gaps, key=lambda g: g[1] - g[0])
                    unavailabilities.append(
                        UnitUnavailability(
                            unit=unit,
                            start=first,
                            end=last,
                            reason="Travaux (remise en état entre deux occupants)",
                        )
                    )
    _plan_other_requests(env, records, families, used_pool)


def _young_applicant(env: Env, on: datetime.date, records, age_range=(18, 25)):
    """A young person applying on `on`: often one the CLLAJ followed and oriented to the ALT."""
    rng = env.rng
    if rng.random() < 0.3:
        for record in records:
            if record.date > on - 14 * DAY:
                break
            if (
                record.date >= on - 180 * DAY
                and id(record) not in env.linked_records
                and record.person.age_on(on) is not None
                and age_range[0] <= record.person.age_on(on) <= age_range[1]
            ):
                env.linked_records.add(id(record))
                env.orientations.append(
                    CllajOrientation(
                        cllaj_file=record,
                        target=CllajOrientation.Target.ALT,
                        date=env.context.random_date(record.date, on),
                    )
                )
                return record.person
    return env.new_person(on, rng.randint(*age_range), commune=env.commune())


def _take_family(env: Env, families, used_pool, earliest, latest):
    for entry in families:
        if id(entry) not in used_pool and earliest <= entry.opened_on <= latest:
            used_pool.add(id(entry))
            return entry
    return None


def _plan_stay(env, unit, place, period, public, records, families):
    rng, start, code = env.rng, env.context.start, unit.dispositif.code
    entry, exit, admitted_before = period
    minor = public == "m"
    request_on = entry if admitted_before else max(start, entry - rng.randint(10, 75) * DAY)
    household = None
    if code == "alt-familles":
        found = None
        if not admitted_before:
            found = _take_family(
                env, families, env.used_pool, max(start, entry - 90 * DAY), entry - 7 * DAY
            )
        if found:
            person, household, request_on = found.person, found.household, found.opened_on
        else:
            person = env.new_person(
                request_on, rng.randint(22, 42), commune=env.commune(unit.commune.epci.short_name)
            )
    elif code == "alt-jeunes" and not admitted_before:
        person = _young_applicant(env, request_on, records)
    elif code == "alt-jeunes":
        person = env.new_person(entry, rng.randint(18, 25), commune=env.commune())
    else:
        age = rng.randint(16, 17) if minor else rng.randint(18, 20)
        person = env.new_person(
            request_on,
            age,
            commune=env.commune(),
            exact_birth=1,
            ase_history=rng.random() < 0.8 or None,
            sex=rng.choices([Sex.FEMALE, Sex.MALE, Sex.NON_BINARY], [60, 38, 2])[0]
            if minor
            else None,
        )
    env.seen(person, request_on)
    if not admitted_before:
        admitted = HousingRequest.Decision.ADMITTED
        env.requests.append(_request(env, code, person, household, request_on, admitted, entry))
    profile = "tremplins-mineurs" if minor else code
    family = code == "alt-familles"
    resource_type = _pick(rng, RESOURCES_ENTRY[profile])
    resources = env.resources(resource_type, family)
    stay = Stay(
        unit=unit,
        place=place,
        person=person,
        household=household,
        entry=entry,
        exit=exit,
        origin=_pick(rng, ORIGINS[profile]),
        resources_entry=resources,
        resource_type_entry=resource_type,
        version=1,
    )
    lasted = relativedelta(exit or env.today, entry)
    months = lasted.years * 12 + lasted.months
    if code.startswith("alt"):
        # The FAL accompaniment lasts a year; each exceptional prolongation adds three months.
        if months >= 12:
            stay.prolongation_requests = min(3, 1 + (months - 12) // 3)
        stay.planned_exit = entry + relativedelta(months=12 + 3 * stay.prolongation_requests)
    else:
        stay.planned_exit = entry + relativedelta(months=18 if not minor else 24)
        if minor and person.birth_date:
            majority = person.birth_date + relativedelta(years=18)
            if majority <= min(exit or env.today, env.today):
                stay.majority_on = majority
    if exit:
        stay.exit_reason = _pick(rng, EXIT_REASONS[code])
        if rng.random() < 0.55:
            stay.resource_type_exit = resource_type
            stay.resources_exit = _euros(float(resources) * rng.uniform(1.0, 1.15))
        else:
            stay.resource_type_exit = _pick(rng, RESOURCES_EXIT)
            stay.resources_exit = env.resources(stay.resource_type_exit, family)
        _plan_follow_up_measure(env, stay, code, unit)
    env.stays.append(stay)


def _plan_follow_up_measure(env: Env, stay: Stay, code: str, unit: HousingUnit) -> None:
    """Tremplins leavers rehoused get an ASL measure; families rehoused often an FSL one."""
    rng = env.rng
    rehoused = stay.exit_reason in (X.PUBLIC, X.PRIVATE, X.AUTONOMY)
    start = stay.exit + rng.randint(0, 20) * DAY
    if not rehoused or start > env.today:
        return
    age = stay.person.age_on(stay.exit)
    epci = unit.commune.epci.short_name
    if code == "tremplins-duo":
        if age is not None and 18 <= age <= 24 and rng.random() < 0.6:
            env.planned_measures.append(("asl-jeunes-ase", stay.person, start, epci, ORI.INTERNE))
    elif rng.random() < (0.45 if code == "alt-familles" else 0.15):
        env.planned_measures.append(("fsl-asll", stay.person, start, epci, ORI.INTERNE))


def _request(env, code, person, household, on, decision, entry=None) -> HousingRequest:
    rng = env.rng
    orienteur = _pick(rng, REQUEST_ORIENTEURS[code])
    decided_on = None
    if decision == HousingRequest.Decision.ADMITTED:
        # Decided at the ALT / Tremplins commission, before the entry.
        decided_on = on + rng.randint(0, min(30, (entry - on).days)) * DAY
    elif decision != HousingRequest.Decision.PENDING:
        decided_on = min(env.today, on + rng.randint(7, 45) * DAY)
    return HousingRequest(
        person=person,
        household=household,
        dispositif=env.dispositifs[code],
        date=on,
        orienteur=env.partner(orienteur),
        orienteur_kind=orienteur,
        reason=_pick(rng, REQUEST_REASONS[code]),
        composition=_pick(rng, REQUEST_COMPOSITIONS[code]),
        decision=decision,
        decided_on=decided_on,
        created_by=env.context.users["chef.habitat"],
    )


def _plan_other_requests(env: Env, records, families, used_pool) -> None:
    """The requests refused, dropped or still waiting, up to the year's usual number."""
    rng = env.rng
    D = HousingRequest.Decision
    for year in env.context.years:
        first, last, share = _year_bounds(env, year)
        for code, per_year in REQUESTS_PER_YEAR.items():
            admitted = sum(
                1 for r in env.requests if r.date.year == year and r.dispositif.code == code
            )
            extra = max(round(6 * share), round(per_year * share) - admitted)
            for _ in range(extra):
                on = env.weekday(first, last)
                household = None
                if code == "alt-familles":
                    found = _take_family(env, families, used_pool, first, last)
                    if found:
                        person, household, on = found.person, found.household, found.opened_on
                    else:
                        person = env.new_person(on, rng.randint(22, 45), commune=env.commune())
                elif code == "alt-jeunes":
                    person = _young_applicant(env, on, records)
                else:
                    person = env.new_person(
                        on,
                        rng.randint(16, 20),
                        commune=env.commune(),
                        exact_birth=1,
                        ase_history=rng.random() < 0.8 or None,
                    )
                env.seen(person, on)
                if (env.today - on).days < 40 and rng.random() < 0.7:
                    decision = D.PENDING  # the next commission has not met yet
                else:
                    decision = rng.choices([D.REFUSED, D.DROPPED], [40, 60])[0]
                env.requests.append(_request(env, code, person, household, on, decision))


def _rents(env: Env, stays: list[Stay]) -> list[MonthlyRent]:
    rng, first_year = env.rng, env.context.years[0]
    base = {}
    rents = []
    for stay in stays:
        unit = stay.unit
        if unit.pk not in base:
            base[unit.pk] = rng.randint(*RENTS[unit.dispositif.code, unit.typology])
        last = stay.exit or env.today
        months = list(_months(stay.entry, last))
        arrears: set[int] = set()
        share = {"alt-jeunes": 0.5, "alt-familles": 0.35}.get(unit.dispositif.code, 0.25)
        if len(months) >= 3 and rng.random() < share:
            # An episode of arrears, most often after a job is lost.
            length = min(rng.randint(2, 4), len(months) - 1)
            begin = rng.randint(1, len(months) - length)
            arrears = set(range(begin, begin + length))
        for index, month in enumerate(months):
            month_end = month + relativedelta(months=1) - DAY
            days = (min(month_end, stay.exit or month_end) - max(month, stay.entry)).days + 1
            full = base[unit.pk] * (1 + 0.02 * (month.year - first_year))
            due = _euros(full * days / month_end.day)
            paid = due
            if index in arrears:
                paid = (
                    Decimal("0.00")
                    if rng.random() < 0.6
                    else _euros(float(due) * rng.uniform(0.3, 0.7))
                )
            rents.append(MonthlyRent(stay=stay, month=month, due=due, paid=paid))
    return rents


def _plan_pool_leftovers(env: Env) -> None:
    """The shared demo's other habitat persons: older adults and families get an FSL measure
    opened on their case file's day."""
    used = env.used_pool
    for entry in env.pool:
        if id(entry) in used:
            continue
        if entry.is_family or (entry.age is not None and entry.age > 30):
            commune = entry.person.commune
            epci = commune.epci.short_name if commune and commune.epci else "CAHC"
            orienteur = _pick(env.rng, MEASURE_ORIENTEURS["fsl-asll"])
            env.planned_measures.append(
                ("fsl-asll", entry.person, entry.opened_on, epci, orienteur)
            )
            used.add(id(entry))


# --------------------------------------------------------------------------------------------
# Support measures
# --------------------------------------------------------------------------------------------


def _plan_measures(env: Env) -> None:
    start = env.context.start
    for code, backlog, per_year in (
        ("fsl-asll", FSL_BACKLOG, FSL_PER_YEAR),
        ("asl-jeunes-ase", ASL_BACKLOG, ASL_PER_YEAR),
    ):
        planned = [p for p in env.planned_measures if p[0] == code]
        # The measures already in progress on the first of January are recorded from the first
        # weeks of the period (their case files open in it), with a shorter remaining duration.
        for _ in range(backlog):
            on = env.weekday(start, start + 56 * DAY)
            _measure(env, code, None, on, None, None, remaining=True)
        for year in env.context.years:
            first, last, share = _year_bounds(env, year)
            fixed = [p for p in planned if p[2].year == year]
            for _, person, on, epci, orienteur in fixed:
                _measure(env, code, person, on, epci, orienteur)
            for _ in range(max(0, round(per_year * share) - len(fixed))):
                _measure(env, code, None, env.weekday(first, last), None, None)


def _measure(env: Env, code, person, on, epci, orienteur, remaining=False) -> None:
    rng = env.rng
    fsl = code == "fsl-asll"
    if epci is None:
        epci = "CAHC" if rng.random() < (0.58 if fsl else 0.65) else "CALL"
    if person is None:
        if fsl:
            low, high, _ = rng.choices(FSL_AGES, [w for *_, w in FSL_AGES])[0]
            age = rng.randint(low, high)
            person = env.new_person(on, age, commune=env.commune(epci), exact_birth=0.5)
        else:
            person = env.new_person(
                on, rng.randint(18, 24), commune=env.commune(epci), ase_history=True
            )
    env.seen(person, on)
    if fsl:
        days = rng.triangular(30, 540, 120) if remaining else rng.triangular(180, 900, 420)
        # Points per measure sized so that a year fills its convention (60 CAHC, 40 CALL).
        kind, weight = S.Kind.ASLL, Decimal(rng.choice(["0.5", "0.75", "0.75", "1", "1", "1.25"]))
    else:
        days = rng.triangular(30, 360, 120) if remaining else rng.triangular(150, 600, 300)
        kind = S.Kind.REINFORCED if rng.random() < 0.6 else S.Kind.SIMPLE
        weight = Decimal(2 if kind == S.Kind.REINFORCED else 1)
    end = on + int(days) * DAY
    objectives = rng.randint(2, 6)
    measure = SupportMeasure(
        person=person,
        dispositif=env.dispositifs[code],
        epci=env.epcis[epci],
        kind=kind,
        weight=weight,
        orienteur_kind=orienteur or _pick(rng, MEASURE_ORIENTEURS[code]),
        notified_on=max(env.context.start, on - rng.randint(0, 45) * DAY),
        start=on,
        reason=_pick(rng, MEASURE_REASONS[code]),
        objectives_set=objectives,
        resources=env.resources(
            _pick(rng, RESOURCES_ENTRY["alt-familles" if fsl else "alt-jeunes"])
        ),
        composition=_pick(rng, MEASURE_COMPOSITIONS[code]),
        version=1,
    )
    others = [m for m in S.Reason.values if m != measure.reason]
    measure.annex_difficulties = sorted(rng.sample(others, k=rng.choice([0, 1, 1, 2, 2, 3])))
    measure.applications_and_aids = sorted(
        rng.sample(list(S.ApplicationOrAid.values), k=rng.choice([0, 1, 1, 2, 3]))
    )
    if end < env.today:
        measure.end = end
        measure.end_reason = _pick(rng, MEASURE_END_REASONS)
        if measure.end_reason == S.EndReason.OBJECTIVES:
            measure.objectives_reached = objectives
        elif measure.end_reason == S.EndReason.PARTIAL:
            measure.objectives_reached = rng.randint(1, objectives - 1)
        elif measure.end_reason == S.EndReason.NON_ADHESION:
            measure.objectives_reached = rng.randint(0, 1)
        else:
            measure.objectives_reached = rng.randint(0, objectives)
    else:
        measure.objectives_reached = rng.randint(0, objectives - 1)
    # Notified for six months, prolonged by six months as long as needed.
    horizon = measure.end or env.today
    while on + relativedelta(months=6 * (measure.prolongations + 1)) < horizon:
        measure.prolongations += 1
    measure.planned_end = on + relativedelta(months=6 * (measure.prolongations + 1))
    env.measures.append(measure)


def _home_visits(env: Env) -> list[HomeVisit]:
    """About one visit a month (two for a renforcée ASL), as the bilan's 2 196 visits a year."""
    rng = env.rng
    visits = []
    for measure in env.measures:
        last = min(measure.end or env.today, env.today)
        months = max(1, (last - measure.start).days / 30.4)
        rate = {S.Kind.REINFORCED: 2.0, S.Kind.SIMPLE: 1.0}.get(measure.kind, 1.3)
        count = max(1, round(months * rate * rng.uniform(0.7, 1.2)))
        visits += [
            HomeVisit(measure=measure, date=env.context.random_date(measure.start, last))
            for _ in range(count)
        ]
    return visits


# --------------------------------------------------------------------------------------------
# Workshops and events
# --------------------------------------------------------------------------------------------


def _plan_events(env: Env) -> list[tuple[HousingEvent, list[Person]]]:
    rng = env.rng
    user = env.context.users["educ.habitat"]
    E = HousingEvent.Kind
    events = []
    for year in env.context.years:
        first, last, share = _year_bounds(env, year)
        for _ in range(round(9 * share) or 1):
            on = env.weekday(first, last)
            headcount = rng.randint(4, 8)
            # One or two of the youths of a workshop already have a CLLAJ follow-up.
            known = [
                r.person
                for r in env.records
                if r.kind == K.Kind.FOLLOW_UP and on - 60 * DAY <= r.date <= on
            ]
            named = rng.sample(known, k=min(len(known), rng.choice([0, 1, 1, 2])))
            event = HousingEvent(
                kind=E.WORKSHOP,
                title=rng.choice(WORKSHOP_TITLES),
                date=on,
                place=rng.choice(WORKSHOP_PLACES),
                headcount=headcount,
                qpv_headcount=rng.randint(0, headcount // 2),
                created_by=user,
            )
            events.append((event, named))
        specials = [
            (E.FORUM, "Forum logement jeunesse", datetime.date(year, 3, 24), "Libercourt", 18),
            (E.SLJ, "Semaine du logement des jeunes", datetime.date(year, 5, 17), "", 68),
        ]
        # Tremplins Duo's collective activities (cultural, sport, health…): about 28 a year.
        for _ in range(round(28 * share) or 1):
            specials.append(
                (
                    E.TREMPLINS_ACTIVITY,
                    rng.choice(["Sortie culturelle", "Atelier cuisine", "Sport", "Atelier santé"]),
                    env.weekday(first, last),
                    "Tremplins Duo",
                    rng.randint(3, 6),
                )
            )
        for title, commune in rng.sample(OUTREACH, k=3):
            specials.append(
                (E.OUTREACH, title, env.weekday(first, last), commune, rng.randint(8, 25))
            )
        for kind, title, on, place, typical in specials:
            if on > env.today:
                continue
            headcount = max(4, round(typical * rng.uniform(0.8, 1.2)))
            qpv = round(headcount * (0.65 if kind == E.SLJ else rng.uniform(0.1, 0.7)))
            events.append(
                (
                    HousingEvent(
                        kind=kind,
                        title=title,
                        date=on,
                        place=place or "Territoire de la CAHC",
                        headcount=headcount,
                        qpv_headcount=min(qpv, headcount),
                        created_by=user,
                    ),
                    [],
                )
            )
    return events


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


def _write(env: Env, events) -> None:
    Person.objects.bulk_create(env.persons, batch_size=1000)
    habitat = env.context.services["habitat"]
    opener = env.context.users["educ.habitat"]
    CaseFile.objects.bulk_create(
        [
            CaseFile(
                person=person,
                service=habitat,
                opened_on=env.first_record[id(person)],
                opened_by=opener,
            )
            for person in env.persons
        ],
        batch_size=1000,
    )
    env.context.persons_by_service.setdefault("habitat", []).extend(env.persons)

    HousingRequest.objects.bulk_create(env.requests, batch_size=1000)
    Stay.objects.bulk_create(env.stays, batch_size=1000)
    UnitUnavailability.objects.bulk_create(env.unavailabilities)
    MonthlyRent.objects.bulk_create(_rents(env, env.stays), batch_size=2000)

    CllajFile.objects.bulk_create(env.records, batch_size=1000)
    interviews, files, orientations = _cllaj_children(env)
    CllajInterview.objects.bulk_create(interviews, batch_size=2000)
    CllajApplication.objects.bulk_create(files, batch_size=2000)
    CllajOrientation.objects.bulk_create(orientations, batch_size=2000)

    SupportMeasure.objects.bulk_create(env.measures, batch_size=1000)
    HomeVisit.objects.bulk_create(_home_visits(env), batch_size=2000)

    HousingEvent.objects.bulk_create([event for event, _ in events])
    through = HousingEvent.participants.through
    through.objects.bulk_create(
        [
            through(housingevent_id=event.pk, person_id=person.pk)
            for event, named in events
            for person in named
        ],
        ignore_conflicts=True,
    )
