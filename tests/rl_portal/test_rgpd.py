"""Droit d'accès export, anonymisation, retention job."""

import datetime
import json

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from rl_portal.models import CaseFile, Person
from rl_portal.roles import Role
from tests.rl_portal.factories import PersonFactory, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def youth():
    return PersonFactory(
        pseudonym="Yanis",
        last_name="Durand",
        birth_date=datetime.date(2010, 5, 4),
        phone="06 00 00 00 00",
        services=["prevention"],
    )


@pytest.mark.parametrize(
    ("role", "services", "status"),
    [
        (Role.EDUCATEUR, ["prevention"], 403),
        (Role.EDUCATEUR, ["habitat"], 404),
        (Role.DIRECTION, [], 200),
        (Role.SECRETARIAT, [], 404),
    ],
)
def test_export_by_role(client, youth, role, services, status):
    client.force_login(make_user(role, *services, username="u"))
    response = client.get(reverse("person-export", args=[youth.pk]))
    assert response.status_code == status
    if status == 200:
        data = json.loads(response.content)
        assert data["personne"]["pseudonyme"] == "Yanis"
        assert data["personne"]["nom"] == "Durand"
        assert data["dossiers"][0]["service"] == "Prévention spécialisée"
        assert "Yanis" not in response["Content-Disposition"]
        assert LogEntry.objects.filter(
            action=LogEntry.Action.ACCESS,
            object_pk=str(youth.pk),
            additional_data={"canal": "export"},
        ).exists()


def test_direction_anonymises_with_a_reason(client, youth):
    direction = make_user(Role.DIRECTION, username="dir")
    client.force_login(direction)
    url = reverse("person-anonymise", args=[youth.pk])
    refused = client.post(url, {"reason": "", "confirm": "on"})
    assert refused.status_code == 400
    youth.refresh_from_db()
    assert youth.pseudonym == "Yanis"

    response = client.post(url, {"reason": "Demande d'effacement", "confirm": "on"})
    assert response.status_code == 302
    youth.refresh_from_db()
    assert youth.pseudonym == f"Anonyme {youth.pk}"
    assert youth.last_name == "" and youth.phone == "" and youth.birth_date is None
    # What the reports count stays.
    assert youth.birth_year == 2010 and youth.sex == "F"
    assert CaseFile.objects.filter(person=youth).exists()
    entry = (
        LogEntry.objects.get_for_object(youth).filter(action=LogEntry.Action.UPDATE).latest("pk")
    )
    assert entry.actor == direction
    assert entry.additional_data == {"action": "anonymisation", "motif": "Demande d'effacement"}


def test_educators_cannot_anonymise(client, youth):
    client.force_login(make_user(Role.EDUCATEUR, "prevention", username="u"))
    assert client.get(reverse("person-anonymise", args=[youth.pk])).status_code == 403


def test_the_journal_masks_identifying_values(youth):
    youth.last_name = "Martin"
    youth.save()
    entry = LogEntry.objects.get_for_object(youth).filter(action=LogEntry.Action.UPDATE).get()
    old, new = entry.changes_dict["last_name"]
    assert "Durand" not in old and "Martin" not in new


def test_retention_anonymises_inactive_persons_only():
    today = timezone.localdate()
    old = PersonFactory(pseudonym="Ancien")
    CaseFile.objects.create(
        person=old, service_id=1, opened_on=today - datetime.timedelta(days=3 * 365)
    )
    Person.objects.filter(pk=old.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=3 * 365)
    )
    recent = PersonFactory(pseudonym="Récent")
    CaseFile.objects.create(person=recent, service_id=1, opened_on=today)
    call_command("apply_retention", dry_run=True)
    assert Person.objects.get(pk=old.pk).pseudonym == "Ancien"
    call_command("apply_retention")
    assert Person.objects.get(pk=old.pk).anonymised_at is not None
    assert Person.objects.get(pk=recent.pk).pseudonym == "Récent"
    # Running it again changes nothing.
    call_command("apply_retention")
    assert Person.objects.filter(anonymised_at__isnull=False).count() == 1
