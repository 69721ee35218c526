"""The scolaire demo: the three programmes of the report every school year, a hundred-odd
children a year of whom more than half come back, roll calls that list exactly the children
enrolled on the day (one child per visit in the ADDI), consistent referrals to prevention, and
no date after today."""

import datetime
from collections import Counter, defaultdict

from rl_portal.models import CaseFile
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

D = datetime.date
LEVELS = list(Level.values)

# name: kind, commune, public, funder, children in a complete school year
PROGRAMMES = {
    "ADDI Rouvroy": ("addi", "Rouvroy", "primaire_college", "SIA Habitat", (8, 25)),
    "Accompagnement scolaire Carvin": (
        "accompagnement",
        "Carvin",
        "primaire_college",
        "CAF du Pas-de-Calais",
        (40, 80),
    ),
    "Expérimentation Évin-Malmaison": (
        "experimentation",
        "Évin-Malmaison",
        "primaire",
        "État — Plan pauvreté",
        (15, 35),
    ),
}


def check_programmes(school_years):
    for year in school_years:
        programmes = Programme.objects.filter(school_year=year).prefetch_related("funders")
        assert {p.name for p in programmes} == set(PROGRAMMES), year
        for programme in programmes:
            kind, commune, public, funder, _ = PROGRAMMES[programme.name]
            assert (programme.kind, programme.commune.name, programme.public) == (
                kind,
                commune,
                public,
            )
            assert [f.name for f in programme.funders.all()] == [funder]


def check_children(complete):
    assert complete, "at least one complete school year is covered"
    for year in complete:
        enrolments = Enrolment.objects.filter(programme__school_year=year)
        children = set(enrolments.values_list("child_id", flat=True))
        assert 70 <= len(children) <= 140, year
        for name, (*_, (low, high)) in PROGRAMMES.items():
            assert low <= enrolments.filter(programme__name=name).count() <= high, (year, name)
        carvin = enrolments.filter(programme__name="Accompagnement scolaire Carvin")
        primary = carvin.filter(level__in=PRIMARY_LEVELS).count()
        assert 0.3 <= primary / carvin.count() <= 0.7
        assert not enrolments.filter(
            programme__public="primaire", level__in=["6e", "5e", "4e", "3e"]
        ).exists()
        # About 60 % come back the next school year, one level up (or repeating it).
        following = Enrolment.objects.filter(programme__school_year=year + 1).select_related(
            "programme"
        )
        if following.exists():
            back = {e.child_id: e for e in following if e.child_id in children}
            assert 0.45 <= len(back) / len(children) <= 0.8, year
            before = {e.child_id: e for e in enrolments.select_related("programme")}
            for child_id, enrolment in back.items():
                previous = before[child_id]
                assert previous.leaving_reason == "fin_annee"
                assert enrolment.programme.name == previous.programme.name
                step = LEVELS.index(enrolment.level) - LEVELS.index(previous.level)
                assert step in (0, 1)

    # Ages consistent with the level (6 in CP, 14 in 3e, a year more for those who repeated
    # one), the school of the level, the programme's funding line, endings with their reason.
    first_start = {}
    for enrolment in Enrolment.objects.select_related("child", "programme", "school"):
        child, year = enrolment.child, enrolment.programme.school_year
        first_start[child.pk] = min(enrolment.start, first_start.get(child.pk, enrolment.start))
        if child.birth_year:
            age = year - child.birth_year
            index = LEVELS.index(enrolment.level)
            assert 6 <= age <= 15 and index + 6 <= age <= index + 7, (child, enrolment.level)
        if enrolment.school:
            expected = "ecole" if enrolment.level in PRIMARY_LEVELS else "college"
            assert enrolment.school.kind == expected
        assert enrolment.funder.name == PROGRAMMES[enrolment.programme.name][3]
        assert (enrolment.end is None) == (enrolment.leaving_reason == "")
        assert enrolment.end is None or enrolment.start <= enrolment.end
    assert Enrolment.objects.filter(school=None).count() <= Enrolment.objects.count() * 0.2
    # Each child's scolaire case file opens on their first enrolment.
    opened = dict(
        CaseFile.objects.filter(service__code="scolaire", person_id__in=first_start).values_list(
            "person_id", "opened_on"
        )
    )
    assert opened == first_start


def check_sessions(complete):
    sessions = list(Session.objects.select_related("programme", "recorded_by"))
    assert {s.recorded_by.username for s in sessions} == {"educ.scolaire"}
    assert {s.version for s in sessions} == {1}
    last_session = {}
    for session in sessions:
        name = session.programme.name
        key = session.programme_id
        last_session[key] = max(session.date, last_session.get(key, session.date))
        assert session.date.month not in (7, 8) and session.date.weekday() < 5
        assert session.staff
        if name == "Accompagnement scolaire Carvin":
            assert session.date.weekday() in (1, 3)
            assert (session.start_time, session.end_time) == (
                datetime.time(16, 30),
                datetime.time(18, 0),
            )
        elif name == "Expérimentation Évin-Malmaison":
            assert session.date.weekday() == 2
            assert (session.start_time, session.end_time) == (
                datetime.time(14, 0),
                datetime.time(16, 0),
            )
        else:
            # The ADDI's one-hour visits, three evenings a week.
            assert session.place == "À domicile"
            assert session.date.weekday() in (0, 1, 3)
            assert session.end_time.hour - session.start_time.hour == 1
    group_weeks = {"Accompagnement scolaire Carvin": 2, "Expérimentation Évin-Malmaison": 1}
    for year in complete:
        for name, per_week in group_weeks.items():
            count = Session.objects.filter(programme__school_year=year, programme__name=name)
            assert 25 * per_week <= count.count() <= 38 * per_week, (year, name)
        # The ADDI visits each child once a week: about thirty visits a child a year.
        visits = Session.objects.filter(programme__school_year=year, programme__name="ADDI Rouvroy")
        children = Enrolment.objects.filter(
            programme__school_year=year, programme__name="ADDI Rouvroy"
        )
        assert 15 * children.count() <= visits.count() <= 36 * children.count(), year

    enrolments = defaultdict(list)
    for pk, programme_id, start, end in Enrolment.objects.values_list(
        "pk", "programme_id", "start", "end"
    ):
        enrolments[programme_id].append((pk, start, end))
    called = defaultdict(set)
    last_visit = {}
    for session_id, enrolment_id, day in Attendance.objects.values_list(
        "session_id", "enrolment_id", "session__date"
    ):
        called[session_id].add(enrolment_id)
        last_visit[enrolment_id] = max(day, last_visit.get(enrolment_id, day))
    for session in sessions:
        expected = {
            pk
            for pk, start, end in enrolments[session.programme_id]
            if start <= session.date and (end is None or end >= session.date)
        }
        if session.programme.is_individual:
            # A visit is one child's, a child enrolled that day.
            assert len(called[session.pk]) == 1 and called[session.pk] <= expected, session
        else:
            # A group's roll call lists exactly the children enrolled that day.
            assert called[session.pk] == expected, session
    # A school year's enrolments end with the group's last session (after the child's last
    # visit in the ADDI).
    for enrolment in Enrolment.objects.filter(leaving_reason="fin_annee").select_related(
        "programme"
    ):
        if enrolment.programme.is_individual:
            assert last_visit.get(enrolment.pk, enrolment.start) <= enrolment.end
        else:
            assert enrolment.end == last_session[enrolment.programme_id]
    statuses = Counter(Attendance.objects.values_list("status", flat=True))
    total = sum(statuses.values())
    assert total > 5000
    assert 0.72 <= statuses["present"] / total <= 0.88
    assert 0.07 <= statuses["absent"] / total <= 0.18
    assert 0.04 <= statuses["excuse"] / total <= 0.12


def check_referrals(today, school_years, complete):
    referrals = list(Referral.objects.select_related("child", "sent_by", "decided_by"))
    per_year = Counter(school_year_of(r.date) for r in referrals)
    assert all(3 <= per_year[year] <= 5 for year in complete), per_year
    assert set(per_year) <= set(school_years)
    assert len({r.child_id for r in referrals}) == len(referrals)
    prevention = dict(
        CaseFile.objects.filter(service__code="prevention").values_list("person_id", "opened_on")
    )
    statuses = Counter(r.status for r in referrals)
    assert statuses["acceptee"] >= 2 and statuses["declinee"] >= 1
    for referral in referrals:
        assert referral.sent_by.username == "educ.scolaire"
        assert referral.reason
        assert Enrolment.objects.filter(child=referral.child, start__lte=referral.date).exists()
        if referral.status == "en_attente":
            assert referral.decided_by is None and referral.decided_on is None
            assert (today - referral.date).days < 60
            continue
        assert referral.decided_by.username == "chef.prevention"
        assert referral.date <= referral.decided_on <= today
        if referral.status == "acceptee":
            assert prevention[referral.child_id] <= referral.decided_on


def check_dates(today, first_day):
    for queryset, fields in [
        (Session.objects.all(), ["date"]),
        (Enrolment.objects.all(), ["start", "end"]),
        (Referral.objects.all(), ["date", "decided_on"]),
        (CaseFile.objects.filter(service__code__in=["scolaire", "prevention"]), ["opened_on"]),
    ]:
        for name in fields:
            assert not queryset.filter(**{f"{name}__gt": today}).exists(), name
            assert not queryset.filter(**{f"{name}__lt": first_day}).exists(), name
