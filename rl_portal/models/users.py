"""Staff members: roles (Django groups) and services."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.functional import cached_property
from knox.models import AbstractAuthToken
from knox.settings import CONSTANTS

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
    def _memberships(self) -> tuple[dict[int, tuple[str, str]], dict[int, tuple[str, int]]]:
        """The user's services ({pk: (code, name)}, by name) and their dispositifs ({pk:
        (code, service pk)}), read in one query and kept on the instance: a request's user
        object lives as long as the request, so every permission check of a page (menu, view,
        services) and its heading share it."""
        services: dict[int, tuple[str, str]] = {}
        dispositifs: dict[int, tuple[str, int]] = {}
        if self.pk is not None:
            rows = self.services.order_by("name", "pk").values_list(
                "pk", "code", "name", "dispositifs__pk", "dispositifs__code"
            )
            for pk, code, name, dispositif_pk, dispositif_code in rows:
                services[pk] = (code, name)
                if dispositif_pk is not None:
                    dispositifs[dispositif_pk] = (dispositif_code, pk)
        return services, dispositifs

    @property
    def service_ids(self) -> frozenset[int]:
        return frozenset(self._memberships[0])

    @property
    def service_codes(self) -> frozenset[str]:
        return frozenset(code for code, _name in self._memberships[0].values())

    @property
    def service_names(self) -> list[str]:
        """The names of the user's services, in alphabetical order (the home page's heading)."""
        return [name for _code, name in self._memberships[0].values()]

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


DEVICE_MAX_LENGTH = 64


class ApiToken(AbstractAuthToken):
    """An API token (django-rest-knox: only its hash is stored), for one device of one user.

    It expires API_TOKEN_TTL_HOURS after it was issued; a new token for the same device replaces
    the old one; logging out of the site, changing one's password or being deactivated revokes
    every token of the user (rl_portal.tokens)."""

    # A plain id to name a token in URLs and lists: knox's key (the digest) must stay secret.
    id = models.BigAutoField(primary_key=True)
    digest = models.CharField(max_length=CONSTANTS.DIGEST_LENGTH, unique=True)
    device = models.CharField(
        "appareil",
        max_length=DEVICE_MAX_LENGTH,
        help_text="Nom de l'appareil ou du programme qui utilise le jeton.",
    )

    class Meta:
        verbose_name = "jeton d'API"
        verbose_name_plural = "jetons d'API"
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(fields=["user", "device"], name="api_token_one_per_device")
        ]

    def __str__(self) -> str:
        return f"{self.device} ({self.user})"


# Tokens are journalled by who created and revoked them, never by their secret parts.
auditlog.register(ApiToken, exclude_fields=["digest", "token_key"])
