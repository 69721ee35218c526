"""Who may do what in habitat: the one answer used by the views, the API, the services, the
import and the menu. Scoping (`visible_to`) says which records a user sees; these say what the
user may do."""

from __future__ import annotations

from django.db.models import QuerySet

from habitat.models import HABITAT_SERVICE, HOUSING_DISPOSITIFS
from rl_portal.models import Dispositif, User
from rl_portal.roles import Role


def can_record(user: User) -> bool:
    """The habitat service's staff (éducateurs, chef de service) record its activity."""
    return user.works_in_services and HABITAT_SERVICE in user.service_codes


def can_read(user: User) -> bool:
    """Habitat's pages: its staff, and those who read every service."""
    return user.has_perm("habitat.view_stay") and (user.reads_all_services or can_record(user))


def can_manage_units(user: User) -> bool:
    """The habitat's chefs de service keep its housing stock (units, works periods)."""
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and user.has_role(Role.CHEF_SERVICE)
        and user.has_perm("habitat.change_housingunit")
        and user.service_ids
        and managed_dispositifs(user).exists()
    )


def managed_dispositifs(user: User) -> QuerySet[Dispositif]:
    """The housing dispositifs (ALT, Tremplins Duo) of the user's services."""
    return Dispositif.objects.filter(
        code__in=HOUSING_DISPOSITIFS, service_id__in=user.service_ids
    ).order_by("name")


def can_delete(user: User, record) -> bool:
    """A record entered by mistake (a stay, a CLLAJ interview) is deleted by the one who entered
    it or by a chef de service of the habitat; a record with no author known, by the chef."""
    if not can_record(user):
        return False
    author = getattr(record, "created_by_id", None)
    return (author is not None and author == user.pk) or user.has_role(Role.CHEF_SERVICE)
