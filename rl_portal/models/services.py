"""Services of the association and their dispositifs."""

from __future__ import annotations

from django.db import models

# --------------------------------------------------------------------------------------------
# Services and dispositifs
# --------------------------------------------------------------------------------------------


class Service(models.Model):
    """A service of the association; staff belong to services and see their records only."""

    class Code(models.TextChoices):
        PREVENTION = "prevention", "Prévention spécialisée"
        EMPS = "emps", "Équipe mobile de prévention spécialisée"
        HABITAT = "habitat", "Habitat"
        SCOLAIRE = "scolaire", "Accompagnement scolaire"

    code = models.SlugField("code", max_length=20, unique=True, choices=Code.choices)
    name = models.CharField("nom", max_length=120)

    class Meta:
        verbose_name = "service"
        verbose_name_plural = "services"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Dispositif(models.Model):
    """A funded programme inside a service (SPS, EMPS, CLLAJ, ALT Jeunes, CLAS…)."""

    service = models.ForeignKey(
        Service, verbose_name="service", on_delete=models.PROTECT, related_name="dispositifs"
    )
    code = models.SlugField("code", max_length=40, unique=True)
    name = models.CharField("nom", max_length=120)
    is_active = models.BooleanField("actif", default=True)

    class Meta:
        verbose_name = "dispositif"
        verbose_name_plural = "dispositifs"
        ordering = ["service__name", "name"]

    def __str__(self) -> str:
        return self.name
