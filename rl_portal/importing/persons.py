"""The persons of an import: the same person on several rows is one person, and a person the
importing user already knows is not created a second time.

A row's person is compared with the persons the user may see (`Person.objects.visible_to`):
same pseudonym (without case or accents), and no contradiction on sex, birth year or surname.
Each such likely duplicate is a `Question` shown in the preview: the user says whether the row
is that person or someone new. With a single candidate the row goes to it unless the user says
otherwise; with several, the user must choose before anything is imported."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from rl_portal.importing.columns import key
from rl_portal.models import Person, Sex, User, search_key

NEW = "new"


@dataclass
class PersonRow:
    """A person as a row describes them."""

    pseudonym: str
    last_name: str = ""
    sex: str = Sex.UNKNOWN
    birth_year: int | None = None
    birth_date: datetime.date | None = None
    commune: object = None
    extra: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.birth_date is not None:
            self.birth_year = self.birth_date.year
        self.sex = self.sex or Sex.UNKNOWN

    @property
    def key(self) -> tuple:
        return (key(self.pseudonym), key(self.last_name), self.sex, self.birth_year)

    @property
    def token(self) -> str:
        """A stable name for the person's question in the confirmation form."""
        return hashlib.sha256(repr(self.key).encode()).hexdigest()[:12]

    def describe(self) -> str:
        return describe(self.pseudonym, self.last_name, self.sex, self.birth_year)


def describe(pseudonym, last_name, sex, birth_year) -> str:
    parts = [" ".join(filter(None, [pseudonym, last_name]))]
    if sex and sex != Sex.UNKNOWN:
        parts.append(sex)
    if birth_year:
        parts.append(f"né(e) en {birth_year}")
    return ", ".join(parts)


@dataclass
class Question:
    """A row's person who may be a person already recorded."""

    token: str
    row: PersonRow
    candidates: list[Person]
    places: list[str] = field(default_factory=list)
    choice: str = ""  # "new", a candidate's pk, or "" when not decided

    @property
    def decided(self) -> bool:
        return bool(self.choice)

    def options(self) -> list[tuple[str, str]]:
        """(value, label) of each answer, the candidates first."""
        options = []
        for person in self.candidates:
            commune = f", {person.commune.name}" if person.commune_id else ""
            text = describe(person.pseudonym, person.last_name, person.sex, person.birth_year)
            options.append((str(person.pk), f"La fiche n° {person.pk} : {text}{commune}"))
        options.append((NEW, "Une autre personne : créer une nouvelle fiche"))
        return options


def _compatible(row: PersonRow, person: Person) -> bool:
    if key(person.pseudonym) != key(row.pseudonym):
        return False
    if Sex.UNKNOWN not in (row.sex, person.sex) and row.sex != person.sex:
        return False
    if row.birth_year and person.birth_year and row.birth_year != person.birth_year:
        return False
    if row.birth_date and person.birth_date and row.birth_date != person.birth_date:
        return False
    return not (row.last_name and person.last_name and key(row.last_name) != key(person.last_name))


def _closeness(row: PersonRow, person: Person) -> tuple:
    """More agreement first, then the most recent record."""
    same = sum(
        [
            row.sex != Sex.UNKNOWN and row.sex == person.sex,
            bool(row.birth_year) and row.birth_year == person.birth_year,
            bool(row.last_name) and key(row.last_name) == key(person.last_name),
        ]
    )
    return (-same, -person.pk)


class PersonMatcher:
    """Resolves the persons of an import, for `user` with the answers `decisions` (question
    token → "new" or a candidate's pk)."""

    def __init__(self, *, user: User, decisions: dict[str, str] | None = None):
        self.user = user
        self.decisions = decisions or {}
        self.persons: dict[tuple, Person] = {}
        self.questions: dict[str, Question] = {}
        self.created: list[Person] = []

    def candidates(self, row: PersonRow) -> list[Person]:
        found = (
            Person.objects.visible_to(self.user)
            .filter(search_key__startswith=search_key(row.pseudonym), anonymised_at__isnull=True)
            .select_related("commune")
            .order_by("pk")
        )
        return sorted((p for p in found if _compatible(row, p)), key=lambda p: _closeness(row, p))

    def resolve(
        self, row: PersonRow, *, create: Callable[[PersonRow], Person], place: str
    ) -> Person:
        """The person of `row`: the one already resolved for the same person in the file, an
        existing person (as decided), or a new one made by `create`. `place` (« Séjours,
        ligne 4 ») is shown with the question. Raises ValidationError when the user must
        choose between several existing persons first."""
        question = self.questions.get(row.token)
        if question is not None:
            question.places.append(place)
        if row.key in self.persons:
            return self.persons[row.key]
        if question is not None:
            raise self._undecided(row)
        candidates = self.candidates(row)
        if not candidates:
            person = create(row)
            self.created.append(person)
        else:
            question = Question(row.token, row, candidates, [place])
            self.questions[question.token] = question
            answer = str(self.decisions.get(question.token, ""))
            by_pk = {str(p.pk): p for p in candidates}
            if answer == NEW:
                question.choice = NEW
                person = create(row)
                self.created.append(person)
            elif answer in by_pk:
                question.choice = answer
                person = by_pk[answer]
            elif len(candidates) == 1:
                question.choice = str(candidates[0].pk)
                person = candidates[0]
            else:
                raise self._undecided(row)
        self.persons[row.key] = person
        return person

    def mark(self) -> int:
        return len(self.created)

    def forget_since(self, mark: int) -> None:
        """A refused row's writes are undone: so are the persons it created."""
        for person in self.created[mark:]:
            for person_key, known in list(self.persons.items()):
                if known is person:
                    del self.persons[person_key]
        del self.created[mark:]

    @staticmethod
    def _undecided(row: PersonRow) -> ValidationError:
        return ValidationError(
            f"plusieurs fiches déjà enregistrées ressemblent à « {row.describe()} » : "
            "choisissez ci-dessous laquelle, ou une nouvelle fiche"
        )

    @property
    def shown_persons(self) -> list[Person]:
        """Recorded persons named in the preview (their reading is journalled)."""
        return [p for q in self.questions.values() for p in q.candidates]
