"""The CLLAJ's year: about 500 young persons received (a third for information only), their
interviews, the files built, the orientations, and the workshops and events of the service.
About 1 500 records and 2 500 interviews over the period: planned here, written in bulk with
their audit journal (demo.builders.habitat.write)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from demo.builders.habitat.plan import Plan, euros, within
from demo.context import DAY, pick
from demo.data import habitat as data
from habitat.models import (
    CllajApplication,
    CllajFile,
    CllajInterview,
    CllajOrientation,
    HousingEvent,
)
from rl_portal.models import Person

Record = CllajFile


def plan_records(plan: Plan) -> None:
    """The records of each year, in date order; one youth in twenty comes back a year later."""
    rng, context = plan.rng, plan.context
    returning: list[CllajFile] = []
    for year in context.years:
        first, last, share = context.year_bounds(year)
        planned: list[tuple[datetime.date, Person | None]] = []
        for _ in range(round(data.CLLAJ_PER_YEAR * share)):
            on = context.weekday(first, last)
            earlier = [r for r in returning if (on - r.date).days >= 300]
            person = rng.choice(earlier).person if earlier and rng.random() < 0.05 else None
            planned.append((on, person))
        for on, person in sorted(planned, key=lambda p: p[0]):
            record = _record(plan, on, person)
            returning.append(record)
            plan.records.append(record)


def _record(plan: Plan, on: datetime.date, person: Person | None) -> CllajFile:
    rng = plan.rng
    is_ase = rng.random() < 0.05
    is_qpv = rng.random() < 0.15
    if person is None:
        commune = plan.commune()
        if is_qpv and rng.random() < 0.5:
            # Half of them live in the référentiel's QPV, so that their quartier is set.
            commune = plan.communes["Courrières"]
        person = plan.new_person(
            on,
            pick(rng, data.CLLAJ_AGES),
            commune=commune,
            exact_birth=0.7,
            unknown_age=0.03,
            ase_history=True if is_ase else pick(rng, [(None, 45), (True, 8), (False, 47)]),
            is_qpv=is_qpv,
        )
    plan.seen(person, on)
    if is_ase and person.ase_history and rng.random() < 0.6:
        orienteur = data.Orienteur.ASE
    else:
        orienteur = plan.orienteur(data.CLLAJ_ORIENTEURS, person, on)
    employment = pick(rng, data.EMPLOYMENTS)
    low, high, may_have_none = data.EMPLOYMENT_RESOURCES[employment]
    resources = None if rng.random() < 0.05 else euros(rng.uniform(low, high))
    if resources is not None and may_have_none and rng.random() < 0.4:
        resources = Decimal("0.00")
    kind = Record.Kind.AIO if rng.random() < 0.3 else Record.Kind.FOLLOW_UP
    outcome = ""
    if kind == Record.Kind.FOLLOW_UP and (plan.today - on).days > 60 and rng.random() < 0.3:
        outcome = pick(rng, data.OUTCOMES)
    # The Mission locale follows youths up to 25 only.
    followed_by_mission_locale = within(person.age_on(on), data.MISSION_LOCALE_AGES) and (
        orienteur == data.Orienteur.MISSION_LOCALE or rng.random() < 0.15
    )
    return CllajFile(
        person=person,
        dispositif=plan.dispositifs["cllaj-ase" if is_ase else "cllaj"],
        kind=kind,
        date=on,
        orienteur_kind=orienteur,
        housing_situation=pick(rng, data.HOUSING_SITUATIONS),
        employment=employment,
        resources=resources,
        problematique=pick(rng, data.PROBLEMATIQUES),
        composition=pick(rng, data.CLLAJ_COMPOSITIONS),
        is_qpv=is_qpv,
        mission_locale=followed_by_mission_locale,
        action_logement=employment in (Record.Employment.CDI, Record.Employment.CDD)
        and rng.random() < 0.6,
        outcome=outcome,
        created_by=plan.context.users["educ.habitat"],
    )


def record_children(plan: Plan):
    """Interviews, files built and orientations of every record (records already saved)."""
    rng = plan.rng
    weights = [weight for *_, weight in data.MEETING_PLACES]
    user = plan.context.users["educ.habitat"]
    interviews, files, orientations = [], [], list(plan.orientations)
    for record in plan.records:
        if record.kind == Record.Kind.AIO:
            count = 1
        else:
            count = pick(rng, [(1, 35), (2, 35), (3, 20), (4, 10)])
        days = [record.date]
        for _ in range(count - 1):
            day = min(plan.today, days[-1] + rng.randint(7, 60) * DAY)
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
                    place=rng.choices(plan.meeting_places, weights)[0] if in_person else None,
                    created_by=user,
                )
            )
        if record.kind == Record.Kind.FOLLOW_UP:
            # dict.fromkeys, not a set: the same files in the same order on every run.
            count = pick(rng, [(0, 45), (1, 40), (2, 15)])
            for kind in dict.fromkeys(pick(rng, data.FILES) for _ in range(count)):
                files.append(CllajApplication(cllaj_file=record, kind=kind, date=rng.choice(days)))
            if id(record) not in plan.linked_records and rng.random() < 0.12:
                target = pick(rng, data.ORIENTATIONS)
                if record.dispositif.code == "cllaj-ase" and rng.random() < 0.5:
                    target = CllajOrientation.Target.ASE_HOUSING
                orientations.append(
                    CllajOrientation(cllaj_file=record, target=target, date=rng.choice(days))
                )
    return interviews, files, orientations


def plan_events(plan: Plan) -> list[tuple[HousingEvent, list[Person]]]:
    """Workshops (nine a year), the forum, the Semaine du logement des jeunes, the Tremplins
    activities and the « aller vers » of each year."""
    rng, context = plan.rng, plan.context
    user = context.users["educ.habitat"]
    Kind = HousingEvent.Kind
    events = []
    for year in context.years:
        first, last, share = context.year_bounds(year)
        for _ in range(round(9 * share) or 1):
            on = context.weekday(first, last)
            headcount = rng.randint(4, 8)
            # One or two of the youths of a workshop already have a CLLAJ follow-up.
            known = [
                r.person
                for r in plan.records
                if r.kind == Record.Kind.FOLLOW_UP and on - 60 * DAY <= r.date <= on
            ]
            named = rng.sample(known, k=min(len(known), rng.choice([0, 1, 1, 2])))
            event = HousingEvent(
                kind=Kind.WORKSHOP,
                title=rng.choice(data.WORKSHOP_TITLES),
                date=on,
                place=rng.choice(data.WORKSHOP_PLACES),
                headcount=headcount,
                qpv_headcount=rng.randint(0, headcount // 2),
                created_by=user,
            )
            events.append((event, named))
        specials = [
            (Kind.FORUM, "Forum logement jeunesse", datetime.date(year, 3, 24), "Libercourt", 18),
            (Kind.SLJ, "Semaine du logement des jeunes", datetime.date(year, 5, 17), "", 68),
        ]
        # Tremplins Duo's collective activities (cultural, sport, health…): about 28 a year.
        for _ in range(round(28 * share) or 1):
            title = rng.choice(["Sortie culturelle", "Atelier cuisine", "Sport", "Atelier santé"])
            specials.append(
                (
                    Kind.TREMPLINS_ACTIVITY,
                    title,
                    context.weekday(first, last),
                    "Tremplins Duo",
                    rng.randint(3, 6),
                )
            )
        for title, commune in rng.sample(data.OUTREACH, k=3):
            specials.append(
                (Kind.OUTREACH, title, context.weekday(first, last), commune, rng.randint(8, 25))
            )
        for kind, title, on, place, typical in specials:
            if on > plan.today:
                continue
            headcount = max(4, round(typical * rng.uniform(0.8, 1.2)))
            qpv = round(headcount * (0.65 if kind == Kind.SLJ else rng.uniform(0.1, 0.7)))
            event = HousingEvent(
                kind=kind,
                title=title,
                date=on,
                place=place or "Territoire de la CAHC",
                headcount=headcount,
                qpv_headcount=min(qpv, headcount),
                created_by=user,
            )
            events.append((event, []))
    return events
