"""FSL ASLL and ASL Jeunes ASE measures: those in progress on the first day covered, those
opened at the exit of a stay, and the usual number a year; their objectives, aids, prolongations
and home visits (about one a month, two for a renforcée ASL)."""

from __future__ import annotations

from decimal import Decimal

from dateutil.relativedelta import relativedelta

from demo.builders.habitat.plan import Plan, PlannedMeasure
from demo.context import DAY, pick
from demo.data import habitat as data
from habitat.models import HomeVisit, SupportMeasure

Measure = SupportMeasure


def plan_measures(plan: Plan) -> None:
    context, start = plan.context, plan.context.start
    for code, backlog, per_year in (
        ("fsl-asll", data.FSL_BACKLOG, data.FSL_PER_YEAR),
        ("asl-jeunes-ase", data.ASL_BACKLOG, data.ASL_PER_YEAR),
    ):
        planned = [p for p in plan.planned_measures if p.dispositif == code]
        # The measures already in progress on the first of January are recorded from the first
        # weeks of the period (their case files open in it), with a shorter remaining duration.
        for _ in range(backlog):
            _measure(plan, code, None, context.weekday(start, start + 56 * DAY), remaining=True)
        for year in context.years:
            first, last, share = context.year_bounds(year)
            fixed = [p for p in planned if p.start.year == year]
            for measure in fixed:
                _measure(plan, code, measure)
            for _ in range(max(0, round(per_year * share) - len(fixed))):
                _measure(plan, code, None, context.weekday(first, last))


def _new_beneficiary(plan: Plan, code: str, on, epci: str):
    rng = plan.rng
    if code == "fsl-asll":
        low, high, _ = rng.choices(data.FSL_AGES, [w for *_, w in data.FSL_AGES])[0]
        return plan.new_person(
            on, rng.randint(low, high), commune=plan.commune(epci), exact_birth=0.5
        )
    return plan.new_person(
        on,
        rng.randint(*data.AGES["asl-jeunes-ase"]),
        commune=plan.commune(epci),
        ase_history=True,
    )


def _measure(plan: Plan, code: str, planned: PlannedMeasure | None, on=None, remaining=False):
    rng = plan.rng
    fsl = code == "fsl-asll"
    epci = planned.epci if planned else None
    if epci is None:
        epci = "CAHC" if rng.random() < (0.58 if fsl else 0.65) else "CALL"
    if planned:
        person, on = planned.person, planned.start
    else:
        person = _new_beneficiary(plan, code, on, epci)
    plan.seen(person, on)
    if fsl:
        days = rng.triangular(30, 540, 120) if remaining else rng.triangular(180, 900, 420)
        # Points per measure sized so that a year fills its convention (60 CAHC, 40 CALL).
        kind, weight = (
            Measure.Kind.ASLL,
            Decimal(rng.choice(["0.5", "0.75", "0.75", "1", "1", "1.25"])),
        )
    else:
        days = rng.triangular(30, 360, 120) if remaining else rng.triangular(150, 600, 300)
        kind = Measure.Kind.REINFORCED if rng.random() < 0.6 else Measure.Kind.SIMPLE
        weight = Decimal(2 if kind == Measure.Kind.REINFORCED else 1)
    end = on + int(days) * DAY
    objectives = rng.randint(2, 6)
    composition = pick(rng, data.MEASURE_COMPOSITIONS[code])
    profile = "alt-familles" if fsl else "alt-jeunes"
    resource_type = plan.resource_type(data.RESOURCES_ENTRY[profile], person, on, composition)
    orienteur = (planned.orienteur if planned else None) or plan.orienteur(
        data.MEASURE_ORIENTEURS[code], person, on
    )
    measure = SupportMeasure(
        person=person,
        dispositif=plan.dispositifs[code],
        epci=plan.epcis[epci],
        kind=kind,
        weight=weight,
        orienteur_kind=orienteur,
        notified_on=max(plan.context.start, on - rng.randint(0, 45) * DAY),
        start=on,
        reason=pick(rng, data.MEASURE_REASONS[code]),
        objectives_set=objectives,
        resources=plan.resources(resource_type),
        resource_type=resource_type,
        composition=composition,
        version=1,
    )
    others = [m for m in Measure.Reason.values if m != measure.reason]
    measure.annex_difficulties = sorted(rng.sample(others, k=rng.choice([0, 1, 1, 2, 2, 3])))
    measure.applications_and_aids = plan.aids(person, on)
    if end < plan.today:
        measure.end = end
        measure.end_reason = pick(rng, data.MEASURE_END_REASONS)
        if measure.end_reason == Measure.EndReason.OBJECTIVES:
            measure.objectives_reached = objectives
        elif measure.end_reason == Measure.EndReason.PARTIAL:
            measure.objectives_reached = rng.randint(1, objectives - 1)
        elif measure.end_reason == Measure.EndReason.NON_ADHESION:
            measure.objectives_reached = rng.randint(0, 1)
        else:
            measure.objectives_reached = rng.randint(0, objectives)
    else:
        measure.objectives_reached = rng.randint(0, objectives - 1)
    # Notified for six months, prolonged by six months as long as needed.
    horizon = measure.end or plan.today
    while on + relativedelta(months=6 * (measure.prolongations + 1)) < horizon:
        measure.prolongations += 1
    measure.planned_end = on + relativedelta(months=6 * (measure.prolongations + 1))
    plan.measures.append(measure)


def home_visits(plan: Plan, measures: list[SupportMeasure]) -> list[HomeVisit]:
    """About one visit a month (two for a renforcée ASL), as the bilan's 2 196 visits a year."""
    rng, today = plan.rng, plan.today
    visits = []
    for measure in measures:
        last = min(measure.end or today, today)
        length = max(1, (last - measure.start).days / 30.4)
        rate = {Measure.Kind.REINFORCED: 2.0, Measure.Kind.SIMPLE: 1.0}.get(measure.kind, 1.3)
        count = max(1, round(length * rate * rng.uniform(0.7, 1.2)))
        visits += [
            HomeVisit(measure=measure, date=plan.context.random_date(measure.start, last))
            for _ in range(count)
        ]
    return visits
