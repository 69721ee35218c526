"""The territory: EPCI, communes, quartiers."""

from __future__ import annotations

from django.db import models

# --------------------------------------------------------------------------------------------
# Territory
# --------------------------------------------------------------------------------------------


class Epci(models.Model):
    """An intercommunal body (CAHC, CALL); its communes are loaded from official data."""

    code = models.CharField("SIREN", max_length=9, unique=True)
    name = models.CharField("nom", max_length=120)
    short_name = models.CharField("sigle", max_length=20, unique=True)
    population = models.PositiveIntegerField(
        "population légale", null=True, blank=True, help_text="INSEE, par le COG (Etalab)."
    )

    class Meta:
        verbose_name = "EPCI"
        verbose_name_plural = "EPCI"
        ordering = ["short_name"]

    def __str__(self) -> str:
        return self.short_name


class Commune(models.Model):
    """A commune (INSEE code). Communes outside the association's EPCIs have no EPCI; the
    commune « Autre territoire » stands for any commune not in the référentiel."""

    insee_code = models.CharField("code INSEE", max_length=5, unique=True, null=True, blank=True)
    name = models.CharField("nom", max_length=120)
    epci = models.ForeignKey(
        Epci,
        verbose_name="EPCI",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="communes",
    )
    postcodes = models.CharField("codes postaux", max_length=60, blank=True)
    population = models.PositiveIntegerField(
        "population légale", null=True, blank=True, help_text="INSEE, par le COG (Etalab)."
    )

    class Meta:
        verbose_name = "commune"
        verbose_name_plural = "communes"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Quartier(models.Model):
    commune = models.ForeignKey(
        Commune, verbose_name="commune", on_delete=models.PROTECT, related_name="quartiers"
    )
    name = models.CharField("nom", max_length=120)
    is_qpv = models.BooleanField("quartier prioritaire (QPV)", default=False)

    class Meta:
        verbose_name = "quartier"
        verbose_name_plural = "quartiers"
        ordering = ["commune__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "name"], name="quartier_unique_per_commune")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.commune.name})"
