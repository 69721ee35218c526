"""FSL ASLL and ASL Jeunes ASE tables on hand-made measures, written out row by row: each
convention's rate on its own period and capacity, « suractivité » above 100 %, the public
counted once per person, one definition of « objectifs atteints »."""

import datetime
from decimal import Decimal

import pytest

from habitat.indicators import measures
from habitat.models import HomeVisit
from reportkit.invariants import document_faults
from reportkit.periods import Period
from rl_portal.models import Commune, Epci
from tests.habitat.factories import SupportMeasureFactory, dispositif
from tests.rl_portal.factories import ConventionFactory, PersonFactory

pytestmark = pytest.mark.django_db
D = datetime.date
H = Decimal
YEAR = Period.year(2025)
PLACES = ["CAHC", "CALL"]


def rows(table):
    return [(row.label, row.cells) for row in table.rows] + (
        [(table.total_row.label, table.total_row.cells)] if table.total_row else []
    )


@pytest.fixture
def asl():
    """Two ASL conventions (October → September) on the CAHC; measures across both."""
    cahc = Epci.objects.get(short_name="CAHC")
    d = dispositif("asl-jeunes-ase")
    ConventionFactory(
        dispositif=d, epci=cahc, start=D(2024, 10, 1), end=D(2025, 9, 30), capacity=28
    )
    ConventionFactory(dispositif=d, epci=cahc, start=D(2025, 10, 1), end=D(2026, 9, 30), capacity=2)
    common = {"dispositif": d, "epci": cahc}
    SupportMeasureFactory(
        **common, kind="renforcee", weight=2, start=D(2024, 9, 1), prolongations=2
    )
    SupportMeasureFactory(
        **common,
        kind="simple",
        weight=1,
        start=D(2025, 3, 1),
        end=D(2025, 8, 31),
        end_reason="objectifs_atteints",
    )
    SupportMeasureFactory(**common, kind="simple", weight=1, start=D(2025, 11, 1))
    SupportMeasureFactory(
        **common,
        kind="simple",
        weight=1,
        start=D(2024, 3, 1),
        end=D(2024, 9, 30),
        end_reason="autre",
    )


def test_each_convention_on_its_own_period_and_capacity(asl):
    # The fault: 2025 added the measures of two convention years against one capacity
    # (182,14 %). Each convention is shown with its period, capacity and rate.
    table = measures.conventions(dispositif="asl-jeunes-ase", period=YEAR)
    assert rows(table) == [
        ("CAHC", ["01/10/2024 – 30/09/2025", H("28.00"), H("3.00"), H("10.71"), ""]),
        ("CAHC", ["01/10/2025 – 30/09/2026", H("2.00"), H("3.00"), H("150.00"), "suractivité"]),
    ]
    assert table.over_activity and document_faults([table]) == []
    convention_year = measures.conventions(
        dispositif="asl-jeunes-ase", period=Period.convention_year(2024)
    )
    assert [r.cells[3] for r in convention_year.rows] == [H("10.71")]


def test_asl_measures_and_extensions(asl):
    table = measures.measures_by_territory(
        dispositif="asl-jeunes-ase", period=YEAR, territories=PLACES
    )
    assert table.columns[-2:] == ["dont ASL simples", "dont ASL renforcées"]
    assert rows(table) == [
        ("CAHC", [3, 2, 1, 2, H("4.00"), 2, 1]),
        ("CALL", [0, 0, 0, 0, 0, 0, 0]),
        ("Total", [3, 2, 1, 2, H("4.00"), 2, 1]),
    ]
    assert document_faults([table]) == []
    assert rows(
        measures.extensions(dispositif="asl-jeunes-ase", period=YEAR, territories=PLACES)
    ) == [("CAHC", [3, 1, 2]), ("CALL", [0, 0, 0]), ("Total", [3, 1, 2])]


@pytest.fixture
def fsl():
    """P1 (F, 45, Carvin) with two CAHC measures, P2 (M, 25) one ended for non-adhesion, P3
    (sex and age unknown, Lens) one on the CALL; a convention per territory for 2025."""
    cahc, call = Epci.objects.get(short_name="CAHC"), Epci.objects.get(short_name="CALL")
    d = dispositif("fsl-asll")
    ConventionFactory(dispositif=d, epci=cahc, capacity=4)
    ConventionFactory(dispositif=d, epci=call, capacity=2)
    p1 = PersonFactory(sex="F", birth_year=1980, commune=Commune.objects.get(name="Carvin"))
    p2 = PersonFactory(sex="M", birth_year=2000, commune=Commune.objects.get(name="Hénin-Beaumont"))
    p3 = PersonFactory(sex="NR", birth_year=None, commune=Commune.objects.get(name="Lens"))
    SupportMeasureFactory(
        person=p1,
        epci=cahc,
        weight=3,
        start=D(2024, 6, 1),
        end=D(2025, 2, 28),
        end_reason="objectifs_atteints",
        objectives_set=4,
        objectives_reached=2,
    )
    ongoing = SupportMeasureFactory(
        person=p1,
        epci=cahc,
        weight=1,
        start=D(2025, 3, 1),
        resources=600,
        resource_type="rsa",
        partners_contacted=["caf", "energie"],
        applications_and_aids=["fsl"],
    )
    SupportMeasureFactory(
        person=p2,
        epci=cahc,
        weight=H("1.5"),
        start=D(2025, 1, 15),
        end=D(2025, 6, 30),
        end_reason="non_adhesion",
    )
    on_call = SupportMeasureFactory(
        person=p3,
        epci=call,
        weight=1,
        start=D(2025, 5, 1),
        resources=0,
        resource_type="sans_ressources",
    )
    for day, measure in [
        (D(2025, 4, 1), ongoing),
        (D(2025, 5, 1), ongoing),
        (D(2025, 6, 1), on_call),
    ]:
        HomeVisit.objects.create(measure=measure, date=day)


def test_fsl_conventions_territories_and_overall_rate(fsl):
    assert rows(measures.conventions(dispositif="fsl-asll", period=YEAR)) == [
        (
            "Ensemble des territoires",
            ["01/01/2025 – 31/12/2025", H("6.00"), H("6.50"), H("108.33"), "suractivité"],
        ),
        ("CAHC", ["01/01/2025 – 31/12/2025", H("4.00"), H("5.50"), H("137.50"), "suractivité"]),
        ("CALL", ["01/01/2025 – 31/12/2025", H("2.00"), H("1.00"), H("50.00"), ""]),
    ]
    assert rows(
        measures.measures_by_territory(dispositif="fsl-asll", period=YEAR, territories=PLACES)
    ) == [
        ("CAHC", [3, 2, 2, 1, H("5.50")]),
        ("CALL", [1, 1, 0, 1, H("1.00")]),
        ("Total", [4, 3, 2, 2, H("6.50")]),
    ]
    assert rows(measures.home_visits(dispositif="fsl-asll", period=YEAR, territories=PLACES)) == [
        ("CAHC", [2, 1]),
        ("CALL", [1, 1]),
        ("Total", [3, 2]),
    ]


def test_the_public_is_counted_once_per_person(fsl):
    # The fault: the mean age was over measures (P1 twice: 38,3); over persons it is 35.
    ages = measures.public_by_sex_and_age(dispositif="fsl-asll", period=YEAR, territories=PLACES)
    assert rows(ages["CAHC"]) == [
        ("Moins de 25 ans", [0, 0, 0, H("0.00")]),
        ("25 à 29 ans", [0, 1, 1, H("50.00")]),
        ("30 à 44 ans", [0, 0, 0, H("0.00")]),
        ("45 à 59 ans", [1, 0, 1, H("50.00")]),
        ("60 ans et plus", [0, 0, 0, H("0.00")]),
        ("Total", [1, 1, 2, H(100)]),
    ]
    assert ages["CAHC"].notes[0] == "Âge moyen au 31/12/2025 : 35 ans."
    # The fault: FSL « public-call » 27 + 24 = 51 for 52: every person shows.
    assert ages["CALL"].columns == ["Femmes", "Hommes", "Sexe non renseigné", "Total", "%"]
    assert ages["CALL"].total_row.cells == [0, 0, 1, 1, H(0)]
    assert rows(measures.public_by_sex(dispositif="fsl-asll", period=YEAR)) == [
        ("Femmes", [1, H("50.00"), H("45.0")]),
        ("Hommes", [1, H("50.00"), H("25.0")]),
        ("Sexe non renseigné", [1, None, None]),
        ("Total", [3, H(100), H("35.0")]),
    ]


def test_resources_partners_and_ended_measures(fsl):
    args = {"dispositif": "fsl-asll", "period": YEAR, "territories": PLACES}
    amounts = measures.resource_amounts(**args, poverty_line=H("1216"))["CAHC"]
    assert [cells for _label, cells in rows(amounts)] == [
        [0, H("0.00")],
        [0, H("0.00")],
        [1, H("100.00")],
        [0, H("0.00")],
        [1, None],
        [2, H(100)],
    ]
    assert "600,00\xa0€ par mois (entre 600,00\xa0€ et 600,00\xa0€)" in amounts.notes[0]
    types = dict(rows(measures.resource_types(**args)["CAHC"]))
    assert types["RSA"] == [1, H("100.00")] and types["Non renseigné"] == [1, None]
    partners = dict(rows(measures.partners(**args)["CAHC"]))
    assert partners["CAF"] == [1, H("50.00")]
    assert partners["Total (ménages différents)"] == [2, None]
    ended = measures.ended(**args)["CAHC"]
    assert dict(rows(ended))["Objectifs atteints"] == [1, H("50.00")]
    assert dict(rows(ended))["Non-adhésion"] == [1, H("50.00")]
    # One definition of « objectifs atteints »: the measures ended with that outcome; the
    # note no longer gives a second figure (objectives counted one by one).
    assert ended.notes == ["Durée moyenne des mesures arrêtées : 7 mois et 6 jours."]
    per_territory = [
        t
        for f in (measures.referrers, measures.composition, measures.geographic_origin)
        for t in f(**args).values()
    ]
    assert (
        document_faults(per_territory + [amounts, measures.public_by_sex_and_age(**args)["CAHC"]])
        == []
    )
