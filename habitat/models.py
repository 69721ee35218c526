"""Habitat: CLLAJ, Tremplins Duo, ALT, FSL ASLL, ASL Jeunes ASE — housing stock, requests,
stays and rent, CLLAJ follow-ups, workshops, support measures.

Every record belongs to the habitat service: its staff see them all; the direction and the
administrators too; nobody else (`visible_to`)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from auditlog.registry import auditlog
from concurrency.fields import AutoIncVersionField
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from rl_portal.models import (
    Commune,
    Composition,
    Dispositif,
    Epci,
    Household,
    Partner,
    Person,
    ResourceType,
)

HOUSING_DISPOSITIFS = ("alt-jeunes", "alt-familles", "tremplins-duo")
MEASURE_DISPOSITIFS = ("fsl-asll", "asl-jeunes-ase")
CLLAJ_DISPOSITIFS = ("cllaj", "cllaj-ase")
HABITAT_SERVICE = "habitat"


class HabitatQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not user or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.reads_all_services:
            return self
        if not user.works_in_services:
            return self.none()
        if not user.services.filter(code=HABITAT_SERVICE).exists():
            return self.none()
        return self


class ActiveDuringQuerySet(HabitatQuerySet):
    start_field = "start"
    end_field = "end"

    def active_during(self, start: datetime.date, end: datetime.date):
        """Active in the period: start ≤ period end and (no end or end ≥ period start)."""
        return self.filter(
            Q(**{f"{self.end_field}__isnull": True}) | Q(**{f"{self.end_field}__gte": start}),
            **{f"{self.start_field}__lte": end},
        )


class OrienteurKind(models.TextChoices):
    MISSION_LOCALE = "mission_locale", "Mission locale"
    SSD_MDS = "ssd_mds", "SSD / MDS"
    ASE = "ase", "ASE"
    CCAS = "ccas", "CCAS"
    CHRS = "chrs", "CHRS / SIAO"
    BAILLEUR = "bailleur", "Bailleur"
    INTERNE = "interne", "Interne R&L"
    BOUCHE_A_OREILLE = "bouche_a_oreille", "Bouche à oreille"
    DEMARCHE_PERSONNELLE = "demarche_personnelle", "Démarche personnelle"
    AUTRE = "autre", "Autre"


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


# --------------------------------------------------------------------------------------------
# CLLAJ
# --------------------------------------------------------------------------------------------


class MeetingPlace(models.Model):
    """A lieu de rendez-vous of the CLLAJ (mission locale, CCAS, maison des services…)."""

    name = models.CharField("lieu", max_length=120, unique=True)
    address = models.CharField("adresse", max_length=200, blank=True)
    commune = models.ForeignKey(
        Commune, verbose_name="commune", on_delete=models.PROTECT, null=True, blank=True
    )
    is_active = models.BooleanField("actif", default=True)

    class Meta:
        verbose_name = "lieu de rendez-vous"
        verbose_name_plural = "lieux de rendez-vous"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CllajFile(models.Model):
    class Kind(models.TextChoices):
        AIO = "aio", "AIO seule (sans dossier)"
        FOLLOW_UP = "suivi", "Suivi dossier"

    class HousingSituation(models.TextChoices):
        FAMILY = "famille", "Chez les parents / la famille"
        HOSTED = "heberge", "Hébergé chez un tiers"
        TENANT = "locataire", "Locataire"
        INSTITUTION = "structure", "Structure / foyer"
        HOMELESS = "sans_abri", "Sans abri / rue"
        OTHER = "autre", "Autre"

    class Employment(models.TextChoices):
        CDI = "cdi", "CDI"
        CDD = "cdd", "CDD / intérim"
        TRAINING = "formation", "En formation / CEJ"
        STUDENT = "etudiant", "Étudiant / scolarisé"
        JOB_SEEKER = "demandeur_emploi", "Demandeur d'emploi"
        INACTIVE = "inactif", "Sans activité"

    class Problematique(models.TextChoices):
        HOUSING = "logement", "Logement"
        SHELTER = "hebergement", "Hébergement"
        FAMILY_BREAK = "rupture_familiale", "Rupture familiale"
        RESOURCES = "ressources", "Ressources"
        DEBT = "dettes", "Dettes / impayés"
        OTHER = "autre", "Autre"

    class Outcome(models.TextChoices):
        TRANSITIONAL = "relogement_transitoire", "Relogement transitoire"
        PUBLIC = "bailleur_public", "Relogement bailleurs publics"
        PRIVATE = "bailleur_prive", "Relogement bailleurs privés"
        MAINTAINED = "situation_maintenue", "Situation maintenue / informations données"

    person = models.ForeignKey(
        Person, verbose_name="jeune", on_delete=models.PROTECT, related_name="cllaj_files"
    )
    dispositif = models.ForeignKey(
        Dispositif,
        verbose_name="dispositif",
        on_delete=models.PROTECT,
        limit_choices_to={"code__in": CLLAJ_DISPOSITIFS},
        related_name="+",
    )
    kind = models.CharField("nature", max_length=6, choices=Kind.choices)
    date = models.DateField("date de la demande")
    # The descriptive answers the bilan counts: blank when nobody asked (« non renseigné »,
    # its own row in the tables), never a preselected value.
    orienteur_kind = models.CharField(
        "structure à l'origine de la demande",
        max_length=24,
        choices=OrienteurKind.choices,
        blank=True,
    )
    housing_situation = models.CharField(
        "situation logement", max_length=12, choices=HousingSituation.choices, blank=True
    )
    employment = models.CharField(
        "situation emploi", max_length=20, choices=Employment.choices, blank=True
    )
    resources = models.DecimalField(
        "ressources (€/mois)", max_digits=8, decimal_places=2, null=True, blank=True
    )
    problematique = models.CharField(
        "principale problématique", max_length=20, choices=Problematique.choices, blank=True
    )
    composition = models.CharField(
        "composition familiale", max_length=20, choices=Composition.choices, blank=True
    )
    is_qpv = models.BooleanField("réside en QPV", default=False)
    mission_locale = models.BooleanField("jeune suivi par la Mission locale", default=False)
    action_logement = models.BooleanField(
        "éligible Action Logement (salarié du privé)", default=False
    )
    outcome = models.CharField(
        "accès au logement", max_length=24, choices=Outcome.choices, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="saisi par",
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = HabitatQuerySet.as_manager()

    class Meta:
        verbose_name = "dossier CLLAJ"
        verbose_name_plural = "dossiers CLLAJ"
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.person} — {self.date:%d/%m/%Y}"


class CllajInterview(models.Model):
    class Mode(models.TextChoices):
        IN_PERSON = "physique", "En présentiel"
        REMOTE = "distance", "À distance"

    cllaj_file = models.ForeignKey(
        CllajFile, verbose_name="dossier CLLAJ", on_delete=models.CASCADE, related_name="interviews"
    )
    date = models.DateField("date")
    mode = models.CharField("modalité", max_length=10, choices=Mode.choices)
    place = models.ForeignKey(
        MeetingPlace, verbose_name="lieu", on_delete=models.PROTECT, null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="saisi par",
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = HabitatQuerySet.as_manager()

    class Meta:
        verbose_name = "entretien CLLAJ"
        verbose_name_plural = "entretiens CLLAJ"
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.cllaj_file.person} — {self.date:%d/%m/%Y}"


class CllajApplication(models.Model):
    class Kind(models.TextChoices):
        SOCIAL_HOUSING = "demande_logement_social", "Demande de logement social"
        CAF = "aide_logement_caf", "Aide au logement CAF"
        FSL_LNI = "fsl_lni", "FSL LNI"
        FSL_LI = "fsl_li", "FSL LI"
        CONTINGENT = "contingent_prefectoral", "Contingent préfectoral"
        DALO = "dalo", "DALO"
        VISALE = "visale", "Visale"
        LOCA_PASS = "loca_pass", "Loca-Pass"
        MOBILI_JEUNE = "mobili_jeune", "Mobili-Jeune"

    cllaj_file = models.ForeignKey(
        CllajFile,
        verbose_name="dossier CLLAJ",
        on_delete=models.CASCADE,
        related_name="applications",
    )
    kind = models.CharField("dossier", max_length=30, choices=Kind.choices)
    date = models.DateField("date")

    objects = HabitatQuerySet.as_manager()

    class Meta:
        verbose_name = "dossier constitué"
        verbose_name_plural = "dossiers constitués"

    def __str__(self) -> str:
        return self.get_kind_display()


class CllajOrientation(models.Model):
    class Target(models.TextChoices):
        ALT = "alt", "ALT"
        ASE_HOUSING = "hebergement_jeunes_ase", "Hébergement jeunes ASE"
        TREMPLINS = "tremplins", "Tremplins Duo"
        SIAO = "siao", "SIAO (115)"
        OTHER = "autre", "Autre"

    cllaj_file = models.ForeignKey(
        CllajFile,
        verbose_name="dossier CLLAJ",
        on_delete=models.CASCADE,
        related_name="orientations",
    )
    target = models.CharField("orientation", max_length=30, choices=Target.choices)
    date = models.DateField("date")

    objects = HabitatQuerySet.as_manager()

    class Meta:
        verbose_name = "orientation préconisée"
        verbose_name_plural = "orientations préconisées"

    def __str__(self) -> str:
        return self.get_target_display()


class HousingEvent(models.Model):
    """A workshop or an event of the CLLAJ (atelier logement, forum, SLJ, aller vers)."""

    class Kind(models.TextChoices):
        WORKSHOP = "atelier", "Atelier logement"
        FORUM = "forum", "Forum"
        SLJ = "slj", "Semaine du logement des jeunes"
        OUTREACH = "aller_vers", "Aller vers"
        TREMPLINS_ACTIVITY = "activite_tremplins", "Activité Tremplins Duo"

    kind = models.CharField("type", max_length=20, choices=Kind.choices)
    title = models.CharField("intitulé", max_length=120)
    date = models.DateField("date")
    place = models.CharField("lieu", max_length=120, blank=True)
    participants = models.ManyToManyField(
        Person, verbose_name="participants nommés", blank=True, related_name="housing_events"
    )
    headcount = models.PositiveIntegerField("participants (effectif anonyme)", default=0)
    qpv_headcount = models.PositiveIntegerField("dont résidant en QPV", default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="saisi par",
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = HabitatQuerySet.as_manager()

    class Meta:
        verbose_name = "atelier / événement"
        verbose_name_plural = "ateliers et événements"
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(qpv_headcount__lte=models.F("headcount")),
                name="event_qpv_within_headcount",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%d/%m/%Y})"


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
auditlog.register(HousingEvent, m2m_fields={"participants"})
