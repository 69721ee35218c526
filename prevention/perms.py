"""Who may do what with the prevention records, beyond what scoping (`visible_to`) says."""

from __future__ import annotations

from rl_portal.models import User


def can_correct(user: User, record) -> bool:
    """A time entry or a contact is corrected (changed or deleted) by the éducateur who
    recorded it, or by a chef de service of its service."""
    if not user.is_authenticated or not user.works_in_services:
        return False
    if record.dispositif.service_id not in user.service_ids:
        return False
    model = record._meta.model_name
    if not user.has_perm(f"prevention.change_{model}"):
        return False
    return record.educator_id == user.pk or user.has_perm("prevention.record_time_for_others")
