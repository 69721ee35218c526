"""What prevention's models share: dispositif codes, activities, age bands, the scoped queryset."""

from __future__ import annotations

import datetime

from django.db import models

from reportkit.counting import DEPARTEMENT_BANDS
from rl_portal.models import Dispositif

PREVENTION_DISPOSITIFS = ("sps", "emps")


class Activity(models.TextChoices):
    """The Département's activity columns, in the order of its table."""

    TRAVAIL_DE_RUE = "travail_de_rue", "Travail de rue"
    PRESENCE_SOCIALE = "presence_sociale", "Présence sociale"
    ACCOMPAGNEMENT_INDIVIDUEL = "accompagnement_individuel", "Accompagnements individuels"
    ACTION_COLLECTIVE = "action_collective", "Actions collectives"
    FORMATION = "formation", "Formation"
    ECRITS_PROFESSIONNELS = "ecrits_professionnels", "Écrits professionnels"
    ACTIONS_PARTENARIALES = "actions_partenariales", "Actions et réunions partenariales"


class ContactMode(models.TextChoices):
    TRAVAIL_DE_RUE = "travail_de_rue", "Travail de rue"
    PRESENCE_SOCIALE = "presence_sociale", "Présence sociale"
    PROMENEUR_DU_NET = "promeneur_du_net", "Promeneur du net"


# The Département's age bands (age on the last day of the period) as choices: the codes and
# labels are reportkit's DEPARTEMENT_BANDS, where the reports count them.
AgeBand = models.TextChoices(
    "AgeBand",
    [
        (name, (code, label))
        for name, (code, label, _low, _high) in zip(
            ("UNDER_11", "FROM_11_TO_14", "FROM_15_TO_18", "FROM_19_TO_21", "OVER_21"),
            DEPARTEMENT_BANDS,
            strict=True,
        )
    ],
)


def _months_before(day: datetime.date, months: int) -> datetime.date:
    from dateutil.relativedelta import relativedelta

    return day - relativedelta(months=months)


class ScopedQuerySet(models.QuerySet):
    """Records visible to a user: those of the dispositifs of their services (SPS for the
    prevention service, EMPS for the EMPS service); all for direction and administrators;
    none for the secrétariat, which reads aggregated reports only."""

    dispositif_lookup = "dispositif"

    def visible_to(self, user):
        if not user or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.reads_all_services:
            return self
        if not user.works_in_services:
            return self.none()
        return self.filter(**{f"{self.dispositif_lookup}__service_id__in": user.service_ids})

    def during(self, start: datetime.date, end: datetime.date):
        return self.filter(date__gte=start, date__lte=end)


def prevention_dispositifs():
    return Dispositif.objects.filter(code__in=PREVENTION_DISPOSITIFS)


def _dispositif_field():
    return models.ForeignKey(
        Dispositif,
        verbose_name="dispositif",
        on_delete=models.PROTECT,
        limit_choices_to={"code__in": PREVENTION_DISPOSITIFS},
        related_name="+",
    )


# --------------------------------------------------------------------------------------------
# Référentiels
# --------------------------------------------------------------------------------------------


class Problematique(models.Model):
    """The two-level référentiel "Problématiques du jeune à l'origine de l'accompagnement":
    categories (no parent) and their sub-problématiques."""

    parent = models.ForeignKey(
        "self",
        verbose_name="catégorie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    name = models.CharField("intitulé", max_length=120)
    description = models.CharField("précisions", max_length=400, blank=True)
    position = models.PositiveSmallIntegerField("ordre", default=0)
    is_active = models.BooleanField("actif", default=True)

    class Meta:
        verbose_name = "problématique"
        verbose_name_plural = "problématiques"
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="problematique_unique")
        ]

    def __str__(self) -> str:
        return f"{self.parent.name} — {self.name}" if self.parent_id else self.name
