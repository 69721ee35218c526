"""The ALT's own table (bilan habitat 2022, « A.L.T. Jeunes & Familles / Jeunes couples »): the
two publics together, as the association's report gives them. Every other ALT table is shared
with Tremplins Duo (`housing`), for ALT Jeunes and ALT Familles / jeunes couples alike."""

from __future__ import annotations

from django.db.models import Count, Min, Q

from habitat.indicators.common import DISPOSITIF_NAMES
from habitat.indicators.housing import HOUSING_COUNT_NOTE, hosted_key, occupancy_rate, stays
from habitat.models import HousingRequest, Stay
from reportkit.periods import Period
from reportkit.tables import Format, Row, Table

DISPOSITIFS = ("alt-jeunes", "alt-familles")


def combined_totals(*, period: Period) -> Table:
    """ALT Jeunes and ALT Familles / jeunes couples side by side and together: requests of the
    period (and the change from the same dates a year earlier), situations housed (youths,
    households) and the new ones, exits (of them to the public housing stock and for
    non-collaboration), and the occupancy rate of all the places. Units: requests, situations,
    exits, %. Rapport de l'association 2023, « Activité ALT : 88 demandes (+ 10), 49 situations
    accueillies dont 28 nouvelles, 28 sorties dont 19 dans le parc public, 4 non collaboration,
    taux d'occupation 95 % ». Eleven queries."""
    previous = period.previous()
    requests = {
        item["dispositif__code"]: item
        for item in HousingRequest.objects.filter(dispositif__code__in=DISPOSITIFS)
        .values("dispositif__code")
        .annotate(
            first=Min("date"),
            now=Count("pk", filter=Q(date__gte=period.start, date__lte=period.end)),
            before=Count("pk", filter=Q(date__gte=previous.start, date__lte=previous.end)),
        )
    }
    columns, cells = [], []
    for code in DISPOSITIFS:
        r = requests.get(code, {"first": None, "now": 0, "before": 0})
        before = r["before"] if r["first"] and r["first"] <= previous.end else None
        housed = (
            stays(code, period)
            .annotate(counted=hosted_key(code))
            .aggregate(
                hosted=Count("counted", distinct=True),
                new=Count("counted", distinct=True, filter=Q(entry__gte=period.start)),
            )
        )
        ended = Stay.objects.filter(
            unit__dispositif__code=code, exit__gte=period.start, exit__lte=period.end
        ).aggregate(
            n=Count("pk"),
            public=Count("pk", filter=Q(exit_reason=Stay.ExitReason.PUBLIC)),
            non_collaboration=Count("pk", filter=Q(exit_reason=Stay.ExitReason.NON_COLLABORATION)),
        )
        columns.append(DISPOSITIF_NAMES[code])
        cells.append(
            [
                r["now"],
                None if before is None else r["now"] - before,
                housed["hosted"],
                housed["new"],
                ended["n"],
                ended["public"],
                ended["non_collaboration"],
                occupancy_rate(dispositifs=[code], period=period),
            ]
        )
    together = [
        sum(c[0] for c in cells),
        None if any(c[1] is None for c in cells) else sum(c[1] for c in cells),
        *[sum(c[i] for c in cells) for i in range(2, 7)],
        occupancy_rate(dispositifs=DISPOSITIFS, period=period),
    ]
    labels = [
        ("Demandes", 0, Format.INTEGER),
        (f"Évolution des demandes depuis {previous.label}", 0, Format.INTEGER),
        ("Situations accueillies (jeunes, ménages)", 0, Format.INTEGER),
        ("dont nouvelles", 1, Format.INTEGER),
        ("Sorties", 0, Format.INTEGER),
        ("dont vers le parc public", 1, Format.INTEGER),
        ("dont fin pour non-collaboration", 1, Format.INTEGER),
        ("Taux d'occupation", 0, Format.PERCENT),
    ]
    return Table(
        id="alt-ensemble",
        title="ALT Jeunes et Familles / jeunes couples : ensemble",
        columns=[*columns, "Ensemble"],
        rows=[
            Row(label, [c[index] for c in cells] + [together[index]], format=fmt, level=level)
            for index, (label, level, fmt) in enumerate(labels)
        ],
        notes=[
            HOUSING_COUNT_NOTE,
            "Taux d'occupation de l'ensemble : journées-places occupées / disponibles de tous "
            "les logements ALT (pas la moyenne des deux taux).",
        ],
        sums=[("Ensemble", columns)],
        dispositif="ALT",
        short_title="ALT ensemble",
    )
