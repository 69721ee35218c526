"""Writes of the support measures (FSL ASLL, ASL Jeunes ASE), their home visits, and the CLLAJ
interview's quick entry."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from habitat.models import (
    MEASURE_DISPOSITIFS,
    CllajFile,
    CllajInterview,
    HomeVisit,
    MeetingPlace,
    SupportMeasure,
)
from habitat.services.applications import (
    cllaj_file_create,
    cllaj_interview_create,
)
from habitat.services.checks import (
    _check_date,
    _habitat,
    check_can_record,
)
from habitat.services.followups import check_home_visit
from rl_portal import services as shared_services
from rl_portal.models import Dispositif, Person, User
from rl_portal.versioning import save_versioned

# --------------------------------------------------------------------------------------------
# Support measures
# --------------------------------------------------------------------------------------------

ASL_WEIGHTS = {
    SupportMeasure.Kind.SIMPLE: Decimal("1"),
    SupportMeasure.Kind.REINFORCED: Decimal("2"),
}


def _check_no_open_measure(person, dispositif, start, end, *, exclude_pk=None) -> None:
    """A person has at most one measure of a dispositif at a time (a measure is prolonged, not
    opened again)."""
    overlapping = (
        SupportMeasure.objects.filter(person=person, dispositif=dispositif)
        .filter(Q(end__isnull=True) | Q(end__gte=start))
        .exclude(pk=exclude_pk)
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


def _check_kind_and_weight(measure: SupportMeasure) -> None:
    """An ASL measure is simple (1 point) or reinforced (2); an FSL measure is an ASLL whose
    points are given."""
    dispositif = measure.dispositif
    if dispositif is None or dispositif.code not in MEASURE_DISPOSITIFS:
        raise ValidationError({"dispositif": "Choisissez FSL ASLL ou ASL Jeunes ASE."})
    if dispositif.code == "asl-jeunes-ase":
        if measure.kind not in ASL_WEIGHTS:
            raise ValidationError({"kind": "Une mesure ASL est simple ou renforcée."})
        measure.weight = ASL_WEIGHTS[measure.kind]
    elif measure.kind != SupportMeasure.Kind.ASLL:
        raise ValidationError({"kind": "Une mesure FSL est une ASLL."})
    elif not measure.weight:
        raise ValidationError({"weight": "Indiquez les points de la mesure FSL."})


def _check_measure(measure: SupportMeasure, *, exclude_pk=None) -> None:
    """What a measure must hold whether it is opened or corrected."""
    _check_kind_and_weight(measure)
    _check_date(measure.start, "start")
    if measure.notified_on and measure.notified_on > measure.start:
        raise ValidationError(
            {"notified_on": "La notification est postérieure au début de la mesure."}
        )
    if measure.planned_end and measure.planned_end < measure.start:
        raise ValidationError({"planned_end": "L'échéance ne peut pas précéder le début."})
    if measure.end and measure.end < measure.start:
        raise ValidationError({"end": "L'arrêt ne peut pas précéder le début de la mesure."})
    if measure.objectives_reached > measure.objectives_set:
        raise ValidationError(
            {
                "objectives_set": (
                    f"{measure.objectives_reached} objectifs sont déjà atteints : il ne peut "
                    "pas y en avoir moins de fixés."
                )
            }
        )
    _check_no_open_measure(
        measure.person, measure.dispositif, measure.start, measure.end, exclude_pk=exclude_pk
    )


def _default_planned_end(measure: SupportMeasure) -> datetime.date:
    # FSL and ASL measures are notified for six months, then prolonged.
    return measure.start + relativedelta(months=6 * (1 + measure.prolongations))


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
    """Open an FSL ASLL or ASL Jeunes ASE measure. The territory defaults to the EPCI of the
    person's commune, the échéance to six months per notification. Raises ValidationError
    (French, per field): a kind that is not the dispositif's, an FSL measure without its
    points, a notification after the start, a second measure of the same dispositif at once."""
    check_can_record(by)
    measure = SupportMeasure(person=person, dispositif=dispositif, kind=kind, start=start, **data)
    _check_measure(measure)
    if measure.epci_id is None:
        commune = person.commune
        if commune is None or commune.epci is None:
            raise ValidationError({"epci": "Indiquez le territoire (CAHC ou CALL) de la mesure."})
        measure.epci = commune.epci
    if not measure.planned_end:
        measure.planned_end = _default_planned_end(measure)
    measure.full_clean(exclude=["version"])
    measure.save()
    shared_services.case_file_ensure(person=person, service=_habitat(), on=start, by=by)
    return measure


# What a correction may change: what was entered when the measure was opened and what was
# learnt since (prolongations, objectives, partners…); an ended measure's end too. The end
# itself is given by `support_measure_close`.
MEASURE_EDITABLE = (
    "person",
    "dispositif",
    "epci",
    "kind",
    "weight",
    "orienteur_kind",
    "notified_on",
    "start",
    "planned_end",
    "reason",
    "annex_difficulties",
    "applications_and_aids",
    "objectives_set",
    "objectives_reached",
    "prolongations",
    "resources",
    "resource_type",
    "composition",
    "housing_origin",
    "initial_objectives",
    "partners_contacted",
)
ENDED_MEASURE_EDITABLE = ("end", "end_reason")


@transaction.atomic
def support_measure_update(
    *, measure: SupportMeasure, data: dict, by: User, version: int | None = None
) -> SupportMeasure:
    """Correct a measure, in progress or ended, with the same checks as when it was opened
    (an ended one's end date and reason too: a measure is not ended here). Versioned: raises
    ConcurrentEditError (HTTP 409) when someone saved it since `version` was read;
    ValidationError (French, per field) for any other refusal."""
    check_can_record(by)
    editable = MEASURE_EDITABLE + (ENDED_MEASURE_EDITABLE if measure.end else ())
    unknown = set(data) - set(editable)
    if unknown:
        raise ValidationError(f"Champs non modifiables : {', '.join(sorted(unknown))}.")
    for name, value in data.items():
        setattr(measure, name, value)
    if measure.end is not None:
        if measure.end_reason not in SupportMeasure.EndReason.values:
            raise ValidationError({"end_reason": "Indiquez le motif d'arrêt de la mesure."})
        _check_date(measure.end, "end", future_days=0)
    _check_measure(measure, exclude_pk=measure.pk)
    if measure.planned_end is None:
        measure.planned_end = _default_planned_end(measure)
    measure.full_clean(exclude=["version"])
    save_versioned(measure, version)
    shared_services.case_file_ensure(
        person=measure.person, service=_habitat(), on=measure.start, by=by
    )
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
    """A home visit of the measure, dated during it and not in the future; its author kept
    (they correct or delete it)."""
    check_can_record(by)
    check_home_visit(measure, date)
    return HomeVisit.objects.create(measure=measure, date=date, created_by=by)


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
    months, or to a new one opened with `cllaj_file_data`; a new young person is created first
    (LikelyDuplicateError when they look like a youth already known, unless
    `new_person["distinct"]`)."""
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
            distinct=bool(new_person.get("distinct")),
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
