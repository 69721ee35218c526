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


def test_a_look_alike_is_shown_before_creating_and_a_household_is_built(live_server, phone_page):
    """Issue 15: a person created on the spot is checked against the service's look-alikes
    first; a household is built from the applicant's page, its child found by search."""
    page = phone_page
    make_user(Role.EDUCATEUR, "habitat", username="sam", first_name="Sam")
    known = PersonFactory(pseudonym="Yanis", sex="M", birth_year=2009, services=["habitat"])
    PersonFactory(pseudonym="Lina", birth_year=2019, services=["habitat"])
    PersonFactory(pseudonym="Lina", birth_year=2001, services=["habitat"])
    login(page, live_server, "sam", PASSWORD)

    page.goto(f"{live_server.url}/personnes/nouvelle/")
    page.get_by_label("Pseudonyme").fill("yanis")
    page.get_by_label("Sexe").select_option("M")
    page.get_by_label("Année de naissance").fill("2010")
    page.get_by_role("button", name="Enregistrer").click()
    warning = page.locator("#likely-duplicates")
    expect(warning).to_contain_text("peut-être déjà connue")
    expect(warning.get_by_role("link", name="Yanis")).to_have_attribute(
        "href", f"/personnes/{known.pk}/"
    )
    assert Person.objects.filter(pseudonym__iexact="yanis").count() == 1
    page.get_by_label("Ce n'est aucune de ces personnes").check()
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("est enregistré(e)")).to_be_visible()
    new = Person.objects.get(pseudonym="yanis")

    page.get_by_role("link", name=re.compile("Créer un ménage")).click()
    page.get_by_label("Composition").select_option(label="Famille monoparentale")
    page.get_by_role("button", name="Enregistrer le ménage").click()
    expect(page.get_by_text("Ménage enregistré")).to_be_visible()
    page.get_by_label("Personne").fill("lina")
    page.locator("[data-picker-choose]", has_text="7 ans").click()
    page.get_by_label("Rôle dans le ménage").select_option(label="Enfant")
    page.get_by_role("button", name="Ajouter au ménage").click()
    expect(page.get_by_text("Membre ajouté au ménage.")).to_be_visible()
    household = new.households.get()
    assert household.composition == "monoparentale"
    child = household.memberships.get(role="enfant").person
    assert (child.pseudonym, child.birth_year) == ("Lina", 2019)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
