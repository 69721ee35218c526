"""Writes of the accompaniments (ASEP/PAEI): open, update, close, reopen, reviews, domains."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from prevention import perms
from prevention.models import (
    Accompaniment,
    CoAccompaniment,
    Contact,
    ContactMode,
    Domain,
    Problematique,
    Reorientation,
    WorkedDomain,
)
from prevention.services.checks import (
    check_can_record,
    check_date,
    check_not_future,
    check_place,
)
from prevention.services.time_entries import check_may_correct
from rl_portal import services as shared_services
from rl_portal.duplicates import likely_duplicates as shared_likely_duplicates
from rl_portal.models import Dispositif, Person, Sex, User
from rl_portal.versioning import delete_versioned, save_versioned

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
    if not perms.can_reopen(by):
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
    """The shared rule (rl_portal.duplicates), each look-alike with the date they were last met
    in prevention (`last_met`), which is what tells youths apart in the street."""
    return shared_likely_duplicates(
        candidates=candidates.annotate(last_met=Max("prevention_contacts__date")),
        pseudonym=pseudonym,
        sex=sex,
        age=age,
        commune=commune,
    )


def _check_worked_domain(accompaniment: Accompaniment, date, domain: str) -> None:
    if domain not in Domain.values:
        raise ValidationError({"domain": "Choisissez un domaine de la liste."})
    if date < accompaniment.start or (accompaniment.end and date > accompaniment.end):
        raise ValidationError({"date": "La date doit se situer pendant l'accompagnement."})


@transaction.atomic
def worked_domain_create(
    *, accompaniment: Accompaniment, date: datetime.date, domain: str, by: User, note: str = ""
) -> WorkedDomain:
    check_can_record(by, accompaniment.dispositif)
    check_date(date)
    _check_worked_domain(accompaniment, date, domain)
    entry = WorkedDomain(
        accompaniment=accompaniment, date=date, domain=domain, educator=by, note=note
    )
    entry.full_clean()
    entry.save()
    return entry


# What the correction page changes (the accompaniment and the éducateur stay).
WORKED_DOMAIN_FIELDS = ("date", "domain", "note")


@transaction.atomic
def worked_domain_update(
    *, entry: WorkedDomain, data: dict, by: User, version: int | None = None
) -> WorkedDomain:
    """Correct a worked domain's date, domain and note (its éducateur, or a chef de service of
    its service) with the same checks as a new one; versioned. Errors: ValidationError
    (French), ConcurrentEditError."""
    check_may_correct(entry, by)
    check_can_record(by, entry.accompaniment.dispositif)
    unknown = set(data) - set(WORKED_DOMAIN_FIELDS)
    if unknown:
        raise ValidationError(f"Champs inconnus : {', '.join(sorted(unknown))}.")
    for name, value in data.items():
        setattr(entry, name, value)
    check_date(entry.date)
    _check_worked_domain(entry.accompaniment, entry.date, entry.domain)
    entry.note = entry.note or ""
    entry.full_clean(exclude=["version"])
    save_versioned(entry, version)
    return entry


@transaction.atomic
def worked_domain_delete(*, entry: WorkedDomain, by: User, version: int | None = None) -> None:
    """Delete a worked domain entered by mistake (its éducateur, or a chef de service of its
    service); the journal keeps what it was. Errors: ValidationError, ConcurrentEditError."""
    check_may_correct(entry, by)
    check_can_record(by, entry.accompaniment.dispositif)
    delete_versioned(entry, version)
