"""The prevention's référentiel kept by its chefs de service in the pages: the problématiques."""

from __future__ import annotations


def register() -> None:
    from prevention.models import Problematique
    from rl_portal.referentials import Referential, register_referential

    register_referential(
        Referential(
            slug="problematiques",
            label="Problématiques",
            model=Problematique,
            fields=("parent", "name", "description", "position", "is_active"),
            columns=("name", "parent", "position", "is_active"),
            services=frozenset({"prevention", "emps"}),
            description="Problématiques du jeune à l'origine de l'accompagnement (deux niveaux, "
            "comme le rapport du Département) — prévention spécialisée.",
            related=("parent",),
            choices={"parent": lambda: Problematique.objects.filter(parent=None)},
        )
    )
