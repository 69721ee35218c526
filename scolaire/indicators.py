"""Aggregates of the homework help, for its bilan and the association's report. SQL
aggregates only: a fixed number of queries whatever the volume.

Rules: a child counts once per table (once per programme in the programme table); the
attendance rate is the presences over the attendances recorded (present + absent + excused),
to two decimals; a child is new when they had no enrolment in the previous school year."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, Sum

from reportkit.periods import Period
from reportkit.tables import Format, Row, Table, share
from rl_portal.models import Person, Sex
from scolaire.models import PRIMARY_LEVELS, Attendance, Enrolment, Session, school_year_label


def _enrolments(period: Period):
    """Enrolments active in the period: start ≤ end and (no end or end ≥ start)."""
    return Enrolment.objects.filter(start__lte=period.end).exclude(end__lt=period.start)


def children_by_programme(*, period: Period) -> Table:
    """Children enrolled during the period, per programme: primary / collège, girls / boys."""
    rows = []
    totals = defaultdict(int)
    for item in (
        _enrolments(period)
        .values("programme__name", "programme__school_year")
        .annotate(
            primary=Count("child", distinct=True, filter=Q(level__in=PRIMARY_LEVELS)),
            college=Count("child", distinct=True, filter=~Q(level__in=PRIMARY_LEVELS)),
            girls=Count("child", distinct=True, filter=Q(child__sex=Sex.FEMALE)),
            boys=Count("child", distinct=True, filter=Q(child__sex=Sex.MALE)),
            total=Count("child", distinct=True),
        )
        .order_by("programme__school_year", "programme__name")
    ):
        cells = [item["primary"], item["college"], item["girls"], item["boys"], item["total"]]
        label = f"{item['programme__name']} ({school_year_label(item['programme__school_year'])})"
        rows.append(Row(label, cells))
        for index, value in enumerate(cells):
            totals[index] += value
    children = Person.objects.filter(pk__in=_enrolments(period).values("child_id")).count()
    return Table(
        id="enfants-programmes",
        title="Enfants accompagnés par programme",
        columns=["Primaire", "Collège", "Filles", "Garçons", "Total"],
        rows=rows,
        total_row=Row(
            "Total (enfants différents)", [totals[0], totals[1], totals[2], totals[3], children]
        ),
        notes=[
            "Un enfant suivi dans deux programmes compte dans chacun ; "
            "le total les compte une fois."
        ],
    )


def children_by_commune(*, period: Period) -> Table:
    counts = dict(
        Person.objects.filter(pk__in=_enrolments(period).values("child_id"))
        .values("commune__name")
        .annotate(n=Count("pk"))
        .values_list("commune__name", "n")
    )
    total = sum(counts.values())
    names = sorted(counts, key=lambda n: (n is None, n or ""))
    return Table(
        id="enfants-communes",
        title="Enfants par commune",
        columns=["Enfants", "%"],
        rows=[
            Row(
                n or "Commune non renseignée",
                [counts[n], share(counts[n], total)],
                format=Format.DECIMAL,
            )
            for n in names
        ],
        total_row=Row(
            "Total", [total, Decimal(100) if total else Decimal(0)], format=Format.DECIMAL
        ),
    )


def children_by_funder(*, period: Period) -> Table:
    counts = dict(
        _enrolments(period)
        .values("funder__name")
        .annotate(n=Count("child", distinct=True))
        .values_list("funder__name", "n")
    )
    names = sorted(counts, key=lambda n: (n is None, n or ""))
    return Table(
        id="enfants-financeurs",
        title="Enfants par financeur",
        columns=["Enfants"],
        rows=[Row(n or "Financeur non renseigné", [counts[n]]) for n in names],
    )


def sessions_and_attendance(*, period: Period) -> Table:
    """Sessions held in the period per programme, their hours, and the attendance rate."""
    sessions = Session.objects.filter(date__gte=period.start, date__lte=period.end)
    held = {
        item["programme__name"]: item
        for item in sessions.annotate(
            length=ExpressionWrapper(F("end_time") - F("start_time"), output_field=DurationField())
        )
        .values("programme__name")
        .annotate(n=Count("pk"), hours=Sum("length"))
    }
    attendance = {
        item["session__programme__name"]: item
        for item in Attendance.objects.filter(session__in=sessions)
        .values("session__programme__name")
        .annotate(
            recorded=Count("pk"),
            present=Count("pk", filter=Q(status=Attendance.Status.PRESENT)),
            excused=Count("pk", filter=Q(status=Attendance.Status.EXCUSED)),
        )
    }
    rows, totals = [], [0, Decimal(0), 0, 0]
    for name in sorted(held):
        hours = Decimal(
            held[name]["hours"].total_seconds() / 3600 if held[name]["hours"] else 0
        ).quantize(Decimal("0.01"))
        a = attendance.get(name, {"recorded": 0, "present": 0, "excused": 0})
        rows.append(
            Row(
                name,
                [held[name]["n"], hours, a["present"], share(a["present"], a["recorded"])],
                format=Format.DECIMAL,
            )
        )
        totals = [
            totals[0] + held[name]["n"],
            totals[1] + hours,
            totals[2] + a["present"],
            totals[3] + a["recorded"],
        ]
    return Table(
        id="seances-presences",
        title="Séances, heures et présences",
        columns=["Séances", "Heures", "Présences", "Taux de présence (%)"],
        rows=rows,
        total_row=Row(
            "Total",
            [totals[0], totals[1], totals[2], share(totals[2], totals[3])],
            format=Format.DECIMAL,
        ),
        notes=["Taux de présence : présences / appels enregistrés (présent, absent, excusé)."],
    )


def new_and_returning(*, period: Period) -> Table:
    """Children of the period who had no enrolment in the previous school year (new) or had one
    (returning), by the school year of the period's start."""
    children = Person.objects.filter(pk__in=_enrolments(period).values("child_id"))
    previous = Enrolment.objects.filter(
        start__lt=period.start,
        programme__school_year__gte=(period.start.year - (0 if period.start.month >= 9 else 1)) - 1,
    ).values("child_id")
    figures = children.aggregate(
        total=Count("pk"), returning=Count("pk", filter=Q(pk__in=previous))
    )
    return Table(
        id="nouveaux-anciens",
        title="Nouveaux enfants et enfants revenus",
        columns=["Enfants"],
        rows=[
            Row("Nouveaux", [figures["total"] - figures["returning"]]),
            Row("Déjà accompagnés l'année scolaire précédente", [figures["returning"]]),
        ],
        total_row=Row("Total", [figures["total"]]),
    )


def bilan(*, period: Period) -> list[Table]:
    return [
        children_by_programme(period=period),
        children_by_commune(period=period),
        children_by_funder(period=period),
        sessions_and_attendance(period=period),
        new_and_returning(period=period),
    ]
