"""Likely duplicates of a person about to be created on the spot (issue 15: « Yanis, 16 ans »
created four times, no warning). One rule for every page and API that creates a person: the
same pseudonym without case or accents, and nothing that tells them apart — a known age more
than one year away, another known commune or another known sex. The user then picks the
person found, or says it is someone else (`distinct`)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone

from rl_portal.audit import Channel, log_person_access
from rl_portal.models import Person, Sex, search_key

# At most this many look-alikes are shown: enough to recognise the person.
MAX_DUPLICATES = 5


class LikelyDuplicateError(ValidationError):
    """The person may already be known: `persons` are the look-alikes the user may see."""

    def __init__(
        self, pseudonym: str, persons: list[Person], *, field: str = "pseudonym", message=""
    ):
        self.persons = persons
        count = len(persons)
        plural = "s" if count > 1 else ""
        super().__init__(
            {
                field: message
                or f"« {pseudonym} » est peut-être déjà connu·e ({count} fiche{plural} "
                f"semblable{plural}) : choisissez cette personne, ou confirmez qu'il s'agit "
                "d'une autre personne."
            }
        )


def likely_duplicates(
    *,
    candidates: QuerySet,
    pseudonym: str,
    sex: str | None = Sex.UNKNOWN,
    age: int | None = None,
    birth_year: int | None = None,
    commune=None,
) -> list[Person]:
    """The persons of `candidates` (a queryset the user may see, possibly annotated) who may be
    the person about to be created; `age` (years today) or `birth_year` narrows them. At most
    MAX_DUPLICATES, by pseudonym. One query."""
    key = search_key(pseudonym or "")
    if not key:
        return []
    found = candidates.filter(Q(search_key=key) | Q(search_key__startswith=f"{key} "))
    if sex in (Sex.FEMALE, Sex.MALE):
        found = found.filter(sex__in=[sex, Sex.UNKNOWN, Sex.NON_BINARY])
    if commune is not None:
        found = found.filter(Q(commune__isnull=True) | Q(commune=commune))
    if birth_year is None and age is not None:
        birth_year = timezone.localdate().year - age
    if birth_year is not None:
        years = (birth_year - 1, birth_year + 1)
        found = found.filter(
            Q(birth_year__isnull=True, birth_date__isnull=True)
            | Q(birth_year__range=years)
            | Q(birth_date__year__range=years)
        )
    people = found.select_related("commune").order_by("pseudonym", "pk")[:MAX_DUPLICATES]
    return [person for person in people if search_key(person.pseudonym) == key]


def check_not_duplicate(*, candidates: QuerySet, data: dict) -> None:
    """Raise LikelyDuplicateError if the person described by `data` (the person fields) looks
    like one of `candidates`."""
    birth_date: datetime.date | None = data.get("birth_date")
    persons = likely_duplicates(
        candidates=candidates,
        pseudonym=data.get("pseudonym", ""),
        sex=data.get("sex"),
        birth_year=data.get("birth_year") or (birth_date.year if birth_date else None),
        commune=data.get("commune"),
    )
    if persons:
        raise LikelyDuplicateError(data.get("pseudonym", "").strip(), persons)


def duplicates_shown(request, submission) -> list[Person]:
    """The look-alikes of a refused creation (`submission` from rl_portal.form_helpers.submit),
    journalled as read since the page shows them; [] for any other outcome."""
    if not isinstance(submission.error, LikelyDuplicateError):
        return []
    persons = submission.error.persons
    log_person_access(actor=request.user, persons=persons, channel=Channel.PAGE, request=request)
    return persons
