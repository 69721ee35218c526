"""Staff members: roles (Django groups) and services."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.functional import cached_property

from rl_portal.models.services import (
    Service,
)
from rl_portal.roles import Role

# --------------------------------------------------------------------------------------------
# Users
# --------------------------------------------------------------------------------------------


class User(AbstractUser):
    """A member of staff. Roles are Django groups (see `rl_portal.roles`); `services` scopes
    which persons' records the user may see."""

    services = models.ManyToManyField(
        Service, verbose_name="services", blank=True, related_name="members"
    )
    job_title = models.CharField("fonction", max_length=120, blank=True)

    objects = UserManager()

    class Meta(AbstractUser.Meta):
        verbose_name = "utilisateur"
        verbose_name_plural = "utilisateurs"
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @cached_property
    def roles(self) -> frozenset[Role]:
        """The user's roles, from their groups (one query, cached on the instance)."""
        names = set(self.groups.values_list("name", flat=True))
        return frozenset(role for role in Role if role.label in names)

    def has_role(self, *roles: Role) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def reads_all_services(self) -> bool:
        """Direction and administrators read every service's personal records."""
        return self.is_superuser or self.has_role(Role.DIRECTION, Role.ADMINISTRATEUR)

    @property
    def works_in_services(self) -> bool:
        """Field staff and chefs de service work on their own services' records."""
        return self.has_role(Role.EDUCATEUR, Role.CHEF_SERVICE)

    @cached_property
    def _memberships(self) -> tuple[dict[int, str], dict[int, tuple[str, int]]]:
        """The user's services ({pk: code}) and their dispositifs ({pk: (code, service pk)}),
        read in one query and kept on the instance: a request's user object lives as long as
        the request, so every permission check of a page (menu, view, services) shares it."""
        services: dict[int, str] = {}
        dispositifs: dict[int, tuple[str, int]] = {}
        if self.pk is not None:
            rows = self.services.values_list("pk", "code", "dispositifs__pk", "dispositifs__code")
            for pk, code, dispositif_pk, dispositif_code in rows:
                services[pk] = code
                if dispositif_pk is not None:
                    dispositifs[dispositif_pk] = (dispositif_code, pk)
        return services, dispositifs

    @property
    def service_ids(self) -> frozenset[int]:
        return frozenset(self._memberships[0])

    @property
    def service_codes(self) -> frozenset[str]:
        return frozenset(self._memberships[0].values())

    @property
    def service_dispositifs(self) -> dict[int, tuple[str, int]]:
        """The dispositifs of the user's services: {pk: (code, service pk)}."""
        return self._memberships[1]

    @property
    def primary_role(self) -> Role | None:
        for role in Role.by_precedence():
            if role in self.roles:
                return role
        return Role.ADMINISTRATEUR if self.is_superuser else None
