"""The référentiels chefs de service keep in the application's pages (`/referentiels/`), not in
the Django admin (administrators only).

Each app registers its own (quartiers and partners here, shared by every service; the
prevention's problématiques, the habitat's meeting places) with the services that own it: a
chef de service manages the shared ones and those of their services, nobody else's. Writes go
through `rl_portal.services.referential_save`, journalled by django-auditlog and checked
against the values the user read (a concurrent edit is refused, never overwritten)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models

from rl_portal import perms
from rl_portal.roles import Role


@dataclass(frozen=True)
class Referential:
    """A référentiel editable in the pages.

    `services` names the codes of the services that own it (empty: shared by every service);
    `roles` the roles that keep it (the chefs de service by default; the secrétariat keeps the
    funders and conventions, which belong to no service); `fields` are the fields of its form,
    `columns` those of its list; `choices` narrows a foreign key's choices (a
    sub-problématique's category among the categories)."""

    slug: str
    label: str
    model: type[models.Model]
    fields: tuple[str, ...]
    columns: tuple[str, ...]
    services: frozenset[str] = frozenset()
    description: str = ""
    search_field: str = "name"
    related: tuple[str, ...] = ()
    choices: dict[str, Callable[[], models.QuerySet]] = field(default_factory=dict)
    roles: frozenset[Role] = frozenset({Role.CHEF_SERVICE})

    @property
    def item_label(self) -> str:
        return str(self.model._meta.verbose_name)

    def permission(self, action: str) -> str:
        opts = self.model._meta
        return f"{opts.app_label}.{action}_{opts.model_name}"


REFERENTIALS: dict[str, Referential] = {}


def register_referential(referential: Referential) -> Referential:
    """Offer `referential` in the pages; its changes are journalled like personal data's."""
    from auditlog.registry import auditlog

    REFERENTIALS[referential.slug] = referential
    if not auditlog.contains(referential.model):
        auditlog.register(referential.model)
    return referential


def manageable_by(user) -> list[Referential]:
    """The référentiels `user` may change, in the order they were registered."""
    return [
        referential
        for referential in REFERENTIALS.values()
        if perms.can_manage_referential(user, referential)
    ]


def manages_any(user) -> bool:
    """Whether `user` may change any référentiel (the menu's question: the shared ones come
    first and need no query)."""
    return any(
        perms.can_manage_referential(user, referential) for referential in REFERENTIALS.values()
    )


def records(referential: Referential, user) -> models.QuerySet:
    """The référentiel's records `user` may see: a référentiel tied to the services' records
    (a scolaire programme) through its `visible_to`, the others whole."""
    queryset = referential.model._default_manager.select_related(*referential.related)
    visible_to = getattr(queryset, "visible_to", None)
    return visible_to(user) if callable(visible_to) else queryset


def fingerprint(instance: models.Model, referential: Referential) -> str:
    """A digest of the record's editable values as read: the form carries it, and the save is
    refused if the record changed since (the référentiels have no version column)."""
    values = []
    for name in referential.fields:
        field = instance._meta.get_field(name)
        if field.many_to_many:
            pks = (
                sorted(getattr(instance, name).values_list("pk", flat=True)) if instance.pk else []
            )
            values.append(",".join(map(str, pks)))
        else:
            values.append(str(getattr(instance, field.attname)))
    return hashlib.sha256("\x1f".join(values).encode()).hexdigest()


def register() -> None:
    """The référentiels shared by every service: quartiers and partners."""
    from rl_portal.models import Commune, Partner, Quartier

    register_referential(
        Referential(
            slug="quartiers",
            label="Quartiers",
            model=Quartier,
            fields=("commune", "name", "is_qpv"),
            columns=("name", "commune", "is_qpv"),
            description="Quartiers des communes (QPV ou non), communs à tous les services.",
            related=("commune",),
            choices={"commune": lambda: Commune.objects.order_by("name")},
        )
    )
    register_referential(
        Referential(
            slug="partenaires",
            label="Partenaires",
            model=Partner,
            fields=("name", "kind", "field", "commune", "informal_reason", "is_active"),
            columns=("name", "kind", "field", "commune", "is_active"),
            description="Organismes avec qui l'association travaille, communs à tous les services.",
            related=("commune",),
            choices={"commune": lambda: Commune.objects.order_by("name")},
        )
    )
    from rl_portal.funding import register as register_funding

    register_funding()
