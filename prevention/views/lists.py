"""Prevention's filtered and paginated lists, and the alerts."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.decorators.http import require_GET

from prevention import perms, services
from prevention.correction_forms import (
    ContactForm,
    DeleteForm,
    TimeEntryForm,
    WorkedDomainCorrectionForm,
)
from prevention.filters import (
    AccompanimentFilter,
    CollectiveActionFilter,
    ContactFilter,
    TimeEntryFilter,
)
from prevention.models import (
    Accompaniment,
    CollectiveAction,
    Contact,
    TimeEntry,
    WorkedDomain,
)
from prevention.views.common import (
    _log_page,
    _paginate,
    _require,
)
from rl_portal.form_helpers import submit
from rl_portal.models import Person
from rl_portal.validations import validated_reports_covering

# --------------------------------------------------------------------------------------------
# Lists
# --------------------------------------------------------------------------------------------


def _list_view(
    request,
    *,
    queryset,
    filterset_class,
    template,
    title,
    extra=None,
    person_of=None,
    correctable=False,
):
    _require(perms.can_read(request.user))
    filterset = filterset_class(request.GET, queryset=queryset, user=request.user)
    page = _paginate(request, filterset.qs)
    if correctable:
        for record in page.object_list:
            record.can_correct = perms.can_correct(request.user, record)
    if person_of is not None:
        _log_page(request, [person_of(record) for record in page.object_list])
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": filterset,
        "page": page,
        "title": title,
        "query": query.urlencode(),
        # Who only reads (the direction) gets no link to a form refused to them.
        "can_record": perms.can_record(request.user),
    }
    context.update(extra or {})
    return render(request, template, context)


@require_GET
def time_entry_list(request):
    queryset = (
        TimeEntry.objects.visible_to(request.user)
        .select_related("educator", "commune", "quartier", "dispositif")
        .order_by("-date", "-pk")
    )
    return _list_view(
        request,
        queryset=queryset,
        filterset_class=TimeEntryFilter,
        template="prevention/time_entry_list.html",
        title="Temps saisis",
        correctable=True,
    )


# --------------------------------------------------------------------------------------------
# Corrections of saved time entries and meetings
# --------------------------------------------------------------------------------------------


def _validated_warning(request, record, *days) -> None:
    """The same warning as at creation when a correction touches a validated report's period."""
    names = []
    for day in days:
        for name in validated_reports_covering(day, record.dispositif.service.code):
            if name not in names:
                names.append(name)
    if names:
        messages.warning(
            request,
            f"Cette date tombe dans la période d'un rapport déjà validé : {' ; '.join(names)}. "
            "Le rapport transmis ne change pas ; la direction verra l'écart entre ses chiffres "
            "et ceux d'aujourd'hui.",
        )


class CorrectionView(View):
    """Change (`action="update"`) or delete (`action="delete"`) a saved record through its
    services. The record is looked up among those the user sees; only its éducateur or a chef
    de service of its service may correct it (prevention.perms.can_correct)."""

    model = None
    form_class = None
    list_url = ""
    action = "update"
    updated = deleted = ""

    def dispatch(self, request, *args, **kwargs):
        _require(perms.can_record(request.user))
        self.record = get_object_or_404(self.queryset(request), pk=kwargs["pk"])
        _require(perms.can_correct(request.user, self.record))
        return super().dispatch(request, *args, **kwargs)

    def queryset(self, request):
        return self.model.objects.visible_to(request.user).select_related(
            "dispositif__service", "educator", "commune", "quartier"
        )

    def persons(self) -> list:
        return []

    def form_kwargs(self) -> dict:
        return {}

    def update(self, *, data: dict, by, version):
        raise NotImplementedError

    def delete(self, *, by, version):
        raise NotImplementedError

    def render_page(self, request, form, status=200):
        context = {
            "form": form,
            "record": self.record,
            "action": self.action,
            "list_url": self.back_url(),
            "title": self.title,
            "recorder": getattr(self.record, "educator", None) or self.record.created_by,
        }
        template = (
            "prevention/record_delete.html"
            if self.action == "delete"
            else "prevention/record_form.html"
        )
        return render(request, template, context, status=status)

    def get(self, request, pk):
        _log_page(request, self.persons())
        if self.action == "delete":
            form = DeleteForm(initial={"version": self.record.version})
        else:
            form = self.form_class(instance=self.record, **self.form_kwargs())
        return self.render_page(request, form)

    def post(self, request, pk):
        # A collective action has no date of its own (its sessions have): no period warning.
        before = getattr(self.record, "date", None)
        if self.action == "delete":
            form = DeleteForm(request.POST)
            submission = submit(
                form,
                lambda: self.delete(by=request.user, version=form.cleaned_data["version"]),
            )
        else:
            form = self.form_class(data=request.POST, instance=self.record, **self.form_kwargs())
            submission = submit(
                form,
                lambda: self.update(
                    data=form.service_data(),
                    by=request.user,
                    version=form.cleaned_data["version"],
                ),
            )
        if not submission.ok:
            return self.render_page(request, form, status=submission.status)
        messages.success(request, self.deleted if self.action == "delete" else self.updated)
        if before is not None:
            _validated_warning(request, self.record, *sorted({before, self.record.date}))
        return redirect(self.back_url())

    def back_url(self) -> str:
        """Where the page returns to: the list of the records of its kind."""
        return reverse(self.list_url)


class TimeEntryCorrectionView(CorrectionView):
    model = TimeEntry
    form_class = TimeEntryForm
    list_url = "prevention:time-entries"
    updated, deleted = "Temps modifié.", "Temps supprimé."

    @property
    def title(self) -> str:
        verb = "Supprimer" if self.action == "delete" else "Modifier"
        return f"{verb} le temps saisi du {self.record.date:%d/%m/%Y}"

    def update(self, *, data, by, version):
        return services.time_entry_update(entry=self.record, data=data, by=by, version=version)

    def delete(self, *, by, version):
        return services.time_entry_delete(entry=self.record, by=by, version=version)


class ContactCorrectionView(CorrectionView):
    model = Contact
    form_class = ContactForm
    list_url = "prevention:contacts"
    updated, deleted = "Rencontre modifiée.", "Rencontre supprimée."

    @property
    def title(self) -> str:
        verb = "Supprimer" if self.action == "delete" else "Modifier"
        return f"{verb} la rencontre avec {self.record.person.pseudonym}"

    def queryset(self, request):
        return (
            super()
            .queryset(request)
            .filter(person__in=Person.objects.visible_to(request.user))
            .select_related("person")
        )

    def persons(self) -> list:
        return [self.record.person]

    def update(self, *, data, by, version):
        return services.contact_update(contact=self.record, data=data, by=by, version=version)

    def delete(self, *, by, version):
        return services.contact_delete(contact=self.record, by=by, version=version)


@require_GET
def contact_list(request):
    queryset = (
        Contact.objects.visible_to(request.user)
        .filter(person__in=Person.objects.visible_to(request.user))
        .select_related("person", "educator", "commune", "dispositif")
        .order_by("-date", "-pk")
    )
    return _list_view(
        request,
        queryset=queryset,
        filterset_class=ContactFilter,
        template="prevention/contact_list.html",
        title="Jeunes rencontrés",
        person_of=lambda contact: contact.person,
        correctable=True,
    )


@require_GET
def accompaniment_list(request):
    queryset = (
        Accompaniment.objects.visible_to(request.user)
        .select_related("person__commune", "referent", "dispositif")
        .order_by("-start", "-pk")
    )
    return _list_view(
        request,
        queryset=queryset,
        filterset_class=AccompanimentFilter,
        template="prevention/accompaniment_list.html",
        title="Accompagnements",
        extra={"can_record": perms.can_record(request.user)},
        person_of=lambda accompaniment: accompaniment.person,
    )


@require_GET
def collective_action_list(request):
    queryset = (
        CollectiveAction.objects.visible_to(request.user)
        .select_related("commune", "dispositif")
        .prefetch_related("sessions")
        .order_by("-created_at", "-pk")
    )
    return _list_view(
        request,
        queryset=queryset,
        filterset_class=CollectiveActionFilter,
        template="prevention/collective_action_list.html",
        title="Actions collectives",
        extra={"can_record": perms.can_record(request.user)},
    )


@require_GET
def alerts(request):
    """What needs the éducateur's attention: accompaniments without a review for 6 months,
    open accompaniments whose youth has not been met for 3 months. An éducateur sees the ones
    they are referent of; a chef de service and the direction see their whole services."""
    _require(perms.can_read(request.user))
    today = timezone.localdate()
    accompaniments = Accompaniment.objects.visible_to(request.user).select_related(
        "person", "referent"
    )
    if not perms.sees_all_alerts(request.user):
        accompaniments = accompaniments.filter(referent=request.user)
    needing_review = list(accompaniments.needing_review(today).order_by("last_review", "start"))
    without_contact = list(accompaniments.without_recent_contact(today).order_by("start"))
    _log_page(request, {a.person for a in needing_review + without_contact})
    context = {
        "needing_review": needing_review,
        "without_contact": without_contact,
        "today": today,
    }
    return render(request, "prevention/alerts.html", context)


class WorkedDomainCorrectionView(CorrectionView):
    """A worked domain of an accompaniment, corrected or deleted from the accompaniment's
    page by its éducateur or a chef de service of its service."""

    model = WorkedDomain
    form_class = WorkedDomainCorrectionForm
    updated, deleted = "Domaine travaillé modifié.", "Domaine travaillé supprimé."

    @property
    def title(self) -> str:
        verb = "Supprimer" if self.action == "delete" else "Modifier"
        return f"{verb} le domaine travaillé du {self.record.date:%d/%m/%Y}"

    def queryset(self, request):
        return (
            WorkedDomain.objects.visible_to(request.user)
            .filter(accompaniment__person__in=Person.objects.visible_to(request.user))
            .select_related(
                "accompaniment__dispositif__service", "accompaniment__person", "educator"
            )
        )

    def persons(self) -> list:
        return [self.record.accompaniment.person]

    def back_url(self) -> str:
        return reverse("prevention:accompaniment-detail", args=[self.record.accompaniment_id])

    def update(self, *, data, by, version):
        return services.worked_domain_update(entry=self.record, data=data, by=by, version=version)

    def delete(self, *, by, version):
        return services.worked_domain_delete(entry=self.record, by=by, version=version)
