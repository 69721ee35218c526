"""Every change and every read of a person's record is journalled, with who did it."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from rl_portal.models import Person
from rl_portal.roles import Role
from tests.rl_portal.factories import PersonFactory, make_user

pytestmark = pytest.mark.django_db


def reads_of(person):
    return LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS, object_pk=str(person.pk), content_type__model="person"
    )


def test_page_read_is_journalled_without_the_pseudonym(client, educator):
    person = PersonFactory(pseudonym="Yanis", services=["prevention"])
    client.force_login(educator)
    client.get(reverse("person-detail", args=[person.pk]))
    entry = reads_of(person).get()
    assert entry.actor == educator
    assert entry.additional_data == {"canal": "page"}
    assert "Yanis" not in entry.object_repr
    assert entry.remote_addr == "127.0.0.1"


def test_a_refused_read_is_not_journalled_as_a_read(client, educator):
    person = PersonFactory(services=["habitat"])
    client.force_login(educator)
    assert client.get(reverse("person-detail", args=[person.pk])).status_code == 404
    assert not reads_of(person).exists()


def test_api_reads_are_journalled_per_person_in_one_insert(educator, django_assert_num_queries):
    persons = PersonFactory.create_batch(3, services=["prevention"])
    api = APIClient()
    api.force_authenticate(educator)
    api.get("/api/v1/persons/")
    assert all(reads_of(p).filter(additional_data={"canal": "api"}).count() == 1 for p in persons)
    api.get(f"/api/v1/persons/{persons[0].pk}/")
    assert reads_of(persons[0]).count() == 2


def test_admin_reads_are_journalled(client):
    admin = make_user(Role.ADMINISTRATEUR, is_staff=True, username="root")
    person = PersonFactory(services=["prevention"])
    client.force_login(admin)
    response = client.get(reverse("admin:rl_portal_person_change", args=[person.pk]))
    assert response.status_code == 200
    assert reads_of(person).filter(additional_data={"canal": "admin"}, actor=admin).exists()


def test_changes_are_journalled_with_their_author(client, educator):
    client.force_login(educator)
    client.post(
        reverse("person-create"),
        {
            "pseudonym": "Lina",
            "sex": "F",
            "service": educator.services.get().pk,
            "ase_history": "unknown",
        },
    )
    person = Person.objects.get(pseudonym="Lina")
    created = LogEntry.objects.get_for_object(person).get(action=LogEntry.Action.CREATE)
    assert created.actor == educator
    client.post(
        reverse("person-update", args=[person.pk]),
        {
            "pseudonym": "Lina",
            "sex": "F",
            "birth_year": "2009",
            "version": person.version,
            "ase_history": "unknown",
        },
    )
    update = LogEntry.objects.get_for_object(person).get(action=LogEntry.Action.UPDATE)
    assert update.actor == educator
    assert update.changes_dict["birth_year"] == ["None", "2009"]


def test_api_token_changes_name_their_author(educator):
    from rl_portal.tokens import api_token_create

    _, secret = api_token_create(user=educator, device="script")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    response = api.post("/api/v1/persons/", {"pseudonym": "Noé"}, format="json")
    person = Person.objects.get(pk=response.json()["id"])
    assert (
        LogEntry.objects.get_for_object(person).get(action=LogEntry.Action.CREATE).actor == educator
    )


def test_audit_entries_cannot_be_changed_in_the_admin(client):
    admin = make_user(Role.ADMINISTRATEUR, is_staff=True, is_superuser=True, username="root")
    PersonFactory(services=["prevention"])
    entry = LogEntry.objects.first()
    client.force_login(admin)
    response = client.post(
        reverse("admin:auditlog_logentry_change", args=[entry.pk]), {"object_repr": "falsifié"}
    )
    assert response.status_code == 403
    entry.refresh_from_db()
    assert entry.object_repr != "falsifié"


def test_purge_keeps_twelve_months(settings):
    PersonFactory(services=["prevention"])
    old = LogEntry.objects.first()
    LogEntry.objects.filter(pk=old.pk).update(
        timestamp=timezone.now() - datetime.timedelta(days=400)
    )
    PersonFactory(services=["prevention"])
    call_command("purge_audit")
    assert not LogEntry.objects.filter(pk=old.pk).exists()
    assert LogEntry.objects.count() >= 1


def test_purge_refuses_an_out_of_range_retention():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="entre 6 et 36 mois"):
        call_command("purge_audit", months=3)
