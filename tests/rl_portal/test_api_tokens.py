"""Issue 10, item 5: API tokens expire, are one per device, and are revoked at logout, password
change and deactivation; their owner lists and revokes them (API and account page)."""

import datetime

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from rl_portal.models import ApiToken
from rl_portal.roles import Role
from tests.rl_portal.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def obtain(username="julie", device=None, password=PASSWORD):
    data = {"username": username, "password": password}
    if device is not None:
        data["device"] = device
    return APIClient().post("/api/v1/auth/token/", data, format="json")


def with_token(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def works(token: str) -> bool:
    status = with_token(token).get("/api/v1/persons/").status_code
    assert status in (200, 401)
    return status == 200


def test_a_token_expires_after_the_configured_hours(educator, frozen_clock):
    response = obtain(device="tablette")
    assert response.status_code == 200
    body = response.json()
    assert body["device"] == "tablette"
    assert body["expiry"].startswith("2026-11-17T18:00")  # issued at 10:00, valid 8 h
    assert works(body["token"])
    frozen_clock.shift(datetime.timedelta(hours=7, minutes=59))
    assert works(body["token"])
    frozen_clock.shift(datetime.timedelta(minutes=2))
    assert not works(body["token"])
    assert not ApiToken.objects.exists()  # knox deletes an expired token when it is presented


def test_the_lifetime_is_a_setting(educator, settings):
    settings.REST_KNOX = {**settings.REST_KNOX, "TOKEN_TTL": datetime.timedelta(hours=1)}
    token = ApiToken.objects.get(pk=obtain().json()["id"])
    assert token.expiry - token.created == pytest.approx(
        datetime.timedelta(hours=1), abs=datetime.timedelta(seconds=1)
    )


def test_only_its_hash_is_stored(educator):
    secret = obtain().json()["token"]
    stored = ApiToken.objects.get()
    assert secret not in (stored.digest, stored.token_key)
    assert stored.device == "api"  # no device named: « api »


def test_one_token_per_device(educator):
    first = obtain(device="téléphone").json()["token"]
    second = obtain(device="téléphone").json()["token"]
    other = obtain(device="script de rapport").json()["token"]
    assert not works(first)
    assert works(second) and works(other)
    assert sorted(ApiToken.objects.values_list("device", flat=True)) == [
        "script de rapport",
        "téléphone",
    ]


def test_logging_out_of_the_site_revokes_every_token(client, educator):
    token = obtain(device="téléphone").json()["token"]
    client.force_login(educator)
    client.post(reverse("logout"))
    assert not works(token)


def test_an_idle_session_that_expires_is_not_a_logout(client, educator, frozen_clock):
    client.force_login(educator)
    client.get(reverse("home"))
    token = obtain(device="téléphone").json()["token"]
    frozen_clock.shift(datetime.timedelta(minutes=31))
    client.get(reverse("home"))  # the session ends by the idle timeout
    assert works(token)


def test_the_api_logout_revokes_the_token_used_only(educator):
    phone = obtain(device="téléphone").json()["token"]
    laptop = obtain(device="ordinateur").json()["token"]
    assert with_token(phone).post("/api/v1/auth/logout/").status_code == 204
    assert not works(phone)
    assert works(laptop)


def test_a_password_change_revokes_every_token(client, educator):
    token = obtain().json()["token"]
    client.force_login(educator)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "un-tout-nouveau-mot-de-passe",
            "new_password2": "un-tout-nouveau-mot-de-passe",
        },
    )
    assert response.status_code == 302
    assert not works(token)


def test_a_password_set_by_an_administrator_revokes_every_token(educator):
    token = obtain().json()["token"]
    educator.set_password("un-tout-nouveau-mot-de-passe")
    educator.save()
    assert not works(token)


def test_deactivation_revokes_every_token(educator):
    token = obtain().json()["token"]
    educator.is_active = False
    educator.save()
    assert not ApiToken.objects.exists()
    assert not works(token)


def test_a_login_keeps_the_tokens(client, educator):
    token = obtain().json()["token"]
    client.post(reverse("login"), {"username": "julie", "password": PASSWORD})
    assert works(token)


def test_the_owner_lists_and_revokes_their_tokens(educator):
    phone = obtain(device="téléphone").json()
    laptop = obtain(device="ordinateur").json()
    other = make_user(Role.EDUCATEUR, "prevention", username="marc")
    foreign = obtain(username="marc").json()
    api = with_token(phone["token"])
    listed = api.get("/api/v1/auth/tokens/").json()
    assert [(t["device"], t["current"]) for t in listed] == [
        ("ordinateur", False),
        ("téléphone", True),
    ]
    assert set(listed[0]) == {"id", "device", "created", "expiry", "current"}  # no secret
    # Another user's token does not exist for her.
    assert api.delete(f"/api/v1/auth/tokens/{foreign['id']}/").status_code == 404
    assert works(foreign["token"])
    assert api.delete(f"/api/v1/auth/tokens/{laptop['id']}/").status_code == 204
    assert not works(laptop["token"])
    assert ApiToken.objects.filter(user=other).count() == 1


def test_the_account_page_lists_and_revokes(client, educator):
    phone = obtain(device="téléphone").json()
    make_user(Role.EDUCATEUR, "prevention", username="marc")
    foreign = obtain(username="marc", device="tablette de Marc").json()
    client.force_login(educator)
    page = client.get(reverse("account-api-tokens")).content.decode()
    assert "téléphone" in page and "tablette de Marc" not in page
    assert "valable\n    8 heures" in page
    assert client.post(reverse("account-api-token-revoke", args=[foreign["id"]])).status_code == 404
    response = client.post(reverse("account-api-token-revoke", args=[phone["id"]]), follow=True)
    assert "est révoqué" in response.content.decode()
    assert not works(phone["token"])
    assert works(foreign["token"])


def test_a_bad_device_name_is_a_french_message(educator):
    response = obtain(device="x" * 65)
    assert response.status_code == 400
    assert "device" in response.json()
    response = obtain(device="a\x01b")
    assert response.status_code == 400
    assert "caractère" in str(response.json())
