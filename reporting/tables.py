"""A report table as data: the same Table renders to HTML, PDF, XLSX and JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

Number = int | float | Decimal | None
Cell = Number | str


class Format:
    """How a row's figures read: renderers use it for French formats and XLSX number formats."""

    INTEGER = "integer"
    DECIMAL = "decimal"
    HOURS = "hours"
    PERCENT = "percent"
    POINTS = "points"
    TEXT = "text"


@dataclass
class Row:
    label: str
    cells: list[Cell]
    # Where the row's figures come from, for a link from a dashboard figure (optional).
    url: str = ""
    format: str = Format.INTEGER
    # A heading row (a category of a two-level référentiel) or an indented detail row.
    level: int = 0

    def as_dict(self) -> dict:
        return {"label": self.label, "cells": [_json_number(c) for c in self.cells]}


@dataclass
class Table:
    id: str
    title: str
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    total_row: Row | None = None
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        data = {
            "id": self.id,
            "title": self.title,
            "columns": list(self.columns),
            "rows": [row.as_dict() for row in self.rows],
        }
        if self.total_row is not None:
            data["total_row"] = self.total_row.as_dict()
        if self.notes:
            data["notes"] = list(self.notes)
        return data

    def cell(self, row_label: str, column: str) -> Number:
        """The figure at (row, column); handy in tests and cross-checks."""
        index = self.columns.index(column)
        for row in [*self.rows, *([self.total_row] if self.total_row else [])]:
            if row.label == row_label:
                return row.cells[index]
        raise KeyError(row_label)


def _json_number(value: Cell):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def share(part, whole, places: int = 2) -> Decimal:
    """part / whole in %, rounded half up to `places` decimals (0 when whole is 0)."""
    if not whole:
        return Decimal("0").quantize(Decimal(1).scaleb(-places))
    value = Decimal(part) * 100 / Decimal(whole)
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
