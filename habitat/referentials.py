"""The habitat's référentiel kept by its chefs de service in the pages: the CLLAJ's meeting
places."""

from __future__ import annotations


def register() -> None:
    from habitat.models import MeetingPlace
    from rl_portal.models import Commune
    from rl_portal.referentials import Referential, register_referential

    register_referential(
        Referential(
            slug="lieux-de-rendez-vous",
            label="Lieux de rendez-vous",
            model=MeetingPlace,
            fields=("name", "address", "commune", "is_active"),
            columns=("name", "commune", "is_active"),
            services=frozenset({"habitat"}),
            description="Lieux des entretiens du CLLAJ — habitat.",
            related=("commune",),
            choices={"commune": lambda: Commune.objects.order_by("name")},
        )
    )
