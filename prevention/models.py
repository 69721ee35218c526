"""Prévention spécialisée (SPS) and its mobile team (EMPS): hours, youths met, accompaniments,
collective actions, networks and territorial bodies.

SPS and EMPS are two dispositifs of the same records: every record names its dispositif, and a
user sees the records of the dispositifs of their services (`visible_to`)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from auditlog.registry import auditlog
from concurrency.fields import AutoIncVersionField
from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q

from reportkit import numbers
from reportkit.counting import DEPARTEMENT_BANDS
from rl_portal.models import Commune, Dispositif, Funder, Partner, Person, Quartier, Sex

PREVENTION_DISPOSITIFS = ("sps", "emps")


class Activity(models.TextChoices):
    """The Département's activity columns, in the order of its table."""

    TRAVAIL_DE_RUE = "travail_de_rue", "Travail de rue"
    PRESENCE_SOCIALE = "presence_sociale", "Présence sociale"
    ACCOMPAGNEMENT_INDIVIDUEL = "accompagnement_individuel", "Accompagnements individuels"
    ACTION_COLLECTIVE = "action_collective", "Actions collectives"
    FORMATION = "formation", "Formation"
    ECRITS_PROFESSIONNELS = "ecrits_professionnels", "Écrits professionnels"
    ACTIONS_PARTENARIALES = "actions_partenariales", "Actions et réunions partenariales"


class ContactMode(models.TextChoices):
    TRAVAIL_DE_RUE = "travail_de_rue", "Travail de rue"
    PRESENCE_SOCIALE = "presence_sociale", "Présence sociale"
    PROMENEUR_DU_NET = "promeneur_du_net", "Promeneur du net"


# The Département's age bands (age on the last day of the period) as choices: the codes and
# labels are reportkit's DEPARTEMENT_BANDS, where the reports count them.
AgeBand = models.TextChoices(
    "AgeBand",
    [
        (name, (code, label))
        for name, (code, label, _low, _high) in zip(
            ("UNDER_11", "FROM_11_TO_14", "FROM_15_TO_18", "FROM_19_TO_21", "OVER_21"),
            DEPARTEMENT_BANDS,
            strict=True,
        )
    ],
)


def _months_before(day: datetime.date, months: int) -> datetime.date:
    from dateutil.relativedelta import relativedelta

    return day - relativedelta(months=months)


class ScopedQuerySet(models.QuerySet):
    """Records visible to a user: those of the dispositifs of their services (SPS for the
    prevention service, EMPS for the EMPS service); all for direction and administrators;
    none for the secrétariat, which reads aggregated reports only."""

    dispositif_lookup = "dispositif"

    def visible_to(self, user):
        if not user or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.reads_all_services:
            return self
        if not user.works_in_services:
            return self.none()
        return self.filter(**{f"{self.dispositif_lookup}__service_id__in": user.service_ids})

    def during(self, start: datetime.date, end: datetime.date):
        return self.filter(date__gte=start, date__lte=end)


def prevention_dispositifs():
    return Dispositif.objects.filter(code__in=PREVENTION_DISPOSITIFS)


def _dispositif_field():
    return models.ForeignKey(
        Dispositif,
        verbose_name="dispositif",
        on_delete=models.PROTECT,
        limit_choices_to={"code__in": PREVENTION_DISPOSITIFS},
        related_name="+",
    )


# --------------------------------------------------------------------------------------------
# Référentiels
# --------------------------------------------------------------------------------------------


class Problematique(models.Model):
    """The two-level référentiel "Problématiques du jeune à l'origine de l'accompagnement":
    categories (no parent) and their sub-problématiques."""

    parent = models.ForeignKey(
        "self",
        verbose_name="catégorie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    name = models.CharField("intitulé", max_length=120)
    description = models.CharField("précisions", max_length=400, blank=True)
    position = models.PositiveSmallIntegerField("ordre", default=0)
    is_active = models.BooleanField("actif", default=True)

    class Meta:
        verbose_name = "problématique"
        verbose_name_plural = "problématiques"
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="problematique_unique")
        ]

    def __str__(self) -> str:
        return f"{self.parent.name} — {self.name}" if self.parent_id else self.name


# --------------------------------------------------------------------------------------------
# Time
# --------------------------------------------------------------------------------------------


class TimeEntryQuerySet(ScopedQuerySet):
    pass


class TimeEntry(models.Model):
    """Hours an éducateur spent on one activity on one day."""

    educator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="éducateur",
        on_delete=models.PROTECT,
        related_name="time_entries",
    )
    dispositif = _dispositif_field()
    date = models.DateField("date")
    hours = models.DecimalField(
        "heures", max_digits=4, decimal_places=2, validators=[MinValueValidator(Decimal("0.25"))]
    )
    activity = models.CharField("activité", max_length=32, choices=Activity.choices)
    # Street work done on the social networks (« promeneur du net »): counted in travail de
    # rue in the Département's grid and printed on its own beside it.
    online = models.BooleanField("en ligne (promeneur du net)", default=False)
    commune = models.ForeignKey(
        Commune, verbose_name="commune", on_delete=models.PROTECT, null=True, blank=True
    )
    quartier = models.ForeignKey(
        Quartier, verbose_name="quartier", on_delete=models.PROTECT, null=True, blank=True
    )
    accompaniment = models.ForeignKey(
        "Accompaniment",
        verbose_name="accompagnement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="time_entries",
    )
    action = models.ForeignKey(
        "CollectiveAction",
        verbose_name="action collective",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="time_entries",
    )
    note = models.CharField("note", max_length=300, blank=True)
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    version = AutoIncVersionField("version")

    objects = TimeEntryQuerySet.as_manager()

    class Meta:
        verbose_name = "temps saisi"
        verbose_name_plural = "temps saisis"
        permissions = [("record_time_for_others", "Saisir le temps d'un autre éducateur")]
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["dispositif", "date", "activity"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(hours__lte=24), name="time_entry_hours_range"
            ),
            models.CheckConstraint(
                condition=Q(online=False) | Q(activity="travail_de_rue"),
                name="time_entry_online_is_street_work",
            ),
        ]

    def __str__(self) -> str:
        hours = numbers.trimmed(self.hours)
        return f"{self.date:%d/%m/%Y} — {self.get_activity_display()} — {hours} h"


# --------------------------------------------------------------------------------------------
# Youths met
# --------------------------------------------------------------------------------------------


class ContactQuerySet(ScopedQuerySet):
    pass


class Contact(models.Model):
    """A youth met on a date (recorded when known by name or pseudonym)."""

    person = models.ForeignKey(
        Person, verbose_name="jeune", on_delete=models.PROTECT, related_name="prevention_contacts"
    )
    dispositif = _dispositif_field()
    date = models.DateField("date")
    mode = models.CharField("mode", max_length=20, choices=ContactMode.choices)
    educator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="éducateur",
        on_delete=models.PROTECT,
        related_name="prevention_contacts",
    )
    commune = models.ForeignKey(
        Commune, verbose_name="commune", on_delete=models.PROTECT, null=True, blank=True
    )
    quartier = models.ForeignKey(
        Quartier, verbose_name="quartier", on_delete=models.PROTECT, null=True, blank=True
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    # Corrections are versioned: two people correcting one meeting never overwrite each other.
    version = AutoIncVersionField("version")

    objects = ContactQuerySet.as_manager()

    class Meta:
        verbose_name = "rencontre"
        verbose_name_plural = "rencontres"
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["dispositif", "date", "mode"])]

    def __str__(self) -> str:
        return f"{self.person} — {self.date:%d/%m/%Y} ({self.get_mode_display()})"


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

    objects = WorkedDomainQuerySet.as_manager()

    class Meta:
        verbose_name = "domaine travaillé"
        verbose_name_plural = "domaines travaillés"
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_domain_display()} ({self.date:%d/%m/%Y})"


# --------------------------------------------------------------------------------------------
# Collective actions
# --------------------------------------------------------------------------------------------


class CollectiveActionQuerySet(ScopedQuerySet):
    def during(self, start: datetime.date, end: datetime.date):
        """Actions with a session in the period."""
        sessions = ActionSession.objects.filter(
            action=OuterRef("pk"), date__gte=start, date__lte=end
        )
        return self.filter(Exists(sessions))


class CollectiveAction(models.Model):
    class Kind(models.TextChoices):
        ACTION_COLLECTIVE = "action_collective", "Action collective"
        SORTIE = "sortie", "Sortie"
        SEJOUR = "sejour", "Séjour"
        DSL = "dsl", "Développement social local (DSL)"
        PARENTALITE = "parentalite", "Parentalité"
        PARTENARIALE = "action_partenariale", "Action partenariale"
        DIAGNOSTIC = "diagnostic", "Diagnostic territorial partagé"

    dispositif = _dispositif_field()
    title = models.CharField("intitulé", max_length=160)
    kind = models.CharField("type", max_length=24, choices=Kind.choices)
    commune = models.ForeignKey(Commune, verbose_name="commune", on_delete=models.PROTECT)
    partners = models.ManyToManyField(
        Partner, verbose_name="partenaires", blank=True, related_name="collective_actions"
    )
    funders = models.ManyToManyField(
        Funder, verbose_name="financements", blank=True, related_name="collective_actions"
    )
    participants = models.ManyToManyField(
        Person, verbose_name="participants nommés", blank=True, related_name="collective_actions"
    )
    families = models.PositiveIntegerField("familles impliquées", default=0)
    initiated_by_service = models.BooleanField(
        "à l'initiative du service",
        default=True,
        help_text="Décoché : le service s'associe à une action initiée par un partenaire "
        "(DSL « en associé »).",
    )
    description = models.TextField("description", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="créée par",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)
    version = AutoIncVersionField("version")

    objects = CollectiveActionQuerySet.as_manager()

    class Meta:
        verbose_name = "action collective"
        verbose_name_plural = "actions collectives"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.commune.name})"


class ActionSession(models.Model):
    action = models.ForeignKey(
        CollectiveAction, verbose_name="action", on_delete=models.CASCADE, related_name="sessions"
    )
    date = models.DateField("date")
    days = models.PositiveSmallIntegerField(
        "jours", default=1, help_text="Plus d'un jour pour un séjour."
    )

    class Meta:
        verbose_name = "séance"
        verbose_name_plural = "séances"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y}"


class Headcount(models.Model):
    """Anonymous participants of an action: how many, per age band and sex."""

    action = models.ForeignKey(
        CollectiveAction, verbose_name="action", on_delete=models.CASCADE, related_name="headcounts"
    )
    age_band = models.CharField("tranche d'âge", max_length=10, choices=AgeBand.choices)
    sex = models.CharField("sexe", max_length=2, choices=Sex.choices, default=Sex.UNKNOWN)
    count = models.PositiveIntegerField("nombre", validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = "effectif anonyme"
        verbose_name_plural = "effectifs anonymes"
        constraints = [
            models.UniqueConstraint(fields=["action", "age_band", "sex"], name="headcount_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_age_band_display()} {self.get_sex_display()} : {self.count}"


# --------------------------------------------------------------------------------------------
# Networks and territorial bodies
# --------------------------------------------------------------------------------------------


class NetworkReception(models.Model):
    """Youths received for a partner network (MDS, ADAE réparations, collèges, TIG, stages)."""

    class Network(models.TextChoices):
        MDS = "mds", "MDS — jeunes en attente de solutions"
        ADAE = "adae_reparation", "ADAE — mesures de réparation"
        EXCLUSION = "college_exclusion", "Collèges — mesures d'exclusion"
        RESPONSABILISATION = (
            "college_responsabilisation",
            "Collèges — mesures de responsabilisation",
        )
        TIG = "tig", "Justice — TIG éducatif"
        STAGE = "stage", "Stages"

    dispositif = _dispositif_field()
    network = models.CharField("réseau", max_length=30, choices=Network.choices)
    partner = models.ForeignKey(
        Partner, verbose_name="partenaire", on_delete=models.PROTECT, null=True, blank=True
    )
    date = models.DateField("date (ou début)")
    youths = models.PositiveIntegerField("jeunes accueillis", validators=[MinValueValidator(1)])
    days = models.DecimalField(
        "jours",
        max_digits=5,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(0)],
    )
    hours = models.DecimalField(
        "heures",
        max_digits=6,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(0)],
    )
    note = models.CharField("précisions", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="saisi par",
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "accueil en réseau"
        verbose_name_plural = "accueils en réseau"
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(days__gt=0) | Q(hours__gt=0), name="network_reception_has_duration"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_network_display()} — {self.date:%d/%m/%Y}"


class InstanceMeeting(models.Model):
    """A meeting of a territorial body the service takes part in (CLS, CISPD…)."""

    class Instance(models.TextChoices):
        CLS = "cls", "CLS"
        CISPD = "cispd", "CISPD"
        CLSPD = "clspd", "CLSPD"
        AUTRE = "autre", "Autre instance"

    dispositif = _dispositif_field()
    instance = models.CharField("instance", max_length=10, choices=Instance.choices)
    name = models.CharField("nom", max_length=120, help_text="Par exemple « CISPD CAHC ».")
    field = models.CharField("champ d'intervention", max_length=60, default="Prévention")
    date = models.DateField("date")
    commune = models.ForeignKey(
        Commune, verbose_name="commune", on_delete=models.PROTECT, null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="saisi par",
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "réunion d'instance"
        verbose_name_plural = "réunions d'instances"
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} — {self.date:%d/%m/%Y}"


auditlog.register(TimeEntry, exclude_fields=["version"])
auditlog.register(Contact, exclude_fields=["version"])
auditlog.register(
    Accompaniment, exclude_fields=["updated_at", "version"], m2m_fields={"problematiques"}
)
auditlog.register(CoAccompaniment)
auditlog.register(Reorientation)
auditlog.register(WorkedDomain)
auditlog.register(
    CollectiveAction, exclude_fields=["updated_at", "version"], m2m_fields={"participants"}
)
auditlog.register(NetworkReception)
auditlog.register(InstanceMeeting)
