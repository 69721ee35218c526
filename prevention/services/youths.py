"""Writes of the youths met: contacts, youths created on the spot, the quick entry."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from prevention.models import (
    Activity,
    Contact,
    ContactMode,
    TimeEntry,
)
from prevention.services.accompaniments import check_new_youth, likely_duplicates
from prevention.services.checks import (
    MAX_HOURS_PER_DAY,
    _check_educator,
    check_can_record,
    check_date,
    check_not_future,
    check_place,
    day_total_message,
    error_dict,
    parse_hours,
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
    check_new_youth(pseudonym=pseudonym, sex=sex, age=age, commune=commune, quartier=quartier)
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
        # The callers decide about look-alikes: the quick entry asks before (likely_duplicates),
        # the offline sync flags them afterwards, the import asks in its preview.
        distinct=True,
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


@dataclass(frozen=True)
class NewYouth:
    """A youth met for the first time, to be created with the entry that names them (never
    before: an abandoned entry leaves no one behind). `distinct` says the user was shown the
    likely duplicates and answered that this is someone else."""

    pseudonym: str
    sex: str = Sex.UNKNOWN
    age: int | None = None
    commune: Commune | None = None
    distinct: bool = False

    @property
    def key(self) -> tuple:
        """Two new youths with the same key in one entry are one youth added twice."""
        return (search_key(self.pseudonym), self.sex, self.age, getattr(self.commune, "pk", None))

    def describe(self) -> str:
        parts = [self.pseudonym.strip()]
        if self.age is not None:
            parts.append(f"{self.age} ans")
        if self.commune is not None:
            parts.append(self.commune.name)
        return ", ".join(parts)


@dataclass
class QuickEntryResult:
    time_entries: list[TimeEntry]
    contacts: list[Contact]
    created: list[Person] = dataclasses.field(default_factory=list)

    @property
    def hours(self) -> Decimal:
        return sum((entry.hours for entry in self.time_entries), Decimal("0"))


def _quick_entry_lines(hours_by_activity, online_hours, errors) -> list[tuple[str, Decimal, bool]]:
    """The entry's lines (activity, hours, online), each parsed; a refused line's message goes
    into `errors` next to its field."""
    lines = []
    # Promeneur du net: street work online, its own line (field « hours_online »).
    raw_lines = [(activity, raw, False) for activity, raw in hours_by_activity.items()]
    raw_lines.append((Activity.TRAVAIL_DE_RUE, online_hours, True))
    for activity, raw, online in raw_lines:
        if raw in (None, "", 0, "0") or (isinstance(raw, str) and not raw.strip()):
            continue
        name = "online" if online else activity
        try:
            if activity not in Activity.values:
                raise ValidationError({"hours": "Activité inconnue."})
            lines.append((activity, parse_hours(raw), online))
        except ValidationError as error:
            for messages in error_dict(error).values():
                errors.setdefault(f"hours_{name}", []).extend(messages)
    return lines


@transaction.atomic
def quick_entry_save(
    *,
    by: User,
    dispositif: Dispositif,
    date: datetime.date,
    hours_by_activity: dict[str, object],
    persons: Sequence[Person] = (),
    new_youths: Sequence[NewYouth] = (),
    mode: str = ContactMode.TRAVAIL_DE_RUE,
    commune: Commune | None = None,
    quartier: Quartier | None = None,
    online_hours=None,
) -> QuickEntryResult:
    """The éducateur's day in one save: hours per activity (« 2h30 », « 2,5 »…), the youths
    met who are known (`persons`, among those the caller may see) and those met for the first
    time (`new_youths`, created here). All or nothing: one refused line leaves the whole day
    unrecorded — and no youth created — with the reason. A youth named twice is met once."""
    check_can_record(by, dispositif)
    check_date(date)
    errors: dict[str, list[str]] = {}
    lines = _quick_entry_lines(hours_by_activity, online_hours, errors)
    if errors:
        raise ValidationError(errors)
    added = sum((hours for _, hours, _ in lines), Decimal("0"))
    if lines:
        # Serialise the éducateur's entries of the day (see time_entry_create), then check the
        # day once: the saved hours, and this entry's lines, told apart.
        User.objects.select_for_update().filter(pk=by.pk).first()
        already = TimeEntry.objects.filter(educator=by, date=date).aggregate(total=Sum("hours"))[
            "total"
        ] or Decimal("0")
        if already + added > MAX_HOURS_PER_DAY:
            raise ValidationError(day_total_message(already=already, added=added, day=date))
    entries = [
        time_entry_create(
            educator=by,
            dispositif=dispositif,
            date=date,
            hours=hours,
            activity=activity,
            commune=commune,
            quartier=quartier,
            by=by,
            online=online,
        )
        for activity, hours, online in lines
    ]
    created = _create_new_youths(new_youths, dispositif=dispositif, by=by)
    met = list({person.pk: person for person in [*persons, *created]}.values())
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
        for person in met
    ]
    if not entries and not contacts:
        raise ValidationError("Saisissez au moins des heures ou un jeune rencontré.")
    return QuickEntryResult(time_entries=entries, contacts=contacts, created=created)


def _create_new_youths(
    new_youths: Sequence[NewYouth], *, dispositif: Dispositif, by: User
) -> list[Person]:
    """Create the entry's new youths (once each), after checking that none is a youth the
    service already knows, unless the user said so."""
    created = []
    seen = set()
    known = Person.objects.visible_to(by).in_services([dispositif.service_id])
    for youth in new_youths:
        if youth.key in seen:
            continue
        seen.add(youth.key)
        try:
            check_new_youth(
                pseudonym=youth.pseudonym, sex=youth.sex, age=youth.age, commune=youth.commune
            )
        except ValidationError as error:
            raise ValidationError(
                f"Nouveau jeune « {youth.pseudonym} » : {' '.join(error.messages)}"
            ) from None
        if not youth.distinct:
            duplicates = likely_duplicates(
                candidates=known,
                pseudonym=youth.pseudonym,
                sex=youth.sex,
                age=youth.age,
                commune=youth.commune,
            )
            if duplicates:
                raise ValidationError(
                    f"« {youth.describe()} » est peut-être déjà connu "
                    f"({len(duplicates)} fiche{'s' if len(duplicates) > 1 else ''} semblable"
                    f"{'s' if len(duplicates) > 1 else ''}) : retirez-le et ajoutez le jeune "
                    "trouvé par la recherche, ou confirmez qu'il s'agit d'un autre jeune."
                )
        created.append(
            youth_create(
                pseudonym=youth.pseudonym,
                sex=youth.sex,
                age=youth.age,
                commune=youth.commune,
                dispositif=dispositif,
                by=by,
            )
        )
    return created


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
