from rl_portal.menu import menu_for


def navigation(request):
    """The menu entries the signed-in user may use (and only those), as the apps registered
    them (rl_portal/menu.py)."""
    return {"nav_items": menu_for(getattr(request, "user", None))}
