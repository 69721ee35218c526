"""Who may do what in habitat: the one answer used by the views, the API, the services, the
import and the menu. Scoping (`visible_to`) says which records a user sees; these say what the
user may do."""

from __future__ import annotations

from habitat.models import HABITAT_SERVICE
from rl_portal.models import User


def can_record(user: User) -> bool:
    """The habitat service's staff (éducateurs, chef de service) record its activity."""
    return user.works_in_services and HABITAT_SERVICE in user.service_codes


def can_read(user: User) -> bool:
    """Habitat's pages: its staff, and those who read every service."""
    return user.has_perm("habitat.view_stay") and (user.reads_all_services or can_record(user))
