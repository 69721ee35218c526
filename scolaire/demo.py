"""Demo data of the accompagnement scolaire: the three programmes of the association's report
(ADDI in Rouvroy with the bailleur SIA Habitat, the accompagnement scolaire of Carvin with the
CAF, the Évin-Malmaison experiment with the plan pauvreté) for every school year the demo
covers (see rl_portal.demo), their children, weekly sessions with the roll call, and a few
referrals of a child's situation to prevention.

About a hundred children a school year (ADDI ~15, Carvin ~60 half primaire half collège, Évin
~25); about 60 % of them come back the next school year, one level up. Sessions follow the
school calendar of zone B (Lille academy), roughly: from the third week after the rentrée to
the end of June, none during the holidays and on public holidays. The school year under way on
1 January of the first year covered is recorded from January only: the demo's history starts
there, like every other service's.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from auditlog.context import disable_auditlog
from dateutil.easter import easter
from django.db.models import Q

from rl_portal.demo import DemoContext, _pseudonym
from rl_portal.models import CaseFile, Commune, Funder, Partner, Person, Quartier, Sex, search_key
from scolaire.models import (
    PRIMARY_LEVELS,
    Attendance,
    Enrolment,
    Level,
    Programme,
    Referral,
    Session,
    school_year_of,
)

DAY = datetime.timedelta(days=1)
T = datetime.time
LEVELS = list(Level.values)  # CP … 3e: index 0 is CP (6 years old in the school year), 8 is 3e
COLLEGE_LEVELS = [level for level in LEVELS if level not in PRIMARY_LEVELS]
PRIMARY_WEIGHTS = [22, 22, 20, 18, 18]
COLLEGE_WEIGHTS = [35, 30, 20, 15]

# Funders of the programmes; the first two come with the shared demo.
FUNDERS = {
    "SIA Habitat": Funder.Kind.BAILLEUR,
    "CAF du Pas-de-Calais": Funder.Kind.CAF,
    "État — Plan pauvreté": Funder.Kind.ETAT,
}
NEW_FUNDERS = ["État — Plan pauvreté"]

# Schools of the children's communes besides those of the shared demo (name, kind, commune).
NEW_SCHOOLS = [
    ("École Paul Langevin", Partner.Kind.ECOLE, "Rouvroy"),
    ("École Henri Barbusse", Partner.Kind.ECOLE, "Rouvroy"),
    ("Collège Anatole France", Partner.Kind.COLLEGE, "Rouvroy"),
    ("École Louise Michel", Partner.Kind.ECOLE, "Carvin"),
    ("École Victor Hugo", Partner.Kind.ECOLE, "Carvin"),
    ("École Jean Jaurès", Partner.Kind.ECOLE, "Carvin"),
    ("Collège Anne Frank", Partner.Kind.COLLEGE, "Carvin"),
    ("École Pablo Picasso", Partner.Kind.ECOLE, "Évin-Malmaison"),
    ("École Jacques Prévert", Partner.Kind.ECOLE, "Évin-Malmaison"),
    ("École Jean Moulin", Partner.Kind.ECOLE, "Oignies"),
    ("École Joliot-Curie", Partner.Kind.ECOLE, "Libercourt"),
]

# The team: animateurs (salariés) and bénévoles.
SALARIES = ["Inès Caron", "Farid Belkacem", "Mélanie Duhamel"]
BENEVOLES = ["Jacqueline Wattez", "Gérard Lecomte", "Samira Boukhari", "Michel Dubar"]


@dataclass(frozen=True)
class ProgrammeSpec:
    name: str
    kind: str
    commune: str
    public: str
    funder: str
    site: str
    children: tuple[int, int]  # children a school year, low and high
    # Share of primaire children among the new ones; None: as many primaire as collège.
    primary_share: float | None
    # (weekday, start, end) of the weekly sessions
    slots: tuple[tuple[int, datetime.time, datetime.time], ...]
    salaries: tuple[str, ...]
    benevoles: tuple[str, ...]
    neighbours: tuple[str, ...]  # where the children not from the commune live
    reuses_shared_children: bool = False


PROGRAMMES = [
    ProgrammeSpec(
        name="ADDI Rouvroy",
        kind=Programme.Kind.ADDI,
        commune="Rouvroy",
        public=Programme.Public.BOTH,
        funder="SIA Habitat",
        site="À domicile",
        children=(13, 17),
        primary_share=0.7,
        # Short sessions at the families' homes, three evenings a week.
        slots=((0, T(17, 0), T(18, 0)), (1, T(17, 0), T(18, 0)), (3, T(17, 15), T(18, 15))),
        salaries=("Mélanie Duhamel", "Farid Belkacem"),
        benevoles=("Jacqueline Wattez",),
        neighbours=(),
    ),
    ProgrammeSpec(
        name="Accompagnement scolaire Carvin",
        kind=Programme.Kind.ACCOMPANIMENT,
        commune="Carvin",
        public=Programme.Public.BOTH,
        funder="CAF du Pas-de-Calais",
        site="Salle Léo Lagrange, Carvin",
        children=(56, 64),
        primary_share=None,
        slots=((1, T(16, 30), T(18, 0)), (3, T(16, 30), T(18, 0))),
        salaries=("Inès Caron", "Farid Belkacem"),
        benevoles=("Gérard Lecomte", "Samira Boukhari", "Michel Dubar"),
        neighbours=("Libercourt", "Oignies", "Courrières"),
        reuses_shared_children=True,
    ),
    ProgrammeSpec(
        name="Expérimentation Évin-Malmaison",
        kind=Programme.Kind.EXPERIMENT,
        commune="Évin-Malmaison",
        public=Programme.Public.PRIMARY,
        funder="État — Plan pauvreté",
        site="Centre socio-culturel Gino Sanna, Évin-Malmaison",
        children=(22, 28),
        primary_share=1.0,
        slots=((2, T(14, 0), T(16, 0)),),
        salaries=("Inès Caron", "Mélanie Duhamel"),
        benevoles=("Jacqueline Wattez",),
        neighbours=("Leforest", "Courcelles-lès-Lens"),
    ),
]

REFERRAL_REASONS = [
    "Absences répétées depuis la rentrée et repli sur soi ; la mère demande de l'aide.",
    "Conflits avec des jeunes plus âgés du quartier à la sortie du collège.",
    "Décrochage en classe, deux exclusions temporaires ce trimestre.",
    "Tensions familiales importantes évoquées par l'enfant pendant l'aide aux devoirs.",
    "Harcèlement subi sur les réseaux sociaux, l'enfant ne veut plus aller au collège.",
    "Traîne tard le soir dans le quartier, la famille est dépassée.",
    "Comportement agressif pendant les séances, la famille est d'accord pour un relais.",
]


def reset() -> None:
    """Remove every scolaire record (children first); the persons go with rl_portal.demo."""
    # Bulk-written demo rows were never journalled: their deletion is not journalled either.
    with disable_auditlog():
        Attendance.objects.all().delete()
        Session.objects.all().delete()
        Referral.objects.all().delete()
        Enrolment.objects.all().delete()
        Programme.objects.all().delete()
        schools = Q()
        for name, kind, _ in NEW_SCHOOLS:
            schools |= Q(name=name, kind=kind)
        Partner.objects.filter(schools).delete()
        Funder.objects.filter(name__in=NEW_FUNDERS, conventions__isnull=True).delete()


# --------------------------------------------------------------------------------------------
# School calendar
# --------------------------------------------------------------------------------------------


def _saturday_from(day: datetime.date) -> datetime.date:
    return day + ((5 - day.weekday()) % 7) * DAY


def _closed_days(year: int) -> set[datetime.date]:
    """Holidays (zone B, approximately) and public holidays of the school year `year`."""
    closed = set()
    for start in (
        _saturday_from(datetime.date(year, 10, 17)),  # Toussaint
        _saturday_from(datetime.date(year, 12, 17)),  # Noël
        _saturday_from(datetime.date(year + 1, 2, 18)),  # hiver
        _saturday_from(datetime.date(year + 1, 4, 18)),  # printemps
    ):
        closed.update(start + offset * DAY for offset in range(16))
    easter_day = easter(year + 1)
    closed.update(
        {
            datetime.date(year, 11, 1),
            datetime.date(year, 11, 11),
            datetime.date(year + 1, 5, 1),
            datetime.date(year + 1, 5, 8),
            easter_day + DAY,  # lundi de Pâques
            easter_day + 39 * DAY,  # Ascension
            easter_day + 40 * DAY,  # pont de l'Ascension
            easter_day + 50 * DAY,  # lundi de Pentecôte
        }
    )
    return closed


def _activity_period(year: int) -> tuple[datetime.date, datetime.date]:
    """From the Monday of the third week of school to the end of June."""
    rentree = datetime.date(year, 9, 1)
    while rentree.weekday() >= 5:
        rentree += DAY
    start = rentree + 14 * DAY
    return start - start.weekday() * DAY, datetime.date(year + 1, 6, 26)


# --------------------------------------------------------------------------------------------
# Planning in memory
# --------------------------------------------------------------------------------------------


@dataclass
class Planned:
    """An enrolment being planned, with the child's attendance habit."""

    enrolment: Enrolment
    level: int
    presence: float


@dataclass
class Env:
    context: DemoContext
    communes: dict[str, Commune]
    quartiers: dict[int, list[Quartier]]
    schools: dict[tuple[int, str], list[Partner]]
    funders: dict[str, Funder]
    persons: list[Person] = field(default_factory=list)
    programmes: list[Programme] = field(default_factory=list)
    programme_funders: list[tuple[Programme, Funder]] = field(default_factory=list)
    enrolments: list[Planned] = field(default_factory=list)
    sessions: list[tuple[Session, list[Planned]]] = field(default_factory=list)
    # Sessions dates of each programme, to date a referral on one of them.
    session_dates: dict[int, list[datetime.date]] = field(default_factory=dict)
    first_start: dict[int, datetime.date] = field(default_factory=dict)  # id(person) → start

    @property
    def rng(self):
        return self.context.rng

    def school(self, commune: Commune | None, level: int) -> Partner | None:
        kind = Partner.Kind.ECOLE if LEVELS[level] in PRIMARY_LEVELS else Partner.Kind.COLLEGE
        candidates = self.schools.get((commune.pk, kind), []) if commune else []
        return self.rng.choice(candidates) if candidates else None


def seed(context: DemoContext) -> None:
    env = _environment(context)
    reusable = _reusable_children(env)
    first_year = school_year_of(context.start)
    previous: dict[str, list[Planned]] = {}
    for year in range(first_year, school_year_of(context.today) + 1):
        for spec in PROGRAMMES:
            previous[spec.name] = _plan_programme_year(
                env, spec, year, previous.get(spec.name, []), reusable
            )
    referrals = _plan_referrals(env)
    _write(env, referrals, reusable)


def _environment(context: DemoContext) -> Env:
    communes = {c.name: c for c in Commune.objects.exclude(insee_code=None)}
    quartiers: dict[int, list[Quartier]] = {}
    for quartier in Quartier.objects.order_by("pk"):
        quartiers.setdefault(quartier.commune_id, []).append(quartier)
    funders = {}
    for name, kind in FUNDERS.items():
        funders[name], _ = Funder.objects.get_or_create(name=name, defaults={"kind": kind})
    for name, kind, commune in NEW_SCHOOLS:
        Partner.objects.get_or_create(
            name=name,
            kind=kind,
            defaults={
                "field": Partner.Field.EDUCATION_NATIONALE,
                "commune": communes[commune],
            },
        )
    schools: dict[tuple[int, str], list[Partner]] = {}
    for school in Partner.objects.filter(
        kind__in=[Partner.Kind.ECOLE, Partner.Kind.COLLEGE], commune__isnull=False
    ).order_by("pk"):
        schools.setdefault((school.commune_id, school.kind), []).append(school)
    return Env(
        context=context,
        communes=communes,
        quartiers=quartiers,
        schools=schools,
        funders=funders,
    )


def _reusable_children(env: Env) -> dict[int, list[tuple[Person, datetime.date, int]]]:
    """The shared demo's scolaire children, by the school year of their first enrolment: each
    with that enrolment's start (their case file then opens on it) and their level."""
    context = env.context
    shared = context.persons_by_service.get("scolaire", [])
    opened = dict(
        CaseFile.objects.filter(service__code="scolaire", person__in=shared).values_list(
            "person_id", "opened_on"
        )
    )
    by_year: dict[int, list[tuple[Person, datetime.date, int]]] = {}
    for person in shared:
        day = opened.get(person.pk)
        if day is None or person.birth_year is None:
            continue
        year = school_year_of(day)
        first, last = _activity_period(year)
        if day < first:
            day = first
        elif day > last - 14 * DAY:
            year += 1
            day = _activity_period(year)[0]
        level = year - person.birth_year - 6
        if day > context.today or not 0 <= level <= 9:
            continue
        by_year.setdefault(year, []).append((person, day, min(level, 8)))
    return by_year


def _new_child(env: Env, spec: ProgrammeSpec, year: int, level: int) -> Person:
    rng = env.rng
    sex = rng.choices([Sex.FEMALE, Sex.MALE, Sex.UNKNOWN], weights=[48, 50, 2])[0]
    # Born in the calendar year of the level's cohort; a few repeated a year.
    birth_year = year - 6 - level - (1 if rng.random() < 0.08 else 0)
    birth_date = None
    roll = rng.random()
    if roll < 0.85:
        birth_date = datetime.date(birth_year, 1, 1) + rng.randint(0, 364) * DAY
    elif roll > 0.97:
        birth_year = None  # not given by the family yet
    if spec.neighbours and rng.random() < 0.12:
        commune = env.communes[rng.choice(spec.neighbours)]
    else:
        commune = env.communes[spec.commune]
    quartier = None
    if commune.pk in env.quartiers and rng.random() < 0.5:
        quartier = rng.choice(env.quartiers[commune.pk])
    person = Person(
        pseudonym=_pseudonym(rng, sex),
        sex=sex,
        birth_date=birth_date,
        birth_year=birth_year,
        commune=commune,
        quartier=quartier,
        ase_history=rng.choices([None, True, False], weights=[55, 3, 42])[0],
        version=1,
    )
    person.search_key = search_key(person.pseudonym)
    return person


def _new_level(rng, spec: ProgrammeSpec, primary_missing: bool) -> int:
    if spec.public == Programme.Public.PRIMARY:
        primary = True
    elif spec.primary_share is None:
        primary = primary_missing
    else:
        primary = rng.random() < spec.primary_share
    if primary:
        return rng.choices(range(5), weights=PRIMARY_WEIGHTS)[0]
    return 5 + rng.choices(range(4), weights=COLLEGE_WEIGHTS)[0]


def _plan_programme_year(env, spec, year, previous, reusable) -> list[Planned]:
    """The programme of `spec` for the school year `year`: enrolments, sessions and roll calls.
    Returns the enrolments that end with the school year (candidates to come back)."""
    rng, context = env.rng, env.context
    programme = Programme(
        name=spec.name,
        kind=spec.kind,
        site=spec.site,
        commune=env.communes[spec.commune],
        public=spec.public,
        school_year=year,
        is_active=context.today <= datetime.date(year + 1, 8, 31),
    )
    env.programmes.append(programme)
    env.programme_funders.append((programme, env.funders[spec.funder]))
    funder = env.funders[spec.funder]

    # Every session of the school year as planned (a few are cancelled: strikes, illness…).
    first, last = _activity_period(year)
    closed = _closed_days(year)
    slots = {weekday: (start, end) for weekday, start, end in spec.slots}
    planned_days = []
    day = first
    while day <= last:
        if day.weekday() in slots and day not in closed and rng.random() > 0.04:
            planned_days.append(day)
        day += DAY
    if not planned_days:
        return []
    opening, closing = planned_days[0], planned_days[-1]
    # Recorded from the first day the demo covers, up to today.
    days = [d for d in planned_days if context.start <= d <= context.today]
    late_days = [
        d for d in planned_days if datetime.date(year, 10, 1) <= d <= datetime.date(year + 1, 3, 31)
    ]

    maximum_level = 4 if spec.public == Programme.Public.PRIMARY else 8
    plans: list[Planned] = []
    # child, level, start, school of last year if still in the same école or collège
    children: list[tuple[Person, int, datetime.date, Partner | None]] = []
    # Children of last year who come back, one level up (a few repeat the year, never twice).
    for plan in previous:
        birth_year = plan.enrolment.child.birth_year
        on_time = birth_year is None or year - 1 - birth_year - 6 <= plan.level
        level = plan.level + (0 if on_time and rng.random() < 0.03 else 1)
        if level <= maximum_level and rng.random() < 0.75:
            same_cycle = (level < 5) == (plan.level < 5)
            school = plan.enrolment.school if same_cycle else None
            children.append((plan.enrolment.child, level, opening, school))
    # Children of the shared demo first recorded this school year join in Carvin.
    if spec.reuses_shared_children:
        for person, start, level in reusable.get(year, [])[: rng.randint(5, 8)]:
            children.append((person, level, max(start, opening), None))
    target = rng.randint(*spec.children)
    while len(children) < target:
        primary_count = sum(1 for child in children if child[1] < 5)
        level = _new_level(rng, spec, primary_count < len(children) / 2)
        person = _new_child(env, spec, year, level)
        start = opening
        if late_days and rng.random() < 0.15:
            start = rng.choice(late_days)
        children.append((person, level, start, None))

    reasons = Enrolment.LeavingReason
    for person, level, start, school in children:
        end, reason = closing, reasons.END_OF_YEAR
        roll = rng.random()
        leaving = [d for d in planned_days if start < d < closing]
        if leaving and roll < 0.1:
            end = rng.choice(leaving)
            reason = (
                reasons.MOVED
                if roll < 0.05
                else reasons.FAMILY
                if roll < 0.08
                else reasons.OBJECTIVES
                if spec.kind == Programme.Kind.ADDI
                else reasons.OTHER
            )
        # The first school year is recorded from January: who left before is not there.
        if end < context.start:
            continue
        if start < context.start:
            start = days[0] if days else context.start
        if start > context.today or start > end:
            continue
        if end > context.today:
            end, reason = None, ""
        enrolment = Enrolment(
            child=person,
            programme=programme,
            level=LEVELS[level],
            school=school or env.school(person.commune, level),
            funder=funder,
            start=start,
            end=end,
            leaving_reason=reason,
        )
        presence = min(0.97, max(0.45, rng.gauss(0.8, 0.09)))
        plans.append(Planned(enrolment, level, presence))
        key = id(person)
        if person.pk is None and key not in env.first_start:
            env.persons.append(person)
        env.first_start[key] = min(start, env.first_start.get(key, start))
    env.enrolments.extend(plans)

    _plan_sessions(env, spec, programme, days, slots, plans)
    env.session_dates[id(programme)] = days
    return [p for p in plans if p.enrolment.leaving_reason == reasons.END_OF_YEAR]


def _plan_sessions(env, spec, programme, days, slots, plans) -> None:
    rng = env.rng
    recorder = env.context.users["educ.scolaire"]
    for day in days:
        start, end = slots[day.weekday()]
        staff = rng.choice(spec.salaries)
        if spec.kind == Programme.Kind.ADDI:
            if rng.random() < 0.3:
                staff = f"{rng.choice(spec.benevoles)} (bénévole)"
        else:
            helpers = rng.sample(spec.benevoles, k=rng.randint(0, min(2, len(spec.benevoles))))
            staff = ", ".join([staff] + [f"{name} (bénévole)" for name in helpers])
        session = Session(
            programme=programme,
            date=day,
            start_time=start,
            end_time=end,
            place=spec.site,
            staff=staff,
            recorded_by=recorder,
            version=1,
        )
        enrolled = [
            p
            for p in plans
            if p.enrolment.start <= day and (p.enrolment.end is None or p.enrolment.end >= day)
        ]
        env.sessions.append((session, enrolled))


def _plan_referrals(env: Env) -> list[Referral]:
    """Three to five children a school year signalled to prevention, collégiens mostly."""
    rng, context = env.rng, env.context
    sender = context.users["educ.scolaire"]
    chef = context.users["chef.prevention"]
    by_year: dict[int, list[Planned]] = {}
    for plan in env.enrolments:
        by_year.setdefault(plan.enrolment.programme.school_year, []).append(plan)
    referred: set[int] = set()
    referrals = []
    for year in sorted(by_year):
        candidates = by_year[year]
        weights = [3 if plan.level >= 5 else 1 for plan in candidates]
        for _ in range(rng.randint(3, 5)):
            for _attempt in range(20):
                plan = rng.choices(candidates, weights=weights)[0]
                enrolment = plan.enrolment
                last = enrolment.end or context.today
                days = [
                    d
                    for d in env.session_dates[id(enrolment.programme)]
                    if enrolment.start + 21 * DAY <= d <= last
                ]
                if id(enrolment.child) not in referred and days:
                    break
            else:
                continue
            referred.add(id(enrolment.child))
            date = rng.choice(days)
            referral = Referral(
                child=enrolment.child,
                date=date,
                reason=rng.choice(REFERRAL_REASONS),
                sent_by=sender,
            )
            if (context.today - date).days >= 30 or rng.random() < 0.3:
                referral.status = (
                    Referral.Status.ACCEPTED if rng.random() < 0.65 else Referral.Status.DECLINED
                )
                referral.decided_by = chef
                referral.decided_on = min(context.today, date + rng.randint(4, 25) * DAY)
            referrals.append(referral)
    return referrals


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


def _write(env: Env, referrals: list[Referral], reusable) -> None:
    context = env.context
    Person.objects.bulk_create(env.persons, batch_size=1000)
    scolaire = context.services["scolaire"]
    opener = context.users["educ.scolaire"]
    CaseFile.objects.bulk_create(
        [
            CaseFile(
                person=person,
                service=scolaire,
                opened_on=env.first_start[id(person)],
                opened_by=opener,
            )
            for person in env.persons
        ],
        batch_size=1000,
    )
    context.persons_by_service.setdefault("scolaire", []).extend(env.persons)
    # The shared demo's children who were enrolled: their case file opens on their first start.
    reused = {
        person.pk: env.first_start[id(person)]
        for entries in reusable.values()
        for person, _, _ in entries
        if id(person) in env.first_start
    }
    case_files = list(CaseFile.objects.filter(service=scolaire, person_id__in=reused))
    for case_file in case_files:
        case_file.opened_on = reused[case_file.person_id]
    CaseFile.objects.bulk_update(case_files, ["opened_on"], batch_size=1000)

    Programme.objects.bulk_create(env.programmes)
    through = Programme.funders.through
    through.objects.bulk_create(
        [
            through(programme_id=programme.pk, funder_id=funder.pk)
            for programme, funder in env.programme_funders
        ]
    )
    Enrolment.objects.bulk_create([plan.enrolment for plan in env.enrolments], batch_size=1000)
    Session.objects.bulk_create([session for session, _ in env.sessions], batch_size=1000)

    rng = context.rng
    statuses = [Attendance.Status.PRESENT, Attendance.Status.ABSENT, Attendance.Status.EXCUSED]
    attendances = []
    for session, enrolled in env.sessions:
        for plan in enrolled:
            missing = 1 - plan.presence
            status = rng.choices(statuses, weights=[plan.presence, missing * 0.6, missing * 0.4])[0]
            attendances.append(
                Attendance(session_id=session.pk, enrolment_id=plan.enrolment.pk, status=status)
            )
    Attendance.objects.bulk_create(attendances, batch_size=2000)

    Referral.objects.bulk_create(referrals)
    accepted = {
        referral.child.pk: referral.decided_on
        for referral in referrals
        if referral.status == Referral.Status.ACCEPTED
    }
    known = set(
        CaseFile.objects.filter(service__code="prevention", person_id__in=accepted).values_list(
            "person_id", flat=True
        )
    )
    CaseFile.objects.bulk_create(
        [
            CaseFile(
                person_id=person_id,
                service=context.services["prevention"],
                opened_on=day,
                opened_by=context.users["chef.prevention"],
            )
            for person_id, day in accepted.items()
            if person_id not in known
        ]
    )
