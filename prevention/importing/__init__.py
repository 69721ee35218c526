"""Import of the prevention history — youths, hours, youths met, accompaniments — from the
association's spreadsheets or its previous tool's exports (their usual column names are read
too: « Genre », « Pseudo ou code », « Durée »…), on django-import-export (see
`rl_portal.importing`). The Département's report then compares with the previous year from
the first year in the application.

Each row goes through the prevention services, for the importing user: only the dispositifs of
their services, their own hours unless they may record a colleague's (chefs de service)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from prevention import perms
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
        if not perms.can_record(user):
            raise ValidationError(
                "Seul le personnel de la prévention spécialisée (SPS ou EMPS) importe cet "
                "historique."
            )

    def options_form(self, user, data=None):
        return DefaultDispositifForm(data, user=user)

    def context(self, *, user, decisions, options) -> ImportContext:
        context = super().context(user=user, decisions=decisions, options=options)
        dispositifs = list(user_dispositifs(user))
        chosen = [d for d in dispositifs if d.pk == options.get("dispositif")]
        if len(dispositifs) == 1:
            chosen = dispositifs
        context.shared["default_dispositif"] = chosen[0] if chosen else None
        return context


class DefaultDispositifForm(forms.Form):
    """The dispositif of the rows that do not name theirs, for a user of SPS and EMPS."""

    dispositif = forms.ModelChoiceField(
        label="Dispositif des lignes qui n'en indiquent pas",
        queryset=None,
        required=False,
        empty_label="Aucun : chaque ligne l'indique",
    )

    def __init__(self, data=None, *, user):
        super().__init__(data)
        dispositifs = user_dispositifs(user)
        self.fields["dispositif"].queryset = dispositifs
        if dispositifs.count() < 2:
            # A single dispositif is the default of every row: nothing to ask.
            self.fields["dispositif"].widget = forms.HiddenInput()

    def options(self) -> dict:
        dispositif = self.cleaned_data.get("dispositif")
        return {"dispositif": dispositif.pk} if dispositif else {}


PREVENTION_IMPORT = PreventionImport()
