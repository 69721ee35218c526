"""Correcting a measure's home visit and a CLLAJ workshop or event from the pages (issue 15:
they had only the Django admin): one page each, its correction form and the deletion of a
record entered by mistake. Writes through `habitat.services` (versioned, journalled); only
the record's author or a chef de service of the habitat may correct it (habitat.perms)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View

from habitat import perms, services
from habitat.followup_views import HousingEventForm
from habitat.models import HomeVisit, HousingEvent
from rl_portal.audit import Channel, log_person_access
from rl_portal.form_helpers import DATE_WIDGET, VersionField, form_layout, submit


class DeleteForm(forms.Form):
    """The confirmation of a deletion carries the version of the record shown."""

    version = VersionField()


class HomeVisitCorrectionForm(forms.Form):
    date = forms.DateField(label="Date de la visite", widget=DATE_WIDGET)
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_layout("date", "version", submit="Corriger la visite")


class HousingEventCorrectionForm(HousingEventForm):
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_layout(*services.HOUSING_EVENT_FIELDS, "version", submit="Corriger")


class CorrectionView(View):
    """GET: the record's correction form and its deletion; POST `form=update` or
    `form=delete`. Refused input: the page again with the input kept (400, 409 when someone
    saved the record since it was read), nothing written."""

    template_name = ""
    form_class = forms.Form
    updated = deleted = ""

    def dispatch(self, request, *args, **kwargs):
        if not perms.can_record(request.user):
            raise PermissionDenied
        self.record = self.get_record(request, **kwargs)
        if not perms.can_delete(request.user, self.record):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_record(self, request, **kwargs):
        raise NotImplementedError

    def initial(self) -> dict:
        raise NotImplementedError

    def persons(self) -> list:
        return []

    def update(self, form, by):
        raise NotImplementedError

    def delete(self, form, by):
        raise NotImplementedError

    def done_url(self) -> str:
        raise NotImplementedError

    def render_page(self, request, form, delete_form, status=200):
        if self.persons():
            log_person_access(
                actor=request.user, persons=self.persons(), channel=Channel.PAGE, request=request
            )
        context = {"record": self.record, "form": form, "delete_form": delete_form}
        return render(request, self.template_name, context, status=status)

    def get(self, request, **kwargs):
        form = self.form_class(initial={**self.initial(), "version": self.record.version})
        delete_form = DeleteForm(initial={"version": self.record.version})
        return self.render_page(request, form, delete_form)

    def post(self, request, **kwargs):
        if request.POST.get("form") == "delete":
            form = self.form_class(initial={**self.initial(), "version": self.record.version})
            delete_form = DeleteForm(data=request.POST)
            submission = submit(delete_form, lambda: self.delete(delete_form, request.user))
            done = self.deleted
        else:
            form = self.form_class(data=request.POST)
            delete_form = DeleteForm(initial={"version": self.record.version})
            submission = submit(form, lambda: self.update(form, request.user))
            done = self.updated
        if submission.ok:
            messages.success(request, done)
            return redirect(self.done_url())
        # The record may hold the refused values: the page shows it as saved.
        self.record.refresh_from_db()
        return self.render_page(request, form, delete_form, status=submission.status)


class HomeVisitView(CorrectionView):
    template_name = "habitat/home_visit.html"
    form_class = HomeVisitCorrectionForm
    updated, deleted = "Visite à domicile corrigée.", "Visite à domicile supprimée."

    def get_record(self, request, pk, vpk):
        return get_object_or_404(
            HomeVisit.objects.visible_to(request.user).select_related(
                "measure__person", "measure__dispositif"
            ),
            pk=vpk,
            measure_id=pk,
        )

    def initial(self) -> dict:
        return {"date": self.record.date}

    def persons(self) -> list:
        return [self.record.measure.person]

    def update(self, form, by):
        return services.home_visit_update(
            visit=self.record,
            by=by,
            version=form.cleaned_data["version"],
            date=form.cleaned_data["date"],
        )

    def delete(self, form, by):
        return services.home_visit_delete(
            visit=self.record, by=by, version=form.cleaned_data["version"]
        )

    def done_url(self) -> str:
        return reverse("habitat:measure", args=[self.record.measure_id])


class HousingEventView(CorrectionView):
    template_name = "habitat/event.html"
    form_class = HousingEventCorrectionForm
    updated, deleted = "Atelier ou événement corrigé.", "Atelier ou événement supprimé."

    def get_record(self, request, pk):
        return get_object_or_404(HousingEvent.objects.visible_to(request.user), pk=pk)

    def initial(self) -> dict:
        return {name: getattr(self.record, name) for name in services.HOUSING_EVENT_FIELDS}

    def update(self, form, by):
        data = {name: form.cleaned_data[name] for name in services.HOUSING_EVENT_FIELDS}
        return services.housing_event_update(
            event=self.record, by=by, version=form.cleaned_data["version"], **data
        )

    def delete(self, form, by):
        return services.housing_event_delete(
            event=self.record, by=by, version=form.cleaned_data["version"]
        )

    def done_url(self) -> str:
        return reverse("habitat:events")
