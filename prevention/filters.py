"""List filters of the prevention pages (period, commune, éducateur, type). Only ids and dates
go into the query string: never a name."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q

from prevention.forms import service_staff
from prevention.models import (
    Accompaniment,
    ActionSession,
    Activity,
    CollectiveAction,
    Contact,
    ContactMode,
    TimeEntry,
)
from rl_portal.form_helpers import DATE_WIDGET
from rl_portal.models import Commune


class PeriodFilterSet(django_filters.FilterSet):
    start = django_filters.DateFilter(
        field_name="date", lookup_expr="gte", label="Du", widget=DATE_WIDGET
    )
    end = django_filters.DateFilter(
        field_name="date", lookup_expr="lte", label="Au", widget=DATE_WIDGET
    )
    commune = django_filters.ModelChoiceFilter(
        queryset=Commune.objects.all(), label="Commune", empty_label="Toutes les communes"
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if "educator" in self.filters:
            self.filters["educator"].queryset = service_staff(user)
        for field in self.form.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)


class TimeEntryFilter(PeriodFilterSet):
    educator = django_filters.ModelChoiceFilter(
        queryset=None, label="Éducateur", empty_label="Tous les éducateurs"
    )
    activity = django_filters.ChoiceFilter(
        choices=Activity.choices, label="Activité", empty_label="Toutes les activités"
    )

    class Meta:
        model = TimeEntry
        fields = ["start", "end", "commune", "educator", "activity"]


class ContactFilter(PeriodFilterSet):
    educator = django_filters.ModelChoiceFilter(
        queryset=None, label="Éducateur", empty_label="Tous les éducateurs"
    )
    mode = django_filters.ChoiceFilter(
        choices=ContactMode.choices, label="Mode", empty_label="Tous les modes"
    )

    class Meta:
        model = Contact
        fields = ["start", "end", "commune", "educator", "mode"]


class AccompanimentFilter(PeriodFilterSet):
    start = django_filters.DateFilter(
        method="filter_active_from", label="Actif du", widget=DATE_WIDGET
    )
    end = django_filters.DateFilter(method="filter_active_to", label="au", widget=DATE_WIDGET)
    commune = django_filters.ModelChoiceFilter(
        field_name="person__commune",
        queryset=Commune.objects.all(),
        label="Commune",
        empty_label="Toutes les communes",
    )
    educator = django_filters.ModelChoiceFilter(
        field_name="referent", queryset=None, label="Référent", empty_label="Tous les référents"
    )
    kind = django_filters.ChoiceFilter(
        choices=Accompaniment.Kind.choices, label="Type", empty_label="ASEP et PAEI"
    )
    status = django_filters.ChoiceFilter(
        choices=[("ouvert", "En cours"), ("clos", "Clôturés")],
        method="filter_status",
        label="État",
        empty_label="Tous",
    )

    class Meta:
        model = Accompaniment
        fields = ["start", "end", "commune", "educator", "kind", "status"]

    def filter_active_from(self, queryset, name, value):
        return queryset.filter(Q(end__isnull=True) | Q(end__gte=value))

    def filter_active_to(self, queryset, name, value):
        return queryset.filter(start__lte=value)

    def filter_status(self, queryset, name, value):
        return queryset.filter(end__isnull=(value == "ouvert"))


class CollectiveActionFilter(PeriodFilterSet):
    start = django_filters.DateFilter(method="filter_from", label="Séances du", widget=DATE_WIDGET)
    end = django_filters.DateFilter(method="filter_to", label="au", widget=DATE_WIDGET)
    educator = django_filters.ModelChoiceFilter(
        field_name="created_by", queryset=None, label="Créée par", empty_label="Tous"
    )
    kind = django_filters.ChoiceFilter(
        choices=CollectiveAction.Kind.choices, label="Type", empty_label="Tous les types"
    )

    class Meta:
        model = CollectiveAction
        fields = ["start", "end", "commune", "educator", "kind"]

    def filter_from(self, queryset, name, value):
        # One session inside [du, au] — not one after « du » and another before « au ».
        sessions = ActionSession.objects.filter(action=OuterRef("pk"), date__gte=value)
        if end := self.form.cleaned_data.get("end"):
            sessions = sessions.filter(date__lte=end)
        return queryset.filter(Exists(sessions))

    def filter_to(self, queryset, name, value):
        if self.form.cleaned_data.get("start"):
            return queryset  # already applied with the start of the period
        return queryset.filter(
            Exists(ActionSession.objects.filter(action=OuterRef("pk"), date__lte=value))
        )
