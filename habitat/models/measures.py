"""Support measures (FSL ASLL, ASL Jeunes ASE) and their home visits."""

from __future__ import annotations

from decimal import Decimal

from auditlog.registry import auditlog
from concurrency.fields import AutoIncVersionField
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from habitat.models.cllaj import (
    CllajApplication,
    CllajFile,
    CllajInterview,
    CllajOrientation,
    HousingEvent,
)
from habitat.models.common import (
    MEASURE_DISPOSITIFS,
    ActiveDuringQuerySet,
    HabitatQuerySet,
    OrienteurKind,
)
from habitat.models.housing import (
    HousingRequest,
    HousingUnit,
    MonthlyRent,
    Stay,
    UnitUnavailability,
)
from rl_portal.models import (
    Composition,
    Dispositif,
    Epci,
    Household,
    Person,
    ResourceType,
)

# --------------------------------------------------------------------------------------------
# Support measures (FSL ASLL, ASL Jeunes ASE)
# --------------------------------------------------------------------------------------------


class MeasureQuerySet(ActiveDuringQuerySet):
    pass


class SupportMeasure(models.Model):
    class ApplicationOrAid(models.TextChoices):
        BANQUE_DE_FRANCE = "banque_de_france", "Dossier Banque de France"
        CSS = "css", "Complémentaire santé solidaire"
        TAXES = "impots", "Impôts"
        GUARDIANSHIP = "tutelle", "Mesure de protection / MASP"
        NUD = "nud", "Demande de logement social (NUD)"
        CONTINGENT = "contingent", "Contingent préfectoral"
        SOLVENCY = "fonds_solvabilisation", "Fonds de solvabilisation"
        FSL = "fsl", "Aide FSL (accès, maintien, énergie)"
        FAJ = "faj", "Fonds d'aide aux jeunes (FAJ)"
        AFASE = "afase", "Aide financière ASE (AFASE)"
        OTHER = "aide_financiere", "Autre demande d'aide financière"

    class Kind(models.TextChoices):
        ASLL = "asll", "FSL ASLL"
        SIMPLE = "simple", "ASL simple"
        REINFORCED = "renforcee", "ASL renforcée"

    class EndReason(models.TextChoices):
        OBJECTIVES = "objectifs_atteints", "Objectifs atteints"
        PARTIAL = "objectifs_partiels", "Objectifs partiellement atteints"
        NON_ADHESION = "non_adhesion", "Non-adhésion"
        MOVED = "demenagement", "Déménagement"
        REORIENTATION = "reorientation", "Réorientation"
        OTHER = "autre", "Autre"

    class Reason(models.TextChoices):
        ACCESS = "acces_logement", "Accès au logement"
        MAINTENANCE = "maintien_logement", "Maintien dans le logement"
        ARREARS = "impayes", "Impayés de loyer / d'énergie"
        BUDGET = "gestion_budget", "Gestion du budget"
        APPROPRIATION = "appropriation", "Appropriation du logement"
        OTHER = "autre", "Autre"

    class Partner(models.TextChoices):
        DEPARTEMENT = "departement", "MDS / services du Département"
        MISSION_LOCALE = "mission_locale", "Mission locale"
        CLLAJ = "cllaj", "CLLAJ"
        LANDLORD = "bailleur", "Bailleurs sociaux et privés"
        CAF = "caf", "CAF"
        CPAM = "cpam", "CPAM"
        ENERGY = "energie", "Fournisseurs d'énergie"
        SIAO = "siao", "SIAO"
        HEALTH = "sante", "Santé (médecins, PMI, structures de soins)"
        CHARITY = "caritatif", "Associations caritatives"
        EMPLOYMENT = "emploi", "France Travail, insertion professionnelle"
        TAXES = "impots", "Centre des impôts"
        BANK = "banque", "Établissements bancaires"
        OTHER = "autre", "Autre partenaire"

    class HousingOrigin(models.TextChoices):
        SOCIAL = "parc_social", "Locataire du parc social"
        PRIVATE = "parc_prive", "Locataire du parc privé"
        FOSTER = "famille_accueil", "Famille d'accueil"
        HOSTED = "heberge", "Hébergé (famille, tiers)"
        INSTITUTION = "structure", "Structure (MECS, FJT, ALT, Tremplins)"
        NONE = "sans_logement", "Sans logement"

    class Objective(models.TextChoices):
        ADMINISTRATIVE = "administratif", "Suivi administratif (CAF, impôts…)"
        BUDGET = "budget", "Gestion du budget"
        ACCESS = "acces", "Accès au logement"
        APPROPRIATION = "appropriation", "Appropriation du logement, droits et devoirs"
        MAINTENANCE = "maintien", "Maintien dans le logement"
        EMPLOYMENT = "insertion", "Insertion professionnelle"
        HEALTH = "sante", "Santé"
        MOBILITY = "mobilite", "Mobilité"

    person = models.ForeignKey(
        Person, verbose_name="personne", on_delete=models.PROTECT, related_name="support_measures"
    )
    household = models.ForeignKey(
        Household, verbose_name="ménage", on_delete=models.PROTECT, null=True, blank=True
    )
    dispositif = models.ForeignKey(
        Dispositif,
        verbose_name="dispositif",
        on_delete=models.PROTECT,
        limit_choices_to={"code__in": MEASURE_DISPOSITIFS},
        related_name="+",
    )
    epci = models.ForeignKey(Epci, verbose_name="territoire", on_delete=models.PROTECT)
    kind = models.CharField("nature", max_length=10, choices=Kind.choices)
    weight = models.DecimalField(
        "poids (points)",
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25"))],
        help_text="FSL : points de la mesure ; ASL : simple = 1, renforcée = 2.",
    )
    orienteur_kind = models.CharField("orienteur", max_length=24, choices=OrienteurKind.choices)
    notified_on = models.DateField("notification")
    start = models.DateField("début")
    planned_end = models.DateField(
        "échéance",
        null=True,
        blank=True,
        help_text="Fin prévue de la mesure (prolongations comprises).",
    )
    end = models.DateField("fin", null=True, blank=True)
    end_reason = models.CharField(
        "motif d'arrêt", max_length=24, choices=EndReason.choices, blank=True
    )
    reason = models.CharField(
        "motif principal de la demande", max_length=24, choices=Reason.choices
    )
    annex_difficulties = models.JSONField("difficultés annexes", default=list, blank=True)
    applications_and_aids = models.JSONField(
        "dossiers constitués et aides mobilisées", default=list, blank=True
    )
    objectives_set = models.PositiveSmallIntegerField("objectifs fixés", default=0)
    objectives_reached = models.PositiveSmallIntegerField("objectifs atteints", default=0)
    prolongations = models.PositiveSmallIntegerField("prolongations", default=0)
    resources = models.DecimalField(
        "ressources du ménage (€/mois)", max_digits=8, decimal_places=2, null=True, blank=True
    )
    resource_type = models.CharField(
        "ressource principale du ménage", max_length=24, choices=ResourceType.choices, blank=True
    )
    # Blank when not given (« non renseigné » in the bilans), never « personne seule » by default.
    composition = models.CharField(
        "composition familiale", max_length=20, choices=Composition.choices, blank=True
    )
    housing_origin = models.CharField(
        "origine du logement",
        max_length=16,
        choices=HousingOrigin.choices,
        blank=True,
        help_text="Situation de logement au début de la mesure (ASL Jeunes ASE).",
    )
    initial_objectives = models.JSONField("objectifs initiaux", default=list, blank=True)
    partners_contacted = models.JSONField("partenaires sollicités", default=list, blank=True)
    version = AutoIncVersionField("version")

    objects = MeasureQuerySet.as_manager()

    class Meta:
        verbose_name = "mesure d'accompagnement"
        verbose_name_plural = "mesures d'accompagnement"
        ordering = ["-start", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="measure_end_after_start",
            ),
            models.CheckConstraint(
                condition=(Q(end__isnull=True) & Q(end_reason=""))
                | (Q(end__isnull=False) & ~Q(end_reason="")),
                name="measure_end_reason_with_end",
            ),
            models.CheckConstraint(
                condition=Q(objectives_reached__lte=models.F("objectives_set")),
                name="measure_objectives",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.person} ({self.start:%d/%m/%Y})"

    # The lists of codes a measure holds, with the choices each accepts.
    CODE_LISTS = {
        "annex_difficulties": Reason,
        "applications_and_aids": ApplicationOrAid,
        "initial_objectives": Objective,
        "partners_contacted": Partner,
    }

    def clean(self) -> None:
        errors = {}
        for name, choices in self.CODE_LISTS.items():
            value = getattr(self, name)
            if not isinstance(value, list) or any(code not in choices.values for code in value):
                errors[name] = "Valeur inconnue dans la liste."
        if errors:
            raise ValidationError(errors)


class HomeVisit(models.Model):
    measure = models.ForeignKey(
        SupportMeasure, on_delete=models.CASCADE, related_name="home_visits"
    )
    date = models.DateField("date")
    # Who entered it: they (or a chef de service) correct or delete it; unknown for the visits
    # entered before the pages corrected them (then the chef de service does).
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="saisie par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Corrected in the pages: two corrections made at once must not overwrite each other.
    version = AutoIncVersionField("version")

    objects = HabitatQuerySet.as_manager()

    class Meta:
        verbose_name = "visite à domicile"
        verbose_name_plural = "visites à domicile"
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.measure} — {self.date:%d/%m/%Y}"


for model in (
    HousingUnit,
    UnitUnavailability,
    HousingRequest,
    Stay,
    MonthlyRent,
    CllajFile,
    CllajInterview,
    CllajApplication,
    CllajOrientation,
    SupportMeasure,
    HomeVisit,
):
    auditlog.register(model, exclude_fields=["version"])
auditlog.register(HousingEvent, exclude_fields=["version"], m2m_fields={"participants"})
