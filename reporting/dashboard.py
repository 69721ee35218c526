"""The direction's dashboard: the year to date against the same dates of the previous year,
from the same indicators as the reports (a fixed number of queries)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from habitat import indicators as habitat_indicators
from habitat.indicators import bilans as habitat_bilans
from prevention.indicators import sps as sps_indicators
from prevention.indicators.common import Scope
from reporting.documents import association_key_figures
from reportkit import charts
from reportkit.periods import Period
from reportkit.tables import Format, Row, Table


@dataclass
class Dashboard:
    period: Period
    key_figures: Table
    hours: Table
    occupancy: Table
    gauge: Table
    charts: list[charts.Chart] = field(default_factory=list)

    def report_url(self, slug: str, table_id: str) -> str:
        query = urlencode(
            {"start": self.period.start.isoformat(), "end": self.period.end.isoformat()}
        )
        return f"/reports/{slug}/?{query}#{table_id}"


def build(today: datetime.date) -> Dashboard:
    period = Period(today.replace(month=1, day=1), today)
    key_figures = association_key_figures(period)
    hours = sps_indicators.hours_by_activity(scope=Scope(("sps",)), period=period)
    occupancy_rows = []
    for label, codes in [
        ("ALT Jeunes", ["alt-jeunes"]),
        ("ALT Familles / jeunes couples", ["alt-familles"]),
        ("Tremplins Duo", ["tremplins-duo"]),
    ]:
        rate = habitat_bilans.occupancy(dispositifs=codes, period=period).rows[2].cells[0]
        occupancy_rows.append(Row(label, [rate], format=Format.DECIMAL))
    occupancy = Table(
        id="taux-occupation",
        title="Taux d'occupation depuis le 1er janvier (%)",
        columns=["%"],
        rows=occupancy_rows,
    )
    gauge = habitat_indicators.convention_gauge(today=today)
    persons = Table(
        id="personnes-par-service",
        title="Personnes accompagnées par service",
        columns=["Personnes"],
        rows=[Row(row.label, [row.cells[0]]) for row in key_figures.rows[2:6]],
    )
    dashboard = Dashboard(
        period=period, key_figures=key_figures, hours=hours, occupancy=occupancy, gauge=gauge
    )
    dashboard.charts = [
        charts.hours_by_activity(hours),
        charts.counts_bar(persons, "Personnes accompagnées par service"),
        charts.counts_bar(occupancy, "Taux d'occupation (%)"),
    ]
    if gauge.rows:
        rates = Table(
            id="taux-conventions",
            title="Taux de réalisation des conventions (%)",
            columns=["%"],
            rows=[Row(row.label.split(" (")[0], [row.cells[2]]) for row in gauge.rows],
        )
        dashboard.charts.append(charts.counts_bar(rates, "Taux de réalisation des conventions (%)"))
    return dashboard
