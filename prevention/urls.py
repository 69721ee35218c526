from django.urls import path

from prevention import views
from prevention.importing import views as import_views

app_name = "prevention"

urlpatterns = [
    path("saisie/", views.QuickEntryView.as_view(), name="quick-entry"),
    path("saisie/jeunes/", views.youth_search, name="youth-search"),
    path("saisie/jeune/", views.youth_chip, name="youth-chip"),
    path("saisie/nouveau-jeune/", views.youth_quick_create, name="youth-create"),
    path("temps/", views.time_entry_list, name="time-entries"),
    path(
        "temps/<int:pk>/modifier/",
        views.TimeEntryCorrectionView.as_view(),
        name="time-entry-update",
    ),
    path(
        "temps/<int:pk>/supprimer/",
        views.TimeEntryCorrectionView.as_view(action="delete"),
        name="time-entry-delete",
    ),
    path("rencontres/", views.contact_list, name="contacts"),
    path(
        "rencontres/<int:pk>/modifier/",
        views.ContactCorrectionView.as_view(),
        name="contact-update",
    ),
    path(
        "rencontres/<int:pk>/supprimer/",
        views.ContactCorrectionView.as_view(action="delete"),
        name="contact-delete",
    ),
    path("alertes/", views.alerts, name="alerts"),
    path("accompagnements/", views.accompaniment_list, name="accompaniments"),
    path(
        "jeunes/<int:person_pk>/accompagnement/",
        views.AccompanimentCreateView.as_view(),
        name="accompaniment-create",
    ),
    path("accompagnements/<int:pk>/", views.accompaniment_detail, name="accompaniment-detail"),
    path(
        "accompagnements/<int:pk>/modifier/",
        views.AccompanimentUpdateView.as_view(),
        name="accompaniment-update",
    ),
    path(
        "accompagnements/<int:pk>/cloturer/",
        views.AccompanimentCloseView.as_view(),
        name="accompaniment-close",
    ),
    path(
        "accompagnements/<int:pk>/bilan/", views.accompaniment_review, name="accompaniment-review"
    ),
    path(
        "accompagnements/<int:pk>/rouvrir/", views.accompaniment_reopen, name="accompaniment-reopen"
    ),
    path("accompagnements/<int:pk>/domaines/", views.worked_domain_add, name="worked-domain-add"),
    path(
        "domaines/<int:pk>/modifier/",
        views.WorkedDomainCorrectionView.as_view(),
        name="worked-domain-update",
    ),
    path(
        "domaines/<int:pk>/supprimer/",
        views.WorkedDomainCorrectionView.as_view(action="delete"),
        name="worked-domain-delete",
    ),
    path("actions/", views.collective_action_list, name="actions"),
    path("actions/nouvelle/", views.CollectiveActionFormView.as_view(), name="action-create"),
    path("actions/<int:pk>/", views.collective_action_detail, name="action-detail"),
    path(
        "actions/<int:pk>/modifier/", views.CollectiveActionFormView.as_view(), name="action-update"
    ),
    path(
        "actions/<int:pk>/supprimer/",
        views.CollectiveActionDeleteView.as_view(),
        name="action-delete",
    ),
    path("reseaux/", views.network_receptions, name="network-receptions"),
    path(
        "reseaux/<int:pk>/modifier/",
        views.NetworkReceptionCorrectionView.as_view(),
        name="network-reception-update",
    ),
    path(
        "reseaux/<int:pk>/supprimer/",
        views.NetworkReceptionCorrectionView.as_view(action="delete"),
        name="network-reception-delete",
    ),
    path("instances/", views.instance_meetings, name="instance-meetings"),
    path(
        "instances/<int:pk>/modifier/",
        views.InstanceMeetingCorrectionView.as_view(),
        name="instance-meeting-update",
    ),
    path(
        "instances/<int:pk>/supprimer/",
        views.InstanceMeetingCorrectionView.as_view(action="delete"),
        name="instance-meeting-delete",
    ),
    path("import/", import_views.PreventionImportView.as_view(), name="import"),
    path("import/modele.xlsx", import_views.import_template, name="import-template"),
]
