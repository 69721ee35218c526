"""Who may do what in the homework help: the one answer used by the views, the API, the
services and the menu. Scoping (`visible_to`) says which records a user sees; these say what
the user may do."""

from __future__ import annotations

from rl_portal.models import User
from scolaire.models import SCOLAIRE_SERVICE

# Referrals go to this service, whose chef de service decides them.
PREVENTION_SERVICE = "prevention"


def can_record(user: User) -> bool:
    """The homework help's team records programmes, enrolments, roll calls and referrals."""
    return user.works_in_services and SCOLAIRE_SERVICE in user.service_codes


def can_read(user: User) -> bool:
    """The homework help's pages: its team, and those who read every service."""
    return user.has_perm("scolaire.view_session") and (user.reads_all_services or can_record(user))


def can_decide_referrals(user: User) -> bool:
    """The prevention chef de service takes a referred child on, or declines."""
    return (
        user.has_perm("prevention.reopen_accompaniment")
        and PREVENTION_SERVICE in user.service_codes
    )
