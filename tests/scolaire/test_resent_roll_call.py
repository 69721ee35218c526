"""The roll call page sent twice — a double tap, back and resubmit — is recorded once: its form
carries an idempotency key (client_uuid), like the offline queue's roll calls."""

import datetime
import re
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from rl_portal.models import OfflineSubmission
from scolaire.models import Attendance, Session
from tests.scolaire.factories import EnrolmentFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db
KEY = re.compile(r'name="client_uuid" value="([0-9a-f-]{36})"')


def enrolments(programme, count):
    start = timezone.localdate() - datetime.timedelta(days=30)
    return [EnrolmentFactory(programme=programme, start=start) for _ in range(count)]


def test_a_roll_call_sent_twice_is_recorded_once(client, animator):
    programme = ProgrammeFactory()
    lea, tom = enrolments(programme, 2)
    client.force_login(animator)
    url = reverse("scolaire:roll-call", args=[programme.pk])
    key = KEY.search(client.get(url).content.decode()).group(1)
    data = {
        "client_uuid": key,
        f"e{lea.pk}": "present",
        f"e{tom.pk}": "absent",
        "start_time": "16:30",
        "end_time": "18:00",
    }
    assert client.post(url, data).status_code == 302
    session = Session.objects.get()
    again = client.post(url, data, follow=True)
    assert "Appel déjà enregistré le " in again.content.decode()
    assert Session.objects.get().version == session.version  # nothing written again
    assert OfflineSubmission.objects.get().result == {
        "session": session.pk,
        "version": session.version,
    }
    # The page shown again (with the session to correct) has a new key.
    assert KEY.search(again.content.decode()).group(1) != key


def test_a_correction_sent_twice_is_not_taken_for_a_colleagues(client, animator):
    """Without the key, the second sending of a correction met the version the first one wrote
    and was refused as a colleague's change (409)."""
    programme = ProgrammeFactory()
    (lea,) = enrolments(programme, 1)
    client.force_login(animator)
    url = reverse("scolaire:roll-call", args=[programme.pk])
    first = {"client_uuid": str(uuid.uuid4()), f"e{lea.pk}": "present"}
    client.post(url, {**first, "start_time": "16:30", "end_time": "18:00"})
    session = Session.objects.get()
    correction = {
        "client_uuid": str(uuid.uuid4()),
        f"e{lea.pk}": "excuse",
        "version": session.version,
        "start_time": "16:30",
        "end_time": "18:00",
    }
    assert client.post(url, correction).status_code == 302
    again = client.post(url, correction)
    assert again.status_code == 302
    assert Attendance.objects.get().status == "excuse"


def test_an_addi_visit_sent_twice_is_one_session(client, animator):
    programme = ProgrammeFactory(individual=True)
    (tom,) = enrolments(programme, 1)
    client.force_login(animator)
    url = reverse("scolaire:roll-call", args=[programme.pk])
    key = KEY.search(client.get(url).content.decode()).group(1)
    visit = {
        "client_uuid": key,
        "child": tom.pk,
        "status": "present",
        "start_time": "17:00",
        "end_time": "18:00",
    }
    assert client.post(url, visit).status_code == 302
    again = client.post(url, visit, follow=True)
    assert "Séance déjà enregistrée le " in again.content.decode()
    assert Session.objects.filter(programme=programme).count() == 1


def test_an_unreadable_key_is_a_french_400(client, animator):
    programme = ProgrammeFactory()
    enrolments(programme, 1)
    client.force_login(animator)
    url = reverse("scolaire:roll-call", args=[programme.pk])
    response = client.post(url, {"client_uuid": "abc"})
    assert response.status_code == 400
    assert "L&#x27;identifiant de l&#x27;appel est illisible" in response.content.decode()
    assert not Session.objects.exists()
