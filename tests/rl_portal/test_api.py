"""The persons API: token authentication, pagination, validation, concurrent edits."""

import pytest
from rest_framework.test import APIClient

from rl_portal.models import Person
from tests.rl_portal.factories import PASSWORD, PersonFactory

pytestmark = pytest.mark.django_db


def test_token_authentication(educator):
    client = APIClient()
    response = client.post(
        "/api/v1/auth/token/", {"username": "julie", "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200
    token = response.json()["token"]
    PersonFactory(pseudonym="Yanis", services=["prevention"])
    assert client.get("/api/v1/persons/").status_code == 401
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = client.get("/api/v1/persons/")
    assert response.status_code == 200
    assert [item["pseudonym"] for item in response.json()["results"]] == ["Yanis"]


def test_a_wrong_password_gets_no_token(educator):
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": "julie", "password": "faux"}, format="json"
    )
    assert response.status_code == 400
    assert "token" not in response.json()


def test_page_size(api):
    PersonFactory.create_batch(7, services=["prevention"])
    response = api.get("/api/v1/persons/?page_size=5")
    data = response.json()
    assert data["count"] == 7
    assert len(data["results"]) == 5
    assert data["next"] is not None
    assert len(api.get("/api/v1/persons/?page_size=5&page=2").json()["results"]) == 2


def test_create_with_only_a_pseudonym(api):
    response = api.post("/api/v1/persons/", {"pseudonym": "Lina"}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["services"] == ["prevention"]
    assert body["sex"] == "NR"
    assert body["age"] is None
    assert body["version"] == 1


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({}, "pseudonym", "Ce champ est obligatoire."),
        ({"pseudonym": "Lina", "sex": "X"}, "sex", "n'est pas un choix valide"),
        ({"pseudonym": "Lina", "birth_date": "2090-01-01"}, "birth_date", "futur"),
        (
            {"pseudonym": "Lina", "birth_date": "2010-05-01", "birth_year": 2011},
            "birth_year",
            "ne correspond pas",
        ),
        ({"pseudonym": "Lina", "birth_year": 1850}, "birth_year", "supérieure ou égale à"),
        ({"pseudonym": "Lina", "email": "pas-un-courriel"}, "email", "adresse e-mail valide"),
    ],
)
def test_bad_input_is_refused_in_french_and_nothing_is_stored(api, payload, field, message):
    response = api.post("/api/v1/persons/", payload, format="json")
    assert response.status_code == 400
    errors = response.json()
    assert field in errors, errors
    assert message in " ".join(errors[field])
    assert not Person.objects.exists()


def test_quartier_must_belong_to_the_commune(api):
    from rl_portal.models import Commune, Quartier

    rotois = Quartier.objects.get(name="Le Rotois")
    carvin = Commune.objects.get(name="Carvin")
    response = api.post(
        "/api/v1/persons/",
        {"pseudonym": "Lina", "commune": carvin.pk, "quartier": rotois.pk},
        format="json",
    )
    assert response.status_code == 400
    assert "quartier" in response.json()


def test_update_needs_the_version(api):
    person = PersonFactory(services=["prevention"])
    response = api.patch(f"/api/v1/persons/{person.pk}/", {"pseudonym": "Neo"}, format="json")
    assert response.status_code == 400
    assert "version" in response.json()


def test_concurrent_edits_the_second_writer_gets_409(api):
    person = PersonFactory(pseudonym="Avant", services=["prevention"])
    read_version = api.get(f"/api/v1/persons/{person.pk}/").json()["version"]
    first = api.patch(
        f"/api/v1/persons/{person.pk}/",
        {"pseudonym": "Premier", "version": read_version},
        format="json",
    )
    assert first.status_code == 200
    assert first.json()["version"] == read_version + 1
    second = api.patch(
        f"/api/v1/persons/{person.pk}/",
        {"pseudonym": "Second", "version": read_version},
        format="json",
    )
    assert second.status_code == 409
    assert "modifiée par quelqu'un d'autre" in second.json()["detail"]
    person.refresh_from_db()
    assert person.pseudonym == "Premier"


def test_no_delete_through_the_api(api):
    person = PersonFactory(services=["prevention"])
    # Permissions are checked before the method: no delete_person permission, so 403.
    assert api.delete(f"/api/v1/persons/{person.pk}/").status_code in (403, 405)
    assert Person.objects.filter(pk=person.pk).exists()


def test_filters_by_service_and_commune(api):
    from rl_portal.models import Commune

    oignies = Commune.objects.get(name="Oignies")
    PersonFactory(pseudonym="Ici", commune=oignies, services=["prevention"])
    PersonFactory(pseudonym="Ailleurs", services=["prevention"])
    names = [
        p["pseudonym"] for p in api.get(f"/api/v1/persons/?commune={oignies.pk}").json()["results"]
    ]
    assert names == ["Ici"]
    assert api.get("/api/v1/persons/?service=habitat").json()["count"] == 0


def test_openapi_schema_and_docs(client, educator):
    assert client.get("/api/schema/?format=json").status_code == 401
    client.force_login(educator)
    schema = client.get("/api/schema/?format=json")
    assert schema.status_code == 200
    assert "/api/v1/persons/" in schema.json()["paths"]
    assert "/api/v1/auth/token/" in schema.json()["paths"]
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert b"swagger" in docs.content.lower()
    # The Swagger UI page says its language, as every page does (axe-core's html-has-lang).
    assert b'<html lang="fr">' in docs.content
