"""The SPS tables computed on a small hand-made dataset, with the expected tables written out
row by row (on SQLite and PostgreSQL alike)."""

import datetime
from decimal import Decimal

import pytest

from prevention.indicators import sps
from prevention.indicators.common import Scope
from prevention.models import (
    Accompaniment,
    ActionSession,
    CoAccompaniment,
    CollectiveAction,
    Contact,
    Headcount,
    Problematique,
    Reorientation,
    TimeEntry,
)
from reportkit.periods import Period
from rl_portal.models import CaseFile, Commune, Funder, Partner, Person, Service
from tests.prevention.factories import dispositif
from tests.rl_portal.factories import UserFactory

pytestmark = pytest.mark.django_db
SPS = Scope(("sps",))
YEAR = Period.year(2025)
D = datetime.date


def rows(table):
    return [(row.label, row.cells) for row in table.rows] + (
        [(table.total_row.label, table.total_row.cells)] if table.total_row else []
    )


@pytest.fixture
def data():
    educator = UserFactory()
    prevention = Service.objects.get(code="prevention")
    oignies, carvin = Commune.objects.get(name="Oignies"), Commune.objects.get(name="Carvin")

    def youth(pseudonym, sex, opened_on, commune=oignies, **birth):
        person = Person.objects.create(pseudonym=pseudonym, sex=sex, commune=commune, **birth)
        CaseFile.objects.create(person=person, service=prevention, opened_on=opened_on)
        return person

    a = youth("A", "F", D(2025, 2, 1), birth_date=D(2012, 6, 15))  # 13 on 31/12 → 11-14, new
    b = youth("B", "M", D(2024, 5, 1), birth_year=2015)  # 10 → moins de 11
    c = youth("C", "M", D(2025, 3, 1), carvin, birth_date=D(2004, 12, 31))  # 21 → 19-21, new
    d = youth("D", "NB", D(2025, 4, 1))  # age unknown, new
    e = youth("E", "F", D(2023, 1, 1), birth_date=D(2003, 1, 1))  # 22 → plus de 21
    sps_, emps = dispositif("sps"), dispositif("emps")

    def met(person, day, mode="travail_de_rue", where=sps_):
        Contact.objects.create(
            person=person, dispositif=where, date=day, mode=mode, educator=educator
        )

    met(a, D(2025, 3, 1))
    met(a, D(2025, 9, 1))  # met twice, counted once
    met(a, D(2025, 9, 2), where=emps)  # another dispositif: not in the SPS report
    met(b, D(2025, 5, 5))
    met(b, D(2024, 5, 5))  # the previous year: not counted
    met(c, D(2025, 1, 20))
    met(d, D(2025, 6, 1))
    met(e, D(2025, 6, 1), mode="presence_sociale")

    category = Problematique.objects.get(name="Professionnelles")
    child1, child2 = category.children.order_by("position")
    paei_a = Accompaniment.objects.create(
        person=a,
        dispositif=sps_,
        kind="paei",
        referent=educator,
        start=D(2025, 1, 10),
        situation="college",
        version=1,
    )
    paei_a.problematiques.set([child1, child2])
    CoAccompaniment.objects.create(accompaniment=paei_a, kind="ase")
    CoAccompaniment.objects.create(accompaniment=paei_a, kind="education_nationale")
    paei_c = Accompaniment.objects.create(
        person=c,
        dispositif=sps_,
        kind="paei",
        referent=educator,
        start=D(2023, 6, 1),
        end=D(2025, 3, 15),
        end_reason="orientation",
        situation="recherche_emploi",
        version=1,
    )
    Reorientation.objects.create(
        accompaniment=paei_c, category="medicale", partner_name="Structure de soin"
    )
    Accompaniment.objects.create(  # an ASEP: not an accompanied youth of the tables
        person=b,
        dispositif=sps_,
        kind="asep",
        referent=educator,
        start=D(2025, 2, 1),
        situation="ecole_primaire",
        version=1,
    )
    Accompaniment.objects.create(  # ended before the period
        person=e,
        dispositif=sps_,
        kind="paei",
        referent=educator,
        start=D(2023, 1, 1),
        end=D(2024, 12, 31),
        end_reason="amelioration_situation",
        situation="en_formation",
        version=1,
    )

    def hours(day, activity, amount, where=sps_):
        TimeEntry.objects.create(
            educator=educator, dispositif=where, date=day, activity=activity, hours=Decimal(amount)
        )

    hours(D(2025, 2, 3), "travail_de_rue", "3")
    hours(D(2025, 2, 4), "travail_de_rue", "1")
    hours(D(2025, 2, 5), "action_collective", "4")
    hours(D(2025, 2, 5), "formation", "5", where=emps)  # EMPS: excluded
    hours(D(2024, 2, 5), "formation", "2")
    hours(D(2024, 2, 6), "travail_de_rue", "2")

    def action(title, kind, commune, days, families=0):
        act = CollectiveAction.objects.create(
            dispositif=sps_,
            title=title,
            kind=kind,
            commune=commune,
            families=families,
            initiated_by_service=True,
            created_by=educator,
            version=1,
        )
        ActionSession.objects.bulk_create([ActionSession(action=act, date=day) for day in days])
        return act

    outings = action(
        "Sorties",
        "sortie",
        oignies,
        [D(2025, 3, 1), D(2025, 4, 1), D(2025, 5, 1), D(2024, 5, 1)],
        2,
    )
    Headcount.objects.create(action=outings, age_band="11_14", sex="F", count=5)
    Headcount.objects.create(action=outings, age_band="15_18", sex="M", count=2)
    outings.participants.add(a)
    more = action("Sorties", "sortie", oignies, [D(2025, 7, 1)])
    Headcount.objects.create(action=more, age_band="11_14", sex="M", count=1)
    more.participants.add(a)  # A went on both outings: one youth in the « Sorties » column
    action("Futsal", "action_collective", oignies, [D(2024, 7, 1)])  # no session in 2025
    dsl = action("Bien bouger", "dsl", carvin, [D(2025, 6, 21)], 84)
    Headcount.objects.create(action=dsl, age_band="moins_11", sex="NR", count=113)
    dsl.partners.set(
        [
            Partner.objects.create(name="P1", kind="association"),
            Partner.objects.create(name="P2", kind="commune"),
        ]
    )
    dsl.funders.set([Funder.objects.create(name="CAF", kind="caf")])
    return {"a": a, "c": c}


def test_hours_by_activity(data):
    table = sps.hours_by_activity(scope=SPS, period=YEAR)
    assert table.columns == [
        "Travail de rue",
        "Présence sociale",
        "Accompagnements individuels",
        "Actions collectives",
        "Formation",
        "Écrits professionnels",
        "Actions et réunions partenariales",
    ]
    assert rows(table) == [
        ("Heures", [Decimal("4.00"), 0, 0, Decimal("4.00"), 0, 0, 0]),
        ("%", [Decimal("50.00"), 0, 0, Decimal("50.00"), 0, 0, 0]),
        ("% 2024", [Decimal("50.00"), 0, 0, 0, Decimal("50.00"), 0, 0]),
        ("Évolution (points)", [0, 0, 0, Decimal("50.00"), Decimal("-50.00"), 0, 0]),
    ]


def test_youths_met_in_street_work(data):
    table = sps.youths_met(scope=SPS, period=YEAR, mode="travail_de_rue")
    assert table.columns == ["Filles", "Garçons", "Non binaire", "Total", "Dont nouveaux jeunes"]
    assert rows(table) == [
        ("Moins de 11 ans", [0, 1, 0, 1, 0]),
        ("11 à 14 ans", [1, 0, 0, 1, 1]),
        ("15 à 18 ans", [0, 0, 0, 0, 0]),
        ("19 à 21 ans", [0, 1, 0, 1, 1]),
        ("Plus de 21 ans", [0, 0, 0, 0, 0]),
        ("Âge inconnu", [0, 0, 1, 1, 1]),
        ("Total", [1, 2, 1, 4, 3]),
    ]


def test_youths_met_in_presence_sociale(data):
    table = sps.youths_met(scope=SPS, period=YEAR, mode="presence_sociale")
    assert table.columns == ["Filles", "Garçons", "Total", "Dont nouveaux jeunes"]
    assert rows(table)[4] == ("Plus de 21 ans", [1, 0, 1, 0])
    assert rows(table)[-1] == ("Total", [1, 0, 1, 0])


def test_accompanied_youths_agree_across_tables(data):
    by_sex = sps.accompanied_by_sex_age(scope=SPS, period=YEAR)
    assert rows(by_sex) == [
        ("Moins de 11 ans", [0, 0, 0, 0]),
        ("11 à 14 ans", [1, 0, 1, 1]),
        ("15 à 18 ans", [0, 0, 0, 0]),
        ("19 à 21 ans", [0, 1, 1, 1]),
        ("Plus de 21 ans", [0, 0, 0, 0]),
        ("Total", [1, 1, 2, 2]),
    ]
    schooling = sps.accompanied_by_schooling(scope=SPS, period=YEAR)
    assert dict(rows(schooling))["Collège"] == [0, 1, 0, 0, 0, 1]
    assert dict(rows(schooling))["En recherche d'emploi"] == [0, 0, 0, 1, 0, 1]
    commune = sps.accompanied_by_commune(scope=SPS, period=YEAR)
    assert rows(commune) == [
        ("CARVIN", [0, 0, 0, 1, 0, 1]),
        ("OIGNIES", [0, 1, 0, 0, 0, 1]),
        ("Total", [0, 1, 0, 1, 0, 2]),
    ]
    duration = sps.accompaniment_duration(scope=SPS, period=YEAR)
    assert rows(duration) == [
        ("Moins de 6 mois", [0, 0, 0, 0, 0, 0]),
        ("6 mois à moins d'1 an", [0, 1, 0, 0, 0, 1]),
        ("1 an à moins de 2 ans", [0, 0, 0, 1, 0, 1]),
        ("Plus de 2 ans", [0, 0, 0, 0, 0, 0]),
        ("Total", [0, 1, 0, 1, 0, 2]),
    ]
    # The same youths counted four ways give the same total.
    totals = {
        by_sex.total_row.cells[2],
        schooling.total_row.cells[-1],
        commune.total_row.cells[-1],
        duration.total_row.cells[-1],
    }
    assert totals == {2}


def test_problematiques_count_a_youth_once_per_category(data):
    table = sps.accompanied_by_problematique(scope=SPS, period=YEAR)
    by_label = dict(rows(table))
    # Bands, then the row's total.
    assert by_label["Professionnelles"] == [0, 1, 0, 0, 0, 1]
    assert by_label["Inscription Mission locale, France Travail"] == [0, 1, 0, 0, 0, 1]
    assert by_label["Formation"] == [0, 1, 0, 0, 0, 1]
    assert by_label["Scolaires"] == [0, 0, 0, 0, 0, 0]
    # Every accompanied youth shows: one PAEI of the dataset was recorded without a
    # problématique (history taken over), it is « non renseignée », not dropped.
    assert by_label["Problématique non renseignée"] == [0, 0, 0, 1, 0, 1]
    # The Total counts each accompanied youth once, whatever the number of categories they
    # fall in: the Total of the other tables about them.
    assert table.total_row.label.startswith("Total")
    links = Accompaniment.problematiques.through.objects
    assert len(set(links.values_list("accompaniment__person"))) == 1
    assert table.total_row.cells[-1] == sps.accompanied_count(scope=SPS, period=YEAR) == 2


def test_co_accompaniment(data):
    table = sps.co_accompaniment(scope=SPS, period=YEAR)
    assert rows(table) == [
        ("Éducation nationale", [1]),
        ("Santé", [0]),
        ("Éducation populaire", [0]),
        ("Missions locales", [0]),
        ("ASE", [1]),
        ("Autres", [0]),
        ("Jeunes co-accompagnés", [1]),
    ]


def test_closing_reasons_and_reorientations(data):
    assert rows(sps.closing_reasons(scope=SPS, period=YEAR)) == [
        ("Fins d'accompagnement", [1, 0, 0, 0, 1])
    ]
    reorientations = dict(rows(sps.reorientations(scope=SPS, period=YEAR)))
    assert reorientations["Médicale"] == [1, "Structure de soin : 1"]
    assert reorientations["Loisirs"] == [0, ""]


def test_collective_actions(data):
    by_commune = sps.actions_by_commune(scope=SPS, period=YEAR)
    oignies = by_commune["Oignies"]
    assert oignies.id == "actions-collectives-oignies"
    assert oignies.columns == ["Sorties (4 séances)"]
    assert rows(oignies) == [
        ("Moins de 11 ans", [0]),
        ("11 à 14 ans", [7]),
        ("15 à 18 ans", [2]),
        ("19 à 21 ans", [0]),
        ("Plus de 21 ans", [0]),
        ("Nombre de familles impliquées dans l'action", [2]),
        ("Total", [11]),
    ]
    dsl = sps.dsl_actions(scope=SPS, period=YEAR)
    assert dsl.columns == ["Bien bouger (1 séance)"]
    assert rows(dsl)[:3] == [
        ("Partenaires", [2]),
        ("Financements", ["CAF"]),
        ("Moins de 11 ans", [113]),
    ]
    assert rows(dsl)[-1] == ("Total", [197])
    assert sps.parentalite_actions(scope=SPS, period=YEAR).columns == []


def test_a_period_other_than_a_year(data):
    spring = Period(D(2025, 3, 1), D(2025, 5, 31))
    table = sps.youths_met(scope=SPS, period=spring, mode="travail_de_rue")
    # A (met 01/03) and B (met 05/05); neither file opened inside the period: no new youth.
    assert rows(table)[-1] == ("Total", [1, 1, 2, 0])


PREVENTION_REPORTS = ("sps-departement", "prevention-synthese", "emps-bilan")
# Tables whose columns hold different things row by row (hours, shares, points of the same
# activity) or words only: they declare no column kinds (their rows' formats say how they
# read) and are checked by their own tests (test_hours_by_activity, the 2021 six blocks).
ROW_WISE = {
    "activite-heures",
    "activite-blocs-2021",
    "promeneur-du-net",
    "fiche-identite",
    "modalites-accueil",
    "donnees-socio-economiques",
}


def test_the_prevention_reports_add_up_on_hand_made_data(data):
    """Every table of the SPS report and the summary declares what it holds, and passes the
    generic invariants: rows and columns add up to their Totals, sex columns to the Total,
    and the accompanied youths have one Total across the SPS tables about them."""
    from reporting.documents import get_definition
    from reportkit.invariants import document_faults

    for slug in PREVENTION_REPORTS:
        document = get_definition(slug).build(YEAR)
        assert document_faults(document.tables) == [], slug
        undeclared = [
            t.id for t in document.tables if t.columns and not t.kinds and t.id not in ROW_WISE
        ]
        assert undeclared == [], slug
    sps_tables = get_definition("sps-departement").build(YEAR).tables
    accompanied = [t.id for t in sps_tables if t.population == sps.ACCOMPANIED]
    assert accompanied == [
        "accompagnes-sexe-age",
        "accompagnes-scolarite",
        "accompagnes-commune",
        "accompagnes-problematiques",
        "duree-accompagnement",
    ]
