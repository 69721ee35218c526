from csp.decorators import csp_update
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from rl_portal import account, household_views, offline, referential_views, views

admin.site.site_header = "RL Portal — administration"
admin.site.site_title = "RL Portal"
admin.site.index_title = "Administration"
# A refused input (rl_portal.inputs.InputError) shows its French message.
handler400 = "rl_portal.views.bad_request"
handler404 = "rl_portal.views.page_not_found"


urlpatterns = [
    path("", views.home, name="home"),
    path("connexion/", views.LoginView.as_view(), name="login"),
    path("deconnexion/", offline.LogoutView.as_view(), name="logout"),
    path("mot-de-passe/", views.PasswordChangeView.as_view(), name="password_change"),
    path("compte/jetons/", account.api_tokens, name="account-api-tokens"),
    path(
        "compte/jetons/<int:pk>/revoquer/",
        account.api_token_revoke,
        name="account-api-token-revoke",
    ),
    path("personnes/", views.PersonListView.as_view(), name="person-list"),
    path("personnes/nouvelle/", views.PersonCreateView.as_view(), name="person-create"),
    path("personnes/choisir/", views.person_pick, name="person-pick"),
    path("personnes/<int:pk>/", views.person_detail, name="person-detail"),
    path("personnes/<int:pk>/modifier/", views.PersonUpdateView.as_view(), name="person-update"),
    path("personnes/<int:pk>/export/", views.person_export, name="person-export"),
    path(
        "personnes/<int:person_pk>/menage/nouveau/",
        household_views.household_create,
        name="household-create",
    ),
    path("menages/<int:pk>/", household_views.household_detail, name="household-detail"),
    path(
        "personnes/<int:pk>/anonymiser/",
        views.PersonAnonymiseView.as_view(),
        name="person-anonymise",
    ),
    path("referentiels/", referential_views.referential_index, name="referentials"),
    path("referentiels/<slug:slug>/", referential_views.referential_list, name="referential-list"),
    path(
        "referentiels/<slug:slug>/nouveau/",
        referential_views.ReferentialFormView.as_view(),
        name="referential-create",
    ),
    path(
        "referentiels/<slug:slug>/<int:pk>/",
        referential_views.ReferentialFormView.as_view(),
        name="referential-update",
    ),
    path("prevention/", include("prevention.urls")),
    path("habitat/", include("habitat.urls")),
    path("scolaire/", include("scolaire.urls")),
    path("reports/", include("reporting.urls")),
    path("sante/", views.healthcheck, name="healthcheck"),
    # The installable app: the service worker's scope is the folder it is served from.
    path("sw.js", offline.service_worker, name="service-worker"),
    path("manifest.webmanifest", offline.manifest, name="web-manifest"),
    path("app/", offline.app_start, name="app-start"),
    path("hors-ligne/", offline.offline_page, name="offline-page"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("rl_portal.api_urls")),
    # DRF authenticates the schema itself (session or token): see SPECTACULAR_SETTINGS.
    path("api/schema/", login_not_required(SpectacularAPIView.as_view()), name="api-schema"),
    # Swagger UI sets a few inline styles: allowed on this page only.
    path(
        "api/docs/",
        csp_update({"style-src": ["'unsafe-inline'"]})(
            SpectacularSwaggerSplitView.as_view(url_name="api-schema")
        ),
        name="api-docs",
    ),
]
