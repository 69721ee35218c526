"""Prevention's panel on the home page (see rl_portal/home.py): the éducateur's hours."""

from __future__ import annotations

from prevention import indicators, perms


def educator_panel(request, today) -> dict:
    if not perms.can_record(request.user):
        return {}
    return {"prevention_table": indicators.educator_overview(user=request.user, today=today)}
