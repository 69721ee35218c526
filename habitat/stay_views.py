"""Correcting a stay from the pages (not the Django admin): its entry, unit, place, counted
answers and a recorded exit; deleting one entered by mistake. Linked from the housing board,
the unit's page and the person's page; writes through `habitat.services` (versioned,
journalled)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View

from habitat import forms as habitat_forms
from habitat import perms, services
from habitat.models import Stay
from rl_portal.audit import Channel, log_person_access
from rl_portal.form_helpers import add_service_errors, refusal_status, submit


def back_url(request) -> str:
    """Where the page was opened from (the board, the unit's or the person's page), if it is
    a page of this site; the board otherwise."""
    target = request.POST.get("retour") or request.GET.get("retour") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/habitat/"


class StayView(View):
    """A stay of the habitat, for those who record its activity."""

    def dispatch(self, request, *args, **kwargs):
        if not perms.can_record(request.user):
            raise PermissionDenied
        self.stay = get_object_or_404(
            Stay.objects.visible_to(request.user).select_related("person", "unit"),
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def context(self, request, **extra) -> dict:
        return {
            "stay": self.stay,
            "retour": back_url(request),
            "can_delete": perms.can_delete(request.user, self.stay),
            **extra,
        }


class StayUpdateView(StayView):
    template_name = "habitat/stay_update.html"

    def get(self, request, pk):
        log_person_access(
            actor=request.user, persons=[self.stay.person], channel=Channel.PAGE, request=request
        )
        form = habitat_forms.StayUpdateForm(stay=self.stay, user=request.user)
        return render(request, self.template_name, self.context(request, form=form))

    def post(self, request, pk):
        form = habitat_forms.StayUpdateForm(data=request.POST, stay=self.stay, user=request.user)
        submission = submit(
            form,
            lambda: services.stay_update(
                stay=self.stay,
                by=request.user,
                version=form.cleaned_data["version"],
                **form.service_data(),
            ),
        )
        if submission.ok:
            messages.success(request, "Séjour corrigé.")
            return redirect(back_url(request))
        # The stay object may hold the refused values: the page shows the stay as saved.
        self.stay.refresh_from_db()
        return render(
            request,
            self.template_name,
            self.context(request, form=form),
            status=submission.status,
        )


class StayDeleteView(StayView):
    """Asks for confirmation, then deletes a stay entered by mistake."""

    template_name = "habitat/stay_delete.html"

    def get(self, request, pk):
        log_person_access(
            actor=request.user, persons=[self.stay.person], channel=Channel.PAGE, request=request
        )
        form = habitat_forms.StayDeleteForm(initial={"version": self.stay.version})
        return render(request, self.template_name, self.context(request, form=form))

    def post(self, request, pk):
        form = habitat_forms.StayDeleteForm(data=request.POST)
        status = 400
        if form.is_valid():
            try:
                services.stay_delete(
                    stay=self.stay, by=request.user, version=form.cleaned_data["version"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
                status = refusal_status(error)
            else:
                messages.success(request, "Séjour supprimé.")
                return redirect("habitat:board")
        return render(request, self.template_name, self.context(request, form=form), status=status)
