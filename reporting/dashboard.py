"""The direction's dashboard: the year to date against the same dates of the previous year,
from the same indicators as the reports (a fixed number of queries)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from habitat import indicators as habitat_indicators
from habitat.indicators import housing
from habitat.indicators.common import DISPOSITIF_NAMES
from prevention.indicators import sps as sps_indicators
from prevention.indicators.common import Scope
from reporting.documents.association import (
    KEY_FIGURES,
    PERSONS,
    association_figures,
    association_key_figures,
)
from reportkit import charts
from reportkit.periods import Period
from reportkit.tables import Kind, Row, Table

HOUSING = ("alt-jeunes", "alt-familles", "tremplins-duo")


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
    """The year to date: the association's key figures, the SPS hours, the occupancy of the
    housing dispositifs and the conventions in force — each from its indicator."""
    period = Period(today.replace(month=1, day=1), today)
    figures = association_figures(period)
    key_figures = association_key_figures(period, now=figures)
    hours = sps_indicators.hours_by_activity(scope=Scope(("sps",)), period=period)
    occupancy = Table(
        id="taux-occupation",
        title="Taux d'occupation depuis le 1er janvier",
        columns=["Taux d'occupation"],
        rows=[
            Row(DISPOSITIF_NAMES[code], [housing.occupancy_rate(dispositifs=[code], period=period)])
            for code in HOUSING
        ],
        kinds=[Kind.RATE],
    )
    gauge = habitat_indicators.convention_gauge(today=today)
    labels = {key: label for label, key, _format, _level in KEY_FIGURES}
    persons = Table(
        id="personnes-par-service",
        title="Personnes accompagnées par service",
        columns=["Personnes"],
        rows=[Row(labels[key], [figures[key]]) for key in PERSONS],
        kinds=[Kind.COUNT],
    )
    dashboard = Dashboard(
        period=period, key_figures=key_figures, hours=hours, occupancy=occupancy, gauge=gauge
    )
    dashboard.charts = [
        charts.hours_by_activity(hours),
        charts.counts_bar(persons, "Personnes accompagnées par service"),
        charts.counts_bar(occupancy, "Taux d'occupation (%)"),
    ]
    rates = habitat_indicators.current_convention_rates(today=today)
    if rates.rows:
        dashboard.charts.append(charts.counts_bar(rates, "Taux de réalisation des conventions (%)"))
    return dashboard
