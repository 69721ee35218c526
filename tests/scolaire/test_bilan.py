"""The homework-help bilan on a small hand-made dataset, over a school year."""

import datetime
from decimal import Decimal

import pytest

from reportkit.invariants import document_faults
from reportkit.periods import Period, parse_period
from rl_portal.models import Commune
from rl_portal.roles import Role
from scolaire import indicators, services
from tests.rl_portal.factories import PersonFactory, make_user
from tests.scolaire.factories import EnrolmentFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def rows(table):
    return {row.label: row.cells for row in table.rows}


def test_school_year_periods():
    period = parse_period({"annee_scolaire": "2024"}, default_year=2025)
    assert period == Period(D(2024, 9, 1), D(2025, 8, 31))
    assert period.label == "année scolaire 2024-2025"


def test_attendance_rate_and_new_children():
    animator = make_user(Role.EDUCATEUR, "scolaire", username="ines")
    previous = ProgrammeFactory(name="Carvin", school_year=2023)
    programme = ProgrammeFactory(name="Carvin", school_year=2024)
    returning = PersonFactory(
        sex="F", services=["scolaire"], commune=Commune.objects.get(name="Carvin")
    )
    EnrolmentFactory(
        programme=previous, child=returning, start=D(2023, 9, 10), end=D(2024, 7, 1), level="CM1"
    )
    a = EnrolmentFactory(programme=programme, child=returning, start=D(2024, 9, 10), level="CM2")
    b = EnrolmentFactory(programme=programme, start=D(2024, 9, 10), level="6e", child__sex="M")
    c = EnrolmentFactory(programme=programme, start=D(2024, 9, 10), level="5e", child__sex="M")
    for day, statuses in [
        (D(2024, 9, 17), {a.pk: "present", b.pk: "present", c.pk: "absent"}),
        (D(2024, 9, 19), {a.pk: "present", b.pk: "excuse", c.pk: "present"}),
    ]:
        services.session_save(
            by=animator,
            programme=programme,
            date=day,
            start_time=datetime.time(16, 30),
            end_time=datetime.time(18, 0),
            statuses=statuses,
        )
    period = Period(D(2024, 9, 1), D(2025, 8, 31))
    sessions = indicators.sessions_and_attendance(period=period)
    # 4 presences out of 6 calls: 66,67 %; two sessions of 1 h 30.
    assert rows(sessions)["Carvin (2024-2025)"] == [2, Decimal("3.00"), 4, Decimal("66.67")]
    by_programme = indicators.children_by_programme(period=period, school_year=2024)
    assert by_programme.columns == ["Primaire", "Collège", "Filles", "Garçons", "Total"]
    assert rows(by_programme)["Carvin"] == [1, 2, 1, 2, 3]
    new = indicators.new_and_returning(period=period)
    assert rows(new) == {"Année scolaire 2024-2025": [2, 1, 3]}


def all_rows(table):
    return [(row.label, row.cells) for row in table.rows] + [
        (table.total_row.label, table.total_row.cells)
    ]


def test_a_calendar_year_never_adds_two_school_years():
    # The fault: 2025 showed each programme for 2024-25 and 2025-26 with column totals adding
    # both (Primaire 128 + Collège 69 = 197, Filles 92 + Garçons 97 = 189, Total 141).
    carvin_24 = ProgrammeFactory(name="Carvin", school_year=2024)
    carvin_25 = ProgrammeFactory(name="Carvin", school_year=2025)
    addi = ProgrammeFactory(name="ADDI Rouvroy", school_year=2024)
    child = PersonFactory(sex="F", services=["scolaire"])
    EnrolmentFactory(programme=carvin_24, child=child, start=D(2024, 9, 10), end=D(2025, 7, 4))
    EnrolmentFactory(programme=carvin_25, child=child, start=D(2025, 9, 8), level="CM2")
    EnrolmentFactory(programme=carvin_24, start=D(2024, 9, 10), level="6e", child__sex="M")
    # The fault: ADDI 7 + 7 for 15 — a child whose sex is not recorded.
    EnrolmentFactory(programme=addi, start=D(2024, 10, 1), level="CE1", child__sex="NR")
    year = Period.year(2025)
    assert indicators.school_years(year) == [2024, 2025]
    first = indicators.children_by_programme(period=year, school_year=2024)
    assert first.title == (
        "Enfants accompagnés par programme — année scolaire 2024-2025 (inscriptions actives "
        "sur 2025)"
    )
    assert first.columns == [
        "Primaire",
        "Collège",
        "Filles",
        "Garçons",
        "Sexe non renseigné",
        "Total",
    ]
    assert all_rows(first) == [
        ("ADDI Rouvroy", [1, 0, 0, 0, 1, 1]),
        ("Carvin", [1, 1, 1, 1, 0, 2]),
        ("Total (inscriptions)", [2, 1, 1, 1, 1, 3]),
    ]
    second = indicators.children_by_programme(period=year, school_year=2025)
    assert all_rows(second) == [
        ("Carvin", [1, 0, 1, 0, 1]),
        ("Total (inscriptions)", [1, 0, 1, 0, 1]),
    ]
    assert document_faults([first, second]) == []


def test_returning_children_had_an_enrolment_the_previous_school_year():
    # The fault: children enrolled since September of the same school year were counted as
    # « déjà accompagnés l'année scolaire précédente » in a calendar-year report.
    previous = ProgrammeFactory(name="Carvin", school_year=2023)
    current = ProgrammeFactory(name="Carvin", school_year=2024)
    returning = PersonFactory(services=["scolaire"])
    EnrolmentFactory(programme=previous, child=returning, start=D(2023, 9, 10), end=D(2024, 7, 1))
    EnrolmentFactory(programme=current, child=returning, start=D(2024, 9, 10))
    EnrolmentFactory(programme=current, start=D(2024, 9, 10))  # since September: new
    table = indicators.new_and_returning(period=Period.year(2025))
    assert all_rows_without_total(table) == [
        ("Année scolaire 2024-2025", [1, 1, 2]),
        ("Année scolaire 2025-2026", [0, 0, 0]),
    ]


def all_rows_without_total(table):
    return [(row.label, row.cells) for row in table.rows]
