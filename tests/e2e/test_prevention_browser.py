"""An éducateur on a phone: the day's quick entry, an accompaniment opened then closed, a
collective action recorded."""

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from prevention.models import Accompaniment, CollectiveAction, Contact, TimeEntry
from rl_portal.models import Commune, Person, User
from rl_portal.roles import Role
from tests.e2e.conftest import login
from tests.prevention.factories import TimeEntryFactory
from tests.rl_portal.factories import PASSWORD, PersonFactory, make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def educator_page(live_server, phone_page):
    make_user(Role.EDUCATEUR, "prevention", username="julie", first_name="Julie")
    login(phone_page, live_server, "julie", PASSWORD)
    return phone_page


def test_quick_entry_without_reloading_the_page(live_server, educator_page):
    page = educator_page
    PersonFactory(pseudonym="Tom", services=["prevention"])
    page.goto(f"{live_server.url}/prevention/saisie/")
    page.evaluate("window.__samePage = true")

    page.get_by_label("Travail de rue").fill("2,5")
    page.get_by_label("Actions collectives").fill("1")
    page.get_by_placeholder("Chercher un jeune (pseudonyme)").fill("to")
    page.get_by_role("button", name="Tom").click()
    expect(page.locator("#selected-youths").get_by_text("Tom")).to_be_visible()

    page.get_by_text("Nouveau jeune").click()
    page.get_by_label("Pseudonyme").fill("Nono")
    page.get_by_label("Âge (environ)").fill("13")
    page.get_by_role("button", name="Ajouter à la saisie").click()
    expect(page.locator("#selected-youths").get_by_text("Nono")).to_be_visible()

    # Where the youths were met is chosen (issue 15: it was « travail de rue » by default).
    page.get_by_role("button", name="Enregistrer la saisie").click()
    expect(page.get_by_text("Choisissez le mode de rencontre.")).to_be_visible()
    assert not TimeEntry.objects.exists()
    page.get_by_label("Jeunes rencontrés en").select_option(value="travail_de_rue")
    page.get_by_role("button", name="Enregistrer la saisie").click()
    expect(page.get_by_role("status")).to_contain_text("Enregistré : 3,5 h et 2 jeunes rencontrés")
    expect(page.get_by_role("status")).to_be_in_viewport()  # brought into view on a phone
    assert page.evaluate("window.__samePage") is True  # htmx: no full page load
    assert TimeEntry.objects.count() == 2
    assert set(Contact.objects.values_list("person__pseudonym", flat=True)) == {"Tom", "Nono"}

    # A wrong figure: the error shows next to the line, nothing is saved.
    page.get_by_label("Formation").fill("1,1")
    page.get_by_role("button", name="Enregistrer la saisie").click()
    expect(page.get_by_text("Les heures se saisissent par quart d'heure")).to_be_in_viewport()
    assert TimeEntry.objects.count() == 2


def test_open_and_close_an_accompaniment(live_server, educator_page):
    page = educator_page
    youth = PersonFactory(pseudonym="Lina", services=["prevention"])
    page.goto(f"{live_server.url}/personnes/{youth.pk}/")
    page.get_by_role("link", name="Ouvrir un accompagnement").click()
    page.get_by_label("PAEI (projet d'accompagnement éducatif individualisé)").check()
    page.get_by_label("Scolarité / situation au début").select_option(label="Collège")
    page.get_by_label("Origine de la rencontre").select_option(label="Présence sociale")
    page.get_by_label("Scolaires — Comportement et décrochage scolaire").check()
    page.get_by_label("Éducation nationale").check()
    page.get_by_role("button", name="Enregistrer").click()
    expect(
        page.get_by_role("heading", name="PAEI (projet d'accompagnement éducatif individualisé)")
    ).to_be_visible()
    accompaniment = Accompaniment.objects.get(person=youth)
    assert accompaniment.is_open

    page.get_by_role("link", name="Clôturer").click()
    # No reason is preselected: closing without choosing one is refused.
    page.get_by_role("button", name="Clôturer l'accompagnement").click()
    expect(page.get_by_text("Choisissez le motif de clôture.")).to_be_visible()
    accompaniment.refresh_from_db()
    assert accompaniment.is_open
    page.get_by_label("Motif").select_option(label="Amélioration de la situation")
    page.get_by_role("button", name="Clôturer l'accompagnement").click()
    expect(page.get_by_text("Accompagnement clôturé.")).to_be_visible()
    accompaniment.refresh_from_db()
    assert accompaniment.end_reason == "amelioration_situation"


def test_record_a_collective_action(live_server, educator_page):
    page = educator_page
    page.goto(f"{live_server.url}/prevention/actions/nouvelle/")
    page.get_by_label("Intitulé").fill("Ateliers composteurs")
    page.get_by_label("Type").select_option(label="Action collective")
    page.get_by_label("Commune").select_option(label="Oignies")
    page.get_by_label("Dates des séances").fill("03/03/2025\n10/03/2025")
    page.get_by_label("11 à 14 ans — Filles / femmes").fill("4")
    page.get_by_label("11 à 14 ans — Garçons / hommes").fill("3")
    # Counted in the EMPS bilan: saving without saying who initiated the action is refused.
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("à l'initiative de l'action ou s'y associe").first).to_be_visible()
    assert not CollectiveAction.objects.exists()
    page.get_by_label("Le service s'associe à l'action d'un partenaire").check()
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", name="Ateliers composteurs")).to_be_visible()
    expect(page.get_by_text("2 séances")).to_be_visible()
    action = CollectiveAction.objects.get()
    assert action.initiated_by_service is False
    assert sum(action.headcounts.values_list("count", flat=True)) == 7
    assert Person.objects.count() == 0


def test_three_successive_youth_searches(live_server, educator_page):
    """Issue 15, item 1: the search answered once and then kept its first results (the answer
    replaced its own container, the next search had no target)."""
    page = educator_page
    for name in ("Adam", "Ambre", "Sacha"):
        PersonFactory(pseudonym=name, services=["prevention"])
    PersonFactory(pseudonym="Adam", birth_year=2008, services=["prevention"])
    errors = []
    page.on("console", lambda message: errors.append(message.text))
    page.goto(f"{live_server.url}/prevention/saisie/")
    search = page.get_by_placeholder("Chercher un jeune (pseudonyme)")
    results = page.locator("#youth-results")
    chips = page.locator("#selected-youths .youth-chip")

    for count, name in enumerate(("Adam", "Ambre", "Sacha"), start=1):
        search.fill(name)
        expect(results.get_by_role("button").first).to_contain_text(name)
        expect(results.get_by_role("button").filter(has_not_text=name)).to_have_count(0)
        results.get_by_role("button").first.click()
        expect(chips).to_have_count(count)
        expect(chips.nth(count - 1)).to_contain_text(name)
        expect(search).to_have_value("")
        expect(results.get_by_role("button")).to_have_count(0)

    assert not [e for e in errors if "targetError" in e or "htmx" in e.lower()], errors


def test_edit_then_delete_an_own_time_entry(live_server, educator_page):
    """Issue 15, item 2: nothing saved could be corrected."""
    page = educator_page
    julie = User.objects.get(username="julie")
    TimeEntryFactory(educator=julie, date=datetime.date(2026, 11, 16), hours=Decimal("2"))
    page.goto(f"{live_server.url}/prevention/temps/")
    page.get_by_role("link", name="Modifier le temps du 16/11/2026").click()
    page.get_by_label("Heures").fill("2h30")
    page.get_by_label("Activité").select_option(label="Formation")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Temps modifié.")).to_be_visible()
    expect(page.locator("main").get_by_text("2,5 h")).to_be_visible()
    entry = TimeEntry.objects.get()
    assert (entry.hours, entry.activity) == (Decimal("2.5"), "formation")

    page.get_by_role("link", name="Supprimer le temps du 16/11/2026").click()
    page.get_by_role("button", name="Supprimer").click()
    expect(page.get_by_text("Temps supprimé.")).to_be_visible()
    expect(page.get_by_text("Aucun temps saisi pour ces critères.").last).to_be_visible()
    assert not TimeEntry.objects.exists()


def test_a_new_youth_is_offered_the_entrys_commune_and_created_with_the_entry(
    live_server, educator_page
):
    """Issue 15, item 5: the youth is created when the entry is saved, not before; likely
    duplicates are shown first."""
    page = educator_page
    oignies = Commune.objects.get(name="Oignies")
    PersonFactory(
        pseudonym="Yanis", sex="M", birth_year=2010, commune=oignies, services=["prevention"]
    )
    page.goto(f"{live_server.url}/prevention/saisie/")
    page.get_by_label("Commune", exact=True).select_option(label="Oignies")
    page.get_by_label("Jeunes rencontrés en").select_option(
        label="Jeunes rencontrés en : travail de rue"
    )
    page.get_by_text("Nouveau jeune").click()
    expect(page.get_by_label("Commune du jeune")).to_have_value(str(oignies.pk))
    page.get_by_label("Pseudonyme").fill("Yanis")
    page.get_by_label("Sexe").select_option(label="Homme / garçon")
    page.get_by_label("Âge (environ)").fill("16")
    page.get_by_role("button", name="Ajouter à la saisie").click()
    expect(page.get_by_text("est peut-être un jeune déjà connu")).to_be_visible()
    page.get_by_role("button", name="Non, c'est un autre jeune : l'ajouter").click()
    expect(page.locator("#selected-youths")).to_contain_text("Yanis · 16 ans · nouveau")
    assert Person.objects.count() == 1  # not created yet

    page.get_by_role("button", name="Enregistrer la saisie").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Enregistré : 1 jeune rencontré (dont 1 nouveau)."
    )
    assert Person.objects.filter(pseudonym="Yanis", commune=oignies).count() == 2
