"""Checks shared by the prevention services: who records, plausible dates, places, hours."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Sum
from django.utils import timezone

from prevention import perms
from prevention.models import (
    PREVENTION_DISPOSITIFS,
    TimeEntry,
)
from reportkit import numbers
from rl_portal.models import Commune, Dispositif, Quartier, User

EARLIEST_DATE = datetime.date(2000, 1, 1)
MAX_DAYS_AHEAD = 31
MAX_HOURS_PER_DAY = Decimal("24")
QUARTER = Decimal("0.25")


# --------------------------------------------------------------------------------------------
# Checks shared by the services
# --------------------------------------------------------------------------------------------


def error_dict(error: ValidationError) -> dict[str, list[str]]:
    return (
        error.message_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.messages}
    )


def check_can_record(by: User, dispositif: Dispositif | None) -> None:
    """Only the staff of the dispositif's service record for it."""
    if dispositif is None:
        raise ValidationError({"dispositif": "Choisissez le dispositif (SPS ou EMPS)."})
    if dispositif.code not in PREVENTION_DISPOSITIFS:
        raise ValidationError(
            {"dispositif": "Ce dispositif n'est pas un dispositif de prévention."}
        )
    if not perms.can_record_for(by, dispositif):
        raise ValidationError(
            {"dispositif": "Vous ne pouvez enregistrer que pour les dispositifs de vos services."}
        )


def check_date(day: datetime.date | None, field: str = "date") -> None:
    if day is None:
        raise ValidationError({field: "Indiquez la date."})
    latest = timezone.localdate() + datetime.timedelta(days=MAX_DAYS_AHEAD)
    if day < EARLIEST_DATE:
        raise ValidationError({field: "La date ne peut pas être antérieure au 1er janvier 2000."})
    if day > latest:
        raise ValidationError(
            {field: f"La date ne peut pas dépasser le {latest:%d/%m/%Y} (31 jours à venir)."}
        )


def check_not_future(day: datetime.date, field: str = "date") -> None:
    """A meeting or an accompaniment is recorded once it has happened: a future date would
    open the youth's file in advance (and make them a « nouveau jeune » of the wrong year)."""
    if day > timezone.localdate():
        raise ValidationError(
            {field: "Cette date est dans le futur : enregistrez-la le jour venu."}
        )


def check_place(commune: Commune | None, quartier: Quartier | None) -> None:
    if quartier is not None and commune is not None and quartier.commune_id != commune.pk:
        raise ValidationError({"quartier": "Ce quartier n'appartient pas à la commune choisie."})


def parse_hours(value: object) -> Decimal:
    """A positive multiple of 0,25 h, at most 24, written as people write it: « 2h30 »,
    « 2:30 », « 2,5 » and « 2.5 » are the same (reportkit.numbers.parse_hours)."""
    try:
        hours = numbers.parse_hours(value)
    except ValueError as error:
        raise ValidationError({"hours": str(error)}) from None
    if hours <= 0:
        raise ValidationError({"hours": "Le nombre d'heures doit être positif."})
    if hours % QUARTER != 0:
        raise ValidationError({"hours": "Les heures se saisissent par quart d'heure (0,25 h)."})
    if hours > MAX_HOURS_PER_DAY:
        raise ValidationError({"hours": "Une journée compte au plus 24 heures."})
    return hours


def _check_educator(educator: User, dispositif: Dispositif, by: User) -> None:
    if dispositif.service_id not in educator.service_ids:
        raise ValidationError(
            {"educator": "Cet éducateur ne fait pas partie du service de ce dispositif."}
        )
    if educator.pk != by.pk and not by.has_perm("prevention.record_time_for_others"):
        raise ValidationError({"educator": "Vous ne pouvez saisir que votre propre temps."})


def day_total_message(*, already: Decimal, added: Decimal, day: datetime.date) -> str:
    """Why a day's hours are refused, with the hours saved and those being saved told apart."""
    return (
        f"{numbers.trimmed(already)} h déjà enregistrées le {day:%d/%m/%Y} ; cette saisie en "
        f"ajoute {numbers.trimmed(added)} h : maximum {numbers.trimmed(MAX_HOURS_PER_DAY)} h "
        "par jour."
    )


def _check_day_total(educator: User, day: datetime.date, added: Decimal, exclude_pk=None) -> None:
    """The éducateur's saved hours of the day (without the entry being changed) plus `added`
    stay within 24 h."""
    entries = TimeEntry.objects.filter(educator=educator, date=day)
    if exclude_pk is not None:
        entries = entries.exclude(pk=exclude_pk)
    already = entries.aggregate(total=Sum("hours"))["total"] or Decimal("0")
    if already + added > MAX_HOURS_PER_DAY:
        raise ValidationError({"hours": day_total_message(already=already, added=added, day=day)})


def _check_same_dispositif(obj, dispositif: Dispositif, field: str) -> None:
    if obj is not None and obj.dispositif_id != dispositif.pk:
        raise ValidationError({field: "Cet élément relève d'un autre dispositif."})
