"""Yes/no questions that scoping alone does not answer. Scoping (`visible_to`) says which
records a user may see; these say what they may do with them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rl_portal.models import Person, Service, User
from rl_portal.roles import Role

if TYPE_CHECKING:
    from rl_portal.referentials import Referential


def can_create_person(user: User) -> bool:
    """Staff of at least one service create persons (who then get a file in that service)."""
    return (
        user.has_perm("rl_portal.add_person") and user.works_in_services and bool(user.service_ids)
    )


def can_change_person(user: User, person: Person) -> bool:
    """Field staff change the persons of their own services; the direction reads only."""
    if not user.has_perm("rl_portal.change_person") or not user.works_in_services:
        return False
    return person.case_files.filter(service_id__in=user.service_ids).exists()


def can_change_household(user: User, household) -> bool:
    """A household is changed by whoever may change one of its members' records (one query,
    whatever the number of members)."""
    if not user.has_perm("rl_portal.change_person") or not user.works_in_services:
        return False
    return household.members.filter(case_files__service_id__in=user.service_ids).exists()


def can_read_persons(user: User) -> bool:
    """The persons list: those who read every service, and the staff of at least one."""
    return user.has_perm("rl_portal.view_person") and (
        user.reads_all_services or (user.works_in_services and bool(user.service_ids))
    )


def can_read_funding(user: User) -> bool:
    """The home page's conventions and funders summary: the direction, the secrétariat (who
    keep the conventions) and the administrators."""
    return user.is_superuser or user.has_role(Role.DIRECTION, Role.SECRETARIAT, Role.ADMINISTRATEUR)


def recording_service(user: User) -> Service | None:
    """The service a person created by `user` without naming one goes to: the user's only
    service; None when they have several (they must choose) or none."""
    if len(user.service_ids) != 1:
        return None
    return Service.objects.filter(pk__in=user.service_ids).first()


def can_use_admin(user: User) -> bool:
    """The Django admin is for administrators only (staff flag and the administrator role, or a
    superuser): chefs de service manage their référentiels in the application's pages."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and (user.is_superuser or user.has_role(Role.ADMINISTRATEUR))
    )


def can_use_api_docs(user: User) -> bool:
    """The API documentation is for those who build on the data (direction, secrétariat, chefs
    de service, administrators); éducateurs enter their work in the pages."""
    return user.is_superuser or user.has_role(
        Role.DIRECTION, Role.SECRETARIAT, Role.CHEF_SERVICE, Role.ADMINISTRATEUR
    )


def can_export_person(user: User, person: Person) -> bool:
    """A droit d'accès export gathers every service's records about the person: the data
    controller answers it — the direction and the administrators, who read every service."""
    return user.reads_all_services


def can_anonymise(user: User) -> bool:
    """Anonymising is irreversible: the data controller's side only (the direction, the
    administrators)."""
    return user.is_superuser or user.reads_all_services


def can_anonymise_person(user: User, person: Person) -> bool:
    """`can_anonymise`, and only once."""
    return person.anonymised_at is None and can_anonymise(user)


def can_record_in(user: User, service: Service) -> bool:
    """Creating or recording a person in `service`: its members who work in the field."""
    return user.works_in_services and service.pk in user.service_ids


def _is_administrator(user: User) -> bool:
    return user.is_superuser or user.has_role(Role.ADMINISTRATEUR)


def can_manage_referential(user, referential: Referential, action: str = "change") -> bool:
    """Whether `user` may `action` ("add" or "change") records of `referential`: the chefs de
    service of a service that owns it (any service for a shared one), the other roles it names
    (the secrétariat for the funders and conventions), and the administrators; with the model
    permission of their role."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if not (_is_administrator(user) or user.has_role(*referential.roles)):
        return False
    if not user.has_perm(referential.permission(action)):
        return False
    if _is_administrator(user) or Role.CHEF_SERVICE not in referential.roles:
        # An office référentiel (funders, conventions) belongs to no service.
        return True
    if not referential.services:
        return bool(user.service_ids)
    return bool(user.service_codes & referential.services)
