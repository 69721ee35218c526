"""Sections that apps add to a person's page (contacts and accompaniments for prevention,
stays for habitat…). Each app registers a callable (request, person) -> str | None returning
rendered HTML, or None when the user may not see that app's records."""

from __future__ import annotations

from collections.abc import Callable

PERSON_SECTIONS: list[Callable] = []


def register_person_section(section: Callable) -> Callable:
    if section not in PERSON_SECTIONS:
        PERSON_SECTIONS.append(section)
    return section


def render_person_sections(request, person) -> list[str]:
    return [html for section in PERSON_SECTIONS if (html := section(request, person))]
