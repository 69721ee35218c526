"""Aggregates of the homework help, for its bilan and the association's report. SQL
aggregates only: a fixed number of queries whatever the volume.

Rules:
- **per school year**: a programme belongs to one school year (September → August); the tables
  of children are given per school year — a calendar-year report shows each school year that
  overlaps it, with the enrolments active in the period — so that no total adds two school
  years;
- an enrolment is a child in a programme: the programme table counts enrolments (its rows and
  columns add up) and gives the distinct children apart; the other tables count children once;
- every child shows: a column for the other sexes when there are any, a row for an unknown
  commune or funder;
- attendance rate: presences / attendances recorded (present + absent + excused), two decimals;
- « déjà accompagné l'année scolaire précédente »: the child had an enrolment in a programme of
  the previous school year; « nouveau » otherwise."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, Sum

from reportkit.periods import Period
from reportkit.tables import Kind, Row, Table, share, shares_of_total
from rl_portal.models import Person, Sex
from scolaire.models import (
    PRIMARY_LEVELS,
    Attendance,
    Enrolment,
    Session,
    school_year_label,
    school_year_of,
)

# Named « Scolaire » in workbooks' sheet names beside the other services.
DISPOSITIF = "Scolaire"
SEX_COLUMNS = [
    (Sex.FEMALE, "Filles"),
    (Sex.MALE, "Garçons"),
    (Sex.NON_BINARY, "Non binaire"),
    (Sex.UNKNOWN, "Sexe non renseigné"),
]


def school_years(period: Period) -> list[int]:
    """The school years (by their first calendar year) a period overlaps."""
    return list(range(school_year_of(period.start), school_year_of(period.end) + 1))


def _enrolments(period: Period):
    """Enrolments active in the period: start ≤ end and (no end or end ≥ start)."""
    return Enrolment.objects.filter(start__lte=period.end).exclude(end__lt=period.start)


def _year_title(title: str, year: int, period: Period) -> str:
    label = f"{title} — année scolaire {school_year_label(year)}"
    if period.is_school_year:
        return label
    return f"{label} (inscriptions actives sur {period.label})"


def children_by_programme(*, period: Period, school_year: int) -> Table:
    """The enrolments of one school year's programmes active in the period, per programme: by
    level (primary, collège) and by sex, and the distinct children. Unit: enrolments (a child
    in two programmes is two enrolments), children. Rapport de l'association 2023,
    accompagnement scolaire « Accompagnement scolaire Carvin : 55 collégiens, 54 primaires ».
    Two queries."""
    enrolments = _enrolments(period).filter(programme__school_year=school_year)
    counts: dict[str, dict] = defaultdict(lambda: defaultdict(int))
    for item in (
        enrolments.values("programme__name", "child__sex")
        .annotate(
            primary=Count("pk", filter=Q(level__in=PRIMARY_LEVELS)),
            college=Count("pk", filter=~Q(level__in=PRIMARY_LEVELS)),
        )
        .order_by("programme__name")
    ):
        c = counts[item["programme__name"]]
        c["primary"] += item["primary"]
        c["college"] += item["college"]
        c[item["child__sex"]] += item["primary"] + item["college"]
    sexes = [
        (code, label)
        for code, label in SEX_COLUMNS
        if code in (Sex.FEMALE, Sex.MALE) or any(c[code] for c in counts.values())
    ]
    keys = ["primary", "college", *[code for code, _l in sexes]]

    def cells(c):
        return [c[k] for k in keys] + [c["primary"] + c["college"]]

    rows = [Row(name, cells(counts[name])) for name in sorted(counts)]
    total = [sum(r.cells[i] for r in rows) for i in range(len(keys) + 1)]
    children = enrolments.values("child").distinct().count()
    sex_labels = [label for _c, label in sexes]
    return Table(
        id=f"enfants-programmes-{school_year}",
        title=_year_title("Enfants accompagnés par programme", school_year, period),
        columns=["Primaire", "Collège", *sex_labels, "Total"],
        rows=rows,
        total_row=Row("Total (inscriptions)", total),
        notes=[
            f"Enfants différents : {children} (un enfant inscrit dans deux programmes compte "
            "dans chacun)."
        ],
        kinds=[Kind.COUNT] * (len(keys) + 1),
        sums=[("Total", ["Primaire", "Collège"]), ("Total", sex_labels)],
        dispositif=DISPOSITIF,
        short_title=f"Programmes {school_year_label(school_year)}",
    )


def children_by_commune(*, period: Period) -> Table:
    """The children enrolled in the period by commune of residence (unknown apart, outside the
    shares). Unit: children. One query."""
    counts = dict(
        Person.objects.filter(pk__in=_enrolments(period).values("child_id"))
        .values("commune__name")
        .annotate(n=Count("pk"))
        .values_list("commune__name", "n")
    )
    unknown = counts.pop(None, 0)
    names = sorted(counts)
    values = [counts[n] for n in names]
    rows = [
        Row(n, [v, part]) for n, v, part in zip(names, values, shares_of_total(values), strict=True)
    ]
    notes = []
    if unknown:
        rows.append(Row("Commune non renseignée", [unknown, None]))
        notes.append("« Commune non renseignée » : comptée dans le Total, hors des parts (%).")
    return Table(
        id="enfants-communes",
        title="Enfants par commune",
        columns=["Enfants", "%"],
        rows=rows,
        total_row=Row(
            "Total", [sum(values) + unknown, Decimal(100) if values and sum(values) else Decimal(0)]
        ),
        notes=notes,
        kinds=[Kind.COUNT, Kind.SHARE],
        population="scolaire-enfants",
        dispositif=DISPOSITIF,
    )


def children_by_funder(*, period: Period) -> Table:
    """The children enrolled in the period by the funding line of their enrolment (a child with
    enrolments on two lines counts in each, once in the Total). Unit: children. Rapport de
    l'association 2023, « ADDI Rouvroy : 28 enfants avec le bailleur SIA, 16 enfants avec le
    plan pauvreté ». Two queries."""
    enrolments = _enrolments(period)
    counts = dict(
        enrolments.values("funder__name")
        .annotate(n=Count("child", distinct=True))
        .values_list("funder__name", "n")
    )
    unknown = counts.pop(None, 0)
    rows = [Row(n, [counts[n]]) for n in sorted(counts)]
    if unknown:
        rows.append(Row("Financement non renseigné", [unknown]))
    return Table(
        id="enfants-financeurs",
        title="Enfants par financeur",
        columns=["Enfants"],
        rows=rows,
        total_row=Row(
            "Total (enfants différents)", [enrolments.values("child").distinct().count()]
        ),
        kinds=[Kind.DISTINCT],
        population="scolaire-enfants",
        dispositif=DISPOSITIF,
    )


def sessions_and_attendance(*, period: Period) -> Table:
    """Sessions held in the period per programme, their hours, the presences and the attendance
    rate. Units: sessions, hours, presences, %. Two queries."""
    sessions = Session.objects.filter(date__gte=period.start, date__lte=period.end)
    held = {
        (item["programme__name"], item["programme__school_year"]): item
        for item in sessions.annotate(
            length=ExpressionWrapper(F("end_time") - F("start_time"), output_field=DurationField())
        )
        .values("programme__name", "programme__school_year")
        .annotate(n=Count("pk"), hours=Sum("length"))
    }
    attendance = {
        (item["session__programme__name"], item["session__programme__school_year"]): item
        for item in Attendance.objects.filter(session__in=sessions)
        .values("session__programme__name", "session__programme__school_year")
        .annotate(
            recorded=Count("pk"),
            present=Count("pk", filter=Q(status=Attendance.Status.PRESENT)),
        )
    }
    rows, totals = [], [0, Decimal(0), 0, 0]
    for key in sorted(held, key=lambda k: (k[1], k[0])):
        name, year = key
        hours = Decimal(
            held[key]["hours"].total_seconds() / 3600 if held[key]["hours"] else 0
        ).quantize(Decimal("0.01"))
        a = attendance.get(key, {"recorded": 0, "present": 0})
        rows.append(
            Row(
                f"{name} ({school_year_label(year)})",
                [held[key]["n"], hours, a["present"], share(a["present"], a["recorded"])],
            )
        )
        totals = [
            totals[0] + held[key]["n"],
            totals[1] + hours,
            totals[2] + a["present"],
            totals[3] + a["recorded"],
        ]
    return Table(
        id="seances-presences",
        title="Séances, heures et présences",
        columns=["Séances", "Heures", "Présences", "Taux de présence"],
        rows=rows,
        total_row=Row("Total", [totals[0], totals[1], totals[2], share(totals[2], totals[3])]),
        notes=["Taux de présence : présences / appels enregistrés (présent, absent, excusé)."],
        kinds=[Kind.COUNT, Kind.HOURS, Kind.COUNT, Kind.RATE],
        dispositif=DISPOSITIF,
    )


def new_and_returning(*, period: Period) -> Table:
    """Per school year overlapping the period, the children enrolled in it (enrolments active in
    the period): new ones and those already accompanied the previous school year (an enrolment
    in a programme of that year). Unit: children. One query per school year."""
    years = school_years(period)
    figures = {}
    for year in years:
        children = Person.objects.filter(
            pk__in=_enrolments(period).filter(programme__school_year=year).values("child_id")
        )
        figures[year] = children.aggregate(
            total=Count("pk"),
            returning=Count(
                "pk",
                filter=Q(
                    pk__in=Enrolment.objects.filter(programme__school_year=year - 1).values(
                        "child_id"
                    )
                ),
            ),
        )
    rows = [
        Row(
            f"Année scolaire {school_year_label(year)}",
            [
                figures[year]["total"] - figures[year]["returning"],
                figures[year]["returning"],
                figures[year]["total"],
            ],
        )
        for year in years
    ]
    return Table(
        id="nouveaux-anciens",
        title="Nouveaux enfants et enfants déjà accompagnés",
        columns=["Nouveaux", "Déjà accompagnés l'année scolaire précédente", "Enfants"],
        rows=rows,
        notes=[
            "Déjà accompagné : inscrit dans un programme de l'année scolaire précédente (pas "
            "seulement plus tôt dans la même année scolaire)."
        ],
        kinds=[Kind.COUNT] * 3,
        sums=[("Enfants", ["Nouveaux", "Déjà accompagnés l'année scolaire précédente"])],
        dispositif=DISPOSITIF,
    )
