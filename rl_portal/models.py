"""The shared domain: users and roles, services, territory, persons and households, partners,
funders and conventions, staff positions.

Every model that holds personal data has a QuerySet with `visible_to(user)`: the one way views,
API and exports reach it.
"""

from __future__ import annotations

import datetime
import unicodedata
from decimal import Decimal

from auditlog.registry import auditlog
from concurrency.fields import AutoIncVersionField
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.functional import cached_property
from knox.models import AbstractAuthToken
from knox.settings import CONSTANTS

from rl_portal.roles import Role

DEVICE_MAX_LENGTH = 64

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


# --------------------------------------------------------------------------------------------
# Users
# --------------------------------------------------------------------------------------------


class User(AbstractUser):
    """A member of staff. Roles are Django groups (see `rl_portal.roles`); `services` scopes
    which persons' records the user may see."""

    services = models.ManyToManyField(
        Service, verbose_name="services", blank=True, related_name="members"
    )
    job_title = models.CharField("fonction", max_length=120, blank=True)

    objects = UserManager()

    class Meta(AbstractUser.Meta):
        verbose_name = "utilisateur"
        verbose_name_plural = "utilisateurs"
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @cached_property
    def roles(self) -> frozenset[Role]:
        """The user's roles, from their groups (one query, cached on the instance)."""
        names = set(self.groups.values_list("name", flat=True))
        return frozenset(role for role in Role if role.label in names)

    def has_role(self, *roles: Role) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def reads_all_services(self) -> bool:
        """Direction and administrators read every service's personal records."""
        return self.is_superuser or self.has_role(Role.DIRECTION, Role.ADMINISTRATEUR)

    @property
    def works_in_services(self) -> bool:
        """Field staff and chefs de service work on their own services' records."""
        return self.has_role(Role.EDUCATEUR, Role.CHEF_SERVICE)

    @cached_property
    def service_ids(self) -> frozenset[int]:
        return frozenset(self.services.values_list("pk", flat=True))

    @property
    def primary_role(self) -> Role | None:
        for role in Role.by_precedence():
            if role in self.roles:
                return role
        return Role.ADMINISTRATEUR if self.is_superuser else None


class ApiToken(AbstractAuthToken):
    """An API token (django-rest-knox: only its hash is stored), for one device of one user.

    It expires API_TOKEN_TTL_HOURS after it was issued; a new token for the same device replaces
    the old one; logging out of the site, changing one's password or being deactivated revokes
    every token of the user (rl_portal.tokens)."""

    # A plain id to name a token in URLs and lists: knox's key (the digest) must stay secret.
    id = models.BigAutoField(primary_key=True)
    digest = models.CharField(max_length=CONSTANTS.DIGEST_LENGTH, unique=True)
    device = models.CharField(
        "appareil",
        max_length=DEVICE_MAX_LENGTH,
        help_text="Nom de l'appareil ou du programme qui utilise le jeton.",
    )

    class Meta:
        verbose_name = "jeton d'API"
        verbose_name_plural = "jetons d'API"
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(fields=["user", "device"], name="api_token_one_per_device")
        ]

    def __str__(self) -> str:
        return f"{self.device} ({self.user})"


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
auditlog.register(Household, exclude_fields=["updated_at"])
auditlog.register(HouseholdMember)
auditlog.register(
    User, exclude_fields=["password", "last_login"], m2m_fields={"groups", "services"}
)
# Tokens are journalled by who created and revoked them, never by their secret parts.
auditlog.register(ApiToken, exclude_fields=["digest", "token_key"])
