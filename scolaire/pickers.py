"""The homework help's person picker (rl_portal/widgets.py): the children the scolaire team
enrols, found among those known to its service, told apart by their last school class and
school (two "Enzo" in 4e are not in the same collège). Registered when the app is ready."""

from __future__ import annotations

from django.db.models import Case, CharField, Exists, Max, OuterRef, Subquery, Value, When
from django.db.models.functions import Concat

from rl_portal.models import Person
from rl_portal.widgets import PersonPicker, register_person_picker
from scolaire import perms
from scolaire.models import Enrolment


def scolaire_children(user):
    """The persons known to the scolaire team (visible to the user), for its team only."""
    if not perms.can_record(user):
        return Person.objects.none()
    return Person.objects.visible_to(user)


def last_class():
    """« en 4e, Collège Jean Jaurès »: the level and school of the child's latest enrolment
    (empty for a child never enrolled)."""
    latest = Enrolment.objects.filter(child=OuterRef("pk")).order_by("-start", "-pk")
    school = (
        latest.filter(school__isnull=False)
        .annotate(text=Concat(Value(", "), "school__name", output_field=CharField()))
        .values("text")[:1]
    )
    # Concat reads a missing school as "" (on SQLite and PostgreSQL alike).
    return Case(
        When(
            Exists(latest),
            then=Concat(
                Value("en "),
                Subquery(latest.values("level")[:1]),
                Subquery(school),
                output_field=CharField(),
            ),
        ),
        default=Value(""),
        output_field=CharField(),
    )


def register() -> None:
    register_person_picker(
        PersonPicker(
            name="scolaire-children",
            persons=scolaire_children,
            last_seen=lambda: Max("enrolments__start"),
            last_seen_label="inscrit le",
            detail=last_class,
        )
    )
