"""Prévention spécialisée (SPS) and the mobile team (EMPS): the teams, the youths they meet,
their hours, then (demo.builders.prevention_casework) the accompaniments, collective actions,
network receptions and territorial meetings.

Hours (15 000 a year) and meetings (2 000) are written in bulk with their audit journal; the
rest goes through prevention's services."""

from __future__ import annotations

import datetime
from decimal import Decimal

from auditlog.context import set_actor
from django.contrib.auth.models import Group

from demo.builders import prevention_casework
from demo.context import DAY, DemoContext, pick
from demo.data import prevention as data
from prevention import services
from prevention.models import (
    Accompaniment,
    CoAccompaniment,
    CollectiveAction,
    Contact,
    InstanceMeeting,
    NetworkReception,
    Reorientation,
    TimeEntry,
    WorkedDomain,
)
from rl_portal.audit import bulk_create_journalled
from rl_portal.models import (
    CaseFile,
    Commune,
    Dispositif,
    Person,
    Quartier,
    Sex,
    User,
    search_key,
)
from rl_portal.roles import Role


def reset() -> None:
    TimeEntry.objects.all().delete()
    WorkedDomain.objects.all().delete()
    Reorientation.objects.all().delete()
    CoAccompaniment.objects.all().delete()
    Contact.objects.all().delete()
    Accompaniment.objects.all().delete()
    CollectiveAction.objects.all().delete()
    NetworkReception.objects.all().delete()
    InstanceMeeting.objects.all().delete()
    usernames = [username for team in data.EDUCATORS.values() for username, _, _ in team]
    User.objects.filter(username__in=usernames).delete()


def seed(context: DemoContext) -> None:
    teams = _teams(context)
    communes = {c.insee_code: c for c in Commune.objects.exclude(insee_code=None)}
    quartiers: dict[int, list[Quartier]] = {}
    for quartier in Quartier.objects.order_by("pk"):
        quartiers.setdefault(quartier.commune_id, []).append(quartier)
    for dispositif in Dispositif.objects.filter(code__in=data.SERVICE_OF).order_by("code"):
        code = dispositif.code
        places = [communes[insee] for insee in data.COMMUNES[code]]
        youths = _youths(context, dispositif, teams[code], places, quartiers, communes)
        _time(context, dispositif, teams[code], places, quartiers)
        _contacts(context, dispositif, teams[code], youths, places)
        prevention_casework.seed(context, dispositif, teams[code], youths, places)
        network_and_instances(context, dispositif, teams[code][0])


def _teams(context: DemoContext) -> dict[str, list[User]]:
    group = Group.objects.get(name=Role.EDUCATEUR.label)
    teams = {"sps": [context.users["educ.prevention"]], "emps": []}
    for code, people in data.EDUCATORS.items():
        for username, first, last in people:
            user = User.objects.create(
                username=username,
                first_name=first,
                last_name=last,
                email=f"{username}@rl-portal.example",
                job_title="Éducateur spécialisé",
            )
            # Colleagues in the demo team: no password of their own (they do not sign in).
            user.set_unusable_password()
            user.save(update_fields=["password"])
            user.groups.add(group)
            user.services.add(context.services[data.SERVICE_OF[code]])
            teams[code].append(user)
    context.users.update({user.username: user for team in teams.values() for user in team})
    return teams


def _youths(context, dispositif, team, places, quartiers, communes):
    """The youths the team meets each year, first met on the day their case file opens.
    Returns (person, first meeting, educator who met them) — written in bulk as
    `person_create` then `contact_create` would: the person, their case file, the journal."""
    rng = context.rng
    code = dispositif.code
    other_territory = Commune.objects.filter(insee_code=None).first()
    planned = []
    for year in context.years:
        first, last, _share = context.year_bounds(year)
        if code == "emps" and year == context.years[0]:
            first = datetime.date(year, data.EMPS_STARTS_MONTH, 1)
        per_year = data.YOUTHS_PER_YEAR[code]
        # The current year is partial: fewer new youths so far.
        count = per_year if year < context.today.year else per_year * context.today.month // 12
        for _ in range(count):
            met_on = context.random_date(first, last)
            sex = pick(
                rng, [(Sex.FEMALE, 44), (Sex.MALE, 52), (Sex.NON_BINARY, 1), (Sex.UNKNOWN, 3)]
            )
            age = rng.randint(*data.AGES[code])
            birth_date = birth_year = None
            precision = rng.random()
            if precision < 0.55:
                birth_date = met_on - (age * 365 + rng.randint(0, 364)) * DAY
                birth_year = birth_date.year
            elif precision < 0.93:
                birth_year = met_on.year - age
            # else: age unknown, as happens in street work.
            commune = other_territory if rng.random() < 0.05 else rng.choice(places)
            quartier = None
            if commune and commune.pk in quartiers and rng.random() < 0.6:
                quartier = rng.choice(quartiers[commune.pk])
            person = Person(
                pseudonym=context.pseudonym(sex),
                sex=sex,
                birth_date=birth_date,
                birth_year=birth_year,
                commune=commune,
                quartier=quartier,
                ase_history=pick(rng, [(None, 40), (True, 12), (False, 48)]),
                version=1,
            )
            planned.append((person, met_on, rng.choice(team)))
    for person, _, _ in planned:
        # What Person.save() does, which bulk_create skips.
        person.search_key = search_key(person.pseudonym, person.last_name)
    met_by = {id(person): educator for person, _, educator in planned}
    bulk_create_journalled(
        [person for person, _, _ in planned], actor_of=lambda person: met_by[id(person)]
    )
    service = context.services[data.SERVICE_OF[code]]
    bulk_create_journalled(
        [
            CaseFile(person=person, service=service, opened_on=met_on, opened_by=educator)
            for person, met_on, educator in planned
        ],
        actor_of=lambda c: c.opened_by,
    )
    context.persons_by_service.setdefault(service.code, []).extend(
        (person, met_on) for person, met_on, _ in planned
    )
    return planned


def _working_days(year: int, today: datetime.date):
    day, end = datetime.date(year, 1, 1), min(datetime.date(year, 12, 31), today)
    while day <= end:
        if day.weekday() < 5:
            yield day
        day += DAY


def _time(context, dispositif, team, places, quartiers) -> None:
    """Every éducateur's working days, in blocks of hours per activity (`time_entry_create`'s
    rows, in bulk)."""
    rng = context.rng
    activities, weights = list(data.ACTIVITY_SHARES), list(data.ACTIVITY_SHARES.values())
    entries = []
    for year in context.years:
        start = None
        if dispositif.code == "emps" and year == context.years[0]:
            start = datetime.date(year, data.EMPS_STARTS_MONTH, 1)
        for day in _working_days(year, context.today):
            if start and day < start:
                continue
            for educator in team:
                if rng.random() < data.DAY_OFF:  # leave, rest days after evening work…
                    continue
                remaining = Decimal(rng.choice(data.DAY_HOURS))
                # The quick entry records one line per activity of the day.
                day_entries: dict[str, TimeEntry] = {}
                while remaining > 0:
                    hours = min(remaining, Decimal(rng.choice(data.BLOCK_HOURS)))
                    remaining -= hours
                    activity = rng.choices(activities, weights=weights)[0]
                    if activity in day_entries:
                        day_entries[activity].hours += hours
                        continue
                    commune = rng.choice(places)
                    quartier = None
                    if commune.pk in quartiers and activity in (
                        "travail_de_rue",
                        "presence_sociale",
                    ):
                        quartier = rng.choice(quartiers[commune.pk])
                    day_entries[activity] = TimeEntry(
                        educator=educator,
                        dispositif=dispositif,
                        date=day,
                        hours=hours,
                        activity=activity,
                        commune=commune,
                        quartier=quartier,
                    )
                entries += day_entries.values()
                street = day_entries.get("travail_de_rue")
                if day.weekday() == 2 and street and street.hours >= 2:
                    # An hour of the week's street work on the social networks (promeneur du
                    # net, rapport SPS 2023: « de l'ordre d'1 heure par semaine »).
                    street.hours -= 1
                    entries.append(
                        TimeEntry(
                            educator=educator,
                            dispositif=dispositif,
                            date=day,
                            hours=Decimal(1),
                            activity="travail_de_rue",
                            online=True,
                            commune=street.commune,
                        )
                    )
    bulk_create_journalled(entries, actor_of=lambda entry: entry.educator, batch_size=2000)


def _contacts(context, dispositif, team, youths, places) -> None:
    """Each youth met from their first meeting on, for a year or two (`contact_create`'s rows,
    in bulk: their case file already opens on the first meeting)."""
    rng = context.rng
    contacts = []
    for person, first, educator in youths:
        last = min(context.today, first + rng.randint(30, 700) * DAY)
        for index in range(rng.randint(1, 7)):
            contacts.append(
                Contact(
                    person=person,
                    dispositif=dispositif,
                    date=first if index == 0 else context.random_date(first, last),
                    mode=pick(rng, data.CONTACT_MODES),
                    educator=educator if index == 0 else rng.choice(team),
                    commune=person.commune if person.commune in places else rng.choice(places),
                )
            )
    bulk_create_journalled(contacts, actor_of=lambda contact: contact.educator, batch_size=2000)


def network_and_instances(context, dispositif, recorder) -> None:
    """Youths received for the partner networks and the territorial meetings attended."""
    rng = context.rng
    scale = 1 if dispositif.code == "sps" else data.EMPS_NETWORK_SCALE
    with set_actor(recorder):
        for year in context.years:
            first, last, _share = context.year_bounds(year)
            for network, youths, days, hours in data.NETWORKS:
                services.network_reception_create(
                    by=recorder,
                    data={
                        "dispositif": dispositif,
                        "network": network,
                        "date": context.random_date(first, last),
                        "youths": max(1, round(youths * scale * rng.uniform(0.7, 1.3))),
                        "days": Decimal(max(1, round(days * scale))),
                        "hours": Decimal(hours),
                    },
                )
            for instance, name, times in data.INSTANCES:
                for _ in range(times if dispositif.code == "sps" else times // 3):
                    services.instance_meeting_create(
                        by=recorder,
                        data={
                            "dispositif": dispositif,
                            "instance": instance,
                            "name": name,
                            "date": context.random_date(first, last),
                        },
                    )
