from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field
from django import forms
from django.contrib.auth.forms import AuthenticationForm

from rl_portal.form_helpers import (
    DATE_WIDGET,
    VersionField,
    form_layout,
    setup_version,
)
from rl_portal.models import Commune, Person, Quartier, Service, User


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": (
            "Identifiant ou mot de passe incorrect. Attention : après 5 échecs, la connexion "
            "est bloquée pendant 30 minutes."
        ),
        "inactive": "Ce compte est désactivé.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update(
            {"autocapitalize": "none", "autocomplete": "username"}
        )
        self.helper = FormHelper()
        self.helper.form_tag = False


class PersonForm(forms.ModelForm):
    """Create or edit a person. Only the pseudonym is required."""

    service = forms.ModelChoiceField(
        label="Service qui enregistre",
        queryset=Service.objects.none(),
        empty_label=None,
        help_text="La personne sera visible des membres de ce service.",
    )
    version = VersionField(required=False)
    # Shown with the look-alikes only (templates/includes/likely_duplicates.html).
    distinct = forms.BooleanField(
        label="Ce n'est aucune de ces personnes : créer une nouvelle fiche", required=False
    )

    class Meta:
        model = Person
        fields = [
            "pseudonym",
            "sex",
            "birth_date",
            "birth_year",
            "commune",
            "quartier",
            "ase_history",
            "last_name",
            "phone",
            "email",
        ]
        widgets = {
            "birth_date": DATE_WIDGET,
            "birth_year": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "ase_history": forms.NullBooleanSelect(),
        }

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = Commune.objects.select_related("epci")
        self.fields["quartier"].queryset = Quartier.objects.select_related("commune")
        # The service only matters at creation; the version guards concurrent edits.
        setup_version(self)
        if self.instance.pk:
            del self.fields["service"]
            del self.fields["distinct"]
        else:
            own_services = user.services.order_by("name")
            self.fields["service"].queryset = own_services
            if own_services.count() == 1:
                self.fields["service"].widget = forms.HiddenInput()
                self.fields["service"].initial = own_services.first()
        self.helper = form_layout(
            *(["service"] if "service" in self.fields else []),
            Field("pseudonym", autofocus=not self.instance.pk),
            Div(
                Div("sex", css_class="col-sm-4"),
                Div("birth_date", css_class="col-sm-4"),
                Div("birth_year", css_class="col-sm-4"),
                css_class="row",
            ),
            Div(
                Div("commune", css_class="col-sm-6"),
                Div("quartier", css_class="col-sm-6"),
                css_class="row",
            ),
            "ase_history",
            Div(
                Div("last_name", css_class="col-sm-4"),
                Div("phone", css_class="col-sm-4"),
                Div("email", css_class="col-sm-4"),
                css_class="row",
            ),
            *(["version"] if "version" in self.fields else []),
        )

    def clean(self):
        cleaned = super().clean()
        birth_date = cleaned.get("birth_date")
        birth_year = cleaned.get("birth_year")
        if birth_date and not birth_year:
            cleaned["birth_year"] = birth_date.year
        return cleaned

    def person_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class PersonFilterForm(forms.Form):
    """Filters of the person list. The search text is only accepted in a POST body so that a
    pseudonym never ends up in a URL or a server log."""

    q = forms.CharField(label="Rechercher", required=False, max_length=80)
    service = forms.ModelChoiceField(
        label="Service", queryset=Service.objects.none(), required=False, to_field_name="code"
    )
    commune = forms.ModelChoiceField(
        label="Commune", queryset=Commune.objects.all(), required=False
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update(
            {
                "placeholder": "Pseudonyme ou nom",
                "autocomplete": "off",
                "type": "search",
                "class": "form-control",
                "aria-label": "Rechercher une personne",
            }
        )
        self.fields["service"].queryset = (
            Service.objects.all() if user.reads_all_services else user.services.all()
        )

    def filter(self, queryset):
        if not self.is_valid():
            return queryset.none()
        data = self.cleaned_data
        if text := data["q"].strip():
            queryset = queryset.search(text)
        if data["service"]:
            queryset = queryset.in_services([data["service"].pk])
        if data["commune"]:
            queryset = queryset.filter(commune=data["commune"])
        return queryset


class AnonymiseForm(forms.Form):
    reason = forms.CharField(
        label="Motif",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Par exemple : demande d'effacement de la personne (RGPD, article 17).",
    )
    confirm = forms.BooleanField(
        label="Je confirme : l'identité de la personne sera effacée définitivement.",
    )
