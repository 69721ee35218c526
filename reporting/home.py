"""The direction's dashboard on the home page (see rl_portal/home.py).

The dashboard is the same for every reader (the direction reads all services) and costs a
few dozen queries and four charts: it is built once per day and kept until a record changes.
Every write of a record (services, imports, administration) is journalled in the audit log,
so the id of the latest journalled write says whether the kept one is still right; a short
lifetime covers what the journal might not see."""

from __future__ import annotations

import datetime

from auditlog.models import LogEntry
from django.core.cache import cache

from reporting import perms

DASHBOARD_LIFETIME = 15 * 60  # seconds


def latest_write() -> int:
    """The id of the latest create, change or delete in the audit log (reads left aside):
    one query on the primary key."""
    return (
        LogEntry.objects.exclude(action=LogEntry.Action.ACCESS)
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
    ) or 0


def cached_dashboard(today: datetime.date):
    """The dashboard of `today`, built at most once per day and write."""
    from reporting import dashboard

    key = f"reporting:dashboard:{today.isoformat()}:{latest_write()}"
    built = cache.get(key)
    if built is None:
        built = dashboard.build(today)
        cache.set(key, built, DASHBOARD_LIFETIME)
    return built


def dashboard_panel(request, today) -> dict:
    user = request.user
    if not perms.can_see_dashboard(user):
        return {}
    return {"dashboard": cached_dashboard(today)}
