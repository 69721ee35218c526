"""API routes that apps add under /api/v1/: each app registers a callable (router) -> None,
called in the order of INSTALLED_APPS when the URLs load, so that `api_urls` needs not import
the apps (as with `sections.py`)."""

from __future__ import annotations

from collections.abc import Callable

API_ROUTES: list[Callable] = []


def register_api_routes(register: Callable) -> Callable:
    if register not in API_ROUTES:
        API_ROUTES.append(register)
    return register
