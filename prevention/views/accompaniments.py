"""Accompaniment pages: open, update, detail, close, review, reopen, worked domains."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View
from django.views.decorators.http import require_GET, require_POST

from prevention import perms, services
from prevention.forms import (
    AccompanimentCloseForm,
    AccompanimentForm,
    ReviewForm,
    WorkedDomainForm,
)
from prevention.models import (
    Accompaniment,
)
from prevention.views.common import (
    _log_page,
    _require,
    _visible_youths,
)
from rl_portal.audit import Channel, log_person_access
from rl_portal.form_helpers import submit
from rl_portal.models import Person

# --------------------------------------------------------------------------------------------
# Accompaniments
# --------------------------------------------------------------------------------------------


def _accompaniment(request, pk) -> Accompaniment:
    accompaniment = get_object_or_404(
        Accompaniment.objects.visible_to(request.user)
        .filter(person__in=Person.objects.visible_to(request.user))
        .select_related("person", "referent", "dispositif", "reopened_from"),
        pk=pk,
    )
    return accompaniment


class AccompanimentCreateView(View):
    template_name = "prevention/accompaniment_form.html"

    def dispatch(self, request, *args, **kwargs):
        _require(perms.can_record(request.user))
        self.person = get_object_or_404(_visible_youths(request.user), pk=kwargs["person_pk"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, person_pk):
        form = AccompanimentForm(user=request.user)
        return render(request, self.template_name, {"form": form, "person": self.person})

    def post(self, request, person_pk):
        form = AccompanimentForm(data=request.POST, user=request.user)
        submission = submit(
            form,
            lambda: services.accompaniment_open(
                person=self.person,
                dispositif=form.cleaned_data["dispositif"],
                by=request.user,
                **form.service_data(),
            ),
        )
        if submission.ok:
            messages.success(request, "Accompagnement ouvert.")
            return redirect("prevention:accompaniment-detail", pk=submission.result.pk)
        context = {"form": form, "person": self.person}
        return render(request, self.template_name, context, status=submission.status)


class AccompanimentUpdateView(View):
    template_name = "prevention/accompaniment_form.html"

    def dispatch(self, request, *args, **kwargs):
        _require(perms.can_record(request.user))
        self.accompaniment = _accompaniment(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def context(self, form):
        return {
            "form": form,
            "person": self.accompaniment.person,
            "accompaniment": self.accompaniment,
        }

    def get(self, request, pk):
        _log_page(request, [self.accompaniment.person])
        form = AccompanimentForm(instance=self.accompaniment, user=request.user)
        return render(request, self.template_name, self.context(form))

    def post(self, request, pk):
        form = AccompanimentForm(data=request.POST, instance=self.accompaniment, user=request.user)
        submission = submit(
            form,
            lambda: services.accompaniment_update(
                accompaniment=self.accompaniment,
                data=form.service_data(),
                version=form.cleaned_data["version"],
                by=request.user,
            ),
        )
        if submission.ok:
            messages.success(request, "Accompagnement modifié.")
            return redirect("prevention:accompaniment-detail", pk=pk)
        return render(request, self.template_name, self.context(form), status=submission.status)


def _correctable(user, accompaniment, worked_domains) -> list:
    """The worked domains, each marked with whether the user may correct it (its éducateur or
    a chef de service of its service): only then are its links shown."""
    worked_domains = list(worked_domains)
    for entry in worked_domains:
        # The accompaniment already read: no query per entry for its dispositif.
        entry.accompaniment = accompaniment
        entry.correctable = perms.can_record(user) and perms.can_correct(user, entry)
    return worked_domains


@require_GET
def accompaniment_detail(request, pk):
    _require(perms.can_read(request.user))
    accompaniment = _accompaniment(request, pk)
    log_person_access(
        actor=request.user, persons=accompaniment.person, channel=Channel.PAGE, request=request
    )
    context = {
        "accompaniment": accompaniment,
        "problematiques": accompaniment.problematiques.select_related("parent"),
        "co_accompaniments": accompaniment.co_accompaniments.select_related("partner"),
        "reorientations": accompaniment.reorientations.select_related("partner"),
        "worked_domains": _correctable(
            request.user, accompaniment, accompaniment.worked_domains.select_related("educator")
        ),
        "can_record": perms.can_record(request.user),
        "can_reopen": perms.can_reopen(request.user) and perms.can_record(request.user),
        "reopened_as": Accompaniment.objects.filter(reopened_from=accompaniment).first(),
        "close_form": AccompanimentCloseForm(accompaniment=accompaniment),
        "review_form": ReviewForm(),
        "domain_form": WorkedDomainForm(),
    }
    return render(request, "prevention/accompaniment_detail.html", context)


class AccompanimentCloseView(View):
    template_name = "prevention/accompaniment_close.html"

    def dispatch(self, request, *args, **kwargs):
        _require(perms.can_record(request.user))
        self.accompaniment = _accompaniment(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        _log_page(request, [self.accompaniment.person])
        form = AccompanimentCloseForm(accompaniment=self.accompaniment)
        return render(
            request, self.template_name, {"form": form, "accompaniment": self.accompaniment}
        )

    def post(self, request, pk):
        form = AccompanimentCloseForm(data=request.POST, accompaniment=self.accompaniment)
        submission = submit(
            form,
            lambda: services.accompaniment_close(
                accompaniment=self.accompaniment,
                end=form.cleaned_data["end"],
                reason=form.cleaned_data["end_reason"],
                version=form.cleaned_data["version"],
                reorientations=form.reorientations(),
                by=request.user,
            ),
        )
        if submission.ok:
            messages.success(request, "Accompagnement clôturé.")
            return redirect("prevention:accompaniment-detail", pk=pk)
        context = {"form": form, "accompaniment": self.accompaniment}
        return render(request, self.template_name, context, status=submission.status)


@require_POST
def accompaniment_review(request, pk):
    _require(perms.can_record(request.user))
    accompaniment = _accompaniment(request, pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.accompaniment_review(
                accompaniment=accompaniment, on=form.cleaned_data["on"], by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Bilan enregistré.")
    else:
        messages.error(request, "Indiquez la date du bilan.")
    return redirect("prevention:accompaniment-detail", pk=pk)


@require_POST
def accompaniment_reopen(request, pk):
    _require(perms.can_record(request.user))
    accompaniment = _accompaniment(request, pk)
    try:
        reopened = services.accompaniment_reopen(accompaniment=accompaniment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            "Accompagnement rouvert : une nouvelle période commence aujourd'hui ; la clôture "
            f"du {accompaniment.end:%d/%m/%Y} reste dans l'historique.",
        )
        return redirect("prevention:accompaniment-detail", pk=reopened.pk)
    return redirect("prevention:accompaniment-detail", pk=pk)


@require_POST
def worked_domain_add(request, pk):
    _require(perms.can_record(request.user))
    accompaniment = _accompaniment(request, pk)
    form = WorkedDomainForm(request.POST)
    if form.is_valid():
        try:
            services.worked_domain_create(
                accompaniment=accompaniment, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Domaine travaillé ajouté.")
    else:
        messages.error(request, "Choisissez un domaine et une date valides.")
    return redirect("prevention:accompaniment-detail", pk=pk)
