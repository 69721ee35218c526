"""Writes of the collective actions, network receptions and territorial bodies' meetings."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from prevention.models import (
    ActionSession,
    AgeBand,
    CollectiveAction,
    Headcount,
    InstanceMeeting,
    NetworkReception,
)
from prevention.services.checks import (
    check_can_record,
    check_date,
)
from prevention.services.time_entries import check_may_correct
from rl_portal import services as shared_services
from rl_portal.models import Funder, Partner, Person, Sex, User
from rl_portal.versioning import delete_versioned, save_versioned

# --------------------------------------------------------------------------------------------
# Collective actions
# --------------------------------------------------------------------------------------------


@dataclass
class HeadcountLine:
    age_band: str
    sex: str
    count: int


@transaction.atomic
def collective_action_save(
    *,
    by: User,
    data: dict,
    session_dates: Sequence[datetime.date],
    headcounts: Sequence[HeadcountLine] = (),
    participants: Iterable[Person] | None = None,
    partners: Iterable[Partner] | None = None,
    funders: Iterable[Funder] | None = None,
    action: CollectiveAction | None = None,
    version: int | None = None,
) -> CollectiveAction:
    """Create or update an action with its sessions and anonymous head-counts (replaced as a
    whole: the form always shows them all)."""
    dispositif = data.get("dispositif") or (action.dispositif if action else None)
    if dispositif is None:
        raise ValidationError({"dispositif": "Choisissez le dispositif."})
    check_can_record(by, dispositif)
    if not session_dates:
        raise ValidationError({"sessions": "Indiquez au moins une séance (sa date)."})
    for day in session_dates:
        check_date(day, "sessions")
    seen = set()
    for line in headcounts:
        if line.age_band not in AgeBand.values or line.sex not in Sex.values:
            raise ValidationError({"headcounts": "Tranche d'âge ou sexe inconnu."})
        if line.count < 0:
            raise ValidationError({"headcounts": "Un effectif ne peut pas être négatif."})
        if (line.age_band, line.sex) in seen:
            raise ValidationError(
                {"headcounts": "Chaque tranche d'âge et sexe n'apparaît qu'une fois."}
            )
        seen.add((line.age_band, line.sex))
    if action is None:
        action = CollectiveAction(created_by=by)
    for field, value in data.items():
        setattr(action, field, value)
    if action.initiated_by_service is None:
        # Counted in the EMPS bilan (DSL « à l'initiative » / « en associé »): never guessed.
        raise ValidationError(
            {
                "initiated_by_service": "Indiquez si le service est à l'initiative de l'action "
                "ou s'y associe."
            }
        )
    action.full_clean(exclude=["version", "created_by"])
    save_versioned(action, version if action.pk else None)
    action.sessions.all().delete()
    ActionSession.objects.bulk_create(
        [ActionSession(action=action, date=day) for day in sorted(set(session_dates))]
    )
    action.headcounts.all().delete()
    Headcount.objects.bulk_create(
        [
            Headcount(action=action, age_band=line.age_band, sex=line.sex, count=line.count)
            for line in headcounts
            if line.count > 0
        ]
    )
    if participants is not None:
        participants = list(participants)
        action.participants.set(participants)
        first_session = min(session_dates)
        for person in participants:
            shared_services.case_file_ensure(
                person=person, service=dispositif.service, on=first_session, by=by
            )
    if partners is not None:
        action.partners.set(partners)
    if funders is not None:
        action.funders.set(funders)
    return action


@transaction.atomic
def collective_action_delete(
    *, action: CollectiveAction, by: User, version: int | None = None
) -> None:
    """Delete an action entered by mistake (whoever entered it, or a chef de service of its
    service), with its sessions and head-counts; the journal keeps what it was. An action that
    time entries are attached to is refused: those hours would lose their action."""
    check_may_correct(action, by)
    check_can_record(by, action.dispositif)
    if action.time_entries.exists():
        raise ValidationError(
            "Des temps saisis sont rattachés à cette action : modifiez-les ou supprimez-les "
            "d'abord (liste des temps saisis)."
        )
    delete_versioned(action, version)


# --------------------------------------------------------------------------------------------
# Networks and territorial bodies
# --------------------------------------------------------------------------------------------


def _check_reception(reception: NetworkReception) -> None:
    check_date(reception.date)
    if not (reception.days or 0) > 0 and not (reception.hours or 0) > 0:
        raise ValidationError({"days": "Indiquez une durée : des jours ou des heures."})
    reception.full_clean(exclude=["version"])


@transaction.atomic
def network_reception_create(*, by: User, data: dict) -> NetworkReception:
    check_can_record(by, data.get("dispositif"))
    reception = NetworkReception(created_by=by, **data)
    _check_reception(reception)
    reception.save()
    return reception


@transaction.atomic
def network_reception_update(
    *, reception: NetworkReception, data: dict, by: User, version: int | None = None
) -> NetworkReception:
    """Correct a network reception (whoever entered it, or a chef de service of its service)
    with the same checks as a new one: date, a duration, a dispositif of the user's services.
    Versioned: a colleague's correction saved since `version` refuses it."""
    check_may_correct(reception, by)
    for name, value in data.items():
        setattr(reception, name, value)
    check_can_record(by, reception.dispositif)
    _check_reception(reception)
    save_versioned(reception, version)
    return reception


@transaction.atomic
def network_reception_delete(
    *, reception: NetworkReception, by: User, version: int | None = None
) -> None:
    """Delete a reception entered by mistake; the journal keeps what it was."""
    check_may_correct(reception, by)
    check_can_record(by, reception.dispositif)
    delete_versioned(reception, version)


@transaction.atomic
def instance_meeting_create(*, by: User, data: dict) -> InstanceMeeting:
    check_can_record(by, data.get("dispositif"))
    check_date(data.get("date"))
    meeting = InstanceMeeting(created_by=by, **data)
    meeting.full_clean(exclude=["version"])
    meeting.save()
    return meeting


@transaction.atomic
def instance_meeting_update(
    *, meeting: InstanceMeeting, data: dict, by: User, version: int | None = None
) -> InstanceMeeting:
    """Correct an instance meeting (whoever entered it, or a chef de service of its service)
    with the same checks as a new one; versioned."""
    check_may_correct(meeting, by)
    for name, value in data.items():
        setattr(meeting, name, value)
    check_can_record(by, meeting.dispositif)
    check_date(meeting.date)
    meeting.full_clean(exclude=["version"])
    save_versioned(meeting, version)
    return meeting


@transaction.atomic
def instance_meeting_delete(
    *, meeting: InstanceMeeting, by: User, version: int | None = None
) -> None:
    """Delete a meeting entered by mistake; the journal keeps what it was."""
    check_may_correct(meeting, by)
    check_can_record(by, meeting.dispositif)
    delete_versioned(meeting, version)
