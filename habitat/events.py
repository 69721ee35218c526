"""Writes of the CLLAJ's workshops and events (atelier logement, forum, SLJ, aller vers): they
had only the Django admin. One transaction per call, French errors, journalled by auditlog."""

from __future__ import annotations

import datetime

from django.db import transaction

from habitat import services
from habitat.models import HousingEvent
from habitat.services.followups import check_housing_event
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
    check_housing_event(
        {"kind": kind, "date": date, "headcount": headcount, "qpv_headcount": qpv_headcount}
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
