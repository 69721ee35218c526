"""Yes/no questions that scoping alone does not answer. Scoping (`visible_to`) says which
records a user may see; these say what they may do with them."""

from __future__ import annotations

from rl_portal.models import Person, User
from rl_portal.roles import Role


def can_create_person(user: User) -> bool:
    return (
        user.has_perm("rl_portal.add_person") and user.works_in_services and bool(user.service_ids)
    )


def can_change_person(user: User, person: Person) -> bool:
    """Field staff change the persons of their own services; the direction reads only."""
    if not user.has_perm("rl_portal.change_person") or not user.works_in_services:
        return False
    return person.case_files.filter(service_id__in=user.service_ids).exists()


def can_read_persons(user: User) -> bool:
    return user.has_perm("rl_portal.view_person") and (
        user.reads_all_services or (user.works_in_services and bool(user.service_ids))
    )


def can_use_admin(user: User) -> bool:
    """The Django admin is for administrators only (staff flag and the administrator role, or a
    superuser): chefs de service manage their référentiels in the application's pages."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and (user.is_superuser or user.has_role(Role.ADMINISTRATEUR))
    )


def can_manage_conventions(user: User) -> bool:
    return user.has_perm("rl_portal.change_convention")


def can_read_reports(user: User) -> bool:
    return user.has_role(Role.DIRECTION, Role.SECRETARIAT, Role.CHEF_SERVICE, Role.ADMINISTRATEUR)


def can_export_person(user: User, person: Person) -> bool:
    """A droit d'accès export gathers every service's records about the person: the data
    controller answers it — the direction and the administrators, who read every service."""
    return user.reads_all_services


def can_anonymise_person(user: User, person: Person) -> bool:
    return person.anonymised_at is None and (user.is_superuser or user.reads_all_services)
