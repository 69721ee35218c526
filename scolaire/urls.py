from django.urls import path

from scolaire import views

app_name = "scolaire"

urlpatterns = [
    path("", views.programmes, name="programmes"),
    path("programmes/<int:pk>/", views.programme_detail, name="programme"),
    path("programmes/<int:pk>/appel/", views.roll_call, name="roll-call"),
    path(
        "programmes/<int:programme_pk>/inscrire/",
        views.enrolment_create,
        name="enrolment-create",
    ),
    path(
        "enfants/<int:person_pk>/inscrire/",
        views.enrolment_create,
        name="child-enrolment-create",
    ),
    path("inscriptions/<int:pk>/corriger/", views.enrolment_change, name="enrolment-update"),
    path(
        "inscriptions/<int:pk>/terminer/",
        views.enrolment_change,
        {"action": "end"},
        name="enrolment-end",
    ),
    path("seances/<int:pk>/supprimer/", views.session_delete, name="session-delete"),
    path("enfants/<int:person_pk>/orienter/", views.referral_send, name="referral-send"),
    path("orientations/", views.referrals, name="referrals"),
]
