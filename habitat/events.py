"""Writes of the CLLAJ's workshops and events (atelier logement, forum, SLJ, aller vers): they
had only the Django admin. One transaction per call, French errors, journalled by auditlog."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from habitat import services
from habitat.models import HousingEvent
from rl_portal.models import User


@transaction.atomic
def housing_event_create(
    *,
    by: User,
    kind: str,
    title: str,
    date: datetime.date,
    place: str = "",
    headcount: int = 0,
    qpv_headcount: int = 0,
) -> HousingEvent:
    """A workshop or event held (not to come: the bilans count what took place), with its
    anonymous headcount and how many of them live in a QPV."""
    services.check_can_record(by)
    if kind not in HousingEvent.Kind.values:
        raise ValidationError({"kind": "Choisissez le type d'atelier ou d'événement."})
    if date is None:
        raise ValidationError({"date": "Indiquez la date."})
    if date < services.EARLIEST or date > timezone.localdate():
        raise ValidationError({"date": "Enregistrez un atelier ou un événement qui a eu lieu."})
    if qpv_headcount > headcount:
        raise ValidationError(
            {"qpv_headcount": "Les résidents en QPV ne peuvent pas dépasser l'effectif."}
        )
    event = HousingEvent(
        kind=kind,
        title=" ".join((title or "").split()),
        date=date,
        place=place,
        headcount=headcount,
        qpv_headcount=qpv_headcount,
        created_by=by,
    )
    event.full_clean()
    event.save()
    return event
