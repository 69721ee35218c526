"""The CLLAJ bilan's tables on a hand-made public, written out row by row.

2025: Alice (F, 22 on 31/12/2025, Carvin, Mission locale) has two files — her latest (September)
says 600 €, a follow-up, housed by a public landlord; Bruno (M, 30, Harnes, QPV) an AIO at 900 €;
Camille (NB, age unknown, no commune, CLLAJ ASE) an AIO with unknown resources; Denis (M, 21,
Oignies, ASE background, Action Logement) a follow-up at 1 300 €, housed in the private stock.
Emma came in 2024 only."""

import datetime
from decimal import Decimal

import pytest

from habitat.indicators import cllaj
from habitat.models import CllajApplication, CllajInterview, HousingEvent, MeetingPlace
from reportkit.invariants import document_faults
from reportkit.periods import Period
from rl_portal.models import Commune
from tests.habitat.factories import CllajFileFactory, dispositif
from tests.rl_portal.factories import ConventionFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db
D = datetime.date
YEAR = Period.year(2025)
H = Decimal


def rows(table):
    return [(row.label, row.cells) for row in table.rows] + (
        [(table.total_row.label, table.total_row.cells)] if table.total_row else []
    )


@pytest.fixture
def public():
    place = MeetingPlace.objects.create(
        name="Mission locale de Carvin",
        address="189 avenue de la République",
        commune=Commune.objects.get(name="Carvin"),
    )
    alice = PersonFactory(
        sex="F", birth_year=2003, commune=Commune.objects.get(name="Carvin"), services=["habitat"]
    )
    CllajFileFactory(person=alice, date=D(2025, 2, 1), resources=0, problematique="hebergement")
    alice_file = CllajFileFactory(
        person=alice,
        date=D(2025, 9, 1),
        resources=600,
        problematique="logement",
        mission_locale=True,
        outcome="bailleur_public",
    )
    bruno = PersonFactory(
        sex="M", birth_year=1995, commune=Commune.objects.get(name="Harnes"), services=["habitat"]
    )
    bruno_file = CllajFileFactory(
        person=bruno,
        date=D(2025, 5, 1),
        kind="aio",
        is_qpv=True,
        resources=900,
        orienteur_kind="bouche_a_oreille",
        housing_situation="heberge",
    )
    camille = PersonFactory(sex="NB", birth_year=None, commune=None, services=["habitat"])
    CllajFileFactory(
        person=camille,
        date=D(2025, 6, 1),
        kind="aio",
        resources=None,
        dispositif=dispositif("cllaj-ase"),
        composition="couple",
    )
    denis = PersonFactory(
        sex="M",
        birth_year=2004,
        commune=Commune.objects.get(name="Oignies"),
        ase_history=True,
        services=["habitat"],
    )
    denis_file = CllajFileFactory(
        person=denis,
        date=D(2025, 11, 1),
        resources=1300,
        action_logement=True,
        outcome="bailleur_prive",
        employment="cdi",
    )
    CllajFileFactory(person=PersonFactory(birth_year=2006), date=D(2024, 3, 1))  # Emma
    user = UserFactory()
    for day, mode, on in [
        (D(2025, 9, 2), "physique", alice_file),
        (D(2025, 9, 10), "physique", alice_file),
        (D(2025, 10, 1), "distance", alice_file),
        (D(2025, 5, 2), "distance", bruno_file),
    ]:
        CllajInterview.objects.create(
            cllaj_file=on,
            date=day,
            mode=mode,
            place=place if mode == "physique" else None,
            created_by=user,
        )
    CllajApplication.objects.create(cllaj_file=denis_file, kind="visale", date=D(2025, 11, 5))
    CllajApplication.objects.create(
        cllaj_file=alice_file, kind="demande_logement_social", date=D(2025, 9, 10)
    )
    HousingEvent.objects.create(
        kind="atelier", title="Atelier", date=D(2025, 4, 1), headcount=5, created_by=user
    )
    HousingEvent.objects.create(
        kind="forum",
        title="Forum",
        date=D(2025, 3, 1),
        headcount=10,
        qpv_headcount=4,
        created_by=user,
    )


def test_public_by_sex_and_age_shows_every_person(public):
    # The fault: Femmes + Hommes = 490 for a Total of 498 (no column for the others).
    table = cllaj.public_by_sex_and_age(period=YEAR)
    assert table.columns == ["Femmes", "Hommes", "Non binaire", "Total", "%"]
    assert rows(table) == [
        ("Moins de 18 ans", [0, 0, 0, 0, H("0.00")]),
        ("18 à 20 ans", [0, 0, 0, 0, H("0.00")]),
        ("21 à 25 ans", [1, 1, 0, 2, H("66.67")]),
        ("26 ans et plus", [0, 1, 0, 1, H("33.33")]),
        ("Âge non renseigné", [0, 0, 1, 1, None]),
        ("Total", [1, 2, 1, 4, H(100)]),
    ]
    assert table.notes[0] == "Âge moyen au 31/12/2025 : 24,3 ans (jeunes d'âge connu)."


def test_attendance_history_counts_persons_and_records_apart(public):
    # The fault: AIO + suivis were records (500) for 498 youths.
    table = cllaj.attendance_history(period=YEAR)
    assert rows(table) == [
        ("2022", [None] * 8),  # before the first file: no figure, not 0
        ("2023", [None] * 8),
        ("2024", [1, 1, 0, 0, 0, 0, 0, 0]),
        ("2025", [4, 2, 2, 4, 5, 1, 10, 1]),
    ]
    assert table.sums == [
        (
            "Jeunes ayant sollicité le CLLAJ",
            ["dont suivis dossier", "dont AIO seule (sans dossier)"],
        )
    ]


def test_resources_keep_the_unknown_apart(public):
    # The fault: unknown resources counted as « sans ressources » and under the thresholds, but
    # left out of the mean. Latest files: 600, 900, unknown, 1 300 €.
    table = cllaj.resources(period=YEAR)
    assert rows(table) == [
        ("Sans ressources", [0, H("0.00")]),
        ("Moins de 580\xa0€", [0, H("0.00")]),
        ("De 580\xa0€ au seuil de pauvreté (1\xa0216\xa0€)", [2, H("66.67")]),
        ("Au seuil de pauvreté ou au-dessus (1\xa0216\xa0€)", [1, H("33.33")]),
        ("Ressources non renseignées", [1, None]),
        ("Total", [4, H(100)]),
    ]
    means = cllaj.resource_means(period=YEAR, poverty_line=H("1000"))
    assert rows(means) == [
        ("Ressources moyennes", [H("933.33")]),
        ("Ressources moyennes des jeunes ayant des ressources", [H("933.33")]),
        ("Part sans ressources ou sous 580\xa0€", [H("0.00")]),
        ("Part sous le seuil de pauvreté (1\xa0000\xa0€)", [H("66.67")]),
        ("Jeunes aux ressources connues", [3]),
        ("Jeunes aux ressources non renseignées", [1]),
    ]


def test_geographic_origin_grouped_by_epci(public):
    assert rows(cllaj.geographic_origin(period=YEAR)) == [
        ("CAHC", [2, H("66.67")]),
        ("Carvin", [1, H("33.34")]),
        ("Oignies", [1, H("33.33")]),
        ("CALL", [1, H("33.33")]),
        ("Harnes", [1, H("33.33")]),
        ("Commune non renseignée", [1, None]),
        ("Total", [4, H(100)]),
    ]


def test_main_problem_composition_and_access(public):
    assert rows(cllaj.main_problem(period=YEAR))[:3] == [
        ("Logement", [4, H("100.00")]),  # Alice's latest file says logement
        ("Hébergement", [0, H("0.00")]),
        ("Rupture familiale", [0, H("0.00")]),
    ]
    assert rows(cllaj.composition(period=YEAR))[:2] == [
        ("Personne seule", [3, H("75.00")]),
        ("Couple sans enfant", [1, H("25.00")]),
    ]
    assert rows(cllaj.housing_access(period=YEAR)) == [
        ("Relogement transitoire", [0, H("0.00")]),
        ("Relogement bailleurs publics", [1, H("50.00")]),
        ("Relogement bailleurs privés", [1, H("50.00")]),
        ("Situation maintenue / informations données", [0, H("0.00")]),
        ("Issue non connue", [2, None]),
        ("Total", [4, H(100)]),
    ]


def test_interviews_files_and_events(public):
    assert rows(cllaj.interviews(period=YEAR)) == [
        ("En présentiel", [2, 1]),
        ("À distance", [2, 2]),
        ("Total", [4, 2]),
    ]
    assert "uniquement à distance : 1" in cllaj.interviews(period=YEAR).notes[0]
    places = cllaj.meeting_places(period=YEAR)
    assert rows(places) == [
        ("Mission locale de Carvin", ["189 avenue de la République, Carvin", 2]),
        ("À distance", ["", 2]),
        ("Total", ["", 4]),
    ]
    applications = dict(rows(cllaj.applications(period=YEAR)))
    assert applications["Visale"] == [1, H("50.00")]
    assert applications["Total"] == [2, H(100)]
    events = dict(rows(cllaj.workshops_and_events(period=YEAR)))
    assert events["Atelier logement"] == [1, 5]
    assert events["Forum"] == [1, 10]
    assert events["Total"] == [2, 15]


def test_zooms_are_the_reference_tables_on_part_of_the_public(public):
    ase = cllaj.public_by_sex_and_age(period=YEAR, zoom="ase")  # Camille (ASE file), Denis
    assert ase.id == "cllaj-ase-public-sexe-age" and ase.population == "cllaj-public-ase"
    assert ase.total_row.cells == [0, 1, 1, 2, H(100)]
    qpv = cllaj.referrers(period=YEAR, zoom="qpv")
    assert dict(rows(qpv))["Bouche à oreille"] == [1, H("100.00")]
    local = cllaj.employment(period=YEAR, zoom="mission-locale")
    assert local.total_row.cells == [1, H(100)]
    action = cllaj.action_logement(period=YEAR)
    assert rows(action) == [
        ("Jeunes éligibles reçus (accueil, information, orientation)", [1]),
        ("dont suivis dossier", [1]),
        ("dont accès au logement", [1]),
        ("Dossiers Action Logement constitués (Visale, Loca-Pass, Mobili-Jeune)", [1]),
    ]


def test_funding_and_planned_funding():
    ConventionFactory(
        dispositif=dispositif("cllaj"), amount=H("46350"), start=D(2025, 1, 1), end=D(2025, 12, 31)
    )
    ConventionFactory(
        dispositif=dispositif("cllaj-ase"),
        amount=H("12000"),
        start=D(2026, 1, 1),
        end=D(2026, 12, 31),
    )
    assert cllaj.funding(period=YEAR).total_row.cells[-1] == H("46350.00")
    planned = cllaj.planned_funding(period=YEAR)
    assert planned.title == "Financements prévisionnels 2026"
    assert planned.total_row.cells[-1] == H("12000.00")


def test_every_public_table_counts_the_same_youths(public):
    tables = [
        cllaj.public_by_sex_and_age(period=YEAR),
        cllaj.composition(period=YEAR),
        cllaj.referrers(period=YEAR),
        cllaj.main_problem(period=YEAR),
        cllaj.geographic_origin(period=YEAR),
        cllaj.housing_situation(period=YEAR),
        cllaj.resources(period=YEAR),
        cllaj.employment(period=YEAR),
        cllaj.housing_access(period=YEAR),
    ]
    assert {t.headcount for t in tables} == {4}
    assert document_faults(tables) == []
