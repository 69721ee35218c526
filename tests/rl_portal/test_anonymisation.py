"""Anonymisation leaves no identity anywhere (issue 10, item 6): not in the records' free
texts, not in a household's label, not in the audit journal (its diffs, half-masked values and
the anonymisation's own entry) — checked by searching every text column of every table."""

import datetime

import pytest
from auditlog.context import set_actor
from django.apps import apps
from django.db import connection, models

from prevention import services as prevention_services
from prevention.models import NetworkReception
from rl_portal import services
from rl_portal.anonymisation import PERSON_RECORDS
from rl_portal.models import Household, HouseholdMember, Person, Service
from rl_portal.roles import Role
from scolaire import services as scolaire_services
from tests.prevention.factories import (
    AccompanimentFactory,
    CollectiveActionFactory,
    dispositif,
)
from tests.rl_portal.factories import PersonFactory, make_user
from tests.scolaire.factories import ProgrammeFactory

OLD_VALUES = ("yseult", "marchetti", "hetti", "yseult m.")


def stored_strings():
    """(table, column, text) of every text stored in the database, whatever the table: the
    tables are read from the database itself, not from a list of models."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            columns = [
                c.name for c in connection.introspection.get_table_description(cursor, table)
            ]
            quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
            cursor.execute(f"SELECT {quoted} FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    if isinstance(value, memoryview | bytes):
                        value = bytes(value).decode("utf-8", "replace")
                    if isinstance(value, dict | list):
                        import json

                        value = json.dumps(value, ensure_ascii=False)
                    if isinstance(value, str):
                        yield table, column, value


def mentions(values):
    return [
        (table, column, text)
        for table, column, text in stored_strings()
        if any(value in text.lower() for value in values)
    ]


@pytest.mark.django_db(transaction=False)
def test_anonymisation_leaves_no_identity_in_the_database():
    scolaire = make_user(Role.EDUCATEUR, "scolaire", "prevention", username="animatrice")
    direction = make_user(Role.DIRECTION, username="direction")
    with set_actor(scolaire):
        yseult = services.person_create(
            data={"pseudonym": "Yseult", "last_name": "Marchetti", "birth_year": 2013},
            service=Service.objects.get(code="scolaire"),
            by=scolaire,
        )
        yseult = services.person_update(
            person=yseult, data={"pseudonym": "Yseult M."}, version=yseult.version, by=scolaire
        )
        household = Household.objects.create(label="Famille Marchetti", composition="monoparentale")
        HouseholdMember.objects.create(household=household, person=yseult)
        enrolment = scolaire_services.enrolment_create(
            by=scolaire,
            child=yseult,
            programme=ProgrammeFactory(),
            start=datetime.date(2025, 9, 1),
            level="6e",
            household=household,
        )
        referral = scolaire_services.referral_send(
            by=scolaire,
            child=yseult,
            reason="Yseult Marchetti arrive en retard ; sa mère, Mme Marchetti, est inquiète.",
        )
        accompaniment = AccompanimentFactory(person=yseult)
        prevention_services.worked_domain_create(
            accompaniment=accompaniment,
            date=datetime.date(2025, 2, 3),
            domain="scolarite",
            by=scolaire,
            note="Rendez-vous au collège avec Yseult.",
        )
        outing = CollectiveActionFactory(title="Sortie plage (Yseult et ses amies)")
        outing.participants.add(yseult)
    # Someone else, to be left as they are, but for a note that names the family.
    other = PersonFactory(pseudonym="Lina", last_name="Durand")
    reception = NetworkReception.objects.create(
        dispositif=dispositif("sps"),
        network=NetworkReception.Network.values[0],
        date=datetime.date(2025, 3, 3),
        youths=1,
        days=1,
        note="Orientée par Mme Marchetti (voisine).",
        created_by=direction,
    )
    assert mentions(OLD_VALUES)  # the reproduction: the names are everywhere

    services.person_anonymise(person=yseult, by=direction, reason="Demande de Yseult Marchetti")

    assert mentions(OLD_VALUES) == []
    referral.refresh_from_db()
    household.refresh_from_db()
    outing.refresh_from_db()
    assert referral.reason == "[texte effacé lors de l'anonymisation]"
    assert household.label == "Famille [anonymisé]"
    assert outing.title == "Sortie plage ([anonymisé] et ses amies)"
    reception.refresh_from_db()
    assert reception.note == "Orientée par Mme [anonymisé] (voisine)."
    # The records stay (statistics), the enrolment with them; the other person is untouched.
    assert enrolment.child_id == yseult.pk and Person.objects.filter(pk=yseult.pk).exists()
    other.refresh_from_db()
    assert (other.pseudonym, other.last_name) == ("Lina", "Durand")
    assert mentions(("lina",))


@pytest.mark.django_db
def test_a_homonym_keeps_their_pseudonym_in_the_journal():
    direction = make_user(Role.DIRECTION, username="direction")
    leaving = PersonFactory(pseudonym="Noah", services=["prevention"])
    staying = PersonFactory(pseudonym="Noah", services=["prevention"])
    services.person_anonymise(person=leaving, by=direction, reason="Demande d'effacement")
    from auditlog.models import LogEntry

    assert "Noah" in str(LogEntry.objects.get_for_object(staying).first().changes)


# The models about persons and the text fields of each: every app declares them
# (rl_portal.anonymisation.register_person_records), so a new one cannot be forgotten.
SKIPPED = {"rl_portal.Person", "rl_portal.User"}


def _text_fields(model):
    return {
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField | models.JSONField)
        and not field.choices
    }


def test_every_model_about_a_person_declares_its_texts():
    declared = {entry.model for entry in PERSON_RECORDS}
    project = {"rl_portal", "prevention", "habitat", "scolaire", "reporting"}
    about_persons = {Person}
    changed = True
    while changed:  # models related to a person, directly or through such a model
        changed = False
        for model in apps.get_models():
            if model in about_persons or model._meta.app_label not in project:
                continue
            related = {
                field.related_model
                for field in model._meta.get_fields()
                if field.concrete and (field.many_to_one or field.many_to_many or field.one_to_one)
            }
            if related & about_persons:
                about_persons.add(model)
                changed = True
    missing = sorted(
        model._meta.label for model in about_persons if model._meta.label not in declared | SKIPPED
    )
    assert missing == []
    unclassified = []
    for entry in PERSON_RECORDS:
        model = apps.get_model(entry.model)
        classified = set(entry.texts) | set(entry.shared_texts) | set(entry.other_texts)
        for name in sorted(_text_fields(model) - classified):
            unclassified.append(f"{entry.model}.{name} ({entry.person})")
    assert unclassified == []
