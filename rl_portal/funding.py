"""The funders and conventions the secrétariat keeps in the pages (`/referentiels/`), and the
staff positions of the organigramme the direction keeps: they had only the Django admin, which
is for administrators. Written through `rl_portal.services.referential_save` (journalled,
concurrent edits refused) like every référentiel."""

from __future__ import annotations

from rl_portal.roles import Role


def register() -> None:
    from rl_portal.models import Convention, Dispositif, Epci, Funder, Service, StaffPosition
    from rl_portal.referentials import Referential, register_referential

    register_referential(
        Referential(
            slug="financeurs",
            label="Financeurs",
            model=Funder,
            fields=("name", "kind"),
            columns=("name", "kind"),
            roles=frozenset({Role.SECRETARIAT}),
            description="Département, CAF, communes, État… qui financent les dispositifs.",
        )
    )
    register_referential(
        Referential(
            slug="conventions",
            label="Conventions",
            model=Convention,
            fields=(
                "funder",
                "dispositif",
                "title",
                "epci",
                "start",
                "end",
                "capacity",
                "capacity_unit",
                "amount",
                "is_call_for_projects",
                "funds_employment",
            ),
            columns=("title", "funder", "dispositif", "start", "end", "capacity"),
            roles=frozenset({Role.SECRETARIAT}),
            description="Ce que chaque financeur finance, sur quelle période et pour quelle "
            "capacité : les rapports comparent l'activité à sa convention.",
            search_field="title",
            related=("funder", "dispositif"),
            choices={
                "funder": lambda: Funder.objects.order_by("name"),
                "dispositif": lambda: Dispositif.objects.order_by("name"),
                "epci": lambda: Epci.objects.order_by("name"),
            },
        )
    )
    register_referential(
        Referential(
            slug="postes",
            label="Postes (organigramme)",
            model=StaffPosition,
            fields=(
                "service",
                "category",
                "title",
                "detail",
                "etp",
                "etp_departement",
                "etp_communes",
                "missions",
                "start",
                "end",
            ),
            columns=("title", "service", "category", "etp", "start", "end"),
            roles=frozenset({Role.DIRECTION}),
            description="Postes et ETP de l'association, pour le tableau de l'organigramme.",
            search_field="title",
            related=("service",),
            choices={"service": lambda: Service.objects.order_by("name")},
        )
    )
