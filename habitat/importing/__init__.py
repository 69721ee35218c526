"""Import of the association's existing habitat data from its old tools: an XLSX workbook with
the housing units (« Logements »), the current stays (« Séjours ») and the open support
measures (« Mesures »), on django-import-export (see `rl_portal.importing`).

`HABITAT_IMPORT.preview(content, by=user)` checks every row through the habitat services and
rolls back; `HABITAT_IMPORT.apply(…)` keeps the rows, all or nothing."""

from __future__ import annotations

from habitat import services
from habitat.importing.sheets import MeasureResource, StayResource, UnitResource
from rl_portal.importing.workbook import WorkbookImport

INTRODUCTION = [
    "Import des données habitat : logements, séjours en cours et mesures FSL ou ASL en cours.",
    "Remplissez une ligne par logement, séjour ou mesure, sous les en-têtes (une note sur chaque "
    "en-tête dit quoi saisir). Les feuilles vides sont ignorées.",
    "Le fichier est vérifié en entier et vous voyez un aperçu avant tout enregistrement : s'il "
    "contient une erreur, rien n'est écrit. Une personne déjà enregistrée est retrouvée ; "
    "l'aperçu vous demande de confirmer.",
]


class HabitatImport(WorkbookImport):
    name = "habitat"
    sheets = (UnitResource, StayResource, MeasureResource)

    def check_user(self, user) -> None:
        services.check_can_record(user)


HABITAT_IMPORT = HabitatImport()
