"""Collective actions (sessions, headcounts), network receptions, territorial bodies' meetings."""

from __future__ import annotations

import datetime
from decimal import Decimal

from auditlog.registry import auditlog
from concurrency.fields import AutoIncVersionField
from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q

from prevention.models.accompaniments import (
    Accompaniment,
    CoAccompaniment,
    Reorientation,
    WorkedDomain,
)
from prevention.models.common import (
    AgeBand,
    ScopedQuerySet,
    _dispositif_field,
)
from prevention.models.contacts import (
    Contact,
)
from prevention.models.time_entries import (
    TimeEntry,
)
from rl_portal.models import Commune, Funder, Partner, Person, Sex

# --------------------------------------------------------------------------------------------
# Collective actions
# --------------------------------------------------------------------------------------------


class CollectiveActionQuerySet(ScopedQuerySet):
    def during(self, start: datetime.date, end: datetime.date):
        """Actions with a session in the period."""
        sessions = ActionSession.objects.filter(
            action=OuterRef("pk"), date__gte=start, date__lte=end
        )
        return self.filter(Exists(sessions))


class CollectiveAction(models.Model):
    class Kind(models.TextChoices):
        ACTION_COLLECTIVE = "action_collective", "Action collective"
        SORTIE = "sortie", "Sortie"
        SEJOUR = "sejour", "Séjour"
        DSL = "dsl", "Développement social local (DSL)"
        PARENTALITE = "parentalite", "Parentalité"
        PARTENARIALE = "action_partenariale", "Action partenariale"
        DIAGNOSTIC = "diagnostic", "Diagnostic territorial partagé"

    dispositif = _dispositif_field()
    title = models.CharField("intitulé", max_length=160)
    kind = models.CharField("type", max_length=24, choices=Kind.choices)
    commune = models.ForeignKey(Commune, verbose_name="commune", on_delete=models.PROTECT)
    partners = models.ManyToManyField(
        Partner, verbose_name="partenaires", blank=True, related_name="collective_actions"
    )
    funders = models.ManyToManyField(
        Funder, verbose_name="financements", blank=True, related_name="collective_actions"
    )
    participants = models.ManyToManyField(
        Person, verbose_name="participants nommés", blank=True, related_name="collective_actions"
    )
    families = models.PositiveIntegerField("familles impliquées", default=0)
    # No default: the EMPS bilan counts the DSL actions « à l'initiative » and « en associé »,
    # so the page, the API and the import each ask for it.
    initiated_by_service = models.BooleanField(
        "à l'initiative du service",
        help_text="Non : le service s'associe à une action initiée par un partenaire "
        "(DSL « en associé »).",
    )
    description = models.TextField("description", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="créée par",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)
    version = AutoIncVersionField("version")

    objects = CollectiveActionQuerySet.as_manager()

    class Meta:
        verbose_name = "action collective"
        verbose_name_plural = "actions collectives"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.commune.name})"


class ActionSession(models.Model):
    action = models.ForeignKey(
        CollectiveAction, verbose_name="action", on_delete=models.CASCADE, related_name="sessions"
    )
    date = models.DateField("date")
    days = models.PositiveSmallIntegerField(
        "jours", default=1, help_text="Plus d'un jour pour un séjour."
    )

    class Meta:
        verbose_name = "séance"
        verbose_name_plural = "séances"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y}"


class Headcount(models.Model):
    """Anonymous participants of an action: how many, per age band and sex."""

    action = models.ForeignKey(
        CollectiveAction, verbose_name="action", on_delete=models.CASCADE, related_name="headcounts"
    )
    age_band = models.CharField("tranche d'âge", max_length=10, choices=AgeBand.choices)
    sex = models.CharField("sexe", max_length=2, choices=Sex.choices, default=Sex.UNKNOWN)
    count = models.PositiveIntegerField("nombre", validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = "effectif anonyme"
        verbose_name_plural = "effectifs anonymes"
        constraints = [
            models.UniqueConstraint(fields=["action", "age_band", "sex"], name="headcount_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_age_band_display()} {self.get_sex_display()} : {self.count}"


# --------------------------------------------------------------------------------------------
# Networks and territorial bodies
# --------------------------------------------------------------------------------------------


class NetworkReception(models.Model):
    """Youths received for a partner network (MDS, ADAE réparations, collèges, TIG, stages)."""

    class Network(models.TextChoices):
        MDS = "mds", "MDS — jeunes en attente de solutions"
        ADAE = "adae_reparation", "ADAE — mesures de réparation"
        EXCLUSION = "college_exclusion", "Collèges — mesures d'exclusion"
        RESPONSABILISATION = (
            "college_responsabilisation",
            "Collèges — mesures de responsabilisation",
        )
        TIG = "tig", "Justice — TIG éducatif"
        STAGE = "stage", "Stages"

    dispositif = _dispositif_field()
    network = models.CharField("réseau", max_length=30, choices=Network.choices)
    partner = models.ForeignKey(
        Partner, verbose_name="partenaire", on_delete=models.PROTECT, null=True, blank=True
    )
    date = models.DateField("date (ou début)")
    youths = models.PositiveIntegerField("jeunes accueillis", validators=[MinValueValidator(1)])
    days = models.DecimalField(
        "jours",
        max_digits=5,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(0)],
    )
    hours = models.DecimalField(
        "heures",
        max_digits=6,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(0)],
    )
    note = models.CharField("précisions", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="saisi par",
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Corrected by whoever entered it or a chef de service: two never overwrite each other.
    version = AutoIncVersionField("version")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "accueil en réseau"
        verbose_name_plural = "accueils en réseau"
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(days__gt=0) | Q(hours__gt=0), name="network_reception_has_duration"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_network_display()} — {self.date:%d/%m/%Y}"


class InstanceMeeting(models.Model):
    """A meeting of a territorial body the service takes part in (CLS, CISPD…)."""

    class Instance(models.TextChoices):
        CLS = "cls", "CLS"
        CISPD = "cispd", "CISPD"
        CLSPD = "clspd", "CLSPD"
        AUTRE = "autre", "Autre instance"

    dispositif = _dispositif_field()
    instance = models.CharField("instance", max_length=10, choices=Instance.choices)
    name = models.CharField("nom", max_length=120, help_text="Par exemple « CISPD CAHC ».")
    field = models.CharField("champ d'intervention", max_length=60, default="Prévention")
    date = models.DateField("date")
    commune = models.ForeignKey(
        Commune, verbose_name="commune", on_delete=models.PROTECT, null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="saisi par",
        on_delete=models.PROTECT,
        related_name="+",
    )
    version = AutoIncVersionField("version")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "réunion d'instance"
        verbose_name_plural = "réunions d'instances"
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} — {self.date:%d/%m/%Y}"


auditlog.register(TimeEntry, exclude_fields=["version"])
auditlog.register(Contact, exclude_fields=["version"])
auditlog.register(
    Accompaniment, exclude_fields=["updated_at", "version"], m2m_fields={"problematiques"}
)
auditlog.register(CoAccompaniment)
auditlog.register(Reorientation)
auditlog.register(WorkedDomain, exclude_fields=["version"])
auditlog.register(
    CollectiveAction, exclude_fields=["updated_at", "version"], m2m_fields={"participants"}
)
auditlog.register(NetworkReception, exclude_fields=["version"])
auditlog.register(InstanceMeeting, exclude_fields=["version"])
