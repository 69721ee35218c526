"""The menu: entries registered by each app (its `menu.py`, imported by its AppConfig.ready),
so that the shared package stays ignorant of the apps, as with `sections.py` and `rgpd.py`.

Each entry says who sees it with a `perms.py` function; those read the user's roles, services
and permissions once per request (cached on the user), so the menu costs the same handful of
queries on every page whatever the role (tests/test_page_queries.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class MenuEntry:
    label: str
    url_name: str
    key: str  # the active entry is chosen in the templates by this key
    visible: Callable  # (user) -> bool
    order: int


MENU_ENTRIES: dict[str, MenuEntry] = {}


def register_menu_entry(
    *, label: str, url_name: str, key: str, visible: Callable, order: int
) -> MenuEntry:
    """Adds an entry (once per key: a second registration replaces the first)."""
    entry = MenuEntry(label=label, url_name=url_name, key=key, visible=visible, order=order)
    MENU_ENTRIES[key] = entry
    return entry


# Where the installed app opens (rl_portal.offline.app_start): the first page a field team
# records on, in order; the home page for everyone else.
START_PAGES: list[tuple[int, str, Callable]] = []


def register_start_page(*, url_name: str, visible: Callable, order: int) -> None:
    """The installed app opens on `url_name` for whom `visible(user)` (lowest order first)."""
    if (order, url_name, visible) not in START_PAGES:
        START_PAGES.append((order, url_name, visible))
        START_PAGES.sort(key=lambda page: page[0])


def start_url_for(user) -> str:
    for _order, url_name, visible in START_PAGES:
        if visible(user):
            return reverse(url_name)
    return reverse("home")


def menu_for(user) -> list[tuple[str, str, str]]:
    """(label, url, key) of the entries the user may use, in menu order."""
    if user is None or not user.is_authenticated:
        return []
    entries = sorted(MENU_ENTRIES.values(), key=lambda entry: entry.order)
    return [
        (entry.label, reverse(entry.url_name), entry.key)
        for entry in entries
        if entry.visible(user)
    ]


def register() -> None:
    """The shared package's own entries."""
    from rl_portal import perms
    from rl_portal.referentials import manages_any

    register_menu_entry(
        label="Accueil", url_name="home", key="home", visible=lambda user: True, order=0
    )
    register_menu_entry(
        label="Personnes",
        url_name="person-list",
        key="person",
        visible=perms.can_read_persons,
        order=10,
    )
    register_menu_entry(
        label="Référentiels",
        url_name="referentials",
        key="referentials",
        visible=manages_any,
        order=80,
    )
    register_menu_entry(
        label="API", url_name="api-docs", key="api", visible=perms.can_use_api_docs, order=90
    )
    register_menu_entry(
        label="Administration",
        url_name="admin:index",
        key="admin",
        visible=perms.can_use_admin,
        order=100,
    )
