"""Forms correcting what an éducateur saved (time entries, meetings): their own module so that
prevention/forms.py stays readable; re-exported there."""

from __future__ import annotations

from crispy_forms.layout import Div
from django import forms

from prevention.forms import InstanceMeetingForm, NetworkReceptionForm
from prevention.models import Activity, Contact, ContactMode, Domain, TimeEntry, WorkedDomain
from rl_portal.form_helpers import DATE_WIDGET, HoursField, VersionField, form_layout, setup_version
from rl_portal.models import Quartier


class TimeEntryForm(forms.ModelForm):
    """Correct a saved time entry: its day, activity, hours and place."""

    hours = HoursField(label="Heures")
    version = VersionField(required=False)

    class Meta:
        model = TimeEntry
        fields = ["date", "activity", "hours", "online", "commune", "quartier", "note"]
        widgets = {"date": DATE_WIDGET}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        setup_version(self)
        self.fields["quartier"].queryset = Quartier.objects.select_related("commune")
        self.fields["commune"].empty_label = self.fields["quartier"].empty_label = "—"
        self.fields["hours"].help_text = "Par quart d'heure : 1,5 ou 1h30."
        self.fields["activity"].choices = Activity.choices
        self.helper = form_layout(
            Div(
                Div("date", css_class="col-sm-6"),
                Div("hours", css_class="col-sm-6"),
                css_class="row",
            ),
            "activity",
            "online",
            Div(
                Div("commune", css_class="col-sm-6"),
                Div("quartier", css_class="col-sm-6"),
                css_class="row",
            ),
            "note",
            "version",
        )

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ContactForm(forms.ModelForm):
    """Correct a saved meeting: its day, mode and place (not the youth)."""

    version = VersionField(required=False)

    class Meta:
        model = Contact
        fields = ["date", "mode", "commune", "quartier"]
        widgets = {"date": DATE_WIDGET}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        setup_version(self)
        self.fields["quartier"].queryset = Quartier.objects.select_related("commune")
        self.fields["commune"].empty_label = self.fields["quartier"].empty_label = "—"
        self.fields["mode"].choices = ContactMode.choices
        self.helper = form_layout(
            Div(
                Div("date", css_class="col-sm-6"),
                Div("mode", css_class="col-sm-6"),
                css_class="row",
            ),
            Div(
                Div("commune", css_class="col-sm-6"),
                Div("quartier", css_class="col-sm-6"),
                css_class="row",
            ),
            "version",
        )

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class NetworkReceptionCorrectionForm(NetworkReceptionForm):
    """Correct a saved network reception: the same fields as when it was entered."""

    version = VersionField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        setup_version(self)
        self.helper = form_layout(*NetworkReceptionForm.Meta.fields, "version")

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in NetworkReceptionForm.Meta.fields}


class InstanceMeetingCorrectionForm(InstanceMeetingForm):
    """Correct a saved instance meeting: the same fields as when it was entered."""

    version = VersionField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        setup_version(self)
        self.helper = form_layout(*InstanceMeetingForm.Meta.fields, "version")

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in InstanceMeetingForm.Meta.fields}


class WorkedDomainCorrectionForm(forms.ModelForm):
    """Correct a worked domain of an accompaniment: its day, domain and note."""

    version = VersionField(required=False)

    class Meta:
        model = WorkedDomain
        fields = ["date", "domain", "note"]
        widgets = {"date": DATE_WIDGET}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        setup_version(self)
        self.fields["domain"].choices = Domain.choices
        self.helper = form_layout("date", "domain", "note", "version")

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class DeleteForm(forms.Form):
    """The confirmation of a deletion carries the version of the record shown."""

    version = VersionField(required=False)
