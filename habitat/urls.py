from django.urls import path

from habitat import views
from habitat.importing import views as import_views

app_name = "habitat"

urlpatterns = [
    path("", views.board, name="board"),
    path("conventions/", views.gauge, name="gauge"),
    path("sejours/nouveau/", views.StayCreateView.as_view(), name="stay-create"),
    path("sejours/<int:pk>/sortie/", views.StayExitView.as_view(), name="stay-exit"),
    path("loyers/", views.RentMonthView.as_view(), name="rents"),
    path("cllaj/", views.cllaj_files, name="cllaj-files"),
    path("cllaj/entretien/", views.CllajInterviewView.as_view(), name="cllaj-interview"),
    path("import/", import_views.HabitatImportView.as_view(), name="import"),
    path("import/modele.xlsx", import_views.import_template, name="import-template"),
]
