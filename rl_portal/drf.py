"""DRF plumbing shared by every app's API (kept apart from the endpoints: DRF's settings import
the pagination class and the exception handler from here at start-up)."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import pagination, permissions, status
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

from rl_portal.audit import bind_audit_actor
from rl_portal.inputs import InputError
from rl_portal.versioning import CONFLICT_MESSAGE, ConcurrentEditError


class PageNumberPagination(pagination.PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 200


def exception_handler(exc, context):
    """Service-layer errors become API errors: a concurrent edit is a 409, any other
    ValidationError a 400 with the French message of each field."""
    if isinstance(exc, ConcurrentEditError):
        return Response(
            {"detail": CONFLICT_MESSAGE, "code": "conflict"},
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, InputError):
        return Response({"detail": exc.message}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DjangoValidationError):
        exc = DRFValidationError(detail=as_serializer_error(exc))
    return drf_exception_handler(exc, context)


class ModelPermissions(permissions.DjangoModelPermissions):
    """Django's model permissions, reads included (the secrétariat has no view_person)."""

    perms_map = {
        **permissions.DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
    }


class AuditedViewSetMixin:
    """Binds the authenticated user (session or token) as the author of journalled changes."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        bind_audit_actor(request.user)
