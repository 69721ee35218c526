"""The Django admin, for administrators only, scoped like the pages.

Only administrators sign in to the admin (`RLAdminSite.has_permission`, the answer of
`perms.can_use_admin`); chefs de service keep their référentiels in the application's own pages
(`/referentiels/`). What the admin shows is still scoped with `visible_to(user)`, as every page
and the API are, so that no path of the admin reads or links a record outside it: the lists and
the objects (`get_queryset`), the choices of every foreign key and many-to-many field, the
labels printed next to raw-id fields and the autocomplete answers. Each of them that names a
person is journalled as a read (channel « admin »).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import ForeignKeyRawIdWidget
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.text import Truncator


def is_scoped_model(model: type[models.Model]) -> bool:
    """Whether `model` holds personal data scoped by a `visible_to(user)` queryset method."""
    return callable(getattr(model._default_manager.all(), "visible_to", None))


def scoped_queryset(model: type[models.Model], user, queryset=None):
    """`queryset` (all of `model` by default) narrowed to what `user` may see: `visible_to` for
    personal data; services and dispositifs to the user's own unless they read every service;
    other référentiels unchanged."""
    from rl_portal.models import Dispositif, Service

    if queryset is None:
        queryset = model._default_manager.all()
    if is_scoped_model(model):
        return queryset.visible_to(user)
    if model in (Service, Dispositif) and not getattr(user, "reads_all_services", False):
        field = "pk" if model is Service else "service_id"
        return queryset.filter(**{f"{field}__in": getattr(user, "service_ids", ())})
    return queryset


def persons_named_by(record: models.Model | None) -> list:
    """The persons a record's label or page may name: the record itself when it is a person,
    else the persons its foreign keys lead to, through records of personal data (a rent → its
    stay → the person housed)."""
    from rl_portal.models import Person

    found: list = []

    def walk(obj, depth):
        if obj is None:
            return
        if isinstance(obj, Person):
            found.append(obj)
            return
        if depth == 0:
            return
        for field in obj._meta.concrete_fields:
            if not field.many_to_one or field.related_model is None:
                continue
            if field.related_model is Person or is_scoped_model(field.related_model):
                walk(getattr(obj, field.name), depth - 1)

    walk(record, 2)
    unique = {person.pk: person for person in found}
    return list(unique.values())


def journal_admin_reads(request, records: Iterable[models.Model]) -> None:
    """Journal, as reads through the admin, the persons these records name."""
    from rl_portal.audit import Channel, log_person_access

    persons = {}
    for record in records:
        for person in persons_named_by(record):
            persons[person.pk] = person
    if persons:
        log_person_access(
            actor=request.user, persons=persons.values(), channel=Channel.ADMIN, request=request
        )


class ScopedForeignKeyRawIdWidget(ForeignKeyRawIdWidget):
    """The raw-id field's label is looked up among the records the user may see (Django's reads
    the whole table: `?person=<id>` printed any person's pseudonym); a label that names a person
    is journalled."""

    def __init__(self, rel, admin_site, *, request, **kwargs):
        super().__init__(rel, admin_site, **kwargs)
        self.request = request

    def label_and_url_for_value(self, value):
        model = self.rel.model
        key = self.rel.get_related_field().name
        queryset = scoped_queryset(model, self.request.user, model._default_manager.using(self.db))
        try:
            obj = queryset.get(**{key: value})
        except (ValueError, TypeError, model.DoesNotExist, ValidationError):
            return "", ""
        journal_admin_reads(self.request, [obj])
        try:
            url = reverse(
                f"{self.admin_site.name}:{obj._meta.app_label}_{obj._meta.model_name}_change",
                args=(obj.pk,),
            )
        except NoReverseMatch:
            url = ""
        return Truncator(obj).words(14), url


class ScopedAdminMixin:
    """For every ModelAdmin and inline of the project (personal data or not): querysets, field
    choices, raw-id labels scoped with `visible_to(user)`; the records shown journalled."""

    def get_queryset(self, request):
        return scoped_queryset(self.model, request.user, super().get_queryset(request))

    def get_field_queryset(self, db, db_field, request):
        queryset = super().get_field_queryset(db, db_field, request)
        model = db_field.remote_field.model
        if queryset is None:
            queryset = model._default_manager.using(db).all()
        return scoped_queryset(model, request.user, queryset)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.raw_id_fields:
            kwargs["widget"] = ScopedForeignKeyRawIdWidget(
                db_field.remote_field, self.admin_site, request=request, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            journal_admin_reads(request, self._shown_records(request, changelist.result_list))
        return response

    def _shown_records(self, request, rows) -> list[models.Model]:
        """The records a changelist prints: the rows when they are persons, else the persons'
        records its columns show (a stay's « personne », a rent's « séjour »)."""
        from rl_portal.models import Person

        if self.model is Person:
            return list(rows)
        columns = []
        for name in self.get_list_display(request):
            try:
                field = self.model._meta.get_field(name) if isinstance(name, str) else None
            except FieldDoesNotExist:
                continue
            related = field.related_model if field is not None and field.many_to_one else None
            if related is not None and (related is Person or is_scoped_model(related)):
                columns.append(name)
        return [getattr(row, name) for row in rows for name in columns]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and getattr(response, "status_code", 200) == 200:
            original = getattr(response, "context_data", {}).get("original")
            if original is not None:
                journal_admin_reads(request, [original])
        return response


class ScopedAutocompleteJsonView(AutocompleteJsonView):
    """Autocomplete answers come from the scoped `get_queryset` of the target's ModelAdmin; the
    persons they name are journalled."""

    def get(self, request, *args, **kwargs):
        self.shown = []
        response = super().get(request, *args, **kwargs)
        journal_admin_reads(request, self.shown)
        return response

    def serialize_result(self, obj, to_field_name):
        self.shown.append(obj)
        return super().serialize_result(obj, to_field_name)


class RLAdminSite(admin.AdminSite):
    """The admin site of the project: administrators only."""

    site_header = "RL Portal — administration"
    site_title = "RL Portal"
    index_title = "Administration"

    def has_permission(self, request):
        from rl_portal.perms import can_use_admin

        return can_use_admin(request.user)

    def autocomplete_view(self, request):
        return ScopedAutocompleteJsonView.as_view(admin_site=self)(request)
