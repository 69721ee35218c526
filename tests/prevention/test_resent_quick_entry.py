"""The online quick entry sent twice — a double tap, a resend after an answer lost in the
street, back and resubmit — is recorded once: its form carries an idempotency key
(client_uuid), the one the phone's offline queue uses too."""

import re
import uuid

import pytest
from django.test import Client
from django.utils import timezone

from prevention.models import Contact, TimeEntry
from rl_portal.models import OfflineSubmission, Person
from rl_portal.roles import Role
from tests.prevention.factories import YouthFactory, dispositif
from tests.rl_portal.factories import make_user

pytestmark = pytest.mark.django_db
URL = "/prevention/saisie/"
KEY = re.compile(r'name="client_uuid" value="([0-9a-f-]{36})"')


def entry(**overrides) -> dict:
    data = {
        "client_uuid": str(uuid.uuid4()),
        "dispositif": dispositif().pk,
        "date": timezone.localdate().isoformat(),
        "mode": "travail_de_rue",
        "hours_travail_de_rue": "2,5",
    }
    data.update(overrides)
    return data


def key_of(response) -> str:
    return KEY.search(response.content.decode()).group(1)


def test_the_same_form_sent_twice_is_recorded_once(logged, educ):
    youth = YouthFactory(pseudonym="Inès")
    new = '{"pseudonym": "Yanis", "sex": "M", "age": 16, "commune": null, "distinct": true}'
    data = entry(youths=[youth.pk], new_youths=[new])

    first = logged.post(URL, data, HTTP_HX_REQUEST="true")
    second = logged.post(URL, data, HTTP_HX_REQUEST="true")

    assert first.status_code == 200
    assert "Enregistré : 2,5 h et 2 jeunes rencontrés (dont 1 nouveau)." in first.content.decode()
    assert second.status_code == 200
    html = second.content.decode()
    assert "Saisie déjà enregistrée le " in html
    assert "rien n'est enregistré deux fois : 2,5 h et 2 jeunes rencontrés" in html
    assert TimeEntry.objects.filter(educator=educ).count() == 1
    assert Contact.objects.filter(educator=educ).count() == 2
    assert Person.objects.filter(pseudonym="Yanis").count() == 1
    submission = OfflineSubmission.objects.get()
    assert str(submission.client_uuid) == data["client_uuid"]
    assert submission.result["time_entries"] == [TimeEntry.objects.get().pk]
    # The next entry gets a key of its own.
    assert key_of(first) != data["client_uuid"]
    assert key_of(second) != data["client_uuid"]


def test_each_form_shown_has_its_own_key(logged):
    first, second = key_of(logged.get(URL)), key_of(logged.get(URL))
    assert first != second
    uuid.UUID(first)


def test_two_entries_under_two_keys_are_two_entries(logged, educ):
    logged.post(URL, entry())
    logged.post(URL, entry())
    assert TimeEntry.objects.filter(educator=educ).count() == 2


def test_a_refused_entry_keeps_no_key_and_is_sent_again_once_corrected(logged, educ):
    data = entry(hours_travail_de_rue="1,1")
    refused = logged.post(URL, data)
    assert refused.status_code == 400
    assert key_of(refused) == data["client_uuid"]  # the same entry, to be corrected
    assert not OfflineSubmission.objects.exists()
    saved = logged.post(URL, {**data, "hours_travail_de_rue": "1"})
    assert "Enregistré : 1 h" in saved.content.decode()
    assert TimeEntry.objects.filter(educator=educ).count() == 1


def test_an_unreadable_key_is_refused_in_french_with_the_input_kept(logged):
    response = logged.post(URL, entry(client_uuid="pas-une-clé"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ce formulaire est abîmé : enregistrez à nouveau." in html
    assert 'value="2,5"' in html
    uuid.UUID(key_of(response))  # a fresh key: the form can be sent
    assert not TimeEntry.objects.exists()


def test_a_form_without_key_is_still_saved(logged, educ):
    """A page served before the key existed, kept on a phone: its entry is not lost."""
    data = entry()
    del data["client_uuid"]
    assert logged.post(URL, data).status_code == 200
    assert TimeEntry.objects.filter(educator=educ).count() == 1


def test_a_colleagues_key_is_not_a_resend(logged, educ):
    colleague = make_user(Role.EDUCATEUR, "prevention", username="samir")
    data = entry()
    other = Client()
    other.force_login(colleague)
    other.post(URL, data)
    response = logged.post(URL, data)
    assert response.status_code == 400
    assert "déjà celui d&#x27;une autre saisie" in response.content.decode()
    assert TimeEntry.objects.filter(educator=educ).count() == 0
    assert TimeEntry.objects.filter(educator=colleague).count() == 1


def test_the_phone_sending_an_entry_the_page_recorded_writes_nothing(logged, api, educ):
    """The page's answer was lost: the phone keeps the entry under the form's key and sends it
    through its queue; the server says it has it."""
    data = entry()
    logged.post(URL, data, HTTP_HX_REQUEST="true")
    queued = {
        "client_uuid": data["client_uuid"],
        "dispositif": data["dispositif"],
        "date": data["date"],
        "hours": {"travail_de_rue": "2,5"},
        "mode": "travail_de_rue",
    }
    answer = api.post("/api/v1/prevention/quick-entries/", queued, format="json")
    assert answer.status_code == 200
    assert answer.json()["status"] == "already_received"
    assert answer.json()["message"].startswith("Saisie déjà reçue le ")
    assert "(2,5 h)" in answer.json()["message"]
    assert TimeEntry.objects.filter(educator=educ).count() == 1
