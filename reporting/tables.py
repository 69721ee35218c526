"""A report table as data: the same Table renders to HTML, PDF, XLSX and JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

Number = int | float | Decimal | None


@dataclass
class Row:
    label: str
    cells: list[Number]
    # Where the row's figures come from, for a link from a dashboard figure (optional).
    url: str = ""

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


def _json_number(value: Number):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value
