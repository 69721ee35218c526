"""The association itself: accounts, staff, partners, funders and conventions; the first names
the pseudonyms are drawn from."""

from __future__ import annotations

from dataclasses import dataclass

from rl_portal.models import Funder, Partner, StaffPosition
from rl_portal.roles import Role

DEMO_PASSWORD = "demo"
# Seed of the generator: two runs build the same association.
SEED = 20240101


@dataclass(frozen=True)
class Account:
    username: str
    first_name: str
    last_name: str
    role: Role
    services: tuple[str, ...]
    job_title: str


ACCOUNTS = [
    Account("admin", "Alex", "Martin", Role.ADMINISTRATEUR, (), "Administrateur technique"),
    Account("direction", "Sébastien", "Plateau", Role.DIRECTION, (), "Directeur"),
    Account("secretariat", "Nadia", "Lefebvre", Role.SECRETARIAT, (), "Secrétaire"),
    Account(
        "chef.prevention",
        "Karim",
        "Benali",
        Role.CHEF_SERVICE,
        ("prevention", "emps"),
        "Chef de service",
    ),
    Account(
        "educ.prevention",
        "Julie",
        "Dupont",
        Role.EDUCATEUR,
        ("prevention",),
        "Éducatrice spécialisée",
    ),
    Account(
        "chef.habitat",
        "Claire",
        "Vasseur",
        Role.CHEF_SERVICE,
        ("habitat",),
        "Cheffe de service habitat",
    ),
    Account(
        "educ.habitat", "Thomas", "Lemaire", Role.EDUCATEUR, ("habitat",), "Travailleur social"
    ),
    Account(
        "chef.scolaire",
        "Mélanie",
        "Delattre",
        Role.CHEF_SERVICE,
        ("scolaire",),
        "Cheffe de service accompagnement scolaire",
    ),
    Account("educ.scolaire", "Inès", "Caron", Role.EDUCATEUR, ("scolaire",), "Animatrice scolaire"),
]

FIRST_NAMES_F = [
    "Inès", "Léa", "Jade", "Chloé", "Manon", "Emma", "Lina", "Camille", "Sarah", "Louise",
    "Zoé", "Maëlys", "Lola", "Anaïs", "Yasmine", "Nour", "Océane", "Clara", "Eva", "Justine",
    "Lou", "Mila", "Ambre", "Romane", "Salomé", "Assia", "Kenza", "Lilou", "Margaux", "Nina",
]  # fmt: skip
FIRST_NAMES_M = [
    "Lucas", "Enzo", "Nathan", "Hugo", "Théo", "Mathis", "Noah", "Rayan", "Adam", "Tom",
    "Kylian", "Yanis", "Louis", "Ethan", "Axel", "Bilal", "Mehdi", "Nolan", "Maxime", "Dylan",
    "Sacha", "Killian", "Ilyes", "Gabriel", "Jules", "Evan", "Timéo", "Anis", "Loris", "Samy",
]  # fmt: skip
NICKNAMES = [
    "Titi", "Jojo", "Nono", "Dédé", "Mimi", "Lulu", "Bibi", "Kiki", "Momo", "Zizou",
    "Chouchou", "Pitchoun",
]  # fmt: skip


@dataclass(frozen=True)
class PartnerSpec:
    name: str
    kind: str
    field: str
    insee_code: str | None  # the partner's commune


K, F = Partner.Kind, Partner.Field
PARTNERS = [
    PartnerSpec("MDS de Carvin", K.MDS, F.SOCIAL, "62215"),
    PartnerSpec("MDS d'Hénin-Beaumont", K.MDS, F.SOCIAL, "62427"),
    PartnerSpec("Mission locale de l'Artois", K.MISSION_LOCALE, F.INSERTION, "62427"),
    PartnerSpec("Collège Jean Jaurès", K.COLLEGE, F.EDUCATION_NATIONALE, "62250"),
    PartnerSpec("Collège Adulphe Delegorgue", K.COLLEGE, F.EDUCATION_NATIONALE, "62250"),
    PartnerSpec("Collège Jean de Saint-Aubert", K.COLLEGE, F.EDUCATION_NATIONALE, "62907"),
    PartnerSpec("Collège Pasteur", K.COLLEGE, F.EDUCATION_NATIONALE, "62637"),
    PartnerSpec("Collège Jean Macé", K.COLLEGE, F.EDUCATION_NATIONALE, "62215"),
    PartnerSpec("École Jules Ferry", K.ECOLE, F.EDUCATION_NATIONALE, "62250"),
    PartnerSpec("Pas-de-Calais Habitat", K.BAILLEUR, F.LOGEMENT, None),
    PartnerSpec("SIA Habitat", K.BAILLEUR, F.LOGEMENT, None),
    PartnerSpec("Maisons et Cités", K.BAILLEUR, F.LOGEMENT, None),
    PartnerSpec("ADAE 62", K.JUSTICE, F.JUSTICE, None),
    PartnerSpec("Maison des adolescents (MDA)", K.SANTE, F.SANTE, "62498"),
    PartnerSpec("CLSM CAHC", K.SANTE, F.SANTE, "62427"),
    PartnerSpec("CCAS de Courrières", K.CCAS, F.SOCIAL, "62250"),
    PartnerSpec("ASE — Direction territoriale Lens-Hénin", K.ASE, F.PROTECTION_ENFANCE, "62498"),
    PartnerSpec("UFOLEP 62", K.ASSOCIATION, F.SPORT_CULTURE, None),
    PartnerSpec("Compagnons bâtisseurs", K.ASSOCIATION, F.SPORT_CULTURE, None),
    PartnerSpec("Centre social Darcy", K.ASSOCIATION, F.EDUCATION_POPULAIRE, "62427"),
    PartnerSpec("CHRS L'Abri", K.CHRS, F.LOGEMENT, "62498"),
    PartnerSpec("Commissariat de Carvin", K.JUSTICE, F.JUSTICE, "62215"),
]

FUNDERS = [
    ("Département du Pas-de-Calais", Funder.Kind.DEPARTEMENT),
    ("Communauté d'agglomération d'Hénin-Carvin", Funder.Kind.EPCI),
    ("Communauté d'agglomération de Lens-Liévin", Funder.Kind.EPCI),
    ("CAF du Pas-de-Calais", Funder.Kind.CAF),
    ("État — DDETS du Pas-de-Calais", Funder.Kind.ETAT),
    ("État — Politique de la ville", Funder.Kind.ETAT),
    ("FIPDR", Funder.Kind.ETAT),
    ("SIA Habitat", Funder.Kind.BAILLEUR),
    ("Ville d'Hénin-Beaumont", Funder.Kind.COMMUNE),
]


@dataclass(frozen=True)
class ConventionSpec:
    funder: str
    dispositif: str
    title: str
    amount: int  # euros, the first year covered (funding moves by 3 % a year)
    capacity: int | None = None
    capacity_unit: str = ""
    is_call_for_projects: bool = False
    funds_employment: bool = False
    epci: str | None = None  # short name, for the conventions of one territory
    # (month, day) a convention year starts on when it does not follow the calendar
    year_starts: tuple[int, int] | None = None


CONVENTIONS = [
    ConventionSpec(
        "Département du Pas-de-Calais",
        "sps",
        "Prévention spécialisée — CPOM",
        420000,
        capacity=6,
        capacity_unit="etp",
        funds_employment=True,
    ),
    ConventionSpec(
        "Ville d'Hénin-Beaumont",
        "emps",
        "EMPS — équipe mobile",
        180000,
        capacity=4,
        capacity_unit="etp",
        funds_employment=True,
    ),
    ConventionSpec(
        "État — Politique de la ville",
        "emps",
        "Quartiers d'été",
        12000,
        is_call_for_projects=True,
    ),
    ConventionSpec(
        "FIPDR", "emps", "Prévention de la délinquance", 15000, is_call_for_projects=True
    ),
    ConventionSpec(
        "Département du Pas-de-Calais",
        "fsl-asll",
        "FSL ASLL — CAHC",
        54000,
        capacity=60,
        capacity_unit="points",
        funds_employment=True,
        epci="CAHC",
    ),
    ConventionSpec(
        "Département du Pas-de-Calais",
        "fsl-asll",
        "FSL ASLL — CALL",
        36000,
        capacity=40,
        capacity_unit="points",
        funds_employment=True,
        epci="CALL",
    ),
    # 14 renforcées or 28 simples: the capacity counts weights (simple 1, renforcée 2).
    ConventionSpec(
        "Département du Pas-de-Calais",
        "asl-jeunes-ase",
        "ASL Jeunes ASE",
        42000,
        capacity=28,
        capacity_unit="points",
        funds_employment=True,
        year_starts=(10, 1),
    ),
    ConventionSpec(
        "État — DDETS du Pas-de-Calais",
        "alt-jeunes",
        "ALT Jeunes",
        38000,
        capacity=12,
        capacity_unit="places",
    ),
    ConventionSpec(
        "Communauté d'agglomération d'Hénin-Carvin",
        "cllaj",
        "CLLAJ",
        45000,
        funds_employment=True,
    ),
    ConventionSpec(
        "Département du Pas-de-Calais",
        "tremplins-duo",
        "Tremplins Duo",
        60000,
        capacity=10,
        capacity_unit="places",
        is_call_for_projects=True,
        funds_employment=True,
    ),
    ConventionSpec(
        "CAF du Pas-de-Calais",
        "clas",
        "CLAS",
        18000,
        capacity=40,
        capacity_unit="personnes",
        is_call_for_projects=True,
    ),
    ConventionSpec(
        "SIA Habitat",
        "addi",
        "Aide aux devoirs à domicile",
        9000,
        capacity=20,
        capacity_unit="personnes",
        is_call_for_projects=True,
    ),
]


@dataclass(frozen=True)
class Position:
    service: str | None  # None: the association
    category: str
    title: str
    etp: str
    etp_departement: str = "0"
    etp_communes: str = "0"
    # The EMPS started in May of the first year covered; the CLLAJ adviser came last March.
    starts: str = "first-year"  # or "emps-start", "last-march"


C = StaffPosition.Category
STAFF = [
    Position(None, C.DIRECTION, "Directeur", "1"),
    Position("prevention", C.DIRECTION, "Chef de service éducatif", "1", "1"),
    Position(None, C.DIRECTION, "Secrétaire", "0.72", "0.72"),
    Position(None, C.DIRECTION, "Comptable", "0.72", "0.72"),
    Position(None, C.SERVICES_GENERAUX, "Agent d'entretien", "0.38", "0.38"),
    Position("prevention", C.EDUCATIF, "Éducateur spécialisé", "6", "6"),
    Position("emps", C.EDUCATIF, "Éducateur spécialisé (EMPS)", "4", "0", "4", "emps-start"),
    Position("habitat", C.DIRECTION, "Cheffe de service habitat", "1"),
    Position("habitat", C.EDUCATIF, "Travailleur social habitat", "5", "2", "1"),
    Position("scolaire", C.EDUCATIF, "Animateur accompagnement scolaire", "2.5"),
    Position("scolaire", C.AUTRE, "Aide éducateur accompagnant scolaire", "1"),
    Position("habitat", C.EDUCATIF, "Conseillère logement CLLAJ", "1", starts="last-march"),
]

# What each post does (rapport SPS 2023, IV.1 « Préciser les missions et le rôle de chaque
# professionnel »), by post title.
MISSIONS = {
    "Directeur": "Direction générale de l'association",
    "Chef de service éducatif": "Pilotage des services, animation des équipes éducatives",
    "Secrétaire": (
        "Accueil physique et téléphonique ; comptes rendus de réunions ; saisie des appels à "
        "projets et des bilans des financements ; secrétariat"
    ),
    "Comptable": "Gestion financière, paie, suivi des conventions",
    "Agent d'entretien": "Entretien des locaux",
    "Éducateur spécialisé": (
        "Présence sociale ; actions collectives ; accompagnement éducatif individualisé ; "
        "actions partenariales ; développement social local"
    ),
    "Éducateur spécialisé (EMPS)": (
        "Travail de rue et présence sociale sur les communes de l'EMPS ; accompagnements ; "
        "actions collectives"
    ),
    "Cheffe de service habitat": "Pilotage du service habitat",
    "Travailleur social habitat": "Accompagnement vers et dans le logement",
    "Animateur accompagnement scolaire": "Animation des programmes d'accompagnement scolaire",
    "Aide éducateur accompagnant scolaire": "Aide aux devoirs, lien avec les familles",
    "Conseillère logement CLLAJ": "Information et accompagnement logement des jeunes",
}
