"""Accompagnement scolaire: programmes, enrolments, sessions with attendance, and the referrals
of a child's situation to prevention.

Programmes and their records belong to the scolaire service: its staff see them, the direction
and administrators too, nobody else (`visible_to`)."""

from __future__ import annotations

import datetime

from auditlog.registry import auditlog
from concurrency.fields import AutoIncVersionField
from django.conf import settings
from django.db import models
from django.db.models import Q

from rl_portal.models import Commune, Funder, Household, Partner, Person

SCOLAIRE_SERVICE = "scolaire"


def school_year_of(day: datetime.date) -> int:
    """The school year (September → August) a day belongs to, by its first calendar year."""
    return day.year if day.month >= 9 else day.year - 1


def school_year_label(year: int) -> str:
    return f"{year}-{year + 1}"


class ScolaireQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not user or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.reads_all_services:
            return self
        if not user.works_in_services or SCOLAIRE_SERVICE not in user.service_codes:
            return self.none()
        return self


class Level(models.TextChoices):
    CP = "CP", "CP"
    CE1 = "CE1", "CE1"
    CE2 = "CE2", "CE2"
    CM1 = "CM1", "CM1"
    CM2 = "CM2", "CM2"
    SIXIEME = "6e", "6e"
    CINQUIEME = "5e", "5e"
    QUATRIEME = "4e", "4e"
    TROISIEME = "3e", "3e"


PRIMARY_LEVELS = ("CP", "CE1", "CE2", "CM1", "CM2")


class Programme(models.Model):
    class Kind(models.TextChoices):
        ADDI = "addi", "Aide aux devoirs à domicile et individualisée (ADDI)"
        ACCOMPANIMENT = "accompagnement", "Accompagnement scolaire"
        CLAS = "clas", "CLAS"
        EXPERIMENT = "experimentation", "Expérimentation"

    # Homework help at the family's home: each session is one child's.
    INDIVIDUAL_KINDS = (Kind.ADDI,)

    class Public(models.TextChoices):
        PRIMARY = "primaire", "Primaire"
        COLLEGE = "college", "Collège"
        BOTH = "primaire_college", "Primaire et collège"

    name = models.CharField("nom", max_length=120)
    kind = models.CharField("type", max_length=20, choices=Kind.choices)
    site = models.CharField("site", max_length=120, blank=True)
    commune = models.ForeignKey(Commune, verbose_name="commune", on_delete=models.PROTECT)
    public = models.CharField("public", max_length=20, choices=Public.choices)
    funders = models.ManyToManyField(Funder, verbose_name="financeurs", blank=True)
    school_year = models.PositiveSmallIntegerField(
        "année scolaire", help_text="Première année : 2025 pour 2025-2026."
    )
    is_active = models.BooleanField("actif", default=True)

    objects = ScolaireQuerySet.as_manager()

    class Meta:
        verbose_name = "programme"
        verbose_name_plural = "programmes"
        ordering = ["-school_year", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({school_year_label(self.school_year)})"

    @property
    def is_individual(self) -> bool:
        """Each session is one child's (the ADDI goes to the family's home)."""
        return self.kind in self.INDIVIDUAL_KINDS


class Enrolment(models.Model):
    class LeavingReason(models.TextChoices):
        END_OF_YEAR = "fin_annee", "Fin d'année scolaire"
        MOVED = "demenagement", "Déménagement"
        FAMILY = "choix_famille", "Choix de la famille"
        OBJECTIVES = "objectifs_atteints", "Objectifs atteints"
        OTHER = "autre", "Autre"

    child = models.ForeignKey(
        Person, verbose_name="enfant", on_delete=models.PROTECT, related_name="enrolments"
    )
    programme = models.ForeignKey(
        Programme, verbose_name="programme", on_delete=models.PROTECT, related_name="enrolments"
    )
    level = models.CharField("niveau", max_length=3, choices=Level.choices)
    school = models.ForeignKey(
        Partner,
        verbose_name="école / collège",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    funder = models.ForeignKey(
        Funder, verbose_name="ligne de financement", on_delete=models.PROTECT, null=True, blank=True
    )
    household = models.ForeignKey(
        Household, verbose_name="ménage", on_delete=models.PROTECT, null=True, blank=True
    )
    start = models.DateField("début")
    end = models.DateField("fin", null=True, blank=True)
    leaving_reason = models.CharField(
        "motif de sortie", max_length=20, choices=LeavingReason.choices, blank=True
    )
    # Ended and corrected by the scolaire team: two of them never overwrite each other.
    version = AutoIncVersionField("version")

    objects = ScolaireQuerySet.as_manager()

    class Meta:
        verbose_name = "inscription"
        verbose_name_plural = "inscriptions"
        ordering = ["programme", "child__pseudonym"]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "programme"], name="enrolment_once_per_programme"
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="enrolment_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child} — {self.programme}"

    @property
    def is_primary(self) -> bool:
        return self.level in PRIMARY_LEVELS


class Session(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name="programme", on_delete=models.PROTECT, related_name="sessions"
    )
    date = models.DateField("date")
    start_time = models.TimeField("début")
    end_time = models.TimeField("fin")
    place = models.CharField(
        "lieu", max_length=120, blank=True, help_text="« À domicile » pour l'ADDI."
    )
    staff = models.CharField(
        "intervenant(e)", max_length=120, blank=True, help_text="Salarié ou bénévole."
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="saisie par",
        on_delete=models.PROTECT,
        related_name="+",
    )
    version = AutoIncVersionField("version")

    objects = ScolaireQuerySet.as_manager()

    class Meta:
        verbose_name = "séance"
        verbose_name_plural = "séances"
        ordering = ["-date", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")), name="session_end_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme.name} — {self.date:%d/%m/%Y}"


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", "Présent"
        ABSENT = "absent", "Absent"
        EXCUSED = "excuse", "Excusé"

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="attendances")
    status = models.CharField("présence", max_length=8, choices=Status.choices)

    objects = ScolaireQuerySet.as_manager()

    class Meta:
        verbose_name = "présence"
        verbose_name_plural = "présences"
        constraints = [
            models.UniqueConstraint(fields=["session", "enrolment"], name="attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.enrolment.child} — {self.get_status_display()}"


class ReferralQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Referrals are seen by the scolaire staff who made them and by prevention staff who
        receive them (and the direction); what prevention then does stays in prevention."""
        if not user or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.reads_all_services:
            return self
        codes = user.service_codes if user.works_in_services else frozenset()
        if codes & {SCOLAIRE_SERVICE, "prevention"}:
            return self
        return self.none()


class Referral(models.Model):
    """A child's situation signalled by the scolaire team to prevention."""

    class Status(models.TextChoices):
        PENDING = "en_attente", "En attente"
        ACCEPTED = "acceptee", "Acceptée par la prévention"
        DECLINED = "declinee", "Non retenue"

    child = models.ForeignKey(
        Person, verbose_name="enfant", on_delete=models.PROTECT, related_name="referrals"
    )
    date = models.DateField("date")
    reason = models.TextField("situation signalée")
    status = models.CharField(
        "suite", max_length=12, choices=Status.choices, default=Status.PENDING
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="signalé par",
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="décidé par",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_on = models.DateField("date de la suite", null=True, blank=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        verbose_name = "orientation vers la prévention"
        verbose_name_plural = "orientations vers la prévention"
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.child} — {self.date:%d/%m/%Y}"


auditlog.register(Enrolment, exclude_fields=["version"])
for model in (Attendance, Referral):
    auditlog.register(model)
auditlog.register(Session, exclude_fields=["version"])
