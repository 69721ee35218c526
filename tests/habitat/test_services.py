"""The habitat rules: stays never overlap on a place, exits follow entries, a request is
decided once, a measure's end has a reason; the convention gauge."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from habitat import indicators, services
from habitat.models import HousingRequest, MonthlyRent, Stay
from rl_portal.models import CaseFile, Commune, Epci
from rl_portal.roles import Role
from tests.habitat.factories import (
    HousingRequestFactory,
    HousingUnitFactory,
    StayFactory,
    SupportMeasureFactory,
    dispositif,
)
from tests.rl_portal.factories import ConventionFactory, PersonFactory, make_user

pytestmark = pytest.mark.django_db
D = datetime.date


def test_stays_never_overlap_on_a_place(worker):
    unit = HousingUnitFactory(places=2)
    first = services.stay_create(unit=unit, person=PersonFactory(), entry=D(2025, 1, 1), by=worker)
    assert CaseFile.objects.filter(person=first.person, service__code="habitat").exists()
    with pytest.raises(ValidationError) as error:
        services.stay_create(unit=unit, person=PersonFactory(), entry=D(2025, 3, 1), by=worker)
    assert "chevaucher" in error.value.message_dict["entry"][0]
    # The other place is free; a third place does not exist.
    services.stay_create(unit=unit, person=PersonFactory(), entry=D(2025, 3, 1), place=2, by=worker)
    with pytest.raises(ValidationError, match="2 place"):
        services.stay_create(
            unit=unit, person=PersonFactory(), entry=D(2025, 3, 1), place=3, by=worker
        )
    # Once the first stay has ended, its place takes a new entry the next day.
    services.stay_exit(stay=first, exit=D(2025, 4, 30), reason="parc_public", by=worker)
    services.stay_create(unit=unit, person=PersonFactory(), entry=D(2025, 5, 1), by=worker)
    assert Stay.objects.count() == 3


def test_a_person_is_never_housed_twice_at_once(worker):
    """Whatever the path (form, API, import): a second stay of the same person that overlaps
    the first is refused; after the exit, a new stay is fine."""
    person = PersonFactory(pseudonym="Inès")
    first = services.stay_create(
        unit=HousingUnitFactory(label="Carvin T2"), person=person, entry=D(2025, 1, 6), by=worker
    )
    other_unit = HousingUnitFactory(label="Oignies T1")
    with pytest.raises(ValidationError) as error:
        services.stay_create(unit=other_unit, person=person, entry=D(2025, 3, 1), by=worker)
    assert error.value.message_dict["person"] == [
        "Inès est déjà hébergé(e) dans le logement « Carvin T2 » du 06/01/2025 à ce jour : une "
        "personne n'est jamais hébergée deux fois à la fois."
    ]
    # A past stay ending after the new entry overlaps too.
    with pytest.raises(ValidationError, match="déjà hébergé"):
        services.stay_create(
            unit=other_unit,
            person=person,
            entry=D(2024, 12, 1),
            exit=D(2025, 1, 6),
            exit_reason="autonomie",
            by=worker,
        )
    services.stay_exit(stay=first, exit=D(2025, 4, 30), reason="autonomie", by=worker)
    services.stay_create(unit=other_unit, person=person, entry=D(2025, 5, 1), by=worker)
    assert person.stays.count() == 2


def test_a_measure_is_not_opened_twice(worker):
    measure = SupportMeasureFactory(person=PersonFactory(pseudonym="Yanis"))
    again = {
        "by": worker,
        "person": measure.person,
        "dispositif": measure.dispositif,
        "kind": "asll",
        "weight": Decimal("3"),
        "notified_on": D(2025, 3, 1),
        "orienteur_kind": "ssd_mds",
        "reason": "maintien_logement",
        "epci": measure.epci,
    }
    with pytest.raises(ValidationError, match="a déjà une mesure FSL ASLL commencée le 15/01"):
        services.support_measure_open(start=D(2025, 3, 1), **again)
    services.support_measure_close(measure=measure, end=D(2025, 6, 1), reason="autre", by=worker)
    services.support_measure_open(start=D(2025, 6, 2), **again)
    # Another dispositif is another measure.
    services.support_measure_open(
        **{**again, "dispositif": dispositif("asl-jeunes-ase"), "kind": "simple"},
        start=D(2025, 3, 1),
    )


def test_exit_rules(worker):
    stay = StayFactory(entry=D(2025, 2, 1))
    with pytest.raises(ValidationError, match="précéder l'entrée"):
        services.stay_exit(stay=stay, exit=D(2025, 1, 31), reason="parc_public", by=worker)
    with pytest.raises(ValidationError) as error:
        services.stay_exit(stay=stay, exit=D(2025, 3, 1), reason="", by=worker)
    assert "exit_reason" in error.value.message_dict
    with pytest.raises(ValidationError, match="plausible"):
        services.stay_exit(
            stay=stay,
            exit=timezone.localdate() + datetime.timedelta(days=2),
            reason="autonomie",
            by=worker,
        )
    services.stay_exit(stay=stay, exit=D(2025, 3, 1), reason="autonomie", by=worker)
    with pytest.raises(ValidationError, match="déjà terminé"):
        services.stay_exit(stay=stay, exit=D(2025, 3, 2), reason="autonomie", by=worker)


def test_a_request_is_decided_once(worker):
    request = HousingRequestFactory()
    services.housing_request_decide(request=request, decision="admis", on=D(2025, 2, 10), by=worker)
    with pytest.raises(ValidationError, match="déjà été décidée"):
        services.housing_request_decide(
            request=request, decision="refuse", on=D(2025, 2, 11), by=worker
        )
    assert HousingRequest.objects.get(pk=request.pk).decision == "admis"


def test_rents_are_all_or_nothing(worker):
    good, bad = StayFactory(), StayFactory()
    with pytest.raises(ValidationError) as error:
        services.monthly_rent_save(
            month=D(2025, 3, 1), amounts={good.pk: ("350", "350"), bad.pk: ("-3", "0")}, by=worker
        )
    assert f"stay_{bad.pk}" in error.value.message_dict
    assert not MonthlyRent.objects.exists()
    services.monthly_rent_save(
        month=D(2025, 3, 1), amounts={good.pk: ("350,50", "300"), bad.pk: ("", "")}, by=worker
    )
    rent = MonthlyRent.objects.get()
    assert (rent.due, rent.paid) == (Decimal("350.50"), Decimal("300.00"))


def test_measures(worker):
    measure = SupportMeasureFactory()
    with pytest.raises(ValidationError):
        services.support_measure_close(measure=measure, end=D(2025, 6, 1), reason="", by=worker)
    services.support_measure_close(
        measure=measure, end=D(2025, 6, 1), reason="objectifs_atteints", by=worker
    )
    asl = services.support_measure_open(
        by=worker,
        person=PersonFactory(commune=Commune.objects.get(name="Lens")),
        dispositif=dispositif("asl-jeunes-ase"),
        kind="renforcee",
        start=D(2025, 10, 1),
        notified_on=D(2025, 9, 20),
        orienteur_kind="ase",
        reason="acces_logement",
    )
    assert asl.weight == 2 and asl.epci.short_name == "CALL"
    assert asl.planned_end == D(2026, 4, 1)


def test_only_habitat_staff_record(worker):
    educ = make_user(Role.EDUCATEUR, "prevention", username="julie")
    with pytest.raises(ValidationError, match="service habitat"):
        services.stay_create(
            unit=HousingUnitFactory(), person=PersonFactory(), entry=D(2025, 1, 1), by=educ
        )


def test_convention_gauge_over_an_october_september_year():
    today = timezone.localdate()
    start = D(today.year if today.month >= 10 else today.year - 1, 10, 1)
    end = D(start.year + 1, 9, 30)
    ConventionFactory(
        dispositif=dispositif("asl-jeunes-ase"),
        start=start,
        end=end,
        capacity=28,
        capacity_unit="points",
    )
    cahc = Epci.objects.get(short_name="CAHC")
    SupportMeasureFactory(asl_reinforced=True, epci=cahc, start=start)
    SupportMeasureFactory(
        asl_simple=True,
        closed=True,
        epci=cahc,
        start=start - datetime.timedelta(days=60),
        end=start + datetime.timedelta(days=10),
    )
    SupportMeasureFactory(
        asl_simple=True,
        closed=True,
        epci=cahc,
        start=start - datetime.timedelta(days=90),
        end=start - datetime.timedelta(days=1),
    )  # before the period
    SupportMeasureFactory(
        asl_simple=True,
        epci=cahc,
        start=today,
        planned_end=today + datetime.timedelta(days=20),
    )
    table = indicators.convention_gauge(today=today)
    assert table.columns == [
        "Période",
        "Capacité",
        "Mesures pondérées",
        "Taux de réalisation",
        "",
        "Échéances sous 30 jours",
    ]
    (row,) = table.rows
    assert row.label == "ASL Jeunes ASE — Ensemble des territoires"
    # 2 + 1 + 1 weights active during the convention year, out of 28; one échéance soon.
    assert row.cells == [
        f"{start:%d/%m/%Y} – {end:%d/%m/%Y}",
        Decimal("28.00"),
        Decimal("4.00"),
        Decimal("14.29"),
        "",
        1,
    ]
    # The dashboard's chart reads the same rate from its own indicator.
    rates = indicators.current_convention_rates(today=today)
    assert [(r.label, r.cells) for r in rates.rows] == [
        ("ASL Jeunes ASE — ensemble", [Decimal("14.29")])
    ]


def test_overlapping_unavailabilities_are_refused():
    from habitat.models import UnitUnavailability

    unit = HousingUnitFactory()
    UnitUnavailability.objects.create(unit=unit, start=D(2025, 3, 1), end=D(2025, 3, 31))
    overlapping = UnitUnavailability(unit=unit, start=D(2025, 3, 20), end=D(2025, 4, 10))
    with pytest.raises(ValidationError, match="chevauche"):
        overlapping.full_clean()
    UnitUnavailability(unit=unit, start=D(2025, 4, 1), end=D(2025, 4, 10)).full_clean()
