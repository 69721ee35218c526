"""The direction opens its dashboard and follows a figure to the report table."""

import pytest
from playwright.sync_api import expect

from rl_portal.roles import Role
from tests.e2e.conftest import login
from tests.rl_portal.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_dashboard(live_server, browser):
    make_user(Role.DIRECTION, username="directrice", first_name="Claire")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    login(page, live_server, "directrice", PASSWORD)
    expect(
        page.get_by_text("Depuis le 1er janvier, comparé à la même période de l'an dernier")
    ).to_be_visible()
    expect(page.locator("figure img").first).to_be_visible()
    page.get_by_text("Conventions et appels à projets").click()
    expect(page.get_by_role("heading", name="Rapport d'activités de l'association")).to_be_visible()
    expect(page.locator("#association-chiffres")).to_be_visible()
    assert "/reports/association-annuelle/?start=" in page.url
    context.close()
