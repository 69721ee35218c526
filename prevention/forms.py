from __future__ import annotations

from crispy_forms.layout import HTML, Div
from django import forms
from django.utils import timezone

from prevention.models import (
    Accompaniment,
    Activity,
    AgeBand,
    CoAccompaniment,
    CollectiveAction,
    ContactMode,
    Domain,
    InstanceMeeting,
    NetworkReception,
    Problematique,
    Reorientation,
    prevention_dispositifs,
)
from rl_portal.form_helpers import (
    DATE_WIDGET,
    HoursField,
    IntegerField,
    VersionField,
    form_layout,
    setup_version,
)
from rl_portal.models import Commune, Dispositif, Funder, Partner, Quartier, Sex, User


def user_dispositifs(user: User):
    """The prevention dispositifs of the user's services (SPS, EMPS or both)."""
    return prevention_dispositifs().filter(service_id__in=user.service_ids).order_by("name")


def service_staff(user: User):
    """Staff of the user's prevention services (referents, éducateurs)."""
    return (
        User.objects.filter(is_active=True, services__dispositifs__in=user_dispositifs(user))
        .distinct()
        .order_by("last_name", "first_name")
    )


class DispositifChoiceMixin:
    """A dispositif field limited to the user's; hidden when they have only one."""

    def setup_dispositif(self, user: User, field: str = "dispositif"):
        dispositifs = user_dispositifs(user)
        self.fields[field].queryset = dispositifs
        self.fields[field].empty_label = None
        if dispositifs.count() == 1:
            self.fields[field].initial = dispositifs.first()
            self.fields[field].widget = forms.HiddenInput()


# --------------------------------------------------------------------------------------------
# Quick entry
# --------------------------------------------------------------------------------------------


class QuickEntryForm(DispositifChoiceMixin, forms.Form):
    """The éducateur's day: hours per activity and the place; youths are added beside it."""

    dispositif = forms.ModelChoiceField(label="Dispositif", queryset=Dispositif.objects.none())
    date = forms.DateField(label="Date", widget=DATE_WIDGET)
    commune = forms.ModelChoiceField(
        label="Commune", queryset=Commune.objects.all(), required=False
    )
    quartier = forms.ModelChoiceField(
        label="Quartier", queryset=Quartier.objects.select_related("commune"), required=False
    )
    # No preselected mode: the youths met are counted by mode (the service refuses youths
    # without one); hours alone need none.
    mode = forms.ChoiceField(
        label="Jeunes rencontrés en",
        choices=[("", "— à choisir —"), *ContactMode.choices],
        required=False,
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_dispositif(user)
        self.fields["date"].initial = timezone.localdate()
        for activity in Activity:
            self.fields[f"hours_{activity.value}"] = forms.CharField(
                label=activity.label,
                required=False,
                widget=forms.TextInput(
                    attrs={
                        "inputmode": "decimal",
                        "placeholder": "0",
                        "class": "form-control text-end",
                        "autocomplete": "off",
                    }
                ),
            )

        self.fields["hours_online"] = forms.CharField(
            label="Promeneur du net (en ligne)",
            required=False,
            widget=forms.TextInput(
                attrs={
                    "inputmode": "decimal",
                    "placeholder": "0",
                    "class": "form-control text-end",
                    "autocomplete": "off",
                }
            ),
        )

    def hour_fields(self):
        return [self[f"hours_{activity.value}"] for activity in Activity] + [self["hours_online"]]

    def hours_by_activity(self) -> dict[str, str]:
        return {
            activity.value: self.cleaned_data.get(f"hours_{activity.value}", "")
            for activity in Activity
        }

    def online_hours(self) -> str:
        return self.cleaned_data.get("hours_online", "")


class YouthQuickCreateForm(forms.Form):
    """A youth met for the first time, offered in the entry (created when the entry is saved).
    Their commune is the entry's unless the user chooses another; `distinct` is the user's
    answer that the likely duplicates shown are someone else."""

    pseudonym = forms.CharField(label="Pseudonyme", max_length=80)
    sex = forms.ChoiceField(label="Sexe", choices=Sex.choices, initial=Sex.UNKNOWN)
    age = IntegerField(label="Âge approximatif", required=False, min_value=3, max_value=30)
    commune = forms.ModelChoiceField(
        label="Commune du jeune", queryset=Commune.objects.all(), required=False
    )
    distinct = forms.BooleanField(required=False, widget=forms.HiddenInput)


# --------------------------------------------------------------------------------------------
# Accompaniments
# --------------------------------------------------------------------------------------------


class ProblematiqueChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class AccompanimentForm(DispositifChoiceMixin, forms.ModelForm):
    problematiques = ProblematiqueChoiceField(
        label="Problématiques à l'origine",
        queryset=Problematique.objects.filter(parent__isnull=False, is_active=True).select_related(
            "parent"
        ),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    co_accompaniment_kinds = forms.MultipleChoiceField(
        label="Autres services intervenant (co-accompagnement)",
        choices=CoAccompaniment.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    version = VersionField(required=False)

    class Meta:
        model = Accompaniment
        fields = [
            "dispositif",
            "kind",
            "referent",
            "start",
            "situation",
            "origin",
            "problematiques",
        ]
        widgets = {"start": DATE_WIDGET, "kind": forms.RadioSelect}

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_dispositif(user)
        self.fields["referent"].queryset = service_staff(user)
        setup_version(self)
        if not self.instance.pk:
            self.fields["referent"].initial = user
            self.fields["start"].initial = timezone.localdate()
        else:
            self.fields["dispositif"].disabled = True
            self.fields["co_accompaniment_kinds"].initial = list(
                self.instance.co_accompaniments.values_list("kind", flat=True)
            )
        self.helper = form_layout(
            "dispositif",
            "kind",
            Div(
                Div("referent", css_class="col-sm-6"),
                Div("start", css_class="col-sm-6"),
                css_class="row",
            ),
            Div(
                Div("situation", css_class="col-sm-6"),
                Div("origin", css_class="col-sm-6"),
                css_class="row",
            ),
            "problematiques",
            "co_accompaniment_kinds",
            *(["version"] if "version" in self.fields else []),
        )

    def service_data(self) -> dict:
        data = {
            name: self.cleaned_data[name]
            for name in ("kind", "referent", "start", "situation", "origin", "problematiques")
        }
        data["co_accompaniments"] = [
            (kind, None) for kind in self.cleaned_data["co_accompaniment_kinds"]
        ]
        return data


class AccompanimentCloseForm(forms.Form):
    """Close an accompaniment: date, reason, and the réorientations — as many as the youth was
    referred to, up to REORIENTATION_ROWS on one page."""

    REORIENTATION_ROWS = 3

    end = forms.DateField(label="Date de clôture", widget=DATE_WIDGET)
    # No preselected reason: the Département's table counts it.
    end_reason = forms.ChoiceField(
        label="Motif",
        choices=[("", "— à choisir —"), *Accompaniment.EndReason.choices],
        error_messages={"required": "Choisissez le motif de clôture."},
    )
    version = VersionField()

    def __init__(self, *args, accompaniment: Accompaniment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["end"].initial = timezone.localdate()
        self.fields["version"].initial = accompaniment.version
        partners = Partner.objects.filter(is_active=True).order_by("name")
        rows = []
        for index in range(1, self.REORIENTATION_ROWS + 1):
            self.fields[f"reorientation_category_{index}"] = forms.ChoiceField(
                label=f"Réorientation {index}",
                choices=[("", "— aucune —"), *Reorientation.Category.choices],
                required=False,
            )
            self.fields[f"reorientation_partner_{index}"] = forms.ModelChoiceField(
                label="Partenaire",
                queryset=partners,
                required=False,
                empty_label="— choisir —",
            )
            self.fields[f"reorientation_partner_name_{index}"] = forms.CharField(
                label="ou partenaire hors liste", max_length=120, required=False
            )
            rows.append(
                Div(
                    Div(f"reorientation_category_{index}", css_class="col-6"),
                    Div(f"reorientation_partner_{index}", css_class="col-6"),
                    Div(f"reorientation_partner_name_{index}", css_class="col-12"),
                    css_class="row border-top pt-2",
                )
            )
        self.helper = form_layout(
            Div(
                Div("end", css_class="col-sm-6"),
                Div("end_reason", css_class="col-sm-6"),
                css_class="row",
            ),
            HTML(
                '<p class="form-text mt-0">Réorientations : une par partenaire vers qui le '
                "jeune est orienté (laissez « aucune » pour les lignes inutiles).</p>"
            ),
            rows[0],
            # The other rows stay folded on a phone until needed (open when filled in).
            HTML(
                '<details class="mb-3"{% if form.reorientation_category_2.value or '
                "form.reorientation_category_3.value or form.errors %} open{% endif %}>"
                '<summary class="small mb-2">Autres réorientations</summary>'
            ),
            *rows[1:],
            HTML("</details>"),
            "version",
            submit="Clôturer l'accompagnement",
        )

    def clean(self):
        data = super().clean()
        for index in range(1, self.REORIENTATION_ROWS + 1):
            partner = data.get(f"reorientation_partner_{index}")
            name = (data.get(f"reorientation_partner_name_{index}") or "").strip()
            if (partner or name) and not data.get(f"reorientation_category_{index}"):
                self.add_error(
                    f"reorientation_category_{index}",
                    "Choisissez la catégorie de cette réorientation.",
                )
        return data

    def reorientations(self) -> list[tuple]:
        """(category, partner, partner name) of each réorientation filled in."""
        return [
            (
                self.cleaned_data[f"reorientation_category_{index}"],
                self.cleaned_data.get(f"reorientation_partner_{index}"),
                self.cleaned_data.get(f"reorientation_partner_name_{index}", ""),
            )
            for index in range(1, self.REORIENTATION_ROWS + 1)
            if self.cleaned_data.get(f"reorientation_category_{index}")
        ]


class ReviewForm(forms.Form):
    on = forms.DateField(label="Date du bilan", widget=DATE_WIDGET)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()


class WorkedDomainForm(forms.Form):
    date = forms.DateField(label="Date", widget=DATE_WIDGET)
    domain = forms.ChoiceField(label="Domaine travaillé", choices=Domain.choices)
    note = forms.CharField(label="Note", max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()


# --------------------------------------------------------------------------------------------
# Collective actions
# --------------------------------------------------------------------------------------------


# Columns of the anonymous head-count grid (participants are counted, hence plurals): the
# field's label, and the short heading that keeps four columns on a phone's width.
HEADCOUNT_COLUMNS = {
    Sex.FEMALE: ("Filles / femmes", "Filles"),
    Sex.MALE: ("Garçons / hommes", "Garçons"),
    Sex.NON_BINARY: ("Non binaires", "NB"),
    Sex.UNKNOWN: ("Non renseigné", "NR"),
}


class CollectiveActionForm(DispositifChoiceMixin, forms.ModelForm):
    session_dates = forms.CharField(
        label="Dates des séances",
        help_text="Une date par ligne (jj/mm/aaaa) : une sortie répétée = plusieurs séances.",
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "12/07/2026\n19/07/2026"}),
    )
    # No preselected answer: the EMPS bilan splits the DSL actions into « à l'initiative du
    # service » and « en associé ». The field was once left out of the page, so every action
    # entered there was silently stored « en associé ».
    initiated_by_service = forms.TypedChoiceField(
        label="Initiative de l'action",
        choices=[
            (True, "Le service est à l'initiative de l'action"),
            (False, "Le service s'associe à l'action d'un partenaire"),
        ],
        coerce=lambda value: value in (True, "True"),
        widget=forms.RadioSelect,
        error_messages={
            "required": "Indiquez si le service est à l'initiative de l'action ou s'y associe."
        },
    )
    version = VersionField(required=False)

    class Meta:
        model = CollectiveAction
        fields = [
            "dispositif",
            "title",
            "kind",
            "commune",
            "families",
            "initiated_by_service",
            "partners",
            "funders",
            "description",
        ]
        widgets = {
            "partners": forms.SelectMultiple(attrs={"size": 6}),
            "funders": forms.SelectMultiple(attrs={"size": 4}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_dispositif(user)
        self.fields["partners"].queryset = Partner.objects.filter(is_active=True)
        self.fields["funders"].queryset = Funder.objects.all()
        for band in AgeBand:
            for sex in Sex:
                self.fields[f"count_{band.value}_{sex.value}"] = IntegerField(
                    label=f"{band.label} — {HEADCOUNT_COLUMNS[sex][0]}",
                    required=False,
                    min_value=0,
                    widget=forms.NumberInput(attrs={"class": "form-control text-end", "min": 0}),
                )
        setup_version(self)
        if self.instance.pk:
            self.fields["dispositif"].disabled = True
            self.fields["session_dates"].initial = "\n".join(
                f"{s.date:%d/%m/%Y}" for s in self.instance.sessions.all()
            )
            for headcount in self.instance.headcounts.all():
                self.fields[f"count_{headcount.age_band}_{headcount.sex}"].initial = headcount.count
        else:
            self.fields["session_dates"].initial = f"{timezone.localdate():%d/%m/%Y}"

    def clean_session_dates(self):
        import datetime

        dates = []
        for line in self.cleaned_data["session_dates"].replace(",", "\n").splitlines():
            line = line.strip()
            if not line:
                continue
            for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d/%m/%y"):
                try:
                    dates.append(datetime.datetime.strptime(line, fmt).date())
                    break
                except ValueError:
                    continue
            else:
                raise forms.ValidationError(f"« {line} » n'est pas une date (jj/mm/aaaa).")
        if not dates:
            raise forms.ValidationError("Indiquez au moins une date de séance.")
        return dates

    def headcount_columns(self) -> list[tuple[str, str]]:
        """(label, short heading) of each sex column."""
        return [HEADCOUNT_COLUMNS[sex] for sex in Sex]

    def headcount_grid(self):
        """Rows of the head-count table: (age band label, [bound fields per sex])."""
        return [
            (band.label, [self[f"count_{band.value}_{sex.value}"] for sex in Sex])
            for band in AgeBand
        ]

    def headcount_lines(self):
        from prevention.services import HeadcountLine

        return [
            HeadcountLine(
                band.value, sex.value, self.cleaned_data.get(f"count_{band.value}_{sex.value}") or 0
            )
            for band in AgeBand
            for sex in Sex
        ]

    def action_data(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in (
                "dispositif",
                "title",
                "kind",
                "commune",
                "families",
                "initiated_by_service",
                "description",
            )
        }


class NetworkReceptionForm(DispositifChoiceMixin, forms.ModelForm):
    class Meta:
        model = NetworkReception
        fields = ["dispositif", "network", "partner", "date", "youths", "days", "hours", "note"]
        widgets = {"date": DATE_WIDGET}
        field_classes = {"hours": HoursField}

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_dispositif(user)
        self.fields["date"].initial = timezone.localdate()
        self.helper = form_layout(*self.Meta.fields)


class InstanceMeetingForm(DispositifChoiceMixin, forms.ModelForm):
    class Meta:
        model = InstanceMeeting
        fields = ["dispositif", "instance", "name", "field", "date", "commune"]
        widgets = {"date": DATE_WIDGET}

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_dispositif(user)
        self.fields["date"].initial = timezone.localdate()
        self.helper = form_layout(*self.Meta.fields)
