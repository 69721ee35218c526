"""The CLLAJ: files, interviews, applications and orientations."""

from __future__ import annotations

from concurrency.fields import AutoIncVersionField
from django.conf import settings
from django.db import models
from django.db.models import Q

from habitat.models.common import (
    CLLAJ_DISPOSITIFS,
    HabitatQuerySet,
    OrienteurKind,
)
from rl_portal.models import (
    Commune,
    Composition,
    Dispositif,
    Person,
)

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
    # Yes, no or « non renseigné » (None): the bilan's zooms (QPV, Mission locale, Action
    # Logement) count the yeses; an answer nobody gave is never stored as a no.
    is_qpv = models.BooleanField("réside en QPV", null=True, blank=True)
    mission_locale = models.BooleanField("jeune suivi par la Mission locale", null=True, blank=True)
    action_logement = models.BooleanField(
        "éligible Action Logement (salarié du privé)", null=True, blank=True
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

    # Corrected in the pages: a concurrent change is refused, never overwritten.
    version = AutoIncVersionField("version")

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

    # Corrected in the pages: a concurrent change is refused, never overwritten.
    version = AutoIncVersionField("version")

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

    # Corrected in the pages: a concurrent change is refused, never overwritten.
    version = AutoIncVersionField("version")

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

    # Corrected in the pages: a concurrent change is refused, never overwritten.
    version = AutoIncVersionField("version")

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
    # Corrected in the pages: two corrections made at once must not overwrite each other.
    version = AutoIncVersionField("version")

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
