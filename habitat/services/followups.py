"""Corrections of a measure's home visits and of the CLLAJ's workshops and events from their
pages (issue 15: they had only the Django admin): corrected (versioned: a concurrent change is
refused, never overwritten) or deleted by the one who entered them or a chef de service,
every change journalled with its author."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from habitat import perms
from habitat.models import HomeVisit, HousingEvent, SupportMeasure
from habitat.services.checks import EARLIEST, _check_date, check_can_record
from rl_portal.audit import journal_note
from rl_portal.models import User
from rl_portal.versioning import delete_versioned, save_versioned


def check_may_correct(record, by: User, what: str) -> None:
    """Refuses, in French, a correction by anyone but the record's author or a chef de service
    of the habitat (habitat.perms.can_delete)."""
    check_can_record(by)
    if not perms.can_delete(by, record):
        raise ValidationError(
            f"Seul l'auteur de la saisie ou un chef de service corrige ou supprime {what}."
        )


def check_home_visit(measure: SupportMeasure, date: datetime.date | None) -> None:
    """A visit took place (not in the future) during the measure."""
    _check_date(date, "date", future_days=0)
    if date < measure.start or (measure.end and date > measure.end):
        raise ValidationError({"date": "La visite doit avoir lieu pendant la mesure."})


@transaction.atomic
def home_visit_update(
    *, visit: HomeVisit, by: User, version: int, date: datetime.date | None
) -> HomeVisit:
    """Correct a visit's date if nobody changed it since `version` was read; the same checks
    as a new visit. Errors: ValidationError (French), ConcurrentEditError."""
    check_may_correct(visit, by, "une visite")
    check_home_visit(visit.measure, date)
    visit.date = date
    visit.full_clean(exclude=["version"])
    with journal_note(actor=by, action="correction de la visite à domicile"):
        save_versioned(visit, version)
    return visit


@transaction.atomic
def home_visit_delete(*, visit: HomeVisit, by: User, version: int) -> None:
    """Delete a visit entered by mistake if nobody changed it since `version` was read; the
    journal keeps what it was. Errors: ValidationError (French), ConcurrentEditError."""
    check_may_correct(visit, by, "une visite")
    with journal_note(actor=by, action="suppression de la visite à domicile"):
        delete_versioned(visit, version)


def check_housing_event(data: dict) -> None:
    """A workshop or event held (not to come: the bilans count what took place), of a known
    kind, with no more QPV residents than participants."""
    if data.get("kind") not in HousingEvent.Kind.values:
        raise ValidationError({"kind": "Choisissez le type d'atelier ou d'événement."})
    date = data.get("date")
    if date is None:
        raise ValidationError({"date": "Indiquez la date."})
    if date < EARLIEST or date > timezone.localdate():
        raise ValidationError({"date": "Enregistrez un atelier ou un événement qui a eu lieu."})
    if (data.get("qpv_headcount") or 0) > (data.get("headcount") or 0):
        raise ValidationError(
            {"qpv_headcount": "Les résidents en QPV ne peuvent pas dépasser l'effectif."}
        )


# What the event's page corrects (the named participants and the author stay).
HOUSING_EVENT_FIELDS = ("kind", "title", "date", "place", "headcount", "qpv_headcount")


@transaction.atomic
def housing_event_update(*, event: HousingEvent, by: User, version: int, **data) -> HousingEvent:
    """Correct a workshop or an event (kind, title, date, place, headcounts) if nobody changed
    it since `version` was read; the same checks as a new one. Errors: ValidationError
    (French), ConcurrentEditError."""
    check_may_correct(event, by, "un atelier ou un événement")
    unknown = set(data) - set(HOUSING_EVENT_FIELDS)
    if unknown:
        raise ValidationError(f"Champs inconnus : {', '.join(sorted(unknown))}.")
    check_housing_event(data)
    for name, value in data.items():
        setattr(event, name, value)
    event.title = " ".join((event.title or "").split())
    event.place = event.place or ""
    event.full_clean(exclude=["version"])
    with journal_note(actor=by, action="correction de l'atelier ou de l'événement"):
        save_versioned(event, version)
    return event


@transaction.atomic
def housing_event_delete(*, event: HousingEvent, by: User, version: int) -> None:
    """Delete a workshop or an event entered by mistake if nobody changed it since `version`
    was read; the journal keeps what it was. Errors: ValidationError, ConcurrentEditError."""
    check_may_correct(event, by, "un atelier ou un événement")
    with journal_note(actor=by, action="suppression de l'atelier ou de l'événement"):
        delete_versioned(event, version)
