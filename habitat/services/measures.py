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
