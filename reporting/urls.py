from django.urls import path

from reporting import views

app_name = "reporting"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("fiche-identite/", views.identity_edit, name="identity"),
    path("<slug:slug>/", views.report_page, name="report"),
    path("<slug:slug>/pdf/", views.report_pdf, name="pdf"),
    path("<slug:slug>/xlsx/", views.report_xlsx, name="xlsx"),
    path("<slug:slug>/valider/", views.report_validate, name="validate"),
    path("<slug:slug>/commentaire/<slug:section>/", views.commentary_edit, name="commentary"),
    path("<slug:slug>/donnees/<slug:key>/", views.report_input_edit, name="input"),
]
