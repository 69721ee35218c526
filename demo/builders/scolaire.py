"""Accompagnement scolaire, through scolaire's services: the programmes of every school year
the demo covers, their children (about a hundred a year, 60 % coming back one level up), the
weekly sessions with the roll call — one child per visit in the ADDI — and a few referrals of
a child's situation to prevention. The school year under way on 1 January of the first year
covered is recorded from January only: the demo's history starts there."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from auditlog.context import set_actor
from django.db.models import Q

from demo.builders.scolaire_calendar import activity_period, closed_days
from demo.context import DAY, DemoContext, pick
from demo.data import scolaire as data
from rl_portal.audit import bulk_create_journalled
from rl_portal.models import Commune, Funder, Partner, Person, Quartier, Sex, search_key
from scolaire import services
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

LEVELS = list(Level.values)
FIRST_COLLEGE_LEVEL = LEVELS.index("6e")


def reset() -> None:
    for model in (Attendance, Session, Referral, Enrolment, Programme):
        model.objects.all().delete()
    schools = Q()
    for name, kind, _ in data.NEW_SCHOOLS:
        schools |= Q(name=name, kind=kind)
    Partner.objects.filter(schools).delete()
    Funder.objects.filter(name__in=data.NEW_FUNDERS, conventions__isnull=True).delete()


# --------------------------------------------------------------------------------------------
# Planning
# --------------------------------------------------------------------------------------------


@dataclass
class Planned:
    """A child's enrolment being planned: level, attendance habit and, in an individual
    programme, the weekly slot of their visit."""

    child: Person
    programme: Programme
    level: int
    start: datetime.date
    school: Partner | None
    end: datetime.date | None = None
    leaving_reason: str = ""
    presence: float = 0.8
    slot: int | None = None
    saved: Enrolment | None = None


@dataclass
class Plan:
    context: DemoContext
    communes: dict[str, Commune]
    quartiers: dict[int, list[Quartier]]
    schools: dict[tuple[int, str], list[Partner]]
    funders: dict[str, Funder]
    new_children: list[Person] = field(default_factory=list)
    programmes: list[tuple[Programme, data.ProgrammeSpec]] = field(default_factory=list)
    enrolments: list[Planned] = field(default_factory=list)
    # (programme, day, slot index, children enrolled that day)
    sessions: list[tuple[Programme, datetime.date, int, list[Planned]]] = field(
        default_factory=list
    )
    session_dates: dict[int, list[datetime.date]] = field(default_factory=dict)

    @property
    def rng(self):
        return self.context.rng

    def school(self, commune: Commune | None, level: int) -> Partner | None:
        kind = Partner.Kind.ECOLE if LEVELS[level] in PRIMARY_LEVELS else Partner.Kind.COLLEGE
        candidates = self.schools.get((commune.pk, kind), []) if commune else []
        return self.rng.choice(candidates) if candidates else None


def seed(context: DemoContext) -> None:
    plan = _plan(context)
    joining = _prevention_youths(plan)
    previous: dict[str, list[Planned]] = {}
    for year in range(school_year_of(context.start), school_year_of(context.today) + 1):
        for spec in data.PROGRAMMES:
            previous[spec.name] = _programme_year(
                plan, spec, year, previous.get(spec.name, []), joining
            )
    _write(plan)


def _plan(context: DemoContext) -> Plan:
    communes = {c.name: c for c in Commune.objects.exclude(insee_code=None)}
    quartiers: dict[int, list[Quartier]] = {}
    for quartier in Quartier.objects.order_by("pk"):
        quartiers.setdefault(quartier.commune_id, []).append(quartier)
    funders = {}
    for name, kind in data.FUNDERS.items():
        funders[name], _ = Funder.objects.get_or_create(name=name, defaults={"kind": kind})
    for name, kind, commune in data.NEW_SCHOOLS:
        Partner.objects.get_or_create(
            name=name,
            kind=kind,
            defaults={"field": Partner.Field.EDUCATION_NATIONALE, "commune": communes[commune]},
        )
    schools: dict[tuple[int, str], list[Partner]] = {}
    for school in Partner.objects.filter(
        kind__in=[Partner.Kind.ECOLE, Partner.Kind.COLLEGE], commune__isnull=False
    ).order_by("pk"):
        schools.setdefault((school.commune_id, school.kind), []).append(school)
    return Plan(context, communes, quartiers, schools, funders)


def _prevention_youths(plan: Plan) -> dict[int, list[tuple[Person, datetime.date, int]]]:
    """Youths prevention met (with a known birth year) who are of school age, by school year:
    each with the day they could join (not before prevention knew them) and their level."""
    by_year: dict[int, list[tuple[Person, datetime.date, int]]] = {}
    for person, known_on in plan.context.persons_by_service.get("prevention", []):
        if person.birth_year is None:
            continue
        year = school_year_of(known_on)
        first, last = activity_period(year)
        day = max(known_on, first)
        if day > last - 14 * DAY:
            year += 1
            day = activity_period(year)[0]
        level = year - person.birth_year - 6
        if day <= plan.context.today and 0 <= level <= FIRST_COLLEGE_LEVEL + 3:
            by_year.setdefault(year, []).append((person, day, level))
    return by_year


def _new_child(plan: Plan, spec: data.ProgrammeSpec, year: int, level: int) -> Person:
    rng = plan.rng
    sex = pick(rng, [(Sex.FEMALE, 48), (Sex.MALE, 50), (Sex.UNKNOWN, 2)])
    # Born in the calendar year of the level's cohort; a few repeated a year.
    birth_year = year - 6 - level - (1 if rng.random() < data.REPEATED_BEFORE else 0)
    birth_date = None
    roll = rng.random()
    if roll < 0.85:
        birth_date = datetime.date(birth_year, 1, 1) + rng.randint(0, 364) * DAY
    elif roll > 0.97:
        birth_year = None  # not given by the family yet
    if spec.neighbours and rng.random() < 0.12:
        commune = plan.communes[rng.choice(spec.neighbours)]
    else:
        commune = plan.communes[spec.commune]
    quartier = None
    if commune.pk in plan.quartiers and rng.random() < 0.5:
        quartier = rng.choice(plan.quartiers[commune.pk])
    person = Person(
        pseudonym=plan.context.pseudonym(sex),
        sex=sex,
        birth_date=birth_date,
        birth_year=birth_year,
        commune=commune,
        quartier=quartier,
        ase_history=pick(rng, [(None, 55), (True, 3), (False, 42)]),
        version=1,
    )
    plan.new_children.append(person)
    return person


def _new_level(rng, spec: data.ProgrammeSpec, primary_missing: bool) -> int:
    if spec.public == Programme.Public.PRIMARY:
        primary = True
    elif spec.primary_share is None:
        primary = primary_missing
    else:
        primary = rng.random() < spec.primary_share
    if primary:
        return rng.choices(range(5), weights=data.PRIMARY_WEIGHTS)[0]
    return FIRST_COLLEGE_LEVEL + rng.choices(range(4), weights=data.COLLEGE_WEIGHTS)[0]


def _planned_days(plan: Plan, spec, year: int) -> list[datetime.date]:
    """Every day of the school year with a session (a group's session is cancelled now and
    then; an individual programme's visits are, one by one)."""
    first, last = activity_period(year)
    closed = closed_days(year)
    weekdays = {weekday for weekday, _, _ in spec.slots}
    group = spec.kind not in Programme.INDIVIDUAL_KINDS
    days, day = [], first
    while day <= last:
        cancelled = group and plan.rng.random() < data.CANCELLED
        if day.weekday() in weekdays and day not in closed and not cancelled:
            days.append(day)
        day += DAY
    return days


def _programme_year(plan: Plan, spec, year, previous, joining) -> list[Planned]:
    """The programme of `spec` for the school year `year`: enrolments and sessions. Returns the
    enrolments that end with the school year (candidates to come back)."""
    rng, context = plan.rng, plan.context
    programme = Programme(
        name=spec.name,
        kind=spec.kind,
        site=spec.site,
        commune=plan.communes[spec.commune],
        public=spec.public,
        school_year=year,
        is_active=context.today <= datetime.date(year + 1, 8, 31),
    )
    plan.programmes.append((programme, spec))
    planned_days = _planned_days(plan, spec, year)
    if not planned_days:
        return []
    opening, closing = planned_days[0], planned_days[-1]
    # Recorded from the first day the demo covers, up to today.
    days = [d for d in planned_days if context.start <= d <= context.today]
    late_days = [
        d for d in planned_days if datetime.date(year, 10, 1) <= d <= datetime.date(year + 1, 3, 31)
    ]
    highest = 4 if spec.public == Programme.Public.PRIMARY else 8
    children: list[tuple[Person, int, datetime.date, Partner | None]] = []
    # Children of last year who come back, one level up (a few repeat the year, never twice).
    for before in previous:
        birth_year = before.child.birth_year
        on_time = birth_year is None or year - 1 - birth_year - 6 <= before.level
        level = before.level + (0 if on_time and rng.random() < data.REPEATING else 1)
        if level <= highest and rng.random() < data.COMING_BACK:
            same_cycle = (level < FIRST_COLLEGE_LEVEL) == (before.level < FIRST_COLLEGE_LEVEL)
            children.append((before.child, level, opening, before.school if same_cycle else None))
    if spec.welcomes_prevention_youths:
        candidates = [c for c in joining.get(year, []) if c[2] <= highest]
        for person, start, level in candidates[: rng.randint(*data.PREVENTION_YOUTHS_JOINING)]:
            children.append((person, level, max(start, opening), None))
    target = rng.randint(*spec.children)
    while len(children) < target:
        primary_count = sum(1 for child in children if child[1] < FIRST_COLLEGE_LEVEL)
        level = _new_level(rng, spec, primary_count < len(children) / 2)
        start = rng.choice(late_days) if late_days and rng.random() < data.JOINS_LATE else opening
        children.append((_new_child(plan, spec, year, level), level, start, None))

    plans = [
        _enrolment(plan, spec, programme, child, planned_days, closing, days) for child in children
    ]
    plans = [p for p in plans if p is not None]
    plan.enrolments.extend(plans)
    _sessions(plan, spec, programme, days, plans)
    return [p for p in plans if p.leaving_reason == Enrolment.LeavingReason.END_OF_YEAR]


def _enrolment(plan, spec, programme, child, planned_days, closing, days) -> Planned | None:
    rng, context = plan.rng, plan.context
    person, level, start, school = child
    reasons = Enrolment.LeavingReason
    end, reason = closing, reasons.END_OF_YEAR
    roll = rng.random()
    leaving = [d for d in planned_days if start < d < closing]
    if leaving and roll < 0.1:
        end = rng.choice(leaving)
        if roll < 0.05:
            reason = reasons.MOVED
        elif roll < 0.08:
            reason = reasons.FAMILY
        else:
            reason = reasons.OBJECTIVES if spec.kind == Programme.Kind.ADDI else reasons.OTHER
    # The first school year is recorded from January: who left before is not there.
    if end < context.start:
        return None
    if start < context.start:
        start = days[0] if days else context.start
    if start > context.today or start > end:
        return None
    if end > context.today:
        end, reason = None, ""
    habit = data.PRESENCE_AT_HOME if programme.is_individual else data.PRESENCE
    return Planned(
        child=person,
        programme=programme,
        level=level,
        start=start,
        school=school or plan.school(person.commune, level),
        end=end,
        leaving_reason=reason,
        presence=min(habit[3], max(habit[2], rng.gauss(habit[0], habit[1]))),
        slot=rng.randrange(len(spec.slots)) if programme.is_individual else None,
    )


def _sessions(plan: Plan, spec, programme: Programme, days, plans: list[Planned]) -> None:
    """A group's session on each day of its slots; in an individual programme, a visit to each
    child on their slot's weekday."""
    rng = plan.rng
    plan.session_dates[id(programme)] = days
    for day in days:
        enrolled = [p for p in plans if p.start <= day and (p.end is None or p.end >= day)]
        if not programme.is_individual:
            slot = next(i for i, s in enumerate(spec.slots) if s[0] == day.weekday())
            plan.sessions.append((programme, day, slot, enrolled))
            continue
        for child in enrolled:
            if spec.slots[child.slot][0] == day.weekday() and rng.random() >= data.CANCELLED:
                plan.sessions.append((programme, day, child.slot, [child]))


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


def _write(plan: Plan) -> None:
    context = plan.context
    recorder = context.users["educ.scolaire"]
    for person in plan.new_children:
        person.search_key = search_key(person.pseudonym, person.last_name)
    bulk_create_journalled(plan.new_children, actor=recorder, batch_size=1000)
    bulk_create_journalled([programme for programme, _ in plan.programmes], actor=recorder)
    through = Programme.funders.through
    # journal: a programme's funders are no personal data.
    through.objects.bulk_create(
        [
            through(programme_id=programme.pk, funder_id=plan.funders[spec.funder].pk)
            for programme, spec in plan.programmes
        ]
    )
    specs = {id(programme): spec for programme, spec in plan.programmes}
    with set_actor(recorder):
        for planned in sorted(plan.enrolments, key=lambda p: p.start):
            planned.saved = services.enrolment_create(
                by=recorder,
                child=planned.child,
                programme=planned.programme,
                start=planned.start,
                level=LEVELS[planned.level],
                school=planned.school,
                funder=plan.funders[specs[id(planned.programme)].funder],
                end=planned.end,
                leaving_reason=planned.leaving_reason,
            )
        visits = []
        for programme, day, slot, enrolled in sorted(plan.sessions, key=lambda s: s[1]):
            session = _session(plan, specs[id(programme)], programme, day, slot, enrolled, recorder)
            if session:
                visits.append(session)
    # The ADDI's visits (a thousand over the period): `session_save`'s rows in bulk, journalled
    # as it journals them.
    bulk_create_journalled([session for session, _ in visits], actor=recorder, batch_size=1000)
    for session, attendance in visits:
        attendance.session = session
    bulk_create_journalled(
        [attendance for _, attendance in visits], actor=recorder, batch_size=2000
    )
    _referrals(plan, recorder)
    context.persons_by_service.setdefault("scolaire", []).extend(
        (p.child, p.start) for p in plan.enrolments
    )


def _session(plan: Plan, spec, programme, day, slot, enrolled, recorder):
    """A group's session through `session_save`; an individual visit is returned unsaved
    (session, attendance) to be written in bulk."""
    rng = plan.rng
    _weekday, start, end = spec.slots[slot]
    staff = rng.choice(spec.salaries)
    if programme.is_individual:
        if rng.random() < 0.3:
            staff = f"{rng.choice(spec.benevoles)} (bénévole)"
    else:
        helpers = rng.sample(spec.benevoles, k=rng.randint(0, min(2, len(spec.benevoles))))
        staff = ", ".join([staff] + [f"{name} (bénévole)" for name in helpers])
    statuses = {}
    for child in enrolled:
        missing = 1 - child.presence
        statuses[child.saved.pk] = rng.choices(
            [Attendance.Status.PRESENT, Attendance.Status.ABSENT, Attendance.Status.EXCUSED],
            weights=[child.presence, missing * 0.6, missing * 0.4],
        )[0]
    if programme.is_individual:
        (child,) = enrolled
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
        return session, Attendance(enrolment=child.saved, status=statuses[child.saved.pk])
    services.session_save(
        by=recorder,
        programme=programme,
        date=day,
        start_time=start,
        end_time=end,
        statuses=statuses,
        place=spec.site,
        staff=staff,
    )
    return None


def _referrals(plan: Plan, sender) -> None:
    """Three to five children a school year signalled to prevention, collégiens mostly; the
    prevention chef de service decides within a few weeks."""
    rng, context = plan.rng, plan.context
    chef = context.users["chef.prevention"]
    by_year: dict[int, list[Planned]] = {}
    for planned in plan.enrolments:
        by_year.setdefault(planned.programme.school_year, []).append(planned)
    referred: set[int] = set()
    for year in sorted(by_year):
        candidates = by_year[year]
        weights = [3 if p.level >= FIRST_COLLEGE_LEVEL else 1 for p in candidates]
        for _ in range(rng.randint(*data.REFERRALS_PER_YEAR)):
            for _attempt in range(20):
                planned = rng.choices(candidates, weights=weights)[0]
                last = planned.end or context.today
                days = [
                    d
                    for d in plan.session_dates[id(planned.programme)]
                    if planned.start + 21 * DAY <= d <= last
                ]
                if planned.child.pk not in referred and days:
                    break
            else:
                continue
            referred.add(planned.child.pk)
            date = rng.choice(days)
            college = planned.level >= FIRST_COLLEGE_LEVEL
            reasons = [
                text for text, college_only in data.REFERRAL_REASONS if college or not college_only
            ]
            with set_actor(sender):
                referral = services.referral_send(
                    by=sender, child=planned.child, reason=rng.choice(reasons), date=date
                )
            if (context.today - date).days >= 30 or rng.random() < 0.3:
                with set_actor(chef):
                    services.referral_decide(
                        referral=referral,
                        accept=rng.random() < data.REFERRAL_ACCEPTED,
                        by=chef,
                        on=min(context.today, date + rng.randint(4, 25) * DAY),
                    )
