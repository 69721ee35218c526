"""Pages for the habitat's follow-ups that had only the Django admin (or the API): deciding the
pending housing requests, the FSL ASLL / ASL Jeunes ASE measures in progress (their home visits
and their end) and the CLLAJ's workshops and events (anonymous headcounts). Writes through the
habitat services; every person shown is journalled as read."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from habitat import events, perms, services
from habitat.models import HousingEvent, HousingRequest, SupportMeasure
from rl_portal.audit import Channel, log_person_access
from rl_portal.form_helpers import DATE_WIDGET, IntegerField, VersionField, form_layout, submit


def _require_recorder(user) -> None:
    if not perms.can_record(user):
        raise PermissionDenied


def _log(request, persons) -> None:
    log_person_access(actor=request.user, persons=persons, channel=Channel.PAGE, request=request)


def _correctable(user, records) -> list:
    """The records, each marked with whether the user may correct it (its author or a chef de
    service): only then is the link to its correction page shown."""
    records = list(records)
    for record in records:
        record.correctable = perms.can_delete(user, record)
    return records


class DecisionForm(forms.Form):
    # No preselected answer: the decision is counted in the bilans.
    decision = forms.ChoiceField(
        label="Décision",
        choices=[
            ("", "—"),
            (HousingRequest.Decision.ADMITTED, "Admis"),
            (HousingRequest.Decision.REFUSED, "Refusé"),
            (HousingRequest.Decision.DROPPED, "Sans suite"),
        ],
    )
    on = forms.DateField(label="Date de la décision", widget=DATE_WIDGET)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()
        self.helper = form_layout("decision", "on", submit="Enregistrer la décision")


@require_GET
def requests_pending(request):
    """The requests awaiting a decision, oldest first, each with its decision form."""
    _require_recorder(request.user)
    pending = list(
        HousingRequest.objects.visible_to(request.user)
        .filter(decision=HousingRequest.Decision.PENDING)
        .select_related("person", "dispositif")
        .order_by("date", "pk")[:50]
    )
    _log(request, [item.person for item in pending])
    return render(request, "habitat/requests.html", {"pending": pending, "form": DecisionForm()})


@require_http_methods(["GET", "POST"])
def request_decide(request, pk):
    _require_recorder(request.user)
    housing_request = get_object_or_404(
        HousingRequest.objects.visible_to(request.user).select_related("person", "dispositif"),
        pk=pk,
    )
    _log(request, [housing_request.person])
    form = DecisionForm(data=request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        submission = submit(
            form,
            lambda: services.housing_request_decide(
                request=housing_request,
                decision=form.cleaned_data["decision"],
                on=form.cleaned_data["on"],
                by=request.user,
            ),
        )
        if submission.ok:
            messages.success(request, "Décision enregistrée.")
            return redirect("habitat:requests")
        status = submission.status
    context = {"housing_request": housing_request, "form": form}
    return render(request, "habitat/request_decide.html", context, status=status)


@require_GET
def measures_open(request):
    """The FSL ASLL and ASL Jeunes ASE measures in progress, nearest échéance first."""
    _require_recorder(request.user)
    measures = list(
        SupportMeasure.objects.visible_to(request.user)
        .filter(end__isnull=True)
        .select_related("person", "dispositif", "epci")
        # 50 at most, like the CLLAJ files: a readable page, and its read journal one INSERT on
        # every database (SQLite splits a larger one: the page's query count would differ).
        .order_by("planned_end", "pk")[:50]
    )
    _log(request, [measure.person for measure in measures])
    return render(request, "habitat/measures.html", {"measures": measures})


class MeasureCloseForm(forms.Form):
    end = forms.DateField(label="Date d'arrêt", widget=DATE_WIDGET)
    # No preselected answer: the end reason is counted in the bilans.
    reason = forms.ChoiceField(
        label="Motif d'arrêt", choices=[("", "—"), *SupportMeasure.EndReason.choices]
    )
    objectives_reached = IntegerField(
        label="Objectifs atteints", min_value=0, max_value=100, required=False
    )
    version = VersionField()

    def __init__(self, *args, measure: SupportMeasure, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = measure.version
        self.fields["objectives_reached"].help_text = f"Sur {measure.objectives_set} fixés."
        self.helper = form_layout(
            "end", "reason", "objectives_reached", "version", submit="Arrêter la mesure"
        )


class HomeVisitForm(forms.Form):
    date = forms.DateField(label="Date de la visite", widget=DATE_WIDGET)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()
        self.helper = form_layout("date", submit="Ajouter la visite")


@require_http_methods(["GET", "POST"])
def measure_detail(request, pk):
    """A measure: its home visits (add one) and its end (arrêt, versioned)."""
    _require_recorder(request.user)
    measure = get_object_or_404(
        SupportMeasure.objects.visible_to(request.user).select_related("person", "dispositif"),
        pk=pk,
    )
    _log(request, [measure.person])
    close_form = MeasureCloseForm(measure=measure)
    visit_form = HomeVisitForm()
    status = 200
    if request.method == "POST":
        if request.POST.get("form") == "visit":
            visit_form = HomeVisitForm(data=request.POST)
            submission = submit(
                visit_form,
                lambda: services.home_visit_create(
                    measure=measure, date=visit_form.cleaned_data["date"], by=request.user
                ),
            )
            done = "Visite à domicile enregistrée."
        else:
            close_form = MeasureCloseForm(data=request.POST, measure=measure)
            submission = submit(
                close_form,
                lambda: services.support_measure_close(
                    measure=measure,
                    end=close_form.cleaned_data["end"],
                    reason=close_form.cleaned_data["reason"],
                    objectives_reached=close_form.cleaned_data["objectives_reached"],
                    version=close_form.cleaned_data["version"],
                    by=request.user,
                ),
            )
            done = "Mesure arrêtée."
        if submission.ok:
            messages.success(request, done)
            return redirect("habitat:measure", pk=measure.pk)
        status = submission.status
    context = {
        "measure": measure,
        "visits": _correctable(request.user, measure.home_visits.order_by("-date")),
        "close_form": close_form,
        "visit_form": visit_form,
    }
    return render(request, "habitat/measure.html", context, status=status)


class HousingEventForm(forms.Form):
    # No preselected answer: the kind is counted in the bilans.
    kind = forms.ChoiceField(label="Type", choices=[("", "—"), *HousingEvent.Kind.choices])
    title = forms.CharField(label="Intitulé", max_length=120)
    date = forms.DateField(label="Date", widget=DATE_WIDGET)
    place = forms.CharField(label="Lieu", max_length=120, required=False)
    headcount = IntegerField(label="Participants (effectif)", min_value=0, max_value=10000)
    qpv_headcount = IntegerField(
        label="dont résidant en QPV", min_value=0, max_value=10000, initial=0
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_layout("kind", "title", "date", "place", "headcount", "qpv_headcount")


@require_http_methods(["GET", "POST"])
def housing_events(request):
    """The latest workshops and events, and the form to record one held."""
    _require_recorder(request.user)
    form = HousingEventForm(data=request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        submission = submit(
            form, lambda: events.housing_event_create(by=request.user, **form.cleaned_data)
        )
        if submission.ok:
            messages.success(request, f"« {submission.result.title} » enregistré.")
            return redirect("habitat:events")
        status = submission.status
    recent = _correctable(
        request.user, HousingEvent.objects.visible_to(request.user).order_by("-date", "-pk")[:50]
    )
    context = {"events": recent, "form": form}
    return render(request, "habitat/events.html", context, status=status)
