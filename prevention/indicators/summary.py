"""The tables of the prevention summary (synthèse de la prévention spécialisée 2021)."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Q

from prevention.indicators.common import Scope, accompaniments, contacts, persons_of
from prevention.indicators.sps import hours_share_table
from prevention.models import Accompaniment, Activity, CollectiveAction
from reportkit.periods import Period
from reportkit.tables import Kind, Row, Table, shares_of_total

# The 2021 summary's six blocks, from the same time entries as the 2023 template's seven
# activities: street work is part of présence sociale, and the professional writing, team
# meetings and organisation make « Ressources humaines ».
BLOCKS_2021 = {
    "presence_sociale": ("Présence sociale", [Activity.TRAVAIL_DE_RUE, Activity.PRESENCE_SOCIALE]),
    "actions_collectives": ("Actions collectives", [Activity.ACTION_COLLECTIVE]),
    "actions_individuelles": ("Actions individuelles", [Activity.ACCOMPAGNEMENT_INDIVIDUEL]),
    "actions_partenariales": ("Actions partenariales", [Activity.ACTIONS_PARTENARIALES]),
    "ressources_humaines": ("Ressources humaines", [Activity.ECRITS_PROFESSIONNELS]),
    "formation": ("Formation", [Activity.FORMATION]),
}


def hours_by_block_2021(
    *, scope: Scope, period: Period, validated_previous: Table | None = None
) -> Table:
    """Hours per block of the 2021 summary (six blocks: présence sociale including street work,
    actions collectives, actions individuelles, actions partenariales, ressources humaines
    — professional writing —, formation), each block's share of all the hours (two decimals,
    largest remainder), the previous year's share (validated when it was) and the change in
    points. Unit: hours. Synthèse prévention 2021, « Activité du service ». One query."""
    return hours_share_table(
        table_id="activite-blocs-2021",
        title="Activité du service",
        scope=scope,
        period=period,
        groups=BLOCKS_2021,
        validated_previous=validated_previous,
    )


def blocks_from_validated_2023(table: Table | None) -> Table | None:
    """The six blocks of 2021 regrouped from the hours of a validated SPS report (the 2023
    template's seven activities, `activite-heures`), with their shares (largest remainder):
    the summary's previous-year column then reads the year as it was transmitted to the
    Département, even when the summary itself was not validated. None without that table."""
    if table is None:
        return None
    hours_row = next((r for r in table.rows if r.label == "Heures"), None)
    if hours_row is None:
        return None
    by_label = dict(zip(table.columns, hours_row.cells, strict=False))
    hours = []
    for _label, activities in BLOCKS_2021.values():
        values = [by_label.get(Activity(a).label) for a in activities]
        if any(v is None for v in values):
            return None  # not the 2023 grid: nothing to regroup
        hours.append(sum((Decimal(str(v)) for v in values), Decimal(0)))
    regrouped = Table(
        id="activite-blocs-2021",
        title=table.title,
        columns=[label for label, _activities in BLOCKS_2021.values()],
        rows=[Row("Heures", hours), Row("%", shares_of_total(hours))],
    )
    regrouped.validated_on = table.validated_on
    return regrouped


KEY_FIGURES = [
    "Jeunes rencontrés",
    "Jeunes accompagnés (PAEI)",
    "Accompagnements (PAEI) clôturés",
    "Actions collectives",
    "Séances d'actions collectives",
]


def _figures(scope: Scope, p: Period) -> list[int]:
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


def key_figures(*, scope: Scope, period: Period, validated_previous: Table | None = None) -> Table:
    """Youths met (any mode), youths accompanied (PAEI), PAEI closed, actions and their
    sessions: the period, the previous year and the change. The previous year's column reads
    its validated report when there is one (`validated_previous`), marked « * » where today's
    records differ; a previous year without any record prints « — » and no change. Unit:
    youths, accompaniments, actions, sessions. Synthèse prévention, « Les chiffres clés ».
    Ten queries."""
    previous = period.previous()
    now, recorded = _figures(scope, period), _figures(scope, previous)
    before: list = list(recorded) if any(recorded) else [None] * len(recorded)
    column = previous.label
    notes = []
    if validated_previous is not None and validated_previous.columns:
        frozen = {
            row.label: row.cells[0]
            for row in validated_previous.rows
            if validated_previous.columns[0] == previous.label
        }
        if frozen:
            column = f"{previous.label} (rapport validé)"
            before = [frozen.get(label) for label in KEY_FIGURES]
            note = (
                f"{previous.label} : chiffres du rapport validé par le conseil d'administration "
                f"du {validated_previous.validated_on:%d/%m/%Y}."
            )
            changed = [
                f"{label} : {today}"
                for label, then, today in zip(KEY_FIGURES, before, recorded, strict=True)
                if then is not None and then != today
            ]
            if changed:
                column += " *"
                note += " * Les enregistrements d'aujourd'hui donnent : " + " ; ".join(changed)
                note += "."
            notes.append(note)
    if all(value is None for value in before):
        notes.append(f"{previous.label} : aucun enregistrement (« — ») ; pas d'évolution.")
    rows = [
        Row(label, [a, b, a - b if b is not None else None])
        for label, a, b in zip(KEY_FIGURES, now, before, strict=True)
    ]
    return Table(
        id="chiffres-cles",
        title="Chiffres clés",
        columns=[period.label, column, "Évolution"],
        rows=rows,
        notes=notes,
        kinds=[Kind.COUNT, Kind.COUNT, Kind.DELTA],
    )
