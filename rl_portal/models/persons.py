"""Persons (pseudonymous), their case files and households."""

from __future__ import annotations

import datetime
import unicodedata
from decimal import Decimal

from auditlog.registry import auditlog
from concurrency.fields import AutoIncVersionField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from rl_portal.models.services import (
    Service,
)
from rl_portal.models.territory import (
    Commune,
    Quartier,
)
from rl_portal.models.users import (
    User,
)

# --------------------------------------------------------------------------------------------
# Persons and households
# --------------------------------------------------------------------------------------------


class Sex(models.TextChoices):
    FEMALE = "F", "Femme / fille"
    MALE = "M", "Homme / garçon"
    NON_BINARY = "NB", "Non binaire"
    UNKNOWN = "NR", "Non renseigné"


def search_key(*parts: str) -> str:
    """Lower-case, accent-free text to search names the way people type them on a phone."""
    text = " ".join(part for part in parts if part)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip()


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user) -> PersonQuerySet:
        """The persons `user` may see: every person for direction and administrators; for
        field staff, those one of their services has a case file about; nobody otherwise
        (the secrétariat reads aggregated reports only)."""
        if not user or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.reads_all_services:
            return self
        if not user.works_in_services or not user.service_ids:
            return self.none()
        return self.filter(
            Exists(CaseFile.objects.filter(person=OuterRef("pk"), service_id__in=user.service_ids))
        )

    def search(self, text: str) -> PersonQuerySet:
        return self.filter(search_key__contains=search_key(text))

    def in_services(self, service_ids) -> PersonQuerySet:
        return self.filter(
            Exists(CaseFile.objects.filter(person=OuterRef("pk"), service_id__in=service_ids))
        )


class Person(models.Model):
    """A youth or an adult the association works with. Pseudonymous by design: only the
    pseudonym is required; everything that identifies more is optional."""

    pseudonym = models.CharField(
        "pseudonyme", max_length=80, help_text="Prénom ou surnom : seul champ obligatoire."
    )
    last_name = models.CharField("nom de famille", max_length=120, blank=True)
    sex = models.CharField("sexe", max_length=2, choices=Sex.choices, default=Sex.UNKNOWN)
    birth_date = models.DateField("date de naissance", null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(
        "année de naissance",
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text="À défaut de date exacte.",
    )
    commune = models.ForeignKey(
        Commune,
        verbose_name="commune de résidence",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="persons",
    )
    quartier = models.ForeignKey(
        Quartier,
        verbose_name="quartier",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="persons",
    )
    ase_history = models.BooleanField(
        "parcours ASE", null=True, blank=True, help_text="A été pris en charge par l'ASE."
    )
    phone = models.CharField("téléphone", max_length=30, blank=True)
    email = models.EmailField("courriel", blank=True)
    # Lower-case, accent-free pseudonym and surname: "ines" finds "Inès" on every database.
    search_key = models.CharField(max_length=210, editable=False, db_index=True, default="")
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)
    anonymised_at = models.DateTimeField("anonymisé le", null=True, blank=True, editable=False)
    version = AutoIncVersionField("version")

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = "personne"
        verbose_name_plural = "personnes"
        ordering = ["pseudonym", "pk"]
        indexes = [models.Index(fields=["pseudonym"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(birth_year__isnull=True) | Q(birth_year__gte=1900),
                name="person_birth_year_plausible",
            )
        ]

    def __str__(self) -> str:
        return self.pseudonym

    def save(self, *args, **kwargs):
        # The birth year is kept whenever the date is known: age bands are computed in SQL
        # from the year (and the date when there is one).
        if self.birth_date:
            self.birth_year = self.birth_date.year
        if self.quartier_id and not self.commune_id:
            self.commune_id = self.quartier.commune_id
        self.search_key = search_key(self.pseudonym, self.last_name)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        errors = {}
        today = timezone.localdate()
        if self.birth_date:
            if self.birth_date > today:
                errors["birth_date"] = "La date de naissance ne peut pas être dans le futur."
            elif self.birth_date.year < 1900:
                errors["birth_date"] = "La date de naissance est antérieure à 1900."
            elif self.birth_year and self.birth_year != self.birth_date.year:
                errors["birth_year"] = "L'année de naissance ne correspond pas à la date."
        if self.birth_year and self.birth_year > today.year:
            errors["birth_year"] = "L'année de naissance ne peut pas être dans le futur."
        if self.quartier_id and self.commune_id and self.quartier.commune_id != self.commune_id:
            errors["quartier"] = "Ce quartier n'appartient pas à la commune choisie."
        if errors:
            raise ValidationError(errors)

    def age_on(self, day: datetime.date) -> int | None:
        """Age in whole years on `day`; with only a birth year, `day.year - birth_year`."""
        if self.birth_date:
            before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
            return day.year - self.birth_date.year - before_birthday
        if self.birth_year:
            return day.year - self.birth_year
        return None

    @property
    def age(self) -> int | None:
        return self.age_on(timezone.localdate())


class CaseFileQuerySet(models.QuerySet):
    def visible_to(self, user) -> CaseFileQuerySet:
        if not user or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.reads_all_services:
            return self
        if not user.works_in_services:
            return self.none()
        return self.filter(service_id__in=user.service_ids)


class CaseFile(models.Model):
    """A service's file about a person: it exists as soon as the service records anything about
    them, and it is what makes the person visible to that service's staff. Its opening date is
    the person's first record in the service (the "nouveau jeune" rule)."""

    person = models.ForeignKey(
        Person, verbose_name="personne", on_delete=models.PROTECT, related_name="case_files"
    )
    service = models.ForeignKey(
        Service, verbose_name="service", on_delete=models.PROTECT, related_name="case_files"
    )
    opened_on = models.DateField("premier enregistrement")
    opened_by = models.ForeignKey(
        User,
        verbose_name="ouvert par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)

    objects = CaseFileQuerySet.as_manager()

    class Meta:
        verbose_name = "dossier"
        verbose_name_plural = "dossiers"
        ordering = ["service__name"]
        constraints = [
            models.UniqueConstraint(fields=["person", "service"], name="casefile_unique")
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.service}"


class HouseholdQuerySet(models.QuerySet):
    def visible_to(self, user) -> HouseholdQuerySet:
        """Households with at least one member visible to `user`."""
        if not user or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.reads_all_services:
            return self
        visible_members = Person.objects.visible_to(user).filter(households=OuterRef("pk"))
        return self.filter(Exists(visible_members))


class Composition(models.TextChoices):
    """A household's composition, the same for a household, a housing request, a CLLAJ
    follow-up and a support measure (the bilans show one row per value)."""

    SINGLE = "personne_seule", "Personne seule"
    COUPLE = "couple", "Couple sans enfant"
    COUPLE_WITH_CHILDREN = "couple_enfants", "Couple avec enfant(s)"
    SINGLE_PARENT = "monoparentale", "Famille monoparentale"
    SHARED = "colocation", "Colocation / cohabitation"
    OTHER = "autre", "Autre"


class ResourceType(models.TextChoices):
    """A household's or a person's main resource (households, stays' entry and exit)."""

    SALARY = "salaire", "Salaire"
    CEJ = "cej", "Contrat d'engagement jeune (CEJ)"
    RSA = "rsa", "RSA"
    ARE = "are", "Allocation chômage (ARE)"
    APJM = "apjm", "Allocation jeune majeur (APJM)"
    AAH = "aah", "AAH"
    TRAINING = "formation", "Rémunération de formation"
    FAMILY_BENEFITS = "prestations_familiales", "Prestations familiales"
    PENSION = "retraite", "Retraite / pension"
    NONE = "sans_ressources", "Sans ressources"
    OTHER = "autre", "Autre"


class Household(models.Model):
    label = models.CharField(
        "désignation", max_length=120, help_text="Par exemple le pseudonyme du demandeur."
    )
    composition = models.CharField("composition", max_length=20, choices=Composition.choices)
    members = models.ManyToManyField(
        Person,
        verbose_name="membres",
        through="HouseholdMember",
        related_name="households",
    )
    monthly_resources = models.DecimalField(
        "ressources mensuelles (€)",
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    main_resource_type = models.CharField(
        "ressource principale", max_length=24, choices=ResourceType.choices, blank=True
    )
    commune = models.ForeignKey(
        Commune, verbose_name="commune", on_delete=models.PROTECT, null=True, blank=True
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)
    version = AutoIncVersionField("version")

    objects = HouseholdQuerySet.as_manager()

    class Meta:
        verbose_name = "ménage"
        verbose_name_plural = "ménages"
        ordering = ["label", "pk"]

    def __str__(self) -> str:
        return self.label


class HouseholdMemberQuerySet(models.QuerySet):
    def visible_to(self, user) -> HouseholdMemberQuerySet:
        return self.filter(person__in=Person.objects.visible_to(user))


class HouseholdMember(models.Model):
    class Role(models.TextChoices):
        APPLICANT = "demandeur", "Demandeur"
        PARTNER = "conjoint", "Conjoint(e)"
        CHILD = "enfant", "Enfant"
        OTHER = "autre", "Autre"

    household = models.ForeignKey(
        Household, verbose_name="ménage", on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(
        Person, verbose_name="personne", on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField("rôle", max_length=12, choices=Role.choices, default=Role.APPLICANT)

    objects = HouseholdMemberQuerySet.as_manager()

    class Meta:
        verbose_name = "membre du ménage"
        verbose_name_plural = "membres du ménage"
        constraints = [
            models.UniqueConstraint(fields=["household", "person"], name="household_member_unique")
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


class OfflineSubmission(models.Model):
    """An entry typed on a phone without network and sent later (quick entry, roll call).

    The phone gives each entry a UUID when it is typed; that UUID is the idempotency key of the
    sync: an entry sent twice (a retry after a lost answer, two tabs, Background Sync and the
    page at once) is written once, and the second sending is answered « déjà reçue » with what
    the first one wrote. Only ids are kept here, never a name."""

    class Kind(models.TextChoices):
        QUICK_ENTRY = "saisie_du_jour", "Saisie du jour"
        ROLL_CALL = "appel", "Appel"

    client_uuid = models.UUIDField("identifiant de la saisie sur le téléphone", unique=True)
    kind = models.CharField("type", max_length=20, choices=Kind.choices)
    user = models.ForeignKey(
        "User",
        verbose_name="envoyée par",
        on_delete=models.PROTECT,
        related_name="offline_submissions",
    )
    received_at = models.DateTimeField("reçue le", auto_now_add=True)
    # What the first sending wrote (ids of the records) and the warnings it got, answered again
    # to a retry.
    result = models.JSONField("enregistrements", default=dict, blank=True)

    class Meta:
        verbose_name = "saisie envoyée hors ligne"
        verbose_name_plural = "saisies envoyées hors ligne"
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.client_uuid}"


# Changes to personal data are journalled by django-auditlog; reads by rl_portal.audit.
# Identifying values are half-masked in the journal: it must not become a second directory.
auditlog.register(
    Person,
    exclude_fields=["updated_at", "version", "search_key"],
    mask_fields=["last_name", "birth_date", "phone", "email"],
)
auditlog.register(CaseFile)
auditlog.register(Household, exclude_fields=["updated_at", "version"])
auditlog.register(HouseholdMember)
auditlog.register(
    User, exclude_fields=["password", "last_login"], m2m_fields={"groups", "services"}
)
