"""What habitat's models share: dispositif codes, the scoped querysets, the choices."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q

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
        if HABITAT_SERVICE not in user.service_codes:
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
