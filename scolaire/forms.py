"""Forms of the scolaire pages: an enrolment created, ended or corrected by the scolaire team."""

from __future__ import annotations

from crispy_forms.layout import HTML
from django import forms
from django.db.models import Q
from django.utils import timezone

from rl_portal.form_helpers import (
    DATE_WIDGET,
    IntegerField,
    VersionField,
    form_layout,
    setup_version,
)
from rl_portal.models import Commune, Partner, Sex
from rl_portal.widgets import PersonChoiceField
from scolaire.models import Enrolment, Level, Programme, school_year_of

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


class EnrolmentCreateForm(forms.Form):
    """Enrol a child in a programme: the child found by searching (never a list of every
    child) or created here; the level without a preselected answer (the bilans count it).
    Built for a fixed programme (the programme's page) or a fixed child (the child's page)."""

    child = PersonChoiceField(picker="scolaire-children", label="Enfant", required=False)
    new_pseudonym = forms.CharField(label="Pseudonyme", max_length=80, required=False)
    new_sex = forms.ChoiceField(
        label="Sexe", choices=[("", NO_CHOICE), *Sex.choices], required=False
    )
    new_birth_year = IntegerField(
        label="Année de naissance", required=False, min_value=1990, max_value=2100
    )
    new_commune = forms.ModelChoiceField(
        label="Commune", queryset=Commune.objects.all(), required=False
    )
    confirm_new = forms.BooleanField(
        label="Ce n'est aucun des enfants déjà connus : créer sa fiche", required=False
    )
    programme = forms.ModelChoiceField(label="Programme", queryset=Programme.objects.none())
    level = forms.ChoiceField(label="Niveau (classe)", choices=[("", NO_CHOICE), *Level.choices])
    school = forms.ModelChoiceField(
        label="École / collège", queryset=Partner.objects.none(), required=False
    )
    start = forms.DateField(label="Inscrit(e) depuis le", widget=DATE_WIDGET)

    def __init__(self, *args, user, programme=None, child=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fixed_programme, self.fixed_child = programme, child
        self.fields["start"].initial = timezone.localdate()
        self.fields["level"].error_messages["required"] = "Choisissez le niveau de l'enfant."
        self.fields["school"].queryset = Partner.objects.filter(
            kind__in=[Partner.Kind.ECOLE, Partner.Kind.COLLEGE], is_active=True
        ).order_by("name")
        self.fields["school"].empty_label = "— non renseignée —"
        layout = []
        if child is None:
            self.fields["child"].for_user(user)
            self.fields["child"].help_text = "Introuvable ? Créez sa fiche ci-dessous."
            self.fields["new_commune"].empty_label = "— non renseignée —"
            if programme is not None:
                # The programme's commune is offered as the new child's.
                self.fields["new_commune"].initial = programme.commune_id
            layout += [
                "child",
                HTML(
                    '<fieldset class="border rounded p-2 mb-3"><legend class="fs-6 px-1">'
                    "Nouvel enfant (s'il n'est pas encore connu)</legend>"
                ),
                "new_pseudonym",
                "new_sex",
                "new_birth_year",
                "new_commune",
                "confirm_new",
                HTML("</fieldset>"),
            ]
        else:
            for name in ("child", "new_pseudonym", "new_sex", "new_birth_year", "new_commune"):
                del self.fields[name]
            del self.fields["confirm_new"]
        if programme is None:
            year = school_year_of(timezone.localdate())
            self.fields["programme"].queryset = (
                Programme.objects.visible_to(user)
                .filter(school_year=year, is_active=True)
                .select_related("commune")
                .order_by("name")
            )
            self.fields["programme"].empty_label = NO_CHOICE
            layout.append("programme")
        else:
            del self.fields["programme"]
        layout += ["level", "school", "start"]
        self.helper = form_layout(*layout, submit="Inscrire")

    def clean(self):
        cleaned = super().clean()
        if self.fixed_child is None and cleaned.get("child") is None:
            if not (cleaned.get("new_pseudonym") or "").strip():
                self.add_error("child", "Cherchez l'enfant, ou indiquez le pseudonyme d'un enfant.")
            elif not cleaned.get("new_sex"):
                self.add_error("new_sex", "Choisissez le sexe (ou « non renseigné »).")
        year = cleaned.get("new_birth_year")
        if year is not None and not 1990 <= year <= timezone.localdate().year:
            self.add_error("new_birth_year", "Indiquez une année de naissance plausible.")
        return cleaned

    def service_kwargs(self) -> dict:
        """What `services.enrolment_create` takes from this form."""
        data = self.cleaned_data
        kwargs = {
            "programme": self.fixed_programme or data["programme"],
            "level": data["level"],
            "school": data["school"],
            "start": data["start"],
        }
        if self.fixed_child is not None:
            kwargs["child"] = self.fixed_child
        elif data.get("child") is not None:
            kwargs["child"] = data["child"]
        else:
            kwargs["new_child"] = {
                "pseudonym": data["new_pseudonym"],
                "sex": data["new_sex"],
                "birth_year": data["new_birth_year"],
                "commune": data["new_commune"],
            }
            kwargs["confirm_new"] = data["confirm_new"]
        return kwargs
