"""The person pickers (rl_portal/widgets.py): a search, scoped and journalled, that tells
namesakes apart; never the list of persons in the page."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from habitat.forms import CllajInterviewForm, StayForm
from habitat.models import CllajInterview
from rl_portal.roles import Role
from tests.habitat.factories import CllajFileFactory, HousingUnitFactory
from tests.rl_portal.factories import PersonFactory, make_user

pytestmark = pytest.mark.django_db


def pick(client, picker, text, field="person"):
    return client.post(
        reverse("person-pick"), {"picker": picker, "field": field, f"{field}__q": text}
    )


@pytest.fixture
def worker():
    return make_user(Role.EDUCATEUR, "habitat", username="thomas")


def test_search_is_accent_insensitive_scoped_and_journalled(client, worker):
    today = timezone.localdate()
    ines = PersonFactory(pseudonym="Inès", birth_year=today.year - 19, services=["habitat"])
    PersonFactory(pseudonym="Ines", services=["prevention"])  # another service's
    client.force_login(worker)
    response = pick(client, "habitat-persons", "INES")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("data-picker-choose") == 1
    assert f'data-picker-choose="{ines.pk}"' in html
    assert "19 ans" in html and "Habitat" in html
    journal = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, content_type__model="person")
    assert list(journal.values_list("object_pk", flat=True)) == [str(ines.pk)]


def test_namesakes_are_told_apart_and_the_answer_is_bounded(client, worker):
    known = CllajFileFactory(person__pseudonym="Adam", date=timezone.localdate())
    CllajInterview.objects.create(
        cllaj_file=known, date=timezone.localdate(), mode="distance", created_by=worker
    )
    for _ in range(9):
        PersonFactory(pseudonym="Adam", services=["habitat"])
    client.force_login(worker)
    html = pick(client, "habitat-persons", "adam").content.decode()
    assert html.count("data-picker-choose") == 8
    assert "D'autres personnes correspondent" in html
    # The one met lately comes first, with the date of their last interview.
    first = html.split("data-picker-choose")[1]
    assert f'="{known.person.pk}"' in first
    assert f"dernier entretien CLLAJ le {timezone.localdate():%d/%m/%Y}" in first
    # One letter finds nobody: the list is never sent whole.
    assert "data-picker-choose" not in pick(client, "habitat-persons", "a").content.decode()


def test_cllaj_picker_offers_only_youths_known_to_the_cllaj(client, worker):
    known = CllajFileFactory(person__pseudonym="Lina", date=timezone.localdate())
    PersonFactory(pseudonym="Lina", services=["habitat"])  # housed, never at the CLLAJ
    old = CllajFileFactory(
        person__pseudonym="Lina", date=timezone.localdate() - datetime.timedelta(days=800)
    )
    client.force_login(worker)
    html = pick(client, "cllaj-youths", "lina").content.decode()
    assert html.count("data-picker-choose") == 1
    assert f'data-picker-choose="{known.person.pk}"' in html
    form = CllajInterviewForm(data={"person": old.person.pk}, user=worker)
    assert not form.is_valid()
    assert "cherchez-la à nouveau" in str(form.errors["person"])


def test_pickers_are_useless_outside_the_service(client):
    PersonFactory(pseudonym="Adam", services=["habitat"])
    PersonFactory(pseudonym="Adam", services=["prevention"])
    client.force_login(make_user(Role.EDUCATEUR, "prevention", username="p"))
    assert "data-picker-choose" not in pick(client, "habitat-persons", "adam").content.decode()
    response = client.post(reverse("person-pick"), {"picker": "inconnu"})
    assert response.status_code == 400
    assert client.get(reverse("person-pick")).status_code == 405


def test_form_page_holds_no_list_and_shows_the_chosen_person(client, worker):
    today = timezone.localdate()
    adam = PersonFactory(pseudonym="Adam", birth_year=today.year - 20, services=["habitat"])
    PersonFactory(pseudonym="Zoé", services=["habitat"])
    HousingUnitFactory()
    client.force_login(worker)
    page = client.get(reverse("habitat:stay-create")).content.decode()
    assert "Adam" not in page and "Zoé" not in page
    refused = client.post(reverse("habitat:stay-create"), {"person": adam.pk})
    assert refused.status_code == 400
    html = refused.content.decode()
    assert f'name="person" value="{adam.pk}"' in html  # still chosen
    assert "20 ans" in html and "Zoé" not in html
    # A tampered id (a person of another service) is refused.
    other = PersonFactory(pseudonym="Yanis", services=["prevention"])
    form = StayForm(data={"person": other.pk}, user=worker)
    assert not form.is_valid() and "person" in form.errors


@pytest.mark.parametrize("namesakes", [1, 12])
def test_a_search_costs_the_same_whatever_it_finds(
    client, worker, namesakes, django_assert_num_queries
):
    for _ in range(namesakes):
        CllajFileFactory(person__pseudonym="Adam")
    client.force_login(worker)
    pick(client, "cllaj-youths", "adam")  # the session and the content type, once
    # session, user, roles, the user's services (read once for the scoping and the habitat
    # check: habitat/perms.py), the persons, their case files, the journal's insert.
    with django_assert_num_queries(7):
        pick(client, "cllaj-youths", "adam")
