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
    "validated_reports_covering",
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


def validated_reports_covering(day, service_code: str) -> list[str]:
    """The validated reports of a service whose period contains `day`, in French (« Rapport
    d'activités du SPS — 2024, validé par le conseil d'administration du 18/04/2025 »): a
    record dated there no longer changes the transmitted report, and the user is told so.
    One query."""
    from reporting.models import ReportValidation

    slugs = [d.slug for d in DEFINITIONS.values() if service_code in d.services]
    seen, names = set(), []
    for validation in ReportValidation.objects.filter(
        report__in=slugs, period_start__lte=day, period_end__gte=day
    ).order_by("report", "period_start", "-validated_at"):
        key = (validation.report, validation.period_start, validation.period_end, validation.scope)
        if key in seen:
            continue
        seen.add(key)
        definition = DEFINITIONS[validation.report]
        from reportkit.periods import Period

        label = Period(validation.period_start, validation.period_end).label
        scope = f" ({validation.scope})" if validation.scope else ""
        names.append(
            f"« {definition.title} — {label}{scope} », validé par le conseil d'administration "
            f"du {validation.validated_on:%d/%m/%Y}"
        )
    return names
