"""Base classes of the apps' API viewsets (apart from rl_portal.drf, which DRF's settings import
at start-up and which therefore cannot import DRF's views)."""

from __future__ import annotations

from rest_framework import permissions, viewsets
from rest_framework.response import Response

from rl_portal.audit import Channel, log_person_access
from rl_portal.drf import AuditedViewSetMixin, ModelPermissions


class ServiceViewSet(AuditedViewSetMixin, viewsets.GenericViewSet):
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

    def _log(self, records):
        persons = [getattr(record, self.person_attribute) for record in records]
        log_person_access(
            actor=self.request.user, persons=persons, channel=Channel.API, request=self.request
        )

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        self._log(page)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        record = self.get_object()
        self._log([record])
        return Response(self.get_serializer(record).data)
