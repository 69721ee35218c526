"""The phone's offline queue sent to /api/v1/prevention/quick-entries/: each entry is written once
per client UUID (the idempotency key), refused entries are answered in French and leave nothing
behind, youths created twice under one pseudonym are flagged, never merged."""

import datetime
import uuid

import pytest

from prevention.models import Contact, TimeEntry
from rl_portal.models import OfflineSubmission, Person
from rl_portal.roles import Role
from tests.prevention.conftest import client_for
from tests.prevention.factories import TimeEntryFactory, YouthFactory, dispositif
from tests.rl_portal.factories import PersonFactory, commune, make_user

pytestmark = pytest.mark.django_db
URL = "/api/v1/prevention/quick-entries/"
DAY = datetime.date(2026, 11, 16)


def entry(**overrides) -> dict:
    data = {
        "client_uuid": str(uuid.uuid4()),
        "dispositif": dispositif().pk,
        "date": DAY.isoformat(),
        "hours": {"travail_de_rue": "2,5", "presence_sociale": ""},
        "hours_online": "",
        "mode": "travail_de_rue",
        "youths": [],
        "new_youths": [],
    }
    data.update(overrides)
    return data


def test_same_key_twice_writes_one_entry_and_says_it_already_exists(api, educ):
    youth = YouthFactory(pseudonym="Inès")
    data = entry(youths=[youth.pk], new_youths=[{"pseudonym": "Yanis", "sex": "M", "age": 16}])

    first = api.post(URL, data, format="json")
    second = api.post(URL, data, format="json")

    assert first.status_code == 201, first.json()
    assert first.json()["status"] == "created"
    assert first.json()["message"] == "Saisie reçue : 2,5 h et 2 jeunes rencontrés."
    assert second.status_code == 200
    answer = second.json()
    assert answer["status"] == "already_received"
    assert answer["message"].startswith("Saisie déjà reçue le 17/11/2026")
    assert answer["id"] == first.json()["id"]
    assert answer["time_entries"] == first.json()["time_entries"]
    assert TimeEntry.objects.filter(educator=educ).count() == 1
    assert Contact.objects.filter(educator=educ).count() == 2
    assert Person.objects.filter(pseudonym="Yanis").count() == 1
    submission = OfflineSubmission.objects.get()
    assert str(submission.client_uuid) == data["client_uuid"]
    assert submission.kind == OfflineSubmission.Kind.QUICK_ENTRY
    # Only ids are kept with the key, never a name.
    assert "Yanis" not in str(submission.result) and "Inès" not in str(submission.result)


def test_a_retry_with_corrected_content_is_still_the_same_entry(api, educ):
    data = entry()
    api.post(URL, data, format="json")
    again = api.post(URL, {**data, "hours": {"travail_de_rue": "4"}}, format="json")
    assert again.status_code == 200
    assert [e.hours for e in TimeEntry.objects.filter(educator=educ)] == [2.5]


def test_refused_entry_leaves_nothing_and_can_be_sent_again_once_corrected(api, educ):
    TimeEntryFactory(educator=educ, date=DAY, hours=22)
    data = entry(new_youths=[{"pseudonym": "Yanis", "sex": "M", "age": 16}])

    refused = api.post(URL, data, format="json")

    assert refused.status_code == 400
    assert "24 h" in str(refused.json()) or "24" in str(refused.json()["hours_travail_de_rue"])
    assert not OfflineSubmission.objects.exists()
    assert not Person.objects.filter(pseudonym="Yanis").exists()
    corrected = api.post(URL, {**data, "hours": {"travail_de_rue": "1"}}, format="json")
    assert corrected.status_code == 201
    assert TimeEntry.objects.filter(educator=educ).count() == 2


def test_youth_no_longer_visible_is_refused_in_french(api):
    stranger = PersonFactory(pseudonym="Lina", services=["habitat"])
    answer = api.post(URL, entry(youths=[stranger.pk]), format="json")
    assert answer.status_code == 400
    assert "n'est plus visible" in answer.json()["youths"][0]
    assert not OfflineSubmission.objects.exists()


def test_date_in_a_validated_report_is_recorded_with_the_warning(api, educ):
    from reporting.models import ReportValidation

    direction = make_user(Role.DIRECTION, username="dir")
    ReportValidation.objects.create(
        report="sps-departement",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        validated_by=direction,
        snapshot={"sections": {}},
    )
    answer = api.post(URL, entry(), format="json")
    assert answer.status_code == 201
    assert "rapport déjà validé" in answer.json()["warnings"][0]


def test_youth_created_offline_twice_is_flagged_not_merged(api):
    first = api.post(URL, entry(new_youths=[{"pseudonym": "Yanis", "age": 16}]), format="json")
    second = api.post(URL, entry(new_youths=[{"pseudonym": "yanis", "age": 17}]), format="json")

    assert first.json()["warnings"] == []
    assert Person.objects.filter(pseudonym__iexact="yanis").count() == 2
    (warning,) = second.json()["warnings"]
    assert warning.startswith("Doublon probable : le jeune « yanis »")
    assert f"n° {first.json()['new_youths'][0]}" in warning
    assert "n'ont pas été fusionnées" in warning


def test_same_key_from_someone_else_is_refused(api, chef):
    data = entry()
    api.post(URL, data, format="json")
    other = client_for(chef).post(URL, data, format="json")
    assert other.status_code == 400
    assert "client_uuid" in other.json()
    assert OfflineSubmission.objects.count() == 1


def test_bad_input_is_refused_in_french(api):
    answer = api.post(URL, {"client_uuid": "pas-un-uuid", "date": "hier"}, format="json")
    assert answer.status_code == 400
    body = str(answer.json())
    assert "client_uuid" in answer.json() and "date" in answer.json()
    assert not any(phrase in body for phrase in ("This field", "Must be", "is not a valid"))


def test_only_prevention_staff_may_send(db):
    teacher = make_user(Role.EDUCATEUR, "scolaire", username="paul")
    assert client_for(teacher).post(URL, entry(), format="json").status_code == 403


def test_offline_youths_are_the_educators_recent_youths_with_minimal_fields(api, educ):
    met = YouthFactory(pseudonym="Inès", last_name="Durand", commune=commune("Oignies"))
    Contact.objects.create(
        person=met, dispositif=dispositif(), date=DAY, mode="travail_de_rue", educator=educ
    )
    YouthFactory(pseudonym="Jamais vu")
    long_ago = YouthFactory(pseudonym="Ancien")
    Contact.objects.create(
        person=long_ago,
        dispositif=dispositif(),
        date=DAY - datetime.timedelta(days=200),
        mode="travail_de_rue",
        educator=educ,
    )

    answer = api.get(URL + "youths/")

    assert answer.status_code == 200
    assert answer.json() == {
        "youths": [{"id": met.pk, "pseudonym": "Inès", "age": met.age, "commune": "Oignies"}]
    }


def test_youths_sent_without_a_mode_are_refused_hours_alone_need_none(api, educ):
    """Issue 15: the mode was « travail de rue » by default; youths met now need one."""
    youth = YouthFactory(pseudonym="Inès")
    refused = api.post(URL, entry(mode="", youths=[youth.pk]), format="json")
    assert refused.status_code == 400
    assert "Choisissez le mode de rencontre." in str(refused.json())
    assert not TimeEntry.objects.exists() and not Contact.objects.exists()
    hours_only = api.post(URL, {**entry(), "mode": ""}, format="json")
    assert hours_only.status_code == 201, hours_only.json()
    without_key = entry()
    del without_key["mode"]
    assert api.post(URL, without_key, format="json").status_code == 201
