"""Collective actions, network receptions and territorial bodies' meetings."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View
from django.views.decorators.http import require_GET

from prevention import perms, services
from prevention.correction_forms import (
    InstanceMeetingCorrectionForm,
    NetworkReceptionCorrectionForm,
)
from prevention.forms import (
    CollectiveActionForm,
    InstanceMeetingForm,
    NetworkReceptionForm,
)
from prevention.models import (
    CollectiveAction,
    InstanceMeeting,
    NetworkReception,
)
from prevention.views.common import (
    _log_page,
    _paginate,
    _require,
)
from prevention.views.lists import CorrectionView
from rl_portal.form_helpers import submit

# --------------------------------------------------------------------------------------------
# Collective actions
# --------------------------------------------------------------------------------------------


class CollectiveActionFormView(View):
    template_name = "prevention/collective_action_form.html"

    def dispatch(self, request, *args, **kwargs):
        _require(perms.can_record(request.user))
        self.action = None
        if "pk" in kwargs:
            self.action = get_object_or_404(
                CollectiveAction.objects.visible_to(request.user), pk=kwargs["pk"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk=None):
        form = CollectiveActionForm(instance=self.action, user=request.user)
        return render(request, self.template_name, {"form": form, "action": self.action})

    def post(self, request, pk=None):
        form = CollectiveActionForm(data=request.POST, instance=self.action, user=request.user)
        submission = submit(
            form,
            lambda: services.collective_action_save(
                by=request.user,
                action=self.action,
                version=form.cleaned_data.get("version"),
                data=form.action_data(),
                session_dates=form.cleaned_data["session_dates"],
                headcounts=form.headcount_lines(),
                partners=form.cleaned_data["partners"],
                funders=form.cleaned_data["funders"],
            ),
        )
        if submission.ok:
            messages.success(request, "Action collective enregistrée.")
            return redirect("prevention:action-detail", pk=submission.result.pk)
        context = {"form": form, "action": self.action}
        return render(request, self.template_name, context, status=submission.status)


@require_GET
def collective_action_detail(request, pk):
    _require(perms.can_read(request.user))
    action = get_object_or_404(
        CollectiveAction.objects.visible_to(request.user).select_related("commune", "dispositif"),
        pk=pk,
    )
    participants = list(action.participants.visible_to(request.user).order_by("pseudonym"))
    _log_page(request, participants)
    context = {
        "action": action,
        "sessions": action.sessions.all(),
        "headcounts": action.headcounts.all(),
        "participants": participants,
        "partners": action.partners.all(),
        "funders": action.funders.all(),
        "can_record": perms.can_record(request.user),
        "can_correct": perms.can_correct(request.user, action),
    }
    return render(request, "prevention/collective_action_detail.html", context)


class CollectiveActionDeleteView(CorrectionView):
    """Delete an action entered by mistake (prevention.perms.can_correct)."""

    model = CollectiveAction
    list_url = "prevention:actions"
    action = "delete"
    deleted = "Action collective supprimée."

    @property
    def title(self) -> str:
        return f"Supprimer l'action « {self.record.title} »"

    def queryset(self, request):
        return self.model.objects.visible_to(request.user).select_related(
            "dispositif__service", "created_by", "commune"
        )

    def delete(self, *, by, version):
        return services.collective_action_delete(action=self.record, by=by, version=version)


# --------------------------------------------------------------------------------------------
# Networks and territorial bodies
# --------------------------------------------------------------------------------------------


def _simple_record_view(
    request, *, model, form_class, create, template, title, ordering, update_url, delete_url
):
    _require(perms.can_read(request.user))
    form = None
    if perms.can_record(request.user):
        form = form_class(data=request.POST or None, user=request.user)
        if request.method == "POST":
            submission = submit(form, lambda: create(by=request.user, data=form.cleaned_data))
            if submission.ok:
                messages.success(request, "Enregistré.")
                return redirect(request.path)
    elif request.method == "POST":
        raise PermissionDenied
    records = (
        model.objects.visible_to(request.user)
        .select_related("dispositif", "created_by")
        .order_by(*ordering)
    )
    page = _paginate(request, records)
    for record in page.object_list:
        record.can_correct = perms.can_correct(request.user, record)
    context = {
        "form": form,
        "page": page,
        "title": title,
        "update_url": update_url,
        "delete_url": delete_url,
    }
    return render(
        request, template, context, status=400 if form is not None and form.errors else 200
    )


def network_receptions(request):
    return _simple_record_view(
        request,
        model=NetworkReception,
        form_class=NetworkReceptionForm,
        create=services.network_reception_create,
        template="prevention/records_with_form.html",
        title="Accueils en réseau",
        ordering=("-date", "-pk"),
        update_url="prevention:network-reception-update",
        delete_url="prevention:network-reception-delete",
    )


def instance_meetings(request):
    return _simple_record_view(
        request,
        model=InstanceMeeting,
        form_class=InstanceMeetingForm,
        create=services.instance_meeting_create,
        template="prevention/records_with_form.html",
        title="Instances territoriales",
        ordering=("-date", "-pk"),
        update_url="prevention:instance-meeting-update",
        delete_url="prevention:instance-meeting-delete",
    )


class _SimpleRecordCorrectionView(CorrectionView):
    """A network reception or an instance meeting changed or deleted by whoever entered it or
    a chef de service of its service (prevention.perms.can_correct)."""

    noun = ""

    @property
    def title(self) -> str:
        verb = "Supprimer" if self.action == "delete" else "Modifier"
        return f"{verb} {self.noun} du {self.record.date:%d/%m/%Y}"

    def queryset(self, request):
        return self.model.objects.visible_to(request.user).select_related(
            "dispositif__service", "created_by"
        )

    def form_kwargs(self) -> dict:
        return {"user": self.request.user}


class NetworkReceptionCorrectionView(_SimpleRecordCorrectionView):
    model = NetworkReception
    form_class = NetworkReceptionCorrectionForm
    list_url = "prevention:network-receptions"
    noun = "l'accueil en réseau"
    updated, deleted = "Accueil en réseau modifié.", "Accueil en réseau supprimé."

    def update(self, *, data, by, version):
        return services.network_reception_update(
            reception=self.record, data=data, by=by, version=version
        )

    def delete(self, *, by, version):
        return services.network_reception_delete(reception=self.record, by=by, version=version)


class InstanceMeetingCorrectionView(_SimpleRecordCorrectionView):
    model = InstanceMeeting
    form_class = InstanceMeetingCorrectionForm
    list_url = "prevention:instance-meetings"
    noun = "la réunion d'instance"
    updated, deleted = "Réunion d'instance modifiée.", "Réunion d'instance supprimée."

    def update(self, *, data, by, version):
        return services.instance_meeting_update(
            meeting=self.record, data=data, by=by, version=version
        )

    def delete(self, *, by, version):
        return services.instance_meeting_delete(meeting=self.record, by=by, version=version)
