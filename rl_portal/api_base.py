"""Base classes of the apps' API viewsets and serializers (apart from rl_portal.drf, which DRF's
settings import at start-up and which therefore cannot import DRF's views)."""

from __future__ import annotations

from collections.abc import Iterable

from rest_framework import permissions, serializers, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from reportkit.numbers import parse_hours
from rl_portal.audit import Channel, log_person_access
from rl_portal.drf import AuditedViewSetMixin, ModelPermissions
from rl_portal.inputs import INT_MAX
from rl_portal.models import Dispositif, User


class IntegerField(serializers.IntegerField):
    """DRF's IntegerField bounded by what every database column holds (-INT_MAX to INT_MAX)
    unless narrower bounds are given: a larger number is a 400, not an overflow in SQLite or
    PostgreSQL. Every integer the API reads by hand is one of these."""

    def __init__(self, **kwargs):
        if not kwargs.get("read_only"):
            kwargs.setdefault("max_value", INT_MAX)
            kwargs.setdefault("min_value", -INT_MAX)
        super().__init__(**kwargs)


class VersionField(IntegerField):
    """The version of the record read (0 and up): the check of concurrent edits."""

    def __init__(self, **kwargs):
        if not kwargs.get("read_only"):
            kwargs.setdefault("min_value", 0)
        super().__init__(**kwargs)


class DispositifField(serializers.SlugRelatedField):
    """A dispositif named by its code, among `codes` (those of the app)."""

    def __init__(self, codes: Iterable[str], **kwargs):
        super().__init__(
            slug_field="code", queryset=Dispositif.objects.filter(code__in=list(codes)), **kwargs
        )


class HoursField(serializers.DecimalField):
    """Hours as every hours field reads them (reportkit.numbers.parse_hours): 2.5, "2,5",
    "2h30" or "2:30"; answered as a decimal."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 5)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        try:
            data = parse_hours(data)
        except ValueError as error:
            raise serializers.ValidationError(str(error)) from None
        return super().to_internal_value(data)


class ScopedSerializer(serializers.ModelSerializer):
    """Related records offered to the API are those the user may see: an id outside them is
    refused as unknown, exactly as the pages answer 404.

    `scoped_fields` maps a field to the model whose `visible_to(user)` it chooses from;
    `scope_fields(user)` narrows other fields. With `version_message`, an update must say which
    version it modifies (HTTP 409 if someone saved since)."""

    scoped_fields: dict[str, type] = {}
    version_message = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        user = getattr(request, "user", None)
        for name, model in self.scoped_fields.items():
            field = self.fields.get(name)
            if field is None or field.read_only:
                continue
            queryset = model.objects.visible_to(user)
            if isinstance(field, serializers.ManyRelatedField):
                field.child_relation.queryset = queryset
            else:
                field.queryset = queryset
        self.scope_fields(user)

    def scope_fields(self, user) -> None:
        """Narrow the choices of fields that `visible_to` does not scope (none by default)."""

    def include_extra_kwargs(self, kwargs, extra_kwargs):
        # DRF drops allow_blank from read-only fields, so the schema would give a blank choice
        # (an accompaniment not yet closed has end_reason "") an enum that excludes "".
        allow_blank = kwargs.get("allow_blank", False)
        kwargs = super().include_extra_kwargs(kwargs, extra_kwargs)
        if allow_blank and kwargs.get("read_only"):
            kwargs["allow_blank"] = True
        return kwargs

    def save(self, **kwargs):
        """Write through the app's service, then answer with the record as a read gives it:
        fetched again through the view's scoped queryset (a service returns the record with
        whatever it loaded — every service following a person, for instance)."""
        instance = super().save(**kwargs)
        view = self.context.get("view")
        if isinstance(view, ScopedResponsesMixin):
            self.instance = view.scoped_record(instance)
            self.__dict__.pop("_data", None)
        return self.instance

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if self.version_message and self.instance is not None and "version" not in attrs:
            raise serializers.ValidationError({"version": self.version_message})
        return attrs

    @property
    def user(self) -> User:
        return self.context["request"].user


class ScopedResponsesMixin:
    """Every response of a write (create, update, PATCH, an action such as close or exit) is
    built from the same scoped queryset as a read, and journalled as one."""

    def journal_reads(self, records) -> None:
        """Journal the persons these records show (none by default)."""

    def scoped_record(self, record):
        """`record` fetched again through `get_queryset()` (scoped, with its scoped
        prefetches), its read journalled; 404 if the user may no longer see it."""
        fresh = self.get_queryset().filter(pk=record.pk).first()
        if fresh is None:
            raise NotFound()
        self.journal_reads([fresh])
        return fresh

    def scoped_response(self, record, **kwargs) -> Response:
        """The answer to a write on `record`, as a read of it would give it."""
        return Response(self.get_serializer(self.scoped_record(record)).data, **kwargs)


class ServiceViewSet(ScopedResponsesMixin, AuditedViewSetMixin, viewsets.GenericViewSet):
    """Records scoped by `visible_to`, with model permissions; writes go to the serializers,
    which call the app's services."""

    permission_classes = [permissions.IsAuthenticated, ModelPermissions]
    related = ()
    prefetch = ()
    ordering = ("-pk",)

    def get_queryset(self):
        return (
            self.queryset.model.objects.visible_to(self.request.user)
            .select_related(*self.related)
            .prefetch_related(*self.prefetch)
            .order_by(*self.ordering)
        )


class PersonReadsMixin:
    """Responses that name persons are journalled as reads (one row per person shown)."""

    person_attribute = "person"

    def journal_reads(self, records) -> None:
        persons = [getattr(record, self.person_attribute) for record in records]
        log_person_access(
            actor=self.request.user,
            persons=[person for person in persons if person is not None],
            channel=Channel.API,
            request=self.request,
        )

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        self.journal_reads(page)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        record = self.get_object()
        self.journal_reads([record])
        return Response(self.get_serializer(record).data)
