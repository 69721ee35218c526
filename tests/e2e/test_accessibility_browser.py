"""Accessibility: axe-core (vendored from npm, static/vendor/axe-core/) runs inside the pages
under the application's Content-Security-Policy, and finds no serious or critical violation
(WCAG 2.1 AA). Every page of each role is walked by test_accessibility_walk.py; here, the
states a page reaches after typing."""

import datetime
import json

import pytest
from django.utils import timezone

from rl_portal.roles import Role
from scolaire.models import school_year_of
from tests.e2e.conftest import PHONE, login
from tests.habitat.factories import HousingUnitFactory, StayFactory
from tests.prevention.factories import (
    AccompanimentFactory,
    ContactFactory,
    TimeEntryFactory,
    YouthFactory,
)
from tests.rl_portal.factories import PASSWORD, make_user
from tests.scolaire.factories import EnrolmentFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db(transaction=True)

AXE = "/static/vendor/axe-core/axe.min.js"
# Only WCAG 2.0/2.1 A and AA rules and the best practices: the target is WCAG 2.1 AA.
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


def axe_violations(page) -> list[dict]:
    """Serious and critical violations of the page as it is shown. axe.min.js is loaded from
    the application's own origin (script-src 'self'): it runs under the page's CSP, as any
    script of the application would."""
    page.add_script_tag(url=AXE)
    results = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "nodes": [
                {"target": node["target"], "summary": node.get("failureSummary", "")}
                for node in violation["nodes"][:5]
            ],
            "count": len(violation["nodes"]),
        }
        for violation in results["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def check_pages(page, live_server, paths) -> dict:
    failures = {}
    for path in paths:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        if found := axe_violations(page):
            failures[path] = found
    return failures


def assert_accessible(page, live_server, paths):
    failures = check_pages(page, live_server, paths)
    assert not failures, json.dumps(failures, indent=1, ensure_ascii=False)


@pytest.fixture
def records(db):
    """A little of everything each role sees: youths met, hours, an accompaniment, a stay on
    the board, a programme's roll call."""
    today = timezone.localdate()
    youth = YouthFactory(pseudonym="Adam", birth_year=today.year - 16)
    ContactFactory(person=youth, date=today)
    TimeEntryFactory(date=today)
    AccompanimentFactory(person=youth)
    StayFactory(entry=today - datetime.timedelta(days=400), unit__label="Carvin T1 n° 2")
    HousingUnitFactory(label="Oignies T2 n° 1")
    programme = ProgrammeFactory(name="Accompagnement Carvin", school_year=school_year_of(today))
    for n in range(3):
        EnrolmentFactory(
            programme=programme,
            start=today - datetime.timedelta(days=30),
            child__pseudonym=f"Enzo {n}",
        )
    return {"programme": programme, "youth": youth}


def role_page(browser, live_server, role, *services, username, desktop=False):
    make_user(role, *services, username=username)
    viewport = {"width": 1280, "height": 900} if desktop else PHONE
    context = browser.new_context(viewport=viewport, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(20_000)
    login(page, live_server, username, PASSWORD)
    return context, page


def test_person_picker_with_results_and_roll_call_refused_are_accessible(
    browser, live_server, records
):
    """The states a page reaches after typing: a picker's results, a chosen person, a roll
    call refused for a child left without a status."""
    from tests.rl_portal.factories import PersonFactory

    for age in (19, 23):
        PersonFactory(
            pseudonym="Adam", birth_year=timezone.localdate().year - age, services=["habitat"]
        )
    context, page = role_page(browser, live_server, Role.EDUCATEUR, "habitat", username="h")
    page.goto(f"{live_server.url}/habitat/sejours/nouveau/")
    page.get_by_label("Personne").fill("adam")
    page.locator("[data-picker-choose]").first.wait_for()
    assert not axe_violations(page), json.dumps(axe_violations(page), ensure_ascii=False)
    page.locator("[data-picker-choose]").first.click()
    assert not axe_violations(page), json.dumps(axe_violations(page), ensure_ascii=False)
    context.close()
    context, page = role_page(browser, live_server, Role.EDUCATEUR, "scolaire", username="s")
    page.goto(f"{live_server.url}/scolaire/programmes/{records['programme'].pk}/appel/")
    page.get_by_role("button", name="Enregistrer l'appel").click()
    page.get_by_text("Indiquez la présence de chaque enfant").wait_for()
    assert not axe_violations(page), json.dumps(axe_violations(page), ensure_ascii=False)
    context.close()
