"""Prevention's menu entries (see rl_portal/menu.py)."""

from __future__ import annotations

from prevention import perms
from rl_portal.menu import register_menu_entry, register_start_page


def register() -> None:
    # The installed app opens on the quick entry for the prevention teams.
    register_start_page(url_name="prevention:quick-entry", visible=perms.can_record, order=10)
    register_menu_entry(
        label="Saisie du jour",
        url_name="prevention:quick-entry",
        key="quick-entry",
        visible=perms.can_record,
        order=20,
    )
    register_menu_entry(
        label="Prévention",
        url_name="prevention:accompaniments",
        key="prevention",
        visible=perms.can_read,
        order=30,
    )
