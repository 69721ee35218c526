"""Issue 15, on a phone: a travailleur social of the habitat corrects a stay's exit date from
the board and sees the board follow; adds an orientation on a CLLAJ follow-up (refused
without a choice). Both pages pass axe-core (no serious or critical violation)."""

import datetime
import json

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from habitat import services
from habitat.models import CllajOrientation
from rl_portal.roles import Role
from tests.e2e.conftest import login
from tests.e2e.test_accessibility_browser import axe_violations
from tests.habitat.factories import CllajFileFactory, StayFactory
from tests.rl_portal.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def worker(live_server, phone_page):
    user = make_user(Role.EDUCATEUR, "habitat", username="thomas", first_name="Thomas")
    login(phone_page, live_server, "thomas", PASSWORD)
    return user


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_stays_exit_date_corrected_from_the_board(live_server, phone_page, worker):
    page = phone_page
    today = timezone.localdate()
    stay = StayFactory(
        entry=today - datetime.timedelta(days=90),
        unit__label="Oignies T2 n° 1",
        person__pseudonym="Mélissa",
    )
    services.stay_exit(stay=stay, exit=today, reason="parc_public", by=worker)
    page.goto(f"{live_server.url}/habitat/")
    card = page.locator(".board-unit", has_text="Oignies T2 n° 1")
    expect(card.get_by_text("sorti(e) aujourd'hui")).to_be_visible()
    card.get_by_role("link", name="Corriger la sortie de Mélissa").click()
    expect(page.get_by_role("heading", name="Corriger le séjour de Mélissa")).to_be_visible()
    assert no_sideways_scroll(page)
    assert axe_violations(page) == []
    earlier = today - datetime.timedelta(days=3)
    page.get_by_label("Date de sortie").fill(earlier.isoformat())
    page.get_by_label("Motif / destination").select_option(label="Retour en famille")
    page.get_by_role("button", name="Enregistrer la correction").click()
    expect(page.get_by_text("Séjour corrigé.")).to_be_visible()
    # The board no longer shows an exit today; the place is free.
    card = page.locator(".board-unit", has_text="Oignies T2 n° 1")
    expect(card.get_by_text("sorti(e) aujourd'hui")).to_have_count(0)
    expect(card.get_by_text("1 place libre")).to_be_visible()
    stay.refresh_from_db()
    assert (stay.exit, stay.exit_reason) == (earlier, "retour_famille")


def test_an_orientation_added_on_a_cllaj_follow_up(live_server, phone_page, worker):
    page = phone_page
    today = timezone.localdate()
    cllaj_file = CllajFileFactory(
        person__pseudonym="Kylian", date=today - datetime.timedelta(days=10), created_by=worker
    )
    page.goto(f"{live_server.url}/habitat/cllaj/")
    page.get_by_role("link", name="Kylian").click()
    expect(page.get_by_role("heading", name="Suivi CLLAJ de Kylian")).to_be_visible()
    assert no_sideways_scroll(page)
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, indent=1, ensure_ascii=False)
    page.get_by_text("Ajouter une orientation").click()
    # Nothing is preselected: without a choice the orientation is refused.
    page.get_by_role("button", name="Enregistrer l'orientation").click()
    expect(page.get_by_text("Choisissez l'orientation préconisée.")).to_be_visible()
    assert not CllajOrientation.objects.exists()
    page.get_by_label("Orientation préconisée").select_option(label="SIAO (115)")
    page.get_by_role("button", name="Enregistrer l'orientation").click()
    expect(page.get_by_text("Orientation enregistrée.")).to_be_visible()
    expect(page.locator("li", has_text="SIAO (115)")).to_be_visible()
    orientation = CllajOrientation.objects.get()
    assert (orientation.cllaj_file, orientation.target, orientation.date) == (
        cllaj_file,
        "siao",
        today,
    )
