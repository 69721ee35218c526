"""Issue 15 (no everyday task needs the Django admin), on a phone: the scolaire team enrols one
of two "Enzo" found by search; an éducatrice corrects a network reception she entered."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from prevention.models import NetworkReception
from rl_portal.models import Partner, User
from rl_portal.roles import Role
from scolaire.models import Enrolment, school_year_of
from tests.e2e.conftest import login
from tests.prevention.factories import NetworkReceptionFactory
from tests.rl_portal.factories import PASSWORD, PartnerFactory, make_user
from tests.scolaire.factories import EnrolmentFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_enrol_one_of_two_enzos_picked_by_search(live_server, phone_page):
    page = phone_page
    make_user(Role.EDUCATEUR, "scolaire", username="ines")
    year = school_year_of(timezone.localdate())
    last_year = ProgrammeFactory(school_year=year - 1)
    for school in ("Collège Jean Jaurès", "Collège Pasteur"):
        EnrolmentFactory(
            programme=last_year,
            child__pseudonym="Enzo",
            child__birth_year=2012,
            level="4e",
            start=datetime.date(year - 1, 9, 8),
            school=PartnerFactory(name=school, kind=Partner.Kind.COLLEGE),
        )
    programme = ProgrammeFactory(name="CLAS Carvin", school_year=year)
    login(page, live_server, "ines", PASSWORD)
    page.goto(f"{live_server.url}/scolaire/programmes/{programme.pk}/")
    page.get_by_role("link", name="Inscrire un enfant").click()
    page.get_by_label("Enfant", exact=True).fill("enzo")
    results = page.locator("[data-picker-choose]")
    expect(results).to_have_count(2)
    expect(results.filter(has_text="en 4e, Collège Jean Jaurès")).to_have_count(1)
    results.filter(has_text="en 4e, Collège Pasteur").click()
    expect(page.locator("[data-picker-chosen]")).to_contain_text("Collège Pasteur")
    # No level is preselected: the bilans count it.
    page.get_by_role("button", name="Inscrire").click()
    expect(page.get_by_text("Choisissez le niveau de l'enfant.")).to_be_visible()
    expect(page.locator("[data-picker-chosen]")).to_contain_text("Collège Pasteur")
    page.get_by_label("Niveau (classe)").select_option("3e")
    page.get_by_role("button", name="Inscrire").click()
    expect(page.get_by_text("Enzo est inscrit(e) à CLAS Carvin")).to_be_visible()
    enrolment = Enrolment.objects.get(programme=programme)
    assert enrolment.level == "3e"
    assert Enrolment.objects.get(child=enrolment.child, programme=last_year).school.name == (
        "Collège Pasteur"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_correct_a_network_reception(live_server, phone_page):
    page = phone_page
    make_user(Role.EDUCATEUR, "prevention", username="julie")
    julie = User.objects.get(username="julie")
    day = timezone.localdate() - datetime.timedelta(days=1)
    NetworkReceptionFactory(created_by=julie, date=day, youths=2)
    login(page, live_server, "julie", PASSWORD)
    page.goto(f"{live_server.url}/prevention/reseaux/")
    page.get_by_role("link", name=re.compile(r"^Modifier ADAE")).click()
    page.get_by_label("Jeunes accueillis").fill("3")
    page.get_by_label("Heures").fill("2h30")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Accueil en réseau modifié.")).to_be_visible()
    expect(page.get_by_text("3 jeunes")).to_be_visible()
    reception = NetworkReception.objects.get()
    assert (reception.youths, reception.hours, reception.version) == (3, Decimal("2.5"), 2)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
