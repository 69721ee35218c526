"""The audit journal's own entry points.

Reads: django-auditlog records every change; it records reads only for detail views that call
get_object(). Each page, API response or export that discloses a person's record calls
`log_person_access` here instead, so that the read journal has one entry point.

Writes in bulk: auditlog journals a model's `save()` and `delete()` (a queryset's `.delete()`
too: Django sends the signals row by row when a model has receivers), but `bulk_create`,
`bulk_update` and a queryset's `.update()` bypass it. A write of personal data that needs them
goes through `bulk_create_journalled` or `update_journalled`, which write the entries auditlog
would have written; tests/rl_portal/test_journal_guard.py fails on any other bulk write of a
model of personal data (persons, staff, the models declared in rl_portal.anonymisation) or
of any other journalled model (the référentiels).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import contextmanager

from auditlog.cid import get_cid
from auditlog.diff import (
    get_field_value,
    get_fields_in_model,
    get_mask_function,
    model_instance_diff,
)
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.utils import timezone
from django.utils.encoding import smart_str

from rl_portal.models import Person, User


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


# --------------------------------------------------------------------------------------------
# Writes in bulk
# --------------------------------------------------------------------------------------------


def _tracked_fields(model: type[models.Model]) -> list:
    """The fields auditlog diffs for `model`, with its include and exclude lists applied."""
    fields = set(get_fields_in_model(model()))
    options = auditlog.get_model_fields(model)
    if options["include_fields"]:
        fields = {f for f in fields if f.name in options["include_fields"]}
    if options["exclude_fields"]:
        fields = {f for f in fields if f.name not in options["exclude_fields"]}
    return list(fields)


def creation_changes(obj: models.Model, fields: list | None = None) -> dict | None:
    """What auditlog's `model_instance_diff(None, obj)` returns for a new row, without diffing
    against an empty instance field by field (the slow part for tens of thousands of rows):
    every tracked field with a value, from "None", masked where the model masks it."""
    model = type(obj)
    if fields is None:
        fields = _tracked_fields(model)
    options = auditlog.get_model_fields(model)
    use_json = settings.AUDITLOG_STORE_JSON_CHANGES
    changes = {}
    for field in fields:
        value = get_field_value(obj, field, use_json)
        if value == _EMPTY:
            continue
        if field.name in options["mask_fields"]:
            mask = get_mask_function(options.get("mask_callable"))
            changes[field.name] = (mask(_EMPTY), mask(smart_str(value)))
        else:
            changes[field.name] = (_EMPTY, smart_str(value))
    return changes or None


# The "old" value of every field of a row being created, as auditlog writes it.
_EMPTY = "None"


def journal_creations(
    objects: Iterable[models.Model],
    *,
    actor: User | None = None,
    actor_of: Callable[[models.Model], User | None] | None = None,
) -> int:
    """Journal the creation of `objects`, already saved in bulk, by `actor` (or `actor_of(obj)`):
    the entries auditlog writes when a service saves them one by one. Returns their number."""
    rows = []
    fields_of: dict[type, list] = {}
    content_types: dict[type, ContentType] = {}
    for obj in objects:
        model = type(obj)
        if model not in fields_of:
            if not auditlog.contains(model):
                raise ValueError(f"{model.__name__} n'est pas journalisé.")
            fields_of[model] = _tracked_fields(model)
            content_types[model] = ContentType.objects.get_for_model(model)
        if settings.AUDITLOG_STORE_JSON_CHANGES:
            changes = model_instance_diff(None, obj, use_json_for_changes=True)
        else:
            changes = creation_changes(obj, fields_of[model])
        if changes:
            author = actor_of(obj) if actor_of else actor
            rows.append((content_types[model].pk, obj.pk, smart_str(obj), changes, author))
    _insert(rows, LogEntry.Action.CREATE)
    return len(rows)


def _insert(rows: list[tuple], action: int, additional_data: dict | None = None) -> None:
    """Write journal entries (content type id, object pk, text, changes, author) with one
    statement per thousand rows. `LogEntry.objects.bulk_create` builds a model instance and
    prepares fifteen values per entry; the demo writes some forty thousand entries, of which only
    five values vary."""
    if not rows:
        return
    fields = {field.name: field for field in LogEntry._meta.concrete_fields}
    constant = {
        "action": action,
        "cid": get_cid(),
        "timestamp": timezone.now(),
        "changes_text": "",
        "serialized_data": None,
        "additional_data": additional_data,
        "remote_addr": None,
        "remote_port": None,
    }
    names = [
        "content_type",
        "object_pk",
        "object_id",
        "object_repr",
        "changes",
        "actor",
        "actor_email",
        *constant,
    ]
    prepared = [
        fields[name].get_db_prep_save(value, connection) for name, value in constant.items()
    ]
    changes_field = fields["changes"]
    columns = ", ".join(connection.ops.quote_name(fields[name].column) for name in names)
    placeholders = ", ".join(["%s"] * len(names))
    table = connection.ops.quote_name(LogEntry._meta.db_table)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"
    values = [
        (
            content_type,
            str(pk),
            pk if isinstance(pk, int) else None,
            text,
            changes_field.get_db_prep_save(changes, connection),
            author.pk if author else None,
            getattr(author, "email", None) if author else None,
            *prepared,
        )
        for content_type, pk, text, changes, author in rows
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(values), 1000):
            cursor.executemany(sql, values[start : start + 1000])


def journal_m2m_additions(
    additions: Iterable[tuple[models.Model, list[models.Model]]],
    field_name: str,
    *,
    actor: User | None = None,
) -> int:
    """Journal, for each (instance, related objects) pair, the objects added to the registered
    many-to-many `field_name`: auditlog journals an `.add()` as one update entry."""
    rows = [
        (
            ContentType.objects.get_for_model(instance).pk,
            instance.pk,
            smart_str(instance),
            {
                field_name: {
                    "type": "m2m",
                    "operation": "add",
                    "objects": [smart_str(obj) for obj in related],
                }
            },
            actor,
        )
        for instance, related in additions
        if related
    ]
    _insert(rows, LogEntry.Action.UPDATE)
    return len(rows)


def bulk_create_journalled(
    objects: Iterable[models.Model],
    *,
    actor: User | None = None,
    actor_of: Callable[[models.Model], User | None] | None = None,
    batch_size: int | None = None,
) -> list[models.Model]:
    """`bulk_create` the objects (all of one model) and journal each creation as auditlog
    would have (`journal_creations`). Returns the saved objects."""
    objects = list(objects)
    if not objects:
        return objects
    model = type(objects[0])
    saved = model._default_manager.bulk_create(objects, batch_size=batch_size)
    journal_creations(saved, actor=actor, actor_of=actor_of)
    return saved


def update_journalled(
    queryset: models.QuerySet, *, actor: User | None, journal_data: dict | None = None, **values
) -> int:
    """`queryset.update(**values)` with one update entry per changed row, old and new values
    as auditlog writes them (masked where the model masks them), `journal_data` as the
    entries' additional data (why: an anonymisation). Plain values only: an F() expression's
    result is not known before the update. Returns the number of rows changed."""
    model = queryset.model
    if not auditlog.contains(model):
        raise ValueError(f"{model.__name__} n'est pas journalisé.")
    options = auditlog.get_model_fields(model)
    mask = get_mask_function(options.get("mask_callable"))
    fields = [model._meta.get_field(name) for name in values]
    rows = []
    changed = []
    for obj in queryset.only("pk", *[field.attname for field in fields]):
        changes = {}
        for field in fields:
            old = smart_str(get_field_value(obj, field))
            setattr(obj, field.attname, values[field.name])
            new = smart_str(get_field_value(obj, field))
            if old == new:
                continue
            if field.name in options["mask_fields"]:
                old, new = mask(old), mask(new)
            changes[field.name] = (old, new)
        if changes:
            changed.append(obj.pk)
            rows.append((ContentType.objects.get_for_model(model).pk, obj.pk, "", changes, actor))
    if not changed:
        return 0
    # The text of each object as `str()` gives it, read after the update.
    count = model._default_manager.filter(pk__in=changed).update(**values)
    texts = {obj.pk: smart_str(obj) for obj in model._default_manager.filter(pk__in=changed)}
    _insert(
        [(ct, pk, texts[pk], changes, who) for ct, pk, _, changes, who in rows],
        LogEntry.Action.UPDATE,
        journal_data,
    )
    return count
