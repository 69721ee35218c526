"""An éducateur on a phone: logs in, records a youth, finds them again, edits them."""

import re

import pytest
from playwright.sync_api import expect

from rl_portal.models import Person
from rl_portal.roles import Role
from tests.e2e.conftest import login
from tests.rl_portal.factories import PASSWORD, PersonFactory, make_user

# The live server runs in another thread: the data must be committed (see the `referentials`
# fixture in conftest.py for what the flush between tests removes).
pytestmark = pytest.mark.django_db(transaction=True)


def test_educator_records_and_finds_a_youth_on_a_phone(live_server, phone_page):
    page = phone_page
    make_user(Role.EDUCATEUR, "prevention", username="julie", first_name="Julie")
    PersonFactory(pseudonym="Tom", services=["prevention"])
    PersonFactory(pseudonym="Secret", services=["habitat"])

    login(page, live_server, "julie", PASSWORD)
    expect(page.get_by_role("heading", name="Bonjour Julie")).to_be_visible()

    # The menu is collapsed on a phone.
    page.get_by_role("button", name="Ouvrir le menu").click()
    page.get_by_role("link", name="Personnes").click()
    expect(page.get_by_text("Tom")).to_be_visible()
    expect(page.get_by_text("Secret")).to_have_count(0)

    page.get_by_role("link", name="+ Nouvelle personne").click()
    page.get_by_label("Pseudonyme").fill("Inès")
    page.get_by_label("Sexe").select_option("F")
    page.get_by_label("Année de naissance").fill("2011")
    page.get_by_label("Commune de résidence").select_option(label="Courrières")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", name="Inès")).to_be_visible()
    expect(page.get_by_text("est enregistré(e)")).to_be_visible()
    person = Person.objects.get(pseudonym="Inès")
    assert page.url.endswith(f"/personnes/{person.pk}/")
    assert person.case_files.get().service.code == "prevention"

    # Search through htmx: the results change without a page load, the URL keeps no name.
    page.goto(f"{live_server.url}/personnes/")
    page.get_by_placeholder("Pseudonyme ou nom").fill("ines")
    expect(page.locator("#resultats").get_by_text("Tom")).to_have_count(0)
    expect(page.locator("#resultats").get_by_text("Inès")).to_be_visible()
    assert "in" not in page.url.split("/personnes/")[1]

    # The layout fits the phone: no horizontal scrolling.
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 390

    page.locator("#resultats").get_by_text("Inès").click()
    page.get_by_role("link", name="Modifier").click()
    page.get_by_label("Nom de famille").fill("Martin")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Modifications enregistrées.")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("Inès"))).to_contain_text("Martin")


def test_bad_login_shows_a_french_error(live_server, phone_page):
    make_user(Role.EDUCATEUR, "prevention", username="julie")
    page = phone_page
    page.goto(f"{live_server.url}/connexion/")
    page.get_by_label("Nom d’utilisateur").fill("julie")
    page.get_by_label("Mot de passe").fill("mauvais")
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_text("Identifiant ou mot de passe incorrect")).to_be_visible()
