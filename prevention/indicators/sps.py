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
from django.utils.text import slugify

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
    CollectiveAction,
    ContactMode,
    Headcount,
    InstanceMeeting,
    NetworkReception,
    Problematique,
    Reorientation,
    TimeEntry,
)
from reportkit import numbers
from reportkit.counting import DEPARTEMENT_BANDS, UNKNOWN, UNKNOWN_LABEL, annotate_band
from reportkit.periods import Period
from reportkit.tables import Format, Row, Table, share
from rl_portal.models import Partner

# ---------------------------------------------------------------------------------------------
# V. Activité du SPS
# ---------------------------------------------------------------------------------------------


def hours_by_activity(*, scope: Scope, period: Period) -> Table:
    """Hours recorded per activity in the period, their share of all the hours of the scope
    (two decimals), the previous year's share and the change in points. One query."""
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
    current = {item["activity"]: Decimal(item["current"] or 0) for item in totals}
    before = {item["activity"]: Decimal(item["before"] or 0) for item in totals}
    all_current, all_before = sum(current.values()), sum(before.values())
    hours = [current.get(a, Decimal("0")).quantize(Decimal("0.01")) for a in Activity.values]
    shares = [share(current.get(a, 0), all_current) for a in Activity.values]
    previous_shares = [share(before.get(a, 0), all_before) for a in Activity.values]
    return Table(
        id="activite-heures",
        title="Activité du service : heures par activité",
        columns=list(Activity.labels),
        rows=[
            Row("Heures", hours, format=Format.HOURS),
            Row("%", shares, format=Format.PERCENT),
            Row(f"% {previous.label}", previous_shares, format=Format.PERCENT),
            Row(
                "Évolution (points)",
                [now - then for now, then in zip(shares, previous_shares, strict=True)],
                format=Format.POINTS,
            ),
        ],
        notes=[
            f"Total : {numbers.number(sum(hours))} h ; "
            f"{previous.label} : {numbers.number(all_before)} h. "
            "Part d'une activité = ses heures / toutes les heures du service sur la période."
        ],
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
    grouped = [(("p", g["problematique_id"]), g["band"], g["count"]) for g in by_child] + [
        (("c", g["problematique__parent_id"]), g["band"], g["count"]) for g in by_category
    ]
    table = age_band_grid(
        table_id="accompagnes-problematiques",
        title="Problématiques du jeune à l'origine de l'accompagnement",
        grouped=grouped,
        row_labels=row_labels,
        total=False,
    )
    table.notes.append(
        "Un jeune compte une fois par problématique et une fois par catégorie ; il peut relever "
        "de plusieurs catégories."
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
    )


# ---------------------------------------------------------------------------------------------
# Collective actions
# ---------------------------------------------------------------------------------------------

COMMUNE_ACTION_KINDS = (
    CollectiveAction.Kind.ACTION_COLLECTIVE,
    CollectiveAction.Kind.SORTIE,
    CollectiveAction.Kind.SEJOUR,
)


def collective_actions(*, scope: Scope, period: Period) -> list[Table]:
    """Participants of the actions with a session in the period: one table per commune
    (collective actions, outings, stays), then DSL, parentalité and partner actions.

    Actions of the same title in the same commune make one column (« Sorties, 60 séances »).
    Participants are the anonymous head-counts plus the named youths (by their age band);
    Total adds the families involved. Six queries for all the tables."""
    actions = CollectiveAction.objects.filter(dispositif__in=scope.dispositif_ids()).during(
        period.start, period.end
    )
    info = {
        a["pk"]: a
        for a in actions.values("pk", "title", "kind", "commune__name", "families").annotate(
            sessions=Count(
                "sessions",
                filter=Q(sessions__date__gte=period.start, sessions__date__lte=period.end),
            )
        )
    }
    by_band: dict[tuple[int, str], int] = defaultdict(int)
    for item in (
        Headcount.objects.filter(action__in=actions)
        .values("action_id", "age_band")
        .annotate(n=Sum("count"))
    ):
        by_band[(item["action_id"], item["age_band"])] += item["n"]
    # Named participants are counted once per column (actions of the same title are merged),
    # so they are grouped by the column's key, not by action.
    participants = annotate_band(
        CollectiveAction.participants.through.objects.filter(collectiveaction__in=actions),
        "person",
        period.end,
    )
    named: dict[tuple, int] = defaultdict(int)
    for item in (
        participants.filter(collectiveaction__kind__in=COMMUNE_ACTION_KINDS)
        .values("collectiveaction__commune__name", "collectiveaction__title", "band")
        .annotate(n=Count("person", distinct=True))
    ):
        key = ("commune", item["collectiveaction__commune__name"], item["collectiveaction__title"])
        named[(key, item["band"])] += item["n"]
    for item in (
        participants.exclude(collectiveaction__kind__in=COMMUNE_ACTION_KINDS)
        .values("collectiveaction__kind", "collectiveaction__title", "band")
        .annotate(n=Count("person", distinct=True))
    ):
        key = ("kind", item["collectiveaction__kind"], item["collectiveaction__title"])
        named[(key, item["band"])] += item["n"]
    partners: dict[int, list[str]] = defaultdict(list)
    for action_id, name in (
        CollectiveAction.partners.through.objects.filter(collectiveaction__in=actions)
        .values_list("collectiveaction_id", "partner__name")
        .order_by("partner__name")
    ):
        partners[action_id].append(name)
    funders: dict[int, list[str]] = defaultdict(list)
    for action_id, name in (
        CollectiveAction.funders.through.objects.filter(collectiveaction__in=actions)
        .values_list("collectiveaction_id", "funder__name")
        .order_by("funder__name")
    ):
        funders[action_id].append(name)

    def columns_of(action_ids):
        """Group actions by title: (title, [ids]) in order of first appearance."""
        groups: dict[str, list[int]] = {}
        for action_id in sorted(action_ids, key=lambda i: (info[i]["title"].lower(), i)):
            groups.setdefault(info[action_id]["title"], []).append(action_id)
        return list(groups.items())

    def table(table_id, title, action_ids, extra_rows=(), key_of=None):
        groups = columns_of(action_ids)

        def count(title_, ids, band):
            anonymous = sum(by_band[(i, band)] for i in ids)
            return anonymous + named[(key_of(info[ids[0]], title_), band)]

        has_unknown = any(count(t, ids, UNKNOWN) for t, ids in groups)
        bands = [(code, label) for code, label, _l, _h in DEPARTEMENT_BANDS]
        if has_unknown:
            bands.append((UNKNOWN, UNKNOWN_LABEL))
        rows = [extra(groups) for extra in extra_rows]
        for band, label in bands:
            rows.append(Row(label, [count(t, ids, band) for t, ids in groups]))
        families = [sum(info[i]["families"] for i in ids) for _t, ids in groups]
        rows.append(Row("Nombre de familles impliquées dans l'action", families))
        totals = [
            sum(count(t, ids, band) for band, _ in bands) + family
            for (t, ids), family in zip(groups, families, strict=True)
        ]
        columns = [
            f"{title_} ({sum(info[i]['sessions'] for i in ids)} séance"
            f"{'s' if sum(info[i]['sessions'] for i in ids) > 1 else ''})"
            for title_, ids in groups
        ]
        return Table(
            id=table_id,
            title=title,
            columns=columns,
            rows=rows,
            total_row=Row("Total", totals),
            notes=[] if groups else ["Aucune action sur la période."],
        )

    def partner_count_row(groups):
        return Row(
            "Partenaires", [len({p for i in ids for p in partners[i]}) for _t, ids in groups]
        )

    def partner_names_row(groups):
        return Row(
            "Partenaires",
            [", ".join(sorted({p for i in ids for p in partners[i]})) for _t, ids in groups],
            format=Format.TEXT,
        )

    def funder_names_row(groups):
        return Row(
            "Financements",
            [" / ".join(sorted({f for i in ids for f in funders[i]})) for _t, ids in groups],
            format=Format.TEXT,
        )

    tables = []
    communes = sorted(
        {a["commune__name"] for a in info.values() if a["kind"] in COMMUNE_ACTION_KINDS}
    )
    for commune in communes:
        ids = [
            i
            for i, a in info.items()
            if a["commune__name"] == commune and a["kind"] in COMMUNE_ACTION_KINDS
        ]
        tables.append(
            table(
                f"actions-collectives-{slugify(commune)}",
                f"Actions collectives — {commune.upper()}",
                ids,
                key_of=lambda action, title_: ("commune", action["commune__name"], title_),
            )
        )
    kinds = {
        CollectiveAction.Kind.DSL: (
            "actions-dsl",
            "Actions de développement social local",
            (partner_count_row, funder_names_row),
        ),
        CollectiveAction.Kind.PARENTALITE: (
            "actions-parentalite",
            "Parentalité",
            (partner_count_row, funder_names_row),
        ),
        CollectiveAction.Kind.PARTENARIALE: (
            "actions-partenariales",
            "Actions partenariales",
            (partner_names_row,),
        ),
    }
    for kind, (table_id, title, extra_rows) in kinds.items():
        ids = [i for i, a in info.items() if a["kind"] == kind]
        tables.append(
            table(
                table_id,
                title,
                ids,
                extra_rows,
                key_of=lambda action, title_: ("kind", action["kind"], title_),
            )
        )
    return tables


# ---------------------------------------------------------------------------------------------
# VI. Partenariat
# ---------------------------------------------------------------------------------------------


def networks(*, scope: Scope, period: Period) -> Table:
    """Youths received for partner networks in the period, with the days and hours."""
    totals = {
        item["network"]: item
        for item in NetworkReception.objects.filter(
            dispositif__in=scope.dispositif_ids(), date__gte=period.start, date__lte=period.end
        )
        .values("network")
        .annotate(youths=Sum("youths"), days=Sum("days"), hours=Sum("hours"))
    }
    rows = []
    for code, label in NetworkReception.Network.choices:
        item = totals.get(code, {})
        rows.append(
            Row(
                label,
                [
                    item.get("youths") or 0,
                    Decimal(item.get("days") or 0).quantize(Decimal("0.1")),
                    Decimal(item.get("hours") or 0).quantize(Decimal("0.01")),
                ],
                format=Format.DECIMAL,
            )
        )
    return Table(
        id="reseaux",
        title="Réseaux",
        columns=["Nombre de jeunes", "Journées", "Heures"],
        rows=rows,
    )


def territorial_bodies(*, scope: Scope, period: Period) -> Table:
    """Meetings of territorial bodies (CLS, CISPD…) attended in the period."""
    rows = [
        Row(item["name"], [item["field"], item["n"]], format=Format.TEXT)
        for item in InstanceMeeting.objects.filter(
            dispositif__in=scope.dispositif_ids(), date__gte=period.start, date__lte=period.end
        )
        .values("name", "field")
        .annotate(n=Count("pk"))
        .order_by("name")
    ]
    return Table(
        id="instances-territoriales",
        title="Instances territoriales",
        columns=["Champ d'intervention", "Nombre de participations"],
        rows=rows,
    )


def informal_partnerships() -> Table:
    """Partners listed as informal partnerships, with the reason (référentiel, not dated)."""
    rows = [
        Row(item["name"], [item["informal_reason"]], format=Format.TEXT)
        for item in Partner.objects.filter(is_active=True)
        .exclude(informal_reason="")
        .order_by("name")
        .values("name", "informal_reason")
    ]
    return Table(
        id="partenariats-informels",
        title="Partenariats informels",
        columns=["Raisons du partenariat / domaine d'intervention"],
        rows=rows,
    )


# ---------------------------------------------------------------------------------------------
# Key figures (prevention summary)
# ---------------------------------------------------------------------------------------------


def key_figures(*, scope: Scope, period: Period) -> Table:
    """Youths met (any mode), youths accompanied (PAEI), accompaniments closed, actions and
    their sessions: the period, the previous year and the change."""
    previous = period.previous()

    def figures(p: Period) -> list[int]:
        met = persons_of(contacts(scope, p)).count()
        accompanied = persons_of(accompaniments(scope, p)).count()
        closed = Accompaniment.objects.filter(
            dispositif__in=scope.dispositif_ids(),
            kind=Accompaniment.Kind.PAEI,
            end__gte=p.start,
            end__lte=p.end,
        ).count()
        actions = CollectiveAction.objects.filter(dispositif__in=scope.dispositif_ids()).during(
            p.start, p.end
        )
        sessions = actions.aggregate(
            n=Count("sessions", filter=Q(sessions__date__gte=p.start, sessions__date__lte=p.end))
        )["n"]
        return [met, accompanied, closed, actions.count(), sessions]

    now, before = figures(period), figures(previous)
    labels = [
        "Jeunes rencontrés",
        "Jeunes accompagnés (PAEI)",
        "Accompagnements (PAEI) clôturés",
        "Actions collectives",
        "Séances d'actions collectives",
    ]
    return Table(
        id="chiffres-cles",
        title="Chiffres clés",
        columns=[period.label, previous.label, "Évolution"],
        rows=[Row(label, [a, b, a - b]) for label, a, b in zip(labels, now, before, strict=True)],
    )


def accompanied_count(*, scope: Scope, period: Period) -> int:
    """Youths with a PAEI active in the period (the total of `accompagnes-sexe-age`)."""
    return persons_of(accompaniments(scope, period)).count()


def partner_fields() -> Table:
    """The association's active partners by field (champ partenarial), other than the communes
    and the schools (référentiel, not dated)."""
    names: dict[str, list[str]] = defaultdict(list)
    for field, name in (
        Partner.objects.filter(is_active=True)
        .exclude(
            kind__in=[
                Partner.Kind.COMMUNE,
                Partner.Kind.ECOLE,
                Partner.Kind.COLLEGE,
                Partner.Kind.LYCEE,
            ]
        )
        .order_by("field", "name")
        .values_list("field", "name")
    ):
        names[field].append(name)
    return Table(
        id="champs-partenariaux",
        title="Champs partenariaux",
        columns=["Partenaires"],
        rows=[
            Row(label, [", ".join(names[code])], format=Format.TEXT)
            for code, label in Partner.Field.choices
            if names.get(code)
        ],
    )
