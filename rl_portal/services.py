"""Writes on the shared domain. Each function is one transaction and raises ValidationError
with a French message when the write cannot be done; nothing is then changed."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone

from rl_portal import anonymisation, perms, referentials
from rl_portal.audit import journal_note
from rl_portal.duplicates import check_not_duplicate
from rl_portal.models import (
    CaseFile,
    Household,
    HouseholdMember,
    OfflineSubmission,
    Person,
    Service,
    User,
    search_key,
)
from rl_portal.referentials import Referential
from rl_portal.versioning import ConcurrentEditError, save_versioned

PERSON_EDITABLE_FIELDS = (
    "pseudonym",
    "last_name",
    "sex",
    "birth_date",
    "birth_year",
    "commune",
    "quartier",
    "ase_history",
    "phone",
    "email",
)


def _check_can_write_in(service: Service, by: User) -> None:
    if not perms.can_record_in(by, service):
        raise ValidationError(
            {"service": "Vous ne pouvez enregistrer que dans les services dont vous êtes membre."}
        )


@transaction.atomic
def case_file_ensure(
    *, person: Person, service: Service, on: datetime.date, by: User | None
) -> CaseFile:
    """The service's file about `person`, opened on `on` if it does not exist; an earlier record
    moves its opening date back (it is the person's first record in the service)."""
    case_file, created = CaseFile.objects.get_or_create(
        person=person, service=service, defaults={"opened_on": on, "opened_by": by}
    )
    if not created and on < case_file.opened_on:
        case_file.opened_on = on
        case_file.save(update_fields=["opened_on"])
    return case_file


@transaction.atomic
def person_create(
    *, data: dict[str, Any], service: Service, by: User, distinct: bool = False
) -> Person:
    """Create a person known to `service` (the creator must work in it). Unless the user said
    it is someone else (`distinct`), raise LikelyDuplicateError when a person of the service
    they may see looks the same (rl_portal.duplicates): nothing is then created."""
    _check_can_write_in(service, by)
    person = Person(**{key: value for key, value in data.items() if key in PERSON_EDITABLE_FIELDS})
    person.full_clean(exclude=["version"])
    if not distinct:
        check_not_duplicate(
            candidates=Person.objects.visible_to(by).in_services([service.pk]), data=data
        )
    person.save()
    case_file_ensure(person=person, service=service, on=timezone.localdate(), by=by)
    return person


@transaction.atomic
def person_update(*, person: Person, data: dict[str, Any], version: int, by: User) -> Person:
    """Apply `data` to `person` if nobody saved it since `version` was read; otherwise raise
    ConcurrentEditError and change nothing."""
    if not Person.objects.visible_to(by).in_services(by.service_ids).filter(pk=person.pk).exists():
        raise ValidationError("Vous ne pouvez pas modifier cette personne.")
    for key, value in data.items():
        if key in PERSON_EDITABLE_FIELDS:
            setattr(person, key, value)
    person.full_clean(exclude=["version"])
    save_versioned(person, version)
    return person


HOUSEHOLD_EDITABLE_FIELDS = (
    "label",
    "composition",
    "monthly_resources",
    "main_resource_type",
    "commune",
)


def _check_can_change_household(household: Household, by: User) -> None:
    # Whoever may change one of its members' records may change the household.
    if not perms.can_change_household(by, household):
        raise ValidationError("Vous ne pouvez pas modifier ce ménage.")


@transaction.atomic
def household_create(*, applicant: Person, data: dict[str, Any], by: User) -> Household:
    """Create the household `applicant` applies with (its « demandeur »): its designation, its
    composition (counted by the habitat bilans: no default), resources and commune. Raises
    ValidationError if `by` may not change the applicant's record."""
    if not perms.can_change_person(by, applicant):
        raise ValidationError("Vous ne pouvez pas créer de ménage pour cette personne.")
    household = Household(
        **{key: value for key, value in data.items() if key in HOUSEHOLD_EDITABLE_FIELDS}
    )
    household.full_clean(exclude=["version"])
    household.save()
    HouseholdMember.objects.create(
        household=household, person=applicant, role=HouseholdMember.Role.APPLICANT
    )
    return household


@transaction.atomic
def household_update(
    *, household: Household, data: dict[str, Any], version: int, by: User
) -> Household:
    """Change the household's description if nobody saved it since `version` was read
    (ConcurrentEditError otherwise; nothing changed)."""
    _check_can_change_household(household, by)
    for key, value in data.items():
        if key in HOUSEHOLD_EDITABLE_FIELDS:
            setattr(household, key, value)
    household.full_clean(exclude=["version"])
    save_versioned(household, version)
    return household


@transaction.atomic
def household_member_add(
    *, household: Household, person: Person, role: str, by: User
) -> HouseholdMember:
    """Add `person` (visible to `by`) to the household with `role` (demandeur, conjoint(e),
    enfant, autre: chosen, no default)."""
    _check_can_change_household(household, by)
    if not Person.objects.visible_to(by).filter(pk=person.pk).exists():
        raise ValidationError({"person": "Cette personne n'est pas disponible."})
    if role not in HouseholdMember.Role.values:
        raise ValidationError({"role": "Choisissez le rôle dans le ménage."})
    if household.memberships.filter(person=person).exists():
        raise ValidationError({"person": f"{person.pseudonym} fait déjà partie du ménage."})
    return HouseholdMember.objects.create(household=household, person=person, role=role)


@transaction.atomic
def household_member_remove(*, member: HouseholdMember, by: User) -> None:
    """Take a member out of the household (a person who left it, or added by mistake); the
    last member stays: a household is never empty."""
    _check_can_change_household(member.household, by)
    if member.household.memberships.count() == 1:
        raise ValidationError("Le ménage garde au moins un membre.")
    member.delete()


ANONYMOUS_PSEUDONYM = "Anonyme"


@transaction.atomic
def person_anonymise(*, person: Person, by: User | None, reason: str) -> Person:
    """Remove what identifies `person` and keep what the reports count (sex, birth year,
    commune): their records stay in the statistics, nobody can tell who they were. The free
    texts of their records and the audit journal are cleared of them too
    (`rl_portal.anonymisation`).
    `by` is None for the retention job."""
    if by is not None and not perms.can_anonymise(by):
        raise ValidationError("Seules la direction et l'administration peuvent anonymiser.")
    if not reason.strip():
        raise ValidationError({"reason": "Indiquez le motif de l'anonymisation."})
    if person.anonymised_at is not None:
        raise ValidationError("Cette personne est déjà anonymisée.")
    # What named the person, read before it is cleared (their journal included).
    names = anonymisation.names_of(person)
    person.pseudonym = f"{ANONYMOUS_PSEUDONYM} {person.pk}"
    person.last_name = ""
    person.birth_date = None  # the birth year stays: age bands need it
    person.quartier = None
    person.phone = ""
    person.email = ""
    person.anonymised_at = timezone.now()
    person.search_key = search_key(person.pseudonym)
    # The journal entry says who did it and why (the version check does not apply: this is not
    # an edit of what someone read).
    person._concurrency_disabled = True
    with journal_note(actor=by, action="anonymisation", motif=reason):
        person.save()
        # The records' free texts about the person, then every trace of their names in the
        # journal — this anonymisation's own entries included (rl_portal.anonymisation).
        anonymisation.erase_record_texts(person, names, by=by)
        anonymisation.scrub_journal(person, names, anonymisation.records_about(person))
    return person


@transaction.atomic
def offline_submission_apply(
    *,
    client_uuid,
    kind: str,
    by: User,
    write: Callable[[], dict],
) -> tuple[OfflineSubmission, bool]:
    """Write an entry queued on a phone once, whatever the number of times it is sent.

    `write` does the entry's writes (through the app's services) and returns what to keep and
    answer again to a retry (ids, warnings). Returns the submission and whether this call wrote
    it (False: already received, nothing written). If `write` refuses the entry, nothing is
    kept, not even the key: the corrected entry can be sent again under the same UUID."""
    existing = OfflineSubmission.objects.filter(client_uuid=client_uuid).first()
    if existing is None:
        try:
            # The key first: a second sending of the same entry running at the same moment
            # waits on this row (unique index) and then finds it, instead of writing twice.
            with transaction.atomic():
                submission = OfflineSubmission.objects.create(
                    client_uuid=client_uuid, kind=kind, user=by
                )
        except IntegrityError:
            existing = OfflineSubmission.objects.get(client_uuid=client_uuid)
        else:
            submission.result = write()
            submission.save(update_fields=["result"])
            return submission, True
    if existing.user_id != by.pk or existing.kind != kind:
        # A UUID is drawn at random on the phone: the same one from someone else is not a retry.
        raise ValidationError(
            {"client_uuid": "Cet identifiant de saisie est déjà celui d'une autre saisie."}
        )
    return existing, False


@transaction.atomic
def offline_submissions_purge(*, before: datetime.datetime) -> int:
    """Delete the idempotency keys of the entries received before `before` (the retention
    job, `manage.py purge_offline_submissions`); returns how many. A key holds no name, but
    who sent what and when need not be kept once no phone can send the entry again."""
    deleted, _ = OfflineSubmission.objects.filter(received_at__lt=before).delete()
    return deleted


@transaction.atomic
def referential_save(
    *,
    referential: Referential,
    instance: Model | None,
    data: dict[str, Any],
    fingerprint_read: str | None,
    by: User,
) -> Model:
    """Create (`instance` None) or change a record of a référentiel kept in the pages, for a
    chef de service of a service that owns it (or an administrator). A change is refused with
    ConcurrentEditError if the record changed since the user read it (`fingerprint_read`)."""
    action = "change" if instance is not None else "add"
    if not perms.can_manage_referential(by, referential, action):
        raise ValidationError("Vous ne pouvez pas modifier ce référentiel.")
    model = referential.model
    if instance is None:
        record = model()
    else:
        scoped = referentials.records(referential, by).select_for_update(of=("self",))
        record = scoped.filter(pk=instance.pk).first()
        if record is None:
            raise ValidationError("Vous ne pouvez pas modifier cet enregistrement.")
        if fingerprint_read != referentials.fingerprint(record, referential):
            raise ConcurrentEditError()
    many = {}
    for name in referential.fields:
        if name not in data:
            continue
        if model._meta.get_field(name).many_to_many:
            many[name] = data[name]
        else:
            setattr(record, name, data[name])
    record.full_clean()
    with journal_note(actor=by, action=f"référentiel {referential.slug}"):
        record.save()
        for name, values in many.items():
            getattr(record, name).set(values)
    return record
