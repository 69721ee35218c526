"""The scolaire's référentiel kept by its chefs de service in the pages: the programmes of each
school year (site, public, funders)."""

from __future__ import annotations


def register() -> None:
    from rl_portal.models import Commune
    from rl_portal.referentials import Referential, register_referential
    from scolaire.models import Programme

    register_referential(
        Referential(
            slug="programmes",
            label="Programmes scolaires",
            model=Programme,
            fields=(
                "name",
                "kind",
                "site",
                "commune",
                "public",
                "school_year",
                "funders",
                "is_active",
            ),
            columns=("name", "school_year", "kind", "commune", "is_active"),
            services=frozenset({"scolaire"}),
            description="Programmes de l'accompagnement scolaire, par année scolaire — scolaire.",
            related=("commune",),
            choices={"commune": lambda: Commune.objects.order_by("name")},
        )
    )
