"""Data-protection jobs: what a person's export contains, and when a person counts as inactive.

Apps plug in here: each adds the records it holds about a person to EXPORT_SECTIONS, and the
dates that show activity to ACTIVITY_SOURCES, so that the export and the retention job cover
every app without knowing them."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.apps import apps
from django.db.models import DateField, Exists, Max, OuterRef, Q, Subquery
from django.db.models.functions import Cast, Coalesce, Greatest

from rl_portal.models import Person

# (model label, lookup from the model to the person, date field) — a record of that model dated
# after the cut-off keeps its person active.
ACTIVITY_SOURCES: list[tuple[str, str, str]] = [
    ("rl_portal.CaseFile", "person", "opened_on"),
]

# (model label, lookup from the model to the person, filter): a record matching the filter
# (an open accompaniment, a current stay…) keeps its person active whatever its dates.
ONGOING_SOURCES: list[tuple[str, str, dict]] = []

# Callables person -> (title, list of dicts): the sections of a person's export.
EXPORT_SECTIONS: list[Callable[[Person], tuple[str, list[dict]]]] = []

NEVER = datetime.date(1900, 1, 1)


def with_last_activity(queryset):
    """Annotate `last_activity`: the latest date of any record about the person, or the last
    change of the person's own record (one query, subqueries per source)."""
    dates = [Cast("updated_at", DateField())]
    for label, person_lookup, date_field in ACTIVITY_SOURCES:
        model = apps.get_model(label)
        latest = (
            model.objects.filter(**{person_lookup: OuterRef("pk")})
            .values(person_lookup)
            .annotate(latest=Max(date_field))
            .values("latest")
        )
        dates.append(Coalesce(Subquery(latest, output_field=DateField()), NEVER))
    return queryset.annotate(last_activity=Greatest(*dates) if len(dates) > 1 else dates[0])


def inactive_persons(*, since: datetime.date):
    """Persons not yet anonymised whose last activity is before `since`."""
    persons = with_last_activity(Person.objects.filter(anonymised_at__isnull=True)).filter(
        Q(last_activity__lt=since)
    )
    for label, person_lookup, ongoing_filter in ONGOING_SOURCES:
        model = apps.get_model(label)
        ongoing = model.objects.filter(**{person_lookup: OuterRef("pk")}, **ongoing_filter)
        persons = persons.exclude(Exists(ongoing))
    return persons


def person_export_data(person: Person) -> dict:
    """Everything the application holds about `person`, for a droit d'accès request."""
    data = {
        "personne": {
            "identifiant": person.pk,
            "pseudonyme": person.pseudonym,
            "nom": person.last_name,
            "sexe": person.get_sex_display(),
            "date_de_naissance": person.birth_date.isoformat() if person.birth_date else None,
            "annee_de_naissance": person.birth_year,
            "commune": person.commune.name if person.commune else None,
            "quartier": person.quartier.name if person.quartier else None,
            "parcours_ase": person.ase_history,
            "telephone": person.phone,
            "courriel": person.email,
            "cree_le": person.created_at.isoformat(),
            "modifie_le": person.updated_at.isoformat(),
        },
        "dossiers": [
            {
                "service": case_file.service.name,
                "premier_enregistrement": case_file.opened_on.isoformat(),
            }
            for case_file in person.case_files.select_related("service")
        ],
        "menages": [
            {
                "composition": household.get_composition_display(),
                "ressources_mensuelles": str(household.monthly_resources)
                if household.monthly_resources is not None
                else None,
                "ressource_principale": household.get_main_resource_type_display(),
                "membres": [member.person.pseudonym for member in household.memberships.all()],
            }
            for household in person.households.prefetch_related("memberships__person")
        ],
    }
    for section in EXPORT_SECTIONS:
        title, rows = section(person)
        data[title] = rows
    return data
