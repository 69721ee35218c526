"""Habitat: the housing stock, requests, stays and rents, the CLLAJ, the FSL ASLL and ASL Jeunes
ASE measures, for every year the demo covers. Persons move between dispositifs as they do in
the bilan: CLLAJ youths are oriented to the ALT, Tremplins leavers get an ASL measure at their
relogement, families leaving the ALT an FSL one."""

from __future__ import annotations

from demo.builders.habitat import cllaj, housing, measures
from demo.builders.habitat.plan import Plan
from demo.builders.habitat.write import write
from demo.context import DemoContext
from demo.data import habitat as data
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
from rl_portal.models import Partner


def reset() -> None:
    """Remove every habitat record (children first), then the habitat persons."""
    for model in (
        MonthlyRent,
        HomeVisit,
        CllajApplication,
        CllajInterview,
        CllajOrientation,
        Stay,
        HousingRequest,
        CllajFile,
        HousingEvent,
        SupportMeasure,
        UnitUnavailability,
        HousingUnit,
        MeetingPlace,
    ):
        model.objects.all().delete()
    Partner.objects.filter(name__in=data.NEW_LANDLORDS, kind=Partner.Kind.BAILLEUR).delete()


def seed(context: DemoContext) -> None:
    plan = Plan.load(context)
    housing.units(plan)
    cllaj.plan_records(plan)
    housing.plan_stays(plan)
    measures.plan_measures(plan)
    write(plan, cllaj.plan_events(plan))
