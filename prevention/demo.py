"""Demo data of prevention: a realistic year of SPS and EMPS activity for every year the demo
covers (see rl_portal.demo). Shares of hours follow the Département's report (about 17 % street
work, 35 % collective actions…); youths, accompaniments and actions in proportion."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.auth.models import Group

from prevention.models import (
    Accompaniment,
    ActionSession,
    AgeBand,
    CoAccompaniment,
    CollectiveAction,
    Contact,
    ContactMode,
    Domain,
    Headcount,
    InstanceMeeting,
    NetworkReception,
    Problematique,
    Reorientation,
    TimeEntry,
    WorkedDomain,
)
from rl_portal.demo import DemoContext
from rl_portal.models import CaseFile, Commune, Dispositif, Funder, Partner, Quartier, User
from rl_portal.roles import Role

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
SPS_COMMUNES = ["62215", "62250", "62907", "62637"]
EMPS_COMMUNES = ["62427", "62587", "62724", "62321"]
EXTRA_EDUCATORS = {
    "sps": [
        ("educ.sps.2", "Yasmine", "Haddad"),
        ("educ.sps.3", "Maxime", "Leroy"),
        ("educ.sps.4", "Sophie", "Dubois"),
        ("educ.sps.5", "Kevin", "Lambert"),
        ("educ.sps.6", "Laura", "Fontaine"),
    ],
    "emps": [("educ.emps.1", "Nicolas", "Roussel"), ("educ.emps.2", "Amandine", "Delattre")],
}
ACTION_TITLES = {
    CollectiveAction.Kind.SORTIE: ["Sorties", "Sortie vélo", "Sortie mer", "Sortie culturelle"],
    CollectiveAction.Kind.ACTION_COLLECTIVE: [
        "Schdong prévention harcèlement",
        "Ateliers brico de rue",
        "Futsal",
        "Ateliers pâtisserie",
        "Prévention vélo",
        "Estime de soi 6es",
        "Des livres à soi",
        "Prévention routière",
    ],
    CollectiveAction.Kind.SEJOUR: ["Séjour itinérant", "Séjour montagne"],
    CollectiveAction.Kind.DSL: ["Fête de quartier", "Bien bouger", "Artistreet"],
    CollectiveAction.Kind.PARENTALITE: ["REAAP", "Vacances familles", "Répit parental"],
    CollectiveAction.Kind.PARTENARIALE: [
        "Forum des métiers",
        "Journée du harcèlement",
        "Forum ado",
    ],
}


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
    usernames = [u for team in EXTRA_EDUCATORS.values() for u, _, _ in team]
    User.objects.filter(username__in=usernames).delete()


def seed(context: DemoContext) -> None:
    dispositifs = {d.code: d for d in Dispositif.objects.filter(code__in=["sps", "emps"])}
    communes = {c.insee_code: c for c in Commune.objects.exclude(insee_code=None)}
    quartiers: dict[int, list[Quartier]] = {}
    for quartier in Quartier.objects.all():
        quartiers.setdefault(quartier.commune_id, []).append(quartier)
    teams = _seed_educators(context)
    persons = {
        "sps": context.persons_by_service.get("prevention", []),
        "emps": context.persons_by_service.get("emps", []),
    }
    opened = dict(
        CaseFile.objects.filter(service__code__in=["prevention", "emps"]).values_list(
            "person_id", "opened_on"
        )
    )
    for code, dispositif in dispositifs.items():
        commune_codes = SPS_COMMUNES if code == "sps" else EMPS_COMMUNES
        places = [communes[insee] for insee in commune_codes]
        _seed_time(context, dispositif, teams[code], places, quartiers)
        _seed_contacts(context, dispositif, teams[code], persons[code], opened, places)
        _seed_accompaniments(context, dispositif, teams[code], persons[code], opened)
        _seed_actions(context, dispositif, teams[code], persons[code], places)
        _seed_networks(context, dispositif, teams[code][0])


def _seed_educators(context: DemoContext) -> dict[str, list[User]]:
    group = Group.objects.get(name=Role.EDUCATEUR.label)
    services = context.services
    teams = {"sps": [context.users["educ.prevention"]], "emps": []}
    for code, people in EXTRA_EDUCATORS.items():
        for username, first, last in people:
            user = User.objects.create(
                username=username,
                first_name=first,
                last_name=last,
                job_title="Éducateur spécialisé",
            )
            # Colleagues in the demo team: no password of their own (they do not sign in).
            user.set_unusable_password()
            user.save(update_fields=["password"])
            user.groups.add(group)
            user.services.add(services["prevention" if code == "sps" else "emps"])
            teams[code].append(user)
    context.users.update({u.username: u for team in teams.values() for u in team})
    return teams


def _working_days(year: int, today: datetime.date):
    day = datetime.date(year, 1, 1)
    end = min(datetime.date(year, 12, 31), today)
    while day <= end:
        if day.weekday() < 5:
            yield day
        day += datetime.timedelta(days=1)


def _seed_time(context, dispositif, team, places, quartiers) -> None:
    rng = context.rng
    activities = list(ACTIVITY_SHARES)
    weights = list(ACTIVITY_SHARES.values())
    entries = []
    for year in context.years:
        # The EMPS started in May of the first year covered.
        start = (
            datetime.date(year, 5, 1)
            if dispositif.code == "emps" and year == context.years[0]
            else None
        )
        for day in _working_days(year, context.today):
            if start and day < start:
                continue
            for educator in team:
                if rng.random() < 0.18:  # leave, rest days after evening work…
                    continue
                remaining = Decimal(rng.choice(["5", "5.5", "6", "6.5", "7", "7.5"]))
                while remaining > 0:
                    hours = min(
                        remaining, Decimal(rng.choice(["1", "1.5", "2", "2.5", "3", "3.5"]))
                    )
                    activity = rng.choices(activities, weights=weights)[0]
                    commune = rng.choice(places)
                    quartier = None
                    if commune.pk in quartiers and activity in (
                        "travail_de_rue",
                        "presence_sociale",
                    ):
                        quartier = rng.choice(quartiers[commune.pk])
                    entries.append(
                        TimeEntry(
                            educator=educator,
                            dispositif=dispositif,
                            date=day,
                            hours=hours,
                            activity=activity,
                            commune=commune,
                            quartier=quartier,
                        )
                    )
                    remaining -= hours
    TimeEntry.objects.bulk_create(entries, batch_size=2000)


def _seed_contacts(context, dispositif, team, youths, opened, places) -> None:
    rng = context.rng
    contacts = []
    for person in youths:
        first = opened.get(person.pk, context.start)
        # Met several times from the first meeting on, for a year or two.
        last = min(context.today, first + datetime.timedelta(days=rng.randint(30, 700)))
        for index in range(rng.randint(1, 7)):
            date = first if index == 0 else context.random_date(first, last)
            mode = rng.choices(
                [
                    ContactMode.TRAVAIL_DE_RUE,
                    ContactMode.PRESENCE_SOCIALE,
                    ContactMode.PROMENEUR_DU_NET,
                ],
                weights=[82, 13, 5],
            )[0]
            contacts.append(
                Contact(
                    person=person,
                    dispositif=dispositif,
                    date=date,
                    mode=mode,
                    educator=rng.choice(team),
                    commune=person.commune
                    if person.commune and person.commune in places
                    else rng.choice(places),
                )
            )
    Contact.objects.bulk_create(contacts, batch_size=2000)


def _situation_for(age: int | None, rng) -> str:
    S = Accompaniment.Situation
    if age is None:
        return S.COLLEGE
    if age < 11:
        return S.PRIMARY
    if age <= 14:
        return S.COLLEGE if rng.random() < 0.95 else S.DROPPED_OUT
    if age <= 18:
        return rng.choice(
            [S.VOCATIONAL_LYCEE, S.GENERAL_LYCEE, S.DROPPED_OUT, S.TRAINING_SEEKING, S.IN_TRAINING]
        )
    return rng.choice([S.JOB_SEEKING, S.TRAINING_SEEKING, S.IN_TRAINING, S.EMPLOYED, S.UNEMPLOYED])


def _seed_accompaniments(context, dispositif, team, youths, opened) -> None:
    rng = context.rng
    problematiques = list(Problematique.objects.filter(parent__isnull=False))
    partners = list(Partner.objects.all())
    E = Accompaniment.EndReason
    accompaniments, pending = [], []
    # About 40 % of the youths met are accompanied at some point (a third of them ASEP only).
    for person in youths:
        if rng.random() > (0.4 if dispositif.code == "sps" else 0.5):
            continue
        first = opened.get(person.pk, context.start)
        start = min(context.today, first + datetime.timedelta(days=rng.randint(0, 90)))
        kind = Accompaniment.Kind.PAEI if rng.random() < 0.68 else Accompaniment.Kind.ASEP
        duration = rng.choice([60, 120, 200, 300, 400, 500, 800])
        end = start + datetime.timedelta(days=duration)
        end_reason = ""
        if end <= context.today - datetime.timedelta(days=1):
            end_reason = rng.choices(
                [E.IMPROVEMENT, E.MOBILISATION, E.ORIENTATION, E.TERRITORY], weights=[58, 9, 7, 3]
            )[0]
        else:
            end = None
        age = None
        if person.birth_year:
            age = start.year - person.birth_year
        accompaniment = Accompaniment(
            person=person,
            dispositif=dispositif,
            kind=kind,
            referent=rng.choice(team),
            start=start,
            end=end,
            end_reason=end_reason,
            situation=_situation_for(age, rng),
            origin=rng.choices(
                [
                    Accompaniment.Origin.PRESENCE_SOCIALE,
                    Accompaniment.Origin.PARTNER,
                    Accompaniment.Origin.THIRD_PARTY,
                ],
                weights=[75, 15, 10],
            )[0],
            # Most reviews are up to date; a few are late, so that the alerts show something.
            last_review=min(
                context.today,
                start + datetime.timedelta(days=rng.randint(0, max(duration - 1, 0))),
            ),
            version=1,
        )
        accompaniments.append(accompaniment)
        pending.append(accompaniment)
    Accompaniment.objects.bulk_create(accompaniments)

    through = Accompaniment.problematiques.through
    links, co, reorientations, domains = [], [], [], []
    for accompaniment in pending:
        for problematique in rng.sample(problematiques, k=rng.randint(1, 3)):
            links.append(
                through(accompaniment_id=accompaniment.pk, problematique_id=problematique.pk)
            )
        for kind in rng.sample(list(CoAccompaniment.Kind.values), k=rng.choice([0, 0, 1, 1, 2])):
            co.append(CoAccompaniment(accompaniment=accompaniment, kind=kind))
        if accompaniment.end_reason == E.ORIENTATION:
            reorientations.append(
                Reorientation(
                    accompaniment=accompaniment,
                    category=rng.choice(list(Reorientation.Category.values)),
                    partner=rng.choice(partners) if partners else None,
                )
            )
        last = accompaniment.end or context.today
        for _ in range(rng.randint(1, 8)):
            domains.append(
                WorkedDomain(
                    accompaniment=accompaniment,
                    date=context.random_date(accompaniment.start, last),
                    domain=rng.choices(
                        list(Domain.values), weights=[24, 23, 14, 11, 10, 10, 3, 2, 2, 1, 1, 1]
                    )[0],
                    educator=accompaniment.referent,
                )
            )
    through.objects.bulk_create(links)
    CoAccompaniment.objects.bulk_create(co)
    Reorientation.objects.bulk_create(reorientations)
    WorkedDomain.objects.bulk_create(domains, batch_size=2000)


def _seed_actions(context, dispositif, team, youths, places) -> None:
    rng = context.rng
    partners = list(Partner.objects.all())
    funders = list(Funder.objects.all())
    kinds = list(ACTION_TITLES)
    kind_weights = [30, 40, 6, 8, 8, 8]
    actions, sessions_by_action, headcounts_by_action, participants_by_action = [], {}, {}, {}
    for year in context.years:
        year_end = min(datetime.date(year, 12, 31), context.today)
        if year_end < datetime.date(year, 1, 1):
            continue
        for commune in places:
            for _ in range(rng.randint(6, 10)):
                kind = rng.choices(kinds, weights=kind_weights)[0]
                action = CollectiveAction(
                    dispositif=dispositif,
                    title=rng.choice(ACTION_TITLES[kind]),
                    kind=kind,
                    commune=commune,
                    families=rng.choice([0, 0, 0, 2, 4, 8, 13])
                    if kind != CollectiveAction.Kind.SORTIE
                    else 0,
                    created_by=rng.choice(team),
                    version=1,
                )
                count = (
                    rng.randint(20, 60)
                    if kind == CollectiveAction.Kind.SORTIE
                    else rng.randint(1, 12)
                )
                sessions_by_action[id(action)] = sorted(
                    {context.random_date(datetime.date(year, 1, 1), year_end) for _ in range(count)}
                )
                headcounts_by_action[id(action)] = [
                    (band, sex, rng.randint(1, 40 if kind == CollectiveAction.Kind.SORTIE else 15))
                    for band in AgeBand.values
                    for sex in ("F", "M")
                    if rng.random() < (0.6 if band in ("11_14", "15_18") else 0.25)
                ]
                nearby = [p for p in youths if p.commune_id == commune.pk]
                participants_by_action[id(action)] = rng.sample(
                    nearby, k=min(len(nearby), rng.randint(0, 6))
                )
                actions.append(action)
    CollectiveAction.objects.bulk_create(actions)
    sessions, headcounts = [], []
    participants = CollectiveAction.participants.through
    partner_links = CollectiveAction.partners.through
    funder_links = CollectiveAction.funders.through
    participant_rows, partner_rows, funder_rows = [], [], []
    for action in actions:
        sessions += [
            ActionSession(action=action, date=day) for day in sessions_by_action[id(action)]
        ]
        headcounts += [
            Headcount(action=action, age_band=band, sex=sex, count=count)
            for band, sex, count in headcounts_by_action[id(action)]
        ]
        participant_rows += [
            participants(collectiveaction_id=action.pk, person_id=person.pk)
            for person in participants_by_action[id(action)]
        ]
        if partners:
            partner_rows += [
                partner_links(collectiveaction_id=action.pk, partner_id=partner.pk)
                for partner in rng.sample(partners, k=rng.randint(0, 3))
            ]
        if funders and action.kind in (
            CollectiveAction.Kind.DSL,
            CollectiveAction.Kind.PARENTALITE,
        ):
            funder_rows += [
                funder_links(collectiveaction_id=action.pk, funder_id=funder.pk)
                for funder in rng.sample(funders, k=rng.randint(1, 2))
            ]
    ActionSession.objects.bulk_create(sessions, batch_size=2000)
    Headcount.objects.bulk_create(headcounts, batch_size=2000)
    participants.objects.bulk_create(participant_rows, ignore_conflicts=True)
    partner_links.objects.bulk_create(partner_rows, ignore_conflicts=True)
    funder_links.objects.bulk_create(funder_rows, ignore_conflicts=True)


def _seed_networks(context, dispositif, recorder) -> None:
    rng = context.rng
    receptions, meetings = [], []
    for year in context.years:
        year_end = min(datetime.date(year, 12, 31), context.today)
        for network, youths, days, hours in [
            (NetworkReception.Network.MDS, 9, 2, 56),
            (NetworkReception.Network.ADAE, 17, 21, 0),
            (NetworkReception.Network.EXCLUSION, 6, 7, 0),
            (NetworkReception.Network.RESPONSABILISATION, 2, 2, 0),
            (NetworkReception.Network.STAGE, 3, 30, 0),
        ]:
            scale = 1 if dispositif.code == "sps" else 0.3
            count = max(1, round(youths * scale * rng.uniform(0.7, 1.3)))
            receptions.append(
                NetworkReception(
                    dispositif=dispositif,
                    network=network,
                    date=context.random_date(datetime.date(year, 1, 1), year_end),
                    youths=count,
                    days=Decimal(max(1, round(days * scale))),
                    hours=Decimal(hours),
                    created_by=recorder,
                )
            )
        for instance, name, times in [("cls", "CLS", 11), ("cispd", "CISPD CAHC", 8)]:
            for _ in range(times if dispositif.code == "sps" else times // 3):
                meetings.append(
                    InstanceMeeting(
                        dispositif=dispositif,
                        instance=instance,
                        name=name,
                        date=context.random_date(datetime.date(year, 1, 1), year_end),
                        created_by=recorder,
                    )
                )
    NetworkReception.objects.bulk_create(receptions)
    InstanceMeeting.objects.bulk_create(meetings)
