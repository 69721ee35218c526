"""Every write of the habitat records: one transaction per call, a French ValidationError (per
field where it applies) and nothing written when the input is refused."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from habitat.models import (
    CLLAJ_DISPOSITIFS,
    HABITAT_SERVICE,
    HOUSING_DISPOSITIFS,
    MEASURE_DISPOSITIFS,
    CllajApplication,
    CllajFile,
    CllajInterview,
    HomeVisit,
    HousingRequest,
    HousingUnit,
    MeetingPlace,
    MonthlyRent,
    Stay,
    SupportMeasure,
)
from rl_portal import services as shared_services
from rl_portal.models import Commune, Dispositif, Partner, Person, Service, User, search_key
from rl_portal.versioning import save_versioned

EARLIEST = datetime.date(2000, 1, 1)
ALT_LIMIT_MONTHS = 12


def check_can_record(by: User) -> None:
    if not by.works_in_services or not by.services.filter(code=HABITAT_SERVICE).exists():
        raise ValidationError("Seul le personnel du service habitat enregistre ces données.")


def _check_date(day, field: str, *, future_days: int = 31) -> None:
    if day is None:
        raise ValidationError({field: "Indiquez la date."})
    if day < EARLIEST or day > timezone.localdate() + datetime.timedelta(days=future_days):
        raise ValidationError({field: "Cette date n'est pas plausible."})


def _habitat() -> Service:
    return Service.objects.get(code=HABITAT_SERVICE)


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
    stay = Stay(unit=unit, place=place, person=person, entry=entry, **data)
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


# --------------------------------------------------------------------------------------------
# Requests
# --------------------------------------------------------------------------------------------


@transaction.atomic
def housing_request_create(*, by: User, **data) -> HousingRequest:
    check_can_record(by)
    _check_date(data.get("date"), "date", future_days=0)
    request = HousingRequest(created_by=by, **data)
    request.full_clean()
    request.save()
    shared_services.case_file_ensure(
        person=request.person, service=_habitat(), on=request.date, by=by
    )
    return request


@transaction.atomic
def housing_request_decide(
    *, request: HousingRequest, decision: str, on: datetime.date, by: User
) -> HousingRequest:
    """A request is decided once: admitted, refused or dropped."""
    check_can_record(by)
    request = HousingRequest.objects.select_for_update().get(pk=request.pk)
    if request.decision != HousingRequest.Decision.PENDING:
        raise ValidationError(
            f"Cette demande a déjà été décidée ({request.get_decision_display().lower()})."
        )
    if decision not in (
        HousingRequest.Decision.ADMITTED,
        HousingRequest.Decision.REFUSED,
        HousingRequest.Decision.DROPPED,
    ):
        raise ValidationError({"decision": "Choisissez admis, refusé ou sans suite."})
    _check_date(on, "decided_on", future_days=0)
    if on < request.date:
        raise ValidationError({"decided_on": "La décision ne peut pas précéder la demande."})
    request.decision, request.decided_on = decision, on
    request.save(update_fields=["decision", "decided_on"])
    return request


# --------------------------------------------------------------------------------------------
# CLLAJ
# --------------------------------------------------------------------------------------------


@transaction.atomic
def cllaj_file_create(*, by: User, **data) -> CllajFile:
    check_can_record(by)
    if data.get("dispositif") is None or data["dispositif"].code not in CLLAJ_DISPOSITIFS:
        raise ValidationError({"dispositif": "Choisissez CLLAJ ou CLLAJ ASE."})
    if data.get("kind") not in CllajFile.Kind.values:
        raise ValidationError({"kind": "Indiquez la nature du suivi : AIO seule ou suivi dossier."})
    _check_date(data.get("date"), "date", future_days=0)
    cllaj_file = CllajFile(created_by=by, **data)
    cllaj_file.full_clean()
    cllaj_file.save()
    shared_services.case_file_ensure(
        person=cllaj_file.person, service=_habitat(), on=cllaj_file.date, by=by
    )
    return cllaj_file


@transaction.atomic
def cllaj_interview_create(
    *,
    cllaj_file: CllajFile,
    date: datetime.date,
    mode: str,
    by: User,
    place: MeetingPlace | None = None,
    applications: Iterable[str] = (),
) -> CllajInterview:
    """An interview of a CLLAJ follow-up, with the applications (files) built on that day,
    given by kind."""
    check_can_record(by)
    _check_date(date, "date", future_days=0)
    if date < cllaj_file.date:
        raise ValidationError({"date": "L'entretien ne peut pas précéder la demande."})
    if mode not in CllajInterview.Mode.values:
        raise ValidationError(
            {"mode": "Indiquez si l'entretien a eu lieu en présentiel ou à distance."}
        )
    if mode == CllajInterview.Mode.IN_PERSON and place is None:
        raise ValidationError({"place": "Indiquez le lieu du rendez-vous."})
    applications = list(applications)
    unknown = [kind for kind in applications if kind not in CllajApplication.Kind.values]
    if unknown:
        raise ValidationError({"applications": "Type de dossier inconnu."})
    interview = CllajInterview.objects.create(
        cllaj_file=cllaj_file, date=date, mode=mode, place=place, created_by=by
    )
    for kind in dict.fromkeys(applications):
        # One by one: bulk_create would bypass the audit log.
        CllajApplication.objects.create(cllaj_file=cllaj_file, kind=kind, date=date)
    return interview


# --------------------------------------------------------------------------------------------
# Support measures
# --------------------------------------------------------------------------------------------

ASL_WEIGHTS = {
    SupportMeasure.Kind.SIMPLE: Decimal("1"),
    SupportMeasure.Kind.REINFORCED: Decimal("2"),
}


def _check_no_open_measure(person, dispositif, start, end) -> None:
    """A person has at most one measure of a dispositif at a time (a measure is prolonged, not
    opened again)."""
    overlapping = SupportMeasure.objects.filter(person=person, dispositif=dispositif).filter(
        Q(end__isnull=True) | Q(end__gte=start)
    )
    if end is not None:
        overlapping = overlapping.filter(start__lte=end)
    other = overlapping.order_by("start").first()
    if other is not None:
        until = f"arrêtée le {other.end:%d/%m/%Y}" if other.end else "en cours"
        raise ValidationError(
            {
                "person": (
                    f"{person} a déjà une mesure {dispositif.name} commencée le "
                    f"{other.start:%d/%m/%Y} ({until}) : une mesure se prolonge, elle ne "
                    "s'ouvre pas deux fois."
                )
            }
        )


@transaction.atomic
def support_measure_open(
    *,
    by: User,
    person: Person,
    dispositif: Dispositif | None,
    kind: str,
    start: datetime.date,
    **data,
) -> SupportMeasure:
    check_can_record(by)
    if dispositif is None or dispositif.code not in MEASURE_DISPOSITIFS:
        raise ValidationError({"dispositif": "Choisissez FSL ASLL ou ASL Jeunes ASE."})
    if dispositif.code == "asl-jeunes-ase":
        if kind not in ASL_WEIGHTS:
            raise ValidationError({"kind": "Une mesure ASL est simple ou renforcée."})
        data["weight"] = ASL_WEIGHTS[kind]
    elif kind != SupportMeasure.Kind.ASLL:
        raise ValidationError({"kind": "Une mesure FSL est une ASLL."})
    elif not data.get("weight"):
        raise ValidationError({"weight": "Indiquez les points de la mesure FSL."})
    _check_date(start, "start")
    if data.get("notified_on") and data["notified_on"] > start:
        raise ValidationError(
            {"notified_on": "La notification est postérieure au début de la mesure."}
        )
    _check_no_open_measure(person, dispositif, start, data.get("end"))
    if "epci" not in data or data["epci"] is None:
        commune = person.commune
        if commune is None or commune.epci is None:
            raise ValidationError({"epci": "Indiquez le territoire (CAHC ou CALL) de la mesure."})
        data["epci"] = commune.epci
    if not data.get("planned_end"):
        # FSL and ASL measures are notified for six months, then prolonged.
        data["planned_end"] = start + relativedelta(months=6 * (1 + data.get("prolongations", 0)))
    measure = SupportMeasure(person=person, dispositif=dispositif, kind=kind, start=start, **data)
    measure.full_clean(exclude=["version"])
    measure.save()
    shared_services.case_file_ensure(person=person, service=_habitat(), on=start, by=by)
    return measure


@transaction.atomic
def support_measure_close(
    *,
    measure: SupportMeasure,
    end: datetime.date,
    reason: str,
    by: User,
    objectives_reached: int | None = None,
    version: int | None = None,
) -> SupportMeasure:
    check_can_record(by)
    if measure.end is not None:
        raise ValidationError(f"Cette mesure est déjà arrêtée depuis le {measure.end:%d/%m/%Y}.")
    if reason not in SupportMeasure.EndReason.values:
        raise ValidationError({"end_reason": "Indiquez le motif d'arrêt de la mesure."})
    _check_date(end, "end", future_days=0)
    if end < measure.start:
        raise ValidationError({"end": "L'arrêt ne peut pas précéder le début de la mesure."})
    if objectives_reached is not None:
        if not 0 <= objectives_reached <= measure.objectives_set:
            raise ValidationError(
                {"objectives_reached": f"Entre 0 et {measure.objectives_set} objectifs."}
            )
        measure.objectives_reached = objectives_reached
    measure.end, measure.end_reason = end, reason
    save_versioned(measure, version)
    return measure


@transaction.atomic
def home_visit_create(*, measure: SupportMeasure, date: datetime.date, by: User) -> HomeVisit:
    check_can_record(by)
    _check_date(date, "date", future_days=0)
    if date < measure.start or (measure.end and date > measure.end):
        raise ValidationError({"date": "La visite doit avoir lieu pendant la mesure."})
    return HomeVisit.objects.create(measure=measure, date=date)


@transaction.atomic
def cllaj_interview_quick_create(
    *,
    by: User,
    person: Person | None,
    new_person: dict | None,
    date: datetime.date,
    mode: str,
    place: MeetingPlace | None,
    applications: Iterable[str],
    cllaj_file_data: dict,
) -> CllajInterview:
    """The quick entry: the interview goes to the young person's follow-up of the last twelve
    months, or to a new one opened with `cllaj_file_data`; a new young person is created first."""
    check_can_record(by)
    if person is None:
        if not new_person or not new_person.get("pseudonym"):
            raise ValidationError({"pseudonym": "Indiquez le pseudonyme du jeune."})
        age = new_person.get("age")
        person = shared_services.person_create(
            data={
                "pseudonym": new_person["pseudonym"],
                "sex": new_person.get("sex") or "NR",
                "birth_year": timezone.localdate().year - age if age else None,
            },
            service=_habitat(),
            by=by,
        )
    cllaj_file = (
        CllajFile.objects.filter(
            person=person, date__lte=date, date__gte=date - datetime.timedelta(days=365)
        )
        .order_by("-date")
        .first()
    )
    if cllaj_file is None:
        cllaj_file = cllaj_file_create(by=by, person=person, date=date, **cllaj_file_data)
    return cllaj_interview_create(
        cllaj_file=cllaj_file,
        date=date,
        mode=mode,
        place=place,
        applications=applications,
        by=by,
    )
