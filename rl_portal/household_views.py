"""A person's household, without the Django admin: create it from the person's page (the person
is its « demandeur »), describe it (composition, resources: counted by the habitat bilans), add
and remove members found with the person search. Writes through rl_portal.services, versioned
and journalled; every member shown is journalled as read."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from rl_portal import perms, services
from rl_portal.audit import Channel, log_person_access
from rl_portal.form_helpers import VersionField, form_layout, submit
from rl_portal.models import Commune, Household, HouseholdMember, Person
from rl_portal.widgets import PersonChoiceField, PersonPicker, register_person_picker


def household_persons(user):
    """Whom a household's member is chosen among: the persons the user may see."""
    return Person.objects.visible_to(user)


def register() -> None:
    """The household's person picker (called when the app is ready)."""
    register_person_picker(PersonPicker(name="household-members", persons=household_persons))


class HouseholdForm(forms.ModelForm):
    version = VersionField(required=False)

    class Meta:
        model = Household
        fields = ["label", "composition", "monthly_resources", "main_resource_type", "commune"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = Commune.objects.order_by("name")
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            self.fields["version"].required = True
        else:
            del self.fields["version"]
        self.helper = form_layout(
            *self.Meta.fields,
            *(["version"] if "version" in self.fields else []),
            submit="Enregistrer le ménage",
        )

    def household_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class MemberForm(forms.Form):
    person = PersonChoiceField(label="Personne", picker="household-members")
    # No preselected role: the household's composition is read from it.
    role = forms.ChoiceField(
        label="Rôle dans le ménage", choices=[("", "— à choisir —"), *HouseholdMember.Role.choices]
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].for_user(user)
        self.helper = form_layout("person", "role", submit="Ajouter au ménage")


def _log(request, persons) -> None:
    log_person_access(actor=request.user, persons=persons, channel=Channel.PAGE, request=request)


@require_http_methods(["GET", "POST"])
def household_create(request, person_pk):
    """A new household whose « demandeur » is the person."""
    person = get_object_or_404(Person.objects.visible_to(request.user), pk=person_pk)
    if not perms.can_change_person(request.user, person):
        raise PermissionDenied
    _log(request, [person])
    form = HouseholdForm(data=request.POST or None, initial={"label": person.pseudonym})
    status = 200
    if request.method == "POST":
        submission = submit(
            form,
            lambda: services.household_create(
                applicant=person, data=form.household_data(), by=request.user
            ),
        )
        if submission.ok:
            messages.success(request, "Ménage enregistré : ajoutez-y ses autres membres.")
            return redirect("household-detail", pk=submission.result.pk)
        status = submission.status
    context = {"form": form, "person": person}
    return render(request, "rl_portal/household_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def household_detail(request, pk):
    """The household: its description (edit), its members (add one, take one out)."""
    household = get_object_or_404(
        Household.objects.visible_to(request.user).prefetch_related(
            Prefetch(
                "memberships",
                queryset=HouseholdMember.objects.visible_to(request.user)
                .select_related("person")
                .order_by("pk"),
            )
        ),
        pk=pk,
    )
    members = list(household.memberships.all())
    if not perms.can_change_household(request.user, household):
        raise PermissionDenied
    _log(request, [member.person for member in members])
    form = HouseholdForm(instance=household)
    member_form = MemberForm(user=request.user)
    status = 200
    if request.method == "POST":
        action = request.POST.get("form")
        if action == "member":
            member_form = MemberForm(data=request.POST, user=request.user)
            submission = submit(
                member_form,
                lambda: services.household_member_add(
                    household=household,
                    person=member_form.cleaned_data["person"],
                    role=member_form.cleaned_data["role"],
                    by=request.user,
                ),
            )
            done = "Membre ajouté au ménage."
        elif action == "remove":
            member = next((m for m in members if str(m.pk) == request.POST.get("member", "")), None)
            if member is None:
                messages.error(request, "Ce membre n'est plus dans le ménage.")
                return redirect("household-detail", pk=household.pk)
            try:
                services.household_member_remove(member=member, by=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect("household-detail", pk=household.pk)
            messages.success(request, f"{member.person.pseudonym} ne fait plus partie du ménage.")
            return redirect("household-detail", pk=household.pk)
        else:
            form = HouseholdForm(data=request.POST, instance=household)
            submission = submit(
                form,
                lambda: services.household_update(
                    household=household,
                    data=form.household_data(),
                    version=form.cleaned_data["version"],
                    by=request.user,
                ),
            )
            done = "Ménage enregistré."
        if submission.ok:
            messages.success(request, done)
            return redirect("household-detail", pk=household.pk)
        status = submission.status
    context = {
        "household": household,
        "members": members,
        "form": form,
        "member_form": member_form,
    }
    return render(request, "rl_portal/household_detail.html", context, status=status)
