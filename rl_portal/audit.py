"""Journal of reads of personal data.

django-auditlog records every change; it records reads only for detail views that call
get_object(). Each page, API response or export that discloses a person's record calls
`log_person_access` here instead, so that the read journal has one entry point.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import contextmanager

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from rl_portal.models import Person


class Channel:
    PAGE = "page"
    API = "api"
    EXPORT = "export"
    ADMIN = "admin"
    COMMAND = "commande"


def _client_address(request) -> str | None:
    # The same address as the login throttling (axes honours TRUSTED_PROXY_COUNT).
    if request is None:
        return None
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request)


def log_person_access(
    *, actor, persons: Iterable[Person] | Person, channel: str, request=None
) -> int:
    """Record that `actor` read these persons' records through `channel` (one row per person,
    in one INSERT). Returns the number of rows written."""
    if isinstance(persons, Person):
        persons = [persons]
    persons = list(persons)
    if not persons:
        return 0
    content_type = ContentType.objects.get_for_model(Person)
    remote_addr = _client_address(request)
    entries = [
        LogEntry(
            content_type=content_type,
            object_pk=str(person.pk),
            object_id=person.pk,
            # The pseudonym is not copied into the journal: the id is enough to find the
            # record, and an anonymised person must not stay named in the audit trail.
            object_repr=f"Personne n° {person.pk}",
            action=LogEntry.Action.ACCESS,
            changes={},
            actor=actor if actor is not None and actor.is_authenticated else None,
            remote_addr=remote_addr,
            additional_data={"canal": channel},
        )
        for person in persons
    ]
    LogEntry.objects.bulk_create(entries)
    return len(entries)


def bind_audit_actor(user) -> None:
    """Name `user` as the author of the changes journalled in the current request.

    AuditlogMiddleware reads request.user before DRF has authenticated an API token, so the API
    views call this once authentication is done."""
    from auditlog.context import auditlog_value

    try:
        context = auditlog_value.get()
    except LookupError:
        return
    if user is not None and user.is_authenticated:
        context["actor"] = user


@contextmanager
def journal_note(*, actor=None, **additional_data):
    """Journal the changes made inside the block as done by `actor` (None for a scheduled job),
    with `additional_data` (a reason, the kind of operation)."""
    from auditlog.context import auditlog_value, set_extra_data

    # Only what is given is used: a context left by an earlier request in this thread must not
    # lend its actor to a job.
    context = {"actor": actor, "additional_data": additional_data}
    # set_extra_data does not restore the previous context: the token does.
    token = auditlog_value.set({})
    try:
        with set_extra_data(context):
            yield
    finally:
        auditlog_value.reset(token)
