"""Writes of the scolaire records: one transaction per call, French errors, nothing written
when refused."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from rl_portal import services as shared_services
from rl_portal.duplicates import LikelyDuplicateError
from rl_portal.models import OfflineSubmission, Person, Service, User
from rl_portal.versioning import ConcurrentEditError, delete_versioned, save_versioned
from scolaire import perms
from scolaire.models import SCOLAIRE_SERVICE, Attendance, Enrolment, Programme, Referral, Session


def check_can_record(by: User) -> None:
    """Refuses, in French, a write by anyone but the homework help's team."""
    if not perms.can_record(by):
        raise ValidationError("Seule l'équipe de l'accompagnement scolaire enregistre ces données.")


def _service(code: str) -> Service:
    return Service.objects.get(code=code)


def _describe(person: Person) -> str:
    age = f"{person.age} ans" if person.age is not None else "âge inconnu"
    commune = person.commune.name if person.commune else "commune non renseignée"
    return f"{person.pseudonym} ({age}, {commune})"


@transaction.atomic
def enrolment_create(
    *,
    by: User,
    programme: Programme,
    start: datetime.date,
    child: Person | None = None,
    new_child: dict | None = None,
    confirm_new: bool = False,
    **data,
) -> Enrolment:
    """Enrol a child in a programme from `start` (within the programme's school year). The
    child is one the team knows (`child`) or is created here, in the same transaction
    (`new_child`: pseudonym, sex, birth year, commune), once the user has confirmed that none
    of the likely namesakes is them (`confirm_new`). The child's scolaire file opens then."""
    check_can_record(by)
    if child is None and not new_child:
        raise ValidationError({"child": "Cherchez l'enfant, ou créez sa fiche."})
    if start is None:
        raise ValidationError({"start": "Indiquez la date d'inscription."})
    first_day = datetime.date(programme.school_year, 9, 1)
    last_day = datetime.date(programme.school_year + 1, 8, 31)
    if not first_day <= start <= last_day:
        raise ValidationError(
            {
                "start": f"L'année scolaire du programme va du {first_day:%d/%m/%Y} au "
                f"{last_day:%d/%m/%Y}."
            }
        )
    if child is None:
        pseudonym = (new_child.get("pseudonym") or "").strip()
        if not pseudonym:
            raise ValidationError({"new_pseudonym": "Indiquez le pseudonyme de l'enfant."})
        try:
            # The look-alikes rule shared by every creation of a person (rl_portal.duplicates).
            child = shared_services.person_create(
                data={**new_child, "pseudonym": pseudonym},
                service=_service(SCOLAIRE_SERVICE),
                by=by,
                distinct=confirm_new,
            )
        except LikelyDuplicateError as error:
            raise LikelyDuplicateError(
                pseudonym,
                error.persons,
                field="confirm_new",
                message="Déjà connu(s) : "
                + " ; ".join(_describe(p) for p in error.persons)
                + ". Si c'est l'un d'eux, cherchez-le ci-dessus ; sinon cochez cette case.",
            ) from None
    elif Enrolment.objects.filter(child=child, programme=programme).exists():
        raise ValidationError(
            {"child": f"{child.pseudonym} est déjà inscrit(e) à ce programme (voir sa fiche)."}
        )
    enrolment = Enrolment(child=child, programme=programme, start=start, **data)
    enrolment.full_clean(exclude=["version"])
    enrolment.save()
    shared_services.case_file_ensure(
        person=child, service=_service(SCOLAIRE_SERVICE), on=start, by=by
    )
    return enrolment


def _check_enrolment_dates(enrolment: Enrolment) -> None:
    """An enrolment's end follows its start, has a reason (and a reason has an end), and falls
    within the programme's school year."""
    if enrolment.start is None:
        raise ValidationError({"start": "Indiquez la date d'inscription."})
    last_day = datetime.date(enrolment.programme.school_year + 1, 8, 31)
    if enrolment.end is not None:
        if enrolment.end < enrolment.start:
            raise ValidationError(
                {"end": f"La fin ne peut pas précéder l'inscription ({enrolment.start:%d/%m/%Y})."}
            )
        if enrolment.end > last_day:
            raise ValidationError(
                {"end": f"L'année scolaire du programme se termine le {last_day:%d/%m/%Y}."}
            )
        if enrolment.leaving_reason not in Enrolment.LeavingReason.values:
            raise ValidationError({"leaving_reason": "Choisissez le motif de sortie."})
    elif enrolment.leaving_reason:
        raise ValidationError({"end": "Indiquez la date de sortie qui va avec ce motif."})


def _fit_attendances(enrolment: Enrolment) -> None:
    """The roll calls agree with the enrolment's dates. A child marked absent (or not marked)
    at a session outside them was not enrolled then: that line goes (one by one, journalled).
    A child marked present or excused there was there: the dates are refused."""
    outside = enrolment.attendances.filter(
        Q(session__date__lt=enrolment.start)
        | Q(session__date__gt=enrolment.end or datetime.date.max)
    ).select_related("session")
    attended = [
        a for a in outside if a.status in (Attendance.Status.PRESENT, Attendance.Status.EXCUSED)
    ]
    if attended:
        days = ", ".join(f"{a.session.date:%d/%m/%Y}" for a in attended[:3])
        more = f" et {len(attended) - 3} autre(s)" if len(attended) > 3 else ""
        raise ValidationError(
            f"{enrolment.child.pseudonym} est noté présent ou excusé à des séances hors de ces "
            f"dates ({days}{more}) : choisissez d'autres dates ou corrigez d'abord ces appels."
        )
    for attendance in outside:
        attendance.delete()


@transaction.atomic
def enrolment_end(
    *,
    enrolment: Enrolment,
    end: datetime.date | None,
    reason: str,
    by: User,
    version: int | None = None,
) -> Enrolment:
    """A child leaves a programme on `end` for `reason`: from the next day the roll call no
    longer lists them. Their absences recorded after that day are withdrawn (they were no
    longer enrolled); a presence after it refuses the date."""
    check_can_record(by)
    if end is None:
        raise ValidationError({"end": "Indiquez la date de sortie."})
    if not reason:
        raise ValidationError({"leaving_reason": "Choisissez le motif de sortie."})
    return enrolment_update(
        enrolment=enrolment,
        data={"end": end, "leaving_reason": reason},
        by=by,
        version=version,
    )


ENROLMENT_EDITABLE = ("level", "school", "funder", "start", "end", "leaving_reason")


@transaction.atomic
def enrolment_update(
    *, enrolment: Enrolment, data: dict, by: User, version: int | None = None
) -> Enrolment:
    """Correct an enrolment (level, school, funding line, dates, leaving reason), or reopen an
    ended one (no end, no reason). Versioned and journalled; the roll calls are made to agree
    with the new dates (see `_fit_attendances`)."""
    check_can_record(by)
    for name in ENROLMENT_EDITABLE:
        if name in data:
            value = data[name]
            setattr(enrolment, name, (value or "") if name == "leaving_reason" else value)
    _check_enrolment_dates(enrolment)
    enrolment.full_clean(exclude=["version", "child", "programme", "household"])
    save_versioned(enrolment, version)
    _fit_attendances(enrolment)
    shared_services.case_file_ensure(
        person=enrolment.child, service=_service(SCOLAIRE_SERVICE), on=enrolment.start, by=by
    )
    return enrolment


@transaction.atomic
def session_save(
    *,
    by: User,
    programme: Programme,
    date: datetime.date,
    start_time: datetime.time,
    end_time: datetime.time,
    statuses: dict[int, str],
    place: str = "",
    staff: str = "",
    session: Session | None = None,
    version: int | None = None,
) -> Session:
    """Create (or correct) a session and its roll call: every child enrolled on that day gets a
    status (present, absent, excused), chosen for each child: the bilan counts presences, so
    nobody is marked absent (or present) by default. A session of an individual programme
    (ADDI, at the family's home) is one child's: `statuses` names that child."""
    check_can_record(by)
    if date > timezone.localdate():
        raise ValidationError({"date": "On fait l'appel le jour de la séance, pas à l'avance."})
    if end_time <= start_time:
        raise ValidationError({"end_time": "La fin de la séance doit suivre son début."})
    enrolled = {
        e.pk: e
        for e in Enrolment.objects.filter(programme=programme, start__lte=date)
        .exclude(end__lt=date)
        .select_related("child")
    }
    unknown = set(statuses) - set(enrolled)
    if unknown:
        raise ValidationError("Un enfant coché n'est pas inscrit à ce programme ce jour-là.")
    if programme.is_individual:
        if len(statuses) != 1:
            raise ValidationError(
                {"child": "Une séance d'aide individuelle concerne un seul enfant : choisissez-le."}
            )
        enrolled = {pk: enrolled[pk] for pk in statuses}
    if any(not s for s in statuses.values()):
        raise ValidationError({"statuses": "Indiquez la présence : présent, absent ou excusé."})
    invalid = [s for s in statuses.values() if s not in Attendance.Status.values]
    if invalid:
        raise ValidationError("Présence inconnue : présent, absent ou excusé.")
    missing = [enrolment for pk, enrolment in enrolled.items() if pk not in statuses]
    if missing:
        missing.sort(key=lambda e: (e.child.pseudonym, e.pk))
        names = ", ".join(f"{e.child.pseudonym} ({e.get_level_display()})" for e in missing[:5])
        rest = f" et {len(missing) - 5} autre(s)" if len(missing) > 5 else ""
        raise ValidationError(
            {"statuses": f"Indiquez la présence de chaque enfant : manque {names}{rest}."}
        )
    if session is None:
        session = Session(programme=programme, recorded_by=by)
    session.date, session.start_time, session.end_time = date, start_time, end_time
    session.place, session.staff = place, staff
    save_versioned(session, version)
    _roll_call_save(session, {pk: statuses[pk] for pk in enrolled})
    return session


@transaction.atomic
def roll_call_record(
    *,
    client_uuid,
    by: User,
    programme: Programme,
    session: Session | None,
    version: int | None,
    date: datetime.date,
    start_time: datetime.time,
    end_time: datetime.time,
    statuses: dict[int, str],
    place: str = "",
    staff: str = "",
) -> tuple[OfflineSubmission, bool]:
    """The roll call page's save (`session_save`), once per `client_uuid`, the key drawn when
    the page was shown: the same form sent again — a double tap, back and resubmit — writes
    nothing and returns (first submission, False). Without the key, two taps at once both
    found no session and created two (the bilan counted the children twice), and a resend
    was refused as a colleague's change. Raises what `session_save` raises (nothing kept then,
    not even the key)."""

    def write() -> dict:
        saved = session_save(
            by=by,
            programme=programme,
            session=session,
            version=version,
            date=date,
            start_time=start_time,
            end_time=end_time,
            statuses=statuses,
            place=place,
            staff=staff,
        )
        return {"session": saved.pk, "version": saved.version}

    return shared_services.offline_submission_apply(
        client_uuid=client_uuid, kind=OfflineSubmission.Kind.ROLL_CALL, by=by, write=write
    )


@transaction.atomic
def session_delete(*, session: Session, by: User, version: int | None = None) -> None:
    """Delete a session recorded by mistake (cancelled, or recorded for the wrong day) with
    its roll call; the journal keeps each attendance deleted. Refused if a colleague saved
    the session since `version` was read."""
    check_can_record(by)
    delete_versioned(session, version)


def _roll_call_save(session: Session, statuses: dict[int, str]) -> None:
    """Write the roll call row by row, so that the journal says what changed: a new child's
    attendance is a creation, a corrected status one change, a child no longer on the roll
    (another ADDI child chosen) a deletion; an unchanged attendance writes nothing. A roll
    call is a class (a score of children): saving each row costs little."""
    existing = {attendance.enrolment_id: attendance for attendance in session.attendances.all()}
    for enrolment_id, attendance in existing.items():
        if enrolment_id not in statuses:
            attendance.delete()
    for enrolment_id, status in statuses.items():
        attendance = existing.get(enrolment_id)
        if attendance is None:
            Attendance.objects.create(session=session, enrolment_id=enrolment_id, status=status)
        elif attendance.status != status:
            attendance.status = status
            attendance.save(update_fields=["status"])


@transaction.atomic
def roll_call_sync(
    *,
    client_uuid,
    by: User,
    programme: Programme,
    date: datetime.date,
    start_time: datetime.time,
    end_time: datetime.time,
    statuses: dict[int, str],
    version: int | None = None,
) -> tuple[OfflineSubmission, bool]:
    """A roll call taken offline and sent later: written once per `client_uuid` (the phone's
    idempotency key) by `session_save`. The phone says which version of the day's session it
    read (None: it saw none); if a colleague saved the session since — or created it while the
    phone saw none — ConcurrentEditError is raised and nothing is written: the phone shows both
    roll calls side by side and the user chooses."""

    def write() -> dict:
        session = (
            Session.objects.select_for_update()
            .filter(programme=programme, date=date)
            .order_by("start_time")
            .first()
        )
        if session is not None and version is None:
            raise ConcurrentEditError()
        saved = session_save(
            by=by,
            programme=programme,
            session=session,
            version=version,
            date=date,
            start_time=start_time,
            end_time=end_time,
            statuses=statuses,
        )
        return {"session": saved.pk, "version": saved.version}

    return shared_services.offline_submission_apply(
        client_uuid=client_uuid, kind=OfflineSubmission.Kind.ROLL_CALL, by=by, write=write
    )


@transaction.atomic
def referral_send(
    *, by: User, child: Person, reason: str, date: datetime.date | None = None
) -> Referral:
    check_can_record(by)
    if not child.enrolments.exists():
        raise ValidationError("Seul un enfant inscrit à un programme peut être signalé.")
    if not (reason or "").strip():
        raise ValidationError({"reason": "Décrivez la situation signalée."})
    return Referral.objects.create(
        child=child, reason=reason.strip(), date=date or timezone.localdate(), sent_by=by
    )


@transaction.atomic
def referral_decide(
    *, referral: Referral, accept: bool, by: User, on: datetime.date | None = None
) -> Referral:
    """The prevention chef de service takes the child on (the child becomes known to
    prevention) or declines, today or on the day the decision was taken (`on`, for a decision
    made in a meeting and recorded afterwards); a referral is decided once."""
    if not perms.can_decide_referrals(by):
        raise ValidationError(
            "Seul le chef de service de la prévention donne suite à une orientation."
        )
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if referral.status != Referral.Status.PENDING:
        raise ValidationError("Cette orientation a déjà reçu une suite.")
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise ValidationError({"decided_on": "La décision ne peut pas être datée dans le futur."})
    if on < referral.date:
        raise ValidationError({"decided_on": "La décision ne peut pas précéder le signalement."})
    referral.status = Referral.Status.ACCEPTED if accept else Referral.Status.DECLINED
    referral.decided_by, referral.decided_on = by, on
    referral.save(update_fields=["status", "decided_by", "decided_on"])
    if accept:
        shared_services.case_file_ensure(
            person=referral.child, service=_service("prevention"), on=referral.decided_on, by=by
        )
    return referral
