"""Panels that apps add to the home page (the éducateur's hours for prevention, the
direction's dashboard for the reports…). Each app registers a callable (request, today) ->
dict of template variables, empty when the user may not see that panel: the shared package
stays ignorant of the apps, as with `sections.py`."""

from __future__ import annotations

import datetime
from collections.abc import Callable

HOME_PANELS: list[Callable] = []


def register_home_panel(panel: Callable) -> Callable:
    if panel not in HOME_PANELS:
        HOME_PANELS.append(panel)
    return panel


def home_panels(request, today: datetime.date) -> dict:
    context: dict = {}
    for panel in HOME_PANELS:
        context.update(panel(request, today))
    return context
