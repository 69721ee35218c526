"""Writes of the housing requests and of the CLLAJ (files, interviews)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from habitat.models import (
    CLLAJ_DISPOSITIFS,
    CllajApplication,
    CllajFile,
    CllajInterview,
    HousingRequest,
    MeetingPlace,
)
from habitat.services.checks import (
    _check_date,
    _habitat,
    check_can_record,
)
from rl_portal import services as shared_services
from rl_portal.models import User

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
