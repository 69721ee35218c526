"""Partners, funders, conventions and staff positions."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from rl_portal.models.services import (
    Dispositif,
    Service,
)
from rl_portal.models.territory import (
    Commune,
    Epci,
)

# --------------------------------------------------------------------------------------------
# Partners, funders, conventions, staff
# --------------------------------------------------------------------------------------------


class Partner(models.Model):
    """An organisation the association works with (MDS, Mission locale, collège, bailleur…)."""

    class Kind(models.TextChoices):
        MDS = "mds", "MDS / service social départemental"
        ASE = "ase", "Aide sociale à l'enfance"
        MISSION_LOCALE = "mission_locale", "Mission locale"
        ECOLE = "ecole", "École"
        COLLEGE = "college", "Collège"
        LYCEE = "lycee", "Lycée"
        BAILLEUR = "bailleur", "Bailleur"
        CCAS = "ccas", "CCAS"
        CHRS = "chrs", "CHRS / hébergement"
        COMMUNE = "commune", "Commune / intercommunalité"
        SANTE = "sante", "Santé"
        JUSTICE = "justice", "Justice / PJJ"
        ASSOCIATION = "association", "Association"
        ENTREPRISE = "entreprise", "Entreprise"
        AUTRE = "autre", "Autre"

    class Field(models.TextChoices):
        EDUCATION_NATIONALE = "education_nationale", "Éducation nationale"
        SANTE = "sante", "Santé-addictions"
        EDUCATION_POPULAIRE = "education_populaire", "Éducation populaire"
        SPORT_CULTURE = "sport_culture", "Sport-culture-loisirs-solidarité"
        INSERTION = "insertion", "Insertion, emploi, formation"
        PROTECTION_ENFANCE = "protection_enfance", "Protection de l'enfance"
        SOCIAL = "social", "Action sociale"
        LOGEMENT = "logement", "Logement, hébergement"
        JUSTICE = "justice", "Justice, sécurité"
        COLLECTIVITE = "collectivite", "Collectivités"
        AUTRE = "autre", "Autres"

    name = models.CharField("nom", max_length=160)
    kind = models.CharField("type", max_length=20, choices=Kind.choices)
    field = models.CharField(
        "champ partenarial", max_length=24, choices=Field.choices, default=Field.AUTRE
    )
    commune = models.ForeignKey(
        Commune, verbose_name="commune", on_delete=models.PROTECT, null=True, blank=True
    )
    informal_reason = models.CharField(
        "partenariat informel : raisons, domaine",
        max_length=200,
        blank=True,
        help_text="Rempli pour les partenaires cités au tableau des partenariats informels.",
    )
    is_active = models.BooleanField("actif", default=True)

    class Meta:
        verbose_name = "partenaire"
        verbose_name_plural = "partenaires"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name", "kind"], name="partner_unique")]

    def __str__(self) -> str:
        return self.name


class Funder(models.Model):
    class Kind(models.TextChoices):
        DEPARTEMENT = "departement", "Département"
        ETAT = "etat", "État"
        COMMUNE = "commune", "Commune"
        EPCI = "epci", "Intercommunalité"
        CAF = "caf", "CAF"
        BAILLEUR = "bailleur", "Bailleur"
        REGION = "region", "Région"
        FONDATION = "fondation", "Fondation / mécénat"
        AUTRE = "autre", "Autre"

    name = models.CharField("nom", max_length=160, unique=True)
    kind = models.CharField("type", max_length=20, choices=Kind.choices)

    class Meta:
        verbose_name = "financeur"
        verbose_name_plural = "financeurs"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ConventionQuerySet(models.QuerySet):
    def active_during(self, start: datetime.date, end: datetime.date) -> ConventionQuerySet:
        return self.filter(start__lte=end, end__gte=start)


class Convention(models.Model):
    """A funding agreement: what a funder pays for a dispositif over a period, and the
    capacity the activity is compared to ("107 % de la convention")."""

    class CapacityUnit(models.TextChoices):
        PLACES = "places", "places"
        POINTS = "points", "points"
        MEASURES = "mesures", "mesures"
        PERSONS = "personnes", "personnes"
        HOURS = "heures", "heures"
        ETP = "etp", "ETP"

    funder = models.ForeignKey(
        Funder, verbose_name="financeur", on_delete=models.PROTECT, related_name="conventions"
    )
    dispositif = models.ForeignKey(
        Dispositif,
        verbose_name="dispositif",
        on_delete=models.PROTECT,
        related_name="conventions",
    )
    title = models.CharField("intitulé", max_length=200)
    epci = models.ForeignKey(
        Epci,
        verbose_name="territoire (EPCI)",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text="Pour les conventions par territoire (FSL, ASL).",
    )
    start = models.DateField("début")
    end = models.DateField("fin")
    capacity = models.DecimalField(
        "capacité", max_digits=9, decimal_places=2, null=True, blank=True
    )
    capacity_unit = models.CharField(
        "unité de capacité", max_length=12, choices=CapacityUnit.choices, blank=True
    )
    amount = models.DecimalField(
        "montant (€)", max_digits=12, decimal_places=2, null=True, blank=True
    )
    is_call_for_projects = models.BooleanField("appel à projets", default=False)
    funds_employment = models.BooleanField("finance de l'emploi", default=False)

    objects = ConventionQuerySet.as_manager()

    class Meta:
        verbose_name = "convention"
        verbose_name_plural = "conventions"
        ordering = ["-start", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="convention_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=0),
                name="convention_capacity_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.start:%d/%m/%Y} – {self.end:%d/%m/%Y})"

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": "La fin de la convention précède son début."})
        if self.capacity is not None and not self.capacity_unit:
            raise ValidationError({"capacity_unit": "Précisez l'unité de la capacité."})


class StaffPositionQuerySet(models.QuerySet):
    def active_during(self, start: datetime.date, end: datetime.date) -> StaffPositionQuerySet:
        return self.filter(Q(end__isnull=True) | Q(end__gte=start), start__lte=end)


class StaffPosition(models.Model):
    """A post of the organigramme: title, ETP and who funds it, over a period."""

    class Category(models.TextChoices):
        DIRECTION = "direction", "Direction, encadrement, administration"
        SERVICES_GENERAUX = "services_generaux", "Services généraux"
        EDUCATIF = "educatif", "Éducatif"
        MEDICAL = "medical", "Paramédical et médical"
        AUTRE = "autre", "Autres"

    service = models.ForeignKey(
        Service,
        verbose_name="service",
        on_delete=models.PROTECT,
        related_name="staff_positions",
        null=True,
        blank=True,
        help_text="Vide pour un poste commun à toute l'association.",
    )
    category = models.CharField("catégorie", max_length=20, choices=Category.choices)
    title = models.CharField("poste", max_length=120)
    detail = models.CharField(
        "précisions", max_length=200, blank=True, help_text="Contrat aidé, apprentissage, stage…"
    )
    etp = models.DecimalField(
        "ETP", max_digits=5, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    etp_departement = models.DecimalField(
        "dont ETP financés par le CD62", max_digits=5, decimal_places=2, default=Decimal("0")
    )
    etp_communes = models.DecimalField(
        "dont ETP financés par les communes, intercommunalités",
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
    )
    missions = models.TextField("missions", blank=True)
    start = models.DateField("début")
    end = models.DateField("fin", null=True, blank=True)

    objects = StaffPositionQuerySet.as_manager()

    class Meta:
        verbose_name = "poste"
        verbose_name_plural = "postes (organigramme)"
        ordering = ["category", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(etp__gte=models.F("etp_departement") + models.F("etp_communes")),
                name="staff_funded_etp_within_etp",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.etp} ETP)"

    def clean(self) -> None:
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": "La fin du poste précède son début."})
        if (
            self.etp is not None
            and (self.etp_departement or 0) + (self.etp_communes or 0) > self.etp
        ):
            raise ValidationError("Les ETP financés dépassent les ETP du poste.")
