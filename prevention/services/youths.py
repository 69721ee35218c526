"""Writes of the youths met: contacts, youths created on the spot, the quick entry."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone

from prevention.models import (
    Activity,
    Contact,
    ContactMode,
    TimeEntry,
)
from prevention.services.checks import (
    _check_educator,
    check_can_record,
    check_date,
    check_not_future,
    check_place,
    error_dict,
)
from prevention.services.time_entries import (
    time_entry_create,
)
from rl_portal import services as shared_services
from rl_portal.models import (
    Commune,
    Dispositif,
    OfflineSubmission,
    Person,
    Quartier,
    Sex,
    User,
    search_key,
)
from rl_portal.validations import validated_reports_covering

# --------------------------------------------------------------------------------------------
# Youths met
# --------------------------------------------------------------------------------------------


@transaction.atomic
def contact_create(
    *,
    person: Person,
    dispositif: Dispositif,
    date: datetime.date,
    mode: str,
    educator: User,
    by: User,
    commune: Commune | None = None,
    quartier: Quartier | None = None,
) -> Contact:
    """Record that `educator` met `person`; the person becomes known to the service (their file
    opens on the date of the first meeting)."""
    check_can_record(by, dispositif)
    _check_educator(educator, dispositif, by)
    check_date(date)
    check_not_future(date)
    if mode not in ContactMode.values:
        raise ValidationError({"mode": "Choisissez le mode de rencontre."})
    check_place(commune, quartier)
    contact = Contact(
        person=person,
        dispositif=dispositif,
        date=date,
        mode=mode,
        educator=educator,
        commune=commune or (quartier.commune if quartier else None) or person.commune,
        quartier=quartier,
    )
    contact.full_clean()
    contact.save()
    shared_services.case_file_ensure(person=person, service=dispositif.service, on=date, by=by)
    return contact


@transaction.atomic
def youth_create(
    *,
    pseudonym: str,
    sex: str,
    dispositif: Dispositif,
    by: User,
    age: int | None = None,
    commune: Commune | None = None,
    last_name: str = "",
    birth_year: int | None = None,
    birth_date: datetime.date | None = None,
    quartier: Quartier | None = None,
    ase_history: bool | None = None,
    known_since: datetime.date | None = None,
) -> Person:
    """A youth met in the street: a pseudonym, a sex and an approximate age are enough. A youth
    brought from the association's previous tool may say more, and since when the service
    knows them (`known_since`: their first record there, the « nouveau jeune » date)."""
    check_can_record(by, dispositif)
    if not (pseudonym or "").strip():
        raise ValidationError({"pseudonym": "Indiquez un pseudonyme."})
    if sex not in Sex.values:
        raise ValidationError({"sex": "Choisissez le sexe (ou « non renseigné »)."})
    if age is not None and not 3 <= age <= 30:
        raise ValidationError({"age": "L'âge approximatif doit être compris entre 3 et 30 ans."})
    check_place(commune, quartier)
    today = timezone.localdate()
    person = shared_services.person_create(
        data={
            "pseudonym": pseudonym.strip(),
            "last_name": last_name,
            "sex": sex,
            "birth_year": today.year - age if age is not None else birth_year,
            "birth_date": birth_date,
            "commune": commune or (quartier.commune if quartier else None),
            "quartier": quartier,
            "ase_history": ase_history,
        },
        service=dispositif.service,
        by=by,
    )
    if known_since is not None:
        youth_known_since_set(person=person, dispositif=dispositif, on=known_since, by=by)
    return person


@transaction.atomic
def youth_known_since_set(*, person: Person, dispositif: Dispositif, on: datetime.date, by: User):
    """The service knows the youth since `on` (from its previous tool): their file in the
    service opens then, or earlier if a record says so."""
    check_can_record(by, dispositif)
    check_date(on, "known_since")
    check_not_future(on, "known_since")
    return shared_services.case_file_ensure(person=person, service=dispositif.service, on=on, by=by)


@dataclass
class QuickEntryResult:
    time_entries: list[TimeEntry]
    contacts: list[Contact]

    @property
    def hours(self) -> Decimal:
        return sum((entry.hours for entry in self.time_entries), Decimal("0"))


@transaction.atomic
def quick_entry_save(
    *,
    by: User,
    dispositif: Dispositif,
    date: datetime.date,
    hours_by_activity: dict[str, object],
    persons: Sequence[Person] = (),
    mode: str = ContactMode.TRAVAIL_DE_RUE,
    commune: Commune | None = None,
    quartier: Quartier | None = None,
    online_hours=None,
) -> QuickEntryResult:
    """The éducateur's day in one save: hours per activity and the youths met. All or nothing:
    one refused line leaves the whole day unrecorded, with the reason."""
    entries = []
    errors: dict[str, list[str]] = {}
    # Promeneur du net: street work online, its own line (field « hours_online »).
    lines = [(activity, raw, False) for activity, raw in hours_by_activity.items()]
    lines.append((Activity.TRAVAIL_DE_RUE, online_hours, True))
    for activity, raw, online in lines:
        if raw in (None, "", 0, "0"):
            continue
        try:
            entries.append(
                time_entry_create(
                    educator=by,
                    dispositif=dispositif,
                    date=date,
                    hours=raw,
                    activity=activity,
                    commune=commune,
                    quartier=quartier,
                    by=by,
                    online=online,
                )
            )
        except ValidationError as error:
            # Hours errors go next to the activity's field; the others (date, place…) are
            # the same for every line: keep them once.
            name = "online" if online else activity
            for field, messages in error_dict(error).items():
                key = f"hours_{name}" if field in ("hours", NON_FIELD_ERRORS) else field
                for message in messages:
                    if message not in errors.get(key, []):
                        errors.setdefault(key, []).append(message)
    if errors:
        raise ValidationError(errors)
    contacts = [
        contact_create(
            person=person,
            dispositif=dispositif,
            date=date,
            mode=mode,
            educator=by,
            commune=commune,
            quartier=quartier,
            by=by,
        )
        for person in persons
    ]
    if not entries and not contacts:
        raise ValidationError("Saisissez au moins des heures ou un jeune rencontré.")
    return QuickEntryResult(time_entries=entries, contacts=contacts)


@dataclass(frozen=True)
class QueuedYouth:
    """A youth created on the spot while offline, as typed on the phone (`commune`: theirs if
    the phone said it, else the entry's)."""

    pseudonym: str
    sex: str = Sex.UNKNOWN
    age: int | None = None
    commune: Commune | None = None


def same_pseudonym_youths(*, pseudonym: str, service_ids, by: User) -> list[Person]:
    """Persons of these services, visible to `by`, with the same pseudonym (case and accents
    aside): probably the same youth, to be checked by a person, never merged here."""
    key = search_key(pseudonym)
    candidates = (
        Person.objects.visible_to(by).in_services(service_ids).search(pseudonym).order_by("pk")
    )
    return [person for person in candidates if search_key(person.pseudonym) == key]


@transaction.atomic
def quick_entry_sync(
    *,
    client_uuid,
    by: User,
    dispositif: Dispositif,
    date: datetime.date,
    hours_by_activity: dict[str, object],
    online_hours=None,
    youth_ids: Sequence[int] = (),
    new_youths: Sequence[QueuedYouth] = (),
    mode: str = ContactMode.TRAVAIL_DE_RUE,
    commune: Commune | None = None,
    quartier: Quartier | None = None,
) -> tuple[OfflineSubmission, bool]:
    """A quick entry typed offline and sent later: written once per `client_uuid` (the phone's
    idempotency key), by the same rules as the online quick entry (`quick_entry_save`), the
    youths created on the spot in the same transaction (a refused entry leaves no youth behind).

    Returns the submission and whether this call wrote it (False: already received). Its
    `result` keeps the ids written, the new youths that look like a youth already known
    (« doublon probable », flagged, never merged) and the validated reports covering the date."""

    def write() -> dict:
        wanted = list(dict.fromkeys(youth_ids))
        persons = list(
            Person.objects.visible_to(by).in_services([dispositif.service_id]).filter(pk__in=wanted)
        )
        if len(persons) != len(wanted):
            raise ValidationError(
                {
                    "youths": "Un des jeunes de cette saisie n'est plus visible de vos services : "
                    "retirez-le, puis envoyez à nouveau."
                }
            )
        created, duplicates = [], []
        for youth in new_youths:
            twins = same_pseudonym_youths(
                pseudonym=youth.pseudonym, service_ids=[dispositif.service_id], by=by
            )
            person = youth_create(
                pseudonym=youth.pseudonym,
                sex=youth.sex,
                age=youth.age,
                dispositif=dispositif,
                commune=youth.commune or commune or (quartier.commune if quartier else None),
                by=by,
            )
            created.append(person)
            if twins:
                duplicates.append([person.pk, [twin.pk for twin in twins]])
        saved = quick_entry_save(
            by=by,
            dispositif=dispositif,
            date=date,
            hours_by_activity=hours_by_activity,
            online_hours=online_hours,
            persons=persons + created,
            mode=mode,
            commune=commune,
            quartier=quartier,
        )
        return {
            "time_entries": [entry.pk for entry in saved.time_entries],
            "contacts": [contact.pk for contact in saved.contacts],
            "hours": str(saved.hours),
            "new_youths": [person.pk for person in created],
            "duplicates": duplicates,
            "validated_reports": list(validated_reports_covering(date, dispositif.service.code)),
        }

    return shared_services.offline_submission_apply(
        client_uuid=client_uuid, kind=OfflineSubmission.Kind.QUICK_ENTRY, by=by, write=write
    )
