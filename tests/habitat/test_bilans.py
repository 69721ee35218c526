"""Habitat bilans on small hand-made datasets, expected figures written out."""

import datetime
from decimal import Decimal

import pytest

from habitat.indicators import bilans
from habitat.models import MonthlyRent, UnitUnavailability
from reportkit.periods import Period
from rl_portal.models import Epci
from tests.habitat.factories import (
    CllajFileFactory,
    HousingRequestFactory,
    HousingUnitFactory,
    StayFactory,
    SupportMeasureFactory,
    dispositif,
)
from tests.rl_portal.factories import ConventionFactory, PersonFactory

pytestmark = pytest.mark.django_db
D = datetime.date
YEAR = Period.year(2025)


def rows(table):
    return {row.label: row.cells for row in table.rows}


def test_occupancy_over_a_partial_year():
    # A unit leased from 01/07/2025 (184 days in 2025), two places, closed for works 10 days:
    # 2 × 184 − 2 × 10 = 348 available place-days.
    unit = HousingUnitFactory(places=2, lease_start=D(2025, 7, 1))
    UnitUnavailability.objects.create(unit=unit, start=D(2025, 7, 1), end=D(2025, 7, 10))
    # Works before the lease began take nothing off.
    UnitUnavailability.objects.create(unit=unit, start=D(2025, 5, 1), end=D(2025, 6, 30))
    # Place 1 occupied from 01/09 to 30/09 (30 days); place 2 from 01/12 on (31 days in 2025).
    StayFactory(
        unit=unit, place=1, entry=D(2025, 9, 1), exit=D(2025, 9, 30), exit_reason="parc_public"
    )
    StayFactory(unit=unit, place=2, entry=D(2025, 12, 1))
    table = bilans.occupancy(dispositifs=["alt-jeunes"], period=YEAR)
    assert rows(table) == {
        "Journées-places disponibles": [Decimal(348)],
        "Journées-places occupées": [Decimal(61)],
        "Taux d'occupation (%)": [Decimal("17.53")],
    }


def test_convention_rate_over_an_october_to_september_year():
    cahc = Epci.objects.get(short_name="CAHC")
    period = Period(D(2024, 10, 1), D(2025, 9, 30))
    ConventionFactory(
        dispositif=dispositif("asl-jeunes-ase"),
        epci=cahc,
        start=period.start,
        end=period.end,
        capacity=28,
        capacity_unit="points",
    )
    SupportMeasureFactory(asl_reinforced=True, epci=cahc, start=D(2024, 9, 1))  # goes on
    SupportMeasureFactory(asl_simple=True, epci=cahc, start=D(2025, 3, 1))
    SupportMeasureFactory(
        asl_simple=True,
        closed=True,
        epci=cahc,
        start=D(2024, 3, 1),
        end=D(2024, 9, 30),
        objectives_set=2,
        objectives_reached=1,
    )  # ended the day before: not counted
    tables = {t.id: t for t in bilans.measures_bilan(dispositif="asl-jeunes-ase", period=period)}
    assert rows(tables["mesures-cahc"]) == {
        "Mesures actives sur la période": [2],
        "dont nouvelles": [1],
        "Poids des mesures (points)": [Decimal("3.00")],
        "dont ASL simples": [1],
        "dont ASL renforcées": [1],
        "Capacité de la convention": [Decimal("28.00")],
        "Taux de réalisation de la convention (%)": [Decimal("10.71")],
    }
    assert rows(tables["mesures-call"])["Mesures actives sur la période"] == [0]


def test_alt_exits_arrears_and_requests():
    unit = HousingUnitFactory(places=3)
    a = StayFactory(
        unit=unit,
        place=1,
        entry=D(2025, 1, 1),
        exit=D(2025, 4, 10),
        exit_reason="parc_public",
        prolongation_requests=1,
    )
    StayFactory(
        unit=unit, place=2, entry=D(2024, 6, 1), exit=D(2025, 6, 1), exit_reason="autonomie"
    )
    late = StayFactory(unit=unit, place=3, entry=D(2025, 2, 1))
    MonthlyRent.objects.create(stay=late, month=D(2025, 3, 1), due=300, paid=100)
    MonthlyRent.objects.create(stay=late, month=D(2025, 4, 1), due=300, paid=200)
    MonthlyRent.objects.create(stay=a, month=D(2025, 2, 1), due=300, paid=250)
    MonthlyRent.objects.create(stay=a, month=D(2025, 3, 1), due=300, paid=350)  # paid back
    HousingRequestFactory(date=D(2025, 2, 1))
    HousingRequestFactory(date=D(2025, 3, 1), decision="admis", decided_on=D(2025, 3, 5))
    HousingRequestFactory(date=D(2024, 3, 1))
    tables = {
        t.id: t
        for t in bilans.housing_bilan(dispositifs=["alt-jeunes"], period=YEAR, suffix="jeunes")
    }
    assert rows(tables["impayes-jeunes"]) == {
        "Séjours ayant connu un impayé sur la période": [2],
        "Séjours encore en impayé à la fin de la période": [1],
        "Mois d'impayé en moyenne par séjour concerné": [Decimal("1.50")],
    }
    exits = tables["sorties-jeunes"]
    assert rows(exits)["Logement parc public"] == [1, Decimal("50.00")]
    assert rows(exits)["Autonomie (autre logement autonome)"] == [1, Decimal("50.00")]
    # (99 + 365) / 2 = 232 days = 7 × 30,44 (213,08) + 18,92 → 7 months and 19 days.
    assert "7 mois et 19 jours" in exits.notes[0]
    assert "prolongation : 1" in exits.notes[1]
    demand = rows(tables["demandes-jeunes"])
    assert demand["2025"] == [2] and demand["2024"] == [1] and demand["Évolution"] == [1]
    assert demand["dont admises"] == [1]
    assert rows(tables["public-accueilli-jeunes"])["Personnes hébergées sur la période"] == [3]
    assert rows(tables["public-accueilli-jeunes"])["dont nouvelles (entrées dans la période)"] == [
        2
    ]


def test_cllaj_counts_a_person_once():
    person = PersonFactory(sex="F", birth_year=2003, services=["habitat"])
    CllajFileFactory(person=person, date=D(2025, 2, 1), composition="personne_seule", resources=0)
    CllajFileFactory(person=person, date=D(2025, 9, 1), composition="personne_seule", resources=600)
    CllajFileFactory(
        date=D(2025, 5, 1),
        kind="aio",
        is_qpv=True,
        resources=900,
        person=PersonFactory(sex="M", birth_year=1995, services=["habitat"]),
    )
    tables = {t.id: t for t in bilans.cllaj_bilan(period=YEAR)}
    evolution = rows(tables["evolution-frequentation"])
    assert evolution["2025"][:3] == [2, 1, 2]  # 2 young people, 1 AIO, 2 follow-ups
    assert evolution["2022"] == [0] * 8
    ages = rows(tables["public-sexe-age"])
    assert ages["21 à 25 ans"][:3] == [1, 0, 1]  # 22 on 31/12/2025, counted once
    assert ages["26 ans et plus"][:3] == [0, 1, 1]
    assert "26 ans et plus : 50,00 %" in tables["public-sexe-age"].notes[0]
    # Each young person is described by their latest file: 600 € and 900 €.
    money = rows(tables["ressources"])
    assert money["Ressources moyennes (€/mois)"] == [Decimal("750.00")]
    assert money["Moyenne des jeunes ayant des ressources (€/mois)"] == [Decimal("750.00")]
    assert money["Part sans ressources (%)"] == [Decimal("0.00")]
    assert rows(tables["composition-familiale"])["Personne seule"][0] == 2
    assert tables["orienteurs"].total_row.cells[0] == 2
    assert rows(tables["zoom-qpv"])["Jeunes"] == [1]


def test_tremplins_activities_and_measure_aids():
    from habitat.models import HousingEvent
    from tests.rl_portal.factories import UserFactory

    user = UserFactory()
    event = HousingEvent.objects.create(
        kind="activite_tremplins", title="Sport", date=D(2025, 4, 2), headcount=4, created_by=user
    )
    event.participants.add(PersonFactory())
    HousingEvent.objects.create(
        kind="activite_tremplins", title="Cuisine", date=D(2024, 4, 2), headcount=9, created_by=user
    )
    HousingEvent.objects.create(
        kind="atelier", title="Atelier", date=D(2025, 4, 2), headcount=7, created_by=user
    )
    tables = {
        t.id: t
        for t in bilans.housing_bilan(dispositifs=["tremplins-duo"], period=YEAR, tremplins=True)
    }
    assert rows(tables["activites"]) == {"Activités réalisées": [1], "Participants": [5]}
    cahc = Epci.objects.get(short_name="CAHC")
    SupportMeasureFactory(epci=cahc, applications_and_aids=["fsl", "faj"], start=D(2025, 2, 1))
    SupportMeasureFactory(epci=cahc, applications_and_aids=["fsl"], start=D(2025, 3, 1))
    aids = {t.id: t for t in bilans.measures_bilan(dispositif="fsl-asll", period=YEAR)}[
        "dossiers-aides-cahc"
    ]
    assert rows(aids)["Aide FSL (accès, maintien, énergie)"] == [2, Decimal("66.67")]
    assert rows(aids)["Fonds d'aide aux jeunes (FAJ)"] == [1, Decimal("33.33")]
