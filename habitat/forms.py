from __future__ import annotations

from crispy_forms.layout import Div
from django import forms
from django.utils import timezone

from habitat.models import (
    CLLAJ_DISPOSITIFS,
    CllajApplication,
    CllajFile,
    CllajInterview,
    HousingUnit,
    MeetingPlace,
    OrienteurKind,
    Stay,
)
from rl_portal.form_helpers import DATE_WIDGET, IntegerField, VersionField, form_layout
from rl_portal.models import Dispositif, ResourceType, Sex, User
from rl_portal.widgets import PersonChoiceField

# The first option of a counted answer that may stay unknown: stored blank, printed
# « Non renseigné » in the bilans.
NOT_RECORDED_CHOICE = "— non renseigné —"


class YesNoUnknownSelect(forms.NullBooleanSelect):
    """Oui / Non / « non renseigné » (the default): for yes-no answers a report counts."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("unknown", NOT_RECORDED_CHOICE), ("true", "Oui"), ("false", "Non")]


YES_NO_UNKNOWN = YesNoUnknownSelect()


class StayForm(forms.Form):
    unit = forms.ModelChoiceField(label="Logement", queryset=HousingUnit.objects.none())
    place = IntegerField(label="Place", min_value=1, initial=1)
    person = PersonChoiceField(label="Personne", picker="habitat-persons")
    entry = forms.DateField(label="Entrée", widget=DATE_WIDGET)
    planned_exit = forms.DateField(label="Sortie prévue", widget=DATE_WIDGET, required=False)
    origin = forms.ChoiceField(
        label="Origine de l'hébergement", choices=[("", "—"), *Stay.Origin.choices], required=False
    )
    resources_entry = forms.DecimalField(
        label="Ressources à l'entrée (€/mois)", required=False, min_value=0, decimal_places=2
    )
    resource_type_entry = forms.ChoiceField(
        label="Ressource principale", choices=[("", "—"), *ResourceType.choices], required=False
    )
    mobility = forms.ChoiceField(
        label="Mobilité (principal moyen de déplacement)",
        choices=[("", "—"), *Stay.Mobility.choices],
        required=False,
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = (
            HousingUnit.objects.visible_to(user).select_related("commune").order_by("label")
        )
        self.fields["person"].for_user(user)
        self.fields["entry"].initial = timezone.localdate()
        self.helper = form_layout(
            Div(
                Div("unit", css_class="col-sm-8"),
                Div("place", css_class="col-sm-4"),
                css_class="row",
            ),
            "person",
            Div(
                Div("entry", css_class="col-sm-6"),
                Div("planned_exit", css_class="col-sm-6"),
                css_class="row",
            ),
            "origin",
            Div(
                Div("resources_entry", css_class="col-sm-6"),
                Div("resource_type_entry", css_class="col-sm-6"),
                css_class="row",
            ),
            "mobility",
        )

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class StayExitForm(forms.Form):
    exit = forms.DateField(label="Date de sortie", widget=DATE_WIDGET)
    # No preselected destination: the bilan counts it (« Logement parc public » was chosen for
    # whoever did not open the list).
    reason = forms.ChoiceField(
        label="Motif / destination",
        choices=[("", "— à choisir —"), *Stay.ExitReason.choices],
        error_messages={"required": "Choisissez le motif ou la destination de sortie."},
    )
    resources_exit = forms.DecimalField(
        label="Ressources à la sortie (€/mois)", required=False, min_value=0, decimal_places=2
    )
    resource_type_exit = forms.ChoiceField(
        label="Ressource principale", choices=[("", "—"), *ResourceType.choices], required=False
    )
    exit_support = forms.ChoiceField(
        label="Accompagnement à la sortie",
        choices=[("", "—"), *Stay.ExitSupport.choices],
        required=False,
    )
    steps = forms.MultipleChoiceField(
        label="Démarches effectuées pendant le séjour",
        choices=Stay.Step.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    version = VersionField()

    def __init__(self, *args, stay: Stay, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exit"].initial = timezone.localdate()
        self.fields["version"].initial = stay.version
        self.fields["steps"].initial = list(stay.steps or [])
        self.helper = form_layout(
            "exit",
            "reason",
            "resources_exit",
            "resource_type_exit",
            "exit_support",
            "steps",
            "version",
            submit="Enregistrer la sortie",
        )

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class CllajInterviewForm(forms.Form):
    person = PersonChoiceField(
        label="Jeune déjà connu du CLLAJ", picker="cllaj-youths", required=False
    )
    pseudonym = forms.CharField(
        label="ou pseudonyme d'un nouveau jeune", max_length=80, required=False
    )
    sex = forms.ChoiceField(label="Sexe", choices=Sex.choices, initial=Sex.UNKNOWN, required=False)
    age = IntegerField(label="Âge", min_value=14, max_value=40, required=False)
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
    applications = forms.MultipleChoiceField(
        label="Dossiers constitués",
        choices=CllajApplication.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    # For a first interview of the year: what the follow-up records. Nothing is preselected:
    # the nature and the dispositif are chosen when a follow-up is opened (the service says so),
    # the other answers are chosen or stored « non renseigné » (their own row in the bilan).
    dispositif = forms.ModelChoiceField(
        label="Dispositif",
        queryset=Dispositif.objects.filter(code__in=CLLAJ_DISPOSITIFS),
        required=False,
        empty_label="— à choisir —",
    )
    kind = forms.ChoiceField(
        label="Nature", choices=[("", "— à choisir —"), *CllajFile.Kind.choices], required=False
    )
    orienteur_kind = forms.ChoiceField(
        label="Structure à l'origine",
        choices=[("", NOT_RECORDED_CHOICE), *OrienteurKind.choices],
        required=False,
    )
    housing_situation = forms.ChoiceField(
        label="Situation logement",
        choices=[("", NOT_RECORDED_CHOICE), *CllajFile.HousingSituation.choices],
        required=False,
    )
    employment = forms.ChoiceField(
        label="Situation emploi",
        choices=[("", NOT_RECORDED_CHOICE), *CllajFile.Employment.choices],
        required=False,
    )
    problematique = forms.ChoiceField(
        label="Principale problématique",
        choices=[("", NOT_RECORDED_CHOICE), *CllajFile.Problematique.choices],
        required=False,
    )
    # Yes / no / « non renseigné »: a box left unticked would have stored a no nobody said.
    is_qpv = forms.NullBooleanField(label="Réside en QPV", widget=YES_NO_UNKNOWN)
    mission_locale = forms.NullBooleanField(
        label="Suivi par la Mission locale", widget=YES_NO_UNKNOWN
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].for_user(user)
        self.fields["date"].initial = timezone.localdate()

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("person") and not (cleaned.get("pseudonym") or "").strip():
            self.add_error(
                "person", "Choisissez le jeune ou saisissez le pseudonyme d'un nouveau jeune."
            )
        return cleaned

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        cllaj_file_fields = [
            "dispositif",
            "kind",
            "orienteur_kind",
            "housing_situation",
            "employment",
            "problematique",
            "is_qpv",
            "mission_locale",
        ]
        return {
            "person": data["person"],
            "new_person": None
            if data["person"]
            else {
                "pseudonym": data["pseudonym"].strip(),
                "sex": data["sex"] or Sex.UNKNOWN,
                "age": data["age"],
            },
            "date": data["date"],
            "mode": data["mode"],
            "place": data["place"],
            "applications": data["applications"],
            "cllaj_file_data": {name: data[name] for name in cllaj_file_fields},
        }
