"""A report table as data: the same Table renders to HTML, PDF, XLSX and JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

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


def shares_of_total(parts, places: int = 2) -> list[Decimal]:
    """Each part's share of their sum in %, rounded by largest remainder so that the shares
    add up to exactly 100 (DESIGN: "shares with a 100 % total"). Every share is first rounded
    down to `places` decimals; the units of the last place still missing to reach 100 go, one
    each, to the parts with the largest remainders (ties: the first part in order). All zeros
    when the parts sum to 0."""
    parts = [Decimal(p or 0) for p in parts]
    whole = sum(parts, Decimal("0"))
    step = Decimal(1).scaleb(-places)
    if not whole:
        return [Decimal("0").quantize(step) for _ in parts]
    exact = [part * 100 / whole for part in parts]
    floors = [value.quantize(step, rounding=ROUND_DOWN) for value in exact]
    missing = int(((Decimal(100) - sum(floors)) / step).to_integral_value())
    order = sorted(range(len(parts)), key=lambda i: (-(exact[i] - floors[i]), i))
    for index in order[:missing]:
        floors[index] += step
    return floors


def _encode(value: Cell):
    # Decimals keep their exact digits in a snapshot (a float would not).
    return {"decimal": str(value)} if isinstance(value, Decimal) else value


def _decode(value):
    return Decimal(value["decimal"]) if isinstance(value, dict) else value


def table_snapshot(table: Table) -> dict:
    """Everything needed to print the table again exactly as it was (a validated report)."""

    def row(r: Row) -> dict:
        return {
            "label": r.label,
            "cells": [_encode(c) for c in r.cells],
            "format": r.format,
            "level": r.level,
        }

    return {
        "id": table.id,
        "title": table.title,
        "columns": list(table.columns),
        "rows": [row(r) for r in table.rows],
        "total_row": row(table.total_row) if table.total_row else None,
        "notes": list(table.notes),
    }


def table_from_snapshot(data: dict) -> Table:
    def row(r: dict) -> Row:
        return Row(
            r["label"], [_decode(c) for c in r["cells"]], format=r["format"], level=r["level"]
        )

    return Table(
        id=data["id"],
        title=data["title"],
        columns=data["columns"],
        rows=[row(r) for r in data["rows"]],
        total_row=row(data["total_row"]) if data["total_row"] else None,
        notes=data["notes"],
    )


def table_differences(before: Table, after: Table) -> list[tuple[str, str, Cell, Cell]]:
    """(row, column, before, after) for every figure that changed; a row or column that
    appeared or disappeared shows as a change from or to nothing."""

    def cells(table: Table) -> dict[tuple[str, str], Cell]:
        rows = [*table.rows, *([table.total_row] if table.total_row else [])]
        return {(r.label, c): v for r in rows for c, v in zip(table.columns, r.cells, strict=False)}

    old, new = cells(before), cells(after)
    changes = []
    for key in [*old, *(k for k in new if k not in old)]:
        if old.get(key) != new.get(key):
            changes.append((key[0], key[1], old.get(key), new.get(key)))
    return changes
