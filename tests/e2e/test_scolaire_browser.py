"""The roll call on a phone: open today's session, tick ten children, save."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from rl_portal.roles import Role
from scolaire.models import Attendance, school_year_of
from tests.e2e.conftest import login
from tests.rl_portal.factories import PASSWORD, make_user
from tests.scolaire.factories import EnrolmentFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_roll_call_of_ten_children_on_a_phone(live_server, phone_page):
    page = phone_page
    make_user(Role.EDUCATEUR, "scolaire", username="ines")
    programme = ProgrammeFactory(
        name="Accompagnement scolaire Carvin", school_year=school_year_of(timezone.localdate())
    )
    start = timezone.localdate() - datetime.timedelta(days=20)
    children = [
        EnrolmentFactory(programme=programme, start=start, child__pseudonym=f"Enfant {n}")
        for n in range(10)
    ]
    login(page, live_server, "ines", PASSWORD)
    page.goto(f"{live_server.url}/scolaire/")
    page.get_by_role("link", name="Appel du jour — Accompagnement scolaire Carvin").click()
    for enrolment in children[:8]:
        page.locator(f"label[for='e{enrolment.pk}-present']").click()
    page.locator(f"label[for='e{children[8].pk}-excuse']").click()
    # Nobody is absent by default: the last child left without a choice is refused.
    page.get_by_role("button", name="Enregistrer l'appel").click()
    expect(
        page.get_by_text("Indiquez la présence de chaque enfant : manque Enfant 9")
    ).to_be_visible()
    assert not Attendance.objects.exists()
    # Marking the children without an answer absent is an explicit choice.
    page.get_by_role("button", name="Marquer absents les enfants sans réponse").click()
    expect(page.locator(f"#e{children[9].pk}-absent")).to_be_checked()
    expect(page.locator(f"#e{children[8].pk}-excuse")).to_be_checked()
    page.get_by_role("button", name="Enregistrer l'appel").click()
    expect(page.get_by_text("Appel enregistré : 8 présent(s) sur 10.")).to_be_visible()
    assert Attendance.objects.filter(status="present").count() == 8
    assert Attendance.objects.get(enrolment=children[9]).status == "absent"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
