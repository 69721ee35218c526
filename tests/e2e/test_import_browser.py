"""A chef de service on a phone brings last year from the old tool: the file is checked, a
youth already known is asked about, then the history is imported."""

import pytest
from playwright.sync_api import expect

from prevention.models import Contact, TimeEntry
from rl_portal.models import Person
from rl_portal.roles import Role
from tests.e2e.conftest import login
from tests.prevention.importing.workbooks import xlsx
from tests.rl_portal.factories import PASSWORD, PersonFactory, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_history_checked_asked_about_then_imported(live_server, phone_page, tmp_path):
    page = phone_page
    make_user(Role.CHEF_SERVICE, "prevention", username="nadia")
    known = PersonFactory(pseudonym="Adam", sex="M", birth_year=2004, services=["prevention"])
    path = tmp_path / "historique.xlsx"

    def write(commune):
        adam = {"Code jeune": "T-1", "Pseudonyme": "Adam", "Sexe": "M", "Année de naissance": 2004}
        path.write_bytes(
            xlsx(
                Jeunes=[adam, {"Code jeune": "T-2", "Pseudonyme": "Célia", "Commune": commune}],
                Temps=[{"Date": "06/03/2023", "Activité": "Travail de rue", "Heures": "2h30"}],
                Rencontres=[{"Date": "06/03/2023", "Code jeune": "T-1", "Mode": "Rue"}],
            )
        )

    write("Lille")
    login(page, live_server, "nadia", PASSWORD)
    page.goto(f"{live_server.url}/prevention/import/")

    page.get_by_label("Classeur XLSX").set_input_files(str(path))
    page.get_by_role("button", name="Vérifier le fichier").click()

    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("rien n'a été enregistré")
    expect(alert).to_contain_text("Feuille Jeunes, ligne 3 : la commune « Lille » est inconnue.")
    expect(page.get_by_role("button", name="Confirmer l'import")).to_have_count(0)
    # The file corrected, the youth already known is asked about.
    write("Lens")
    page.get_by_label("Classeur XLSX").set_input_files(str(path))
    page.get_by_role("button", name="Vérifier le fichier").click()
    expect(page.get_by_role("status")).to_contain_text("Fichier valide")
    question = page.get_by_role("group", name="Adam, M, né(e) en 2004")
    expect(
        question.get_by_label(f"La fiche n° {known.pk} : Adam, M, né(e) en 2004")
    ).to_be_checked()
    header = page.get_by_role("columnheader", name="Code jeune").first
    expect(header).to_be_visible()

    page.get_by_role("button", name="Confirmer l'import").click()

    done = page.get_by_role("alert")
    expect(done).to_contain_text("Import terminé : 1 jeune, 1 temps saisi, 1 rencontre")
    expect(done).to_contain_text("1 ligne(s) déjà enregistrée(s) laissée(s) de côté")
    assert Person.objects.count() == 2
    assert Contact.objects.get().person == known
    assert TimeEntry.objects.get().hours == 2.5
