from django import forms

from reporting.models import AssociationProfile
from rl_portal.form_helpers import DATE_WIDGET, VersionField


class CommentaryForm(forms.Form):
    text = forms.CharField(
        label="Texte",
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="Une ligne vide sépare deux paragraphes. Chaque enregistrement crée une "
        "nouvelle version ; la dernière est imprimée.",
    )
    version = VersionField(required=False)


class IdentityForm(forms.ModelForm):
    class Meta:
        model = AssociationProfile
        fields = [
            "name",
            "director",
            "phone",
            "email",
            "address",
            "service_address",
            "opening_hours",
            "website",
        ]

    version = VersionField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version if self.instance.pk else None


class ValidationForm(forms.Form):
    board_date = forms.DateField(
        label="Date du conseil d'administration",
        widget=DATE_WIDGET,
        help_text="La séance qui a validé le rapport avant sa transmission : c'est la date "
        "imprimée sur le rapport.",
        error_messages={"required": "Indiquez la date du conseil d'administration."},
    )
    note = forms.CharField(
        label="Mention",
        max_length=300,
        required=False,
        initial="Rapport validé par le Conseil d'Administration",
        help_text="Imprimée sur le rapport. Les chiffres, les textes et les données du jour "
        "sont figés à la validation.",
    )


class ReportInputForm(forms.Form):
    """The fields of one InputSpec (reporting.documents.base), built for the period."""

    version = VersionField(required=False)

    def __init__(self, *args, fields=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.input_fields = list(fields)
        for spec in self.input_fields:
            if spec.kind == "textarea":
                field = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}))
            elif spec.kind == "email":
                field = forms.EmailField()
            elif spec.kind == "date":
                field = forms.DateField(widget=DATE_WIDGET)
            elif spec.kind == "decimal":
                field = forms.DecimalField(
                    max_digits=12,
                    decimal_places=2,
                    localize=True,
                    widget=forms.TextInput(attrs={"inputmode": "decimal"}),
                    error_messages={"invalid": "Saisissez un nombre, par exemple 32,9."},
                )
            else:
                field = forms.CharField(max_length=300)
            field.required = False
            field.label = spec.label
            field.help_text = spec.help
            self.fields[spec.name] = field

    def values(self) -> dict:
        """JSON-ready values: decimals as strings (exact), dates in ISO, empty ones left out."""
        data = {}
        for spec in self.input_fields:
            value = self.cleaned_data.get(spec.name)
            if value in (None, ""):
                continue
            data[spec.name] = value.isoformat() if hasattr(value, "isoformat") else str(value)
        return data
