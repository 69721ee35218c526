"""The habitat import page and its template download."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.urls import reverse_lazy
from django.views.decorators.http import require_GET

from habitat.importing import HABITAT_IMPORT, INTRODUCTION
from habitat.perms import can_record
from rl_portal.importing.views import ImportView, template_response


class HabitatImportView(ImportView):
    """Move off the old tools: an XLSX of housing units, current stays and open measures is
    checked and previewed; nothing is written unless the whole file is valid and confirmed."""

    definition = HABITAT_IMPORT
    title = "Importer les logements, séjours et mesures en cours"
    introduction = (
        "Le fichier est vérifié en entier avant tout enregistrement : s'il contient une erreur, "
        "rien n'est écrit."
    )
    file_help = "Trois feuilles : Logements, Séjours, Mesures (voir le modèle)."
    template_url = reverse_lazy("habitat:import-template")
    done_url = reverse_lazy("habitat:board")
    nav_template = "habitat/includes/nav.html"

    def can_import(self, user) -> bool:
        return can_record(user)


@require_GET
def import_template(request):
    if not can_record(request.user):
        raise PermissionDenied
    return template_response(
        HABITAT_IMPORT, filename="modele-import-habitat.xlsx", introduction=INTRODUCTION
    )
