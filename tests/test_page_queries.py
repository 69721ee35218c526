"""A page's chrome (the menu and what the base template reads about the user) costs the same
small number of queries for every role: permissions read the user's roles, services and
Django permissions once per request (cached on the user object), whatever the number of
menu entries or of reports a chef de service may read (19 queries for a chef de service
before: one per report definition)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from demo.data.shared import ACCOUNTS
from rl_portal.context_processors import navigation
from rl_portal.models import User
from rl_portal.roles import Role
from tests.rl_portal.factories import make_user

pytestmark = pytest.mark.django_db

# The demo's accounts, role for role and service for service.
MENUS = {
    "admin": [
        "Accueil",
        "Personnes",
        "Prévention",
        "Habitat",
        "Scolaire",
        "Rapports",
        "Référentiels",
        "API",
        "Administration",
    ],
    # Référentiels: the staff positions (direction), the funders and conventions (secrétariat).
    "direction": [
        "Accueil",
        "Personnes",
        "Prévention",
        "Habitat",
        "Scolaire",
        "Rapports",
        "Référentiels",
        "API",
    ],
    "secretariat": ["Accueil", "Rapports", "Référentiels", "API"],
    "chef.prevention": [
        "Accueil",
        "Personnes",
        "Saisie du jour",
        "Prévention",
        "Orientations",
        "Rapports",
        "Référentiels",
        "API",
    ],
    "educ.prevention": ["Accueil", "Personnes", "Saisie du jour", "Prévention"],
    "chef.habitat": ["Accueil", "Personnes", "Habitat", "Rapports", "Référentiels", "API"],
    "educ.habitat": ["Accueil", "Personnes", "Habitat"],
    "chef.scolaire": ["Accueil", "Personnes", "Scolaire", "Rapports", "Référentiels", "API"],
    "educ.scolaire": ["Accueil", "Personnes", "Scolaire"],
}
# Queries of the menu alone, for a user object fresh from the database: roles (1), services
# with their dispositifs (1) and Django permissions (the user's and their groups', 2; none for
# a superuser); the direction and the secrétariat work in no service: their services are never
# read. The same for any number of reports or menu entries.
MENU_QUERIES = {
    "admin": 2,
    "direction": 3,
    "secretariat": 3,
    "chef.prevention": 4,
    "educ.prevention": 4,
    "chef.habitat": 4,
    "educ.habitat": 4,
    "chef.scolaire": 4,
    "educ.scolaire": 4,
}
# A whole page with nothing but the chrome (the password change form): the session and the
# user (2), then the menu.
PAGE_QUERIES = {username: 2 + count for username, count in MENU_QUERIES.items()}


@pytest.fixture
def accounts(db) -> dict[str, User]:
    users = {}
    for account in ACCOUNTS:
        users[account.username] = make_user(
            account.role,
            *account.services,
            username=account.username,
            is_staff=account.role == Role.ADMINISTRATEUR,
            is_superuser=account.role == Role.ADMINISTRATEUR,
        )
    return users


def _menu_queries(user: User) -> tuple[list[str], int]:
    fresh = User.objects.get(pk=user.pk)  # nothing cached yet, as at the start of a request
    request = RequestFactory().get("/")
    request.user = fresh
    with CaptureQueriesContext(connection) as queries:
        items = navigation(request)["nav_items"]
    return [label for label, _url, _key in items], len(queries.captured_queries)


def test_each_role_sees_its_menu_and_no_api_link_for_educateurs(accounts):
    menus = {username: _menu_queries(user)[0] for username, user in accounts.items()}
    assert menus == MENUS


def test_the_menu_costs_a_constant_handful_of_queries(accounts):
    counts = {username: _menu_queries(user)[1] for username, user in accounts.items()}
    assert counts == MENU_QUERIES


def test_a_page_chrome_costs_the_same_for_every_role(accounts, client):
    counts = {}
    for username, user in accounts.items():
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("password_change"))
        assert response.status_code == 200
        counts[username] = len(queries.captured_queries)
    assert counts == PAGE_QUERIES


def test_permissions_asked_again_in_the_same_request_cost_nothing(accounts):
    """The view, the services and the menu ask the same questions: only the first asks the
    database."""
    from habitat import perms as habitat_perms
    from prevention import perms as prevention_perms
    from reporting import perms as reporting_perms
    from scolaire import perms as scolaire_perms

    user = User.objects.get(pk=accounts["chef.prevention"].pk)
    navigation(type("Request", (), {"user": user})())
    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            prevention_perms.can_record(user)
            prevention_perms.can_read(user)
            habitat_perms.can_read(user)
            scolaire_perms.can_decide_referrals(user)
            reporting_perms.readable_definitions(user)
            assert user.service_codes == {"prevention", "emps"}
    assert len(queries.captured_queries) == 0


def test_the_habitat_correction_pages_cost_a_fixed_number_of_queries(accounts, client):
    """The pages that correct a stay and keep a CLLAJ follow-up (issue 15): their count does not
    grow with the records they list (two of each here)."""
    import datetime

    from habitat import services as habitat_services
    from tests.habitat.factories import CllajFileFactory, StayFactory

    user = accounts["educ.habitat"]
    stay = StayFactory()
    cllaj_file = CllajFileFactory(date=datetime.date(2025, 3, 1), created_by=user)
    for day in (2, 3):
        date = datetime.date(2025, 3, day)
        habitat_services.cllaj_interview_add(
            cllaj_file=cllaj_file, by=user, date=date, mode="distance"
        )
        habitat_services.cllaj_application_save(
            cllaj_file=cllaj_file, by=user, kind="dalo", date=date
        )
        habitat_services.cllaj_orientation_save(
            cllaj_file=cllaj_file, by=user, target="siao", date=date
        )
    pages = {
        "habitat:stay-update": reverse("habitat:stay-update", args=[stay.pk]),
        "habitat:stay-delete": reverse("habitat:stay-delete", args=[stay.pk]),
        "habitat:cllaj-file": reverse("habitat:cllaj-file", args=[cllaj_file.pk]),
        "habitat:cllaj-item": reverse(
            "habitat:cllaj-item",
            args=[cllaj_file.pk, "entretiens", cllaj_file.interviews.first().pk],
        ),
    }
    client.force_login(user)
    counts = {}
    for name, url in pages.items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, name
        counts[name] = len(queries.captured_queries)
    # The chrome (6), the record, the read journal (one INSERT), the forms' choices (units;
    # meeting places, dispositifs), and one query per list of the follow-up.
    assert counts == {
        "habitat:stay-update": 9,
        "habitat:stay-delete": 8,
        "habitat:cllaj-file": 13,
        "habitat:cllaj-item": 10,
    }


# Pages added by issue 15 (no everyday task needs the admin), each counted on a small dataset:
# the chrome (PAGE_QUERIES) plus what the page itself reads.
CORRECTION_PAGES = {
    # the programme (1); the schools and the new child's communes (2); no list of children
    "scolaire:enrolment-create (educ.scolaire)": 9,
    # the child (1), this year's programmes and the schools (2), the read journal (1)
    "scolaire:child-enrolment-create (educ.scolaire)": 10,
    # the record (1), the user's dispositifs (counted, then listed: 2), the partners or
    # communes (1)
    "prevention:network-reception-update (educ.prevention)": 10,
    "prevention:instance-meeting-update (educ.prevention)": 10,
    # the action (1)
    "prevention:action-delete (educ.prevention)": 7,
    # the worked domain with its accompaniment and person (1), the read journal (1)
    "prevention:worked-domain-update (educ.prevention)": 8,
    # the visit with its measure and person (1), the read journal (1)
    "habitat:home-visit (educ.habitat)": 8,
    # the event (1)
    "habitat:event (educ.habitat)": 7,
}


def test_the_correction_and_enrolment_pages_cost_a_fixed_number_of_queries(accounts, client):
    from habitat import events as habitat_events
    from habitat import services as habitat_services
    from habitat.models import HousingEvent
    from prevention import services as prevention_services
    from tests.habitat.factories import SupportMeasureFactory
    from tests.prevention.factories import (
        AccompanimentFactory,
        CollectiveActionFactory,
        InstanceMeetingFactory,
        NetworkReceptionFactory,
    )
    from tests.rl_portal.factories import PersonFactory
    from tests.scolaire.factories import EnrolmentFactory, ProgrammeFactory

    educ = accounts["educ.prevention"]
    programme = ProgrammeFactory(school_year=2026)
    child = EnrolmentFactory().child
    PersonFactory(pseudonym="Enzo", services=["scolaire"])
    urls = {
        "scolaire:enrolment-create (educ.scolaire)": reverse(
            "scolaire:enrolment-create", args=[programme.pk]
        ),
        "scolaire:child-enrolment-create (educ.scolaire)": reverse(
            "scolaire:child-enrolment-create", args=[child.pk]
        ),
        "prevention:network-reception-update (educ.prevention)": reverse(
            "prevention:network-reception-update",
            args=[NetworkReceptionFactory(created_by=educ).pk],
        ),
        "prevention:instance-meeting-update (educ.prevention)": reverse(
            "prevention:instance-meeting-update",
            args=[InstanceMeetingFactory(created_by=educ).pk],
        ),
        "prevention:action-delete (educ.prevention)": reverse(
            "prevention:action-delete", args=[CollectiveActionFactory(created_by=educ).pk]
        ),
    }
    worked_domain = prevention_services.worked_domain_create(
        accompaniment=AccompanimentFactory(referent=educ),
        date=datetime.date(2025, 2, 3),
        domain="sante_bien_etre",
        by=educ,
    )
    urls["prevention:worked-domain-update (educ.prevention)"] = reverse(
        "prevention:worked-domain-update", args=[worked_domain.pk]
    )
    worker = accounts["educ.habitat"]
    visit = habitat_services.home_visit_create(
        measure=SupportMeasureFactory(), date=datetime.date(2025, 2, 3), by=worker
    )
    urls["habitat:home-visit (educ.habitat)"] = reverse(
        "habitat:home-visit", args=[visit.measure_id, visit.pk]
    )
    event = habitat_events.housing_event_create(
        by=worker,
        kind=HousingEvent.Kind.WORKSHOP,
        title="Atelier budget",
        date=datetime.date(2025, 3, 4),
        headcount=8,
    )
    urls["habitat:event (educ.habitat)"] = reverse("habitat:event", args=[event.pk])
    counts = {}
    for label, url in urls.items():
        client.force_login(accounts[label.split("(")[1].rstrip(")")])
        client.get(url)  # the content types and the like, once
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, label
        counts[label] = len(queries.captured_queries)
    assert counts == CORRECTION_PAGES
