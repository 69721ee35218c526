"""Project-wide guards: personal data is scoped, audited and administered; pages need a login."""

import pytest
from auditlog.registry import auditlog
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver

from habitat import models as habitat
from prevention import models as prevention
from rl_portal.models import CaseFile, Household, HouseholdMember, Person
from scolaire import models as scolaire

pytestmark = pytest.mark.django_db

PERSONAL_DATA_MODELS = [
    Person,
    CaseFile,
    Household,
    HouseholdMember,
    prevention.TimeEntry,
    prevention.Contact,
    prevention.Accompaniment,
    prevention.CoAccompaniment,
    prevention.Reorientation,
    prevention.WorkedDomain,
    prevention.CollectiveAction,
    prevention.NetworkReception,
    prevention.InstanceMeeting,
    habitat.HousingRequest,
    habitat.Stay,
    habitat.MonthlyRent,
    habitat.CllajFile,
    habitat.CllajInterview,
    habitat.CllajApplication,
    habitat.CllajOrientation,
    habitat.HousingEvent,
    habitat.SupportMeasure,
    habitat.HomeVisit,
    scolaire.Enrolment,
    scolaire.Session,
    scolaire.Attendance,
    scolaire.Referral,
]
# The service worker and the manifest hold no data: the browser fetches them without asking.
PUBLIC_URL_NAMES = {
    "login",
    "healthcheck",
    "api-schema",
    "service-worker",
    "web-manifest",
    "offline-page",
}


@pytest.mark.parametrize("model", PERSONAL_DATA_MODELS, ids=lambda m: m.__name__)
def test_personal_data_models_are_scoped_audited_and_administered(model):
    assert hasattr(model.objects.all(), "visible_to")
    assert auditlog.contains(model)
    assert admin.site.is_registered(model)
    from rl_portal.admin import ScopedAdminMixin

    assert isinstance(admin.site._registry[model], ScopedAdminMixin)


def _patterns(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


def test_every_page_needs_a_login():
    """Only the login page and the health check are open; the API authenticates with DRF."""
    for route, pattern in _patterns(get_resolver()):
        if route.startswith(("admin/", "api/")):
            continue
        is_public = getattr(pattern.callback, "login_required", True) is False
        assert is_public == (pattern.name in PUBLIC_URL_NAMES), route


def test_every_api_view_requires_authentication(client):
    """Anonymous requests to any API endpoint (but the token one) get 401, never data."""
    checked = 0
    for route, _pattern in _patterns(get_resolver()):
        if not route.startswith("api/v1/") or "auth/token" in route or "format" in route:
            continue
        if "<" in route or "(?P" in route:
            continue  # detail routes: covered by the list ones and the scoping tests
        url = "/" + route.replace("^", "").replace("$", "")
        assert client.get(url).status_code == 401, url
        checked += 1
    assert checked >= 9  # API root, persons, six prevention endpoints, reports


def test_browser_tests_reload_every_referential_data_migration():
    """Transactional tests flush the database (and the suite builds its tables without the
    migrations): the référentiels are loaded again by the loaders of tests/referentials.py — a
    new data migration must be listed there (tests/test_migrations.py checks every one)."""
    import importlib
    from pathlib import Path

    from tests.referentials import LOADERS

    root = Path(__file__).resolve().parents[1]
    found = set()
    for path in root.glob("*/migrations/0*.py"):
        module = importlib.import_module(f"{path.parent.parent.name}.migrations.{path.stem}")
        if callable(getattr(module, "load", None)):
            found.add(module.__name__)
    assert found <= {module for module, _ in LOADERS}
