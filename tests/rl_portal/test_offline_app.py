"""The installable app's pieces served by Django: the service worker at the site's root, the
manifest, the CSP that allows them and nothing else, and a logout that wipes the phone."""

import uuid
from unittest import mock

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from rl_portal import services
from rl_portal.models import OfflineSubmission
from rl_portal.roles import Role
from tests.rl_portal.factories import make_user

pytestmark = pytest.mark.django_db


def test_service_worker_is_served_from_the_root_without_login(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    script = response.content.decode()
    # Only vendored files of this site, each of them present.
    for path in (
        "vendor/workbox/workbox-core.prod.js",
        "vendor/workbox/workbox-strategies.prod.js",
        "vendor/idb-keyval/idb-keyval.umd.js",
        "js/offline-queue.js",
        "js/sw-main.js",
    ):
        assert f'"/static/{path}"' in script
        assert finders.find(path), path
    assert "http" not in script  # no CDN


def test_manifest_is_french_and_opens_on_the_quick_entry(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = response.json()
    assert manifest["lang"] == "fr"
    assert manifest["start_url"] == "/app/"
    assert manifest["display"] == "standalone"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        assert icon["type"] == "image/png"
        assert finders.find(icon["src"].removeprefix("/static/"))


def test_pages_link_the_manifest_and_allow_the_worker_only_from_this_site(client, educator):
    client.force_login(educator)
    response = client.get(reverse("prevention:quick-entry"))
    csp = response["Content-Security-Policy"]
    assert "worker-src 'self'" in csp and "manifest-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    html = response.content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert f'data-offline-user="{educator.pk}"' in html
    assert 'id="offline-status"' in html


def test_logout_tells_the_browser_to_forget_caches_and_storage(client, educator):
    client.force_login(educator)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'


def test_signed_out_pages_carry_no_user_for_the_queue(client):
    html = client.get(reverse("login")).content.decode()
    assert "data-offline-user" not in html
    assert 'id="offline-status"' not in html


def test_the_installed_app_opens_on_each_teams_entry_page(client):
    for service_codes, expected in (
        (["prevention"], reverse("prevention:quick-entry")),
        (["scolaire"], reverse("scolaire:programmes")),
        (["habitat"], reverse("home")),
    ):
        client.force_login(make_user(Role.EDUCATEUR, *service_codes))
        assert client.get("/app/").url == expected


def test_the_offline_page_needs_no_login_and_names_no_one(client):
    response = client.get("/hors-ligne/")
    assert response.status_code == 200
    assert "Hors ligne" in response.content.decode()
    # escapejs writes « - » as \u002D in the script.
    script = client.get("/sw.js").content.decode()
    assert 'RL_OFFLINE_FALLBACK = "/hors\\u002Dligne/"' in script


def test_a_second_sending_racing_the_first_finds_it_and_writes_nothing(educator):
    """Two sendings of one entry at the same moment (Background Sync and the page): the second
    does not see the first's uncommitted key, waits on the unique index, then finds it."""
    key = uuid.uuid4()
    kind = OfflineSubmission.Kind.QUICK_ENTRY
    first, created = services.offline_submission_apply(
        client_uuid=key, kind=kind, by=educator, write=lambda: {"time_entries": [1]}
    )
    with mock.patch.object(OfflineSubmission.objects, "filter") as lookup:
        lookup.return_value.first.return_value = None  # not committed yet when looked up
        again, created_again = services.offline_submission_apply(
            client_uuid=key, kind=kind, by=educator, write=lambda: pytest.fail("written twice")
        )
    assert created and not created_again
    assert again.pk == first.pk and again.result == {"time_entries": [1]}
    assert OfflineSubmission.objects.count() == 1
