"""Forms of a housing request (new, corrected) and of a support measure (opened, corrected).

The person is found with the shared search picker (never a drop-down of persons). An answer the
bilans count has no preselected value: it is chosen (« — à choisir — », required) or, where the
record allows it, left « non renseigné »."""

from __future__ import annotations

from decimal import Decimal

from crispy_forms.layout import Div
from django import forms
from django.utils import timezone

from habitat.models import (
    HOUSING_DISPOSITIFS,
    MEASURE_DISPOSITIFS,
    HousingRequest,
    OrienteurKind,
    SupportMeasure,
)
from rl_portal.form_helpers import DATE_WIDGET, IntegerField, VersionField, form_layout
from rl_portal.models import Composition, Dispositif, Epci, Partner, ResourceType, User
from rl_portal.widgets import PersonChoiceField

TO_CHOOSE = "— à choisir —"
NOT_RECORDED = "— non renseigné —"


def _choice(label: str, choices, *, required: bool = True, empty: str = TO_CHOOSE, **kwargs):
    return forms.ChoiceField(
        label=label, choices=[("", empty), *choices], required=required, **kwargs
    )


def _codes(label: str, choices) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple
    )


def _row(*names: str) -> Div:
    return Div(*(Div(name, css_class="col-sm-6") for name in names), css_class="row")


class HousingRequestForm(forms.Form):
    """A new request, or a correction (with its decision when `decided`)."""

    person = PersonChoiceField(label="Demandeur", picker="habitat-persons")
    dispositif = forms.ModelChoiceField(
        label="Dispositif", queryset=Dispositif.objects.none(), empty_label=TO_CHOOSE
    )
    date = forms.DateField(label="Date de la demande", widget=DATE_WIDGET)
    orienteur_kind = _choice("Type d'orienteur", OrienteurKind.choices)
    orienteur = forms.ModelChoiceField(
        label="Orienteur (partenaire)",
        queryset=Partner.objects.none(),
        required=False,
        empty_label="— aucun en particulier —",
    )
    reason = _choice("Motif de la demande", HousingRequest.Reason.choices)
    composition = _choice("Typologie du public", Composition.choices)
    decision = _choice("Décision", HousingRequest.Decision.choices)
    decided_on = forms.DateField(label="Date de la décision", widget=DATE_WIDGET, required=False)
    version = VersionField()

    def __init__(self, *args, user: User, housing_request: HousingRequest | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].for_user(user)
        self.fields["dispositif"].queryset = Dispositif.objects.filter(
            code__in=HOUSING_DISPOSITIFS
        ).order_by("name")
        partners = Partner.objects.filter(is_active=True)
        if housing_request is not None and housing_request.orienteur_id:
            partners = partners | Partner.objects.filter(pk=housing_request.orienteur_id)
        self.fields["orienteur"].queryset = partners.order_by("name")
        layout = ["person", "dispositif", "date", _row("orienteur_kind", "orienteur")]
        layout += [_row("reason", "composition")]
        if housing_request is None:
            # The decision has its own page; a new request is « en attente ».
            del self.fields["decision"], self.fields["decided_on"], self.fields["version"]
            self.fields["date"].initial = timezone.localdate()
            self.helper = form_layout(*layout, submit="Enregistrer la demande")
            return
        self.fields["version"].initial = housing_request.version
        if housing_request.decision == HousingRequest.Decision.PENDING:
            del self.fields["decision"], self.fields["decided_on"]
        else:
            layout.append(_row("decision", "decided_on"))
            self.fields["decided_on"].help_text = "Vide si la demande revient en attente."
        self.helper = form_layout(*layout, "version", submit="Enregistrer la correction")

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class SupportMeasureForm(forms.Form):
    """A measure opened, or corrected (then with its prolongations, its objectives reached and,
    once ended, its end)."""

    person = PersonChoiceField(label="Personne", picker="habitat-persons")
    dispositif = forms.ModelChoiceField(
        label="Dispositif", queryset=Dispositif.objects.none(), empty_label=TO_CHOOSE
    )
    kind = _choice(
        "Nature",
        SupportMeasure.Kind.choices,
        help_text="FSL : ASLL ; ASL Jeunes ASE : simple (1 point) ou renforcée (2 points).",
    )
    weight = forms.DecimalField(
        label="Points de la mesure FSL",
        required=False,
        min_value=Decimal("0.25"),
        max_digits=5,
        decimal_places=2,
        help_text="ASL : calculé d'après la nature.",
    )
    epci = forms.ModelChoiceField(
        label="Territoire",
        queryset=Epci.objects.none(),
        required=False,
        empty_label="— celui de la commune de la personne —",
    )
    orienteur_kind = _choice("Orienteur", OrienteurKind.choices)
    notified_on = forms.DateField(label="Date de notification", widget=DATE_WIDGET)
    start = forms.DateField(label="Début de la mesure", widget=DATE_WIDGET)
    planned_end = forms.DateField(
        label="Échéance",
        widget=DATE_WIDGET,
        required=False,
        help_text="Vide : six mois après le début (prolongations comprises).",
    )
    reason = _choice("Motif principal de la demande", SupportMeasure.Reason.choices)
    objectives_set = IntegerField(label="Objectifs fixés", min_value=0, max_value=100)
    prolongations = IntegerField(label="Prolongations", min_value=0, max_value=20)
    objectives_reached = IntegerField(label="Objectifs atteints", min_value=0, max_value=100)
    composition = _choice(
        "Composition familiale", Composition.choices, required=False, empty=NOT_RECORDED
    )
    resources = forms.DecimalField(
        label="Ressources du ménage (€/mois)",
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=2,
    )
    resource_type = _choice(
        "Ressource principale", ResourceType.choices, required=False, empty=NOT_RECORDED
    )
    housing_origin = _choice(
        "Origine du logement",
        SupportMeasure.HousingOrigin.choices,
        required=False,
        empty=NOT_RECORDED,
    )
    annex_difficulties = _codes("Difficultés annexes", SupportMeasure.Reason.choices)
    initial_objectives = _codes("Objectifs initiaux", SupportMeasure.Objective.choices)
    applications_and_aids = _codes(
        "Dossiers constitués et aides mobilisées", SupportMeasure.ApplicationOrAid.choices
    )
    partners_contacted = _codes("Partenaires sollicités", SupportMeasure.Partner.choices)
    end = forms.DateField(label="Date d'arrêt", widget=DATE_WIDGET)
    end_reason = _choice("Motif d'arrêt", SupportMeasure.EndReason.choices)
    version = VersionField()

    def __init__(self, *args, user: User, measure: SupportMeasure | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].for_user(user)
        self.fields["dispositif"].queryset = Dispositif.objects.filter(
            code__in=MEASURE_DISPOSITIFS
        ).order_by("name")
        self.fields["epci"].queryset = Epci.objects.order_by("short_name")
        head = [
            "person",
            _row("dispositif", "kind"),
            _row("weight", "epci"),
            "orienteur_kind",
            _row("notified_on", "start"),
            "planned_end",
            "reason",
        ]
        tail = [
            "composition",
            _row("resources", "resource_type"),
            "housing_origin",
            "annex_difficulties",
            "initial_objectives",
            "applications_and_aids",
            "partners_contacted",
        ]
        if measure is None:
            # A measure opens without prolongation nor objective reached; it ends on its page.
            for name in ("prolongations", "objectives_reached", "end", "end_reason", "version"):
                del self.fields[name]
            self.fields["start"].initial = timezone.localdate()
            self.helper = form_layout(*head, "objectives_set", *tail, submit="Ouvrir la mesure")
            return
        self.fields["version"].initial = measure.version
        middle = [_row("objectives_set", "objectives_reached"), "prolongations"]
        ended = []
        if measure.end is None:
            del self.fields["end"], self.fields["end_reason"]
        else:
            ended = [_row("end", "end_reason")]
        self.helper = form_layout(
            *head, *middle, *tail, *ended, "version", submit="Enregistrer la correction"
        )

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        if data.get("epci") is None:
            # The person's commune decides (support_measure_open), as when the measure opened.
            data.pop("epci", None)
        for name in ("composition", "resource_type", "housing_origin"):
            data[name] = data.get(name) or ""
        return data


def measure_initial(measure: SupportMeasure) -> dict:
    """The form's values for a measure being corrected."""
    names = [
        *SupportMeasure.CODE_LISTS,
        "person",
        "dispositif",
        "kind",
        "weight",
        "epci",
        "orienteur_kind",
        "notified_on",
        "start",
        "planned_end",
        "reason",
        "objectives_set",
        "prolongations",
        "objectives_reached",
        "composition",
        "resources",
        "resource_type",
        "housing_origin",
        "end",
        "end_reason",
    ]
    initial = {name: getattr(measure, name) for name in names}
    initial["person"], initial["dispositif"] = measure.person_id, measure.dispositif_id
    initial["epci"] = measure.epci_id
    return initial


def request_initial(housing_request: HousingRequest) -> dict:
    """The form's values for a request being corrected."""
    return {
        "person": housing_request.person_id,
        "dispositif": housing_request.dispositif_id,
        "date": housing_request.date,
        "orienteur_kind": housing_request.orienteur_kind,
        "orienteur": housing_request.orienteur_id,
        "reason": housing_request.reason,
        "composition": housing_request.composition,
        "decision": housing_request.decision,
        "decided_on": housing_request.decided_on,
    }
