"""Writes of the housing units, stays and monthly rents."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from habitat import perms
from habitat.models import (
    HOUSING_DISPOSITIFS,
    HousingUnit,
    MonthlyRent,
    Stay,
)
from habitat.services.checks import (
    _check_date,
    _habitat,
    check_can_record,
)
from rl_portal import services as shared_services
from rl_portal.audit import journal_note
from rl_portal.models import Commune, Dispositif, Partner, Person, User, search_key
from rl_portal.versioning import delete_versioned, save_versioned

# --------------------------------------------------------------------------------------------
# Housing units
# --------------------------------------------------------------------------------------------


def _same_name(a: str, b: str) -> bool:
    """« SIA habitat » is « SIA Habitat »: names compared without case, accents or spaces."""
    return search_key(a).replace(" ", "") == search_key(b).replace(" ", "")


def _landlord(name: str) -> Partner:
    """The landlord of that name, recorded as a partner if it is not one yet."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"landlord": "Indiquez le bailleur."})
    for partner in Partner.objects.filter(kind=Partner.Kind.BAILLEUR).order_by("pk"):
        if _same_name(partner.name, name):
            return partner
    landlord = Partner(name=name, kind=Partner.Kind.BAILLEUR, field=Partner.Field.LOGEMENT)
    landlord.full_clean()
    landlord.save()
    return landlord


@transaction.atomic
def housing_unit_create(
    *,
    by: User,
    label: str,
    address: str,
    commune: Commune,
    typology: str,
    landlord_name: str,
    dispositif: Dispositif,
    lease_start: datetime.date,
    places: int = 1,
    lease_end: datetime.date | None = None,
) -> HousingUnit:
    """A unit of the housing stock; its landlord is found by name or recorded. Two units never
    share a designation (compared without case or accents)."""
    check_can_record(by)
    if dispositif is None or dispositif.code not in HOUSING_DISPOSITIFS:
        raise ValidationError(
            {"dispositif": "Choisissez ALT Jeunes, ALT Familles ou Tremplins Duo."}
        )
    _check_date(lease_start, "lease_start", future_days=366)
    if lease_end is not None and lease_end < lease_start:
        raise ValidationError({"lease_end": "La fin du bail précède son début."})
    label = " ".join((label or "").split())
    # Serialise the creations so that two imports cannot both pass the check on the label.
    list(HousingUnit.objects.select_for_update().values_list("pk", flat=True)[:1])
    if any(
        _same_name(label, other) for other in HousingUnit.objects.values_list("label", flat=True)
    ):
        raise ValidationError({"label": f"Le logement « {label} » est déjà enregistré."})
    unit = HousingUnit(
        label=label,
        address=address,
        commune=commune,
        typology=typology,
        landlord=_landlord(landlord_name),
        dispositif=dispositif,
        places=places,
        lease_start=lease_start,
        lease_end=lease_end,
    )
    unit.full_clean()
    unit.save()
    return unit


# --------------------------------------------------------------------------------------------
# Stays and rent
# --------------------------------------------------------------------------------------------


def _check_not_housed(person, entry, end, exclude_pk=None) -> None:
    """A person is never housed twice at once, whatever the unit."""
    overlapping = Stay.objects.filter(person=person).filter(
        Q(exit__isnull=True) | Q(exit__gte=entry)
    )
    if end is not None:
        overlapping = overlapping.filter(entry__lte=end)
    if exclude_pk:
        overlapping = overlapping.exclude(pk=exclude_pk)
    other = overlapping.select_related("unit").order_by("entry").first()
    if other is not None:
        until = f"au {other.exit:%d/%m/%Y}" if other.exit else "à ce jour"
        raise ValidationError(
            {
                "person": (
                    f"{person} est déjà hébergé(e) dans le logement « {other.unit} » du "
                    f"{other.entry:%d/%m/%Y} {until} : une personne n'est jamais hébergée "
                    "deux fois à la fois."
                )
            }
        )


def _check_free(unit: HousingUnit, place: int, entry, end, exclude_pk=None) -> None:
    """Two stays never overlap on the same place."""
    if not 1 <= place <= unit.places:
        raise ValidationError(
            {
                "place": (
                    f"Le logement « {unit.label} » compte {unit.places} place(s), "
                    f"pas de place {place}."
                )
            }
        )
    overlapping = Stay.objects.filter(unit=unit, place=place).filter(
        Q(exit__isnull=True) | Q(exit__gte=entry)
    )
    if end is not None:
        overlapping = overlapping.filter(entry__lte=end)
    if exclude_pk:
        overlapping = overlapping.exclude(pk=exclude_pk)
    other = overlapping.select_related("person").first()
    if other is not None:
        raise ValidationError(
            {
                "entry": (
                    f"La place {place} est occupée du {other.entry:%d/%m/%Y}"
                    + (f" au {other.exit:%d/%m/%Y}" if other.exit else " à ce jour")
                    + " : deux séjours ne peuvent pas se chevaucher sur une même place."
                )
            }
        )


@transaction.atomic
def stay_create(
    *, unit: HousingUnit, person: Person, entry: datetime.date, by: User, place: int = 1, **data
) -> Stay:
    check_can_record(by)
    _check_date(entry, "entry")
    if entry < unit.lease_start or (unit.lease_end and entry > unit.lease_end):
        raise ValidationError({"entry": "L'entrée tombe en dehors du bail de ce logement."})
    # Lock the unit so that two entries on the same place cannot both pass the check.
    HousingUnit.objects.select_for_update().filter(pk=unit.pk).first()
    _check_free(unit, place, entry, data.get("exit"))
    _check_not_housed(person, entry, data.get("exit"))
    stay = Stay(unit=unit, place=place, person=person, entry=entry, created_by=by, **data)
    if stay.exit and stay.exit < stay.entry:
        raise ValidationError({"exit": "La sortie ne peut pas précéder l'entrée."})
    if stay.exit and not stay.exit_reason:
        raise ValidationError({"exit_reason": "Indiquez le motif ou la destination de sortie."})
    stay.full_clean(exclude=["version"])
    stay.save()
    shared_services.case_file_ensure(person=person, service=_habitat(), on=entry, by=by)
    return stay


@transaction.atomic
def stay_exit(
    *,
    stay: Stay,
    exit: datetime.date,
    reason: str,
    by: User,
    version: int | None = None,
    resources_exit: Decimal | None = None,
    resource_type_exit: str = "",
    exit_support: str = "",
    steps: list[str] | None = None,
) -> Stay:
    """Ends a stay. The exit lies within the unit's lease (checked by the model: an exit after
    the lease's end would count days on a place that was no longer available)."""
    check_can_record(by)
    if stay.exit is not None:
        raise ValidationError(f"Ce séjour est déjà terminé depuis le {stay.exit:%d/%m/%Y}.")
    _check_date(exit, "exit", future_days=0)
    if exit < stay.entry:
        raise ValidationError(
            {"exit": f"La sortie ne peut pas précéder l'entrée ({stay.entry:%d/%m/%Y})."}
        )
    if reason not in Stay.ExitReason.values:
        raise ValidationError({"exit_reason": "Indiquez le motif ou la destination de sortie."})
    stay.exit = exit
    stay.exit_reason = reason
    stay.resources_exit = resources_exit
    stay.resource_type_exit = resource_type_exit
    stay.exit_support = exit_support
    if steps is not None:
        stay.steps = list(dict.fromkeys(steps))
    stay.full_clean(exclude=["version"])
    save_versioned(stay, version)
    return stay


# What a correction of a stay may change: the entry and its counted answers, the place, and a
# recorded exit (date, destination and what the bilan counts at the exit).
STAY_FIELDS = (
    "unit",
    "place",
    "entry",
    "planned_exit",
    "origin",
    "resources_entry",
    "resource_type_entry",
    "mobility",
    "exit",
    "exit_reason",
    "resources_exit",
    "resource_type_exit",
    "exit_support",
    "steps",
)
_EXIT_FIELDS = ("exit_reason", "resources_exit", "resource_type_exit", "exit_support")


@transaction.atomic
def stay_update(*, stay: Stay, by: User, version: int, **data) -> Stay:
    """Correct a stay (unit, place, entry and its answers, a recorded exit: date and reason)
    if nobody saved it since `version` was read. The same checks as an entry and an exit: within
    the lease, no overlap on the place, the person never housed twice at once, the exit neither
    before the entry nor in the future, a destination for every exit. An exit cannot be added
    here (the exit page records it) but one recorded by mistake can be removed."""
    check_can_record(by)
    unknown = set(data) - set(STAY_FIELDS)
    if unknown:
        raise ValidationError(f"Champs inconnus : {', '.join(sorted(unknown))}.")
    had_exit = stay.exit is not None
    units = {stay.unit_id, getattr(data.get("unit"), "pk", stay.unit_id)}
    # Lock the units (the old and the new): an entry on the place locks them too.
    list(HousingUnit.objects.select_for_update().filter(pk__in=units).values_list("pk"))
    for name, value in data.items():
        setattr(stay, name, value)
    if stay.unit_id is None or stay.unit is None:
        raise ValidationError({"unit": "Choisissez le logement."})
    _check_date(stay.entry, "entry")
    if stay.entry < stay.unit.lease_start or (
        stay.unit.lease_end and stay.entry > stay.unit.lease_end
    ):
        raise ValidationError({"entry": "L'entrée tombe en dehors du bail de ce logement."})
    if stay.exit is not None:
        if not had_exit:
            raise ValidationError(
                {"exit": "Une sortie s'enregistre depuis la page « Sortie » du séjour."}
            )
        _check_date(stay.exit, "exit", future_days=0)
        if stay.exit < stay.entry:
            raise ValidationError(
                {"exit": f"La sortie ne peut pas précéder l'entrée ({stay.entry:%d/%m/%Y})."}
            )
        if stay.exit_reason not in Stay.ExitReason.values:
            raise ValidationError({"exit_reason": "Indiquez le motif ou la destination de sortie."})
    else:
        # No exit: nothing about an exit stays recorded (it would be counted).
        for name in _EXIT_FIELDS:
            setattr(stay, name, None if name == "resources_exit" else "")
    if stay.planned_exit is not None and stay.planned_exit < stay.entry:
        raise ValidationError({"planned_exit": "La sortie prévue précède l'entrée."})
    _check_free(stay.unit, stay.place, stay.entry, stay.exit, exclude_pk=stay.pk)
    _check_not_housed(stay.person, stay.entry, stay.exit, exclude_pk=stay.pk)
    stay.steps = list(dict.fromkeys(stay.steps or []))
    stay.full_clean(exclude=["version"])
    with journal_note(actor=by, action="correction du séjour"):
        save_versioned(stay, version)
    return stay


@transaction.atomic
def stay_delete(*, stay: Stay, by: User, version: int) -> None:
    """Delete a stay entered by mistake (its author or a chef de service), if nobody changed it
    since `version` was read. Refused once rents are recorded for it: those are corrected, not
    lost with the stay."""
    check_can_record(by)
    if not perms.can_delete(by, stay):
        raise ValidationError(
            "Seul l'auteur de la saisie ou un chef de service supprime un séjour."
        )
    if MonthlyRent.objects.filter(stay=stay).exists():
        raise ValidationError(
            "Des loyers sont enregistrés pour ce séjour : corrigez-le plutôt que de le supprimer."
        )
    with journal_note(actor=by, action="suppression du séjour"):
        delete_versioned(stay, version)


def _amount(value, field: str) -> Decimal:
    try:
        text = str(value)
        for space in (" ", "\u202f", "\xa0"):
            text = text.replace(space, "")
        amount = Decimal(text.replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ValidationError(
            {field: "Saisissez un montant en euros, par exemple 350,50."}
        ) from None
    if not amount.is_finite() or amount < 0:
        raise ValidationError({field: "Un montant ne peut pas être négatif."})
    if amount > Decimal("100000"):
        raise ValidationError({field: "Ce montant n'est pas plausible."})
    return amount.quantize(Decimal("0.01"))


@transaction.atomic
def monthly_rent_save(
    *,
    month: datetime.date,
    amounts: dict[int, tuple],
    by: User,
    loaded: dict[int, tuple] | None = None,
) -> int:
    """Rent due and paid for a month, for every stay given (stay id → (due, paid)). All or
    nothing: one wrong amount leaves the month unrecorded, with the reason per stay."""
    check_can_record(by)
    month = month.replace(day=1)
    stays = {s.pk: s for s in Stay.objects.filter(pk__in=list(amounts))}
    errors, rows = {}, []
    for stay_id, (due, paid) in amounts.items():
        if due in (None, "") and paid in (None, ""):
            continue
        stay = stays.get(stay_id)
        if stay is None:
            errors[f"stay_{stay_id}"] = ["Séjour inconnu."]
            continue
        try:
            rows.append((stay, _amount(due or 0, "due"), _amount(paid or 0, "paid")))
        except ValidationError as error:
            errors[f"stay_{stay_id}"] = [m for ms in error.message_dict.values() for m in ms]
        month_end = (month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(
            days=1
        )
        if stay.entry > month_end or (stay.exit and stay.exit < month):
            errors.setdefault(f"stay_{stay_id}", []).append("Le séjour ne couvre pas ce mois.")
    if loaded is not None:
        # The amounts shown when the sheet was opened: a rent changed since by someone else is
        # not overwritten.
        current = {
            rent.stay_id: (rent.due, rent.paid)
            for rent in MonthlyRent.objects.select_for_update().filter(
                stay__in=list(stays.values()), month=month
            )
        }
        for stay, _due, _paid in rows:
            seen = tuple(
                _amount(value, "due") if value not in (None, "") else None
                for value in loaded.get(stay.pk, ("", ""))
            )
            if current.get(stay.pk, (None, None)) != seen:
                errors.setdefault(f"stay_{stay.pk}", []).append(
                    "Ce loyer a été modifié par quelqu'un d'autre depuis l'ouverture de la page : "
                    "rechargez-la."
                )
    if errors:
        raise ValidationError(errors)
    for stay, due, paid in rows:
        MonthlyRent.objects.update_or_create(
            stay=stay, month=month, defaults={"due": due, "paid": paid}
        )
    return len(rows)
