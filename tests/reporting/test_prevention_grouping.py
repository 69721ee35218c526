"""Hand-made datasets for the 2021 summary's six blocks and the EMPS public rule (« en
accroche » youths counted in every table of the public), with the expected tables."""

import datetime
from decimal import Decimal

import pytest

from prevention.indicators import emps
from prevention.indicators.common import Scope
from prevention.indicators.summary import hours_by_block_2021
from prevention.models import Accompaniment, CollectiveAction, Contact
from reportkit.periods import Period
from reportkit.tables import shares_of_total
from rl_portal.models import CaseFile, Commune, Partner, Person, Service
from tests.prevention.factories import TimeEntryFactory, dispositif
from tests.rl_portal.factories import UserFactory

pytestmark = pytest.mark.django_db
D = datetime.date
YEAR = Period.year(2025)


def rows(table):
    return [(row.label, row.cells) for row in table.rows] + (
        [(table.total_row.label, table.total_row.cells)] if table.total_row else []
    )


def test_largest_remainder_shares_add_up_to_100():
    assert shares_of_total([1, 1, 1]) == [Decimal("33.34"), Decimal("33.33"), Decimal("33.33")]
    assert shares_of_total([7, 4, 10, 5, 1], 0) == [26, 15, 37, 18, 4]
    assert shares_of_total([0, 0]) == [0, 0]


def test_the_2021_six_blocks_from_the_same_time_entries():
    # 2025: street work 3 h + présence sociale 1 h → présence sociale 4 h; writing 2 h →
    # ressources humaines; 1 h of each other activity. 2024: 10 h of formation only.
    for activity, hours in [
        ("travail_de_rue", 3),
        ("presence_sociale", 1),
        ("ecrits_professionnels", 2),
        ("action_collective", 1),
        ("accompagnement_individuel", 1),
        ("actions_partenariales", 1),
        ("formation", 1),
    ]:
        TimeEntryFactory(date=D(2025, 5, 5), hours=hours, activity=activity)
    TimeEntryFactory(date=D(2024, 5, 6), hours=10, activity="formation")
    TimeEntryFactory(date=D(2025, 5, 5), hours=5, dispositif=dispositif("emps"))  # not SPS
    table = hours_by_block_2021(scope=Scope(("sps",)), period=YEAR)
    assert table.columns == [
        "Présence sociale",
        "Actions collectives",
        "Actions individuelles",
        "Actions partenariales",
        "Ressources humaines",
        "Formation",
    ]
    assert rows(table) == [
        ("Heures", [Decimal("4.00"), 1, 1, 1, 2, 1]),
        ("%", [Decimal("40.00"), 10, 10, 10, 20, 10]),
        ("% 2024", [0, 0, 0, 0, 0, 100]),
        ("Évolution (points)", [40, 10, 10, 10, 20, -90]),
    ]


@pytest.fixture
def emps_data():
    educator = UserFactory()
    service = Service.objects.get(code="emps")
    henin = Commune.objects.get(name="Hénin-Beaumont")
    other = Commune.objects.get(name__startswith="Autre territoire")
    team = dispositif("emps")

    def youth(name, sex, commune=henin, **birth):
        person = Person.objects.create(pseudonym=name, sex=sex, commune=commune, **birth)
        CaseFile.objects.create(person=person, service=service, opened_on=D(2025, 1, 2))
        return person

    def accompany(person, kind, situation="college", origin="partenaire"):
        return Accompaniment.objects.create(
            person=person,
            dispositif=team,
            kind=kind,
            referent=educator,
            start=D(2025, 2, 1),
            situation=situation,
            origin=origin,
        )

    def meet(person, where=henin):
        Contact.objects.create(
            person=person,
            dispositif=team,
            date=D(2025, 3, 1),
            mode="travail_de_rue",
            educator=educator,
            commune=where,
        )

    a = youth("A", "M", birth_date=D(2012, 6, 1))  # 13 → 12-15, PAEI
    accompany(a, "paei")
    accompany(a, "asep")  # also an ASEP: still counted once, as PAEI
    b = youth("B", "F", birth_year=2016)  # 9 → 6-9, ASEP
    accompany(b, "asep", situation="descolarise", origin="tiers")
    c = youth("C", "F", birth_year=2008)  # 17 → 16-17, en accroche
    meet(c)
    d = youth("D", "NR")  # unknown age and sex, en accroche
    meet(d)
    e = youth("E", "M", commune=other, birth_year=2005)  # lives elsewhere: ASEP
    accompany(e, "asep")
    # The team works in Hénin-Beaumont (and met someone in « Autre territoire »).
    TimeEntryFactory(dispositif=team, date=D(2025, 3, 3), commune=henin, hours=2)
    meet(e, where=other)
    dsl = CollectiveAction.objects.create(
        dispositif=team,
        title="Fête",
        kind="dsl",
        commune=henin,
        created_by=educator,
        initiated_by_service=True,
    )
    dsl.sessions.create(date=D(2025, 6, 1))
    joined = CollectiveAction.objects.create(
        dispositif=team,
        title="Forum",
        kind="dsl",
        commune=henin,
        created_by=educator,
        initiated_by_service=False,
    )
    joined.sessions.create(date=D(2025, 6, 2))
    return henin


def test_emps_communes_exclude_the_other_territory(emps_data):
    names = emps.communes(scope=Scope(("emps",)), period=YEAR)
    assert names == ["Hénin-Beaumont", emps.OTHER_COMMUNES]


def test_emps_public_includes_youths_en_accroche_in_every_table(emps_data):
    scope, names = Scope(("emps",)), ["Hénin-Beaumont", emps.OTHER_COMMUNES]
    modalities = emps.modalities(scope=scope, period=YEAR, names=names)["Hénin-Beaumont"]
    assert [(label, cells[1]) for label, cells in rows(modalities)] == [
        ("Projet d'accompagnement éducatif individualisé (PAEI)", 1),
        ("Accompagnement socio-éducatif ponctuel (ASEP)", 1),
        ("En accroche", 2),
        ("Total", 4),
    ]
    age_sex = emps.public_by_age_and_sex(scope=scope, period=YEAR, names=names)["Hénin-Beaumont"]
    assert age_sex.columns == ["Nombre de jeunes", "H", "F", "NB", "NR", "%"]
    assert rows(age_sex) == [
        ("6 - 9 ans", [1, 0, 1, 0, 0, 25]),
        ("10 - 11 ans", [0, 0, 0, 0, 0, 0]),
        ("12 - 15 ans", [1, 1, 0, 0, 0, 25]),
        ("16 - 17 ans", [1, 0, 1, 0, 0, 25]),
        ("18 - 20 ans", [0, 0, 0, 0, 0, 0]),
        ("21 - 24 ans", [0, 0, 0, 0, 0, 0]),
        ("Âge inconnu", [1, 0, 0, 0, 1, 25]),
        ("Total", [4, 1, 2, 0, 1, 100]),
    ]
    origin = emps.public_by_origin(scope=scope, period=YEAR, names=names)["Hénin-Beaumont"]
    assert origin.columns == ["Total", "H", "F", "NB", "NR", "%"]
    assert rows(origin) == [
        ("Présence sociale", [2, 0, 1, 0, 1, 50]),
        ("Partenaire", [1, 1, 0, 0, 0, 25]),
        ("Tiers", [1, 0, 1, 0, 0, 25]),
        ("Total", [4, 1, 2, 0, 1, 100]),
    ]
    situation = emps.public_by_situation(scope=scope, period=YEAR, names=names)["Hénin-Beaumont"]
    assert rows(situation)[-2:] == [
        ("Non renseignée (en accroche)", [2, 0, 1, 0, 1, 50]),
        ("Total", [4, 1, 2, 0, 1, 100]),
    ]
    gender = emps.public_by_gender(scope=scope, period=YEAR, names=names)["Hénin-Beaumont"]
    assert gender.total_row.cells[0] == 4
    # Elsewhere, every youth's sex is known: no « NR » column of zeros.
    elsewhere_origin = emps.public_by_origin(scope=scope, period=YEAR, names=names)[
        emps.OTHER_COMMUNES
    ]
    assert elsewhere_origin.columns == ["Total", "H", "F", "NB", "%"]
    # The youth living elsewhere shows, under « Autres communes de résidence ».
    elsewhere = emps.modalities(scope=scope, period=YEAR, names=names)[emps.OTHER_COMMUNES]
    assert elsewhere.total_row.cells[1] == 1


def test_emps_dsl_initiated_and_associated(emps_data):
    # Each DSL row names its own partners (the partners column of the reference).
    forum = CollectiveAction.objects.get(title="Forum")
    forum.partners.add(Partner.objects.create(name="Centre social Darcy"))
    CollectiveAction.objects.get(title="Fête").partners.add(
        Partner.objects.create(name="Maisons et Cités")
    )
    table = emps.actions(scope=Scope(("emps",)), period=YEAR, names=["Hénin-Beaumont"])[
        "Hénin-Beaumont"
    ]
    counts = {label: cells[1] for label, cells in rows(table)}
    assert counts["Actions DSL initiées"] == 1
    assert counts["Actions DSL en associé"] == 1
    partners = {label: cells[2] for label, cells in rows(table)}
    assert partners["Actions DSL initiées"] == "Maisons et Cités"
    assert partners["Actions DSL en associé"] == "Centre social Darcy"
    assert counts["Travail de rue et présence sociale (heures)"] == Decimal("2.00")


def test_the_emps_tables_add_up_and_count_one_public(emps_data):
    """Every table of the EMPS bilan declares what it holds and passes the invariants; per
    commune, the modalities and the four tables of the public share one Total (en accroche
    included)."""
    from reporting.documents import get_definition
    from reportkit.invariants import document_faults

    document = get_definition("emps-bilan").build(YEAR)
    assert document_faults(document.tables) == []
    assert [t.id for t in document.tables if not t.kinds] == []
    public = {
        t.id: t.headcount for t in document.tables if t.population == "emps-public-henin-beaumont"
    }
    assert public == {
        "emps-modalites-henin-beaumont": 4,
        "emps-age-sexe-henin-beaumont": 4,
        "emps-genre-henin-beaumont": 4,
        "emps-origine-henin-beaumont": 4,
        "emps-situation-henin-beaumont": 4,
    }
    # The annex says so.
    annex = next(s for s in document.sections if s.key == "annexe")
    assert "60 = 20 PAEI + 25 ASEP + 15 en accroche" in annex.text
