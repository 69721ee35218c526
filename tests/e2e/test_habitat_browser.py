"""A travailleur social on a phone: the housing board, a stay recorded then ended, a CLLAJ
interview."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from habitat.models import CllajInterview, MeetingPlace, Stay
from rl_portal.models import Commune
from rl_portal.roles import Role
from tests.e2e.conftest import login
from tests.habitat.factories import HousingUnitFactory, StayFactory
from tests.rl_portal.factories import PASSWORD, PersonFactory, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def pick_person(page, label, text, result):
    """Type in a person picker and choose the result that contains `result`."""
    page.get_by_label(label).fill(text)
    page.locator("[data-picker-choose]", has_text=result).click()


@pytest.fixture
def worker_page(live_server, phone_page):
    make_user(Role.EDUCATEUR, "habitat", username="thomas", first_name="Thomas")
    login(phone_page, live_server, "thomas", PASSWORD)
    return phone_page


def test_board_then_a_stay_entered_and_ended(live_server, worker_page):
    page = worker_page
    today = timezone.localdate()
    StayFactory(entry=today - datetime.timedelta(days=500), unit__label="Carvin T1 n° 2")
    HousingUnitFactory(label="Oignies T2 n° 1")
    PersonFactory(pseudonym="Mélissa", services=["habitat"])

    page.goto(f"{live_server.url}/habitat/")
    expect(page.get_by_text("Carvin T1 n° 2")).to_be_visible()
    expect(page.get_by_text("+ 12 mois")).to_be_visible()
    expect(page.get_by_text("1 libre")).to_be_visible()

    page.get_by_role("link", name="+ Entrée").click()
    page.get_by_label("Logement").select_option(label="Oignies T2 n° 1")
    pick_person(page, "Personne", "melissa", "Mélissa")
    page.locator("#id_entry").fill((today - datetime.timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Entrée enregistrée.")).to_be_visible()
    stay = Stay.objects.get(person__pseudonym="Mélissa")

    page.locator(f"a[href='/habitat/sejours/{stay.pk}/sortie/']").click()
    # No destination is preselected: an exit without one is refused.
    page.get_by_role("button", name="Enregistrer la sortie").click()
    expect(page.get_by_text("Choisissez le motif ou la destination de sortie.")).to_be_visible()
    stay.refresh_from_db()
    assert stay.exit is None
    page.get_by_label("Motif / destination").select_option(label="Logement parc public")
    page.get_by_role("button", name="Enregistrer la sortie").click()
    expect(page.get_by_text("Sortie enregistrée.")).to_be_visible()
    stay.refresh_from_db()
    assert stay.exit == today and stay.exit_reason == "parc_public"
    # Back on the board: the place is free again, the day's exit shows as a movement.
    card = page.locator(".board-unit", has_text="Oignies T2 n° 1")
    expect(card.get_by_text("sorti(e) aujourd'hui")).to_be_visible()
    expect(card.get_by_text("1 place libre")).to_be_visible()
    # An entry recorded for tomorrow on the freed place shows as coming.
    PersonFactory(pseudonym="Yanis", services=["habitat"])
    page.get_by_role("link", name="+ Entrée").click()
    page.get_by_label("Logement").select_option(label="Oignies T2 n° 1")
    pick_person(page, "Personne", "yanis", "Yanis")
    tomorrow = today + datetime.timedelta(days=1)
    page.locator("#id_entry").fill(tomorrow.isoformat())
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Entrée enregistrée.")).to_be_visible()
    card = page.locator(".board-unit", has_text="Oignies T2 n° 1")
    expect(card.get_by_text(f"entrée prévue le {tomorrow:%d/%m/%Y}")).to_be_visible()


def test_a_cllaj_interview_in_under_a_minute(live_server, worker_page):
    page = worker_page
    MeetingPlace.objects.create(name="Mission locale de Carvin")
    page.goto(f"{live_server.url}/habitat/cllaj/entretien/")
    page.get_by_label("ou pseudonyme d'un nouveau jeune").fill("Kylian")
    page.get_by_label("Âge").fill("19")
    page.get_by_label("Lieu").select_option(label="Mission locale de Carvin")
    page.get_by_label("Demande de logement social").check()
    # Nothing is preselected: the modality, then the follow-up's dispositif and nature are
    # asked for; what is left empty is stored « non renseigné ».
    page.get_by_role("button", name="Enregistrer l'entretien").click()
    expect(page.get_by_text("présentiel ou à distance")).to_be_visible()
    page.get_by_label("Présentiel").check()
    page.get_by_role("button", name="Enregistrer l'entretien").click()
    expect(page.get_by_text("Choisissez CLLAJ ou CLLAJ ASE.")).to_be_visible()
    assert not CllajInterview.objects.exists()
    page.get_by_label("Dispositif").select_option(label="CLLAJ")
    page.get_by_label("Nature").select_option(label="Suivi dossier")
    page.get_by_role("button", name="Enregistrer l'entretien").click()
    expect(page.get_by_text("enregistré pour Kylian")).to_be_visible()
    interview = CllajInterview.objects.get()
    assert interview.cllaj_file.orienteur_kind == ""  # « non renseigné », not Mission locale
    # The next interview: Kylian is found by search among the youths known to the CLLAJ.
    PersonFactory(pseudonym="Kylian", services=["habitat"])  # housed, never at the CLLAJ
    pick_person(page, "Jeune déjà connu du CLLAJ", "kylian", "19 ans")
    expect(page.locator("[data-picker-choose]")).to_have_count(0)
    page.get_by_label("À distance").check()
    page.get_by_role("button", name="Enregistrer l'entretien").click()
    expect(page.get_by_text("enregistré pour Kylian")).to_be_visible()
    assert CllajInterview.objects.filter(cllaj_file=interview.cllaj_file).count() == 2
    assert interview.cllaj_file.person.pseudonym == "Kylian"
    assert interview.place.name == "Mission locale de Carvin"


def test_a_person_is_picked_by_search_among_namesakes(live_server, worker_page):
    """Issue 15: the stay form listed every pseudonym in one drop-down (22 × « Adam »). The
    person is searched for (accents ignored) and told apart by age, commune and services; the
    list of persons is never in the page."""
    page = worker_page
    today = timezone.localdate()
    HousingUnitFactory(label="Oignies T2 n° 1")
    carvin = Commune.objects.get(name="Carvin")
    oignies = Commune.objects.get(name="Oignies")
    namesakes = [
        PersonFactory(
            pseudonym="Adam", birth_year=today.year - age, commune=commune, services=["habitat"]
        )
        for age, commune in ((19, carvin), (22, oignies), (19, oignies))
    ]
    PersonFactory(pseudonym="Adèle", services=["habitat"])
    PersonFactory(pseudonym="Adam", services=["prevention"])  # not the habitat's
    page.goto(f"{live_server.url}/habitat/sejours/nouveau/")
    assert "Adam" not in page.content()  # no list of persons in the page
    page.get_by_label("Logement").select_option(label="Oignies T2 n° 1")
    page.get_by_label("Personne").fill("adam")
    results = page.locator("[data-picker-choose]")
    expect(results).to_have_count(3)
    expect(results.filter(has_text="19 ans")).to_have_count(2)
    page.get_by_label("Personne").fill("ADÉ")
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("Adèle")
    page.get_by_label("Personne").fill("adam")
    expect(results).to_have_count(3)
    results.filter(has_text="19 ans · Femme / fille · Oignies").click()
    expect(page.locator("[data-picker-chosen]")).to_contain_text("19 ans")
    page.locator("#id_entry").fill((today - datetime.timedelta(days=3)).isoformat())
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Entrée enregistrée.")).to_be_visible()
    assert Stay.objects.get().person == namesakes[2]
