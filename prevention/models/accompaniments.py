"""Accompaniments (ASEP/PAEI): reviews, co-accompaniments, reorientations, worked domains."""

from __future__ import annotations

import datetime

from concurrency.fields import AutoIncVersionField
from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q

from prevention.models.common import (
    Problematique,
    ScopedQuerySet,
    _dispositif_field,
    _months_before,
)
from prevention.models.contacts import (
    Contact,
)
from rl_portal.models import Partner, Person

# --------------------------------------------------------------------------------------------
# Accompaniments
# --------------------------------------------------------------------------------------------


class AccompanimentQuerySet(ScopedQuerySet):
    def active_during(self, start: datetime.date, end: datetime.date):
        """Active in the period: start ≤ period end and (no end or end ≥ period start)."""
        return self.filter(Q(end__isnull=True) | Q(end__gte=start), start__lte=end)

    def open(self):
        return self.filter(end__isnull=True)

    def needing_review(self, today: datetime.date, months: int = 6):
        """Open accompaniments whose last review (or start) is more than `months` old."""
        limit = _months_before(today, months)
        return self.open().filter(
            Q(last_review__lt=limit) | Q(last_review__isnull=True, start__lt=limit)
        )

    def without_recent_contact(self, today: datetime.date, months: int = 3):
        """Open accompaniments started more than `months` ago whose youth has not been met
        (no contact recorded) for `months`."""
        limit = _months_before(today, months)
        recent = Contact.objects.filter(
            person=OuterRef("person"), dispositif=OuterRef("dispositif"), date__gte=limit
        )
        return self.open().filter(start__lt=limit).exclude(Exists(recent))


class Accompaniment(models.Model):
    class Kind(models.TextChoices):
        ASEP = "asep", "ASEP (accompagnement socio-éducatif ponctuel)"
        PAEI = "paei", "PAEI (projet d'accompagnement éducatif individualisé)"

    class EndReason(models.TextChoices):
        ORIENTATION = "orientation", "Orientation"
        MOBILISATION = "difficulte_mobilisation", "Difficulté de mobilisation"
        TERRITORY = "changement_territoire", "Changement de territoire"
        IMPROVEMENT = "amelioration_situation", "Amélioration de la situation"

    class Situation(models.TextChoices):
        PRIMARY = "ecole_primaire", "École primaire"
        COLLEGE = "college", "Collège"
        GENERAL_LYCEE = "lycee_general", "Lycée d'enseignement général"
        VOCATIONAL_LYCEE = "lycee_professionnel", "Lycée professionnel"
        HIGHER_EDUCATION = "etudes_superieures", "Études supérieures"
        DROPPED_OUT = "descolarise", "Déscolarisé"
        JOB_SEEKING = "recherche_emploi", "En recherche d'emploi"
        TRAINING_SEEKING = "recherche_formation", "En recherche de formation"
        IN_TRAINING = "en_formation", "En formation"
        EMPLOYED = "activite_professionnelle", "Activité professionnelle"
        UNEMPLOYED = "chomage_rsa", "Chômage / RSA"

    class Origin(models.TextChoices):
        PRESENCE_SOCIALE = "presence_sociale", "Présence sociale"
        PARTNER = "partenaire", "Partenaire"
        THIRD_PARTY = "tiers", "Tiers"

    person = models.ForeignKey(
        Person, verbose_name="jeune", on_delete=models.PROTECT, related_name="accompaniments"
    )
    dispositif = _dispositif_field()
    kind = models.CharField("type", max_length=4, choices=Kind.choices)
    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="référent",
        on_delete=models.PROTECT,
        related_name="referent_accompaniments",
    )
    start = models.DateField("début")
    end = models.DateField("fin", null=True, blank=True)
    end_reason = models.CharField(
        "motif de clôture", max_length=30, choices=EndReason.choices, blank=True
    )
    situation = models.CharField(
        "scolarité / situation au début", max_length=30, choices=Situation.choices
    )
    origin = models.CharField(
        "origine de la rencontre", max_length=20, choices=Origin.choices, blank=True
    )
    problematiques = models.ManyToManyField(
        Problematique, verbose_name="problématiques", blank=True, related_name="accompaniments"
    )
    # A reopened accompaniment is a new period that continues a closed one: the closed period
    # keeps its end, reason and réorientations, so that a report already transmitted for the
    # year it closed regenerates unchanged (DESIGN: "a transmitted report never changes").
    reopened_from = models.OneToOneField(
        "self",
        verbose_name="reprise de l'accompagnement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reopened_as",
    )
    last_review = models.DateField(
        "dernier bilan",
        null=True,
        blank=True,
        help_text="Sans bilan depuis 6 mois, l'accompagnement apparaît dans les alertes.",
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)
    version = AutoIncVersionField("version")

    objects = AccompanimentQuerySet.as_manager()

    class Meta:
        verbose_name = "accompagnement"
        verbose_name_plural = "accompagnements"
        permissions = [("reopen_accompaniment", "Rouvrir un accompagnement clôturé")]
        ordering = ["-start", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="accompaniment_end_after_start",
            ),
            models.CheckConstraint(
                condition=(Q(end__isnull=True) & Q(end_reason=""))
                | (Q(end__isnull=False) & ~Q(end_reason="")),
                name="accompaniment_end_reason_with_end",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display().split(' ')[0]} — {self.person} ({self.start:%d/%m/%Y})"

    @property
    def is_open(self) -> bool:
        return self.end is None

    @property
    def short_kind(self) -> str:
        return self.get_kind_display().split(" ")[0]


class AccompanimentPartQuerySet(ScopedQuerySet):
    dispositif_lookup = "accompaniment__dispositif"


class CoAccompaniment(models.Model):
    """Another service working with the youth or their family during the accompaniment."""

    class Kind(models.TextChoices):
        EDUCATION_NATIONALE = "education_nationale", "Éducation nationale"
        SANTE = "sante", "Santé"
        EDUCATION_POPULAIRE = "education_populaire", "Éducation populaire"
        MISSION_LOCALE = "mission_locale", "Missions locales"
        ASE = "ase", "ASE"
        AUTRE = "autre", "Autres"

    accompaniment = models.ForeignKey(
        Accompaniment,
        verbose_name="accompagnement",
        on_delete=models.CASCADE,
        related_name="co_accompaniments",
    )
    kind = models.CharField("type de partenaire", max_length=24, choices=Kind.choices)
    partner = models.ForeignKey(
        Partner, verbose_name="partenaire", on_delete=models.PROTECT, null=True, blank=True
    )

    objects = AccompanimentPartQuerySet.as_manager()

    class Meta:
        verbose_name = "co-accompagnement"
        verbose_name_plural = "co-accompagnements"
        constraints = [
            models.UniqueConstraint(
                fields=["accompaniment", "kind", "partner"], name="co_accompaniment_unique"
            )
        ]

    def __str__(self) -> str:
        return self.partner.name if self.partner_id else self.get_kind_display()


class Reorientation(models.Model):
    """Where the youth was referred to at the close of the accompaniment."""

    class Category(models.TextChoices):
        SOCIAL = "sociale_educative", "Sociale et éducative"
        MEDICAL = "medicale", "Médicale"
        SCHOOL_WORK = "scolaire_professionnelle", "Scolaire et professionnelle"
        LEGAL = "juridique", "Juridique"
        LEISURE = "loisirs", "Loisirs"
        OTHER = "autres", "Autres"

    accompaniment = models.ForeignKey(
        Accompaniment,
        verbose_name="accompagnement",
        on_delete=models.CASCADE,
        related_name="reorientations",
    )
    category = models.CharField("catégorie", max_length=30, choices=Category.choices)
    partner = models.ForeignKey(
        Partner, verbose_name="partenaire", on_delete=models.PROTECT, null=True, blank=True
    )
    partner_name = models.CharField(
        "partenaire (hors référentiel)", max_length=120, blank=True, help_text="PRE, CAJ…"
    )

    objects = AccompanimentPartQuerySet.as_manager()

    class Meta:
        verbose_name = "réorientation"
        verbose_name_plural = "réorientations"

    def __str__(self) -> str:
        partner = self.partner.name if self.partner_id else self.partner_name
        return (
            f"{self.get_category_display()} : {partner}" if partner else self.get_category_display()
        )


class Domain(models.TextChoices):
    LOISIR = "loisir_sport_culture", "Loisir / Sport / Culture"
    SCOLARITE = "scolarite", "Scolarité"
    SANTE = "sante_bien_etre", "Santé / Bien-être"
    INSERTION = "insertion_pro", "Insertion pro"
    LOGEMENT = "logement_hebergement", "Logement / Hébergement"
    FAMILLE = "famille", "Famille"
    MOBILITE = "mobilite", "Mobilité"
    COMPORTEMENT = "comportement", "Comportement"
    URGENCE = "aide_urgence", "Aide d'urgence"
    ADMINISTRATIF = "administratif", "Administratif"
    JUSTICE = "justice", "Justice"
    FORMATION = "formation", "Formation"


class WorkedDomainQuerySet(AccompanimentPartQuerySet):
    pass


class WorkedDomain(models.Model):
    """A dated "domaine travaillé" entry of an accompaniment."""

    accompaniment = models.ForeignKey(
        Accompaniment,
        verbose_name="accompagnement",
        on_delete=models.CASCADE,
        related_name="worked_domains",
    )
    date = models.DateField("date")
    domain = models.CharField("domaine", max_length=24, choices=Domain.choices)
    educator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="éducateur", on_delete=models.PROTECT
    )
    note = models.CharField("note", max_length=300, blank=True)
    # Corrected in the pages: two corrections made at once must not overwrite each other.
    version = AutoIncVersionField("version")

    objects = WorkedDomainQuerySet.as_manager()

    class Meta:
        verbose_name = "domaine travaillé"
        verbose_name_plural = "domaines travaillés"
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_domain_display()} ({self.date:%d/%m/%Y})"

    @property
    def dispositif(self):
        """The accompaniment's: who may correct the entry is decided on its service."""
        return self.accompaniment.dispositif
