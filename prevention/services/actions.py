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
from rl_portal import services as shared_services
from rl_portal.models import Funder, Partner, Person, Sex, User
from rl_portal.versioning import save_versioned

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


# --------------------------------------------------------------------------------------------
# Networks and territorial bodies
# --------------------------------------------------------------------------------------------


@transaction.atomic
def network_reception_create(*, by: User, data: dict) -> NetworkReception:
    check_can_record(by, data.get("dispositif"))
    check_date(data.get("date"))
    reception = NetworkReception(created_by=by, **data)
    if not (reception.days or 0) > 0 and not (reception.hours or 0) > 0:
        raise ValidationError({"days": "Indiquez une durée : des jours ou des heures."})
    reception.full_clean()
    reception.save()
    return reception


@transaction.atomic
def instance_meeting_create(*, by: User, data: dict) -> InstanceMeeting:
    check_can_record(by, data.get("dispositif"))
    check_date(data.get("date"))
    meeting = InstanceMeeting(created_by=by, **data)
    meeting.full_clean()
    meeting.save()
    return meeting
