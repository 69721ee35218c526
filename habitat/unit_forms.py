"""Forms of the housing stock's pages: a unit and its unavailabilities (works periods)."""

from __future__ import annotations

from crispy_forms.layout import Div
from django import forms

from habitat import perms, units
from habitat.models import HousingUnit, UnitUnavailability
from rl_portal.form_helpers import DATE_WIDGET, IntegerField, VersionField, form_layout
from rl_portal.models import Commune, Partner, User


class HousingUnitForm(forms.ModelForm):
    """A unit of the chef's dispositifs; the version read travels with an edit."""

    places = IntegerField(label="Nombre de places", min_value=1, max_value=50, initial=1)
    version = VersionField(required=False)

    class Meta:
        model = HousingUnit
        fields = units.UNIT_FIELDS
        widgets = {"lease_start": DATE_WIDGET, "lease_end": DATE_WIDGET}

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dispositif"].queryset = perms.managed_dispositifs(user)
        self.fields["commune"].queryset = Commune.objects.order_by("name")
        self.fields["landlord"].queryset = Partner.objects.filter(
            kind=Partner.Kind.BAILLEUR
        ).order_by("name")
        self.fields[
            "landlord"
        ].help_text = "Un bailleur absent de la liste s'ajoute dans Référentiels › Partenaires."
        # No preselected answer: the public is chosen (Tremplins Duo) or left empty.
        self.fields["public"].choices = [("", "—"), *HousingUnit.Public.choices]
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            self.fields["version"].required = True
        self.helper = form_layout(
            "label",
            "address",
            Div(
                Div("commune", css_class="col-sm-6"),
                Div("typology", css_class="col-sm-3"),
                Div("places", css_class="col-sm-3"),
                css_class="row",
            ),
            Div(
                Div("dispositif", css_class="col-sm-6"),
                Div("public", css_class="col-sm-6"),
                css_class="row",
            ),
            "landlord",
            Div(
                Div("lease_start", css_class="col-sm-6"),
                Div("lease_end", css_class="col-sm-6"),
                css_class="row",
            ),
            "version",
        )

    def _post_clean(self):
        # The service validates against the stays (and the model's rules): the form does not
        # write its values on the instance the view holds.
        pass

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in units.UNIT_FIELDS}


class UnavailabilityForm(forms.Form):
    start = forms.DateField(label="Début", widget=DATE_WIDGET)
    end = forms.DateField(label="Fin", widget=DATE_WIDGET)
    reason = forms.CharField(
        label="Motif", max_length=120, initial="Travaux / ameublement", required=False
    )
    version = VersionField(required=False)

    def __init__(self, *args, unavailability: UnitUnavailability | None = None, **kwargs):
        if unavailability is not None:
            kwargs.setdefault(
                "initial",
                {
                    "start": unavailability.start,
                    "end": unavailability.end,
                    "reason": unavailability.reason,
                    "version": unavailability.version,
                },
            )
        super().__init__(*args, **kwargs)
        if unavailability is not None:
            self.fields["version"].required = True
        self.helper = form_layout(
            Div(
                Div("start", css_class="col-sm-6"),
                Div("end", css_class="col-sm-6"),
                css_class="row",
            ),
            "reason",
            "version",
        )


class UnavailabilityDeleteForm(forms.Form):
    version = VersionField()
