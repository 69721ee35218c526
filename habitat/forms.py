from __future__ import annotations

import datetime

from crispy_forms.layout import Div
from django import forms
from django.db.models import Exists, OuterRef
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
from rl_portal.models import Dispositif, Person, ResourceType, Sex, User


def habitat_persons(user: User):
    return Person.objects.visible_to(user).order_by("pseudonym", "pk")


class StayForm(forms.Form):
    unit = forms.ModelChoiceField(label="Logement", queryset=HousingUnit.objects.none())
    place = IntegerField(label="Place", min_value=1, initial=1)
    person = forms.ModelChoiceField(label="Personne", queryset=Person.objects.none())
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
        self.fields["person"].queryset = habitat_persons(user)
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
    reason = forms.ChoiceField(label="Motif / destination", choices=Stay.ExitReason.choices)
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
    person = forms.ModelChoiceField(
        label="Jeune déjà connu du CLLAJ",
        queryset=Person.objects.none(),
        required=False,
        empty_label="— nouveau jeune —",
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
        initial=CllajInterview.Mode.IN_PERSON,
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
    # For a first interview of the year: what the follow-up records.
    dispositif = forms.ModelChoiceField(
        label="Dispositif",
        queryset=Dispositif.objects.filter(code__in=CLLAJ_DISPOSITIFS),
        empty_label=None,
    )
    kind = forms.ChoiceField(
        label="Nature", choices=CllajFile.Kind.choices, initial=CllajFile.Kind.FOLLOW_UP
    )
    orienteur_kind = forms.ChoiceField(
        label="Structure à l'origine",
        choices=OrienteurKind.choices,
        initial=OrienteurKind.MISSION_LOCALE,
    )
    housing_situation = forms.ChoiceField(
        label="Situation logement", choices=CllajFile.HousingSituation.choices
    )
    employment = forms.ChoiceField(
        label="Situation emploi",
        choices=CllajFile.Employment.choices,
        initial=CllajFile.Employment.JOB_SEEKER,
    )
    problematique = forms.ChoiceField(
        label="Principale problématique", choices=CllajFile.Problematique.choices
    )
    is_qpv = forms.BooleanField(label="Réside en QPV", required=False)
    mission_locale = forms.BooleanField(label="Suivi par la Mission locale", required=False)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        known = CllajFile.objects.filter(
            person=OuterRef("pk"), date__gte=timezone.localdate() - datetime.timedelta(days=730)
        )
        self.fields["person"].queryset = habitat_persons(user).filter(Exists(known))
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
