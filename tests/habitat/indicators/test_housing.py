"""ALT and Tremplins Duo tables on hand-made stays, requests and rents, written out row by row;
occupancy can never exceed 100 %, and the inputs that made it do are refused everywhere."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from habitat import services
from habitat.indicators import alt, housing, tremplins
from habitat.models import HousingEvent, HousingUnit, MonthlyRent, Stay, UnitUnavailability
from reportkit.invariants import document_faults
from reportkit.periods import Period
from rl_portal.models import Commune
from rl_portal.roles import Role
from tests.habitat.factories import (
    HousingRequestFactory,
    HousingUnitFactory,
    StayFactory,
    dispositif,
)
from tests.rl_portal.factories import HouseholdFactory, PersonFactory, UserFactory, make_user

pytestmark = pytest.mark.django_db
D = datetime.date
H = Decimal
YEAR = Period.year(2025)


def rows(table):
    return [(row.label, row.cells) for row in table.rows] + (
        [(table.total_row.label, table.total_row.cells)] if table.total_row else []
    )


@pytest.fixture
def worker():
    return make_user(Role.EDUCATEUR, "habitat", username="thomas")


# ---------------------------------------------------------------------------------------------
# Occupancy
# ---------------------------------------------------------------------------------------------


def test_occupancy_over_a_partial_year():
    # A unit leased from 01/07/2025 (184 days in 2025), two places, closed for works 10 days
    # before its first occupant: 2 × 184 − 2 × 10 = 348 available place-days.
    unit = HousingUnitFactory(places=2, lease_start=D(2025, 7, 1))
    UnitUnavailability.objects.create(unit=unit, start=D(2025, 7, 1), end=D(2025, 7, 10))
    # Works before the lease began take nothing off.
    UnitUnavailability.objects.create(unit=unit, start=D(2025, 5, 1), end=D(2025, 6, 30))
    StayFactory(
        unit=unit, place=1, entry=D(2025, 9, 1), exit=D(2025, 9, 30), exit_reason="parc_public"
    )
    StayFactory(unit=unit, place=2, entry=D(2025, 12, 1))
    assert rows(housing.occupancy(dispositif="alt-jeunes", period=YEAR)) == [
        ("Journées-places disponibles", [H(348)]),
        ("Journées-places occupées", [H(61)]),
        ("Taux d'occupation", [H("17.53")]),
    ]


def test_occupancy_never_exceeds_100_percent_even_on_old_records():
    # Records entered before the checks existed: works during a stay (102,81 % before) and an
    # exit after the lease's end (150,55 % before). Saved directly, as the old admin did.
    occupied = HousingUnitFactory(lease_start=D(2020, 1, 1))
    StayFactory(unit=occupied, entry=D(2024, 6, 1))
    UnitUnavailability.objects.create(unit=occupied, start=D(2025, 3, 1), end=D(2025, 3, 10))
    given_back = HousingUnitFactory(lease_start=D(2025, 1, 1), lease_end=D(2025, 6, 30))
    StayFactory(
        unit=given_back, entry=D(2025, 1, 1), exit=D(2025, 12, 31), exit_reason="parc_public"
    )
    # 365 − 10 days on the first place, the 181 days of the second lease.
    assert rows(housing.occupancy(dispositif="alt-jeunes", period=YEAR)) == [
        ("Journées-places disponibles", [H(536)]),
        ("Journées-places occupées", [H(536)]),
        ("Taux d'occupation", [H("100.00")]),
    ]
    assert housing.occupancy_rate(dispositifs=["alt-jeunes"], period=YEAR) == H("100.00")


def test_works_on_an_occupied_place_are_refused_everywhere(client, worker):
    unit = HousingUnitFactory(places=1)
    StayFactory(unit=unit, entry=D(2025, 1, 10), exit=D(2025, 5, 31), exit_reason="autonomie")
    works = UnitUnavailability(unit=unit, start=D(2025, 5, 20), end=D(2025, 6, 10))
    with pytest.raises(ValidationError, match="occupée du 10/01/2025 au 31/05/2025"):
        works.full_clean()
    UnitUnavailability(unit=unit, start=D(2025, 6, 1), end=D(2025, 6, 10)).full_clean()
    # Through the administration's inline: a French error, nothing saved.
    client.force_login(
        make_user(Role.ADMINISTRATEUR, username="admin", is_staff=True, is_superuser=True)
    )
    url = reverse("admin:habitat_housingunit_change", args=[unit.pk])
    page = client.get(url)
    form = page.context["adminform"].form
    data = {name: form.initial.get(name, "") for name in form.fields}
    data.update(
        {
            # The unit is versioned: the admin's version field carries its signed value.
            "version": str(form.fields["version"].prepare_value(unit.version)),
            "commune": unit.commune_id,
            "landlord": unit.landlord_id,
            "dispositif": unit.dispositif_id,
            "lease_start": "2020-01-01",
            "lease_end": "",
            "unavailabilities-TOTAL_FORMS": "1",
            "unavailabilities-INITIAL_FORMS": "0",
            "unavailabilities-MIN_NUM_FORMS": "0",
            "unavailabilities-MAX_NUM_FORMS": "1000",
            "unavailabilities-0-start": "2025-05-20",
            "unavailabilities-0-end": "2025-06-10",
            "unavailabilities-0-reason": "Travaux",
        }
    )
    response = client.post(url, {k: v for k, v in data.items() if v is not None})
    assert response.status_code == 200
    assert "occupée du 10/01/2025 au 31/05/2025" in response.content.decode()
    assert not UnitUnavailability.objects.exists()
    # A stay cannot be entered during works either.
    UnitUnavailability.objects.create(unit=unit, start=D(2025, 6, 1), end=D(2025, 6, 10))
    with pytest.raises(ValidationError, match="indisponible du 01/06/2025 au 10/06/2025"):
        services.stay_create(unit=unit, person=PersonFactory(), entry=D(2025, 6, 5), by=worker)


def test_an_exit_after_the_lease_end_is_refused(worker):
    unit = HousingUnitFactory(lease_start=D(2024, 1, 1), lease_end=D(2025, 6, 30))
    stay = StayFactory(unit=unit, entry=D(2025, 1, 1))
    with pytest.raises(ValidationError, match="fin du bail du logement \\(30/06/2025\\)"):
        services.stay_exit(stay=stay, exit=D(2025, 7, 15), reason="autonomie", by=worker)
    stay.refresh_from_db()
    assert stay.exit is None
    services.stay_exit(stay=stay, exit=D(2025, 6, 30), reason="autonomie", by=worker)


# ---------------------------------------------------------------------------------------------
# ALT
# ---------------------------------------------------------------------------------------------


def test_arrears_say_what_they_count_and_what_is_owed():
    unit = HousingUnitFactory(places=3)
    ended_before = StayFactory(
        unit=unit, place=1, entry=D(2024, 1, 1), exit=D(2024, 10, 31), exit_reason="autonomie"
    )
    paid_back = StayFactory(
        unit=unit, place=2, entry=D(2025, 1, 1), exit=D(2025, 4, 10), exit_reason="parc_public"
    )
    late = StayFactory(unit=unit, place=3, entry=D(2025, 2, 1))
    MonthlyRent.objects.create(stay=ended_before, month=D(2024, 9, 1), due=300, paid=0)
    MonthlyRent.objects.create(stay=paid_back, month=D(2025, 2, 1), due=300, paid=250)
    MonthlyRent.objects.create(stay=paid_back, month=D(2025, 3, 1), due=300, paid=350)
    MonthlyRent.objects.create(stay=late, month=D(2025, 3, 1), due=300, paid=100)
    MonthlyRent.objects.create(stay=late, month=D(2025, 4, 1), due=300, paid=200)
    # The fault: « encore en impayé » (2) was more than « impayé dans la période » would say,
    # without telling it counts stays ended before the period.
    assert rows(housing.arrears(dispositif="alt-jeunes", period=YEAR)) == [
        ("Séjours avec au moins un mois impayé dans la période", [2]),
        ("Mois impayés dans la période, en moyenne par séjour concerné", [H("1.50")]),
        ("Séjours dont une dette reste due au 31/12/2025", [2]),
        ("dont séjours terminés avant la période", [1]),
        ("Montant restant dû au 31/12/2025", [H("600.00")]),
    ]


def test_alt_requests_hosted_and_exits():
    unit = HousingUnitFactory(places=3)
    StayFactory(
        unit=unit,
        place=1,
        entry=D(2025, 1, 1),
        exit=D(2025, 4, 10),
        exit_reason="parc_public",
        exit_support="fsl_asll",
        prolongation_requests=1,
    )
    StayFactory(
        unit=unit, place=2, entry=D(2024, 6, 1), exit=D(2025, 6, 1), exit_reason="autonomie"
    )
    StayFactory(unit=unit, place=3, entry=D(2025, 2, 1))
    HousingRequestFactory(date=D(2025, 2, 1), orienteur_kind="ccas")
    HousingRequestFactory(date=D(2025, 3, 1), decision="admis", decided_on=D(2025, 3, 5))
    d = "alt-jeunes"
    # No request before 2025: the previous year has no figure, and no evolution.
    assert rows(housing.request_counts(dispositif=d, period=YEAR)) == [
        ("2025", [2]),
        ("2024", [None]),
        ("Évolution", [None]),
        ("dont admises", [1]),
    ]
    HousingRequestFactory(date=D(2024, 3, 1))
    assert rows(housing.request_counts(dispositif=d, period=YEAR))[1:3] == [
        ("2024", [1]),
        ("Évolution", [1]),
    ]
    referrers = dict(rows(housing.requests_by_referrer(dispositif=d, period=YEAR)))
    assert referrers["CCAS"] == [1, H("50.00")] and referrers["Mission locale"] == [1, H("50.00")]
    assert rows(housing.hosted(dispositif=d, period=YEAR)) == [
        ("Jeunes accueillis sur la période", [3]),
        ("Jeunes accueillis en 2024", [1]),
        ("Évolution", [2]),
        ("dont nouveaux (entrés dans la période)", [2]),
    ]
    exits = housing.exits(dispositif=d, period=YEAR)
    assert dict(rows(exits))["Logement parc public"] == [1, H("50.00")]
    assert dict(rows(exits))["Total"] == [2, H(100)]
    # (99 + 365) / 2 = 232 days = 7 × 30,44 (213,08) + 18,92 → 7 months and 19 days.
    assert "7 mois et 19 jours" in exits.notes[0] and "prolongation faites" in exits.notes[1]
    support = housing.exit_support(dispositif=d, period=YEAR)
    assert dict(rows(support))["Mesure FSL ASLL"] == [1, H("100.00")]
    assert dict(rows(support))["Non renseigné"] == [1, None]


def test_families_are_counted_as_households():
    unit = HousingUnitFactory(places=2, dispositif=dispositif("alt-familles"))
    family = HouseholdFactory(composition="couple_enfants")
    StayFactory(unit=unit, place=1, household=family, entry=D(2025, 1, 1), resources_entry=1400)
    StayFactory(unit=unit, place=2, household=family, entry=D(2025, 1, 1), resources_entry=1400)
    StayFactory(
        unit=HousingUnitFactory(dispositif=dispositif("alt-familles")),
        entry=D(2025, 3, 1),
        resources_entry=800,
    )
    d = "alt-familles"
    assert rows(housing.hosted(dispositif=d, period=YEAR))[0] == (
        "Ménages accueillis sur la période",
        [2],
    )
    composition = dict(rows(housing.hosted_by_composition(dispositif=d, period=YEAR)))
    assert composition["Couple avec enfant(s)"] == [1, H("100.00")]
    assert composition["Non renseigné"] == [1, None]
    resources = housing.resources_at_entry(dispositif=d, period=YEAR)
    # Each household once: (1 400 + 800) / 2.
    assert "1\xa0100,00\xa0€" in resources.notes[0]
    assert housing.hosted_by_sex_and_age(dispositif=d, period=YEAR).headcount == 2


def test_alt_together():
    young = HousingUnitFactory(places=1)
    StayFactory(
        unit=young, entry=D(2025, 1, 1), exit=D(2025, 6, 30), exit_reason="non_collaboration"
    )
    families = HousingUnitFactory(places=1, dispositif=dispositif("alt-familles"))
    StayFactory(unit=families, entry=D(2025, 1, 1), exit=D(2025, 12, 31), exit_reason="parc_public")
    HousingRequestFactory(date=D(2025, 2, 1))
    HousingRequestFactory(date=D(2025, 2, 1), dispositif=dispositif("alt-familles"))
    HousingRequestFactory(date=D(2024, 2, 1), dispositif=dispositif("alt-familles"))
    table = alt.combined_totals(period=YEAR)
    assert table.columns == ["ALT Jeunes", "ALT Familles / jeunes couples", "Ensemble"]
    assert rows(table) == [
        ("Demandes", [1, 1, 2]),
        ("Évolution des demandes depuis 2024", [None, 0, None]),
        ("Situations accueillies (jeunes, ménages)", [1, 1, 2]),
        ("dont nouvelles", [1, 1, 2]),
        ("Sorties", [1, 1, 2]),
        ("dont vers le parc public", [0, 1, 1]),
        ("dont fin pour non-collaboration", [1, 0, 1]),
        # 181 / 365 and 365 / 365; together 546 / 730 (not the mean of the rates).
        ("Taux d'occupation", [H("49.59"), H("100.00"), H("74.79")]),
    ]


# ---------------------------------------------------------------------------------------------
# Tremplins Duo
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def tremplins_year():
    d = dispositif("tremplins-duo")
    adults = HousingUnitFactory(dispositif=d, places=2, public=HousingUnit.Public.ADULTS)
    minors = HousingUnitFactory(
        dispositif=d, places=1, public=HousingUnit.Public.MINORS, lease_start=D(2025, 6, 1)
    )
    young = PersonFactory(sex="F", birth_date=D(2007, 8, 1), birth_year=2007)
    StayFactory(
        unit=minors,
        person=young,
        entry=D(2025, 6, 1),
        exit=D(2025, 11, 30),
        exit_reason="retour_famille",
        majority_on=D(2025, 8, 1),
        mobility="transports",
    )
    StayFactory(
        unit=adults,
        place=1,
        person=young,
        entry=D(2025, 12, 1),
        mobility="deux_roues",
        steps=["nud"],
    )
    other = PersonFactory(sex="NB", birth_year=2005)
    StayFactory(
        unit=adults,
        place=2,
        person=other,
        entry=D(2024, 9, 1),
        exit=D(2025, 5, 31),
        exit_reason="parc_public",
        steps=["nud", "fsl_installation", "asl"],
    )
    HousingRequestFactory(
        person=other, dispositif=d, date=D(2024, 8, 1), orienteur_kind="ase", reason="autre"
    )
    user = UserFactory()
    activity = HousingEvent.objects.create(
        kind="activite_tremplins", title="Sport", date=D(2025, 4, 2), headcount=4, created_by=user
    )
    activity.participants.add(young)


def test_tremplins_places_and_youths_on_them(tremplins_year):
    assert rows(tremplins.places(period=YEAR)) == [
        ("Places majeurs", [2, 2, 1]),
        ("Places mineurs", [0, 1, 1]),
        ("Total", [2, 3, 2]),
    ]
    # The youth who came of age moved from a minors' place to an adults' one: in both rows,
    # once in the Total.
    assert rows(tremplins.hosted_by_public(period=YEAR)) == [
        ("Jeunes accueillis sur les places majeurs", [1, 0, 1, 2]),
        ("Jeunes accueillis sur les places mineurs", [1, 0, 0, 1]),
        ("Total (jeunes différents)", [1, 0, 1, 2]),
    ]
    assert rows(tremplins.minors(period=YEAR)) == [
        ("Jeunes accueillis sur les places mineurs", [1]),
        ("dont devenus majeurs pendant le séjour", [1]),
        ("dont sortis dans la période", [1]),
        ("dont présents au 31/12/2025", [0]),
    ]
    assert rows(tremplins.majority_transitions(period=YEAR)) == [
        ("Devenus majeurs pendant leur séjour, dans la période", [1])
    ]


def test_tremplins_public_mobility_steps_and_referrers(tremplins_year):
    d = "tremplins-duo"
    mobility = dict(rows(housing.mobility(dispositif=d, period=YEAR)))
    # Each youth by their latest stay: two wheels; the other's mobility was not recorded.
    assert mobility["Vélo, trottinette"] == [1, H("100.00")]
    assert mobility["Non renseigné"] == [1, None]
    steps = rows(housing.steps_taken(dispositif=d, period=YEAR))
    assert steps == [
        ("Mesure d'accompagnement ASL jeunes majeurs", [1, H("33.33")]),
        ("Aide FSL première installation", [1, H("33.33")]),
        ("Demande de logement social (numéro unique)", [2, H("66.67")]),
        ("Garantie Visale", [0, H("0.00")]),
        ("Loca-Pass", [0, H("0.00")]),
        ("Total (séjours différents)", [3, None]),
    ]
    referrers = dict(rows(housing.referrers_of_hosted(dispositif=d, period=YEAR)))
    assert referrers["ASE"] == [1, H("100.00")]
    assert referrers["Sans demande enregistrée"] == [1, None]
    arrivals = housing.new_arrivals_by_sex_and_age(dispositif=d, period=YEAR)
    assert arrivals.columns == ["Femmes", "Hommes", "Total", "%"]
    assert dict(rows(arrivals))["18 à 20 ans"] == [1, 0, 1, H("100.00")]
    assert rows(tremplins.activities(period=YEAR)) == [
        ("Activités réalisées", [1]),
        ("Participations", [5]),
    ]


def test_housing_tables_add_up(tremplins_year):
    d = "tremplins-duo"
    tables = [
        housing.hosted_by_sex_and_age(dispositif=d, period=YEAR),
        tremplins.hosted_by_public(period=YEAR),
        housing.origin_of_accommodation(dispositif=d, period=YEAR),
        housing.referrers_of_hosted(dispositif=d, period=YEAR),
        housing.mobility(dispositif=d, period=YEAR),
        housing.geographic_origin(dispositif=d, period=YEAR),
        housing.housing_stock(dispositif=d, period=YEAR),
        tremplins.places(period=YEAR),
    ]
    assert document_faults(tables) == []
    assert {t.headcount for t in tables if t.population == "tremplins-public"} == {2}


def test_commune_of_units_is_kept_in_the_stock():
    HousingUnitFactory(commune=Commune.objects.get(name="Harnes"), typology="T3", places=2)
    HousingUnitFactory(typology="T1")
    assert rows(housing.housing_stock(dispositif="alt-jeunes", period=YEAR)) == [
        ("Carvin", [1, 0, 1, 1]),
        ("Harnes", [0, 1, 1, 2]),
        ("Total", [1, 1, 2, 3]),
    ]


def test_stays_keep_their_steps_list_clean():
    stay = StayFactory.build(unit=HousingUnitFactory(), person=PersonFactory(), steps=["inconnu"])
    with pytest.raises(ValidationError, match="Démarche inconnue"):
        stay.full_clean(exclude=["version"])
    assert Stay.Step.NUD in Stay.Step.values
