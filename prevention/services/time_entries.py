"""Writes of the time entered by the éducateurs."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from prevention import perms
from prevention.models import (
    Accompaniment,
    Activity,
    CollectiveAction,
    TimeEntry,
)
from prevention.services.checks import (
    _check_day_total,
    _check_educator,
    _check_same_dispositif,
    check_can_record,
    check_date,
    check_place,
    parse_hours,
)
from rl_portal.models import Commune, Dispositif, Quartier, User
from rl_portal.versioning import delete_versioned, save_versioned

# --------------------------------------------------------------------------------------------
# Time
# --------------------------------------------------------------------------------------------


@transaction.atomic
def time_entry_create(
    *,
    educator: User,
    dispositif: Dispositif,
    date: datetime.date,
    hours: Decimal | str,
    activity: str,
    by: User,
    commune: Commune | None = None,
    quartier: Quartier | None = None,
    accompaniment: Accompaniment | None = None,
    action: CollectiveAction | None = None,
    note: str = "",
    online: bool = False,
) -> TimeEntry:
    check_can_record(by, dispositif)
    _check_educator(educator, dispositif, by)
    check_date(date)
    hours = parse_hours(hours)
    if activity not in Activity.values:
        raise ValidationError({"activity": "Choisissez une activité de la liste."})
    check_place(commune, quartier)
    _check_same_dispositif(accompaniment, dispositif, "accompaniment")
    _check_same_dispositif(action, dispositif, "action")
    # Serialise the éducateur's entries of the day so that two saves cannot both pass the
    # 24-hour check (a row lock on PostgreSQL; SQLite writes one transaction at a time).
    User.objects.select_for_update().filter(pk=educator.pk).first()
    _check_day_total(educator, date, hours)
    entry = TimeEntry(
        educator=educator,
        dispositif=dispositif,
        date=date,
        hours=hours,
        activity=activity,
        commune=commune or (quartier.commune if quartier else None),
        quartier=quartier,
        accompaniment=accompaniment,
        action=action,
        note=note,
        online=online,
    )
    if online and activity != Activity.TRAVAIL_DE_RUE:
        raise ValidationError({"activity": "Le promeneur du net est du travail de rue en ligne."})
    entry.full_clean(exclude=["version"])
    entry.save()
    return entry


def check_may_correct(record, by: User) -> None:
    """A saved time entry or contact is corrected by its éducateur or a chef de its service."""
    if not perms.can_correct(by, record):
        raise ValidationError(
            "Vous ne pouvez corriger que vos propres saisies (le chef de service, celles de "
            "son service)."
        )


@transaction.atomic
def time_entry_update(
    *, entry: TimeEntry, data: dict, by: User, version: int | None = None
) -> TimeEntry:
    """Correct a saved time entry (its éducateur, or a chef de service of its service), with
    the same checks as a new one — the 24 h of the day among them."""
    check_may_correct(entry, by)
    dispositif = data.get("dispositif", entry.dispositif)
    educator = data.get("educator", entry.educator)
    check_can_record(by, dispositif)
    _check_educator(educator, dispositif, by)
    for name, value in data.items():
        setattr(entry, name, value)
    check_date(entry.date)
    entry.hours = parse_hours(entry.hours)
    check_place(entry.commune, entry.quartier)
    if entry.quartier is not None and entry.commune is None:
        entry.commune = entry.quartier.commune
    if entry.online and entry.activity != Activity.TRAVAIL_DE_RUE:
        raise ValidationError({"activity": "Le promeneur du net est du travail de rue en ligne."})
    _check_same_dispositif(entry.accompaniment, dispositif, "accompaniment")
    _check_same_dispositif(entry.action, dispositif, "action")
    User.objects.select_for_update().filter(pk=educator.pk).first()
    _check_day_total(educator, entry.date, entry.hours, exclude_pk=entry.pk)
    entry.full_clean(exclude=["version"])
    save_versioned(entry, version)
    return entry


@transaction.atomic
def time_entry_delete(*, entry: TimeEntry, by: User, version: int | None = None) -> None:
    """Delete a saved time entry (its éducateur, or a chef de service of its service); the
    journal keeps what it was."""
    check_may_correct(entry, by)
    check_can_record(by, entry.dispositif)
    _check_educator(entry.educator, entry.dispositif, by)
    delete_versioned(entry, version)
