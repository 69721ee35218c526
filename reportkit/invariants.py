"""The generic checks every report table passes, read from the table's own metadata (what a
column holds, which rows the Total adds, which columns add up to another, which population the
Total counts). A test runs them on every report of every demo year; they need no knowledge of
any app.

- additive columns: the rows counted in the total add up to the Total row (or, when a person
  may show in several rows, each row stays within the Total);
- columns that add up to another (sex columns to the Total) do so on every row;
- shares shown with a 100 % total add up to exactly 100, and a row outside the shares has none;
- rates lie in [0, 100] unless the table declares over-activity;
- the same population counted in two tables of one report has one total."""

from __future__ import annotations

from decimal import Decimal

from reportkit.tables import Format, Kind, Row, Table

HUNDRED = Decimal(100)


def _number(value) -> Decimal | None:
    if value is None or isinstance(value, str | bool):
        return None
    return Decimal(str(value))


def _rows(table: Table) -> list[Row]:
    return [*table.rows, *([table.total_row] if table.total_row else [])]


def table_faults(table: Table) -> list[str]:
    """What does not hold in `table`, in words (empty when everything holds)."""
    faults: list[str] = []
    where = f"{table.id} « {table.title} »"
    width = len(table.columns)
    for row in _rows(table):
        if len(row.cells) != width:
            faults.append(f"{where} : la ligne « {row.label} » a {len(row.cells)} cellules.")
    if faults:
        return faults
    counted = [row for row in table.rows if row.in_total]
    for index, kind in enumerate(table.kinds):
        column = table.columns[index]
        if (kind in Kind.ADDITIVE or kind == Kind.DISTINCT) and table.total_row is not None:
            total = _number(table.total_row.cells[index])
            if total is None:
                continue
            if table.rows_overlap or kind == Kind.DISTINCT:
                for row in table.rows:
                    value = _number(row.cells[index])
                    if value is not None and value > total:
                        faults.append(
                            f"{where} : « {row.label} » / {column} = {value} dépasse le Total "
                            f"({total})."
                        )
            else:
                added = sum((_number(r.cells[index]) or 0 for r in counted), Decimal(0))
                if added != total:
                    faults.append(
                        f"{where} : la colonne {column} fait {added} ligne à ligne pour un "
                        f"Total de {total}."
                    )
        elif kind == Kind.SHARE:
            values = [_number(r.cells[index]) for r in counted]
            known = [v for v in values if v is not None]
            if any(known) and sum(known, Decimal(0)) != HUNDRED:
                faults.append(
                    f"{where} : les parts de la colonne {column} font "
                    f"{sum(known, Decimal(0))} % et non 100 %."
                )
            for row in table.rows:
                if not row.in_total and row.level == 0 and _number(row.cells[index]) is not None:
                    faults.append(f"{where} : « {row.label} » est hors du total mais a une part.")
            if table.total_row is not None:
                shown = _number(table.total_row.cells[index])
                if shown not in (None, HUNDRED, Decimal(0)) or (shown == 0 and any(known)):
                    faults.append(f"{where} : le Total de la colonne {column} n'est pas 100 %.")
    for target, parts in table.sums:
        t = table.columns.index(target)
        indexes = [table.columns.index(p) for p in parts]
        for row in _rows(table):
            value = _number(row.cells[t])
            # A rate does not add up (the rate of the whole is not the sum of the rates).
            if value is None or table.cell_format(row, t) == Format.PERCENT:
                continue
            added = sum((_number(row.cells[i]) or 0 for i in indexes), Decimal(0))
            if added != value:
                faults.append(
                    f"{where} : « {row.label} » : {' + '.join(parts)} = {added} pour "
                    f"{target} = {value}."
                )
    for row in _rows(table):
        for index, value in enumerate(row.cells):
            kind = table.kinds[index] if index < len(table.kinds) else None
            if kind == Kind.SHARE or table.cell_format(row, index) != Format.PERCENT:
                continue
            number = _number(value)
            if number is None:
                continue
            if number < 0 or (number > HUNDRED and not table.over_activity):
                faults.append(
                    f"{where} : le taux « {row.label} » / {table.columns[index]} vaut "
                    f"{number} %, hors de [0, 100]."
                )
    return faults


def document_faults(tables: list[Table]) -> list[str]:
    """The faults of every table, and the populations counted with two totals."""
    faults = [fault for table in tables for fault in table_faults(table)]
    totals: dict[str, list[tuple[str, object]]] = {}
    for table in tables:
        if table.population and table.headcount is not None:
            totals.setdefault(table.population, []).append((table.id, table.headcount))
    for population, seen in totals.items():
        if len({_number(v) for _id, v in seen}) > 1:
            listed = ", ".join(f"{table_id} : {value}" for table_id, value in seen)
            faults.append(f"Population « {population} » comptée avec plusieurs totaux : {listed}.")
    return faults
