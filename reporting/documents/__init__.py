"""Report documents: which tables, in which order, under which headings, with which
commentary — one module per family of reports. Documents never query another app's models:
they call its indicators."""

from __future__ import annotations

from reporting.documents import association, habitat, prevention, scolaire
from reporting.documents.association import association_key_figures
from reporting.documents.base import Document, ReportDefinition, Section

__all__ = [
    "DEFINITIONS",
    "Document",
    "ReportDefinition",
    "Section",
    "association_key_figures",
    "get_definition",
]

# The reports page lists them in this order.
DEFINITIONS: dict[str, ReportDefinition] = {
    definition.slug: definition
    for definition in [
        *prevention.DEFINITIONS,
        *scolaire.DEFINITIONS,
        *association.DEFINITIONS,
        *habitat.DEFINITIONS,
    ]
}


def get_definition(slug: str) -> ReportDefinition | None:
    return DEFINITIONS.get(slug)
