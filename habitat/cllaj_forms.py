"""Forms of a CLLAJ follow-up's page: the file's answers, an interview, an application built
and an orientation advised. Nothing counted is preselected: the dispositif, the nature, the
modality, the kind of application and the orientation are chosen; the descriptive answers are
chosen or stay « non renseigné »."""

from __future__ import annotations

from crispy_forms.layout import Div
from django import forms
from django.utils import timezone

from habitat.forms import NOT_RECORDED_CHOICE, YES_NO_UNKNOWN
from habitat.models import (
    CLLAJ_DISPOSITIFS,
    CllajApplication,
    CllajFile,
    CllajInterview,
    CllajOrientation,
    MeetingPlace,
    OrienteurKind,
)
from habitat.services import CLLAJ_FILE_FIELDS
from rl_portal.form_helpers import DATE_WIDGET, VersionField, form_layout
from rl_portal.models import Composition, Dispositif

TO_CHOOSE = "— à choisir —"


def _not_recorded(choices) -> list:
    return [("", NOT_RECORDED_CHOICE), *choices]


class CllajFileForm(forms.Form):
    dispositif = forms.ModelChoiceField(
        label="Dispositif",
        queryset=Dispositif.objects.filter(code__in=CLLAJ_DISPOSITIFS).order_by("name"),
        empty_label=TO_CHOOSE,
        error_messages={"required": "Choisissez CLLAJ ou CLLAJ ASE."},
    )
    kind = forms.ChoiceField(
        label="Nature",
        choices=[("", TO_CHOOSE), *CllajFile.Kind.choices],
        error_messages={"required": "Indiquez la nature du suivi : AIO seule ou suivi dossier."},
    )
    date = forms.DateField(label="Date de la demande", widget=DATE_WIDGET)
    orienteur_kind = forms.ChoiceField(
        label="Structure à l'origine de la demande",
        choices=_not_recorded(OrienteurKind.choices),
        required=False,
    )
    housing_situation = forms.ChoiceField(
        label="Situation logement",
        choices=_not_recorded(CllajFile.HousingSituation.choices),
        required=False,
    )
    employment = forms.ChoiceField(
        label="Situation emploi",
        choices=_not_recorded(CllajFile.Employment.choices),
        required=False,
    )
    resources = forms.DecimalField(
        label="Ressources (€/mois)", required=False, min_value=0, max_value=100000
    )
    problematique = forms.ChoiceField(
        label="Principale problématique",
        choices=_not_recorded(CllajFile.Problematique.choices),
        required=False,
    )
    composition = forms.ChoiceField(
        label="Composition familiale",
        choices=_not_recorded(Composition.choices),
        required=False,
    )
    # Yes / no / « non renseigné »: the bilan's zooms count the yeses.
    is_qpv = forms.NullBooleanField(label="Réside en QPV", widget=YES_NO_UNKNOWN)
    mission_locale = forms.NullBooleanField(
        label="Suivi par la Mission locale", widget=YES_NO_UNKNOWN
    )
    action_logement = forms.NullBooleanField(
        label="Éligible Action Logement (salarié du privé)", widget=YES_NO_UNKNOWN
    )
    outcome = forms.ChoiceField(
        label="Accès au logement",
        choices=_not_recorded(CllajFile.Outcome.choices),
        required=False,
    )
    version = VersionField()

    def __init__(self, *args, cllaj_file: CllajFile, **kwargs):
        initial = {name: getattr(cllaj_file, name) for name in CLLAJ_FILE_FIELDS}
        initial |= {"dispositif": cllaj_file.dispositif_id, "version": cllaj_file.version}
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.helper = form_layout(
            Div(
                Div("dispositif", css_class="col-sm-4"),
                Div("kind", css_class="col-sm-4"),
                Div("date", css_class="col-sm-4"),
                css_class="row",
            ),
            "orienteur_kind",
            Div(
                Div("housing_situation", css_class="col-sm-6"),
                Div("employment", css_class="col-sm-6"),
                css_class="row",
            ),
            Div(
                Div("resources", css_class="col-sm-6"),
                Div("composition", css_class="col-sm-6"),
                css_class="row",
            ),
            "problematique",
            Div(
                Div("is_qpv", css_class="col-sm-4"),
                Div("mission_locale", css_class="col-sm-4"),
                Div("action_logement", css_class="col-sm-4"),
                css_class="row",
            ),
            "outcome",
            "version",
            submit="Enregistrer le dossier",
        )

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in CLLAJ_FILE_FIELDS}
        # A choice left « non renseigné » is stored blank; a yes-no left so is stored None.
        for name in ("kind", "orienteur_kind", "housing_situation", "employment"):
            data[name] = data[name] or ""
        for name in ("problematique", "composition", "outcome"):
            data[name] = data[name] or ""
        return data


class CllajInterviewEditForm(forms.Form):
    """An interview of the follow-up, added or corrected (the version read with a correction)."""

    date = forms.DateField(label="Date de l'entretien", widget=DATE_WIDGET)
    mode = forms.ChoiceField(
        label="Modalité",
        choices=CllajInterview.Mode.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Indiquez si l'entretien a eu lieu en présentiel ou à distance."
        },
    )
    place = forms.ModelChoiceField(
        label="Lieu", queryset=MeetingPlace.objects.filter(is_active=True), required=False
    )
    version = VersionField(required=False)

    def __init__(self, *args, item: CllajInterview | None = None, prefix="entretien", **kw):
        interview = item
        if interview is not None:
            kw.setdefault(
                "initial",
                {
                    "date": interview.date,
                    "mode": interview.mode,
                    "place": interview.place_id,
                    "version": interview.version,
                },
            )
        super().__init__(*args, prefix=prefix, **kw)
        if interview is None:
            self.fields["date"].initial = timezone.localdate()
        else:
            self.fields["version"].required = True
            # A place no longer active stays choosable for the interview that used it.
            self.fields["place"].queryset = MeetingPlace.objects.filter(
                is_active=True
            ) | MeetingPlace.objects.filter(pk=interview.place_id)
        self.helper = form_layout(
            Div(
                Div("date", css_class="col-sm-6"),
                Div("mode", css_class="col-sm-6"),
                css_class="row",
            ),
            "place",
            "version",
            submit="Enregistrer l'entretien",
        )


class CllajApplicationForm(forms.Form):
    kind = forms.ChoiceField(
        label="Dossier constitué",
        choices=[("", TO_CHOOSE), *CllajApplication.Kind.choices],
        error_messages={"required": "Choisissez le dossier constitué."},
    )
    date = forms.DateField(label="Date", widget=DATE_WIDGET)
    version = VersionField(required=False)

    def __init__(self, *args, item: CllajApplication | None = None, prefix="dossier", **kw):
        if item is not None:
            kw.setdefault(
                "initial", {"kind": item.kind, "date": item.date, "version": item.version}
            )
        super().__init__(*args, prefix=prefix, **kw)
        if item is None:
            self.fields["date"].initial = timezone.localdate()
        else:
            self.fields["version"].required = True
        self.helper = form_layout(
            Div(
                Div("kind", css_class="col-sm-7"),
                Div("date", css_class="col-sm-5"),
                css_class="row",
            ),
            "version",
            submit="Enregistrer le dossier constitué",
        )


class CllajOrientationForm(forms.Form):
    target = forms.ChoiceField(
        label="Orientation préconisée",
        choices=[("", TO_CHOOSE), *CllajOrientation.Target.choices],
        error_messages={"required": "Choisissez l'orientation préconisée."},
    )
    date = forms.DateField(label="Date", widget=DATE_WIDGET)
    version = VersionField(required=False)

    def __init__(self, *args, item: CllajOrientation | None = None, prefix="orientation", **kw):
        if item is not None:
            kw.setdefault(
                "initial", {"target": item.target, "date": item.date, "version": item.version}
            )
        super().__init__(*args, prefix=prefix, **kw)
        if item is None:
            self.fields["date"].initial = timezone.localdate()
        else:
            self.fields["version"].required = True
        self.helper = form_layout(
            Div(
                Div("target", css_class="col-sm-7"),
                Div("date", css_class="col-sm-5"),
                css_class="row",
            ),
            "version",
            submit="Enregistrer l'orientation",
        )


class CllajDeleteForm(forms.Form):
    version = VersionField()
