"""What prevention's pages share: permission refusal, pagination, posted ids, read journal."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator

from prevention import perms
from rl_portal.audit import Channel, log_person_access
from rl_portal.models import Person

PER_PAGE = 30


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _paginate(request, queryset):
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))


def _log_page(request, persons) -> None:
    log_person_access(actor=request.user, persons=persons, channel=Channel.PAGE, request=request)


def _visible_youths(user):
    return Person.objects.visible_to(user).in_services(
        set(perms.recording_dispositifs(user).values())
    )
