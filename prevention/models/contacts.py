"""Youths met (contacts)."""

from __future__ import annotations

from concurrency.fields import AutoIncVersionField
from django.conf import settings
from django.db import models

from prevention.models.common import (
    ContactMode,
    ScopedQuerySet,
    _dispositif_field,
)
from rl_portal.models import Commune, Person, Quartier

# --------------------------------------------------------------------------------------------
# Youths met
# --------------------------------------------------------------------------------------------


class ContactQuerySet(ScopedQuerySet):
    pass


class Contact(models.Model):
    """A youth met on a date (recorded when known by name or pseudonym)."""

    person = models.ForeignKey(
        Person, verbose_name="jeune", on_delete=models.PROTECT, related_name="prevention_contacts"
    )
    dispositif = _dispositif_field()
    date = models.DateField("date")
    mode = models.CharField("mode", max_length=20, choices=ContactMode.choices)
    educator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="éducateur",
        on_delete=models.PROTECT,
        related_name="prevention_contacts",
    )
    commune = models.ForeignKey(
        Commune, verbose_name="commune", on_delete=models.PROTECT, null=True, blank=True
    )
    quartier = models.ForeignKey(
        Quartier, verbose_name="quartier", on_delete=models.PROTECT, null=True, blank=True
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    # Corrections are versioned: two people correcting one meeting never overwrite each other.
    version = AutoIncVersionField("version")

    objects = ContactQuerySet.as_manager()

    class Meta:
        verbose_name = "rencontre"
        verbose_name_plural = "rencontres"
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["dispositif", "date", "mode"])]

    def __str__(self) -> str:
        return f"{self.person} — {self.date:%d/%m/%Y} ({self.get_mode_display()})"
