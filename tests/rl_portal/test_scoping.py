"""Who sees and does what, role by role, through the pages and the API.

The rule: outside one's services a person does not exist (404); the direction reads every
service but changes nothing; the secrétariat reads no individual record."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from rl_portal.models import Household, Person
from rl_portal.roles import Role
from tests.rl_portal.factories import (
    PASSWORD,
    HouseholdMemberFactory,
    PersonFactory,
    make_user,
)

pytestmark = pytest.mark.django_db

# Users of the matrix: (role, services)
USERS = {
    "educ_prevention": (Role.EDUCATEUR, ["prevention"]),
    "chef_prevention": (Role.CHEF_SERVICE, ["prevention", "emps"]),
    "educ_habitat": (Role.EDUCATEUR, ["habitat"]),
    "direction": (Role.DIRECTION, []),
    "secretariat": (Role.SECRETARIAT, []),
    "admin": (Role.ADMINISTRATEUR, []),
    "no_role": (None, ["prevention"]),
}

# Which of the three persons each user may read: a prevention youth, a habitat adult, and a
# person known to both services.
CAN_READ = {
    "educ_prevention": {"prevention", "both"},
    "chef_prevention": {"prevention", "both"},
    "educ_habitat": {"habitat", "both"},
    "direction": {"prevention", "habitat", "both"},
    "secretariat": set(),
    "admin": {"prevention", "habitat", "both"},
    "no_role": set(),
}
CAN_CHANGE = {
    "educ_prevention": {"prevention", "both"},
    "chef_prevention": {"prevention", "both"},
    "educ_habitat": {"habitat", "both"},
    "direction": set(),
    "secretariat": set(),
    "admin": set(),
    "no_role": set(),
}
CAN_CREATE = {"educ_prevention", "chef_prevention", "educ_habitat"}


@pytest.fixture
def persons():
    return {
        "prevention": PersonFactory(pseudonym="Yanis", services=["prevention"]),
        "habitat": PersonFactory(pseudonym="Sarah", services=["habitat"]),
        "both": PersonFactory(pseudonym="Kenza", services=["prevention", "habitat"]),
    }


def user_for(key):
    role, services = USERS[key]
    return make_user(role, *services, username=key)


def web_client(client, key):
    client.force_login(user_for(key))
    return client


def api_client(key):
    api = APIClient()
    api.force_authenticate(user_for(key))
    return api


@pytest.mark.parametrize("key", USERS)
def test_visible_to_matches_the_matrix(key, persons):
    user = user_for(key)
    visible = set(Person.objects.visible_to(user).values_list("pseudonym", flat=True))
    expected = {persons[name].pseudonym for name in CAN_READ[key]}
    assert visible == expected


@pytest.mark.parametrize("key", USERS)
def test_person_pages(client, key, persons):
    web_client(client, key)
    list_response = client.get(reverse("person-list"))
    if not CAN_READ[key]:
        assert list_response.status_code == 403
    else:
        assert list_response.status_code == 200
        shown = {p.pseudonym for p in list_response.context["page"].object_list}
        assert shown == {persons[name].pseudonym for name in CAN_READ[key]}
    for name, person in persons.items():
        detail = client.get(reverse("person-detail", args=[person.pk]))
        assert detail.status_code == (200 if name in CAN_READ[key] else 404), name
        edit = client.get(reverse("person-update", args=[person.pk]))
        if name in CAN_CHANGE[key]:
            assert edit.status_code == 200
        else:
            assert edit.status_code in (403, 404), name
            assert edit.status_code == (404 if name not in CAN_READ[key] else 403)


@pytest.mark.parametrize("key", USERS)
def test_person_change_through_pages_is_refused_outside_scope(client, key, persons):
    web_client(client, key)
    for name, person in persons.items():
        response = client.post(
            reverse("person-update", args=[person.pk]),
            {
                "pseudonym": "Changé",
                "sex": "F",
                "version": person.version,
                "ase_history": "unknown",
            },
        )
        person.refresh_from_db()
        if name in CAN_CHANGE[key]:
            assert response.status_code == 302
            assert person.pseudonym == "Changé"
            person.pseudonym = "Rétabli"
            person.save()
        else:
            assert response.status_code in (403, 404)
            assert person.pseudonym != "Changé"


@pytest.mark.parametrize("key", USERS)
def test_person_create_page(client, key):
    web_client(client, key)
    response = client.get(reverse("person-create"))
    assert response.status_code == (200 if key in CAN_CREATE else 403)


@pytest.mark.parametrize("key", USERS)
def test_person_api(key, persons):
    api = api_client(key)
    listing = api.get("/api/v1/persons/")
    if not CAN_READ[key]:
        assert listing.status_code == 403
    else:
        assert listing.status_code == 200
        names = {item["pseudonym"] for item in listing.json()["results"]}
        assert names == {persons[name].pseudonym for name in CAN_READ[key]}
    for name, person in persons.items():
        detail = api.get(f"/api/v1/persons/{person.pk}/")
        expected = 200 if name in CAN_READ[key] else (403 if not CAN_READ[key] else 404)
        assert detail.status_code == expected, name
        patch = api.patch(
            f"/api/v1/persons/{person.pk}/",
            {"pseudonym": "Changé", "version": person.version},
            format="json",
        )
        person.refresh_from_db()
        if name in CAN_CHANGE[key]:
            assert patch.status_code == 200, patch.content
            assert person.pseudonym == "Changé"
        else:
            assert patch.status_code in (400, 403, 404), patch.content
            assert person.pseudonym != "Changé"


@pytest.mark.parametrize("key", USERS)
def test_person_api_create(key):
    api = api_client(key)
    _, services = USERS[key]
    payload = {"pseudonym": "Nouvelle", "sex": "F"}
    if services:
        payload["service"] = services[0]
    response = api.post("/api/v1/persons/", payload, format="json")
    if key in CAN_CREATE:
        assert response.status_code == 201, response.content
        person = Person.objects.get(pk=response.json()["id"])
        assert list(person.case_files.values_list("service__code", flat=True)) == [services[0]]
    else:
        assert response.status_code in (400, 403)
        assert not Person.objects.filter(pseudonym="Nouvelle").exists()


def test_cannot_create_a_person_in_someone_elses_service():
    api = api_client("educ_prevention")
    response = api.post(
        "/api/v1/persons/", {"pseudonym": "Intrus", "service": "habitat"}, format="json"
    )
    assert response.status_code == 400
    assert "service" in response.json()
    assert not Person.objects.filter(pseudonym="Intrus").exists()


@pytest.mark.parametrize("key", USERS)
def test_households_follow_their_members(key, persons):
    HouseholdMemberFactory(person=persons["habitat"], household__label="Ménage H")
    HouseholdMemberFactory(person=persons["prevention"], household__label="Ménage P")
    visible = set(Household.objects.visible_to(user_for(key)).values_list("label", flat=True))
    expected = {f"Ménage {name[0].upper()}" for name in CAN_READ[key] if name != "both"}
    assert visible == expected


def test_a_deactivated_user_sees_nothing(persons):
    user = user_for("educ_prevention")
    user.is_active = False
    user.save()
    assert not Person.objects.visible_to(user).exists()


def test_anonymous_users_are_sent_to_the_login_page(client, persons):
    response = client.get(reverse("person-detail", args=[persons["prevention"].pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert APIClient().get("/api/v1/persons/").status_code == 401


def test_a_user_logs_in_with_a_password(client):
    user_for("educ_prevention")
    response = client.post(
        reverse("login"), {"username": "educ_prevention", "password": PASSWORD}, follow=True
    )
    assert response.context["user"].is_authenticated
    assert "Bonjour" in response.content.decode()


def test_other_services_files_and_household_members_stay_hidden(client, persons):
    """Kenza is known to prevention and habitat: a prevention éducateur sees her, but neither
    that habitat follows her nor the members of her household habitat alone knows."""
    member = HouseholdMemberFactory(person=persons["both"], household__label="Ménage K")
    HouseholdMemberFactory(household=member.household, person=persons["habitat"])
    web_client(client, "educ_prevention")
    html = client.get(reverse("person-detail", args=[persons["both"].pk])).content.decode()
    assert "Habitat" not in html
    assert "Sarah" not in html  # the habitat-only member
    listing = client.get(reverse("person-list")).content.decode()
    assert "Habitat" not in listing
    api = api_client("educ_prevention")
    detail = api.get(f"/api/v1/persons/{persons['both'].pk}/").json()
    assert detail["services"] == ["prevention"]
    assert api.get("/api/v1/persons/?service=habitat").json()["count"] == 0
    # The direction sees both services.
    direction = api_client("direction")
    assert sorted(direction.get(f"/api/v1/persons/{persons['both'].pk}/").json()["services"]) == [
        "habitat",
        "prevention",
    ]
