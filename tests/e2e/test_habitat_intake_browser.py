"""Issue 15: a travailleur social records a housing request and opens a support measure on a
phone, in the pages (they had only the Django admin): the person is picked by search among
namesakes, nothing counted is preselected, and the pages fit the phone and pass axe-core."""

import datetime
import json
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from habitat.models import HousingRequest, SupportMeasure
from rl_portal.models import Commune
from rl_portal.roles import Role
from tests.e2e.conftest import PHONE, login
from tests.e2e.test_accessibility_browser import axe_violations
from tests.rl_portal.factories import PASSWORD, PersonFactory, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def fits_the_phone(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    violations = axe_violations(page)
    assert not violations, json.dumps(violations, ensure_ascii=False)


def test_a_request_for_one_of_two_namesakes_then_a_measure(live_server, phone_page):
    page = phone_page
    make_user(Role.EDUCATEUR, "habitat", username="thomas", first_name="Thomas")
    login(page, live_server, "thomas", PASSWORD)
    today = timezone.localdate()
    carvin = Commune.objects.get(name="Carvin")
    lens = Commune.objects.get(name="Lens")
    adam_carvin = PersonFactory(
        pseudonym="Adam", birth_year=today.year - 19, commune=carvin, services=["habitat"]
    )
    adam_lens = PersonFactory(
        pseudonym="Adam", birth_year=today.year - 22, commune=lens, services=["habitat"]
    )

    # A request, from the requests' list; the right Adam is told apart by age and commune.
    page.goto(f"{live_server.url}/habitat/demandes/")
    page.get_by_role("link", name="Nouvelle demande").click()
    assert "Adam" not in page.content()  # no list of persons in the page
    fits_the_phone(page)
    page.get_by_label("Demandeur").fill("adam")
    results = page.locator("[data-picker-choose]")
    expect(results).to_have_count(2)
    results.filter(has_text="22 ans").click()
    expect(page.locator("[data-picker-chosen]")).to_contain_text("Lens")
    page.get_by_label("Dispositif").select_option(label="Tremplins Duo")
    page.get_by_label("Motif de la demande").select_option(label="Fin de prise en charge ASE")
    page.get_by_label("Typologie du public").select_option(label="Personne seule")
    # The orienteur is counted in the bilan: not chosen, not saved.
    page.get_by_role("button", name="Enregistrer la demande").click()
    expect(page.get_by_text("Ce champ est obligatoire.")).to_be_visible()
    assert not HousingRequest.objects.exists()
    expect(page.locator("[data-picker-chosen]")).to_contain_text("22 ans")  # the choice stays
    page.get_by_label("Type d'orienteur").select_option(label="ASE")
    page.get_by_role("button", name="Enregistrer la demande").click()
    expect(page.get_by_text("Demande Tremplins Duo de Adam enregistrée.")).to_be_visible()
    housing_request = HousingRequest.objects.get()
    assert housing_request.person == adam_lens
    assert (
        housing_request.dispositif.code,
        housing_request.date,
        housing_request.orienteur_kind,
        housing_request.reason,
        housing_request.composition,
        housing_request.decision,
    ) == ("tremplins-duo", today, "ase", "fin_prise_en_charge", "personne_seule", "en_attente")

    # A measure, from that Adam's page: he is already chosen.
    page.goto(f"{live_server.url}/personnes/{adam_lens.pk}/")
    expect(page.get_by_text("Tremplins Duo · demande du")).to_be_visible()
    page.get_by_role("link", name="Ouvrir une mesure").click()
    expect(page.locator("[data-picker-chosen]")).to_contain_text("22 ans")
    fits_the_phone(page)
    page.get_by_label("Dispositif").select_option(label="FSL ASLL")
    page.get_by_label("Nature").select_option(label="FSL ASLL")
    page.get_by_label("Points de la mesure FSL").fill("3")
    page.get_by_label("Orienteur").select_option(label="SSD / MDS")
    notified = today - datetime.timedelta(days=12)
    page.get_by_label("Date de notification").fill(notified.isoformat())
    page.get_by_label("Début de la mesure").fill((today - datetime.timedelta(days=5)).isoformat())
    page.get_by_label("Motif principal de la demande").select_option(
        label="Impayés de loyer / d'énergie"
    )
    page.get_by_label("Objectifs fixés").fill("2")
    page.get_by_label("Mobilité", exact=True).check()
    page.get_by_role("button", name="Ouvrir la mesure").click()
    expect(page.get_by_text("Mesure FSL ASLL ouverte pour Adam.")).to_be_visible()
    measure = SupportMeasure.objects.get()
    assert (measure.person, measure.dispositif.code, measure.kind, measure.weight) == (
        adam_lens,
        "fsl-asll",
        "asll",
        Decimal("3"),
    )
    assert (measure.notified_on, measure.start, measure.epci.short_name) == (
        notified,
        today - datetime.timedelta(days=5),
        "CALL",  # Lens
    )
    assert (measure.objectives_set, measure.initial_objectives, measure.composition) == (
        2,
        ["mobilite"],
        "",  # « non renseigné »: nothing was chosen for it
    )
    assert not SupportMeasure.objects.filter(person=adam_carvin).exists()
