"""What the direction writes into the reports: the association's identity sheet and the
commentary of each section, versioned (every save is a new version; the latest is printed)."""

from __future__ import annotations

from auditlog.registry import auditlog
from concurrency.fields import AutoIncVersionField
from django.conf import settings
from django.db import models


class AssociationProfile(models.Model):
    """The "Fiche d'identité" of the reports (one row)."""

    name = models.CharField("nom de l'association", max_length=160, default="Rencontres et Loisirs")
    director = models.CharField("nom du directeur", max_length=120, blank=True)
    phone = models.CharField("téléphone", max_length=60, blank=True)
    email = models.EmailField("courriel", blank=True)
    address = models.CharField("adresse du siège", max_length=200, blank=True)
    service_address = models.CharField("adresse du SPS", max_length=200, blank=True)
    opening_hours = models.CharField("accueil du public", max_length=200, blank=True)
    website = models.CharField("site internet", max_length=120, blank=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)
    version = AutoIncVersionField("version")

    class Meta:
        verbose_name = "fiche d'identité"
        verbose_name_plural = "fiche d'identité"

    def __str__(self) -> str:
        return self.name

    @classmethod
    def current(cls) -> AssociationProfile:
        profile = cls.objects.order_by("pk").first()
        return profile if profile is not None else cls()


class CommentaryQuerySet(models.QuerySet):
    def latest_for(self, *, report: str, period_start, period_end) -> dict[str, Commentary]:
        """The latest version of each section's commentary for the report and period."""
        latest = {}
        for commentary in self.filter(
            report=report, period_start=period_start, period_end=period_end
        ).order_by("section", "-version"):
            latest.setdefault(commentary.section, commentary)
        return latest


class Commentary(models.Model):
    report = models.SlugField("rapport", max_length=60)
    section = models.SlugField("section", max_length=60)
    period_start = models.DateField("début de période")
    period_end = models.DateField("fin de période")
    version = models.PositiveIntegerField("version")
    text = models.TextField("texte", blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="auteur", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("écrit le", auto_now_add=True)

    objects = CommentaryQuerySet.as_manager()

    class Meta:
        verbose_name = "commentaire"
        verbose_name_plural = "commentaires"
        ordering = ["report", "period_start", "section", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "section", "period_start", "period_end", "version"],
                name="commentary_version_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.report} {self.section} ({self.period_start:%Y}) v{self.version}"


class ReportInputQuerySet(models.QuerySet):
    def latest_for(self, *, report: str, period_start, period_end) -> dict[str, ReportInput]:
        """The latest version of each input for the report and period; an input never entered
        for the period is carried over from the latest earlier period (a phone number or a
        population figure does not change every year), marked by its own period."""
        latest: dict[str, ReportInput] = {}
        for entry in self.filter(report=report, period_end__lte=period_end).order_by(
            "key", "-period_end", "-version"
        ):
            current = latest.get(entry.key)
            if current is None:
                latest[entry.key] = entry
        # The period's own entries win over carried-over ones.
        for entry in self.filter(
            report=report, period_start=period_start, period_end=period_end
        ).order_by("key", "-version"):
            if latest[entry.key].period_end != period_end or (
                latest[entry.key].period_start != period_start
            ):
                latest[entry.key] = entry
        return latest


class ReportInput(models.Model):
    """What the direction keeps for a report and a period, beyond the records: the identity
    sheet (president, service phone, opening hours…), the socio-economic figures of the
    territory with their sources… Every save is a new version, like the commentary; a
    validation freezes the versions it printed."""

    report = models.SlugField("rapport", max_length=60)
    key = models.SlugField("donnée", max_length=60)
    period_start = models.DateField("début de période")
    period_end = models.DateField("fin de période")
    version = models.PositiveIntegerField("version")
    data = models.JSONField("valeurs", default=dict)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="auteur", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("saisi le", auto_now_add=True)

    objects = ReportInputQuerySet.as_manager()

    class Meta:
        verbose_name = "donnée de la direction"
        verbose_name_plural = "données de la direction"
        ordering = ["report", "period_start", "key", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "key", "period_start", "period_end", "version"],
                name="report_input_version_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.report} {self.key} ({self.period_start:%Y}) v{self.version}"


auditlog.register(AssociationProfile, exclude_fields=["version"])
auditlog.register(Commentary)
auditlog.register(ReportInput)


class ReportValidation(models.Model):
    """A report as transmitted: who validated it, when, and its figures frozen (a snapshot of
    every table), so that later edits to the records do not silently change it."""

    report = models.SlugField("rapport", max_length=60)
    period_start = models.DateField("début de période")
    period_end = models.DateField("fin de période")
    scope = models.CharField("périmètre", max_length=120, blank=True, help_text="Commune (EMPS)")
    note = models.CharField(
        "mention",
        max_length=300,
        blank=True,
        help_text="Par exemple « Rapport validé par le Conseil d'Administration du 12/03/2026 ».",
    )
    board_date = models.DateField(
        "date du conseil d'administration",
        null=True,
        blank=True,
        help_text="La séance du conseil d'administration qui a validé le rapport avant sa "
        "transmission : c'est la date imprimée.",
    )
    snapshot = models.JSONField("tableaux figés")
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="validé par",
        on_delete=models.PROTECT,
        related_name="+",
    )
    validated_at = models.DateTimeField("validé le", auto_now_add=True)

    class Meta:
        verbose_name = "validation de rapport"
        verbose_name_plural = "validations de rapports"
        ordering = ["-validated_at", "-pk"]
        permissions = []

    def __str__(self) -> str:
        return f"{self.report} {self.period_start:%Y} validé le {self.validated_at:%d/%m/%Y}"

    @property
    def validated_on(self):
        """The date printed on the report: the board meeting's, or the click's for a
        validation recorded before the board date was asked."""
        return self.board_date or self.validated_at.date()


auditlog.register(ReportValidation, exclude_fields=["snapshot"])
