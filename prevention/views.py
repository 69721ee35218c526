"""Browser side of prevention: quick entry, lists, accompaniments, collective actions, networks,
alerts. Views parse, call a service or a query, render; personal data only through visible_to."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.decorators.http import require_GET, require_POST

from prevention import perms, services
from prevention.filters import (
    AccompanimentFilter,
    CollectiveActionFilter,
    ContactFilter,
    TimeEntryFilter,
)
from prevention.forms import (
    AccompanimentCloseForm,
    AccompanimentForm,
    CollectiveActionForm,
    ContactForm,
    DeleteForm,
    InstanceMeetingForm,
    NetworkReceptionForm,
    QuickEntryForm,
    ReviewForm,
    TimeEntryForm,
    WorkedDomainForm,
    YouthQuickCreateForm,
    user_dispositifs,
)
from prevention.models import (
    Accompaniment,
    CollectiveAction,
    Contact,
    InstanceMeeting,
    NetworkReception,
    TimeEntry,
    WorkedDomain,
)
from rl_portal import inputs
from rl_portal.audit import Channel, log_person_access
from rl_portal.form_helpers import add_service_errors, submit
from rl_portal.models import Commune, Person, Sex
from rl_portal.widgets import PERSON_PICKERS

PER_PAGE = 30


def can_record(user) -> bool:
    return user.works_in_services and user_dispositifs(user).exists()


def can_read(user) -> bool:
    return user.has_perm("prevention.view_timeentry") and (
        user.reads_all_services or can_record(user)
    )


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _paginate(request, queryset):
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))


def _log_page(request, persons) -> None:
    log_person_access(actor=request.user, persons=persons, channel=Channel.PAGE, request=request)


def _visible_youths(user):
    return Person.objects.visible_to(user).in_services(
        [d.service_id for d in user_dispositifs(user)]
    )


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


class QuickEntryView(View):
    """Today's hours and youths met, in one screen, saved without leaving the page (htmx)."""

    template_name = "prevention/quick_entry.html"

    def dispatch(self, request, *args, **kwargs):
        _require(can_record(request.user))
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
            lambda: services.quick_entry_save(
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
        result = submission.result
        validated = []
        if submission.ok:
            from reporting.documents import validated_reports_covering

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
            new_youths = []
        context = _entry_context(
            form,
            YouthQuickCreateForm(
                prefix="new", initial={"commune": request.POST.get("commune") or None}
            ),
            selected=selected,
            new_youths=[(youth, new_youth_data(youth)) for youth in new_youths],
            result=result,
            validated_reports=validated,
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
    _require(can_record(request.user))
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
    _require(can_record(request.user))
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
    _require(can_record(request.user))
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
    _require(can_read(request.user))
    filterset = filterset_class(request.GET, queryset=queryset, user=request.user)
    page = _paginate(request, filterset.qs)
    if correctable:
        for record in page.object_list:
            record.can_correct = perms.can_correct(request.user, record)
    if person_of is not None:
        _log_page(request, [person_of(record) for record in page.object_list])
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filter": filterset, "page": page, "title": title, "query": query.urlencode()}
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
    from reporting.documents import validated_reports_covering

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
        _require(can_record(request.user))
        self.record = get_object_or_404(self.queryset(request), pk=kwargs["pk"])
        _require(perms.can_correct(request.user, self.record))
        return super().dispatch(request, *args, **kwargs)

    def queryset(self, request):
        return self.model.objects.visible_to(request.user).select_related(
            "dispositif__service", "educator", "commune", "quartier"
        )

    def persons(self) -> list:
        return []

    def update(self, *, data: dict, by, version):
        raise NotImplementedError

    def delete(self, *, by, version):
        raise NotImplementedError

    def render_page(self, request, form, status=200):
        context = {
            "form": form,
            "record": self.record,
            "action": self.action,
            "list_url": reverse(self.list_url),
            "title": self.title,
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
            form = self.form_class(instance=self.record)
        return self.render_page(request, form)

    def post(self, request, pk):
        before = self.record.date
        if self.action == "delete":
            form = DeleteForm(request.POST)
            submission = submit(
                form,
                lambda: self.delete(by=request.user, version=form.cleaned_data["version"]),
            )
        else:
            form = self.form_class(data=request.POST, instance=self.record)
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
        _validated_warning(request, self.record, *sorted({before, self.record.date}))
        return redirect(self.list_url)


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
        extra={"can_record": can_record(request.user)},
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
        extra={"can_record": can_record(request.user)},
    )


@require_GET
def alerts(request):
    """What needs the éducateur's attention: accompaniments without a review for 6 months,
    open accompaniments whose youth has not been met for 3 months. An éducateur sees the ones
    they are referent of; a chef de service and the direction see their whole services."""
    _require(can_read(request.user))
    today = timezone.localdate()
    accompaniments = Accompaniment.objects.visible_to(request.user).select_related(
        "person", "referent"
    )
    if not request.user.has_perm("prevention.reopen_accompaniment") and not (
        request.user.reads_all_services
    ):
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
        _require(can_record(request.user))
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
        _require(can_record(request.user))
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


@require_GET
def accompaniment_detail(request, pk):
    _require(can_read(request.user))
    accompaniment = _accompaniment(request, pk)
    log_person_access(
        actor=request.user, persons=accompaniment.person, channel=Channel.PAGE, request=request
    )
    context = {
        "accompaniment": accompaniment,
        "problematiques": accompaniment.problematiques.select_related("parent"),
        "co_accompaniments": accompaniment.co_accompaniments.select_related("partner"),
        "reorientations": accompaniment.reorientations.select_related("partner"),
        "worked_domains": accompaniment.worked_domains.select_related("educator"),
        "can_record": can_record(request.user),
        "can_reopen": request.user.has_perm("prevention.reopen_accompaniment")
        and can_record(request.user),
        "reopened_as": Accompaniment.objects.filter(reopened_from=accompaniment).first(),
        "close_form": AccompanimentCloseForm(accompaniment=accompaniment),
        "review_form": ReviewForm(),
        "domain_form": WorkedDomainForm(),
    }
    return render(request, "prevention/accompaniment_detail.html", context)


class AccompanimentCloseView(View):
    template_name = "prevention/accompaniment_close.html"

    def dispatch(self, request, *args, **kwargs):
        _require(can_record(request.user))
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
    _require(can_record(request.user))
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
    _require(can_record(request.user))
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
    _require(can_record(request.user))
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


# --------------------------------------------------------------------------------------------
# Collective actions
# --------------------------------------------------------------------------------------------


class CollectiveActionFormView(View):
    template_name = "prevention/collective_action_form.html"

    def dispatch(self, request, *args, **kwargs):
        _require(can_record(request.user))
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
    _require(can_read(request.user))
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
        "can_record": can_record(request.user),
    }
    return render(request, "prevention/collective_action_detail.html", context)


# --------------------------------------------------------------------------------------------
# Networks and territorial bodies
# --------------------------------------------------------------------------------------------


def _simple_record_view(request, *, model, form_class, create, template, title, ordering):
    _require(can_read(request.user))
    form = None
    if can_record(request.user):
        form = form_class(data=request.POST or None, user=request.user)
        if request.method == "POST":
            submission = submit(form, lambda: create(by=request.user, data=form.cleaned_data))
            if submission.ok:
                messages.success(request, "Enregistré.")
                return redirect(request.path)
    elif request.method == "POST":
        raise PermissionDenied
    records = (
        model.objects.visible_to(request.user).select_related("dispositif").order_by(*ordering)
    )
    context = {"form": form, "page": _paginate(request, records), "title": title}
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
    )


# --------------------------------------------------------------------------------------------
# The youth's page
# --------------------------------------------------------------------------------------------


def person_section(request, person) -> str | None:
    """The prevention part of a youth's page: contacts, accompaniments, actions and domaines
    travaillés, newest first — for users who read prevention records."""
    user = request.user
    if not can_read(user):
        return None
    contacts = list(
        Contact.objects.visible_to(user)
        .filter(person=person)
        .select_related("educator", "commune", "dispositif")
        .order_by("-date", "-pk")[:50]
    )
    for contact in contacts:
        contact.can_correct = perms.can_correct(user, contact)
    accompaniments = list(
        Accompaniment.objects.visible_to(user)
        .filter(person=person)
        .select_related("referent")
        .order_by("-start")
    )
    actions = list(
        CollectiveAction.objects.visible_to(user)
        .filter(participants=person)
        .select_related("commune")
        .order_by("-created_at")
    )
    domains = list(
        WorkedDomain.objects.visible_to(user)
        .filter(accompaniment__person=person)
        .select_related("educator")
        .order_by("-date", "-pk")[:50]
    )
    if not (contacts or accompaniments or actions or domains) and not can_record(user):
        return None
    open_accompaniment = next((a for a in accompaniments if a.is_open), None)
    return render_to_string(
        "prevention/includes/person_section.html",
        {
            "person": person,
            "contacts": contacts,
            "accompaniments": accompaniments,
            "actions": actions,
            "domains": domains,
            "en_accroche": bool(contacts) and not accompaniments,
            "can_record": can_record(user),
            "open_accompaniment": open_accompaniment,
            "new_accompaniment_url": reverse("prevention:accompaniment-create", args=[person.pk]),
        },
        request=request,
    )
