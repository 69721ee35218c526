from django.urls import path

from scolaire import views

app_name = "scolaire"

urlpatterns = [
    path("", views.programmes, name="programmes"),
    path("programmes/<int:pk>/appel/", views.roll_call, name="roll-call"),
    path("enfants/<int:person_pk>/orienter/", views.referral_send, name="referral-send"),
    path("orientations/", views.referrals, name="referrals"),
]
