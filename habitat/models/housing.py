"""Housing stock, requests, stays and rent."""

from __future__ import annotations

from decimal import Decimal

from concurrency.fields import AutoIncVersionField
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from habitat.models.common import (
    HOUSING_DISPOSITIFS,
    ActiveDuringQuerySet,
    HabitatQuerySet,
    OrienteurKind,
)
from rl_portal.models import (
    Commune,
    Composition,
    Dispositif,
    Household,
    Partner,
    Person,
    ResourceType,
)

# --------------------------------------------------------------------------------------------
# Housing stock, requests, stays, rent
# --------------------------------------------------------------------------------------------


class HousingUnit(models.Model):
    class Typology(models.TextChoices):
        T1 = "T1", "T1"
        T1_BIS = "T1bis", "T1 bis"
        T2 = "T2", "T2"
        T3 = "T3", "T3"
        T4 = "T4", "T4"
        T5 = "T5+", "T5 et plus"

    class Public(models.TextChoices):
        ADULTS = "majeurs", "Majeurs"
        MINORS = "mineurs", "Mineurs"

    label = models.CharField(
        "désignation", max_length=80, help_text="Par exemple « Carvin T2 n° 3 »."
    )
    address = models.CharField("adresse", max_length=200)
    commune = models.ForeignKey(Commune, verbose_name="commune", on_delete=models.PROTECT)
    typology = models.CharField("typologie", max_length=6, choices=Typology.choices)
    landlord = models.ForeignKey(
        Partner,
        verbose_name="bailleur",
        on_delete=models.PROTECT,
        limit_choices_to={"kind": Partner.Kind.BAILLEUR},
        related_name="housing_units",
    )
    dispositif = models.ForeignKey(
        Dispositif,
        verbose_name="dispositif",
        on_delete=models.PROTECT,
        limit_choices_to={"code__in": HOUSING_DISPOSITIFS},
        related_name="+",
    )
    places = models.PositiveSmallIntegerField(
        "places", default=1, validators=[MinValueValidator(1)]
    )
    lease_start = models.DateField("début du bail")
    lease_end = models.DateField("fin du bail", null=True, blank=True)
    public = models.CharField(
        "public des places",
        max_length=8,
        choices=Public.choices,
        blank=True,
        help_text="Tremplins Duo : places pour majeurs ou pour mineurs.",
    )
    version = AutoIncVersionField("version")

    objects = HabitatQuerySet.as_manager()

    class Meta:
        verbose_name = "logement"
        verbose_name_plural = "logements"
        ordering = ["commune__name", "label"]
        constraints = [
            models.CheckConstraint(
                condition=Q(lease_end__isnull=True) | Q(lease_end__gte=models.F("lease_start")),
                name="unit_lease_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.label


class UnitUnavailability(models.Model):
    """A period when a unit cannot be let (works, furnishing): it does not count as available."""

    unit = models.ForeignKey(HousingUnit, on_delete=models.CASCADE, related_name="unavailabilities")
    start = models.DateField("début")
    end = models.DateField("fin")
    reason = models.CharField("motif", max_length=120, default="Travaux / ameublement")
    version = AutoIncVersionField("version")

    objects = HabitatQuerySet.as_manager()

    class Meta:
        verbose_name = "indisponibilité"
        verbose_name_plural = "indisponibilités"
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="unavailability_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} : {self.start:%d/%m/%Y} → {self.end:%d/%m/%Y}"

    def clean(self) -> None:
        # Overlapping periods would take the same days off twice in the occupancy rate.
        if self.start and self.end and self.unit_id:
            if self.end < self.start:
                raise ValidationError({"end": "La fin précède le début."})
            overlapping = UnitUnavailability.objects.filter(
                unit_id=self.unit_id, start__lte=self.end, end__gte=self.start
            ).exclude(pk=self.pk)
            if overlapping.exists():
                raise ValidationError(
                    "Cette période chevauche une autre indisponibilité du logement."
                )
            # Works take every place of the unit off the available days: a place occupied then
            # would count more occupied days than available ones (occupancy above 100 %).
            stay = (
                Stay.objects.filter(unit_id=self.unit_id, entry__lte=self.end)
                .filter(Q(exit__isnull=True) | Q(exit__gte=self.start))
                .order_by("entry")
                .first()
            )
            if stay is not None:
                until = f"au {stay.exit:%d/%m/%Y}" if stay.exit else "à ce jour"
                raise ValidationError(
                    f"La place {stay.place} du logement est occupée du {stay.entry:%d/%m/%Y} "
                    f"{until} : une indisponibilité (travaux, ameublement) ne peut pas couvrir "
                    "un séjour. Enregistrez-la avant l'entrée ou après la sortie."
                )


class HousingRequest(models.Model):
    """A request (demande, préadmission) for a housing dispositif."""

    class Decision(models.TextChoices):
        PENDING = "en_attente", "En attente"
        ADMITTED = "admis", "Admis"
        REFUSED = "refuse", "Refusé"
        DROPPED = "sans_suite", "Sans suite"

    class Reason(models.TextChoices):
        FAMILY_BREAK = "rupture_familiale", "Rupture familiale"
        END_OF_CARE = "fin_prise_en_charge", "Fin de prise en charge ASE"
        HOMELESS = "sans_logement", "Sans logement"
        HOSTED = "hebergement_tiers", "Hébergé chez un tiers"
        UNSUITABLE = "logement_inadapte", "Logement inadapté"
        WORK = "emploi_formation", "Emploi / formation"
        OTHER = "autre", "Autre"

    person = models.ForeignKey(
        Person, verbose_name="demandeur", on_delete=models.PROTECT, related_name="housing_requests"
    )
    household = models.ForeignKey(
        Household, verbose_name="ménage", on_delete=models.PROTECT, null=True, blank=True
    )
    dispositif = models.ForeignKey(
        Dispositif,
        verbose_name="dispositif",
        on_delete=models.PROTECT,
        limit_choices_to={"code__in": HOUSING_DISPOSITIFS},
        related_name="+",
    )
    date = models.DateField("date de la demande")
    orienteur = models.ForeignKey(
        Partner,
        verbose_name="orienteur",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    orienteur_kind = models.CharField(
        "type d'orienteur", max_length=24, choices=OrienteurKind.choices
    )
    reason = models.CharField("motif", max_length=24, choices=Reason.choices)
    composition = models.CharField(
        "typologie du public", max_length=20, choices=Composition.choices
    )
    decision = models.CharField(
        "décision", max_length=12, choices=Decision.choices, default=Decision.PENDING
    )
    decided_on = models.DateField("date de décision", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="saisie par",
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = HabitatQuerySet.as_manager()

    class Meta:
        verbose_name = "demande"
        verbose_name_plural = "demandes"
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.person} — {self.date:%d/%m/%Y}"


class StayQuerySet(ActiveDuringQuerySet):
    start_field = "entry"
    end_field = "exit"


class Stay(models.Model):
    """A person (or household) housed in a place of a unit, from entry to exit."""

    class ExitReason(models.TextChoices):
        PUBLIC = "parc_public", "Logement parc public"
        PRIVATE = "parc_prive", "Logement parc privé"
        AUTONOMY = "autonomie", "Autonomie (autre logement autonome)"
        FAMILY = "retour_famille", "Retour en famille"
        HOSTED = "heberge", "Hébergé (tiers, structure)"
        NO_SOLUTION = "sans_solution", "Sans solution"
        NON_COLLABORATION = "non_collaboration", "Fin pour non-collaboration"
        LEFT = "depart_sans_prevenir", "Départ sans prévenir"

    class Origin(models.TextChoices):
        FAMILY = "famille", "Famille"
        FAMILY_BREAK = "rupture_familiale", "Rupture familiale"
        MECS = "mecs", "MECS / foyer ASE"
        FOSTER = "famille_accueil", "Famille d'accueil"
        STREET = "rue", "Rue / sans abri"
        HOSTED = "heberge", "Hébergé chez un tiers"
        INSTITUTION = "structure", "Structure d'hébergement"
        OTHER = "autre", "Autre"

    class Mobility(models.TextChoices):
        PUBLIC_TRANSPORT = "transports", "Abonnement bus / transports en commun"
        LICENCE = "permis", "Permis de conduire"
        LEARNING = "permis_en_cours", "Permis en préparation (code, conduite)"
        TWO_WHEELS = "deux_roues", "Vélo, trottinette"
        CAR = "vehicule", "Véhicule personnel"
        NONE = "aucun", "Aucun moyen de déplacement"

    class Step(models.TextChoices):
        ASL = "asl", "Mesure d'accompagnement ASL jeunes majeurs"
        FSL_INSTALLATION = "fsl_installation", "Aide FSL première installation"
        NUD = "nud", "Demande de logement social (numéro unique)"
        VISALE = "visale", "Garantie Visale"
        LOCA_PASS = "loca_pass", "Loca-Pass"

    class ExitSupport(models.TextChoices):
        FSL = "fsl_asll", "Mesure FSL ASLL"
        ASL = "asl", "Mesure ASL Jeunes ASE"
        CLLAJ = "cllaj", "Suivi CLLAJ"
        PROTECTION = "protection", "Mesure de protection / MASP"
        OTHER = "autre", "Autre accompagnement"
        NONE = "aucun", "Sans accompagnement"

    unit = models.ForeignKey(
        HousingUnit, verbose_name="logement", on_delete=models.PROTECT, related_name="stays"
    )
    place = models.PositiveSmallIntegerField("place", default=1, validators=[MinValueValidator(1)])
    person = models.ForeignKey(
        Person, verbose_name="personne", on_delete=models.PROTECT, related_name="stays"
    )
    household = models.ForeignKey(
        Household, verbose_name="ménage", on_delete=models.PROTECT, null=True, blank=True
    )
    entry = models.DateField("entrée")
    planned_exit = models.DateField("sortie prévue", null=True, blank=True)
    exit = models.DateField("sortie", null=True, blank=True)
    exit_reason = models.CharField(
        "motif / destination de sortie", max_length=24, choices=ExitReason.choices, blank=True
    )
    origin = models.CharField(
        "origine de l'hébergement", max_length=20, choices=Origin.choices, blank=True
    )
    resources_entry = models.DecimalField(
        "ressources à l'entrée (€/mois)", max_digits=8, decimal_places=2, null=True, blank=True
    )
    resource_type_entry = models.CharField(
        "ressource principale à l'entrée", max_length=24, choices=ResourceType.choices, blank=True
    )
    resources_exit = models.DecimalField(
        "ressources à la sortie (€/mois)", max_digits=8, decimal_places=2, null=True, blank=True
    )
    resource_type_exit = models.CharField(
        "ressource principale à la sortie", max_length=24, choices=ResourceType.choices, blank=True
    )
    majority_on = models.DateField(
        "passage mineur → majeur", null=True, blank=True, help_text="Tremplins Duo."
    )
    prolongation_requests = models.PositiveSmallIntegerField(
        "demandes de prolongation (FAL)", default=0
    )
    mobility = models.CharField(
        "mobilité",
        max_length=16,
        choices=Mobility.choices,
        blank=True,
        help_text="Principal moyen de déplacement du jeune (Tremplins Duo).",
    )
    steps = models.JSONField(
        "démarches effectuées",
        default=list,
        blank=True,
        help_text="Démarches faites pendant le séjour : ASL, FSL première installation, "
        "numéro unique…",
    )
    exit_support = models.CharField(
        "accompagnement à la sortie",
        max_length=12,
        choices=ExitSupport.choices,
        blank=True,
    )
    # Who entered the stay: the author (or a chef de service) deletes one entered by mistake.
    # Blank for stays entered before it was recorded (the chef de service deletes those).
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="saisi par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    version = AutoIncVersionField("version")

    objects = StayQuerySet.as_manager()

    class Meta:
        verbose_name = "séjour"
        verbose_name_plural = "séjours"
        ordering = ["-entry", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(exit__isnull=True) | Q(exit__gte=models.F("entry")),
                name="stay_exit_after_entry",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.unit} ({self.entry:%d/%m/%Y})"

    def clean(self) -> None:
        """A stay lies within its unit's lease and outside its works: otherwise it would count
        occupied days on a place that was not available (occupancy above 100 %)."""
        if not isinstance(self.steps, list) or any(
            step not in self.Step.values for step in self.steps
        ):
            raise ValidationError({"steps": "Démarche inconnue."})
        if not self.unit_id or not self.entry:
            return
        unit = self.unit
        if self.entry < unit.lease_start or (unit.lease_end and self.entry > unit.lease_end):
            raise ValidationError({"entry": "L'entrée tombe en dehors du bail de ce logement."})
        if self.exit and unit.lease_end and self.exit > unit.lease_end:
            raise ValidationError(
                {
                    "exit": "La sortie ne peut pas suivre la fin du bail du logement "
                    f"({unit.lease_end:%d/%m/%Y}) : enregistrez la sortie au plus tard ce jour-là."
                }
            )
        # An open stay is checked on its entry day (works planned later are refused when
        # recorded, or by the exit that would cover them).
        works = (
            UnitUnavailability.objects.filter(
                unit=unit, end__gte=self.entry, start__lte=self.exit or self.entry
            )
            .order_by("start")
            .first()
        )
        if works is not None:
            raise ValidationError(
                {
                    "entry": f"Le logement est indisponible du {works.start:%d/%m/%Y} au "
                    f"{works.end:%d/%m/%Y} ({works.reason.lower()}) : un séjour ne peut pas "
                    "couvrir ces jours."
                }
            )


class MonthlyRent(models.Model):
    """Rent due and paid for a stay and a month (arrears = due − paid)."""

    stay = models.ForeignKey(Stay, on_delete=models.CASCADE, related_name="rents")
    month = models.DateField("mois", help_text="Le premier jour du mois.")
    due = models.DecimalField(
        "dû (€)", max_digits=8, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    paid = models.DecimalField(
        "payé (€)",
        max_digits=8,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )

    objects = HabitatQuerySet.as_manager()

    class Meta:
        verbose_name = "loyer"
        verbose_name_plural = "loyers"
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(fields=["stay", "month"], name="rent_once_per_month")
        ]

    def __str__(self) -> str:
        return f"{self.stay} — {self.month:%m/%Y}"
