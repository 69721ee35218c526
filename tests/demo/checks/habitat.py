"""The habitat demo: the volumes of the service's bilan over three years, stays that never
overlap on a place, every ending with its reason, no date after today."""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Sum

from habitat.models import (
    CllajApplication,
    CllajFile,
    CllajInterview,
    CllajOrientation,
    HomeVisit,
    HousingEvent,
    HousingRequest,
    HousingUnit,
    MeetingPlace,
    MonthlyRent,
    Stay,
    SupportMeasure,
    UnitUnavailability,
)
from rl_portal.models import CaseFile, Partner, Person

D = datetime.date

MODELS = [
    HousingUnit,
    UnitUnavailability,
    HousingRequest,
    Stay,
    MonthlyRent,
    MeetingPlace,
    CllajFile,
    CllajInterview,
    CllajApplication,
    CllajOrientation,
    HousingEvent,
    SupportMeasure,
    HomeVisit,
    Person,
    CaseFile,
    Partner,
]
# Every date of a habitat record; planned_exit and planned_end are deadlines, in the future for
# what is still in progress, so they are not among them.
DATES = [
    (HousingRequest, ["date", "decided_on"]),
    (Stay, ["entry", "exit", "majority_on"]),
    (MonthlyRent, ["month"]),
    (UnitUnavailability, ["start", "end"]),
    (CllajFile, ["date"]),
    (CllajInterview, ["date"]),
    (CllajApplication, ["date"]),
    (CllajOrientation, ["date"]),
    (HousingEvent, ["date"]),
    (SupportMeasure, ["notified_on", "start", "end"]),
    (HomeVisit, ["date"]),
]


def _occupancy(code: str, start: datetime.date, end: datetime.date) -> float:
    """Occupied place-days / available place-days (leases, minus works)."""
    available = occupied = 0
    for unit in HousingUnit.objects.filter(dispositif__code=code).prefetch_related(
        "unavailabilities"
    ):
        first, last = max(start, unit.lease_start), min(end, unit.lease_end or end)
        if last < first:
            continue
        days = (last - first).days + 1
        for off in unit.unavailabilities.all():
            low, high = max(first, off.start), min(last, off.end)
            days -= max(0, (high - low).days + 1)
        available += days * unit.places
    for stay in Stay.objects.filter(unit__dispositif__code=code).active_during(start, end):
        occupied += (min(end, stay.exit or end) - max(start, stay.entry)).days + 1
    return occupied / available


def check_volumes_follow_the_bilan(today):
    places = HousingUnit.objects.filter(dispositif__code="tremplins-duo").aggregate(
        total=Sum("places")
    )["total"]
    assert places == 22
    assert 10 <= HousingUnit.objects.filter(dispositif__code="alt-jeunes").count() <= 14
    assert 6 <= HousingUnit.objects.filter(dispositif__code="alt-familles").count() <= 10
    assert set(HousingUnit.objects.values_list("commune__name", flat=True).distinct()) == {
        "Carvin",
        "Hénin-Beaumont",
        "Courrières",
        "Oignies",
        "Libercourt",
        "Rouvroy",
        "Évin-Malmaison",
        "Harnes",
    }
    assert {"Vilogia", "Soliha", "SIA Habitat"} <= set(
        Partner.objects.filter(kind="bailleur").values_list("name", flat=True)
    )
    assert UnitUnavailability.objects.count() >= 2
    assert MeetingPlace.objects.count() >= 8

    complete_years = [today.year - 2, today.year - 1]
    for year in complete_years:
        start, end = D(year, 1, 1), D(year, 12, 31)
        records = CllajFile.objects.filter(date__year=year)
        total = records.count()
        assert 400 <= total <= 600, year
        assert 0.02 <= records.filter(dispositif__code="cllaj-ase").count() / total <= 0.1
        assert 0.2 <= records.filter(kind="aio").count() / total <= 0.4
        assert 0.08 <= records.filter(is_qpv=True).count() / total <= 0.25
        assert 0.4 <= records.filter(mission_locale=True).count() / total <= 0.6
        interviews = CllajInterview.objects.filter(date__year=year)
        assert 0.7 <= interviews.filter(mode="physique").count() / interviews.count() <= 0.9

        fsl = SupportMeasure.objects.filter(dispositif__code="fsl-asll").active_during(start, end)
        assert 100 <= fsl.count() <= 160, year
        assert set(fsl.values_list("epci__short_name", flat=True)) == {"CAHC", "CALL"}
        asl = SupportMeasure.objects.filter(dispositif__code="asl-jeunes-ase").active_during(
            start, end
        )
        assert 20 <= asl.count() <= 40, year

        requests = HousingRequest.objects.filter(date__year=year)
        alt = requests.filter(dispositif__code__in=["alt-jeunes", "alt-familles"]).count()
        assert 40 <= alt <= 80, year
        assert 15 <= requests.filter(dispositif__code="tremplins-duo").count() <= 35, year

        workshops = HousingEvent.objects.filter(date__year=year, kind="atelier")
        assert 7 <= workshops.count() <= 11
        assert all(4 <= w.headcount <= 8 for w in workshops)
        assert HousingEvent.objects.filter(date__year=year, kind="slj").count() == 1
        assert HousingEvent.objects.filter(date__year=year, kind="aller_vers").exists()

    # Occupancy of last year, as in the bilan (89 to 96 %).
    last = complete_years[-1]
    for code in ("alt-jeunes", "alt-familles", "tremplins-duo"):
        assert 0.8 <= _occupancy(code, D(last, 1, 1), D(last, 12, 31)) <= 0.99, code
    # The current year is covered to date: fewer records than a complete year.
    current = CllajFile.objects.filter(date__year=today.year).count()
    assert current <= CllajFile.objects.filter(date__year=last).count()
    assert Stay.objects.filter(exit__isnull=True).exists()
    assert Stay.objects.exclude(majority_on=None).exists()


def check_records_are_consistent(today):
    # Stays never overlap on a place, and stay within the lease and off the works.
    by_place = defaultdict(list)
    for stay in Stay.objects.select_related("unit"):
        assert 1 <= stay.place <= stay.unit.places
        assert stay.entry >= stay.unit.lease_start
        if stay.unit.lease_end:
            assert stay.exit is not None and stay.exit <= stay.unit.lease_end
        by_place[stay.unit_id, stay.place].append(stay)
    works = defaultdict(list)
    for off in UnitUnavailability.objects.all():
        works[off.unit_id].append(off)
    for (unit_id, _place), stays in by_place.items():
        stays.sort(key=lambda s: s.entry)
        for before, after in zip(stays, stays[1:], strict=False):
            assert before.exit is not None and before.exit < after.entry
        for stay in stays:
            for off in works[unit_id]:
                assert (stay.exit and stay.exit < off.start) or stay.entry > off.end

    # Every ending has its reason; what is in progress has none.
    assert not Stay.objects.filter(exit__isnull=False, exit_reason="").exists()
    assert not Stay.objects.filter(exit__isnull=True).exclude(exit_reason="").exists()
    assert not SupportMeasure.objects.filter(end__isnull=False, end_reason="").exists()
    assert not SupportMeasure.objects.filter(end__isnull=True).exclude(end_reason="").exists()
    reasons = set(SupportMeasure.Reason.values)
    for measure in SupportMeasure.objects.all():
        assert measure.notified_on <= measure.start
        assert measure.objectives_reached <= measure.objectives_set
        assert set(measure.annex_difficulties) <= reasons - {measure.reason}
        if measure.dispositif.code == "asl-jeunes-ase":
            assert measure.weight == {"simple": 1, "renforcee": 2}[measure.kind]
        else:
            assert measure.kind == "asll" and Decimal("0.5") <= measure.weight <= Decimal("1.25")
        if measure.end is None:
            assert measure.planned_end >= today
    for visit in HomeVisit.objects.select_related("measure"):
        assert visit.measure.start <= visit.date <= (visit.measure.end or today)
    for request in HousingRequest.objects.all():
        if request.decision == "en_attente":
            assert request.decided_on is None
        else:
            assert request.decided_on >= request.date
    assert not HousingRequest.objects.filter(decision="en_attente", date__year__lt=today.year)
    for rent in MonthlyRent.objects.select_related("stay"):
        stay = rent.stay
        assert stay.entry.replace(day=1) <= rent.month <= (stay.exit or today)
        assert rent.paid <= rent.due
        if stay.entry < rent.month and (stay.exit is None or stay.exit.replace(day=1) > rent.month):
            assert 250 <= rent.due <= 470
    assert MonthlyRent.objects.filter(paid__lt=0).count() == 0
    for interview in CllajInterview.objects.select_related("cllaj_file"):
        assert interview.date >= interview.cllaj_file.date
        assert (interview.place is not None) == (interview.mode == "physique")
    for event in HousingEvent.objects.all():
        assert event.qpv_headcount <= event.headcount

    # No date after today, none before the period but the leases.
    first_day = D(today.year - 2, 1, 1)
    for model, fields in DATES:
        for name in fields:
            assert not model.objects.filter(**{f"{name}__gt": today}).exists(), (model, name)
            assert not model.objects.filter(**{f"{name}__lt": first_day}).exists(), (model, name)

    # Each person's habitat case file opens on their first habitat record.
    first = {}
    for queryset, field in [
        (HousingRequest.objects.all(), "date"),
        (Stay.objects.all(), "entry"),
        (CllajFile.objects.all(), "date"),
        (SupportMeasure.objects.all(), "start"),
    ]:
        for person_id, day in queryset.values_list("person_id", field):
            first[person_id] = min(day, first.get(person_id, day))
    opened = dict(
        CaseFile.objects.filter(service__code="habitat").values_list("person_id", "opened_on")
    )
    assert all(opened.get(person_id) == day for person_id, day in first.items())


def snapshot():
    """What a rebuild must write again: counts, stays and CLLAJ records (sorted: primary keys
    differ from one build to the next on PostgreSQL)."""
    counts = {model.__name__: model.objects.count() for model in MODELS}
    stays = sorted(
        Stay.objects.values_list("unit__label", "place", "entry", "exit", "person__pseudonym")
    )
    records = sorted(
        CllajFile.objects.values_list("date", "person__pseudonym", "kind", "dispositif__code")
    )
    return counts, stays, records
