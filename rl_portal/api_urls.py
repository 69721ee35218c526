from django.urls import URLPattern, URLResolver, include, path
from rest_framework.routers import DefaultRouter

from rl_portal.api import ObtainTokenView, PersonViewSet
from rl_portal.api_routes import API_ROUTES

app_name = "api"
router = DefaultRouter()
router.register("persons", PersonViewSet, basename="person")
# The apps' routes (prevention, habitat, scolaire, reports), registered by their AppConfig.
for register in API_ROUTES:
    register(router)


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
        path("", include(router.urls)),
    ]
)
