"""The EMPS bilan's tables of the public: age and sex, gender, origin, situation."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import (
    Avg,
    Count,
    Subquery,
)
from django.utils.text import slugify

from prevention.indicators.common import Scope
from prevention.indicators.emps.base import (
    GENDER_LABELS,
    PUBLIC_NOTE,
    SITUATION_GROUPS,
    _each,
    _latest,
    _public,
    _sex_columns,
)
from prevention.models import (
    Accompaniment,
)
from reportkit.counting import EMPS_BANDS, UNKNOWN, UNKNOWN_LABEL, annotate_band
from reportkit.periods import Period
from reportkit.tables import Format, Kind, Row, Table, shares_of_total
from rl_portal.models import Sex

# ---------------------------------------------------------------------------------------------
# The public: age and sex, gender, origin, situation
# ---------------------------------------------------------------------------------------------


def _by_sex_table(table_id, title, first_column, keys, counts, population, notes=()) -> Table:
    """Rows × sex columns, with the row's total first and its share of the public (whole %,
    by largest remainder)."""
    sexes = _sex_columns(counts)
    totals = [sum(counts[(key, s)] for s in Sex.values) for key, _label in keys]
    shares = shares_of_total(totals, 0)
    rows = [
        Row(label, [total, *[counts[(key, s)] for s, _ in sexes], part], format=Format.DECIMAL)
        for (key, label), total, part in zip(keys, totals, shares, strict=True)
    ]
    whole = sum(totals)
    total_row = Row(
        "Total",
        [
            whole,
            *[sum(v for (_k, s), v in counts.items() if s == sex) for sex, _ in sexes],
            Decimal(100) if whole else Decimal(0),
        ],
        format=Format.DECIMAL,
    )
    return Table(
        id=table_id,
        title=title,
        columns=[first_column, *[label for _s, label in sexes], "%"],
        rows=rows,
        total_row=total_row,
        notes=[PUBLIC_NOTE, *notes],
        kinds=[Kind.COUNT, *[Kind.COUNT for _s in sexes], Kind.SHARE],
        sums=[(first_column, [label for _s, label in sexes])],
        population=population,
    )


def public_by_age_and_sex(*, scope: Scope, period: Period, names: list[str]) -> dict[str, Table]:
    """Per commune, the public by EMPS age band (age on the last day of the period) and sex:
    the six bands of the reference always, the others (under 6, over 24, unknown age) when
    some youths fall in them. Unit: youths. Bilan EMPS Hénin-Beaumont 2023, « Répartition du
    public accompagné par âge et par sexe ». One query."""
    counts = defaultdict(lambda: defaultdict(int))
    for item in (
        annotate_band(_public(scope, period), "", period.end, bands=EMPS_BANDS)
        .values("place", "band", "sex")
        .annotate(n=Count("pk"))
    ):
        counts[item["place"]][(item["band"], item["sex"])] += item["n"]

    def build(name):
        c = counts[name]
        present = {band for band, _sex in c}
        keys = [
            (code, label)
            for index, (code, label, _l, _h) in enumerate(EMPS_BANDS)
            if 1 <= index <= 6 or code in present
        ]
        if UNKNOWN in present:
            keys.append((UNKNOWN, UNKNOWN_LABEL))
        return _by_sex_table(
            "emps-age-sexe",
            "Répartition du public par âge et par sexe",
            "Nombre de jeunes",
            keys,
            c,
            f"emps-public-{slugify(name)}",
        )

    return _each(names, build)


def public_by_gender(*, scope: Scope, period: Period, names: list[str]) -> dict[str, Table]:
    """Per commune, the public by gender with the mean age (on the last day of the period,
    over the youths of known age) and the share (whole %, largest remainder). Unit: youths.
    Bilan EMPS Hénin-Beaumont 2023, « Genre ». One query."""
    genders = defaultdict(dict)
    for item in (
        annotate_band(_public(scope, period), "", period.end, bands=EMPS_BANDS)
        .values("place", "sex")
        .annotate(n=Count("pk"), mean_age=Avg("_age"))
    ):
        genders[item["place"]][item["sex"]] = (item["n"], item["mean_age"])

    def build(name):
        g = genders[name]
        sexes = [s for s in (Sex.MALE, Sex.FEMALE, Sex.NON_BINARY, Sex.UNKNOWN) if s in g]
        sexes = [Sex.MALE, Sex.FEMALE] + [s for s in sexes if s not in (Sex.MALE, Sex.FEMALE)]
        counts = [g.get(s, (0, None))[0] for s in sexes]
        shares = shares_of_total(counts, 0)
        rows = []
        for sex, count, part in zip(sexes, counts, shares, strict=True):
            mean = g.get(sex, (0, None))[1]
            rows.append(
                Row(
                    GENDER_LABELS[sex],
                    [
                        count,
                        Decimal(mean).quantize(Decimal("0.1")) if mean is not None else None,
                        part,
                    ],
                    format=Format.DECIMAL,
                )
            )
        return Table(
            id="emps-genre",
            title="Genre",
            columns=["Nombre de jeunes", "Âge moyen", "%"],
            kinds=[Kind.COUNT, Kind.MEAN, Kind.SHARE],
            population=f"emps-public-{slugify(name)}",
            rows=rows,
            total_row=Row(
                "Total",
                [sum(counts), None, Decimal(100) if sum(counts) else Decimal(0)],
                format="decimal",
            ),
            notes=[
                PUBLIC_NOTE,
                "Âge moyen au dernier jour de la période, parmi les jeunes d'âge connu ; « — » "
                "sans jeune d'âge connu.",
            ],
        )

    return _each(names, build)


def public_by_origin(*, scope: Scope, period: Period, names: list[str]) -> dict[str, Table]:
    """Per commune, the public by origin of the meeting: the origin recorded on the youth's
    accompaniment of the period (a PAEI first, then the latest); a youth en accroche was met by
    the team in présence sociale (street work, présence sociale or promeneur du net), which is
    their origin. Unit: youths. Bilan EMPS Hénin-Beaumont 2023, « Répartition du public
    accompagné par origine de la rencontre ». One query."""
    counts = defaultdict(lambda: defaultdict(int))
    public = _public(scope, period).annotate(
        origin=Subquery(_latest(scope, period).values("origin")[:1])
    )
    for item in public.values("place", "modality", "origin", "sex").annotate(n=Count("pk")):
        origin = item["origin"] or ""
        if item["modality"] == "accroche":
            origin = Accompaniment.Origin.PRESENCE_SOCIALE
        counts[item["place"]][(origin, item["sex"])] += item["n"]

    def build(name):
        c = counts[name]
        keys = list(Accompaniment.Origin.choices)
        if any(c[("", s)] for s in Sex.values):
            keys.append(("", "Non renseignée"))
        return _by_sex_table(
            "emps-origine",
            "Origine de la rencontre",
            "Total",
            keys,
            c,
            f"emps-public-{slugify(name)}",
            notes=["Un jeune en accroche a été rencontré en présence sociale."],
        )

    return _each(names, build)


def public_by_situation(*, scope: Scope, period: Period, names: list[str]) -> dict[str, Table]:
    """Per commune, the public by situation at the start of their accompaniment of the period
    (a PAEI first, then the latest), grouped as the reference (scolarisé, en rupture, en
    formation, en emploi); a youth en accroche has no recorded situation: « Non renseignée ».
    Unit: youths. Bilan EMPS Hénin-Beaumont 2023, « Situation ». One query."""
    counts = defaultdict(lambda: defaultdict(int))
    group_of = {value: key for key, _label, values in SITUATION_GROUPS for value in values}
    public = _public(scope, period).annotate(
        situation=Subquery(_latest(scope, period).values("situation")[:1])
    )
    for item in public.values("place", "situation", "sex").annotate(n=Count("pk")):
        counts[item["place"]][(group_of.get(item["situation"], ""), item["sex"])] += item["n"]

    def build(name):
        c = counts[name]
        keys = [(key, label) for key, label, _values in SITUATION_GROUPS]
        if any(c[("", s)] for s in Sex.values):
            keys.append(("", "Non renseignée (en accroche)"))
        return _by_sex_table(
            "emps-situation", "Situation", "Total", keys, c, f"emps-public-{slugify(name)}"
        )

    return _each(names, build)
