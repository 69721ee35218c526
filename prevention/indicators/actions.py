"""The collective-action tables of the SPS report (rapport SPS 2023, V.4 « Actions
collectives »): one indicator per table — the actions of each commune, DSL, parentalité, partner
actions.

Participants are the anonymous head-counts plus the named youths (by their age band); actions
of the same title make one column (« Sorties, 60 séances »), a named youth counting once per
column; Total adds the families involved. Actions with a session in the period."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.utils.text import slugify

from prevention.indicators.common import Scope
from prevention.models import CollectiveAction, Headcount
from reportkit.counting import DEPARTEMENT_BANDS, UNKNOWN, UNKNOWN_LABEL, annotate_band
from reportkit.periods import Period
from reportkit.tables import Format, Kind, Row, Table

COMMUNE_ACTION_KINDS = (
    CollectiveAction.Kind.ACTION_COLLECTIVE,
    CollectiveAction.Kind.SORTIE,
    CollectiveAction.Kind.SEJOUR,
)


@dataclass
class _Actions:
    """The actions of some kinds in the period, with their head-counts, named participants,
    partners and funders (five queries)."""

    info: dict = field(default_factory=dict)
    by_band: dict = field(default_factory=lambda: defaultdict(int))
    named: dict = field(default_factory=lambda: defaultdict(int))
    partners: dict = field(default_factory=lambda: defaultdict(list))
    funders: dict = field(default_factory=lambda: defaultdict(list))

    def columns(self, action_ids) -> list[tuple[str, list[int]]]:
        """Actions grouped by title: (title, [ids]) in alphabetical order."""
        groups: dict[str, list[int]] = {}
        for action_id in sorted(action_ids, key=lambda i: (self.info[i]["title"].lower(), i)):
            groups.setdefault(self.info[action_id]["title"], []).append(action_id)
        return list(groups.items())


def _load(scope: Scope, period: Period, kinds, *, by_commune: bool) -> _Actions:
    data = _Actions()
    actions = CollectiveAction.objects.filter(
        dispositif__in=scope.dispositif_ids(), kind__in=kinds
    ).during(period.start, period.end)
    data.info = {
        a["pk"]: a
        for a in actions.values("pk", "title", "kind", "commune__name", "families").annotate(
            sessions=Count(
                "sessions",
                filter=Q(sessions__date__gte=period.start, sessions__date__lte=period.end),
            )
        )
    }
    for item in (
        Headcount.objects.filter(action__in=actions)
        .values("action_id", "age_band")
        .annotate(n=Sum("count"))
    ):
        data.by_band[(item["action_id"], item["age_band"])] += item["n"]
    group = "collectiveaction__commune__name" if by_commune else "collectiveaction__kind"
    for item in (
        annotate_band(
            CollectiveAction.participants.through.objects.filter(collectiveaction__in=actions),
            "person",
            period.end,
        )
        .values(group, "collectiveaction__title", "band")
        .annotate(n=Count("person", distinct=True))
    ):
        data.named[((item[group], item["collectiveaction__title"]), item["band"])] += item["n"]
    for action_id, name in (
        CollectiveAction.partners.through.objects.filter(collectiveaction__in=actions)
        .values_list("collectiveaction_id", "partner__name")
        .order_by("partner__name")
    ):
        data.partners[action_id].append(name)
    for action_id, name in (
        CollectiveAction.funders.through.objects.filter(collectiveaction__in=actions)
        .values_list("collectiveaction_id", "funder__name")
        .order_by("funder__name")
    ):
        data.funders[action_id].append(name)
    return data


def _table(data: _Actions, table_id, title, action_ids, group_key, extra_rows=()) -> Table:
    groups = data.columns(action_ids)

    def count(title_, ids, band):
        anonymous = sum(data.by_band[(i, band)] for i in ids)
        return anonymous + data.named[((group_key, title_), band)]

    bands = [(code, label) for code, label, _l, _h in DEPARTEMENT_BANDS]
    if any(count(t, ids, UNKNOWN) for t, ids in groups):
        bands.append((UNKNOWN, UNKNOWN_LABEL))
    rows = [extra(data, groups) for extra in extra_rows]
    for band, label in bands:
        rows.append(Row(label, [count(t, ids, band) for t, ids in groups]))
    families = [sum(data.info[i]["families"] for i in ids) for _t, ids in groups]
    rows.append(Row("Nombre de familles impliquées dans l'action", families))
    totals = [
        sum(count(t, ids, band) for band, _ in bands) + family
        for (t, ids), family in zip(groups, families, strict=True)
    ]
    columns = []
    for title_, ids in groups:
        sessions = sum(data.info[i]["sessions"] for i in ids)
        columns.append(f"{title_} ({sessions} séance{'s' if sessions > 1 else ''})")
    return Table(
        id=table_id,
        title=title,
        columns=columns,
        rows=rows,
        total_row=Row("Total", totals),
        notes=[] if groups else ["Aucune action sur la période."],
        # Each action's participants by age band and its families add up to its Total.
        kinds=[Kind.COUNT] * len(columns),
    )


def _partner_count_row(data, groups):
    return Row(
        "Partenaires",
        [len({p for i in ids for p in data.partners[i]}) for _t, ids in groups],
        in_total=False,  # partners, not participants
    )


def _partner_names_row(data, groups):
    return Row(
        "Partenaires",
        [", ".join(sorted({p for i in ids for p in data.partners[i]})) for _t, ids in groups],
        format=Format.TEXT,
        in_total=False,
    )


def _funder_names_row(data, groups):
    return Row(
        "Financements",
        [" / ".join(sorted({f for i in ids for f in data.funders[i]})) for _t, ids in groups],
        format=Format.TEXT,
        in_total=False,
    )


def actions_by_commune(*, scope: Scope, period: Period) -> dict[str, Table]:
    """{commune: table}: for each commune with actions in the period, the participants of its
    collective actions, outings and stays by age band, the families and the Total, one column
    per title with its sessions. Unit: participants. Rapport SPS 2023, V.4 (OIGNIES,
    COURRIERES, CARVIN, LIBERCOURT). Five queries."""
    data = _load(scope, period, COMMUNE_ACTION_KINDS, by_commune=True)
    communes = sorted({a["commune__name"] for a in data.info.values()})
    return {
        commune: _table(
            data,
            f"actions-collectives-{slugify(commune)}",
            f"Actions collectives — {commune.upper()}",
            [i for i, a in data.info.items() if a["commune__name"] == commune],
            commune,
        )
        for commune in communes
    }


def _kind_table(scope, period, kind, table_id, title, extra_rows) -> Table:
    data = _load(scope, period, [kind], by_commune=False)
    return _table(data, table_id, title, list(data.info), kind, extra_rows)


def dsl_actions(*, scope: Scope, period: Period) -> Table:
    """Participants of the local social development (DSL) actions of the period by age band,
    with the number of partners and the funders of each. Unit: participants. Rapport SPS
    2023, V.4 « Les actions de développement social local ». Five queries."""
    return _kind_table(
        scope,
        period,
        CollectiveAction.Kind.DSL,
        "actions-dsl",
        "Actions de développement social local",
        (_partner_count_row, _funder_names_row),
    )


def parentalite_actions(*, scope: Scope, period: Period) -> Table:
    """Participants of the parentalité actions of the period by age band, with the number of
    partners and the funders of each. Unit: participants. Rapport SPS 2023, V.4
    « Parentalité ». Five queries."""
    return _kind_table(
        scope,
        period,
        CollectiveAction.Kind.PARENTALITE,
        "actions-parentalite",
        "Parentalité",
        (_partner_count_row, _funder_names_row),
    )


def partner_actions(*, scope: Scope, period: Period) -> Table:
    """Participants of the actions initiated by a partner for which the service was asked
    (actions partenariales) by age band, with the partners named. Unit: participants. Rapport
    SPS 2023, V.4 « Actions partenariales ». Five queries."""
    return _kind_table(
        scope,
        period,
        CollectiveAction.Kind.PARTENARIALE,
        "actions-partenariales",
        "Actions partenariales",
        (_partner_names_row,),
    )
