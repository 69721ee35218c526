"""Prevention's filtered and paginated lists, and the alerts."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from prevention import perms
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
)
from prevention.views.common import (
    _log_page,
    _paginate,
    _require,
)
from rl_portal.models import Person

# --------------------------------------------------------------------------------------------
# Lists
# --------------------------------------------------------------------------------------------


def _list_view(request, *, queryset, filterset_class, template, title, extra=None, person_of=None):
    _require(perms.can_read(request.user))
    filterset = filterset_class(request.GET, queryset=queryset, user=request.user)
    page = _paginate(request, filterset.qs)
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
    )


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
    if not perms.can_reopen(request.user) and not (request.user.reads_all_services):
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
