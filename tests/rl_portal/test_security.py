"""Login throttling, session lifetime, security headers, production settings."""

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from rl_portal.middleware import SESSION_STARTED_KEY
from rl_portal.roles import Role
from tests.rl_portal.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def fail_login(client, username, **headers):
    return client.post(
        reverse("login"), {"username": username, "password": "mauvais-mot-de-passe"}, **headers
    )


def test_login_is_locked_after_five_failures(client):
    make_user(Role.EDUCATEUR, "prevention", username="julie")
    for _ in range(4):
        response = fail_login(client, "julie")
        assert response.status_code == 200
        assert "Identifiant ou mot de passe incorrect" in response.content.decode()
    assert fail_login(client, "julie").status_code == 429
    # Even the right password is refused now.
    response = client.post(reverse("login"), {"username": "julie", "password": PASSWORD})
    assert response.status_code == 429
    assert "Connexion temporairement bloquée" in response.content.decode()


def test_a_forged_forwarded_for_header_does_not_bypass_the_lockout(client):
    make_user(Role.EDUCATEUR, "prevention", username="julie")
    for attempt in range(5):
        fail_login(client, "julie", HTTP_X_FORWARDED_FOR=f"10.0.0.{attempt}")
    response = client.post(
        reverse("login"),
        {"username": "julie", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="10.9.9.9",
    )
    assert response.status_code == 429


def test_behind_a_proxy_the_address_is_the_one_the_proxy_appended(rf, settings):
    from axes.helpers import get_client_ip_address

    settings.AXES_IPWARE_PROXY_COUNT = 1
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    # The client forged the first entry; the proxy appended the real address.
    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7", REMOTE_ADDR="10.0.0.1")
    assert get_client_ip_address(request) == "203.0.113.7"


def test_the_token_endpoint_is_throttled_too(client):
    make_user(Role.EDUCATEUR, "prevention", username="julie")
    url = "/api/v1/auth/token/"
    for _ in range(4):
        response = client.post(url, {"username": "julie", "password": "faux"})
        assert response.status_code == 400
    assert client.post(url, {"username": "julie", "password": "faux"}).status_code == 429
    response = client.post(url, {"username": "julie", "password": PASSWORD})
    assert response.status_code == 429
    assert "token" not in response.json()
    assert "bloquée" in response.json()["detail"]


def test_login_gives_a_new_session_key(client):
    make_user(Role.EDUCATEUR, "prevention", username="julie")
    client.get(reverse("login"))
    client.session.save()
    before = client.session.session_key
    client.post(reverse("login"), {"username": "julie", "password": PASSWORD})
    assert client.session.session_key != before
    assert SESSION_STARTED_KEY in client.session


def test_an_idle_session_expires_after_30_minutes(client, frozen_clock):
    client.force_login(make_user(Role.EDUCATEUR, "prevention"))
    assert client.get(reverse("home")).status_code == 200
    frozen_clock.shift(datetime.timedelta(minutes=29))
    assert client.get(reverse("home")).status_code == 200
    frozen_clock.shift(datetime.timedelta(minutes=31))
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_session_ends_after_12_hours_even_when_active(client, frozen_clock):
    client.force_login(make_user(Role.EDUCATEUR, "prevention"))
    # A page every 25 minutes from 10:00: still signed in at 21:40, out at 22:05.
    for _ in range(12 * 60 // 25 + 1):
        assert client.get(reverse("home")).status_code == 200
        frozen_clock.shift(datetime.timedelta(minutes=25))
    assert client.get(reverse("home")).status_code == 302


def test_a_deactivated_users_session_ends(client):
    user = make_user(Role.EDUCATEUR, "prevention")
    client.force_login(user)
    assert client.get(reverse("home")).status_code == 200
    user.is_active = False
    user.save()
    assert client.get(reverse("home")).status_code == 302


def test_passwords_need_twelve_characters():
    with pytest.raises(ValidationError) as error:
        validate_password("Court1!xyz")
    assert "12 caractères" in " ".join(error.value.messages)
    validate_password("une phrase de passe solide")


def test_pages_send_security_headers(client):
    client.force_login(make_user(Role.EDUCATEUR, "prevention"))
    response = client.get(reverse("home"))
    csp = response["Content-Security-Policy"]
    for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert "no-store" in response["Cache-Control"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_anonymous_pages_can_be_cached_but_personal_pages_cannot(client):
    assert "no-store" not in client.get(reverse("healthcheck")).get("Cache-Control", "")
    client.force_login(make_user(Role.EDUCATEUR, "prevention"))
    for name in ("person-list", "prevention:accompaniments"):
        assert "no-store" in client.get(reverse(name))["Cache-Control"]
    assert "no-store" in client.get("/api/v1/persons/")["Cache-Control"]


def _manage(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DJANGO_SETTINGS_MODULE",
            "DEBUG",
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "SECURE_SSL_REDIRECT",
            "DATABASE_POOL",
        }
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
def test_production_settings_pass_check_deploy():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="a-long-random-production-secret-key-for-the-check-0123456789abcdef",
        ALLOWED_HOSTS="rl-portal.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_secret_key_is_required_when_debug_is_off():
    result = _manage("check", DEBUG="0", ALLOWED_HOSTS="rl-portal.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY doit être défini" in result.stderr
