from django.urls import path

from habitat import (
    cllaj_views,
    correction_views,
    followup_views,
    intake_views,
    stay_views,
    unit_views,
    views,
)
from habitat.importing import views as import_views

app_name = "habitat"

urlpatterns = [
    path("", views.board, name="board"),
    path("conventions/", views.gauge, name="gauge"),
    path("sejours/nouveau/", views.StayCreateView.as_view(), name="stay-create"),
    path("sejours/<int:pk>/sortie/", views.StayExitView.as_view(), name="stay-exit"),
    path("parc/", unit_views.unit_list, name="units"),
    path("parc/nouveau/", unit_views.UnitFormView.as_view(), name="unit-create"),
    path("parc/<int:pk>/", unit_views.UnitFormView.as_view(), name="unit-update"),
    path(
        "parc/<int:pk>/indisponibilites/",
        unit_views.UnavailabilityFormView.as_view(),
        name="unavailability-create",
    ),
    path(
        "parc/<int:pk>/indisponibilites/<int:upk>/",
        unit_views.UnavailabilityFormView.as_view(),
        name="unavailability-update",
    ),
    path(
        "parc/<int:pk>/indisponibilites/<int:upk>/supprimer/",
        unit_views.unavailability_delete,
        name="unavailability-delete",
    ),
    path("demandes/", followup_views.requests_pending, name="requests"),
    path("demandes/nouvelle/", intake_views.request_create, name="request-create"),
    path("demandes/<int:pk>/decision/", followup_views.request_decide, name="request-decide"),
    path("demandes/<int:pk>/corriger/", intake_views.request_update, name="request-update"),
    path("ateliers/", followup_views.housing_events, name="events"),
    path("ateliers/<int:pk>/", correction_views.HousingEventView.as_view(), name="event"),
    path("mesures/", followup_views.measures_open, name="measures"),
    path("mesures/nouvelle/", intake_views.measure_create, name="measure-create"),
    path("mesures/<int:pk>/", followup_views.measure_detail, name="measure"),
    path(
        "mesures/<int:pk>/visites/<int:vpk>/",
        correction_views.HomeVisitView.as_view(),
        name="home-visit",
    ),
    path("mesures/<int:pk>/corriger/", intake_views.measure_update, name="measure-update"),
    path("loyers/", views.RentMonthView.as_view(), name="rents"),
    path("cllaj/", views.cllaj_files, name="cllaj-files"),
    path("cllaj/entretien/", views.CllajInterviewView.as_view(), name="cllaj-interview"),
    # Corrections of stays and CLLAJ follow-ups from the pages (issue 15: not the admin).
    path("sejours/<int:pk>/", stay_views.StayUpdateView.as_view(), name="stay-update"),
    path("sejours/<int:pk>/supprimer/", stay_views.StayDeleteView.as_view(), name="stay-delete"),
    path("cllaj/<int:pk>/", cllaj_views.CllajFileView.as_view(), name="cllaj-file"),
    path(
        "cllaj/<int:pk>/<str:kind>/nouveau/",
        cllaj_views.CllajItemCreateView.as_view(),
        name="cllaj-item-create",
    ),
    path(
        "cllaj/<int:pk>/<str:kind>/<int:ipk>/",
        cllaj_views.CllajItemView.as_view(),
        name="cllaj-item",
    ),
    path(
        "cllaj/<int:pk>/<str:kind>/<int:ipk>/supprimer/",
        cllaj_views.CllajItemDeleteView.as_view(),
        name="cllaj-item-delete",
    ),
    path("import/", import_views.HabitatImportView.as_view(), name="import"),
    path("import/modele.xlsx", import_views.import_template, name="import-template"),
]
