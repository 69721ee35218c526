"""Browser side of the shared domain: home pages, persons."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.http import require_GET, require_POST

from rl_portal import indicators, perms, rgpd, services
from rl_portal.audit import Channel, log_person_access
from rl_portal.duplicates import duplicates_shown
from rl_portal.form_helpers import submit
from rl_portal.forms import AnonymiseForm, LoginForm, PersonFilterForm, PersonForm
from rl_portal.home import home_panels
from rl_portal.models import CaseFile, HouseholdMember, Person
from rl_portal.roles import Role
from rl_portal.sections import render_person_sections
from rl_portal.widgets import MIN_LENGTH, PERSON_PICKERS

PERSONS_PER_PAGE = 25


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, "Votre mot de passe a été modifié.")
        return response


@require_GET
def home(request):
    """The landing page of each role, with figures computed from the records."""
    user = request.user
    today = timezone.localdate()
    context = {"today": today, "role": user.primary_role}
    if perms.can_read_persons(user):
        context["persons_table"] = indicators.persons_by_service(user=user, today=today)
    if user.has_role(Role.DIRECTION, Role.SECRETARIAT, Role.ADMINISTRATEUR) or user.is_superuser:
        context["funding_table"] = indicators.funding_summary(today=today)
    context.update(home_panels(request, today))
    return render(request, "rl_portal/home.html", context)


class PersonListView(View):
    """Persons visible to the user, filtered and paginated. Searching by name is a POST so
    that the text searched for stays out of URLs; htmx requests get the results only."""

    def dispatch(self, request, *args, **kwargs):
        if not perms.can_read_persons(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        filters = request.GET.copy()
        filters.pop("q", None)  # a name typed in a URL would end up in server logs
        return self.render_list(request, filters)

    def post(self, request):
        return self.render_list(request, request.POST)

    def render_list(self, request, data):
        form = PersonFilterForm(data=data, user=request.user)
        persons = form.filter(
            Person.objects.visible_to(request.user)
            .select_related("commune", "quartier")
            .prefetch_related(visible_case_files(request.user))
            .order_by("pseudonym", "pk")
        )
        page = Paginator(persons, PERSONS_PER_PAGE).get_page(data.get("page"))
        log_person_access(
            actor=request.user, persons=page.object_list, channel=Channel.PAGE, request=request
        )
        context = {
            "form": form,
            "page": page,
            "can_create": perms.can_create_person(request.user),
        }
        template = (
            "rl_portal/includes/person_results.html"
            if request.htmx
            else "rl_portal/person_list.html"
        )
        return render(request, template, context)


class PersonCreateView(View):
    template_name = "rl_portal/person_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not perms.can_create_person(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        form = PersonForm(user=request.user)
        return render(request, self.template_name, {"form": form})

    def post(self, request):
        form = PersonForm(data=request.POST, user=request.user)
        submission = submit(
            form,
            lambda: services.person_create(
                data=form.person_data(),
                service=form.cleaned_data["service"],
                by=request.user,
                distinct=form.cleaned_data["distinct"],
            ),
        )
        if submission.ok:
            person = submission.result
            messages.success(request, f"« {person.pseudonym} » est enregistré(e).")
            return redirect("person-detail", pk=person.pk)
        context = {"form": form, "duplicates": duplicates_shown(request, submission)}
        return render(request, self.template_name, context, status=submission.status)


class PersonUpdateView(View):
    template_name = "rl_portal/person_form.html"

    def get_person(self, request, pk) -> Person:
        person = get_object_or_404(Person.objects.visible_to(request.user), pk=pk)
        if not perms.can_change_person(request.user, person):
            raise PermissionDenied
        return person

    def get(self, request, pk):
        person = self.get_person(request, pk)
        log_person_access(actor=request.user, persons=person, channel=Channel.PAGE, request=request)
        form = PersonForm(instance=person, user=request.user)
        return render(request, self.template_name, {"form": form, "person": person})

    def post(self, request, pk):
        person = self.get_person(request, pk)
        form = PersonForm(data=request.POST, instance=person, user=request.user)
        submission = submit(
            form,
            lambda: services.person_update(
                person=person,
                data=form.person_data(),
                version=form.cleaned_data["version"],
                by=request.user,
            ),
        )
        if submission.ok:
            messages.success(request, "Modifications enregistrées.")
            return redirect("person-detail", pk=person.pk)
        # The user's input stays in the form; nothing was written.
        context = {"form": form, "person": person}
        if submission.conflict:
            context["conflict"] = True
        return render(request, self.template_name, context, status=submission.status)


@require_GET
def person_detail(request, pk):
    person = get_object_or_404(
        Person.objects.visible_to(request.user).select_related("commune__epci", "quartier"),
        pk=pk,
    )
    log_person_access(actor=request.user, persons=person, channel=Channel.PAGE, request=request)
    context = {
        "person": person,
        # Only the user's services' files: which other services follow the person is not theirs
        # to know (the direction sees them all).
        "case_files": CaseFile.objects.visible_to(request.user)
        .filter(person=person)
        .select_related("service", "opened_by"),
        "households": person.households.visible_to(request.user).prefetch_related(
            Prefetch(
                "memberships",
                queryset=HouseholdMember.objects.visible_to(request.user).select_related("person"),
            )
        ),
        "can_change": perms.can_change_person(request.user, person),
        "can_export": perms.can_export_person(request.user, person),
        "can_anonymise": perms.can_anonymise_person(request.user, person),
        "sections": render_person_sections(request, person),
    }
    return render(request, "rl_portal/person_detail.html", context)


@require_GET
def person_export(request, pk):
    """Droit d'accès: everything held about the person, as a JSON file."""
    person = get_object_or_404(
        Person.objects.visible_to(request.user).select_related("commune", "quartier"), pk=pk
    )
    if not perms.can_export_person(request.user, person):
        raise PermissionDenied
    log_person_access(actor=request.user, persons=person, channel=Channel.EXPORT, request=request)
    response = JsonResponse(
        rgpd.person_export_data(person), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    # The file name carries the id only: no name in a download history.
    response["Content-Disposition"] = f'attachment; filename="personne-{person.pk}.json"'
    return response


class PersonAnonymiseView(View):
    template_name = "rl_portal/person_anonymise.html"

    def get_person(self, request, pk) -> Person:
        person = get_object_or_404(Person.objects.visible_to(request.user), pk=pk)
        if not perms.can_anonymise_person(request.user, person):
            raise PermissionDenied
        return person

    def get(self, request, pk):
        person = self.get_person(request, pk)
        return render(request, self.template_name, {"person": person, "form": AnonymiseForm()})

    def post(self, request, pk):
        person = self.get_person(request, pk)
        form = AnonymiseForm(request.POST)
        submission = submit(
            form,
            lambda: services.person_anonymise(
                person=person, by=request.user, reason=form.cleaned_data["reason"]
            ),
        )
        if submission.ok:
            messages.success(request, "La personne a été anonymisée.")
            return redirect("person-detail", pk=person.pk)
        return render(
            request, self.template_name, {"person": person, "form": form}, status=submission.status
        )


def visible_case_files(user) -> Prefetch:
    """Prefetch of a person's case files limited to those the user may see."""
    return Prefetch(
        "case_files", queryset=CaseFile.objects.visible_to(user).select_related("service")
    )


@require_POST
def person_pick(request):
    """A person picker's search (rl_portal/widgets.py): the first persons matching the text
    among those the picker offers this user, with what tells namesakes apart. POST only: the
    text searched for stays out of URLs and logs. Every person shown is journalled as read."""
    picker = PERSON_PICKERS.get(request.POST.get("picker", ""))
    if picker is None:
        return HttpResponseBadRequest("Recherche de personne inconnue.")
    field = request.POST.get("field", "")
    text = request.POST.get(f"{field}__q", "")[:80].strip()
    persons, more = picker.search(request.user, text)
    log_person_access(actor=request.user, persons=persons, channel=Channel.PAGE, request=request)
    context = {
        "persons": persons,
        "more": more,
        "text": text,
        "last_seen_label": picker.last_seen_label,
        "min_length": MIN_LENGTH,
    }
    # A fragment: rendered without the page's context processors (the menu's queries).
    return HttpResponse(render_to_string("components/person_picker_results.html", context))


@login_not_required
def healthcheck(request):
    """For the reverse proxy / monitoring: no data, no session."""
    return HttpResponse("ok", content_type="text/plain")


def bad_request(request, exception=None):
    """HTTP 400: the French message of a refused input (rl_portal.inputs.InputError), else a
    general one. Never the text of other exceptions: it could hold data or internals."""
    from rl_portal.inputs import InputError

    message = (
        exception.message
        if isinstance(exception, InputError)
        else "La demande n'a pas pu être comprise."
    )
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=400)
    return render(request, "400.html", {"message": message}, status=400)


def page_not_found(request, exception=None):
    """HTTP 404: the page, or under /api/ the JSON the schema documents (an address the API's
    routes do not match, such as /api/v1/persons/abc/, is answered like an unknown id)."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Introuvable."}, status=404)
    return render(request, "404.html", status=404)
