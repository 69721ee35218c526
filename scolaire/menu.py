"""The homework help's menu entries (see rl_portal/menu.py)."""

from __future__ import annotations

from rl_portal.menu import register_menu_entry, register_start_page
from scolaire import perms


def register() -> None:
    # The installed app opens on the programmes (and their roll calls) for the scolaire team.
    register_start_page(url_name="scolaire:programmes", visible=perms.can_record, order=20)
    register_menu_entry(
        label="Scolaire",
        url_name="scolaire:programmes",
        key="scolaire",
        visible=perms.can_read,
        order=50,
    )
    register_menu_entry(
        label="Orientations",
        url_name="scolaire:referrals",
        key="referrals",
        visible=perms.can_decide_referrals,
        order=60,
    )
