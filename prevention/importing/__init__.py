"""Import of the prevention history — youths, hours, youths met, accompaniments — from the
association's spreadsheets or its previous tool's exports (their usual column names are read
too: « Genre », « Pseudo ou code », « Durée »…), on django-import-export (see
`rl_portal.importing`). The Département's report then compares with the previous year from
the first year in the application.

Each row goes through the prevention services, for the importing user: only the dispositifs of
their services, their own hours unless they may record a colleague's (chefs de service)."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from prevention.forms import user_dispositifs
from prevention.importing.activity import AccompanimentResource, ContactResource, TimeResource
from prevention.importing.youths import YouthResource
from rl_portal.importing.workbook import ImportContext, WorkbookImport

INTRODUCTION = [
    "Import de l'historique de la prévention spécialisée : jeunes, temps, rencontres, "
    "accompagnements des années passées (tableurs ou exports de votre ancien outil).",
    "Remplissez une ligne par jeune, par journée et activité, par rencontre, par "
    "accompagnement, sous les en-têtes ; les feuilles dont vous n'avez pas besoin peuvent "
    "rester vides. Le « Code jeune » de votre ancien outil relie les lignes d'un même jeune.",
    "Le fichier est vérifié en entier et vous voyez un aperçu avant tout enregistrement : s'il "
    "contient une erreur, rien n'est écrit. Les lignes déjà importées sont laissées de côté : "
    "vous pouvez redéposer un fichier corrigé.",
]


class PreventionImport(WorkbookImport):
    name = "prévention"
    sheets = (YouthResource, TimeResource, ContactResource, AccompanimentResource)

    def check_user(self, user) -> None:
        if not user.works_in_services or not user_dispositifs(user).exists():
            raise ValidationError(
                "Seul le personnel de la prévention spécialisée (SPS ou EMPS) importe cet "
                "historique."
            )

    def context(self, *, user, decisions) -> ImportContext:
        context = super().context(user=user, decisions=decisions)
        dispositifs = list(user_dispositifs(user))
        context.shared["default_dispositif"] = dispositifs[0] if len(dispositifs) == 1 else None
        return context


PREVENTION_IMPORT = PreventionImport()
