"""Every page each demo role uses, walked as that role: its menu's entries (rl_portal/menu.py
registry, so that a new app's page is walked as soon as it is in a menu), then the pages their
links lead to — the first link of each kind (a person, an accompaniment, a measure, a
programme, its roll call, a report, a référentiel, the account pages…), two links deep. On a
phone (390×844) and a desktop, each page has no serious or critical axe-core violation, and
on the phone no sideways scroll. Plus the pages outside the menu: the login page, the offline
page, the API docs."""

from __future__ import annotations

import datetime
import json
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve
from django.utils import timezone

from demo.data.shared import ACCOUNTS
from rl_portal.menu import menu_for
from rl_portal.models import User
from rl_portal.roles import Role
from scolaire.models import school_year_of
from tests.e2e.conftest import PHONE, login
from tests.e2e.test_accessibility_browser import axe_violations
from tests.habitat.factories import (
    CllajFileFactory,
    HousingRequestFactory,
    HousingUnitFactory,
    StayFactory,
    SupportMeasureFactory,
)
from tests.prevention.factories import (
    AccompanimentFactory,
    CollectiveActionFactory,
    ContactFactory,
    TimeEntryFactory,
    YouthFactory,
)
from tests.rl_portal.factories import PASSWORD, make_user
from tests.scolaire.factories import EnrolmentFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db(transaction=True)

DESKTOP = {"width": 1280, "height": 900}
# Links followed from a menu entry's page: its list → a record → that record's forms.
DEPTH = 2
# Not pages: downloads, the installable app's files, redirects, the Django admin (for
# administrators only, not a page of these roles), the logout (a POST anyway).
NOT_PAGES = {
    "logout",
    "app-start",
    "healthcheck",
    "service-worker",
    "web-manifest",
    "api-schema",
    "person-export",
    "reporting:pdf",
    "reporting:xlsx",
    "prevention:import-template",
    "habitat:import-template",
}
# Pages outside the menu's links, walked but not followed: the offline page is the same for
# everyone (the service worker keeps it), its links are for the field teams.
OUTSIDE_MENU = ["/hors-ligne/", "/api/docs/"]
# The walk reaches at least these (a guard against a walk that silently shrinks).
REACHED = {
    "person-detail",
    "person-update",
    "prevention:accompaniment-detail",
    "prevention:time-entry-update",
    "habitat:measure",
    "habitat:stay-create",
    "scolaire:programme",
    "scolaire:roll-call",
    "reporting:report",
    "referential-list",
    "referential-update",
    "account-api-tokens",
    "password_change",
    "offline-page",
    "api-docs",
}
# The demo's roles, as seeded (demo/data/shared.py), the field teams first: a page is checked
# as the role that records on it sees it (with its buttons); the administrator uses the
# Django admin.
WALKERS = [account for account in reversed(ACCOUNTS) if account.role != Role.ADMINISTRATEUR]


@pytest.fixture
def records(db):
    """One record of each kind a list links to, in each service; the demo's accounts. The
    éducateurs own their time entries and contacts (they may correct them: the correction
    forms are walked too)."""
    users = {
        account.username: make_user(account.role, *account.services, username=account.username)
        for account in WALKERS
    }
    today = timezone.localdate()
    youth = YouthFactory(pseudonym="Adam", birth_year=today.year - 16)
    educator = users["educ.prevention"]
    ContactFactory(person=youth, date=today, educator=educator)
    TimeEntryFactory(date=today, educator=educator)
    AccompanimentFactory(person=youth, referent=educator, start=today - datetime.timedelta(days=60))
    CollectiveActionFactory(title="Sortie au musée", created_by=educator)
    StayFactory(entry=today - datetime.timedelta(days=400), unit__label="Carvin T1 n° 2")
    HousingUnitFactory(label="Oignies T2 n° 1")
    HousingRequestFactory(date=today - datetime.timedelta(days=3))
    CllajFileFactory(date=today - datetime.timedelta(days=10))
    SupportMeasureFactory(start=today - datetime.timedelta(days=30))
    programme = ProgrammeFactory(name="Accompagnement Carvin", school_year=school_year_of(today))
    for n in range(3):
        EnrolmentFactory(
            programme=programme,
            start=today - datetime.timedelta(days=30),
            child__pseudonym=f"Enzo {n}",
        )
    return users


def page_kind(path: str) -> str | None:
    """The page's URL name and its slugs (two reports are two pages, two persons the same
    page); None for what is not a page of the application walked here."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.namespaces[:1] in (["admin"], ["api"]) or match.view_name in NOT_PAGES:
        return None
    return match.view_name


def check_page(page, url: str, phone: bool) -> list:
    """The faults of the page at `url`: its status, axe's serious and critical violations,
    a sideways scroll on a phone."""
    response = page.goto(url)
    if response is None or response.status != 200:
        return [{"status": response.status if response else None}]
    faults = axe_violations(page)
    if phone:
        # The viewport's width too: a phone browser may zoom out to fit a page too wide.
        widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        if widths[0] > min(widths[1], PHONE["width"]):
            faults.append({"id": "defilement-horizontal", "largeurs": widths})
    return faults


def walk(page, base_url: str, start: list[str], phone: bool, walked: set) -> dict:
    """Visits the start pages (a role's menu: each role sees its own version of them), the
    pages outside the menu, and the pages they link to, DEPTH links deep: the first link of
    each kind (the first row of a list). A kind already checked for another role (in
    `walked`: a person's page shows the same to a chef and an éducateur) is only opened, for
    the links this role finds there. Returns the faults by path; a link to a page that does
    not open (403, 404…) is a fault too."""
    faults = {}
    seen = set()
    # The pages outside the menu once across the roles, as a deep link is.
    queue = [(path, 0, None) for path in start] + [(path, DEPTH, None) for path in OUTSIDE_MENU]
    while queue:
        path, depth, linked_from = queue.pop(0)
        kind = page_kind(urlsplit(path).path)
        if kind is None or kind in seen:
            continue
        seen.add(kind)
        if not depth or kind not in walked:
            walked.add(kind)
            if found := check_page(page, f"{base_url}{path}", phone):
                faults[path] = [{"lien depuis": linked_from}, *found] if linked_from else found
        elif depth < DEPTH:
            page.goto(f"{base_url}{path}")
        else:
            continue
        if depth >= DEPTH:
            continue
        hrefs = page.eval_on_selector_all("a[href]", "links => links.map(link => link.href)")
        for href in hrefs:
            parts = urlsplit(href)
            if f"{parts.scheme}://{parts.netloc}" == base_url:
                target = parts.path + (f"?{parts.query}" if parts.query else "")
                queue.append((target, depth + 1, path))
    return faults


def test_every_page_of_each_role_is_accessible_on_a_phone(browser, live_server, records):
    failures, walked = walk_every_page(browser, live_server, phone=True)
    assert REACHED - walked == set()
    assert not failures, json.dumps(failures, indent=1, ensure_ascii=False)


def walk_every_page(browser, live_server, phone: bool) -> tuple[dict, set]:
    """Each role's walk at one screen size (the desktop's is its own module,
    test_accessibility_walk_desktop.py, so that the two run on xdist's two workers at once).
    Returns the faults by role and page, and the kinds of page walked."""
    viewport = PHONE if phone else DESKTOP
    failures = {}
    walked: set = set()
    for account in WALKERS:
        user = User.objects.get(username=account.username)
        start = [url for _label, url, _key in menu_for(user)]
        context = browser.new_context(viewport=viewport, locale="fr-FR", is_mobile=phone)
        page = context.new_page()
        page.set_default_timeout(20_000)
        login(page, live_server, account.username, PASSWORD)
        for path, found in walk(page, live_server.url, start, phone, walked).items():
            failures[f"{account.username} {path}"] = found
        context.close()
    # The login page, before anyone logs in.
    context = browser.new_context(viewport=viewport, locale="fr-FR", is_mobile=phone)
    page = context.new_page()
    if found := check_page(page, f"{live_server.url}/connexion/", phone):
        failures["/connexion/"] = found
    context.close()
    return failures, walked
