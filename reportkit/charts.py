"""Charts drawn from report Tables (no query of their own) with matplotlib, as SVG: the same
image in the HTML page (data URI: the page's CSP forbids inline styles) and in the PDF."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass

import matplotlib

matplotlib.use("svg")

import matplotlib.pyplot as plt  # noqa: E402

from reportkit import numbers  # noqa: E402
from reportkit.tables import Table  # noqa: E402

PALETTE = ["#0d6efd", "#6f42c1", "#d63384", "#fd7e14", "#20c997", "#0dcaf0", "#6c757d"]
plt.rcParams.update(
    {
        "font.family": "DejaVu Sans",
        "font.size": 9,
        "svg.fonttype": "none",
        "axes.spines.top": False,
        "axes.spines.right": False,
        "svg.hashsalt": "rl-portal",  # identical output for identical data
    }
)


@dataclass
class Chart:
    id: str
    title: str
    svg: str

    @property
    def data_uri(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode()


def _ticks(*, unsigned: bool = False) -> matplotlib.ticker.Formatter:
    """Axis ticks in French (1 500, not 1,500); a pyramid's left side reads unsigned. A new
    formatter per axis: matplotlib binds each to its axis."""
    if unsigned:
        return matplotlib.ticker.FuncFormatter(lambda v, _p: numbers.number(abs(v), 0))
    return matplotlib.ticker.FuncFormatter(lambda v, _p: numbers.number(v, 0))


def _render(figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    return buffer.getvalue()


def hours_by_activity(table: Table) -> Chart:
    hours = [float(v) for v in table.rows[0].cells]
    shares = [float(v) for v in table.rows[1].cells]
    figure, axis = plt.subplots(figsize=(7.2, 3.0))
    bars = axis.barh(table.columns[::-1], hours[::-1], color=PALETTE[0])
    for bar, value, pct in zip(bars, hours[::-1], shares[::-1], strict=True):
        axis.text(
            bar.get_width(),
            bar.get_y() + bar.get_height() / 2,
            f"  {numbers.number(value, 2)} h ({numbers.number(pct, 2)} %)",
            va="center",
            fontsize=8,
        )
    axis.set_xlabel("heures")
    axis.xaxis.set_major_formatter(_ticks())
    axis.set_xlim(0, max(hours + [1]) * 1.35)
    return Chart("graphique-heures", "Heures par activité", _render(figure))


def age_pyramid(table: Table, title: str) -> Chart:
    """Girls to the left, boys to the right, by age band."""
    labels = [row.label for row in table.rows]
    girls = [row.cells[table.columns.index("Filles")] for row in table.rows]
    boys = [row.cells[table.columns.index("Garçons")] for row in table.rows]
    figure, axis = plt.subplots(figsize=(7.2, 2.8))
    axis.barh(labels[::-1], [-g for g in girls[::-1]], color=PALETTE[2], label="Filles")
    axis.barh(labels[::-1], boys[::-1], color=PALETTE[0], label="Garçons")
    limit = max(girls + boys + [1]) * 1.15
    axis.set_xlim(-limit, limit)
    axis.axvline(0, color="#333", linewidth=0.6)
    axis.xaxis.set_major_formatter(_ticks(unsigned=True))
    axis.legend(loc="lower right", frameon=False)
    return Chart(f"graphique-{table.id}", title, _render(figure))


def closing_reasons(table: Table) -> Chart:
    values = table.rows[0].cells[:-1]
    labels = table.columns[:-1]
    figure, axis = plt.subplots(figsize=(7.2, 2.4))
    bars = axis.bar(labels, values, color=PALETTE[4])
    for bar, value in zip(bars, values, strict=True):
        axis.text(
            bar.get_x() + bar.get_width() / 2,
            bar.get_height(),
            numbers.number(value, 0),
            ha="center",
            va="bottom",
        )
    axis.set_ylabel("accompagnements")
    axis.yaxis.set_major_formatter(_ticks())
    axis.set_ylim(0, max(values + [1]) * 1.2)
    return Chart("graphique-clotures", "Motifs de clôture", _render(figure))


def counts_bar(table: Table, title: str) -> Chart:
    """Horizontal bars of a counts table's first column (the rows with a count)."""
    rows = [row for row in table.rows if row.cells and row.cells[0]]
    labels = [row.label for row in rows][::-1]
    values = [float(row.cells[0]) for row in rows][::-1]
    figure, axis = plt.subplots(figsize=(7.2, max(1.2, 0.32 * len(rows) + 0.6)))
    bars = axis.barh(labels, values, color=PALETTE[1])
    for bar, value in zip(bars, values, strict=True):
        axis.text(
            bar.get_width(),
            bar.get_y() + bar.get_height() / 2,
            f"  {numbers.number(value, 0)}",
            va="center",
            fontsize=8,
        )
    axis.set_xlim(0, max(values + [1]) * 1.2)
    axis.xaxis.set_major_formatter(_ticks())
    return Chart(f"graphique-{table.id}", title, _render(figure))
