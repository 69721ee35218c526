"""The housing stock kept by the habitat's chefs de service in the pages (not the Django admin):
which units they see, and the writes on a unit and its unavailabilities (who may: habitat.perms).

Every write is one transaction, versioned (a concurrent edit is refused, never overwritten),
journalled by django-auditlog, and refused with a French message when it would break what the
stays rely on: a place or a lease that a stay occupies stays, works never cover a stay (the
occupancy rate never exceeds 100 %)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from habitat import perms, services
from habitat.models import HousingUnit, Stay, UnitUnavailability
from rl_portal.audit import journal_note
from rl_portal.models import Commune, Dispositif, Partner, User, search_key
from rl_portal.versioning import ConcurrentEditError, save_versioned

UNIT_FIELDS = (
    "label",
    "address",
    "commune",
    "typology",
    "landlord",
    "dispositif",
    "places",
    "lease_start",
    "lease_end",
    "public",
)


def managed_units(user: User) -> QuerySet[HousingUnit]:
    """The units a chef de service keeps: those of their services' dispositifs."""
    if not perms.can_manage_units(user):
        return HousingUnit.objects.none()
    return HousingUnit.objects.visible_to(user).filter(
        dispositif__in=perms.managed_dispositifs(user)
    )


def _check_can_manage(by: User, dispositif: Dispositif | None = None) -> None:
    if not perms.can_manage_units(by):
        raise ValidationError("Seuls les chefs de service de l'habitat tiennent les logements.")
    if (
        dispositif is not None
        and not perms.managed_dispositifs(by).filter(pk=dispositif.pk).exists()
    ):
        raise ValidationError({"dispositif": "Ce dispositif n'est pas l'un des vôtres."})


@transaction.atomic
def housing_unit_add(
    *,
    by: User,
    label: str,
    address: str,
    commune: Commune,
    typology: str,
    landlord: Partner,
    dispositif: Dispositif,
    lease_start: datetime.date,
    places: int = 1,
    lease_end: datetime.date | None = None,
    public: str = "",
) -> HousingUnit:
    """A new unit of one of the chef's dispositifs, through the habitat's `housing_unit_create`
    (its rules: a designation used once, a lease that ends after it starts)."""
    _check_can_manage(by, dispositif)
    with journal_note(actor=by, action="logement"):
        unit = services.housing_unit_create(
            by=by,
            label=label,
            address=address,
            commune=commune,
            typology=typology,
            landlord_name=landlord.name,
            dispositif=dispositif,
            lease_start=lease_start,
            places=places,
            lease_end=lease_end,
        )
        if public:
            unit.public = public
            unit.full_clean()
            unit.save()
    return unit


def _same_name(a: str, b: str) -> bool:
    """Designations compared as `housing_unit_create` does: without case, accents or spaces."""
    return search_key(a).replace(" ", "") == search_key(b).replace(" ", "")


def _stays_beyond(unit: HousingUnit, places: int) -> Stay | None:
    """A stay in progress or to come on a place the unit would no longer have."""
    today = timezone.localdate()
    return (
        Stay.objects.filter(unit=unit, place__gt=places)
        .filter(Q(exit__isnull=True) | Q(exit__gte=today))
        .select_related("person")
        .order_by("entry")
        .first()
    )


def _check_stays_fit(unit: HousingUnit, *, places: int, lease_start, lease_end) -> None:
    """The stays keep their place and their dates within the lease."""
    stay = _stays_beyond(unit, places)
    if stay is not None:
        raise ValidationError(
            {
                "places": (
                    f"La place {stay.place} est occupée depuis le {stay.entry:%d/%m/%Y}"
                    + (f" jusqu'au {stay.exit:%d/%m/%Y}" if stay.exit else "")
                    + f" : le logement ne peut pas passer à {places} place(s) tant qu'un "
                    "séjour l'occupe. Enregistrez d'abord la sortie."
                )
            }
        )
    early = Stay.objects.filter(unit=unit, entry__lt=lease_start).order_by("entry").first()
    if early is not None:
        raise ValidationError(
            {
                "lease_start": (
                    f"Un séjour commence le {early.entry:%d/%m/%Y}, avant ce début de bail : "
                    "le bail couvre chaque séjour du logement."
                )
            }
        )
    if lease_end is not None:
        late = (
            Stay.objects.filter(unit=unit)
            .filter(Q(exit__isnull=True) | Q(exit__gt=lease_end))
            .order_by("entry")
            .first()
        )
        if late is not None:
            until = f"jusqu'au {late.exit:%d/%m/%Y}" if late.exit else "sans sortie enregistrée"
            raise ValidationError(
                {
                    "lease_end": (
                        f"La place {late.place} est occupée du {late.entry:%d/%m/%Y} {until} : "
                        f"le bail ne peut pas finir le {lease_end:%d/%m/%Y} tant qu'un séjour "
                        "court au-delà. Enregistrez d'abord la sortie, au plus tard ce jour-là."
                    )
                }
            )
    works = UnitUnavailability.objects.filter(unit=unit).filter(
        Q(start__lt=lease_start) | Q(end__gt=lease_end) if lease_end else Q(start__lt=lease_start)
    )
    if works.exists():
        raise ValidationError(
            {"lease_start": "Une indisponibilité du logement tombe hors de ces dates de bail."}
        )


@transaction.atomic
def housing_unit_update(*, unit: HousingUnit, by: User, version: int, **data) -> HousingUnit:
    """Change a unit of the chef's dispositifs if nobody saved it since `version` was read.
    Refused when a stay occupies a place taken away, when the lease would no longer cover a
    stay (its start after an entry, its end before an exit or during an open stay), or when
    the designation is another unit's."""
    _check_can_manage(by, unit.dispositif)
    unknown = set(data) - set(UNIT_FIELDS)
    if unknown:
        raise ValidationError(f"Champs inconnus : {', '.join(sorted(unknown))}.")
    # Lock the unit: a stay's entry (stay_create) locks it too, so both checks see each other.
    locked = managed_units(by).select_for_update(of=("self",)).filter(pk=unit.pk).first()
    if locked is None:
        raise ValidationError("Vous ne pouvez pas modifier ce logement.")
    if "dispositif" in data and data["dispositif"] != locked.dispositif:
        _check_can_manage(by, data["dispositif"])
    for name, value in data.items():
        setattr(unit, name, value)
    unit.label = " ".join((unit.label or "").split())
    if any(
        _same_name(unit.label, other)
        for other in HousingUnit.objects.exclude(pk=unit.pk).values_list("label", flat=True)
    ):
        raise ValidationError({"label": f"Le logement « {unit.label} » est déjà enregistré."})
    if unit.lease_end is not None and unit.lease_start and unit.lease_end < unit.lease_start:
        raise ValidationError({"lease_end": "La fin du bail précède son début."})
    if unit.landlord_id and unit.landlord.kind != Partner.Kind.BAILLEUR:
        raise ValidationError({"landlord": "Choisissez un bailleur."})
    unit.full_clean(exclude=["version"])
    _check_stays_fit(
        unit, places=unit.places, lease_start=unit.lease_start, lease_end=unit.lease_end
    )
    with journal_note(actor=by, action="logement"):
        save_versioned(unit, version)
    return unit


@transaction.atomic
def unit_unavailability_save(
    *,
    unit: HousingUnit,
    by: User,
    start: datetime.date,
    end: datetime.date,
    reason: str,
    unavailability: UnitUnavailability | None = None,
    version: int | None = None,
) -> UnitUnavailability:
    """Record (or change, with the version read) a period when the unit cannot be let — works,
    furnishing. Refused when it covers a stay, overlaps another period or falls outside the
    lease (the model's rules)."""
    _check_can_manage(by, unit.dispositif)
    if not managed_units(by).filter(pk=unit.pk).exists():
        raise ValidationError("Vous ne pouvez pas modifier ce logement.")
    # Lock the unit: a stay's entry locks it too, so works and an entry never both pass.
    HousingUnit.objects.select_for_update().filter(pk=unit.pk).first()
    for value, field in ((start, "start"), (end, "end")):
        if value is None:
            raise ValidationError({field: "Indiquez la date."})
        if value < services.EARLIEST or value.year > 2100:
            raise ValidationError({field: "Cette date n'est pas plausible."})
    if end < start:
        raise ValidationError({"end": "La fin précède le début."})
    if start < unit.lease_start or (unit.lease_end and end > unit.lease_end):
        raise ValidationError({"start": "L'indisponibilité tombe hors du bail du logement."})
    if unavailability is None:
        unavailability = UnitUnavailability(unit=unit)
    elif unavailability.unit_id != unit.pk:
        raise ValidationError("Cette indisponibilité n'est pas celle de ce logement.")
    unavailability.start, unavailability.end = start, end
    unavailability.reason = " ".join((reason or "").split()) or "Travaux / ameublement"
    unavailability.full_clean(exclude=["version"])
    with journal_note(actor=by, action="logement"):
        save_versioned(unavailability, version if unavailability.pk else None)
    return unavailability


@transaction.atomic
def unit_unavailability_delete(
    *, unavailability: UnitUnavailability, by: User, version: int
) -> None:
    """Remove a period recorded by mistake (the unit is then available those days), if nobody
    changed it since `version` was read."""
    _check_can_manage(by, unavailability.unit.dispositif)
    current = (
        UnitUnavailability.objects.select_for_update()
        .filter(pk=unavailability.pk, unit__in=managed_units(by))
        .first()
    )
    if current is None:
        raise ValidationError("Vous ne pouvez pas modifier ce logement.")
    if current.version != version:
        raise ConcurrentEditError()
    with journal_note(actor=by, action="logement"):
        current.delete()
