"""Demo data of the shared domain: accounts, staff, partners, funders and conventions, persons
and households over the last two complete calendar years and the current year to date.

Everything is drawn from a seeded random generator, so two runs build the same association.
Later apps add their own module with `seed(context)` and `reset()` (see seed_demo).
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import Group

from rl_portal.models import (
    CaseFile,
    Commune,
    Composition,
    Convention,
    Dispositif,
    Funder,
    Household,
    HouseholdMember,
    Partner,
    Person,
    Quartier,
    ResourceType,
    Service,
    Sex,
    StaffPosition,
    User,
    search_key,
)
from rl_portal.roles import Role

DEMO_PASSWORD = "demo"

# username, first name, last name, role, services, job title
DEMO_ACCOUNTS = [
    ("admin", "Alex", "Martin", Role.ADMINISTRATEUR, [], "Administrateur technique"),
    ("direction", "Sébastien", "Plateau", Role.DIRECTION, [], "Directeur"),
    ("secretariat", "Nadia", "Lefebvre", Role.SECRETARIAT, [], "Secrétaire"),
    (
        "chef.prevention",
        "Karim",
        "Benali",
        Role.CHEF_SERVICE,
        ["prevention", "emps"],
        "Chef de service",
    ),
    (
        "educ.prevention",
        "Julie",
        "Dupont",
        Role.EDUCATEUR,
        ["prevention"],
        "Éducatrice spécialisée",
    ),
    (
        "chef.habitat",
        "Claire",
        "Vasseur",
        Role.CHEF_SERVICE,
        ["habitat"],
        "Cheffe de service habitat",
    ),
    ("educ.habitat", "Thomas", "Lemaire", Role.EDUCATEUR, ["habitat"], "Travailleur social"),
    ("educ.scolaire", "Inès", "Caron", Role.EDUCATEUR, ["scolaire"], "Animatrice scolaire"),
]

FIRST_NAMES_F = [
    "Inès",
    "Léa",
    "Jade",
    "Chloé",
    "Manon",
    "Emma",
    "Lina",
    "Camille",
    "Sarah",
    "Louise",
    "Zoé",
    "Maëlys",
    "Lola",
    "Anaïs",
    "Yasmine",
    "Nour",
    "Océane",
    "Clara",
    "Eva",
    "Justine",
    "Lou",
    "Mila",
    "Ambre",
    "Romane",
    "Salomé",
    "Assia",
    "Kenza",
    "Lilou",
    "Margaux",
    "Nina",
]
FIRST_NAMES_M = [
    "Lucas",
    "Enzo",
    "Nathan",
    "Hugo",
    "Théo",
    "Mathis",
    "Noah",
    "Rayan",
    "Adam",
    "Tom",
    "Kylian",
    "Yanis",
    "Louis",
    "Ethan",
    "Axel",
    "Bilal",
    "Mehdi",
    "Nolan",
    "Maxime",
    "Dylan",
    "Sacha",
    "Killian",
    "Ilyes",
    "Gabriel",
    "Jules",
    "Evan",
    "Timéo",
    "Anis",
    "Loris",
    "Samy",
]
NICKNAMES = [
    "Titi",
    "Jojo",
    "Nono",
    "Dédé",
    "Mimi",
    "Lulu",
    "Bibi",
    "Kiki",
    "Momo",
    "Zizou",
    "Chouchou",
    "Pitchoun",
]

# Communes where each service works (INSEE codes) — those of the reports.
SERVICE_COMMUNES = {
    "prevention": ["62215", "62250", "62907", "62637"],  # Carvin, Courrières, Libercourt, Oignies
    "emps": ["62427", "62587", "62724", "62321"],  # Hénin-Beaumont, Montigny, Rouvroy, Évin
    "habitat": ["62427", "62215", "62498", "62510", "62250", "62637", "62907", "62413"],
    "scolaire": ["62250", "62907", "62637"],
}
# Age range of each service's public at the time of its first record.
SERVICE_AGES = {
    "prevention": (9, 22),
    "emps": (8, 24),
    "habitat": (18, 35),
    "scolaire": (6, 15),
}
PERSONS_PER_SERVICE_YEAR = {"prevention": 130, "emps": 40, "habitat": 45, "scolaire": 30}

PARTNERS = [
    ("MDS de Carvin", Partner.Kind.MDS, Partner.Field.SOCIAL, "62215"),
    ("MDS d'Hénin-Beaumont", Partner.Kind.MDS, Partner.Field.SOCIAL, "62427"),
    ("Mission locale de l'Artois", Partner.Kind.MISSION_LOCALE, Partner.Field.INSERTION, "62427"),
    ("Collège Jean Jaurès", Partner.Kind.COLLEGE, Partner.Field.EDUCATION_NATIONALE, "62250"),
    (
        "Collège Adulphe Delegorgue",
        Partner.Kind.COLLEGE,
        Partner.Field.EDUCATION_NATIONALE,
        "62250",
    ),
    (
        "Collège Jean de Saint-Aubert",
        Partner.Kind.COLLEGE,
        Partner.Field.EDUCATION_NATIONALE,
        "62907",
    ),
    ("Collège Pasteur", Partner.Kind.COLLEGE, Partner.Field.EDUCATION_NATIONALE, "62637"),
    ("Collège Jean Macé", Partner.Kind.COLLEGE, Partner.Field.EDUCATION_NATIONALE, "62215"),
    ("École Jules Ferry", Partner.Kind.ECOLE, Partner.Field.EDUCATION_NATIONALE, "62250"),
    ("Pas-de-Calais Habitat", Partner.Kind.BAILLEUR, Partner.Field.LOGEMENT, None),
    ("SIA Habitat", Partner.Kind.BAILLEUR, Partner.Field.LOGEMENT, None),
    ("Maisons et Cités", Partner.Kind.BAILLEUR, Partner.Field.LOGEMENT, None),
    ("ADAE 62", Partner.Kind.JUSTICE, Partner.Field.JUSTICE, None),
    ("Maison des adolescents (MDA)", Partner.Kind.SANTE, Partner.Field.SANTE, "62498"),
    ("CLSM CAHC", Partner.Kind.SANTE, Partner.Field.SANTE, "62427"),
    ("CCAS de Courrières", Partner.Kind.CCAS, Partner.Field.SOCIAL, "62250"),
    (
        "ASE — Direction territoriale Lens-Hénin",
        Partner.Kind.ASE,
        Partner.Field.PROTECTION_ENFANCE,
        "62498",
    ),
    ("UFOLEP 62", Partner.Kind.ASSOCIATION, Partner.Field.SPORT_CULTURE, None),
    ("Compagnons bâtisseurs", Partner.Kind.ASSOCIATION, Partner.Field.SPORT_CULTURE, None),
    ("Centre social Darcy", Partner.Kind.ASSOCIATION, Partner.Field.EDUCATION_POPULAIRE, "62427"),
    ("CHRS L'Abri", Partner.Kind.CHRS, Partner.Field.LOGEMENT, "62498"),
    ("Commissariat de Carvin", Partner.Kind.JUSTICE, Partner.Field.JUSTICE, "62215"),
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

# funder, dispositif, title, capacity, unit, amount, call for projects, funds employment,
# epci short name, (start month, day) of a convention year that does not follow the calendar
CONVENTIONS = [
    (
        "Département du Pas-de-Calais",
        "sps",
        "Prévention spécialisée — CPOM",
        6,
        "etp",
        420000,
        False,
        True,
        None,
        None,
    ),
    (
        "Ville d'Hénin-Beaumont",
        "emps",
        "EMPS — équipe mobile",
        4,
        "etp",
        180000,
        False,
        True,
        None,
        None,
    ),
    (
        "État — Politique de la ville",
        "emps",
        "Quartiers d'été",
        None,
        "",
        12000,
        True,
        False,
        None,
        None,
    ),
    ("FIPDR", "emps", "Prévention de la délinquance", None, "", 15000, True, False, None, None),
    (
        "Département du Pas-de-Calais",
        "fsl-asll",
        "FSL ASLL — CAHC",
        60,
        "points",
        54000,
        False,
        True,
        "CAHC",
        None,
    ),
    (
        "Département du Pas-de-Calais",
        "fsl-asll",
        "FSL ASLL — CALL",
        40,
        "points",
        36000,
        False,
        True,
        "CALL",
        None,
    ),
    (
        "Département du Pas-de-Calais",
        "asl-jeunes-ase",
        "ASL Jeunes ASE",
        # 14 renforcées or 28 simples: the capacity counts weights (simple 1, renforcée 2).
        28,
        "points",
        42000,
        False,
        True,
        None,
        (10, 1),
    ),
    (
        "État — DDETS du Pas-de-Calais",
        "alt-jeunes",
        "ALT Jeunes",
        12,
        "places",
        38000,
        False,
        False,
        None,
        None,
    ),
    (
        "Communauté d'agglomération d'Hénin-Carvin",
        "cllaj",
        "CLLAJ",
        None,
        "",
        45000,
        False,
        True,
        None,
        None,
    ),
    (
        "Département du Pas-de-Calais",
        "tremplins-duo",
        "Tremplins Duo",
        10,
        "places",
        60000,
        True,
        True,
        None,
        None,
    ),
    ("CAF du Pas-de-Calais", "clas", "CLAS", 40, "personnes", 18000, True, False, None, None),
    (
        "SIA Habitat",
        "addi",
        "Aide aux devoirs à domicile",
        20,
        "personnes",
        9000,
        True,
        False,
        None,
        None,
    ),
]

# service code (None: the association), category, title, ETP, of which CD62, of which communes
STAFF = [
    (None, StaffPosition.Category.DIRECTION, "Directeur", "1", "0", "0"),
    ("prevention", StaffPosition.Category.DIRECTION, "Chef de service éducatif", "1", "1", "0"),
    (None, StaffPosition.Category.DIRECTION, "Secrétaire", "0.72", "0.72", "0"),
    (None, StaffPosition.Category.DIRECTION, "Comptable", "0.72", "0.72", "0"),
    (None, StaffPosition.Category.SERVICES_GENERAUX, "Agent d'entretien", "0.38", "0.38", "0"),
    ("prevention", StaffPosition.Category.EDUCATIF, "Éducateur spécialisé", "6", "6", "0"),
    ("emps", StaffPosition.Category.EDUCATIF, "Éducateur spécialisé (EMPS)", "4", "0", "4"),
    ("habitat", StaffPosition.Category.DIRECTION, "Cheffe de service habitat", "1", "0", "0"),
    ("habitat", StaffPosition.Category.EDUCATIF, "Travailleur social habitat", "5", "2", "1"),
    (
        "scolaire",
        StaffPosition.Category.EDUCATIF,
        "Animateur accompagnement scolaire",
        "2.5",
        "0",
        "0",
    ),
    (
        "scolaire",
        StaffPosition.Category.AUTRE,
        "Aide éducateur accompagnant scolaire",
        "1",
        "0",
        "0",
    ),
]


@dataclass
class DemoContext:
    """What the seeders share: the generator, the dates covered and what earlier seeders made."""

    rng: random.Random
    today: datetime.date
    users: dict[str, User] = field(default_factory=dict)
    services: dict[str, Service] = field(default_factory=dict)
    persons_by_service: dict[str, list[Person]] = field(default_factory=dict)

    @property
    def years(self) -> list[int]:
        """The last two complete calendar years and the current one (to date)."""
        return [self.today.year - 2, self.today.year - 1, self.today.year]

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.years[0], 1, 1)

    def random_date(self, start: datetime.date, end: datetime.date) -> datetime.date:
        return start + datetime.timedelta(days=self.rng.randint(0, max((end - start).days, 0)))


def reset() -> None:
    """Remove the demo records of the shared domain (référentiels loaded by migrations stay)."""
    HouseholdMember.objects.all().delete()
    Household.objects.all().delete()
    CaseFile.objects.all().delete()
    Person.objects.all().delete()
    Convention.objects.all().delete()
    Funder.objects.all().delete()
    StaffPosition.objects.all().delete()
    Partner.objects.all().delete()
    User.objects.filter(username__in=[account[0] for account in DEMO_ACCOUNTS]).delete()


def seed(context: DemoContext) -> None:
    context.services = {service.code: service for service in Service.objects.all()}
    _seed_accounts(context)
    _seed_partners_funders_staff(context)
    _seed_persons(context)
    _seed_households(context)


def _seed_accounts(context: DemoContext) -> None:
    groups = {group.name: group for group in Group.objects.all()}
    for username, first, last, role, service_codes, job in DEMO_ACCOUNTS:
        user, _ = User.objects.update_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@rl-portal.example",
                "job_title": job,
                # Chefs de service keep their référentiels (problématiques, quartiers,
                # partenaires) in the Django admin.
                "is_staff": role in (Role.ADMINISTRATEUR, Role.CHEF_SERVICE),
                "is_superuser": role == Role.ADMINISTRATEUR,
                "is_active": True,
            },
        )
        # The demo password is deliberately short; it bypasses the validators (seed_demo refuses
        # to run with DEBUG off unless forced).
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        user.groups.set([groups[role.label]])
        user.services.set([context.services[code] for code in service_codes])
        context.users[username] = user


def _seed_partners_funders_staff(context: DemoContext) -> None:
    communes = {c.insee_code: c for c in Commune.objects.exclude(insee_code=None)}
    Partner.objects.bulk_create(
        [
            Partner(name=name, kind=kind, field=field_, commune=communes.get(insee))
            for name, kind, field_, insee in PARTNERS
        ]
    )
    funders = {name: Funder.objects.create(name=name, kind=kind) for name, kind in FUNDERS}
    dispositifs = {d.code: d for d in Dispositif.objects.all()}
    epcis = {c.epci.short_name: c.epci for c in communes.values() if c.epci}
    conventions = []
    # Conventions over October → September: the one signed this autumn is in force too.
    for year in [*context.years, context.years[-1] + 1]:
        for (
            funder,
            dispositif,
            title,
            capacity,
            unit,
            amount,
            call,
            jobs,
            epci,
            start_md,
        ) in CONVENTIONS:
            if start_md:
                start = datetime.date(year - 1, *start_md)
                end = datetime.date(year, start_md[0], start_md[1]) - datetime.timedelta(days=1)
                if start > context.today:
                    continue
            elif year > context.years[-1]:
                continue
            else:
                start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
            # Funding moves a little from year to year, as it does.
            growth = Decimal(1 + 0.03 * (year - context.years[0]))
            conventions.append(
                Convention(
                    funder=funders[funder],
                    dispositif=dispositifs[dispositif],
                    title=f"{title} {year}",
                    epci=epcis.get(epci),
                    start=start,
                    end=end,
                    capacity=capacity,
                    capacity_unit=unit,
                    amount=(Decimal(amount) * growth).quantize(Decimal("1")),
                    is_call_for_projects=call,
                    funds_employment=jobs,
                )
            )
    Convention.objects.bulk_create(conventions)

    positions = []
    for code, category, title, etp, etp_cd62, etp_communes in STAFF:
        # The EMPS started in May of the first year covered; habitat grew by one post last year.
        start = context.start if code != "emps" else datetime.date(context.years[0], 5, 1)
        positions.append(
            StaffPosition(
                service=context.services.get(code) if code else None,
                category=category,
                title=title,
                etp=Decimal(etp),
                etp_departement=Decimal(etp_cd62),
                etp_communes=Decimal(etp_communes),
                start=start,
            )
        )
    positions.append(
        StaffPosition(
            service=context.services["habitat"],
            category=StaffPosition.Category.EDUCATIF,
            title="Conseillère logement CLLAJ",
            etp=Decimal("1"),
            start=datetime.date(context.years[1], 3, 1),
        )
    )
    StaffPosition.objects.bulk_create(positions)


def _pseudonym(rng: random.Random, sex: str) -> str:
    if rng.random() < 0.06:
        return rng.choice(NICKNAMES)
    names = FIRST_NAMES_F if sex == Sex.FEMALE else FIRST_NAMES_M
    if sex in (Sex.NON_BINARY, Sex.UNKNOWN):
        names = FIRST_NAMES_F + FIRST_NAMES_M
    return rng.choice(names)


def _seed_persons(context: DemoContext) -> None:
    rng = context.rng
    communes = {c.insee_code: c for c in Commune.objects.exclude(insee_code=None)}
    other_territory = Commune.objects.filter(insee_code=None).first()
    quartiers: dict[int, list[Quartier]] = {}
    for quartier in Quartier.objects.all():
        quartiers.setdefault(quartier.commune_id, []).append(quartier)

    planned: list[tuple[Person, str, datetime.date]] = []
    for service_code, per_year in PERSONS_PER_SERVICE_YEAR.items():
        for year in context.years:
            year_end = min(datetime.date(year, 12, 31), context.today)
            # The current year is partial: fewer new persons so far.
            count = per_year if year < context.today.year else per_year * context.today.month // 12
            for _ in range(count):
                opened_on = context.random_date(datetime.date(year, 1, 1), year_end)
                sex = rng.choices(
                    [Sex.FEMALE, Sex.MALE, Sex.NON_BINARY, Sex.UNKNOWN], weights=[44, 52, 1, 3]
                )[0]
                low, high = SERVICE_AGES[service_code]
                age = rng.randint(low, high)
                birth_date = birth_year = None
                precision = rng.random()
                if precision < 0.55:
                    birth_date = opened_on - datetime.timedelta(
                        days=age * 365 + rng.randint(0, 364)
                    )
                elif precision < 0.93:
                    birth_year = opened_on.year - age
                # else: age unknown, as happens in street work.
                if rng.random() < 0.05:
                    commune = other_territory
                else:
                    commune = communes[rng.choice(SERVICE_COMMUNES[service_code])]
                quartier = None
                if commune and commune.pk in quartiers and rng.random() < 0.6:
                    quartier = rng.choice(quartiers[commune.pk])
                person = Person(
                    pseudonym=_pseudonym(rng, sex),
                    sex=sex,
                    birth_date=birth_date,
                    birth_year=birth_date.year if birth_date else birth_year,
                    commune=commune,
                    quartier=quartier,
                    ase_history=rng.choices([None, True, False], weights=[40, 12, 48])[0],
                    version=1,
                )
                person.search_key = search_key(person.pseudonym)
                planned.append((person, service_code, opened_on))

    Person.objects.bulk_create([person for person, _, _ in planned])
    openers = {
        "prevention": context.users["educ.prevention"],
        "emps": context.users["chef.prevention"],
        "habitat": context.users["educ.habitat"],
        "scolaire": context.users["educ.scolaire"],
    }
    case_files = [
        CaseFile(
            person=person,
            service=context.services[code],
            opened_on=opened_on,
            opened_by=openers[code],
        )
        for person, code, opened_on in planned
    ]
    # Some youths met by prevention are also known to habitat or scolaire (cross-service cases).
    for person, code, opened_on in planned:
        if code == "prevention" and rng.random() < 0.06:
            case_files.append(
                CaseFile(
                    person=person,
                    service=context.services["scolaire"],
                    opened_on=opened_on,
                    opened_by=openers["scolaire"],
                )
            )
    CaseFile.objects.bulk_create(case_files)
    for person, code, _ in planned:
        context.persons_by_service.setdefault(code, []).append(person)


def _seed_households(context: DemoContext) -> None:
    """Households for the habitat service's persons: the person applies alone or with others."""
    rng = context.rng
    compositions = [
        (Composition.SINGLE, 60),
        (Composition.COUPLE, 10),
        (Composition.COUPLE_WITH_CHILDREN, 8),
        (Composition.SINGLE_PARENT, 18),
        (Composition.SHARED, 4),
    ]
    resource_types = [
        (ResourceType.SALARY, 25),
        (ResourceType.CEJ, 18),
        (ResourceType.RSA, 20),
        (ResourceType.ARE, 10),
        (ResourceType.APJM, 7),
        (ResourceType.AAH, 5),
        (ResourceType.NONE, 15),
    ]
    households, memberships = [], []
    for person in context.persons_by_service.get("habitat", []):
        composition = rng.choices(*zip(*compositions, strict=True))[0]
        resource = rng.choices(*zip(*resource_types, strict=True))[0]
        amount = (
            Decimal("0") if resource == ResourceType.NONE else Decimal(rng.randrange(450, 1900, 10))
        )
        households.append(
            Household(
                label=f"Ménage de {person.pseudonym}",
                composition=composition,
                monthly_resources=amount,
                main_resource_type=resource,
                commune=person.commune,
            )
        )
    Household.objects.bulk_create(households)
    for household, person in zip(
        households, context.persons_by_service.get("habitat", []), strict=True
    ):
        memberships.append(
            HouseholdMember(household=household, person=person, role=HouseholdMember.Role.APPLICANT)
        )
    HouseholdMember.objects.bulk_create(memberships)
