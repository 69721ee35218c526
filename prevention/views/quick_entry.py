"""The quick entry (Saisie du jour), its youth search and youths created on the spot."""

from __future__ import annotations

import json
import uuid
from decimal import Decimal

from django.core.exceptions import ValidationError
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
from rl_portal.form_helpers import add_service_errors, submit
from rl_portal.models import Commune, Person, Sex
from rl_portal.widgets import PERSON_PICKERS

# --------------------------------------------------------------------------------------------
# Quick entry
# --------------------------------------------------------------------------------------------


def new_youth_data(youth: services.NewYouth) -> str:
    """A new youth as the entry's form carries them until it is saved (a hidden input)."""
    return json.dumps(
        {
            "pseudonym": youth.pseudonym,
            "sex": youth.sex,
            "age": youth.age,
            "commune": youth.commune.pk if youth.commune else None,
            "distinct": youth.distinct,
        }
    )


def new_youths_posted(values) -> list[services.NewYouth]:
    """The new youths carried by the entry's form; a value that is not one (a tampered form)
    is left out. Each is checked again by the service that creates them."""
    youths = []
    for value in values:
        try:
            data = json.loads(value)
            age = data.get("age")
            commune = data.get("commune")
            if age is not None:
                age = inputs.parse_int(str(age), label="L'âge", maximum=200)
            if commune:
                commune = inputs.parse_int(str(commune), label="La commune", minimum=1)
            youth = services.NewYouth(
                pseudonym=str(data["pseudonym"])[:80],
                sex=str(data.get("sex") or Sex.UNKNOWN),
                age=age,
                commune=Commune.objects.filter(pk=commune).first() if commune else None,
                distinct=bool(data.get("distinct")),
            )
        except (ValueError, TypeError, KeyError, AttributeError, inputs.InputError):
            continue
        youths.append(youth)
    return list({youth.key: youth for youth in youths}.values())


def _entry_context(form, youth_form, **context) -> dict:
    """The quick entry's template context. The entry's and the new youth's commune lists are
    the same list, read once."""
    communes = list(form.fields["commune"].choices)
    form.fields["commune"].choices = youth_form.fields["commune"].choices = communes
    return {"form": form, "youth_form": youth_form, **context}


def entry_summary(received, *, created: bool) -> dict:
    """What the page says of a recorded entry, from its idempotency key (ids and hours only):
    the same for the first sending and a resent form (`already`)."""
    result = received.result
    return {
        "time_entries": result.get("time_entries", []),
        "contacts": result.get("contacts", []),
        "created": result.get("new_youths", []),
        "hours": Decimal(result.get("hours") or "0"),
        "already": not created,
        "received_at": received.received_at,
    }


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
            _entry_context(form, YouthQuickCreateForm(prefix="new"), selected=[], new_youths=[]),
        )

    def post(self, request):
        form = QuickEntryForm(data=request.POST, user=request.user)
        ids = inputs.get_ids(request.POST, "youths", label="Un jeune rencontré")
        selected = list(_visible_youths(request.user).filter(pk__in=ids).select_related("commune"))
        new_youths = new_youths_posted(
            inputs.get_texts(request.POST, "new_youths", label="Nouveaux jeunes")
        )
        submission = submit(
            form,
            lambda: services.quick_entry_record(
                client_uuid=form.cleaned_data["client_uuid"] or uuid.uuid4(),
                by=request.user,
                dispositif=form.cleaned_data["dispositif"],
                date=form.cleaned_data["date"],
                hours_by_activity=form.hours_by_activity(),
                online_hours=form.online_hours(),
                persons=selected,
                new_youths=new_youths,
                mode=form.cleaned_data["mode"],
                commune=form.cleaned_data["commune"],
                quartier=form.cleaned_data["quartier"],
            ),
        )
        result = received = None
        if submission.ok:
            received, created = submission.result
            result = entry_summary(received, created=created)
            # A fresh form for the next entry, with the same day, place and dispositif.
            keep = {
                key: request.POST.get(key, "")
                for key in ("dispositif", "date", "commune", "quartier", "mode")
            }
            form = QuickEntryForm(initial=keep, user=request.user)
            selected = []
            new_youths = []
        context = _entry_context(
            form,
            YouthQuickCreateForm(
                prefix="new", initial={"commune": request.POST.get("commune") or None}
            ),
            selected=selected,
            new_youths=[(youth, new_youth_data(youth)) for youth in new_youths],
            result=result,
            validated_reports=received.result.get("validated_reports", []) if received else [],
        )
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
    """Add a youth found by the search to the entry (a chip with a hidden input) — once: a
    youth already in the entry is not added again, and the user is told so."""
    _require(perms.can_record(request.user))
    youth = get_object_or_404(
        _visible_youths(request.user), pk=inputs.get_id(request.POST, "youth", label="Le jeune")
    )
    already = youth.pk in inputs.get_ids(request.POST, "youths", label="Un jeune rencontré")
    _log_page(request, [youth])
    context = {"youth": youth, "already": already, "reset": bool(request.POST.get("reset"))}
    if context["reset"]:
        # Chosen among the likely duplicates: the new-youth form starts again, empty.
        context["youth_form"] = YouthQuickCreateForm(
            prefix="new", initial={"commune": request.POST.get("commune") or None}
        )
    return render(request, "prevention/includes/youth_chip_added.html", context)


@require_POST
def youth_quick_create(request):
    """Offer a youth met for the first time in the entry (pseudonym, sex, approximate age,
    commune — the entry's by default). Nothing is created here: the youth is created with the
    entry, in its transaction. Likely duplicates are shown first, with the choice between one
    of them and a new youth."""
    _require(perms.can_record(request.user))
    form = YouthQuickCreateForm(request.POST, prefix="new")
    dispositifs = user_dispositifs(request.user)
    chosen = inputs.get_id(request.POST, "dispositif", label="Le dispositif", required=False)
    dispositif = dispositifs.filter(pk=chosen).first() if chosen else dispositifs.first()
    if dispositif is None:
        raise inputs.InputError("Ce dispositif n'est pas l'un des vôtres.")
    context = {"youth_form": form}
    if form.is_valid():
        data = form.cleaned_data
        youth = services.NewYouth(
            pseudonym=data["pseudonym"].strip(),
            sex=data["sex"],
            age=data["age"],
            commune=data["commune"],
            distinct=data["distinct"],
        )
        try:
            services.check_new_youth(
                pseudonym=youth.pseudonym, sex=youth.sex, age=youth.age, commune=youth.commune
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return render(request, "prevention/includes/youth_create_form.html", context)
        in_entry = {
            y.key
            for y in new_youths_posted(
                inputs.get_texts(request.POST, "new_youths", label="Nouveaux jeunes")
            )
        }
        if youth.key in in_entry:
            form.add_error(None, f"« {youth.describe()} » est déjà dans la saisie.")
            return render(request, "prevention/includes/youth_create_form.html", context)
        duplicates = []
        if not youth.distinct and dispositif is not None:
            duplicates = services.likely_duplicates(
                candidates=Person.objects.visible_to(request.user).in_services(
                    [dispositif.service_id]
                ),
                pseudonym=youth.pseudonym,
                sex=youth.sex,
                age=youth.age,
                commune=youth.commune,
            )
        if duplicates:
            _log_page(request, duplicates)
            context.update({"duplicates": duplicates, "youth": youth})
            return render(request, "prevention/includes/youth_create_form.html", context)
        context.update(
            {
                "new_youth": youth,
                "data": new_youth_data(youth),
                "youth_form": YouthQuickCreateForm(
                    prefix="new", initial={"commune": request.POST.get("commune") or None}
                ),
            }
        )
        return render(request, "prevention/includes/youth_created.html", context)
    return render(request, "prevention/includes/youth_create_form.html", context)
