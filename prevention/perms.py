"""Who may do what in prevention: the one answer used by the views, the API, the services, the
import and the menu. Scoping (`visible_to`) says which records a user sees; these say what the
user may do. Everything here reads the user's roles, services and permissions, which the user
object reads once per request."""

from __future__ import annotations

from prevention.models import PREVENTION_DISPOSITIFS
from rl_portal.models import Dispositif, User


def recording_dispositifs(user: User) -> dict[int, int]:
    """The prevention dispositifs (SPS, EMPS) of the user's services, if the user works in
    them, as {dispositif id: service id}."""
    if not user.is_authenticated or not user.works_in_services:
        return {}
    return {
        pk: service_id
        for pk, (code, service_id) in user.service_dispositifs.items()
        if code in PREVENTION_DISPOSITIFS
    }


def can_record(user: User) -> bool:
    """Field staff and chefs de service of a prevention service record its activity."""
    return bool(recording_dispositifs(user))


def can_record_for(user: User, dispositif: Dispositif) -> bool:
    """Recording for this dispositif: only the staff of its service."""
    return user.works_in_services and dispositif.service_id in user.service_ids


def can_read(user: User) -> bool:
    """Prevention's pages: its staff, and those who read every service."""
    return user.has_perm("prevention.view_timeentry") and (
        user.reads_all_services or can_record(user)
    )


def can_reopen(user: User) -> bool:
    """Reopening an accompaniment (and deciding a referral from scolaire) is the prevention
    chef de service's."""
    return user.has_perm("prevention.reopen_accompaniment")


def can_record_for_others(user: User) -> bool:
    """Recording time or a meeting in a colleague's name (a chef de service)."""
    return user.has_perm("prevention.record_time_for_others")


def sees_all_alerts(user: User) -> bool:
    """The alerts page lists every accompaniment of the user's services for a chef de service
    and the direction; an éducateur sees those they are referent of."""
    return can_reopen(user) or user.reads_all_services


def recorder_id(record) -> int | None:
    """Who entered a record: the éducateur of a time entry or a meeting, the user who entered
    a network reception, an instance meeting or a collective action."""
    if hasattr(record, "educator_id"):
        return record.educator_id
    return record.created_by_id


def can_correct(user: User, record) -> bool:
    """A saved record (time entry, meeting, network reception, instance meeting, collective
    action) is corrected (changed or deleted) by the user who entered it, or by a chef de
    service of its service."""
    if not user.is_authenticated or not user.works_in_services:
        return False
    if record.dispositif.service_id not in user.service_ids:
        return False
    model = record._meta.model_name
    if not user.has_perm(f"prevention.change_{model}"):
        return False
    return recorder_id(record) == user.pk or can_record_for_others(user)
