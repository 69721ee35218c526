"""The quick entry (Saisie du jour), its youth search and youths created on the spot."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.views import View
from django.views.decorators.http import require_POST

from prevention import perms, services
from prevention.forms import (
    QuickEntryForm,
    YouthQuickCreateForm,
    user_dispositifs,
)
from prevention.views.common import (
    _log_page,
    _require,
    _visible_youths,
)
from rl_portal import inputs
from rl_portal.form_helpers import submit
from rl_portal.validations import validated_reports_covering
from rl_portal.widgets import PERSON_PICKERS

# --------------------------------------------------------------------------------------------
# Quick entry
# --------------------------------------------------------------------------------------------


class QuickEntryView(View):
    """Today's hours and youths met, in one screen, saved without leaving the page (htmx)."""

    template_name = "prevention/quick_entry.html"

    def dispatch(self, request, *args, **kwargs):
        _require(perms.can_record(request.user))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        form = QuickEntryForm(user=request.user)
        return render(
            request,
            self.template_name,
            {"form": form, "youth_form": YouthQuickCreateForm(prefix="new")},
        )

    def post(self, request):
        form = QuickEntryForm(data=request.POST, user=request.user)
        ids = inputs.get_ids(request.POST, "youths", label="Un jeune rencontré")
        selected = list(_visible_youths(request.user).filter(pk__in=ids))
        submission = submit(
            form,
            lambda: services.quick_entry_save(
                by=request.user,
                dispositif=form.cleaned_data["dispositif"],
                date=form.cleaned_data["date"],
                hours_by_activity=form.hours_by_activity(),
                online_hours=form.online_hours(),
                persons=selected,
                mode=form.cleaned_data["mode"],
                commune=form.cleaned_data["commune"],
                quartier=form.cleaned_data["quartier"],
            ),
        )
        result = submission.result
        validated = []
        if submission.ok:
            validated = validated_reports_covering(
                form.cleaned_data["date"], form.cleaned_data["dispositif"].service.code
            )
            # A fresh form for the next entry, with the same day, place and dispositif.
            keep = {
                key: request.POST.get(key, "")
                for key in ("dispositif", "date", "commune", "quartier", "mode")
            }
            form = QuickEntryForm(initial=keep, user=request.user)
            selected = []
        context = {
            "form": form,
            "youth_form": YouthQuickCreateForm(prefix="new"),
            "selected": selected,
            "result": result,
            "validated_reports": validated,
        }
        template = (
            "prevention/includes/quick_entry_form.html" if request.htmx else self.template_name
        )
        status = 200 if result is not None or not form.is_bound else 400
        if request.htmx and status == 400:
            # htmx swaps 2xx answers only: the form with its errors must still replace the old one.
            status = 200
        return render(request, template, context, status=status)


@require_POST
def youth_search(request):
    """Youths of the user's prevention services matching the text typed (POST: no names in URLs)."""
    _require(perms.can_record(request.user))
    text = request.POST.get("q", "")[:80].strip()
    # The shared picker's search: accent-insensitive, namesakes told apart, journalled.
    picker = PERSON_PICKERS["prevention-youths"]
    youths, more = picker.search(request.user, text)
    _log_page(request, youths)
    context = {
        "youths": youths,
        "more": more,
        "text": text,
        "last_seen_label": picker.last_seen_label,
    }
    return render(request, "prevention/includes/youth_results.html", context)


@require_POST
def youth_chip(request):
    """Add a youth found by the search to the entry (a chip with a hidden input)."""
    _require(perms.can_record(request.user))
    youth = get_object_or_404(
        _visible_youths(request.user), pk=inputs.get_id(request.POST, "youth", label="Le jeune")
    )
    _log_page(request, [youth])
    return render(request, "prevention/includes/youth_chip.html", {"youth": youth})


@require_POST
def youth_quick_create(request):
    """Create a youth on the spot (pseudonym, sex, approximate age) and add them to the entry."""
    _require(perms.can_record(request.user))
    form = YouthQuickCreateForm(request.POST, prefix="new")
    dispositifs = user_dispositifs(request.user)
    chosen = inputs.get_id(request.POST, "dispositif", label="Le dispositif", required=False)
    dispositif = dispositifs.filter(pk=chosen).first() if chosen else dispositifs.first()
    if dispositif is None:
        raise inputs.InputError("Ce dispositif n'est pas l'un des vôtres.")
    submission = submit(
        form,
        lambda: services.youth_create(
            pseudonym=form.cleaned_data["pseudonym"],
            sex=form.cleaned_data["sex"],
            age=form.cleaned_data["age"],
            dispositif=dispositif,
            by=request.user,
        ),
    )
    if not submission.ok:
        return render(request, "prevention/includes/youth_create_form.html", {"youth_form": form})
    return render(
        request,
        "prevention/includes/youth_created.html",
        {"youth": submission.result, "youth_form": YouthQuickCreateForm(prefix="new")},
    )
