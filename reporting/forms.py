from django import forms

from reporting.models import AssociationProfile


class CommentaryForm(forms.Form):
    text = forms.CharField(
        label="Texte",
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="Une ligne vide sépare deux paragraphes. Chaque enregistrement crée une "
        "nouvelle version ; la dernière est imprimée.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


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

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version if self.instance.pk else None


class ValidationForm(forms.Form):
    note = forms.CharField(
        label="Mention",
        max_length=300,
        required=False,
        initial="Rapport validé par le Conseil d'Administration",
        help_text="Imprimée sur le rapport. Les chiffres du jour sont figés à la validation.",
    )
