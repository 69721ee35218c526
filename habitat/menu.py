"""Habitat's menu entry (see rl_portal/menu.py)."""

from __future__ import annotations

from habitat import perms
from rl_portal.menu import register_menu_entry


def register() -> None:
    register_menu_entry(
        label="Habitat", url_name="habitat:board", key="habitat", visible=perms.can_read, order=40
    )
