"""The direction's dashboard on the home page (see rl_portal/home.py)."""

from __future__ import annotations

from rl_portal.roles import Role


def dashboard_panel(request, today) -> dict:
    user = request.user
    if not (user.has_role(Role.DIRECTION) or user.is_superuser):
        return {}
    from reporting import dashboard

    return {"dashboard": dashboard.build(today)}
