"""Every write of the prevention records. One transaction per call; a ValidationError with a
French message (per field where it applies) and nothing written when the input is refused."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Max, Q, Sum
from django.utils import timezone

from prevention import perms
from prevention.models import (
    PREVENTION_DISPOSITIFS,
    Accompaniment,
    ActionSession,
    Activity,
    AgeBand,
    CoAccompaniment,
    CollectiveAction,
    Contact,
    ContactMode,
    Domain,
    Headcount,
    InstanceMeeting,
    NetworkReception,
    Problematique,
    Reorientation,
    TimeEntry,
    WorkedDomain,
)
from reportkit import numbers
from rl_portal import services as shared_services
from rl_portal.models import (
    Commune,
    Dispositif,
    Funder,
    OfflineSubmission,
    Partner,
    Person,
    Quartier,
    Sex,
    User,
    search_key,
)
from rl_portal.versioning import delete_versioned, save_versioned

EARLIEST_DATE = datetime.date(2000, 1, 1)
MAX_DAYS_AHEAD = 31
MAX_HOURS_PER_DAY = Decimal("24")
QUARTER = Decimal("0.25")
# Likely duplicates shown before a youth is created on the spot.
MAX_DUPLICATES = 5


# --------------------------------------------------------------------------------------------
# Checks shared by the services
# --------------------------------------------------------------------------------------------


def error_dict(error: ValidationError) -> dict[str, list[str]]:
    return (
        error.message_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.messages}
    )


def check_can_record(by: User, dispositif: Dispositif | None) -> None:
    """Only the staff of the dispositif's service record for it."""
    if dispositif is None:
        raise ValidationError({"dispositif": "Choisissez le dispositif (SPS ou EMPS)."})
    if dispositif.code not in PREVENTION_DISPOSITIFS:
        raise ValidationError(
            {"dispositif": "Ce dispositif n'est pas un dispositif de prévention."}
        )
    if not by.works_in_services or dispositif.service_id not in by.service_ids:
        raise ValidationError(
            {"dispositif": "Vous ne pouvez enregistrer que pour les dispositifs de vos services."}
        )


def check_date(day: datetime.date | None, field: str = "date") -> None:
    if day is None:
        raise ValidationError({field: "Indiquez la date."})
    latest = timezone.localdate() + datetime.timedelta(days=MAX_DAYS_AHEAD)
    if day < EARLIEST_DATE:
        raise ValidationError({field: "La date ne peut pas être antérieure au 1er janvier 2000."})
    if day > latest:
        raise ValidationError(
            {field: f"La date ne peut pas dépasser le {latest:%d/%m/%Y} (31 jours à venir)."}
        )


def check_not_future(day: datetime.date, field: str = "date") -> None:
    """A meeting or an accompaniment is recorded once it has happened: a future date would
    open the youth's file in advance (and make them a « nouveau jeune » of the wrong year)."""
    if day > timezone.localdate():
        raise ValidationError(
            {field: "Cette date est dans le futur : enregistrez-la le jour venu."}
        )


def check_place(commune: Commune | None, quartier: Quartier | None) -> None:
    if quartier is not None and commune is not None and quartier.commune_id != commune.pk:
        raise ValidationError({"quartier": "Ce quartier n'appartient pas à la commune choisie."})


def parse_hours(value: object) -> Decimal:
    """A positive multiple of 0,25 h, at most 24, written as people write it: « 2h30 »,
    « 2:30 », « 2,5 » and « 2.5 » are the same (reportkit.numbers.parse_hours)."""
    try:
        hours = numbers.parse_hours(value)
    except ValueError as error:
        raise ValidationError({"hours": str(error)}) from None
    if hours <= 0:
        raise ValidationError({"hours": "Le nombre d'heures doit être positif."})
    if hours % QUARTER != 0:
        raise ValidationError({"hours": "Les heures se saisissent par quart d'heure (0,25 h)."})
    if hours > MAX_HOURS_PER_DAY:
        raise ValidationError({"hours": "Une journée compte au plus 24 heures."})
    return hours


def _check_educator(educator: User, dispositif: Dispositif, by: User) -> None:
    if dispositif.service_id not in educator.service_ids:
        raise ValidationError(
            {"educator": "Cet éducateur ne fait pas partie du service de ce dispositif."}
        )
    if educator.pk != by.pk and not by.has_perm("prevention.record_time_for_others"):
        raise ValidationError({"educator": "Vous ne pouvez saisir que votre propre temps."})


def day_total_message(*, already: Decimal, added: Decimal, day: datetime.date) -> str:
    """Why a day's hours are refused, with the hours saved and those being saved told apart."""
    return (
        f"{numbers.trimmed(already)} h déjà enregistrées le {day:%d/%m/%Y} ; cette saisie en "
        f"ajoute {numbers.trimmed(added)} h : maximum {numbers.trimmed(MAX_HOURS_PER_DAY)} h "
        "par jour."
    )


def _check_day_total(educator: User, day: datetime.date, added: Decimal, exclude_pk=None) -> None:
    """The éducateur's saved hours of the day (without the entry being changed) plus `added`
    stay within 24 h."""
    entries = TimeEntry.objects.filter(educator=educator, date=day)
    if exclude_pk is not None:
        entries = entries.exclude(pk=exclude_pk)
    already = entries.aggregate(total=Sum("hours"))["total"] or Decimal("0")
    if already + added > MAX_HOURS_PER_DAY:
        raise ValidationError({"hours": day_total_message(already=already, added=added, day=day)})


def _check_same_dispositif(obj, dispositif: Dispositif, field: str) -> None:
    if obj is not None and obj.dispositif_id != dispositif.pk:
        raise ValidationError({field: "Cet élément relève d'un autre dispositif."})


# --------------------------------------------------------------------------------------------
# Time
# --------------------------------------------------------------------------------------------


@transaction.atomic
def time_entry_create(
    *,
    educator: User,
    dispositif: Dispositif,
    date: datetime.date,
    hours: Decimal | str,
    activity: str,
    by: User,
    commune: Commune | None = None,
    quartier: Quartier | None = None,
    accompaniment: Accompaniment | None = None,
    action: CollectiveAction | None = None,
    note: str = "",
    online: bool = False,
) -> TimeEntry:
    check_can_record(by, dispositif)
    _check_educator(educator, dispositif, by)
    check_date(date)
    hours = parse_hours(hours)
    if activity not in Activity.values:
        raise ValidationError({"activity": "Choisissez une activité de la liste."})
    check_place(commune, quartier)
    _check_same_dispositif(accompaniment, dispositif, "accompaniment")
    _check_same_dispositif(action, dispositif, "action")
    # Serialise the éducateur's entries of the day so that two saves cannot both pass the
    # 24-hour check (a row lock on PostgreSQL; SQLite writes one transaction at a time).
    User.objects.select_for_update().filter(pk=educator.pk).first()
    _check_day_total(educator, date, hours)
    entry = TimeEntry(
        educator=educator,
        dispositif=dispositif,
        date=date,
        hours=hours,
        activity=activity,
        commune=commune or (quartier.commune if quartier else None),
        quartier=quartier,
        accompaniment=accompaniment,
        action=action,
        note=note,
        online=online,
    )
    if online and activity != Activity.TRAVAIL_DE_RUE:
        raise ValidationError({"activity": "Le promeneur du net est du travail de rue en ligne."})
    entry.full_clean(exclude=["version"])
    entry.save()
    return entry


def check_may_correct(record, by: User) -> None:
    """A saved time entry or contact is corrected by its éducateur or a chef de its service."""
    if not perms.can_correct(by, record):
        raise ValidationError(
            "Vous ne pouvez corriger que vos propres saisies (le chef de service, celles de "
            "son service)."
        )


@transaction.atomic
def time_entry_update(
    *, entry: TimeEntry, data: dict, by: User, version: int | None = None
) -> TimeEntry:
    """Correct a saved time entry (its éducateur, or a chef de service of its service), with
    the same checks as a new one — the 24 h of the day among them."""
    check_may_correct(entry, by)
    dispositif = data.get("dispositif", entry.dispositif)
    educator = data.get("educator", entry.educator)
    check_can_record(by, dispositif)
    _check_educator(educator, dispositif, by)
    for name, value in data.items():
        setattr(entry, name, value)
    check_date(entry.date)
    entry.hours = parse_hours(entry.hours)
    check_place(entry.commune, entry.quartier)
    if entry.quartier is not None and entry.commune is None:
        entry.commune = entry.quartier.commune
    if entry.online and entry.activity != Activity.TRAVAIL_DE_RUE:
        raise ValidationError({"activity": "Le promeneur du net est du travail de rue en ligne."})
    _check_same_dispositif(entry.accompaniment, dispositif, "accompaniment")
    _check_same_dispositif(entry.action, dispositif, "action")
    User.objects.select_for_update().filter(pk=educator.pk).first()
    _check_day_total(educator, entry.date, entry.hours, exclude_pk=entry.pk)
    entry.full_clean(exclude=["version"])
    save_versioned(entry, version)
    return entry


@transaction.atomic
def time_entry_delete(*, entry: TimeEntry, by: User, version: int | None = None) -> None:
    """Delete a saved time entry (its éducateur, or a chef de service of its service); the
    journal keeps what it was."""
    check_may_correct(entry, by)
    check_can_record(by, entry.dispositif)
    _check_educator(entry.educator, entry.dispositif, by)
    delete_versioned(entry, version)


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
def contact_update(
    *, contact: Contact, data: dict, by: User, version: int | None = None
) -> Contact:
    """Correct a saved meeting — its date, mode and place (its éducateur, or a chef de service
    of its service). The youth met is not changed here: a meeting recorded for the wrong youth
    is deleted and recorded again."""
    check_may_correct(contact, by)
    for name in ("date", "mode", "commune", "quartier"):
        if name in data:
            setattr(contact, name, data[name])
    check_date(contact.date)
    check_not_future(contact.date)
    if contact.mode not in ContactMode.values:
        raise ValidationError({"mode": "Choisissez le mode de rencontre."})
    check_place(contact.commune, contact.quartier)
    if contact.quartier is not None and contact.commune is None:
        contact.commune = contact.quartier.commune
    contact.full_clean(exclude=["version"])
    save_versioned(contact, version)
    # An earlier date may be the youth's first meeting with the service.
    shared_services.case_file_ensure(
        person=contact.person, service=contact.dispositif.service, on=contact.date, by=by
    )
    return contact


@transaction.atomic
def contact_delete(*, contact: Contact, by: User, version: int | None = None) -> None:
    """Delete a meeting recorded by mistake (its éducateur, or a chef de service of its
    service); the journal keeps what it was. The youth's file in the service stays."""
    check_may_correct(contact, by)
    delete_versioned(contact, version)


def check_new_youth(
    *, pseudonym: str, sex: str, age: int | None = None, commune=None, quartier=None
) -> None:
    """What a youth created on the spot must say: a pseudonym, a sex (possibly « non
    renseigné »), an approximate age between 3 and 30 if any. Checked before the youth is
    offered in an entry, and again when the entry creates them."""
    if not (pseudonym or "").strip():
        raise ValidationError({"pseudonym": "Indiquez un pseudonyme."})
    if sex not in Sex.values:
        raise ValidationError({"sex": "Choisissez le sexe (ou « non renseigné »)."})
    if age is not None and not 3 <= age <= 30:
        raise ValidationError({"age": "L'âge approximatif doit être compris entre 3 et 30 ans."})
    check_place(commune, quartier)


def likely_duplicates(
    *, candidates, pseudonym: str, sex: str = Sex.UNKNOWN, age: int | None = None, commune=None
) -> list[Person]:
    """The persons of `candidates` (a queryset the user may see) who may be the youth about to
    be created: the same pseudonym without case or accents, and nothing that tells them apart
    — a known age more than one year away, another known commune or another known sex."""
    key = search_key(pseudonym)
    if not key:
        return []
    found = candidates.filter(Q(search_key=key) | Q(search_key__startswith=f"{key} "))
    if sex in (Sex.FEMALE, Sex.MALE):
        found = found.filter(sex__in=[sex, Sex.UNKNOWN, Sex.NON_BINARY])
    if commune is not None:
        found = found.filter(Q(commune__isnull=True) | Q(commune=commune))
    if age is not None:
        year = timezone.localdate().year - age
        found = found.filter(
            Q(birth_year__isnull=True, birth_date__isnull=True)
            | Q(birth_year__range=(year - 1, year + 1))
            | Q(birth_date__year__range=(year - 1, year + 1))
        )
    people = (
        found.select_related("commune")
        .annotate(last_met=Max("prevention_contacts__date"))
        .order_by("pseudonym", "pk")[:MAX_DUPLICATES]
    )
    return [person for person in people if search_key(person.pseudonym) == key]


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
        from reporting.documents import validated_reports_covering

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


# --------------------------------------------------------------------------------------------
# Accompaniments
# --------------------------------------------------------------------------------------------


def _check_referent(referent: User, dispositif: Dispositif) -> None:
    if dispositif.service_id not in referent.service_ids:
        raise ValidationError({"referent": "Le référent doit faire partie du service."})


def _set_co_accompaniments(accompaniment: Accompaniment, co_accompaniments) -> None:
    """Make the accompaniment's co-accompanying partners these ones, row by row so that the
    journal says what changed: a partner kept writes nothing, not a deletion and a creation."""
    wanted = {}
    for kind, partner in co_accompaniments:
        if kind not in CoAccompaniment.Kind.values:
            raise ValidationError({"co_accompaniments": "Type de partenaire inconnu."})
        wanted.setdefault((kind, partner.pk if partner else None), partner)
    existing = {(c.kind, c.partner_id): c for c in accompaniment.co_accompaniments.all()}
    for key, co_accompaniment in existing.items():
        if key not in wanted:
            co_accompaniment.delete()
    for key, partner in wanted.items():
        if key not in existing:
            CoAccompaniment.objects.create(
                accompaniment=accompaniment, kind=key[0], partner=partner
            )


@transaction.atomic
def accompaniment_open(
    *,
    person: Person,
    dispositif: Dispositif,
    kind: str,
    referent: User,
    start: datetime.date,
    situation: str,
    by: User,
    origin: str = "",
    problematiques: Iterable[Problematique] = (),
    co_accompaniments: Iterable[tuple[str, object]] = (),
) -> Accompaniment:
    check_can_record(by, dispositif)
    _check_referent(referent, dispositif)
    check_date(start, "start")
    check_not_future(start, "start")
    if kind == Accompaniment.Kind.PAEI and not problematiques:
        raise ValidationError(
            {"problematiques": "Un PAEI précise au moins une problématique à l'origine."}
        )
    accompaniment = Accompaniment(
        person=person,
        dispositif=dispositif,
        kind=kind,
        referent=referent,
        start=start,
        situation=situation,
        origin=origin,
        last_review=start,
    )
    accompaniment.full_clean(exclude=["version"])
    accompaniment.save()
    accompaniment.problematiques.set(problematiques)
    _set_co_accompaniments(accompaniment, co_accompaniments)
    shared_services.case_file_ensure(person=person, service=dispositif.service, on=start, by=by)
    return accompaniment


@transaction.atomic
def accompaniment_update(
    *, accompaniment: Accompaniment, data: dict, version: int, by: User
) -> Accompaniment:
    check_can_record(by, accompaniment.dispositif)
    problematiques = data.pop("problematiques", None)
    co_accompaniments = data.pop("co_accompaniments", None)
    for field in ("end", "end_reason", "person", "dispositif"):
        # Closing has its own service; the person and dispositif do not change.
        data.pop(field, None)
    for field, value in data.items():
        setattr(accompaniment, field, value)
    if "referent" in data:
        _check_referent(accompaniment.referent, accompaniment.dispositif)
    check_date(accompaniment.start, "start")
    accompaniment.full_clean(exclude=["version"])
    save_versioned(accompaniment, version)
    if problematiques is not None:
        accompaniment.problematiques.set(problematiques)
    if co_accompaniments is not None:
        _set_co_accompaniments(accompaniment, co_accompaniments)
    return accompaniment


@transaction.atomic
def accompaniment_close(
    *,
    accompaniment: Accompaniment,
    end: datetime.date,
    reason: str,
    by: User,
    version: int | None = None,
    reorientations: Iterable[tuple[str, object, str]] = (),
) -> Accompaniment:
    """Close an open accompaniment: the end reason is required, the end date falls between its
    start and today (an accompaniment cannot be closed in advance)."""
    check_can_record(by, accompaniment.dispositif)
    if not accompaniment.is_open:
        raise ValidationError(
            f"Cet accompagnement est déjà clôturé depuis le {accompaniment.end:%d/%m/%Y}."
        )
    if reason not in Accompaniment.EndReason.values:
        raise ValidationError({"end_reason": "Choisissez le motif de clôture."})
    if end is None:
        raise ValidationError({"end": "Indiquez la date de clôture."})
    if end < accompaniment.start:
        raise ValidationError(
            {"end": f"La clôture ne peut pas précéder le début ({accompaniment.start:%d/%m/%Y})."}
        )
    if end > timezone.localdate():
        raise ValidationError({"end": "La date de clôture ne peut pas être dans le futur."})
    reorientations = list(reorientations)
    if reason == Accompaniment.EndReason.ORIENTATION and not reorientations:
        raise ValidationError(
            {
                "reorientations": (
                    "Une clôture pour orientation précise vers qui le jeune est orienté."
                )
            }
        )
    accompaniment.end = end
    accompaniment.end_reason = reason
    save_versioned(accompaniment, version)
    for category, partner, partner_name in reorientations:
        if category not in Reorientation.Category.values:
            raise ValidationError({"reorientations": "Catégorie de réorientation inconnue."})
        if partner is None and not (partner_name or "").strip():
            raise ValidationError({"reorientations": "Précisez le partenaire de la réorientation."})
        Reorientation.objects.create(
            accompaniment=accompaniment,
            category=category,
            partner=partner,
            partner_name=(partner_name or "").strip(),
        )
    return accompaniment


@transaction.atomic
def accompaniment_reopen(
    *, accompaniment: Accompaniment, by: User, on: datetime.date | None = None
) -> Accompaniment:
    """Chefs de service may reopen a closed accompaniment (a youth who comes back).

    The closed period stays as it was — its end, reason and réorientations count in the year it
    closed, so a report already transmitted regenerates unchanged — and a new period starts
    `on` (today by default) with the same youth, type, referent, situation, origin,
    problématiques and co-accompaniments. Returns the new period."""
    check_can_record(by, accompaniment.dispositif)
    if not by.has_perm("prevention.reopen_accompaniment"):
        raise ValidationError("Seul un chef de service peut rouvrir un accompagnement.")
    accompaniment = Accompaniment.objects.select_for_update().get(pk=accompaniment.pk)
    if accompaniment.is_open:
        raise ValidationError("Cet accompagnement est déjà ouvert.")
    if Accompaniment.objects.filter(reopened_from=accompaniment).exists():
        raise ValidationError(
            "Cet accompagnement a déjà été rouvert : rouvrez plutôt sa dernière période."
        )
    on = on or timezone.localdate()
    check_date(on, "start")
    check_not_future(on, "start")
    if on <= accompaniment.end:
        raise ValidationError(
            {
                "start": "La réouverture suit la clôture du "
                f"{accompaniment.end:%d/%m/%Y} : choisissez une date postérieure."
            }
        )
    reopened = Accompaniment(
        person=accompaniment.person,
        dispositif=accompaniment.dispositif,
        kind=accompaniment.kind,
        referent=accompaniment.referent,
        start=on,
        situation=accompaniment.situation,
        origin=accompaniment.origin,
        reopened_from=accompaniment,
        last_review=on,
    )
    reopened.full_clean(exclude=["version"])
    reopened.save()
    reopened.problematiques.set(accompaniment.problematiques.all())
    for co in accompaniment.co_accompaniments.all():
        CoAccompaniment.objects.create(accompaniment=reopened, kind=co.kind, partner=co.partner)
    return reopened


@transaction.atomic
def accompaniment_review(
    *, accompaniment: Accompaniment, on: datetime.date, by: User
) -> Accompaniment:
    """Record the periodic review (bilan) that keeps the accompaniment out of the alerts."""
    check_can_record(by, accompaniment.dispositif)
    check_date(on, "last_review")
    if on < accompaniment.start or on > timezone.localdate():
        raise ValidationError(
            {"last_review": "Le bilan se situe entre le début de l'accompagnement et aujourd'hui."}
        )
    accompaniment.last_review = on
    accompaniment.save(update_fields=["last_review", "updated_at", "version"])
    return accompaniment


@transaction.atomic
def worked_domain_create(
    *, accompaniment: Accompaniment, date: datetime.date, domain: str, by: User, note: str = ""
) -> WorkedDomain:
    check_can_record(by, accompaniment.dispositif)
    check_date(date)
    if domain not in Domain.values:
        raise ValidationError({"domain": "Choisissez un domaine de la liste."})
    if date < accompaniment.start or (accompaniment.end and date > accompaniment.end):
        raise ValidationError({"date": "La date doit se situer pendant l'accompagnement."})
    entry = WorkedDomain(
        accompaniment=accompaniment, date=date, domain=domain, educator=by, note=note
    )
    entry.full_clean()
    entry.save()
    return entry


# --------------------------------------------------------------------------------------------
# Collective actions
# --------------------------------------------------------------------------------------------


@dataclass
class HeadcountLine:
    age_band: str
    sex: str
    count: int


@transaction.atomic
def collective_action_save(
    *,
    by: User,
    data: dict,
    session_dates: Sequence[datetime.date],
    headcounts: Sequence[HeadcountLine] = (),
    participants: Iterable[Person] | None = None,
    partners: Iterable[Partner] | None = None,
    funders: Iterable[Funder] | None = None,
    action: CollectiveAction | None = None,
    version: int | None = None,
) -> CollectiveAction:
    """Create or update an action with its sessions and anonymous head-counts (replaced as a
    whole: the form always shows them all)."""
    dispositif = data.get("dispositif") or (action.dispositif if action else None)
    if dispositif is None:
        raise ValidationError({"dispositif": "Choisissez le dispositif."})
    check_can_record(by, dispositif)
    if not session_dates:
        raise ValidationError({"sessions": "Indiquez au moins une séance (sa date)."})
    for day in session_dates:
        check_date(day, "sessions")
    seen = set()
    for line in headcounts:
        if line.age_band not in AgeBand.values or line.sex not in Sex.values:
            raise ValidationError({"headcounts": "Tranche d'âge ou sexe inconnu."})
        if line.count < 0:
            raise ValidationError({"headcounts": "Un effectif ne peut pas être négatif."})
        if (line.age_band, line.sex) in seen:
            raise ValidationError(
                {"headcounts": "Chaque tranche d'âge et sexe n'apparaît qu'une fois."}
            )
        seen.add((line.age_band, line.sex))
    if action is None:
        action = CollectiveAction(created_by=by)
    for field, value in data.items():
        setattr(action, field, value)
    action.full_clean(exclude=["version", "created_by"])
    save_versioned(action, version if action.pk else None)
    action.sessions.all().delete()
    ActionSession.objects.bulk_create(
        [ActionSession(action=action, date=day) for day in sorted(set(session_dates))]
    )
    action.headcounts.all().delete()
    Headcount.objects.bulk_create(
        [
            Headcount(action=action, age_band=line.age_band, sex=line.sex, count=line.count)
            for line in headcounts
            if line.count > 0
        ]
    )
    if participants is not None:
        participants = list(participants)
        action.participants.set(participants)
        first_session = min(session_dates)
        for person in participants:
            shared_services.case_file_ensure(
                person=person, service=dispositif.service, on=first_session, by=by
            )
    if partners is not None:
        action.partners.set(partners)
    if funders is not None:
        action.funders.set(funders)
    return action


# --------------------------------------------------------------------------------------------
# Networks and territorial bodies
# --------------------------------------------------------------------------------------------


@transaction.atomic
def network_reception_create(*, by: User, data: dict) -> NetworkReception:
    check_can_record(by, data.get("dispositif"))
    check_date(data.get("date"))
    reception = NetworkReception(created_by=by, **data)
    if not (reception.days or 0) > 0 and not (reception.hours or 0) > 0:
        raise ValidationError({"days": "Indiquez une durée : des jours ou des heures."})
    reception.full_clean()
    reception.save()
    return reception


@transaction.atomic
def instance_meeting_create(*, by: User, data: dict) -> InstanceMeeting:
    check_can_record(by, data.get("dispositif"))
    check_date(data.get("date"))
    meeting = InstanceMeeting(created_by=by, **data)
    meeting.full_clean()
    meeting.save()
    return meeting
