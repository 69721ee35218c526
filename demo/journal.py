"""The audit journal of the rows the demo writes in bulk.

The services save one row at a time and django-auditlog journals each creation; `bulk_create`
bypasses its signals. For the large volumes the demo writes in bulk, `journal_creations` writes
the entries auditlog would have written (same diff, same text, the same author) in one INSERT.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

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

from rl_portal.models import User


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


def _insert(rows: list[tuple], action: int) -> None:
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
        "additional_data": None,
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
