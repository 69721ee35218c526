"""The housing stock and who lives in it: units of the bilan with their leases and works,
consecutive stays on each place, the requests that led to them and those refused, dropped or
waiting, and the rent of every month."""

from __future__ import annotations

import datetime

from dateutil.relativedelta import relativedelta

from demo.builders.habitat import report_fields
from demo.builders.habitat.plan import Plan, PlannedMeasure, euros
from demo.context import DAY, months, pick
from demo.data import habitat as data
from habitat.models import (
    CllajFile,
    CllajOrientation,
    HousingRequest,
    HousingUnit,
    MeetingPlace,
    MonthlyRent,
    Stay,
    UnitUnavailability,
)
from rl_portal.audit import bulk_create_journalled
from rl_portal.models import Partner, Person, Sex

Decision = HousingRequest.Decision
REHOUSED = (data.ExitReason.PUBLIC, data.ExitReason.PRIVATE, data.ExitReason.AUTONOMY)
# Stay durations in days: (shortest, longest, commonest).
DURATIONS = {
    "alt-jeunes": (60, 540, 180),
    "alt-familles": (150, 720, 420),
    "tremplins-duo": (90, 720, 330),
}


def units(plan: Plan) -> None:
    """The units (written now: they are not personal data) and the CLLAJ's meeting places."""
    rng, first_year = plan.rng, plan.context.years[0]
    landlords = {}
    for name in data.LANDLORDS:
        landlords[name], _ = Partner.objects.get_or_create(
            name=name, kind=Partner.Kind.BAILLEUR, defaults={"field": Partner.Field.LOGEMENT}
        )
    plan.meeting_places = bulk_create_journalled(
        [
            MeetingPlace(name=name, address=address, commune=plan.communes[commune])
            for name, address, commune, _ in data.MEETING_PLACES
        ],
        actor=None,
    )
    numbers: dict[tuple[str, str], int] = {}
    for code, commune, typology, landlord, places, start, end, public in data.UNITS:
        number = numbers[commune, typology] = numbers.get((commune, typology), 0) + 1
        unit = HousingUnit(
            label=f"{commune} {HousingUnit.Typology(typology).label} n° {number}",
            address=f"{rng.randint(1, 180)} {rng.choice(data.STREETS)}",
            commune=plan.communes[commune],
            typology=typology,
            landlord=landlords[landlord],
            dispositif=plan.dispositifs[code],
            places=places,
            lease_start=datetime.date(first_year + start[0], start[1], start[2]),
            lease_end=datetime.date(first_year + end[0], end[1], end[2]) if end else None,
            public=report_fields.unit_public(code, public),
        )
        # A unit taken on after today (never with the dates above) would have no stays.
        if unit.lease_start <= plan.today:
            plan.units.append((unit, public))
    # Units are journalled (kept by the chefs de service in the pages): written as auditlog would.
    bulk_create_journalled([unit for unit, _ in plan.units], actor=None)


def _timeline(plan: Plan, unit: HousingUnit, code: str):
    """Consecutive stays on one place: (entry, exit or None), never overlapping."""
    rng, today, start = plan.rng, plan.today, plan.context.start
    if unit.lease_start > start:
        # A unit taken on during the period is furnished before the first entry.
        cursor = unit.lease_start + rng.randint(20, 45) * DAY
    else:
        # A place occupied on the first of January: its occupant's stay is recorded from the
        # first weeks of the period (their case file opens in it).
        cursor = start + rng.randint(0, 50) * DAY
    periods = []
    while cursor <= today:
        if unit.lease_end and cursor > unit.lease_end - 60 * DAY:
            break
        exit = cursor + int(rng.triangular(*DURATIONS[code])) * DAY
        if unit.lease_end and exit > unit.lease_end:
            # The lease ends: the occupant leaves before the keys go back.
            exit = unit.lease_end - rng.randint(0, 10) * DAY
        elif exit >= today:
            periods.append((cursor, None))
            break
        periods.append((cursor, exit))
        cursor = exit + rng.randint(7, 45) * DAY
    return periods


def plan_stays(plan: Plan) -> None:
    records = sorted((r for r in plan.records if r.kind == "suivi"), key=lambda r: r.date)
    for unit, public in plan.units:
        code = unit.dispositif.code
        by_place = []
        for place in range(1, unit.places + 1):
            periods = _timeline(plan, unit, code)
            for index, (entry, exit) in enumerate(periods):
                # The occupants of the first of January were admitted before the period: no
                # request of theirs falls in it.
                admitted_before = index == 0 and unit.lease_start <= plan.context.start
                _stay(plan, unit, place, entry, exit, admitted_before, public == "m", records)
            by_place.append(periods)
        # Works and furnishing concern the whole unit: recorded once, never while a place is
        # occupied (the occupancy rate would count days on a place that was not available).
        _unavailabilities(plan, unit, by_place[0], [p for periods in by_place for p in periods])
    _other_requests(plan, records)


def _unavailabilities(plan: Plan, unit: HousingUnit, periods, occupied) -> None:
    """Furnishing before the first entry on any place; works in the longest gap between two
    occupants of the first place during which no other place is occupied."""
    if unit.lease_start > plan.context.start and occupied:
        plan.unavailabilities.append(
            UnitUnavailability(
                unit=unit,
                start=unit.lease_start,
                end=min(entry for entry, _exit in occupied) - DAY,
                reason="Ameublement et prise en main du logement",
            )
        )

    def free(first, last) -> bool:
        return not any(
            entry <= last and (exit is None or exit >= first) for entry, exit in occupied
        )

    if unit.label in data.WORKS:
        gaps = [
            (a[1] + DAY, b[0] - DAY)
            for a, b in zip(periods, periods[1:], strict=False)
            if a[1] and (b[0] - a[1]).days > 15 and free(a[1] + DAY, b[0] - DAY)
        ]
        if gaps:
            first, last = max(gaps, key=lambda gap: gap[1] - gap[0])
            plan.unavailabilities.append(
                UnitUnavailability(
                    unit=unit,
                    start=first,
                    end=last,
                    reason="Travaux (remise en état entre deux occupants)",
                )
            )


def _young_applicant(plan: Plan, on: datetime.date, records: list[CllajFile]) -> Person:
    """A young person applying to the ALT on `on`: often one the CLLAJ followed and oriented."""
    rng, ages = plan.rng, data.AGES["alt-jeunes"]
    if rng.random() < 0.3:
        for record in records:
            if record.date > on - 14 * DAY:
                break
            age = record.person.age_on(on)
            if (
                record.date >= on - 180 * DAY
                and id(record) not in plan.linked_records
                and age is not None
                and ages[0] <= age <= ages[1]
            ):
                plan.linked_records.add(id(record))
                plan.orientations.append(
                    CllajOrientation(
                        cllaj_file=record,
                        target=CllajOrientation.Target.ALT,
                        date=plan.context.random_date(record.date, on),
                    )
                )
                return record.person
    return plan.new_person(on, rng.randint(*ages), commune=plan.commune())


def _applicant(plan: Plan, code: str, on: datetime.date, records, minor=False, epci=None):
    """The person applying to `code` on `on`, and the household a family applies with."""
    rng = plan.rng
    if code == "alt-familles":
        person = plan.new_person(on, rng.randint(*data.AGES[code]), commune=plan.commune(epci))
        composition = pick(rng, data.REQUEST_COMPOSITIONS[code])
        resource_type = plan.resource_type(data.RESOURCES_ENTRY[code], person, on, composition)
        household = plan.household(
            person, composition, resource_type, plan.resources(resource_type, family=True)
        )
        return person, household
    if code == "alt-jeunes":
        return _young_applicant(plan, on, records), None
    profile = "tremplins-mineurs" if minor else code
    person = plan.new_person(
        on,
        rng.randint(*data.AGES[profile]),
        commune=plan.commune(),
        exact_birth=1,
        ase_history=rng.random() < 0.8 or None,
        sex=pick(rng, [(Sex.FEMALE, 60), (Sex.MALE, 38), (Sex.NON_BINARY, 2)]) if minor else None,
    )
    return person, None


def _stay(plan: Plan, unit, place, entry, exit, admitted_before, minor, records) -> None:
    rng, start, code = plan.rng, plan.context.start, unit.dispositif.code
    request_on = entry if admitted_before else max(start, entry - rng.randint(10, 75) * DAY)
    epci = unit.commune.epci.short_name
    person, household = _applicant(plan, code, request_on, records, minor, epci)
    plan.seen(person, request_on)
    if not admitted_before:
        plan.requests.append(
            _request(plan, code, person, household, request_on, Decision.ADMITTED, entry)
        )
    profile = "tremplins-mineurs" if minor else code
    family = household is not None
    if family:
        resource_type = household.main_resource_type
        resources = household.monthly_resources
    else:
        resource_type = plan.resource_type(data.RESOURCES_ENTRY[profile], person, entry)
        resources = plan.resources(resource_type)
    stay = Stay(
        unit=unit,
        place=place,
        person=person,
        household=household,
        entry=entry,
        exit=exit,
        origin=pick(rng, data.ORIGINS[profile]),
        resources_entry=resources,
        resource_type_entry=resource_type,
        version=1,
    )
    lasted = relativedelta(exit or plan.today, entry)
    months_stayed = lasted.years * 12 + lasted.months
    if code.startswith("alt"):
        # The FAL accompaniment lasts a year; each exceptional prolongation adds three months.
        if months_stayed >= 12:
            stay.prolongation_requests = min(3, 1 + (months_stayed - 12) // 3)
        stay.planned_exit = entry + relativedelta(months=12 + 3 * stay.prolongation_requests)
    else:
        stay.planned_exit = entry + relativedelta(months=18 if not minor else 24)
        if minor and person.birth_date:
            majority = person.birth_date + relativedelta(years=18)
            if majority <= min(exit or plan.today, plan.today):
                stay.majority_on = majority
    if exit:
        stay.exit_reason = pick(rng, data.EXIT_REASONS[code])
        if rng.random() < 0.55:
            stay.resource_type_exit = resource_type
            stay.resources_exit = euros(float(resources) * rng.uniform(1.0, 1.15))
        else:
            stay.resource_type_exit = plan.resource_type(
                data.RESOURCES_EXIT, person, exit, household.composition if family else ""
            )
            stay.resources_exit = plan.resources(stay.resource_type_exit, family)
        _follow_up_measure(plan, stay, code, epci)
    plan.stays.append(stay)


def _follow_up_measure(plan: Plan, stay: Stay, code: str, epci: str) -> None:
    """Tremplins leavers rehoused get an ASL measure; families rehoused often an FSL one."""
    rng = plan.rng
    start = stay.exit + rng.randint(0, 20) * DAY
    if stay.exit_reason not in REHOUSED or start > plan.today:
        return
    age = stay.person.age_on(start)
    if code == "tremplins-duo":
        ages = data.AGES["asl-jeunes-ase"]
        eligible = stay.person.ase_history and age is not None and ages[0] <= age <= ages[1]
        if eligible and rng.random() < 0.6:
            plan.planned_measures.append(
                PlannedMeasure("asl-jeunes-ase", stay.person, start, epci, "interne")
            )
    elif rng.random() < (0.45 if code == "alt-familles" else 0.15):
        plan.planned_measures.append(
            PlannedMeasure("fsl-asll", stay.person, start, epci, "interne")
        )


def _request(plan: Plan, code, person, household, on, decision, entry=None) -> HousingRequest:
    rng = plan.rng
    orienteur = plan.orienteur(data.REQUEST_ORIENTEURS[code], person, on)
    decided_on = None
    if decision == Decision.ADMITTED:
        # Decided at the ALT / Tremplins commission, before the entry.
        decided_on = on + rng.randint(0, min(30, (entry - on).days)) * DAY
    elif decision != Decision.PENDING:
        decided_on = min(plan.today, on + rng.randint(7, 45) * DAY)
    composition = household.composition if household else pick(rng, data.REQUEST_COMPOSITIONS[code])
    return HousingRequest(
        person=person,
        household=household,
        dispositif=plan.dispositifs[code],
        date=on,
        orienteur=plan.partner(orienteur),
        orienteur_kind=orienteur,
        reason=pick(rng, data.REQUEST_REASONS[code]),
        composition=composition,
        decision=decision,
        decided_on=decided_on,
        created_by=plan.context.users["chef.habitat"],
    )


def _other_requests(plan: Plan, records) -> None:
    """The requests refused, dropped or still waiting, up to the year's usual number."""
    rng, context = plan.rng, plan.context
    for year in context.years:
        first, last, share = context.year_bounds(year)
        for code, per_year in data.REQUESTS_PER_YEAR.items():
            admitted = sum(
                1 for r in plan.requests if r.date.year == year and r.dispositif.code == code
            )
            for _ in range(max(round(6 * share), round(per_year * share) - admitted)):
                on = context.weekday(first, last)
                person, household = _applicant(plan, code, on, records)
                plan.seen(person, on)
                if (plan.today - on).days < 40 and rng.random() < 0.7:
                    decision = Decision.PENDING  # the next commission has not met yet
                else:
                    decision = pick(rng, [(Decision.REFUSED, 40), (Decision.DROPPED, 60)])
                plan.requests.append(_request(plan, code, person, household, on, decision))


def rents(plan: Plan, stays: list[Stay]) -> list[MonthlyRent]:
    """Rent due and paid by month and stay: a month's participation, revised each year, pro
    rata of the days stayed; an episode of arrears for some (most often after a job loss)."""
    rng, first_year = plan.rng, plan.context.years[0]
    base: dict[int, int] = {}
    rows = []
    for stay in stays:
        unit = stay.unit
        if unit.pk not in base:
            base[unit.pk] = rng.randint(*data.RENTS[unit.dispositif.code, unit.typology])
        stay_months = list(months(stay.entry, stay.exit or plan.today))
        arrears: set[int] = set()
        share = {"alt-jeunes": 0.5, "alt-familles": 0.35}.get(unit.dispositif.code, 0.25)
        if len(stay_months) >= 3 and rng.random() < share:
            length = min(rng.randint(2, 4), len(stay_months) - 1)
            begin = rng.randint(1, len(stay_months) - length)
            arrears = set(range(begin, begin + length))
        for index, month in enumerate(stay_months):
            month_end = month + relativedelta(months=1) - DAY
            days = (min(month_end, stay.exit or month_end) - max(month, stay.entry)).days + 1
            full = base[unit.pk] * (1 + 0.02 * (month.year - first_year))
            due = euros(full * days / month_end.day)
            paid = due
            if index in arrears:
                paid = euros(0) if rng.random() < 0.6 else euros(float(due) * rng.uniform(0.3, 0.7))
            rows.append(MonthlyRent(stay=stay, month=month, due=due, paid=paid))
    return rows
