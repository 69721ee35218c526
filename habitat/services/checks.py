"""Checks shared by the habitat services: who records, plausible dates."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from habitat import perms
from habitat.models import (
    HABITAT_SERVICE,
)
from rl_portal.models import Service, User

EARLIEST = datetime.date(2000, 1, 1)
ALT_LIMIT_MONTHS = 12


def check_can_record(by: User) -> None:
    """Refuses, in French, a write by anyone but the habitat service's staff."""
    if not perms.can_record(by):
        raise ValidationError("Seul le personnel du service habitat enregistre ces données.")


def _check_date(day, field: str, *, future_days: int = 31) -> None:
    if day is None:
        raise ValidationError({field: "Indiquez la date."})
    if day < EARLIEST or day > timezone.localdate() + datetime.timedelta(days=future_days):
        raise ValidationError({field: "Cette date n'est pas plausible."})


def _habitat() -> Service:
    return Service.objects.get(code=HABITAT_SERVICE)
