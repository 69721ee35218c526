"""Writes of the housing requests and of the CLLAJ (files, interviews)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from habitat.models import (
    CLLAJ_DISPOSITIFS,
    HOUSING_DISPOSITIFS,
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
from rl_portal.versioning import save_versioned

# --------------------------------------------------------------------------------------------
# Requests
# --------------------------------------------------------------------------------------------


def _check_housing_dispositif(dispositif) -> None:
    if dispositif is None or dispositif.code not in HOUSING_DISPOSITIFS:
        raise ValidationError(
            {"dispositif": "Choisissez Tremplins Duo, ALT Jeunes ou ALT Familles / jeunes couples."}
        )


def _check_no_pending_twin(request: HousingRequest) -> None:
    """One pending request per person and dispositif: a second one is the same request
    entered twice (a double tap, or a colleague's entry not seen)."""
    twin = (
        HousingRequest.objects.filter(
            person=request.person,
            dispositif=request.dispositif,
            decision=HousingRequest.Decision.PENDING,
        )
        .exclude(pk=request.pk)
        .order_by("date")
        .first()
    )
    if twin is not None:
        raise ValidationError(
            {
                "person": (
                    f"{request.person} a déjà une demande {request.dispositif.name} en attente "
                    f"(du {twin.date:%d/%m/%Y}) : corrigez-la plutôt que d'en saisir une autre."
                )
            }
        )


def _check_decision(request: HousingRequest) -> None:
    """A pending request has no decision date; a decided one has one, between the request's
    date and today."""
    if request.decision not in HousingRequest.Decision.values:
        raise ValidationError({"decision": "Choisissez en attente, admis, refusé ou sans suite."})
    if request.decision == HousingRequest.Decision.PENDING:
        request.decided_on = None
        return
    if request.decided_on is None:
        raise ValidationError({"decided_on": "Indiquez la date de la décision."})
    _check_date(request.decided_on, "decided_on", future_days=0)
    if request.decided_on < request.date:
        raise ValidationError({"decided_on": "La décision ne peut pas précéder la demande."})


@transaction.atomic
def housing_request_create(*, by: User, **data) -> HousingRequest:
    """Record a request (demande, préadmission) for Tremplins Duo or ALT, pending its decision.
    The orienteur's kind, the reason and the public are chosen (the bilans count them).
    Raises ValidationError (French, per field) for another dispositif, an implausible date or
    a second pending request of the same person for the same dispositif."""
    check_can_record(by)
    _check_housing_dispositif(data.get("dispositif"))
    _check_date(data.get("date"), "date", future_days=0)
    request = HousingRequest(created_by=by, **data)
    request.full_clean(exclude=["version"])
    _check_no_pending_twin(request)
    request.save()
    shared_services.case_file_ensure(
        person=request.person, service=_habitat(), on=request.date, by=by
    )
    return request


# What a correction may change: everything the user entered, the decision included (a decided
# request whose decision was wrong, or that goes back to « en attente »).
REQUEST_EDITABLE = (
    "person",
    "household",
    "dispositif",
    "date",
    "orienteur",
    "orienteur_kind",
    "reason",
    "composition",
    "decision",
    "decided_on",
)


@transaction.atomic
def housing_request_update(
    *, housing_request: HousingRequest, data: dict, by: User, version: int | None = None
) -> HousingRequest:
    """Correct a request, before or after its decision: the same checks as a new one, and a
    decided request keeps a decision date between its date and today (« en attente » clears
    it). Versioned: raises ConcurrentEditError (HTTP 409) when someone saved it since
    `version` was read; ValidationError (French, per field) for any other refusal."""
    check_can_record(by)
    unknown = set(data) - set(REQUEST_EDITABLE)
    if unknown:
        raise ValidationError(f"Champs non modifiables : {', '.join(sorted(unknown))}.")
    for name, value in data.items():
        setattr(housing_request, name, value)
    _check_housing_dispositif(housing_request.dispositif)
    _check_date(housing_request.date, "date", future_days=0)
    _check_decision(housing_request)
    housing_request.full_clean(exclude=["version"])
    if housing_request.decision == HousingRequest.Decision.PENDING:
        _check_no_pending_twin(housing_request)
    save_versioned(housing_request, version)
    shared_services.case_file_ensure(
        person=housing_request.person, service=_habitat(), on=housing_request.date, by=by
    )
    return housing_request


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
