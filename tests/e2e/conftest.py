"""Browser tests: Playwright drives Debian's Chromium (/usr/bin/chromium, installed by
`make test` through scripts/ensure-chromium.sh) against pytest-django's live server."""

import os

import pytest

from tests.referentials import load_referentials

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# A phone in portrait: the éducateurs use the application in the street.
PHONE = {"width": 390, "height": 844}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(autouse=True)
def referentials(transactional_db):
    """Transactional tests end with a flush that empties every table, the référentiels
    included; load them again."""
    load_referentials()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
    # test itself (fixtures) are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} est absent : lancez la suite avec `make test`, qui l'installe.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(viewport=PHONE, locale="fr-FR", is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def login(page, live_server, username, password):
    page.goto(f"{live_server.url}/connexion/")
    page.get_by_label("Nom d’utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(f"{live_server.url}/")
