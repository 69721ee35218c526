"""What an anonymisation erases beside the person's own fields: the records' free texts about
the person and every trace of their names in the audit journal.

Each app declares its records about a person with `register_person_records` (in its `rgpd.py`
or `apps.py`): the lookup from the record to the person and what each of its text fields is —
a free text about that person (erased), a text shared by several persons (a household's label,
an action's title: the person's names are struck out of it) or a text that says nothing about
the person (a partner's name, coded lists). tests/rl_portal/test_anonymisation.py fails when a
model related to a person is not declared, or declares a text field in none of the three, so
a new app cannot forget its own.

The journal (django-auditlog) keeps every change: after an anonymisation, the entries of the
person and of every record about them are rewritten — identifying fields replaced, names
struck out of the texts (`object_repr`, `changes`, `changes_text`, `additional_data`). The
person's surname, e-mail and telephone are struck out of the whole journal: a surname shared
with relatives (the household « Famille Marchetti ») goes with them. A pseudonym (often a
common first name) is struck out only of the entries about the person and their records, not
of a homonym's."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from auditlog.diff import mask_str
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from rl_portal.models import Person, User

STRUCK = "[anonymisé]"
# The additional data of the journal entries of the texts erased.
NOTE = {"action": "anonymisation"}
ERASED = "[texte effacé lors de l'anonymisation]"
# The person's fields that identify them: their values are replaced in their journal entries.
IDENTIFYING_FIELDS = ("pseudonym", "last_name", "birth_date", "phone", "email", "quartier")
# A word of a name shorter than this is not struck out on its own (« M. », « de »).
MIN_WORD = 3


@dataclass(frozen=True)
class PersonRecords:
    """A model holding records about a person, reached by `person` (a lookup to Person)."""

    model: str
    person: str
    # Free texts about this person: erased.
    texts: tuple[str, ...] = ()
    # Texts shared with other persons: the person's names are struck out.
    shared_texts: tuple[str, ...] = ()
    # Texts that say nothing about the person (a partner's name, lists of codes).
    other_texts: tuple[str, ...] = ()


PERSON_RECORDS: list[PersonRecords] = []
# Free texts tied to no person (a network's reception note…): model label → fields. They, and
# the texts of PERSON_RECORDS of every record, lose the surname, e-mail and telephone of a
# person anonymised (a sibling's referral that names « Mme Marchetti »).
FREE_TEXTS: dict[str, tuple[str, ...]] = {}


def register_person_records(
    model: str,
    *,
    person: str,
    texts: tuple[str, ...] = (),
    shared_texts: tuple[str, ...] = (),
    other_texts: tuple[str, ...] = (),
) -> None:
    """Declare `model`'s records about a person (idempotent). A model reached by several
    paths (a stay of a person or of a household) is declared once per path."""
    entry = PersonRecords(model, person, tuple(texts), tuple(shared_texts), tuple(other_texts))
    if entry not in PERSON_RECORDS:
        PERSON_RECORDS.append(entry)


def register_free_texts(model: str, fields: tuple[str, ...]) -> None:
    """Declare free texts of `model` that may name anyone (idempotent)."""
    FREE_TEXTS[model] = tuple(dict.fromkeys((*FREE_TEXTS.get(model, ()), *fields)))


register_person_records("rl_portal.CaseFile", person="person")
register_person_records("rl_portal.Household", person="members", shared_texts=("label",))
register_person_records("rl_portal.HouseholdMember", person="person")
register_person_records("rl_portal.HouseholdMember", person="household__members")


# --------------------------------------------------------------------------------------------
# The names to strike out
# --------------------------------------------------------------------------------------------


@dataclass
class Names:
    """The values that named the person: `everywhere` are struck out of the whole journal,
    `about` (with them) of the entries about the person and their records."""

    everywhere: set[str]
    about: set[str]


def _words(value: str) -> set[str]:
    return {word for word in re.split(r"[\s,;/()]+", value) if len(word.strip(".-'")) >= MIN_WORD}


def names_of(person: Person) -> Names:
    """The person's identifying values today and in their journal (earlier pseudonyms and
    surnames; surnames were journalled half-masked, « ****hetti », and are struck out as
    such). Call before the person's fields are cleared."""
    pseudonyms = {person.pseudonym}
    surnames = {person.last_name}
    contacts = {person.email, person.phone}
    masked = set()
    entries = LogEntry.objects.get_for_object(person).exclude(changes__isnull=True)
    for changes in entries.values_list("changes", flat=True):
        changes = _loaded(changes)
        if not isinstance(changes, dict):
            continue
        # Pseudonyms are journalled as typed; surnames, e-mails and telephones half-masked.
        for field_name in ("pseudonym", "last_name", "phone", "email"):
            bucket = pseudonyms if field_name == "pseudonym" else masked
            for value in changes.get(field_name, []):
                if isinstance(value, str) and value not in ("None", ""):
                    bucket.add(value)
    masked |= {mask_str(value) for value in surnames | contacts if value}
    everywhere = {value for value in surnames | contacts | masked if len(value) >= MIN_WORD}
    for surname in surnames:
        everywhere |= _words(surname)
    about = set(everywhere)
    for pseudonym in pseudonyms:
        if pseudonym:
            about |= {pseudonym, *_words(pseudonym)}
    return Names(everywhere=everywhere, about=about)


def _loaded(value):
    # LogEntry.changes holds a dict; entries written by older code may hold its JSON text.
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _pattern(terms: set[str]) -> re.Pattern | None:
    terms = sorted((t for t in terms if t), key=len, reverse=True)
    if not terms:
        return None
    alternatives = "|".join(re.escape(term) for term in terms)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def strike(value, pattern: re.Pattern | None):
    """`value` (a text, or lists and dicts of texts) with the names struck out."""
    if pattern is None:
        return value
    if isinstance(value, str):
        return pattern.sub(STRUCK, value)
    if isinstance(value, list | tuple):
        return [strike(item, pattern) for item in value]
    if isinstance(value, dict):
        return {key: strike(item, pattern) for key, item in value.items()}
    return value


# --------------------------------------------------------------------------------------------
# The records' texts
# --------------------------------------------------------------------------------------------


def records_about(person: Person) -> dict[type, set]:
    """model → primary keys of the records about `person`, over every declared path."""
    found: dict[type, set] = {}
    for entry in PERSON_RECORDS:
        model = apps.get_model(entry.model)
        pks = model._default_manager.filter(**{entry.person: person}).values_list("pk", flat=True)
        found.setdefault(model, set()).update(pks)
    return found


def erase_record_texts(person: Person, names: Names, *, by: User | None) -> None:
    """Erase the free texts about `person` and strike their names out of shared texts, in
    every declared record; each change journalled (then rewritten by `scrub_journal`)."""
    from rl_portal.audit import update_journalled

    pattern = _pattern(names.about)
    for entry in PERSON_RECORDS:
        fields = entry.texts + entry.shared_texts
        if not fields:
            continue
        model = apps.get_model(entry.model)
        records = model._default_manager.filter(**{entry.person: person}).distinct()
        for record in records.only("pk", *fields):
            values = {}
            for name in entry.texts:
                field = model._meta.get_field(name)
                current = getattr(record, name)
                if current:
                    values[name] = "" if field.blank else ERASED
            for name in entry.shared_texts:
                current = getattr(record, name)
                struck = strike(current, pattern)
                if struck != current:
                    values[name] = struck
            if values:
                update_journalled(
                    model._default_manager.filter(pk=record.pk),
                    actor=by,
                    journal_data=NOTE,
                    **values,
                )
    _strike_everywhere(names, by=by)


def _free_text_fields() -> dict[str, tuple[str, ...]]:
    fields = {model: set(names) for model, names in FREE_TEXTS.items()}
    for entry in PERSON_RECORDS:
        fields.setdefault(entry.model, set()).update(entry.texts + entry.shared_texts)
    return {model: tuple(sorted(names)) for model, names in fields.items() if names}


def _strike_everywhere(names: Names, *, by: User | None) -> None:
    """Strike the person's surname, e-mail and telephone out of every declared free text,
    whoever the record is about (one query per model, then only the records that name them)."""
    from rl_portal.audit import update_journalled

    pattern = _pattern(names.everywhere)
    if pattern is None:
        return
    for label, fields in _free_text_fields().items():
        model = apps.get_model(label)
        query = Q(pk__in=[])
        for name in fields:
            for term in names.everywhere:
                query |= Q(**{f"{name}__icontains": term})
        for record in model._default_manager.filter(query).only("pk", *fields):
            values = {}
            for name in fields:
                current = getattr(record, name)
                struck = strike(current, pattern)
                if struck != current:
                    values[name] = struck
            if values:
                update_journalled(
                    model._default_manager.filter(pk=record.pk),
                    actor=by,
                    journal_data=NOTE,
                    **values,
                )


# --------------------------------------------------------------------------------------------
# The journal
# --------------------------------------------------------------------------------------------


def _rewrite(entry: LogEntry, pattern, *, replace_fields=(), person_pk=None) -> bool:
    """Strike the names out of `entry`; the values of `replace_fields` are replaced whole.
    Returns whether it changed."""
    before = (entry.object_repr, entry.changes, entry.changes_text, entry.additional_data)
    if person_pk is not None:
        entry.object_repr = f"Personne n° {person_pk}"
    else:
        entry.object_repr = strike(entry.object_repr, pattern)
    changes = _loaded(entry.changes)
    if isinstance(changes, dict):
        changes = {
            key: (
                [STRUCK if v not in (None, "None", "") else v for v in value]
                if key in replace_fields and isinstance(value, list)
                else strike(value, pattern)
            )
            for key, value in changes.items()
        }
    else:
        changes = strike(changes, pattern)
    entry.changes = changes
    entry.changes_text = strike(entry.changes_text, pattern)
    entry.additional_data = strike(entry.additional_data, pattern)
    if entry.serialized_data:
        entry.serialized_data = None
    after = (entry.object_repr, entry.changes, entry.changes_text, entry.additional_data)
    return after != before


def _mentions(terms: set[str]) -> Q:
    """Entries whose texts contain one of `terms` (as stored: SQLite keeps JSON with \\u
    escapes, hence both spellings)."""
    query = Q(pk__in=[])
    for term in terms:
        for spelling in {term, json.dumps(term)[1:-1]}:
            query |= (
                Q(object_repr__icontains=spelling)
                | Q(changes_text__icontains=spelling)
                | Q(changes__icontains=spelling)
                | Q(additional_data__icontains=spelling)
            )
    return query


def scrub_journal(person: Person, names: Names, records: dict[type, set]) -> int:
    """Rewrite the journal entries that name `person` (module docstring). Returns the number
    of entries rewritten."""
    about = _pattern(names.about)
    everywhere = _pattern(names.everywhere)
    texts_of: dict[type, set[str]] = {}
    for entry in PERSON_RECORDS:
        texts_of.setdefault(apps.get_model(entry.model), set()).update(entry.texts)
    rewritten = []
    seen = set()
    person_entries = LogEntry.objects.get_for_object(person)
    for entry in person_entries:
        seen.add(entry.pk)
        if _rewrite(entry, about, replace_fields=IDENTIFYING_FIELDS, person_pk=person.pk):
            rewritten.append(entry)
    for model, pks in records.items():
        if not pks or not auditlog.contains(model):
            continue
        content_type = ContentType.objects.get_for_model(model)
        for entry in LogEntry.objects.filter(
            content_type=content_type, object_pk__in=[str(pk) for pk in pks]
        ).exclude(pk__in=seen):
            seen.add(entry.pk)
            if _rewrite(entry, about, replace_fields=texts_of.get(model, ())):
                rewritten.append(entry)
    if names.everywhere:
        for entry in LogEntry.objects.filter(_mentions(names.everywhere)).exclude(pk__in=seen):
            if _rewrite(entry, everywhere):
                rewritten.append(entry)
    LogEntry.objects.bulk_update(
        rewritten,
        ["object_repr", "changes", "changes_text", "additional_data", "serialized_data"],
        batch_size=500,
    )
    return len(rewritten)
