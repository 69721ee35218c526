from django.urls import URLPattern, URLResolver, include, path
from rest_framework.routers import DefaultRouter

from habitat import api as habitat_api
from prevention import api as prevention_api
from reporting.api import ReportViewSet
from rl_portal.api import PersonViewSet
from rl_portal.api_auth import ApiTokenViewSet, LogoutView, ObtainTokenView
from scolaire import api as scolaire_api

app_name = "api"


class Router(DefaultRouter):
    """Record ids in URLs are integers of at most 18 digits unless a viewset says otherwise:
    /persons/abc/ or an id of thirty digits (which SQLite cannot bind) is a 404, not a 500."""

    def get_lookup_regex(self, viewset, lookup_prefix=""):
        if not hasattr(viewset, "lookup_value_regex"):
            viewset.lookup_value_regex = "[0-9]{1,18}"
        return super().get_lookup_regex(viewset, lookup_prefix)


router = Router()
router.register("auth/tokens", ApiTokenViewSet, basename="token")
router.register("persons", PersonViewSet, basename="person")
prevention_api.register(router)
habitat_api.register(router)
scolaire_api.register(router)
router.register("reports", ReportViewSet, basename="report")


def drf_authenticated(patterns):
    """The API authenticates its requests itself (session or token, by DRF), so Django's
    LoginRequiredMiddleware must not redirect them to the login page: DRF answers 401/403."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            drf_authenticated(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            pattern.callback.login_required = False
    return patterns


urlpatterns = drf_authenticated(
    [
        path("auth/token/", ObtainTokenView.as_view(), name="token"),
        path("auth/logout/", LogoutView.as_view(), name="logout"),
        path("", include(router.urls)),
    ]
)
