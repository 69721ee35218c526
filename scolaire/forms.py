"""Forms of the scolaire pages: an enrolment ended or corrected by the scolaire team."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone

from rl_portal.form_helpers import DATE_WIDGET, VersionField, form_layout, setup_version
from rl_portal.models import Partner
from scolaire.models import Enrolment

NO_CHOICE = "— choisir —"


class EnrolmentEndForm(forms.Form):
    """A child leaves the programme: on which day, and why (no reason is preselected: the
    bilans count them)."""

    end = forms.DateField(label="Dernier jour", widget=DATE_WIDGET)
    leaving_reason = forms.ChoiceField(
        label="Motif de sortie", choices=[("", NO_CHOICE), *Enrolment.LeavingReason.choices]
    )
    version = VersionField()

    def __init__(self, *args, enrolment: Enrolment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["end"].initial = timezone.localdate()
        self.fields["version"].initial = enrolment.version
        self.fields["leaving_reason"].error_messages["required"] = "Choisissez le motif de sortie."
        self.helper = form_layout(
            "end", "leaving_reason", "version", submit="Terminer l'inscription"
        )


class EnrolmentForm(forms.ModelForm):
    """Correct an enrolment: level, school, dates and leaving reason (an ended enrolment is
    reopened by emptying its end and reason)."""

    version = VersionField(required=False)

    class Meta:
        model = Enrolment
        fields = ["level", "school", "start", "end", "leaving_reason"]
        widgets = {"start": DATE_WIDGET, "end": DATE_WIDGET}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        setup_version(self)
        # The schools and collèges, and the enrolment's own school whatever its kind.
        self.fields["school"].queryset = Partner.objects.filter(
            Q(kind__in=[Partner.Kind.ECOLE, Partner.Kind.COLLEGE], is_active=True)
            | Q(pk=self.instance.school_id)
        ).order_by("name")
        self.fields["school"].empty_label = "— non renseignée —"
        self.fields["level"].choices = [
            ("", NO_CHOICE),
            *Enrolment._meta.get_field("level").choices,
        ]
        self.fields["leaving_reason"].choices = [
            ("", "— inscription en cours —"),
            *Enrolment.LeavingReason.choices,
        ]
        self.helper = form_layout("level", "school", "start", "end", "leaving_reason", "version")

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
