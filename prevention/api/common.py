"""What prevention's API shares: the scoped serializer base of its records."""

from __future__ import annotations

from prevention.forms import service_staff
from rl_portal.api_base import (
    ScopedSerializer,
)


class PreventionSerializer(ScopedSerializer):
    def scope_fields(self, user) -> None:
        for name in ("educator", "referent"):
            field = self.fields.get(name)
            if (
                field is not None
                and not field.read_only
                and getattr(user, "is_authenticated", False)
            ):
                # Only the staff of the user's prevention services can be named.
                field.queryset = service_staff(user)
