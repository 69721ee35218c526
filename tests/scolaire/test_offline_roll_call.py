"""Roll calls taken offline and sent later (/api/v1/scolaire/roll-calls/): once per client UUID,
and never over a colleague's roll call saved meanwhile (409 with both side by side)."""

import datetime
import uuid

import pytest
from rest_framework.test import APIClient

from rl_portal.models import OfflineSubmission
from rl_portal.roles import Role
from scolaire import services
from scolaire.models import Attendance, Session
from tests.rl_portal.factories import PersonFactory, make_user
from tests.scolaire.factories import EnrolmentFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/scolaire/roll-calls/"
DAY = datetime.date(2026, 11, 16)


@pytest.fixture
def api(animator):
    client = APIClient()
    client.force_authenticate(animator)
    return client


@pytest.fixture
def children():
    programme = ProgrammeFactory(school_year=2026)
    return [
        EnrolmentFactory(
            programme=programme,
            start=datetime.date(2026, 9, 1),
            child=PersonFactory(pseudonym=name, services=["scolaire"]),
        )
        for name in ("Enzo", "Léa")
    ]


def roll_call(children, **overrides) -> dict:
    enzo, lea = children
    data = {
        "client_uuid": str(uuid.uuid4()),
        "programme": enzo.programme_id,
        "date": DAY.isoformat(),
        "version": None,
        "start_time": "16:30",
        "end_time": "18:00",
        "statuses": {str(enzo.pk): "present", str(lea.pk): "absent"},
    }
    data.update(overrides)
    return data


def test_same_roll_call_twice_is_recorded_once(api, children):
    data = roll_call(children)
    first = api.post(URL, data, format="json")
    second = api.post(URL, data, format="json")
    assert first.status_code == 201, first.json()
    assert first.json()["message"] == "Appel reçu : 1 présent(s) sur 2."
    assert second.status_code == 200
    assert second.json()["status"] == "already_received"
    assert second.json()["message"].startswith("Appel déjà reçu le 17/11/2026")
    assert Session.objects.count() == 1
    assert Attendance.objects.count() == 2
    assert OfflineSubmission.objects.get().kind == OfflineSubmission.Kind.ROLL_CALL


def test_colleagues_roll_call_saved_meanwhile_is_never_overwritten(api, children, animator):
    enzo, lea = children
    colleague = make_user(Role.EDUCATEUR, "scolaire", username="paul")
    # The phone read the page when no session existed; a colleague saved one since.
    services.session_save(
        by=colleague,
        programme=enzo.programme,
        date=DAY,
        start_time=datetime.time(16, 30),
        end_time=datetime.time(18, 0),
        statuses={enzo.pk: "absent", lea.pk: "present"},
    )

    answer = api.post(URL, roll_call(children), format="json")

    assert answer.status_code == 409
    body = answer.json()
    assert body["code"] == "conflict"
    assert "n'a pas été enregistré" in body["detail"]
    assert body["rows"] == [
        {"label": "Enzo", "mine": "Présent", "theirs": "Absent"},
        {"label": "Léa", "mine": "Absent", "theirs": "Présent"},
    ]
    assert dict(Attendance.objects.values_list("enrolment__child__pseudonym", "status")) == {
        "Enzo": "absent",
        "Léa": "present",
    }
    assert not OfflineSubmission.objects.exists()

    # The user chooses to replace it: sent again over the version now read.
    again = api.post(URL, roll_call(children, version=body["version"]), format="json")
    assert again.status_code == 201
    assert dict(Attendance.objects.values_list("enrolment__child__pseudonym", "status")) == {
        "Enzo": "present",
        "Léa": "absent",
    }


def test_stale_version_is_a_conflict(api, children, animator):
    enzo, _lea = children
    first = api.post(URL, roll_call(children), format="json")
    assert first.status_code == 201
    session = Session.objects.get()
    stale = session.version
    services.session_save(
        by=animator,
        programme=enzo.programme,
        session=session,
        version=stale,
        date=DAY,
        start_time=datetime.time(16, 30),
        end_time=datetime.time(18, 0),
        statuses={enzo.pk: "excuse", _lea.pk: "absent"},  # every child's status is chosen
    )
    answer = api.post(URL, roll_call(children, version=stale), format="json")
    assert answer.status_code == 409


def test_only_the_scolaire_team_sends_roll_calls(children):
    client = APIClient()
    client.force_authenticate(make_user(Role.EDUCATEUR, "prevention", username="julie"))
    assert client.post(URL, roll_call(children), format="json").status_code == 403


def test_bad_enrolment_ids_are_refused_in_french(api, children):
    huge = roll_call(children, statuses={"99999999999999999999": "present", "x": "absent"})
    answer = api.post(URL, huge, format="json")
    assert answer.status_code == 400
    assert answer.json()["statuses"] == ["Inscription inconnue."]
    assert not Session.objects.exists()
