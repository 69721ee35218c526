"""The tables of the Département's SPS report (and of the prevention summary). Each function
says what it counts; each runs a fixed number of SQL aggregates, whatever the volume."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractDay, ExtractMonth, ExtractYear, Least

from prevention.indicators.common import (
    Scope,
    accompaniments,
    age_band_grid,
    contacts,
    persons_of,
    sex_age_table,
)
from prevention.models import (
    Accompaniment,
    Activity,
    CoAccompaniment,
    ContactMode,
    Problematique,
    Reorientation,
    TimeEntry,
)
from reportkit import numbers
from reportkit.counting import annotate_band
from reportkit.periods import Period
from reportkit.tables import Format, Kind, Row, Table, shares_of_total

# The youths with a PAEI active in the period: every table about them has this Total.
ACCOMPANIED = "sps-jeunes-accompagnes"

# ---------------------------------------------------------------------------------------------
# V. Activité du SPS
# ---------------------------------------------------------------------------------------------


def _hours_by(scope: Scope, period: Period, groups) -> tuple[dict, dict]:
    """Hours of the period and of the same dates a year before, per group of activities
    `groups` ({key: [activities]}). One query."""
    previous = period.previous()
    totals = (
        TimeEntry.objects.filter(dispositif__in=scope.dispositif_ids())
        .filter(
            Q(date__gte=period.start, date__lte=period.end)
            | Q(date__gte=previous.start, date__lte=previous.end)
        )
        .values("activity")
        .annotate(
            current=Sum("hours", filter=Q(date__gte=period.start, date__lte=period.end)),
            before=Sum("hours", filter=Q(date__gte=previous.start, date__lte=previous.end)),
        )
    )
    current: dict = defaultdict(Decimal)
    before: dict = defaultdict(Decimal)
    group_of = {activity: key for key, activities in groups.items() for activity in activities}
    for item in totals:
        current[group_of[item["activity"]]] += Decimal(item["current"] or 0)
        before[group_of[item["activity"]]] += Decimal(item["before"] or 0)
    return current, before


def hours_share_table(
    *,
    table_id: str,
    title: str,
    scope: Scope,
    period: Period,
    groups: dict[str, tuple[str, list[str]]],
    validated_previous: Table | None = None,
) -> Table:
    """Hours per group of activities, each group's share of all the hours (two decimals, by
    largest remainder so that the shares add up to 100), the previous year's share and the
    change in points. The previous year's shares are those of its validated report when there
    is one (`validated_previous`, the same table as transmitted), marked when today's records
    differ; a previous year without any hours prints « — » and no change. One query."""
    previous = period.previous()
    keys = list(groups)
    current, before = _hours_by(scope, period, {k: groups[k][1] for k in keys})
    hours = [current[k].quantize(Decimal("0.01")) for k in keys]
    shares = shares_of_total(hours)
    recorded_before = [before[k].quantize(Decimal("0.01")) for k in keys]
    previous_shares = shares_of_total(recorded_before) if any(recorded_before) else None
    labels = [groups[k][0] for k in keys]
    notes = []
    previous_label = f"% {previous.label}"
    if validated_previous is not None:
        row = next((r for r in validated_previous.rows if r.label == "%"), None)
        if row is not None and validated_previous.columns == labels:
            frozen = [Decimal(str(v)) if v is not None else None for v in row.cells]
            previous_label = f"% {previous.label} (rapport validé)"
            text = (
                f"{previous.label} : parts du rapport validé par le conseil d'administration du "
                f"{validated_previous.validated_on:%d/%m/%Y}."
            )
            if frozen != (previous_shares or [None] * len(keys)):
                previous_label += " *"
                today = (
                    ", ".join(f"{numbers.number(v)} %" for v in previous_shares)
                    if previous_shares
                    else "—"
                )
                text += f" * Les enregistrements d'aujourd'hui donnent : {today}."
            notes.append(text)
            previous_shares = frozen if any(v is not None for v in frozen) else None
    if previous_shares is None:
        evolution = [None] * len(keys)
        previous_cells = [None] * len(keys)
        notes.append(f"{previous.label} : aucune heure saisie (« — ») ; pas d'évolution calculée.")
    else:
        previous_cells = previous_shares
        evolution = [
            now - then if then is not None else None
            for now, then in zip(shares, previous_shares, strict=True)
        ]
    notes.insert(
        0,
        f"Total : {numbers.number(sum(hours))} h ; {previous.label} : "
        f"{numbers.number(sum(recorded_before))} h. Part d'une activité = ses heures / toutes les "
        "heures du service sur la période, arrondie par plus forts restes (total 100 %).",
    )
    return Table(
        id=table_id,
        title=title,
        columns=labels,
        rows=[
            Row("Heures", hours, format=Format.HOURS),
            Row("%", shares, format=Format.PERCENT),
            Row(previous_label, previous_cells, format=Format.PERCENT),
            Row("Évolution (points)", evolution, format=Format.POINTS),
        ],
        notes=notes,
    )


def hours_by_activity(
    *, scope: Scope, period: Period, validated_previous: Table | None = None
) -> Table:
    """Hours recorded per activity of the Département's 2023 template (seven activities) in
    the period, their share of all the hours of the scope, the previous year's share and the
    change in points. Unit: hours. Rapport SPS 2023, V « Activité du SPS ». One query."""
    return hours_share_table(
        table_id="activite-heures",
        title="Activité du service : heures par activité",
        scope=scope,
        period=period,
        groups={a.value: (a.label, [a.value]) for a in Activity},
        validated_previous=validated_previous,
    )


def youths_met(*, scope: Scope, period: Period, mode: str) -> Table:
    """Youths met in the period by that mode (travail de rue, présence sociale), each counted
    once whatever the number of meetings, by sex and age band on the last day of the period."""
    table_id = {
        ContactMode.TRAVAIL_DE_RUE: "rencontres-travail-de-rue",
        ContactMode.PRESENCE_SOCIALE: "rencontres-presence-sociale",
        ContactMode.PROMENEUR_DU_NET: "rencontres-promeneur-du-net",
    }[mode]
    return sex_age_table(
        table_id=table_id,
        title=f"Jeunes rencontrés — {ContactMode(mode).label.lower()}",
        persons=persons_of(contacts(scope, period).filter(mode=mode)),
        scope=scope,
        period=period,
        population=f"sps-{table_id}",
        notes=[
            "Jeunes connus (PAEI, ASEP, en accroche) rencontrés au moins une fois sur la période ; "
            "un jeune compte une fois."
        ],
    )


def accompanied_by_sex_age(*, scope: Scope, period: Period) -> Table:
    """Youths with a PAEI active in the period, by sex and age band, with the new ones."""
    return sex_age_table(
        table_id="accompagnes-sexe-age",
        title="Jeunes accompagnés (PAEI) — sexe et âge",
        persons=persons_of(accompaniments(scope, period)),
        scope=scope,
        period=period,
        population=ACCOMPANIED,
    )


def _latest_paei(scope: Scope, period: Period):
    """The person's latest PAEI active in the period (a youth counts once per table)."""
    return accompaniments(scope, period).filter(person=OuterRef("pk")).order_by("-start", "-pk")


def accompanied_by_schooling(*, scope: Scope, period: Period) -> Table:
    """Accompanied youths (PAEI) by their schooling/situation at the start of their latest
    accompaniment of the period, and age band."""
    persons = persons_of(accompaniments(scope, period)).annotate(
        situation=Subquery(_latest_paei(scope, period).values("situation")[:1])
    )
    grouped = (
        annotate_band(persons, "", period.end)
        .values("situation", "band")
        .annotate(count=Count("pk"))
    )
    return age_band_grid(
        table_id="accompagnes-scolarite",
        title="Jeunes accompagnés — scolarité",
        grouped=[(g["situation"], g["band"], g["count"]) for g in grouped],
        row_labels=[(value, label, 0) for value, label in Accompaniment.Situation.choices],
        population=ACCOMPANIED,
    )


def accompanied_by_commune(*, scope: Scope, period: Period) -> Table:
    """Accompanied youths (PAEI) by commune of residence and age band."""
    grouped = list(
        annotate_band(persons_of(accompaniments(scope, period)), "", period.end)
        .values("commune__name", "band")
        .annotate(count=Count("pk"))
        .order_by("commune__name")
    )
    names = sorted({g["commune__name"] or "" for g in grouped}, key=lambda n: (n == "", n))
    return age_band_grid(
        table_id="accompagnes-commune",
        title="Commune de résidence des jeunes accompagnés",
        grouped=[(g["commune__name"] or "", g["band"], g["count"]) for g in grouped],
        row_labels=[
            (name, name.upper() if name else "Commune non renseignée", 0) for name in names
        ],
        population=ACCOMPANIED,
    )


def accompanied_by_problematique(*, scope: Scope, period: Period) -> Table:
    """Accompanied youths (PAEI) by problématique at the origin of the accompaniment and age
    band: a category row counts each youth once even with several of its sub-problématiques;
    a youth with problématiques in two categories counts in both."""
    links = Accompaniment.problematiques.through.objects.filter(
        accompaniment__in=accompaniments(scope, period)
    )
    by_child = (
        annotate_band(links, "accompaniment__person", period.end)
        .values("problematique_id", "band")
        .annotate(count=Count("accompaniment__person", distinct=True))
    )
    by_category = (
        annotate_band(links, "accompaniment__person", period.end)
        .values("problematique__parent_id", "band")
        .annotate(count=Count("accompaniment__person", distinct=True))
    )
    referentiel = list(
        Problematique.objects.order_by("position", "name").values("pk", "parent_id", "name")
    )
    row_labels = []
    for category in (p for p in referentiel if p["parent_id"] is None):
        row_labels.append((("c", category["pk"]), category["name"], 0))
        for child in (p for p in referentiel if p["parent_id"] == category["pk"]):
            row_labels.append((("p", child["pk"]), child["name"], 1))
    # Every accompanied youth, and whether a problématique was recorded for them: a PAEI
    # recorded without one (history taken over) shows as « non renseignée », never dropped.
    youths = (
        annotate_band(persons_of(accompaniments(scope, period)), "", period.end)
        .annotate(known=Exists(links.filter(accompaniment__person=OuterRef("pk"))))
        .values("band", "known")
        .annotate(count=Count("pk"))
    )
    grouped = (
        [(("p", g["problematique_id"]), g["band"], g["count"]) for g in by_child]
        + [(("c", g["problematique__parent_id"]), g["band"], g["count"]) for g in by_category]
        + [("youths", g["band"], g["count"]) for g in youths]
        + [("unknown", g["band"], g["count"]) for g in youths if not g["known"]]
    )
    if any(not g["known"] for g in youths):
        row_labels.append(("unknown", "Problématique non renseignée", 0))
    table = age_band_grid(
        table_id="accompagnes-problematiques",
        title="Problématiques du jeune à l'origine de l'accompagnement",
        grouped=grouped,
        row_labels=[*row_labels, ("youths", "", 0)],
        population=ACCOMPANIED,
        rows_overlap=True,
    )
    # The Total counts each youth once (a youth may have problématiques in several
    # categories, so the categories do not add up to it).
    distinct = table.rows.pop()
    table.total_row = Row("Total (jeunes accompagnés, chacun une fois)", distinct.cells)
    table.notes.append(
        "Un jeune compte une fois par problématique et une fois par catégorie ; il peut relever "
        "de plusieurs catégories : les catégories ne s'additionnent pas, le Total compte chaque "
        "jeune une fois."
    )
    return table


def co_accompaniment(*, scope: Scope, period: Period) -> Table:
    """Youths (PAEI) whom other services also accompany, per kind of partner, and how many
    youths are co-accompanied at all (each once)."""
    links = CoAccompaniment.objects.filter(accompaniment__in=accompaniments(scope, period))
    by_kind = dict(
        links.values("kind")
        .annotate(count=Count("accompaniment__person", distinct=True))
        .values_list("kind", "count")
    )
    total = links.aggregate(count=Count("accompaniment__person", distinct=True))["count"]
    return Table(
        id="co-accompagnement",
        title="Autres services intervenant auprès du jeune et/ou de sa famille",
        columns=["Nombre de jeunes"],
        rows=[Row(label, [by_kind.get(kind, 0)]) for kind, label in CoAccompaniment.Kind.choices],
        total_row=Row("Jeunes co-accompagnés", [total]),
        notes=["Un jeune co-accompagné par plusieurs partenaires compte dans chaque ligne."],
        kinds=[Kind.COUNT],
        rows_overlap=True,
    )


DURATION_BANDS = [
    ("moins_6_mois", "Moins de 6 mois"),
    ("6_12_mois", "6 mois à moins d'1 an"),
    ("1_2_ans", "1 an à moins de 2 ans"),
    ("plus_2_ans", "Plus de 2 ans"),
]


def _duration_band(period: Period):
    """Whole months from the start to the end of the accompaniment (or of the period if it
    goes on), as a band."""
    period_end = Value(period.end, output_field=DateField())
    reference = Least(Coalesce(F("end"), period_end), period_end, output_field=DateField())
    months = (
        (ExtractYear(reference) - ExtractYear("start")) * 12
        + ExtractMonth(reference)
        - ExtractMonth("start")
        - Case(
            When(Q(_ref_day__lt=ExtractDay("start")), then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    )
    return reference, months


def accompaniment_duration(*, scope: Scope, period: Period) -> Table:
    """Accompanied youths (PAEI) by the duration of their latest accompaniment of the period
    (to its end, or to the end of the period) and age band."""
    reference, months = _duration_band(period)
    latest = (
        _latest_paei(scope, period)
        .annotate(_ref_day=ExtractDay(reference))
        .annotate(_months=months)
        .annotate(
            duration=Case(
                When(_months__lt=6, then=Value("moins_6_mois")),
                When(_months__lt=12, then=Value("6_12_mois")),
                When(_months__lt=24, then=Value("1_2_ans")),
                default=Value("plus_2_ans"),
                output_field=CharField(),
            )
        )
    )
    persons = persons_of(accompaniments(scope, period)).annotate(
        duration=Subquery(latest.values("duration")[:1])
    )
    grouped = (
        annotate_band(persons, "", period.end)
        .values("duration", "band")
        .annotate(count=Count("pk"))
    )
    return age_band_grid(
        table_id="duree-accompagnement",
        title="Durée d'accompagnement",
        grouped=[(g["duration"], g["band"], g["count"]) for g in grouped],
        row_labels=[(code, label, 0) for code, label in DURATION_BANDS],
        population=ACCOMPANIED,
    )


def closing_reasons(*, scope: Scope, period: Period) -> Table:
    """PAEI closed in the period, by end reason."""
    closed = Accompaniment.objects.filter(
        dispositif__in=scope.dispositif_ids(),
        kind=Accompaniment.Kind.PAEI,
        end__gte=period.start,
        end__lte=period.end,
    )
    counts = dict(
        closed.values("end_reason").annotate(n=Count("pk")).values_list("end_reason", "n")
    )
    cells = [counts.get(reason, 0) for reason in Accompaniment.EndReason.values]
    return Table(
        id="motifs-cloture",
        title="Motifs de clôture de l'accompagnement",
        columns=[*Accompaniment.EndReason.labels, "Total"],
        rows=[Row("Fins d'accompagnement", [*cells, sum(cells)])],
        kinds=[Kind.COUNT] * (len(cells) + 1),
        sums=[("Total", list(Accompaniment.EndReason.labels))],
    )


def reorientations(*, scope: Scope, period: Period) -> Table:
    """Youths referred to partners at the close of a PAEI ended in the period, per category,
    with the partners named and how many youths each received."""
    links = Reorientation.objects.filter(
        accompaniment__dispositif__in=scope.dispositif_ids(),
        accompaniment__kind=Accompaniment.Kind.PAEI,
        accompaniment__end__gte=period.start,
        accompaniment__end__lte=period.end,
    )
    youths = dict(
        links.values("category")
        .annotate(n=Count("accompaniment__person", distinct=True))
        .values_list("category", "n")
    )
    partners: dict[str, list[str]] = defaultdict(list)
    for item in (
        links.annotate(name=Coalesce(F("partner__name"), F("partner_name")))
        .values("category", "name")
        .annotate(n=Count("accompaniment__person", distinct=True))
        .order_by("category", "-n", "name")
    ):
        partners[item["category"]].append(f"{item['name'] or 'non précisé'} : {item['n']}")
    return Table(
        id="reorientations",
        title="Réorientation vers un ou des partenaires",
        columns=["Nombre de jeunes", "Partenaires"],
        rows=[
            Row(label, [youths.get(code, 0), ", ".join(partners.get(code, []))], format=Format.TEXT)
            for code, label in Reorientation.Category.choices
        ],
        kinds=[Kind.COUNT, Kind.TEXT],
    )


def accompanied_count(*, scope: Scope, period: Period) -> int:
    """Youths with a PAEI active in the period (the total of `accompagnes-sexe-age`)."""
    return persons_of(accompaniments(scope, period)).count()


# Moved to their own modules; kept importable from here for the documents that use them.
from prevention.indicators.actions import (  # noqa: E402, I001
    actions_by_commune,
    dsl_actions,
    parentalite_actions,
    partner_actions,
)
from prevention.indicators.partnership import (  # noqa: E402
    informal_partnerships,
    networks,
    partner_fields,
    territorial_bodies,
)

__all__ = [
    "actions_by_commune",
    "dsl_actions",
    "parentalite_actions",
    "partner_actions",
    "informal_partnerships",
    "networks",
    "partner_fields",
    "territorial_bodies",
]
