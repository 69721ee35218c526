"""Issue 15, item 5, as a rule of every creation of a person: « Yanis, 16 ans » created four
times without a warning. Wherever a person is created on the spot (the person page, the API,
the CLLAJ interview's new youth; the quick entry had it), a look-alike of the service — same
pseudonym without accents, age within a year, same commune — is shown first and nothing is
created until the user says it is someone else."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from habitat.models import CllajInterview, MeetingPlace
from rl_portal.models import Commune, Dispositif, Person
from rl_portal.roles import Role
from tests.rl_portal.factories import PersonFactory, make_user

pytestmark = pytest.mark.django_db


def _yanis(service="prevention", **kwargs):
    year = timezone.localdate().year - 16
    return PersonFactory(
        pseudonym="Yanis",
        sex="M",
        birth_year=year,
        commune=Commune.objects.get(name="Oignies"),
        services=[service],
        **kwargs,
    )


def test_the_person_page_shows_look_alikes_before_creating(logged_in, educator):
    known = _yanis()
    _yanis(service="habitat")  # another service's: not the éducateur's to see
    data = {
        "pseudonym": "yanis",
        "sex": "M",
        "birth_year": timezone.localdate().year - 17,
        "commune": Commune.objects.get(name="Oignies").pk,
        "service": educator.services.get().pk,
        "ase_history": "unknown",
    }
    refused = logged_in.post(reverse("person-create"), data)
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "est peut-être déjà connu" in html
    assert reverse("person-detail", args=[known.pk]) in html
    assert list(refused.context["duplicates"]) == [known]
    assert Person.objects.count() == 2
    assert LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS, object_pk=str(known.pk), actor=educator
    ).exists()
    created = logged_in.post(reverse("person-create"), {**data, "distinct": "on"})
    assert created.status_code == 302
    assert Person.objects.filter(pseudonym="yanis").count() == 1


def test_someone_else_is_created_without_a_question(logged_in, educator):
    _yanis()
    data = {
        "pseudonym": "Yanis",
        "sex": "M",
        "birth_year": timezone.localdate().year - 25,  # nine years apart: someone else
        "service": educator.services.get().pk,
        "ase_history": "unknown",
    }
    assert logged_in.post(reverse("person-create"), data).status_code == 302


def test_the_api_refuses_a_look_alike_unless_told(api):
    known = _yanis()
    payload = {"pseudonym": "Yanis", "sex": "M", "birth_year": known.birth_year}
    refused = api.post("/api/v1/persons/", payload, format="json")
    assert refused.status_code == 400
    assert "est peut-être déjà connu" in str(refused.json())
    assert Person.objects.count() == 1
    created = api.post("/api/v1/persons/", {**payload, "distinct": True}, format="json")
    assert created.status_code == 201
    assert "distinct" not in created.json()


def test_the_cllaj_interview_asks_before_creating_a_new_youth(client):
    worker = make_user(Role.EDUCATEUR, "habitat")
    known = _yanis(service="habitat")
    client.force_login(worker)
    url = reverse("habitat:cllaj-interview")
    data = {
        "pseudonym": "Yanis",
        "age": "16",
        "date": timezone.localdate().isoformat(),
        "mode": "physique",
        "place": MeetingPlace.objects.create(name="Mission locale de Carvin").pk,
        "dispositif": Dispositif.objects.get(code="cllaj").pk,
        "kind": "suivi",
    }
    refused = client.post(url, data)
    assert refused.status_code == 400
    assert reverse("person-detail", args=[known.pk]) in refused.content.decode()
    assert not CllajInterview.objects.exists()
    assert client.post(url, {**data, "distinct": "on"}).status_code == 302
    assert Person.objects.filter(pseudonym="Yanis").count() == 2
    assert CllajInterview.objects.get().date == timezone.localdate()
