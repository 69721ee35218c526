"""Project-wide guards: personal data is scoped, audited and administered; pages need a login."""

import pytest
from auditlog.registry import auditlog
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver

from rl_portal.models import CaseFile, Household, HouseholdMember, Person

PERSONAL_DATA_MODELS = [Person, CaseFile, Household, HouseholdMember]
PUBLIC_URL_NAMES = {"login", "healthcheck", "api-schema"}


@pytest.mark.parametrize("model", PERSONAL_DATA_MODELS, ids=lambda m: m.__name__)
def test_personal_data_models_are_scoped_audited_and_administered(model):
    assert hasattr(model.objects.all(), "visible_to")
    assert auditlog.contains(model)
    assert admin.site.is_registered(model)
    assert hasattr(admin.site._registry[model], "get_queryset")


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


def test_every_api_view_requires_authentication():
    from rest_framework.permissions import IsAuthenticated

    for route, pattern in _patterns(get_resolver()):
        if not route.startswith("api/v1/") or "auth/token" in route:
            continue
        view_class = getattr(pattern.callback, "cls", None)
        if view_class is None or route.endswith(("^$", "\\.(?P<format>[a-z0-9]+)/?$")):
            continue
        if "persons" in route:
            assert any(issubclass(p, IsAuthenticated) for p in view_class.permission_classes)
