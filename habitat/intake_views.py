"""Pages that record and correct a housing request (Tremplins Duo, ALT) and a support measure
(FSL ASLL, ASL Jeunes ASE): they had only the Django admin and the API. Reached from the
requests' and measures' lists and from a person's page (`?person=<id>` chooses the person).
Writes through the habitat services (versioned corrections: HTTP 409 on a concurrent change);
every person shown is journalled as read."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from habitat import perms, services
from habitat.intake_forms import (
    HousingRequestForm,
    SupportMeasureForm,
    measure_initial,
    request_initial,
)
from habitat.models import HousingRequest, SupportMeasure
from rl_portal.audit import Channel, log_person_access
from rl_portal.form_helpers import submit


def _require_recorder(user) -> None:
    if not perms.can_record(user):
        raise PermissionDenied


def _log(request, persons) -> None:
    persons = [person for person in persons if person is not None]
    if persons:
        log_person_access(
            actor=request.user, persons=persons, channel=Channel.PAGE, request=request
        )


def _is_id(value: str) -> bool:
    # ASCII digits only: str.isdigit() accepts « ² », which int() and the URLs refuse.
    return value.isascii() and value.isdigit() and len(value) <= 18


def _preselected_person(request) -> dict:
    """`?person=<id>` from a person's page; the picker's field checks the id (an unknown or
    hidden person is simply not chosen)."""
    person = request.GET.get("person", "")
    return {"person": person} if _is_id(person) else {}


def _chosen(form):
    """The person the form shows as chosen (journalled as read), if any."""
    return form.fields["person"].widget.chosen(form["person"].value())


def _log_shown(request, person, form) -> None:
    """The record's person, and the one the form now names if another was chosen."""
    chosen = _chosen(form)
    _log(request, [person] if chosen is None or chosen.pk == person.pk else [person, chosen])


def _back(request, default: str, **kwargs):
    """Back to the person's page when the form was opened from it, else to `default`."""
    person = request.POST.get("back_to_person", "")
    if _is_id(person):
        return redirect("person-detail", pk=int(person))
    return redirect(default, **kwargs)


@require_http_methods(["GET", "POST"])
def request_create(request):
    """A new housing request, pending its decision."""
    _require_recorder(request.user)
    if request.method == "POST":
        form = HousingRequestForm(data=request.POST, user=request.user)
        submission = submit(
            form,
            lambda: services.housing_request_create(by=request.user, **form.service_data()),
        )
        if submission.ok:
            created = submission.result
            messages.success(
                request, f"Demande {created.dispositif.name} de {created.person} enregistrée."
            )
            return _back(request, "habitat:requests")
        status = submission.status
    else:
        form = HousingRequestForm(user=request.user, initial=_preselected_person(request))
        status = 200
    chosen = _chosen(form)
    _log(request, [chosen])
    context = {"form": form, "title": "Nouvelle demande", "back_to_person": _back_to(request)}
    return render(request, "habitat/request_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def request_update(request, pk):
    """Correct a request, before or after its decision."""
    _require_recorder(request.user)
    housing_request = get_object_or_404(
        HousingRequest.objects.visible_to(request.user).select_related("person", "dispositif"),
        pk=pk,
    )
    person = housing_request.person
    title = f"Corriger la demande de {person.pseudonym}"
    kwargs = {"user": request.user, "housing_request": housing_request}
    if request.method == "POST":
        form = HousingRequestForm(data=request.POST, **kwargs)
        submission = submit(
            form,
            lambda: services.housing_request_update(
                housing_request=housing_request,
                data=form.service_data(),
                version=form.cleaned_data["version"],
                by=request.user,
            ),
        )
        if submission.ok:
            messages.success(request, "Demande corrigée.")
            return _back(request, "habitat:requests")
        status = submission.status
    else:
        form = HousingRequestForm(initial=request_initial(housing_request), **kwargs)
        status = 200
    _log_shown(request, person, form)
    context = {
        "form": form,
        "housing_request": housing_request,
        "title": title,
        "back_to_person": _back_to(request),
    }
    return render(request, "habitat/request_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def measure_create(request):
    """Open an FSL ASLL or ASL Jeunes ASE measure."""
    _require_recorder(request.user)
    if request.method == "POST":
        form = SupportMeasureForm(data=request.POST, user=request.user)
        submission = submit(
            form, lambda: services.support_measure_open(by=request.user, **form.service_data())
        )
        if submission.ok:
            measure = submission.result
            messages.success(
                request, f"Mesure {measure.dispositif.name} ouverte pour {measure.person}."
            )
            return redirect("habitat:measure", pk=measure.pk)
        status = submission.status
    else:
        form = SupportMeasureForm(user=request.user, initial=_preselected_person(request))
        status = 200
    _log(request, [_chosen(form)])
    context = {"form": form, "title": "Ouvrir une mesure"}
    return render(request, "habitat/measure_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def measure_update(request, pk):
    """Correct a measure's fields (in progress, or ended: then its end too)."""
    _require_recorder(request.user)
    measure = get_object_or_404(
        SupportMeasure.objects.visible_to(request.user).select_related("person", "dispositif"),
        pk=pk,
    )
    person = measure.person
    title = f"Corriger la mesure de {person.pseudonym}"
    kwargs = {"user": request.user, "measure": measure}
    if request.method == "POST":
        form = SupportMeasureForm(data=request.POST, **kwargs)
        submission = submit(
            form,
            lambda: services.support_measure_update(
                measure=measure,
                data=form.service_data(),
                version=form.cleaned_data["version"],
                by=request.user,
            ),
        )
        if submission.ok:
            messages.success(request, "Mesure corrigée.")
            return redirect("habitat:measure", pk=measure.pk)
        status = submission.status
    else:
        form = SupportMeasureForm(initial=measure_initial(measure), **kwargs)
        status = 200
    _log_shown(request, person, form)
    context = {
        "form": form,
        "measure": measure,
        "title": title,
    }
    return render(request, "habitat/measure_form.html", context, status=status)


def _back_to(request) -> str:
    """The person whose page opened the form (kept through a refused submission)."""
    value = request.POST.get("back_to_person") or request.GET.get("retour", "")
    return value if _is_id(value) else ""
