"""Building blocks of the habitat indicators: the dispositifs' names, the age bands, the sex
columns, tables of counts with their shares, durations.

Rules shared by every habitat table (printed in the bilans' annex):
- a person counts once per table; a record (a request, a stay, an interview) is labelled as a
  record;
- a table split by sex has a column for the other sexes when there are any, and its Total is
  the number of distinct persons;
- an unknown value is its own row (« non renseigné »), counted in the Total, outside the shares
  and the means, and a note says so;
- shares with a 100 % total are rounded by largest remainder (`reportkit.tables.shares_of_total`);
- a period before the dispositif's first record has no figure (« — ») and no evolution."""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Avg,
    Count,
    DateField,
    DurationField,
    ExpressionWrapper,
    F,
    Value,
    Window,
)
from django.db.models.functions import Coalesce, Greatest, Least, RowNumber

from reportkit import numbers
from reportkit.counting import UNKNOWN, age_expression, annotate_band
from reportkit.periods import Period
from reportkit.tables import Kind, Row, Table, share, shares_of_total
from rl_portal.models import Sex

# The names the bilans give the dispositifs (headings, sheet names, JSON).
DISPOSITIF_NAMES = {
    "cllaj": "CLLAJ",
    "cllaj-ase": "CLLAJ ASE",
    "tremplins-duo": "Tremplins Duo",
    "alt-jeunes": "ALT Jeunes",
    "alt-familles": "ALT Familles / jeunes couples",
    "fsl-asll": "FSL ASLL",
    "asl-jeunes-ase": "ASL Jeunes ASE",
}
# The prefix of a dispositif's table ids: unique across the association's report.
ID_PREFIXES = {
    "cllaj": "cllaj",
    "tremplins-duo": "tremplins",
    "alt-jeunes": "alt-jeunes",
    "alt-familles": "alt-familles",
    "fsl-asll": "fsl",
    "asl-jeunes-ase": "asl",
}

HABITAT_BANDS = [
    ("moins_18", "Moins de 18 ans", None, 17),
    ("18_20", "18 à 20 ans", 18, 20),
    ("21_25", "21 à 25 ans", 21, 25),
    ("26_plus", "26 ans et plus", 26, None),
]
# The FSL public is adults of all ages.
ADULT_BANDS = [
    ("moins_25", "Moins de 25 ans", None, 24),
    ("25_29", "25 à 29 ans", 25, 29),
    ("30_44", "30 à 44 ans", 30, 44),
    ("45_59", "45 à 59 ans", 45, 59),
    ("60_plus", "60 ans et plus", 60, None),
]
UNKNOWN_AGE = "Âge non renseigné"
NOT_RECORDED = "Non renseigné"
DAYS_PER_MONTH = Decimal("30.44")

SEX_COLUMNS = [
    (Sex.FEMALE, "Femmes"),
    (Sex.MALE, "Hommes"),
    (Sex.NON_BINARY, "Non binaire"),
    (Sex.UNKNOWN, "Sexe non renseigné"),
]
SEX_NOTE = (
    "Non binaire, sexe non renseigné : colonnes présentes parce que des personnes n'entrent "
    "ni dans Femmes ni dans Hommes ; chacune compte dans le Total."
)


def latest_of_each(records, by: str, order: tuple[str, ...]):
    """`records` keeping, for each value of `by` (a person, a household), the first record in
    `order` (« -date », « -pk »: the latest). A window function evaluated once, not a subquery
    per record: the time grows with the records, not with their square."""
    ranking = [F(field[1:]).desc() if field.startswith("-") else F(field).asc() for field in order]
    ranked = records.annotate(
        _rank=Window(RowNumber(), partition_by=[F(by)], order_by=ranking)
    ).filter(_rank=1)
    return records.filter(pk__in=ranked.values("pk"))


def unknown_note(label: str) -> str:
    return f"« {label} » : compté dans le Total, hors des parts (%) et des moyennes."


def names(dispositif: str) -> tuple[str, str]:
    """(table id prefix, dispositif name) of a dispositif code."""
    return ID_PREFIXES.get(dispositif, dispositif), DISPOSITIF_NAMES.get(dispositif, dispositif)


def two_places(value) -> Decimal | None:
    """A mean or an amount to two decimals (SQLite returns floats); None stays None."""
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def one_place(value) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def mean_days(duration) -> Decimal | None:
    """A mean duration in days, not cut to whole days."""
    if duration is None:
        return None
    return Decimal(duration.total_seconds()) / Decimal(86400)


def months_and_days(days) -> str:
    """A mean duration as read in the bilans: « 7 mois et 12 jours »."""
    if days is None:
        return "—"
    days = Decimal(days)
    months = int(days // DAYS_PER_MONTH)
    rest = int((days - months * DAYS_PER_MONTH).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    return f"{months} mois et {rest} jour{'s' if rest > 1 else ''}"


def date_value(value: datetime.date):
    return Value(value, output_field=DateField())


def overlap_days(start_field: str, end_field: str, period: Period, *, end_cap=None):
    """Days of [start, end] (end included; an open end is the period's end) inside the period,
    and before `end_cap` (an expression) when given."""
    start = Greatest(F(start_field), date_value(period.start), output_field=DateField())
    ends = [Coalesce(F(end_field), date_value(period.end)), date_value(period.end)]
    if end_cap is not None:
        ends.append(end_cap)
    end = Least(*ends, output_field=DateField())
    return ExpressionWrapper(end - start + datetime.timedelta(days=1), output_field=DurationField())


def whole_days(value) -> Decimal:
    return Decimal(value.days if value else 0)


def counts_table(
    *,
    table_id: str,
    title: str,
    counts: dict,
    choices,
    dispositif: str,
    column: str = "Personnes",
    unknown_label: str = NOT_RECORDED,
    population: str = "",
    notes=(),
    short_title: str = "",
) -> Table:
    """One row per choice (every choice shows, with 0), the records without a value in a row
    of their own (counted in the Total, outside the shares) when there are any, and each row's
    share of the known values (largest remainder). `counts` maps a choice's code (or "" / None
    for no value) to its count."""
    unknown = sum(counts.get(key, 0) for key in ("", None))
    keys = [code for code, _label in choices]
    values = [counts.get(code, 0) for code in keys]
    rows = [
        Row(label, [value, part])
        for (_code, label), value, part in zip(
            choices, values, shares_of_total(values), strict=True
        )
    ]
    notes = list(notes)
    if unknown:
        rows.append(Row(unknown_label, [unknown, None]))
        notes.append(unknown_note(unknown_label))
    total = sum(values) + unknown
    return Table(
        id=table_id,
        title=title,
        columns=[column, "%"],
        rows=rows,
        total_row=Row("Total", [total, Decimal(100) if sum(values) else Decimal(0)]),
        notes=notes,
        kinds=[Kind.COUNT, Kind.SHARE],
        population=population,
        dispositif=dispositif,
        short_title=short_title,
    )


def multiple_choice_table(
    *,
    table_id: str,
    title: str,
    counts: dict,
    choices,
    whole: int,
    dispositif: str,
    column: str,
    whole_label: str,
    population: str = "",
    notes=(),
    short_title: str = "",
) -> Table:
    """Several answers per record (difficulties, aids, partners): a row per choice with the
    records concerned and their part of all `whole` records; the Total counts each record
    once, so the rows do not add up to it."""
    rows = [
        Row(label, [counts.get(code, 0), share(counts.get(code, 0), whole)])
        for code, label in choices
    ]
    return Table(
        id=table_id,
        title=title,
        columns=[column, f"% des {whole_label}"],
        rows=rows,
        total_row=Row(f"Total ({whole_label} différents)", [whole, None]),
        notes=[
            f"Plusieurs réponses possibles : un même enregistrement compte dans chaque ligne qui "
            f"le concerne, une fois dans le Total ({whole_label}).",
            *notes,
        ],
        kinds=[Kind.COUNT, Kind.RATE],
        rows_overlap=True,
        population=population,
        dispositif=dispositif,
        short_title=short_title,
    )


def present_sexes(sexes) -> list[tuple[str, str]]:
    """The sex columns: Femmes and Hommes always, the others when someone is in them."""
    sexes = set(sexes)
    return [
        (code, label)
        for code, label in SEX_COLUMNS
        if code in (Sex.FEMALE, Sex.MALE) or code in sexes
    ]


def sex_and_age_table(
    *,
    table_id: str,
    title: str,
    persons,
    on: datetime.date,
    dispositif: str,
    population: str = "",
    bands=HABITAT_BANDS,
    notes=(),
    short_title: str = "",
) -> Table:
    """Persons by age band (age on `on`) and sex: see `sex_and_age_from`. One query."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for item in (
        annotate_band(persons, "", on, bands=bands).values("band", "sex").annotate(n=Count("pk"))
    ):
        counts[(item["band"], item["sex"])] += item["n"]
    return sex_and_age_from(
        counts,
        table_id=table_id,
        title=title,
        dispositif=dispositif,
        population=population,
        bands=bands,
        notes=notes,
        short_title=short_title,
    )


def sex_and_age_from(
    counts: dict,
    *,
    table_id: str,
    title: str,
    dispositif: str,
    population: str = "",
    bands=HABITAT_BANDS,
    notes=(),
    short_title: str = "",
) -> Table:
    """Persons by age band and sex from {(band, sex): persons}: every person shows (a column
    for the other sexes when there are any, an « Âge non renseigné » row), the Total is the
    number of distinct persons, the shares are over the persons of known age."""
    counts = defaultdict(int, counts)
    sexes = present_sexes(sex for (_band, sex), n in counts.items() if n)
    keys = [(code, label) for code, label, _low, _high in bands]
    known = [sum(counts[(code, s)] for s in Sex.values) for code, _label in keys]
    rows = [
        Row(label, [*[counts[(code, s)] for s, _l in sexes], value, part])
        for (code, label), value, part in zip(keys, known, shares_of_total(known), strict=True)
    ]
    notes = list(notes)
    unknown = sum(counts[(UNKNOWN, s)] for s in Sex.values)
    if unknown:
        rows.append(Row(UNKNOWN_AGE, [*[counts[(UNKNOWN, s)] for s, _l in sexes], unknown, None]))
        notes.append(unknown_note(UNKNOWN_AGE))
    if len(sexes) > 2:
        notes.append(SEX_NOTE)
    by_sex = [sum(v for (_b, s), v in counts.items() if s == sex) for sex, _l in sexes]
    sex_labels = [label for _s, label in sexes]
    return Table(
        id=table_id,
        title=title,
        columns=[*sex_labels, "Total", "%"],
        rows=rows,
        total_row=Row("Total", [*by_sex, sum(by_sex), Decimal(100) if sum(known) else Decimal(0)]),
        notes=notes,
        kinds=[*[Kind.COUNT] * len(sexes), Kind.COUNT, Kind.SHARE],
        sums=[("Total", sex_labels)],
        population=population,
        dispositif=dispositif,
        short_title=short_title,
    )


def mean_age(persons, on: datetime.date) -> Decimal | None:
    """The mean age in years on `on` of the persons of known age (one query)."""
    value = persons.filter(birth_year__isnull=False).aggregate(mean=Avg(age_expression("", on)))[
        "mean"
    ]
    return one_place(value)


def age_text(value: Decimal | None) -> str:
    """A mean age as the association's report writes it: « 20 ans et 4 mois »."""
    if value is None:
        return "—"
    years = int(value)
    months = int(((value - years) * 12).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    if months == 12:
        years, months = years + 1, 0
    return f"{years} ans" + (f" et {months} mois" if months else "")


def evolution(now, before) -> int | None:
    """now − before, or None when the earlier period has no figure (before any record)."""
    if now is None or before is None:
        return None
    return now - before


def euros(value) -> str:
    """An amount: « 692,32 € »."""
    return f"{numbers.number(value, 2)}\xa0€"


def threshold(value) -> str:
    """A threshold in a label: « 580 € », « 1 216 € »."""
    return f"{numbers.trimmed(value)}\xa0€"


OTHER_TERRITORY = "Autres territoires"
NO_COMMUNE = "Commune non renseignée"


def origin_table(
    *,
    table_id: str,
    title: str,
    persons,
    dispositif: str,
    column: str = "Personnes",
    population: str = "",
    notes=(),
    short_title: str = "",
) -> Table:
    """Persons by commune of residence grouped by EPCI: see `origin_from`. One query."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for item in persons.values("commune__epci__short_name", "commune__name").annotate(
        n=Count("pk")
    ):
        counts[(item["commune__epci__short_name"], item["commune__name"])] += item["n"]
    return origin_from(
        counts,
        table_id=table_id,
        title=title,
        dispositif=dispositif,
        column=column,
        population=population,
        notes=notes,
        short_title=short_title,
    )


def origin_from(
    counts: dict,
    *,
    table_id: str,
    title: str,
    dispositif: str,
    column: str = "Personnes",
    population: str = "",
    notes=(),
    short_title: str = "",
) -> Table:
    """Persons by commune from {(EPCI, commune): persons}: a row per EPCI (CAHC, CALL, then
    « Autres territoires ») with its communes under it, and the persons without a commune in a
    row of their own (outside the shares). The EPCI rows add up to the Total; the communes'
    shares are of all the persons of known commune."""
    counts = dict(counts)
    unknown = counts.pop((None, None), 0)
    epcis = sorted({e for e, _c in counts if e})
    if any(e is None for e, _c in counts):
        epcis.append(None)
    groups = [(e, sorted(c for g, c in counts if g == e)) for e in epcis]
    group_values = [sum(counts[(e, c)] for c in communes) for e, communes in groups]
    commune_values = [counts[(e, c)] for e, communes in groups for c in communes]
    group_shares = iter(shares_of_total(group_values))
    commune_shares = iter(shares_of_total(commune_values))
    rows = []
    for (epci, communes), value in zip(groups, group_values, strict=True):
        rows.append(Row(epci or OTHER_TERRITORY, [value, next(group_shares)]))
        for commune in communes:
            rows.append(Row(commune, [counts[(epci, commune)], next(commune_shares)], level=1))
    notes = list(notes)
    if unknown:
        rows.append(Row(NO_COMMUNE, [unknown, None]))
        notes.append(unknown_note(NO_COMMUNE))
    known = sum(group_values)
    return Table(
        id=table_id,
        title=title,
        columns=[column, "%"],
        rows=rows,
        total_row=Row("Total", [known + unknown, Decimal(100) if known else Decimal(0)]),
        notes=notes,
        kinds=[Kind.COUNT, Kind.SHARE],
        population=population,
        dispositif=dispositif,
        short_title=short_title,
    )
