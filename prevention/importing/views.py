"""The prevention history import page and its template download."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.urls import reverse_lazy
from django.views.decorators.http import require_GET

from prevention.importing import INTRODUCTION, PREVENTION_IMPORT
from prevention.perms import can_record
from rl_portal.importing.views import ImportView, template_response


class PreventionImportView(ImportView):
    definition = PREVENTION_IMPORT
    title = "Importer l'historique de la prévention"
    introduction = (
        "Jeunes, temps, rencontres et accompagnements des années passées, depuis vos tableurs "
        "ou l'export de votre ancien outil. Le fichier est vérifié en entier avant tout "
        "enregistrement : s'il contient une erreur, rien n'est écrit."
    )
    file_help = "Quatre feuilles : Jeunes, Temps, Rencontres, Accompagnements (voir le modèle)."
    template_url = reverse_lazy("prevention:import-template")
    done_url = reverse_lazy("prevention:time-entries")
    nav_template = "prevention/includes/nav.html"

    def can_import(self, user) -> bool:
        return can_record(user)


@require_GET
def import_template(request):
    if not can_record(request.user):
        raise PermissionDenied
    return template_response(
        PREVENTION_IMPORT, filename="modele-import-prevention.xlsx", introduction=INTRODUCTION
    )
