"""Time entered by the éducateurs."""

from __future__ import annotations

from decimal import Decimal

from concurrency.fields import AutoIncVersionField
from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from prevention.models.common import (
    Activity,
    ScopedQuerySet,
    _dispositif_field,
)
from reportkit import numbers
from rl_portal.models import Commune, Quartier

# --------------------------------------------------------------------------------------------
# Time
# --------------------------------------------------------------------------------------------


class TimeEntryQuerySet(ScopedQuerySet):
    pass


class TimeEntry(models.Model):
    """Hours an éducateur spent on one activity on one day."""

    educator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="éducateur",
        on_delete=models.PROTECT,
        related_name="time_entries",
    )
    dispositif = _dispositif_field()
    date = models.DateField("date")
    hours = models.DecimalField(
        "heures", max_digits=4, decimal_places=2, validators=[MinValueValidator(Decimal("0.25"))]
    )
    activity = models.CharField("activité", max_length=32, choices=Activity.choices)
    # Street work done on the social networks (« promeneur du net »): counted in travail de
    # rue in the Département's grid and printed on its own beside it.
    online = models.BooleanField("en ligne (promeneur du net)", default=False)
    commune = models.ForeignKey(
        Commune, verbose_name="commune", on_delete=models.PROTECT, null=True, blank=True
    )
    quartier = models.ForeignKey(
        Quartier, verbose_name="quartier", on_delete=models.PROTECT, null=True, blank=True
    )
    accompaniment = models.ForeignKey(
        "Accompaniment",
        verbose_name="accompagnement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="time_entries",
    )
    action = models.ForeignKey(
        "CollectiveAction",
        verbose_name="action collective",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="time_entries",
    )
    note = models.CharField("note", max_length=300, blank=True)
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    version = AutoIncVersionField("version")

    objects = TimeEntryQuerySet.as_manager()

    class Meta:
        verbose_name = "temps saisi"
        verbose_name_plural = "temps saisis"
        permissions = [("record_time_for_others", "Saisir le temps d'un autre éducateur")]
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["dispositif", "date", "activity"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(hours__lte=24), name="time_entry_hours_range"
            ),
            models.CheckConstraint(
                condition=Q(online=False) | Q(activity="travail_de_rue"),
                name="time_entry_online_is_street_work",
            ),
        ]

    def __str__(self) -> str:
        hours = numbers.trimmed(self.hours)
        return f"{self.date:%d/%m/%Y} — {self.get_activity_display()} — {hours} h"
