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
    AMOUNT = "amount"
    HOURS = "hours"
    PERCENT = "percent"
    POINTS = "points"
    TEXT = "text"


class Kind:
    """What a column holds. A column's kind gives its format and the invariants it obeys,
    checked on every report (reportkit.invariants):

    - additive kinds (COUNT, AMOUNT, HOURS, QUANTITY): the rows counted in the total
      (`Row.in_total`) add up to the Total row — unless the table says a person may show in
      several rows (`Table.rows_overlap`), where each row stays within the Total;
    - DISTINCT: a count where one person or record may be in several rows (a file with
      interviews in person and remote): each row stays within the Total, which counts each once;
    - SHARE: a row's part of the column's total, in %; the rows counted in the total add up to
      exactly 100 (largest remainder: `shares_of_total`); a row outside the shares (unknown)
      has none;
    - RATE: a percentage in [0, 100], unless the table declares over-activity
      (`Table.over_activity`: a convention's « suractivité »);
    - MEAN, DELTA, POINTS, TEXT: no sum.
    """

    COUNT = "count"
    DISTINCT = "distinct"
    AMOUNT = "amount"
    HOURS = "hours"
    QUANTITY = "quantity"
    SHARE = "share"
    RATE = "rate"
    MEAN = "mean"
    DELTA = "delta"
    POINTS = "points"
    TEXT = "text"

    ADDITIVE = frozenset({COUNT, AMOUNT, HOURS, QUANTITY})
    FORMATS = {
        COUNT: Format.INTEGER,
        DISTINCT: Format.INTEGER,
        AMOUNT: Format.AMOUNT,
        HOURS: Format.HOURS,
        QUANTITY: Format.DECIMAL,
        SHARE: Format.PERCENT,
        RATE: Format.PERCENT,
        MEAN: Format.DECIMAL,
        DELTA: Format.DECIMAL,
        POINTS: Format.POINTS,
        TEXT: Format.TEXT,
    }


@dataclass
class Row:
    label: str
    cells: list[Cell]
    # Where the row's figures come from, for a link from a dashboard figure (optional).
    url: str = ""
    format: str = Format.INTEGER
    # A heading row (a category of a two-level référentiel) or an indented detail row.
    level: int = 0
    # Counted in the table's Total row. By default a level-0 row is and a detail row (« dont »,
    # a sub-category) is not; a table whose Total adds detail rows (the organigramme's ETP
    # lines, not its subtotals) says so row by row.
    in_total: bool | None = None

    def __post_init__(self):
        if self.in_total is None:
            self.in_total = self.level == 0

    def as_dict(self) -> dict:
        return {
            "label": self.label,
            "cells": [_json_number(c) for c in self.cells],
            "level": self.level,
            "in_total": self.in_total,
            "format": self.format,
        }


@dataclass
class Table:
    id: str
    title: str
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    total_row: Row | None = None
    notes: list[str] = field(default_factory=list)
    # What each column holds (Kind), when the table declares it: its cells' format (over the
    # row's) and its invariants. Empty: the rows' formats say how the figures read.
    kinds: list[str] = field(default_factory=list)
    # Columns that add up to another on every row (but rates):
    # [("Total", ["Femmes", "Hommes", "Non binaire"])].
    sums: list[tuple[str, list[str]]] = field(default_factory=list)
    # A person may show in several rows (several difficulties, several programmes): each row
    # stays within the Total, which counts each person once.
    rows_overlap: bool = False
    # A rate of this table may exceed 100 % (a convention's « suractivité »).
    over_activity: bool = False
    # The persons or records the Total counts ("cllaj-jeunes"): two tables of one report with
    # the same population show the same total (`headcount`).
    population: str = ""
    # The dispositif the table describes, named in headings, workbook sheets and JSON.
    dispositif: str = ""
    # A shorter title for a workbook's sheet name (31 characters at most with its dispositif).
    short_title: str = ""

    def cell_format(self, row: Row, index: int) -> str:
        """The format of the row's figure in column `index`: the column's kind when the table
        declares one, else the row's format."""
        if index < len(self.kinds) and self.kinds[index]:
            return Kind.FORMATS[self.kinds[index]]
        return row.format

    def formatted(self, row: Row) -> list[tuple[Cell, str]]:
        return [(value, self.cell_format(row, i)) for i, value in enumerate(row.cells)]

    @property
    def display_rows(self) -> list[tuple[Row, list[tuple[Cell, str]]]]:
        """(row, [(figure, format)]) for the templates, which cannot call with arguments."""
        return [(row, self.formatted(row)) for row in self.rows]

    @property
    def display_total(self) -> list[tuple[Cell, str]]:
        return self.formatted(self.total_row) if self.total_row else []

    @property
    def header_cells(self) -> list[tuple[str, str]]:
        """(column, "text" or "num") for the templates: a column that holds words (a text kind,
        or only strings in its rows) is aligned left like its cells, figures right."""
        cells = []
        for index, column in enumerate(self.columns):
            kind = self.kinds[index] if index < len(self.kinds) else ""
            values = [r.cells[index] for r in self.rows if index < len(r.cells)]
            words = [v for v in values if isinstance(v, str) and v not in ("", "—")]
            text = kind == Kind.TEXT or (
                not kind and words and all(isinstance(v, str) or v is None for v in values)
            )
            cells.append((column, "text" if text else "num"))
        return cells

    @property
    def is_wide(self) -> bool:
        """More columns than an A4 page shows at the usual size (the PDF prints them
        smaller)."""
        return len(self.columns) > 6

    @property
    def headcount(self) -> Number:
        """What the Total row counts: its cell in the column the `sums` add up to, or in the
        first additive column (None without a Total row)."""
        if self.total_row is None:
            return None
        if self.sums:
            return self.total_row.cells[self.columns.index(self.sums[0][0])]
        for index, kind in enumerate(self.kinds):
            if kind in Kind.ADDITIVE:
                return self.total_row.cells[index]
        return self.total_row.cells[0] if self.total_row.cells else None

    def as_dict(self) -> dict:
        data = {
            "id": self.id,
            "title": self.title,
            "dispositif": self.dispositif,
            "columns": list(self.columns),
            "column_kinds": list(self.kinds),
            "rows": [row.as_dict() for row in self.rows],
        }
        if self.total_row is not None:
            data["total_row"] = self.total_row.as_dict()
        if self.sums:
            data["sums"] = [{"total": total, "parts": list(parts)} for total, parts in self.sums]
        if self.rows_overlap:
            data["rows_overlap"] = True
        if self.over_activity:
            data["over_activity"] = True
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


def shares_of_total(parts, places: int = 2) -> list[Decimal | None]:
    """Each part's share of their sum in %, rounded by largest remainder so that the shares
    add up to exactly 100 (DESIGN: "shares with a 100 % total") — the one rounding rule of
    every share shown with a 100 % total. Every share is first rounded down to `places`
    decimals; the units of the last place still missing to reach 100 go, one each, to the parts
    with the largest remainders (ties: the first part in order). All zeros when the parts sum
    to 0. A part given as None (unknown: outside the shares) gets None and does not count in
    the sum."""
    step = Decimal(1).scaleb(-places)
    known = [Decimal(p) for p in parts if p is not None]
    whole = sum(known, Decimal("0"))
    if not whole:
        return [None if p is None else Decimal("0").quantize(step) for p in parts]
    exact = [part * 100 / whole for part in known]
    floors = [value.quantize(step, rounding=ROUND_DOWN) for value in exact]
    missing = int(((Decimal(100) - sum(floors)) / step).to_integral_value())
    order = sorted(range(len(known)), key=lambda i: (-(exact[i] - floors[i]), i))
    for index in order[:missing]:
        floors[index] += step
    shares = iter(floors)
    return [None if p is None else next(shares) for p in parts]


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
            "in_total": r.in_total,
        }

    return {
        "id": table.id,
        "title": table.title,
        "columns": list(table.columns),
        "rows": [row(r) for r in table.rows],
        "total_row": row(table.total_row) if table.total_row else None,
        "notes": list(table.notes),
        "kinds": list(table.kinds),
        "sums": [[total, list(parts)] for total, parts in table.sums],
        "rows_overlap": table.rows_overlap,
        "over_activity": table.over_activity,
        "population": table.population,
        "dispositif": table.dispositif,
        "short_title": table.short_title,
    }


def table_from_snapshot(data: dict) -> Table:
    """The table as validated. Snapshots taken before tables declared their columns' kinds
    (2026) have none: their figures print with their rows' formats, as they did then."""

    def row(r: dict) -> Row:
        return Row(
            r["label"],
            [_decode(c) for c in r["cells"]],
            format=r["format"],
            level=r["level"],
            in_total=r.get("in_total"),
        )

    return Table(
        id=data["id"],
        title=data["title"],
        columns=data["columns"],
        rows=[row(r) for r in data["rows"]],
        total_row=row(data["total_row"]) if data["total_row"] else None,
        notes=data["notes"],
        kinds=data.get("kinds", []),
        sums=[(total, parts) for total, parts in data.get("sums", [])],
        rows_overlap=data.get("rows_overlap", False),
        over_activity=data.get("over_activity", False),
        population=data.get("population", ""),
        dispositif=data.get("dispositif", ""),
        short_title=data.get("short_title", ""),
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
