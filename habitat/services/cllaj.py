"""Corrections of a CLLAJ follow-up from its page: the file's answers, its interviews, the
applications built and the orientations advised — added, corrected (versioned: a concurrent
change is refused, never overwritten) or deleted, every change journalled with its author.
The creations of a file and of an interview from the quick entry stay in `applications`."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from habitat import perms
from habitat.models import (
    CLLAJ_DISPOSITIFS,
    CllajApplication,
    CllajFile,
    CllajInterview,
    CllajOrientation,
    MeetingPlace,
)
from habitat.services.checks import _check_date, check_can_record
from rl_portal.audit import journal_note
from rl_portal.models import User
from rl_portal.versioning import ConcurrentEditError, delete_versioned, save_versioned

# What the file's page corrects (the person and the author stay).
CLLAJ_FILE_FIELDS = (
    "dispositif",
    "kind",
    "date",
    "orienteur_kind",
    "housing_situation",
    "employment",
    "resources",
    "problematique",
    "composition",
    "is_qpv",
    "mission_locale",
    "action_logement",
    "outcome",
)


def _check_day(cllaj_file: CllajFile, date: datetime.date | None, field: str = "date") -> None:
    """A record of the follow-up is dated, not in the future, and not before the request."""
    _check_date(date, field, future_days=0)
    if date < cllaj_file.date:
        raise ValidationError(
            {field: f"Cette date précède la demande du {cllaj_file.date:%d/%m/%Y}."}
        )


def _journalled(by: User):
    return journal_note(actor=by, action="suivi CLLAJ")


@transaction.atomic
def cllaj_file_update(*, cllaj_file: CllajFile, by: User, version: int, **data) -> CllajFile:
    """Correct a CLLAJ file's answers if nobody saved it since `version` was read. The
    dispositif and the nature are chosen; the descriptive answers may stay « non renseigné »
    (blank). The request's date cannot follow one of its interviews, applications or
    orientations."""
    check_can_record(by)
    unknown = set(data) - set(CLLAJ_FILE_FIELDS)
    if unknown:
        raise ValidationError(f"Champs inconnus : {', '.join(sorted(unknown))}.")
    for name, value in data.items():
        setattr(cllaj_file, name, value)
    if cllaj_file.dispositif_id is None or cllaj_file.dispositif.code not in CLLAJ_DISPOSITIFS:
        raise ValidationError({"dispositif": "Choisissez CLLAJ ou CLLAJ ASE."})
    if cllaj_file.kind not in CllajFile.Kind.values:
        raise ValidationError({"kind": "Indiquez la nature du suivi : AIO seule ou suivi dossier."})
    _check_date(cllaj_file.date, "date", future_days=0)
    earliest = min(
        (
            day
            for related in (cllaj_file.interviews, cllaj_file.applications, cllaj_file.orientations)
            for day in related.values_list("date", flat=True)
        ),
        default=None,
    )
    if earliest is not None and cllaj_file.date > earliest:
        raise ValidationError(
            {
                "date": f"La demande ne peut pas suivre le premier entretien ou dossier du "
                f"{earliest:%d/%m/%Y}."
            }
        )
    cllaj_file.full_clean(exclude=["version"])
    with _journalled(by):
        save_versioned(cllaj_file, version)
    return cllaj_file


def _check_interview(cllaj_file, date, mode, place) -> None:
    _check_day(cllaj_file, date)
    if mode not in CllajInterview.Mode.values:
        raise ValidationError(
            {"mode": "Indiquez si l'entretien a eu lieu en présentiel ou à distance."}
        )
    if mode == CllajInterview.Mode.IN_PERSON and place is None:
        raise ValidationError({"place": "Indiquez le lieu du rendez-vous."})


@transaction.atomic
def cllaj_interview_add(
    *,
    cllaj_file: CllajFile,
    by: User,
    date: datetime.date,
    mode: str,
    place: MeetingPlace | None = None,
) -> CllajInterview:
    """An interview added from the follow-up's page (in person: with its place)."""
    check_can_record(by)
    _check_interview(cllaj_file, date, mode, place)
    interview = CllajInterview(
        cllaj_file=cllaj_file,
        date=date,
        mode=mode,
        place=place if mode == CllajInterview.Mode.IN_PERSON else None,
        created_by=by,
    )
    interview.full_clean(exclude=["version"])
    with _journalled(by):
        interview.save()
    return interview


@transaction.atomic
def cllaj_interview_update(
    *,
    interview: CllajInterview,
    by: User,
    version: int,
    date: datetime.date,
    mode: str,
    place: MeetingPlace | None = None,
) -> CllajInterview:
    """Correct an interview's date, modality and place if nobody saved it since `version`."""
    check_can_record(by)
    _check_interview(interview.cllaj_file, date, mode, place)
    interview.date, interview.mode = date, mode
    interview.place = place if mode == CllajInterview.Mode.IN_PERSON else None
    interview.full_clean(exclude=["version"])
    with _journalled(by):
        save_versioned(interview, version)
    return interview


@transaction.atomic
def cllaj_interview_delete(*, interview: CllajInterview, by: User, version: int) -> None:
    """Delete an interview entered by mistake (its author or a chef de service)."""
    check_can_record(by)
    if not perms.can_delete(by, interview):
        raise ValidationError(
            "Seul l'auteur de la saisie ou un chef de service supprime un entretien."
        )
    with _journalled(by):
        delete_versioned(interview, version)


def _save_item(item, by: User, version: int | None) -> None:
    item.full_clean(exclude=["version"])
    with _journalled(by):
        if item.pk is None:
            item.save()
        else:
            if version is None:
                raise ConcurrentEditError()
            save_versioned(item, version)


@transaction.atomic
def cllaj_application_save(
    *,
    cllaj_file: CllajFile,
    by: User,
    kind: str,
    date: datetime.date,
    application: CllajApplication | None = None,
    version: int | None = None,
) -> CllajApplication:
    """Add an application (file built: social housing, CAF, FSL…) to the follow-up, or correct
    one (with the version read)."""
    check_can_record(by)
    if kind not in CllajApplication.Kind.values:
        raise ValidationError({"kind": "Choisissez le dossier constitué."})
    _check_day(cllaj_file, date)
    if application is None:
        application = CllajApplication(cllaj_file=cllaj_file)
    elif application.cllaj_file_id != cllaj_file.pk:
        raise ValidationError("Ce dossier n'est pas celui de ce suivi.")
    application.kind, application.date = kind, date
    _save_item(application, by, version)
    return application


@transaction.atomic
def cllaj_orientation_save(
    *,
    cllaj_file: CllajFile,
    by: User,
    target: str,
    date: datetime.date,
    orientation: CllajOrientation | None = None,
    version: int | None = None,
) -> CllajOrientation:
    """Add an orientation advised (ALT, SIAO, Tremplins Duo…) to the follow-up, or correct one
    (with the version read)."""
    check_can_record(by)
    if target not in CllajOrientation.Target.values:
        raise ValidationError({"target": "Choisissez l'orientation préconisée."})
    _check_day(cllaj_file, date)
    if orientation is None:
        orientation = CllajOrientation(cllaj_file=cllaj_file)
    elif orientation.cllaj_file_id != cllaj_file.pk:
        raise ValidationError("Cette orientation n'est pas celle de ce suivi.")
    orientation.target, orientation.date = target, date
    _save_item(orientation, by, version)
    return orientation


@transaction.atomic
def cllaj_item_delete(*, item: CllajApplication | CllajOrientation, by: User, version: int) -> None:
    """Delete an application or an orientation entered by mistake, if nobody changed it since
    `version` was read."""
    check_can_record(by)
    if not isinstance(item, CllajApplication | CllajOrientation):
        raise ValidationError("Seuls un dossier constitué ou une orientation se suppriment ici.")
    with _journalled(by):
        delete_versioned(item, version)
