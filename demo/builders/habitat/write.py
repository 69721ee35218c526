"""Writing the planned habitat year: persons and their case files, households and CLLAJ records
in bulk with their audit journal (the volumes of a CLLAJ); requests, stays, rents and measures
through habitat's services, in the order they happen."""

from __future__ import annotations

from auditlog.context import set_actor

from demo.builders.habitat import cllaj, housing, measures, report_fields
from demo.builders.habitat.plan import Plan
from habitat import services
from habitat.models import (
    HousingEvent,
)
from rl_portal.audit import bulk_create_journalled, journal_m2m_additions
from rl_portal.models import CaseFile, HouseholdMember, search_key


def write(plan: Plan, events) -> None:
    context = plan.context
    staff = context.users["educ.habitat"]
    report_fields.complete(plan)
    _persons(plan, staff)
    bulk_create_journalled(plan.unavailabilities, actor=None)
    _cllaj(plan, staff)
    chef = context.users["chef.habitat"]
    with set_actor(chef):
        for request in sorted(plan.requests, key=lambda r: r.date):
            _request(request, chef)
    with set_actor(staff):
        saved = [_stay(stay, staff) for stay in plan.stays]
        opened = [
            _measure(measure, staff) for measure in sorted(plan.measures, key=lambda m: m.start)
        ]
    # Rents (1 500 months) and home visits (4 000): the services' rows, in bulk with their
    # journal.
    bulk_create_journalled(housing.rents(plan, saved), actor=staff, batch_size=2000)
    visits = measures.home_visits(plan, opened)
    for visit in visits:
        visit.created_by = staff  # as home_visit_create keeps it: they correct their visits
    bulk_create_journalled(visits, actor=staff, batch_size=2000)
    _events(events, staff)


def _persons(plan: Plan, staff) -> None:
    """Persons as `person_create` writes them, with their case file open on their first habitat
    record (the services' `case_file_ensure` then finds it)."""
    for person in plan.persons:
        person.search_key = search_key(person.pseudonym, person.last_name)
    bulk_create_journalled(plan.persons, actor=staff, batch_size=1000)
    habitat = plan.context.services["habitat"]
    bulk_create_journalled(
        [
            CaseFile(
                person=person,
                service=habitat,
                opened_on=plan.first_record[id(person)],
                opened_by=staff,
            )
            for person in plan.persons
        ],
        actor=staff,
        batch_size=1000,
    )
    plan.context.persons_by_service.setdefault("habitat", []).extend(
        (person, plan.first_record[id(person)]) for person in plan.persons
    )
    bulk_create_journalled([household for household, _ in plan.households], actor=staff)
    bulk_create_journalled(
        [
            HouseholdMember(household=household, person=person, role=HouseholdMember.Role.APPLICANT)
            for household, person in plan.households
        ],
        actor=staff,
    )


def _cllaj(plan: Plan, staff) -> None:
    bulk_create_journalled(plan.records, actor_of=lambda record: record.created_by, batch_size=1000)
    interviews, files, orientations = cllaj.record_children(plan)
    for rows in (interviews, files, orientations):
        bulk_create_journalled(rows, actor=staff, batch_size=2000)


def _request(request, chef) -> None:
    decision, decided_on = request.decision, request.decided_on
    saved = services.housing_request_create(
        by=chef,
        person=request.person,
        household=request.household,
        dispositif=request.dispositif,
        date=request.date,
        orienteur=request.orienteur,
        orienteur_kind=request.orienteur_kind,
        reason=request.reason,
        composition=request.composition,
    )
    if decision != saved.decision:
        services.housing_request_decide(request=saved, decision=decision, on=decided_on, by=chef)


def _stay(stay, staff):
    """Entered, then left (each place's stays come in order: a place is free again)."""
    saved = services.stay_create(
        unit=stay.unit,
        person=stay.person,
        entry=stay.entry,
        by=staff,
        place=stay.place,
        household=stay.household,
        planned_exit=stay.planned_exit,
        origin=stay.origin,
        resources_entry=stay.resources_entry,
        resource_type_entry=stay.resource_type_entry,
        majority_on=stay.majority_on,
        prolongation_requests=stay.prolongation_requests,
        mobility=stay.mobility,
        steps=stay.steps,
    )
    if stay.exit:
        saved = services.stay_exit(
            stay=saved,
            exit=stay.exit,
            reason=stay.exit_reason,
            by=staff,
            resources_exit=stay.resources_exit,
            resource_type_exit=stay.resource_type_exit,
            exit_support=stay.exit_support,
        )
    return saved


def _measure(measure, staff):
    end, end_reason, reached = measure.end, measure.end_reason, measure.objectives_reached
    saved = services.support_measure_open(
        by=staff,
        person=measure.person,
        dispositif=measure.dispositif,
        kind=measure.kind,
        start=measure.start,
        epci=measure.epci,
        weight=measure.weight,
        orienteur_kind=measure.orienteur_kind,
        notified_on=measure.notified_on,
        reason=measure.reason,
        annex_difficulties=measure.annex_difficulties,
        applications_and_aids=measure.applications_and_aids,
        objectives_set=measure.objectives_set,
        objectives_reached=0 if end else reached,
        prolongations=measure.prolongations,
        planned_end=measure.planned_end,
        resources=measure.resources,
        resource_type=measure.resource_type,
        composition=measure.composition,
        housing_origin=measure.housing_origin,
        initial_objectives=measure.initial_objectives,
        partners_contacted=measure.partners_contacted,
    )
    if end:
        saved = services.support_measure_close(
            measure=saved, end=end, reason=end_reason, by=staff, objectives_reached=reached
        )
    return saved


def _events(events, staff) -> None:
    bulk_create_journalled([event for event, _ in events], actor=staff)
    through = HousingEvent.participants.through
    # journal: the participants added are journalled by journal_m2m_additions below.
    through.objects.bulk_create(
        [
            through(housingevent_id=event.pk, person_id=person.pk)
            for event, named in events
            for person in dict.fromkeys(named)
        ]
    )
    journal_m2m_additions(
        [(event, list(dict.fromkeys(named))) for event, named in events],
        "participants",
        actor=staff,
    )
