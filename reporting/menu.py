"""The reports' menu entry (see rl_portal/menu.py)."""

from __future__ import annotations

from reporting import perms
from rl_portal.menu import register_menu_entry


def _reads_some_report(user) -> bool:
    return bool(perms.readable_definitions(user))


def register() -> None:
    register_menu_entry(
        label="Rapports",
        url_name="reporting:list",
        key="reports",
        visible=_reads_some_report,
        order=70,
    )
