"""The homework-help bilan on a small hand-made dataset, over a school year."""

import datetime
from decimal import Decimal

import pytest

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
    assert rows(sessions)["Carvin"] == [2, Decimal("3.00"), 4, Decimal("66.67")]
    by_programme = indicators.children_by_programme(period=period)
    assert rows(by_programme)["Carvin (2024-2025)"] == [1, 2, 1, 2, 3]
    new = indicators.new_and_returning(period=period)
    assert rows(new) == {"Nouveaux": [2], "Déjà accompagnés l'année scolaire précédente": [1]}
