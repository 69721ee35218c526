"""The counting rules shared by every report, as SQL expressions (DESIGN.md, "Counting rules").

Age: whole years on the last day of the period; with only a birth year, period year − birth
year. Age bands: the Département's (moins de 11 … plus de 21) or the EMPS's (6-9 … 21-24);
an unknown age is its own band, never dropped."""

from __future__ import annotations

import datetime

from django.db.models import Case, CharField, F, IntegerField, Q, Value, When

UNKNOWN = "inconnu"
UNKNOWN_LABEL = "Âge inconnu"

DEPARTEMENT_BANDS = [
    ("moins_11", "Moins de 11 ans", None, 10),
    ("11_14", "11 à 14 ans", 11, 14),
    ("15_18", "15 à 18 ans", 15, 18),
    ("19_21", "19 à 21 ans", 19, 21),
    ("plus_21", "Plus de 21 ans", 22, None),
]
EMPS_BANDS = [
    ("moins_6", "Moins de 6 ans", None, 5),
    ("6_9", "6 - 9 ans", 6, 9),
    ("10_11", "10 - 11 ans", 10, 11),
    ("12_15", "12 - 15 ans", 12, 15),
    ("16_17", "16 - 17 ans", 16, 17),
    ("18_20", "18 - 20 ans", 18, 20),
    ("21_24", "21 - 24 ans", 21, 24),
    ("plus_24", "Plus de 24 ans", 25, None),
]


def age_expression(person: str, on: datetime.date):
    """Age in whole years on `on` of the person at path `person` ("" for Person itself)."""
    prefix = f"{person}__" if person else ""
    birth_date = f"{prefix}birth_date"
    birthday_not_reached = Case(
        When(
            Q(**{f"{birth_date}__isnull": False})
            & (
                Q(**{f"{birth_date}__month__gt": on.month})
                | Q(**{f"{birth_date}__month": on.month, f"{birth_date}__day__gt": on.day})
            ),
            then=Value(1),
        ),
        default=Value(0),
        output_field=IntegerField(),
    )
    return Value(on.year) - F(f"{prefix}birth_year") - birthday_not_reached


def annotate_band(queryset, person: str, on: datetime.date, bands=DEPARTEMENT_BANDS, name="band"):
    """`queryset` with `name` = the age band code of its person on `on`."""
    prefix = f"{person}__" if person else ""
    queryset = queryset.annotate(_age=age_expression(person, on))
    whens = [When(**{f"{prefix}birth_year__isnull": True}, then=Value(UNKNOWN))]
    for code, _label, low, high in bands:
        condition = Q()
        if low is not None:
            condition &= Q(_age__gte=low)
        if high is not None:
            condition &= Q(_age__lte=high)
        whens.append(When(condition, then=Value(code)))
    return queryset.annotate(
        **{name: Case(*whens, default=Value(UNKNOWN), output_field=CharField())}
    )


def band_labels(bands=DEPARTEMENT_BANDS) -> list[tuple[str, str]]:
    return [(code, label) for code, label, _low, _high in bands]
