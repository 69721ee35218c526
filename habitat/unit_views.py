"""Pages where the habitat's chefs de service keep the housing stock: the units of their
dispositifs (create, edit) and their unavailabilities (works, furnishing). Linked from the
housing board; writes through `habitat.units`."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View
from django.views.decorators.http import require_GET, require_POST

from habitat import perms, unit_forms, units
from habitat.models import UnitUnavailability
from rl_portal.audit import Channel, log_person_access
from rl_portal.form_helpers import add_service_errors, refusal_status, submit


def _require_manager(request) -> None:
    if not perms.can_manage_units(request.user):
        raise PermissionDenied


@require_GET
def unit_list(request):
    """Every unit of the chef's dispositifs, leases ended included (the board shows today's)."""
    _require_manager(request)
    stock = list(
        units.managed_units(request.user)
        .select_related("commune", "dispositif", "landlord")
        .order_by("dispositif__name", "commune__name", "label")
    )
    return render(request, "habitat/units/list.html", {"units": stock})


class UnitFormView(View):
    """Create (no pk) or edit a unit; the edit page lists its unavailabilities."""

    template_name = "habitat/units/form.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.unit = None

    def dispatch(self, request, *args, **kwargs):
        _require_manager(request)
        if "pk" in kwargs:
            self.unit = get_object_or_404(
                units.managed_units(request.user).select_related("dispositif", "landlord"),
                pk=kwargs["pk"],
            )
        return super().dispatch(request, *args, **kwargs)

    def _render(self, request, form, status=200, works_form=None):
        context = {
            "unit": self.unit,
            "form": form,
            "unavailabilities": (
                list(self.unit.unavailabilities.order_by("-start")) if self.unit else []
            ),
            "works_form": works_form or unit_forms.UnavailabilityForm(),
            "stays": self._stays(request),
        }
        return render(request, self.template_name, context, status=status)

    def _stays(self, request) -> list:
        """The unit's latest stays, each with a link to correct it (journalled as read)."""
        if self.unit is None:
            return []
        stays = list(self.unit.stays.select_related("person").order_by("-entry", "-pk")[:30])
        log_person_access(
            actor=request.user,
            persons=[stay.person for stay in stays],
            channel=Channel.PAGE,
            request=request,
        )
        return stays

    def get(self, request, pk=None):
        return self._render(
            request, unit_forms.HousingUnitForm(instance=self.unit, user=request.user)
        )

    def post(self, request, pk=None):
        form = unit_forms.HousingUnitForm(data=request.POST, instance=self.unit, user=request.user)
        if self.unit is None:
            submission = submit(
                form, lambda: units.housing_unit_add(by=request.user, **form.service_data())
            )
        else:
            submission = submit(
                form,
                lambda: units.housing_unit_update(
                    unit=self.unit,
                    by=request.user,
                    version=form.cleaned_data["version"],
                    **form.service_data(),
                ),
            )
        if not submission.ok:
            return self._render(request, form, status=submission.status)
        messages.success(request, f"Logement « {submission.result} » enregistré.")
        return redirect("habitat:unit-update", pk=submission.result.pk)


class UnavailabilityFormView(View):
    """Record a works period of a unit (no upk) or change one."""

    template_name = "habitat/units/unavailability.html"

    def dispatch(self, request, *args, **kwargs):
        _require_manager(request)
        self.unit = get_object_or_404(units.managed_units(request.user), pk=kwargs["pk"])
        self.unavailability = (
            get_object_or_404(UnitUnavailability, unit=self.unit, pk=kwargs["upk"])
            if "upk" in kwargs
            else None
        )
        return super().dispatch(request, *args, **kwargs)

    def _render(self, request, form, status=200):
        context = {"unit": self.unit, "unavailability": self.unavailability, "form": form}
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk, upk=None):
        return self._render(
            request, unit_forms.UnavailabilityForm(unavailability=self.unavailability)
        )

    def post(self, request, pk, upk=None):
        form = unit_forms.UnavailabilityForm(data=request.POST, unavailability=self.unavailability)
        submission = submit(
            form,
            lambda: units.unit_unavailability_save(
                unit=self.unit,
                by=request.user,
                start=form.cleaned_data["start"],
                end=form.cleaned_data["end"],
                reason=form.cleaned_data["reason"],
                unavailability=self.unavailability,
                version=form.cleaned_data.get("version"),
            ),
        )
        if not submission.ok:
            return self._render(request, form, status=submission.status)
        messages.success(request, "Indisponibilité enregistrée.")
        return redirect("habitat:unit-update", pk=self.unit.pk)


@require_POST
def unavailability_delete(request, pk, upk):
    """Remove a works period recorded by mistake."""
    _require_manager(request)
    unit = get_object_or_404(units.managed_units(request.user), pk=pk)
    unavailability = get_object_or_404(UnitUnavailability, unit=unit, pk=upk)
    form = unit_forms.UnavailabilityDeleteForm(data=request.POST)
    if form.is_valid():
        try:
            units.unit_unavailability_delete(
                unavailability=unavailability, by=request.user, version=form.cleaned_data["version"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
            status = refusal_status(error)
        else:
            messages.success(request, "Indisponibilité supprimée.")
            return redirect("habitat:unit-update", pk=unit.pk)
    else:
        status = 400
    context = {"unit": unit, "unavailability": unavailability, "form": form}
    return render(request, "habitat/units/unavailability_delete.html", context, status=status)
