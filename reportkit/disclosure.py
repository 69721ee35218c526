"""Small-number masking (secret statistique) of report tables.

A report of a short period or of one commune can single out a youth: « 1 jeune de 15 à 18 ans,
déscolarisé, à Libercourt, le 3 mars ». For a reader who sees no individual record, the report
engine masks such counts once, for every report and every format (page, PDF, workbook, JSON):

- **Primary masking**: a count (a column of kind COUNT or DISTINCT; in a table that declares no
  kinds, any whole figure but hours, amounts, percentages and points) strictly between 0 and
  the threshold prints « < 3 ». Zero stays: it says nobody.
- **Secondary masking**: a masked count must not be found again by subtraction. Each equation a
  table declares is checked — the rows counted in the total add up to the Total row (additive
  columns, unless persons may show in several rows), the columns of `sums` add up to their
  total column, and detail rows that add up to their heading row. While an equation lets a
  masked figure be found again — it is the only one masked, or the equation's masked figures
  are all « < 3 » and only one combination of them fits (two « < 3 » beside a Total of 4 are
  both 2) — its smallest non-zero visible part is masked too (« s »), or its total when no
  part is left. Masking runs again until no equation gives a masked figure back.
- **One population, one total**: tables of the same population show the same total; when it
  is masked in one, it is masked in all (`mask_tables`), with what would reveal it there.
- **Derived figures**: in a row with a masked count, its shares, rates and means are masked
  (« s »): with the total, a share gives the count back. When a total is masked, every share
  and rate of the table is.
- A note under each table that was masked says so.

Who and when is decided by the caller (`reporting.documents.base.ReportDefinition.build`):
readers without access to individual records, reports of less than a month or of one commune.
"""

from __future__ import annotations

import itertools
from decimal import Decimal

from reportkit.tables import Format, Kind, Row, Table

SECONDARY = "s"
COUNT_KINDS = frozenset({Kind.COUNT, Kind.DISTINCT})
DERIVED_KINDS = frozenset({Kind.SHARE, Kind.RATE, Kind.MEAN})


def primary_label(threshold: int) -> str:
    return f"< {threshold}"


def masking_note(threshold: int) -> str:
    return (
        f"Secret statistique : les effectifs inférieurs à {threshold} sont masqués "
        f"(« < {threshold} ») sur une période de moins d'un mois ou une seule commune ; "
        f"« {SECONDARY} » masque un chiffre qui permettrait de les retrouver à partir des "
        "totaux."
    )


def integral(value) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    if value != int(value):
        return None
    return int(value)


# In a table that declares no kinds, a whole number of a row in one of these formats may be a
# count: it is treated as one (masking a figure that was not a count hides more, never less).
UNDECLARED_COUNT_FORMATS = frozenset({Format.INTEGER, Format.DECIMAL, Format.TEXT})


def _is_count(table: Table, row: Row, index: int) -> bool:
    if index < len(table.kinds) and table.kinds[index]:
        return table.kinds[index] in COUNT_KINDS
    return row.format in UNDECLARED_COUNT_FORMATS and integral(row.cells[index]) is not None


def _is_derived(table: Table, row: Row, index: int) -> bool:
    if index < len(table.kinds) and table.kinds[index]:
        return table.kinds[index] in DERIVED_KINDS
    return row.format in (Format.PERCENT, Format.DECIMAL)


def _equations(table: Table) -> list[tuple[list[tuple[int, int]], tuple[int, int]]]:
    """(parts, total) as (row index, column index) pairs: every equation the table declares
    between its counts and its figures satisfy. Row index len(rows) is the Total row."""
    rows = table.rows
    all_rows = [*rows, *([table.total_row] if table.total_row else [])]
    total_index = len(rows) if table.total_row else None
    columns = range(len(table.columns))
    equations = []
    for column in columns:
        kind = table.kinds[column] if column < len(table.kinds) else ""
        additive = kind == Kind.COUNT or (not kind and not table.rows_overlap)
        if not additive:
            continue
        if total_index is not None and not table.rows_overlap:
            parts = [(i, column) for i, row in enumerate(rows) if row.in_total]
            equations.append((parts, (total_index, column)))
        # Detail rows that add up to the heading row above them.
        heading = None
        details: list[int] = []
        for i, row in enumerate([*rows, Row("", [])]):
            if row.level == 0:
                if heading is not None and details:
                    values = [integral(rows[d].cells[column]) for d in details]
                    head = integral(rows[heading].cells[column])
                    if None not in values and head is not None and sum(values) == head:
                        equations.append(([(d, column) for d in details], (heading, column)))
                heading, details = i, []
            else:
                details.append(i)
    names = list(table.columns)
    for total_name, part_names in table.sums:
        if total_name not in names or any(p not in names for p in part_names):
            continue
        total_column = names.index(total_name)
        part_columns = [names.index(p) for p in part_names]
        for i, _row in enumerate(all_rows):
            equations.append(([(i, c) for c in part_columns], (i, total_column)))

    def holds(equation) -> bool:
        # Only an equation the figures satisfy lets a reader subtract.
        parts, (ti, tj) = equation
        values = [integral(all_rows[i].cells[j]) for i, j in parts if j < len(all_rows[i].cells)]
        total = integral(all_rows[ti].cells[tj]) if tj < len(all_rows[ti].cells) else None
        return len(values) == len(parts) and None not in values and sum(values) == total

    return [equation for equation in equations if holds(equation)]


# Beyond this many masked counts in one equation, their possible values are not enumerated:
# so many small counts cannot all be pinned down.
MAX_ENUMERATED = 10


def _exposed(parts, total, masked, value, threshold: int) -> bool:
    """Whether a reader can find a masked figure of the equation sum(parts) = total again:
    a single masked figure; or masked counts « < 3 » only, whose one possible combination the
    visible figures fix (two « < 3 » beside a Total of 4 are both 2). A figure masked « s »
    may be anything: an equation holding one is not solved."""
    cells = [*parts, total]
    hidden = [cell for cell in cells if cell in masked]
    if len(hidden) != 1 and (
        not hidden
        or any(masked[cell] == SECONDARY for cell in hidden)
        or len(hidden) > MAX_ENUMERATED
    ):
        return False
    if len(hidden) == 1:
        return True
    known = sum(value(cell) or 0 for cell in parts if cell not in masked)
    possible: list[set[int]] = [set() for _ in hidden]
    for combination in itertools.product(range(1, threshold), repeat=len(hidden)):
        figures = dict(zip(hidden, combination, strict=True))
        left = known + sum(figures.get(cell, 0) for cell in parts)
        right = figures[total] if total in figures else value(total)
        if left == right:
            for index, figure in enumerate(combination):
                possible[index].add(figure)
    return any(len(values) == 1 for values in possible)


def headcount_cell(table: Table) -> tuple[int, int] | None:
    """Where the Total row holds what the table counts (`Table.headcount`), as (row, column)."""
    if table.total_row is None:
        return None
    row = len(table.rows)
    if table.sums and table.sums[0][0] in table.columns:
        return row, table.columns.index(table.sums[0][0])
    for index, kind in enumerate(table.kinds):
        if kind in Kind.ADDITIVE:
            return row, index
    return (row, 0) if table.total_row.cells else None


def plan_masking(
    table: Table, threshold: int, *, forced: frozenset[tuple[int, int]] = frozenset()
) -> dict[tuple[int, int], str]:
    """The cells of `table` to mask, (row, column) → label, without changing the table: its
    counts below `threshold`, the `forced` cells (a total masked in another table of the same
    population) and what would reveal them (module docstring)."""
    if threshold <= 1:
        return {}
    rows = [*table.rows, *([table.total_row] if table.total_row else [])]
    masked: dict[tuple[int, int], str] = {}
    for i, row in enumerate(rows):
        for j, value in enumerate(row.cells):
            number = integral(value)
            if _is_count(table, row, j) and number is not None and 0 < number < threshold:
                masked[(i, j)] = primary_label(threshold)
    for cell in forced:
        masked.setdefault(cell, SECONDARY)
    if not masked:
        return {}
    equations = _equations(table)

    def value(cell):
        i, j = cell
        return integral(rows[i].cells[j]) if j < len(rows[i].cells) else None

    for _round in range(len(rows) * max(1, len(table.columns))):
        changed = False
        for parts, total in equations:
            if not _exposed(parts, total, masked, value, threshold):
                continue
            visible = [cell for cell in parts if cell not in masked and (value(cell) or 0) > 0]
            if visible:
                masked[min(visible, key=lambda cell: (value(cell), cell))] = SECONDARY
            elif total not in masked and (value(total) or 0) > 0:
                masked[total] = SECONDARY
            else:
                continue
            changed = True
        if not changed:
            break
    total_masked = table.total_row is not None and any(i == len(rows) - 1 for i, _ in masked)
    for i, row in enumerate(rows):
        row_masked = any(cell[0] == i for cell in masked)
        for j in range(len(row.cells)):
            if (i, j) in masked or row.cells[j] is None or not _is_derived(table, row, j):
                continue
            kind = table.kinds[j] if j < len(table.kinds) else ""
            if row_masked or (total_masked and kind in (Kind.SHARE, Kind.RATE)):
                masked[(i, j)] = SECONDARY
    return masked


def _apply(table: Table, masked: dict[tuple[int, int], str], threshold: int) -> None:
    rows = [*table.rows, *([table.total_row] if table.total_row else [])]
    for (i, j), label in masked.items():
        rows[i].cells[j] = label
    table.notes.append(masking_note(threshold))


def mask_small_counts(table: Table, threshold: int) -> bool:
    """Mask, in place, the counts of `table` below `threshold` and what would reveal them
    (module docstring). Returns whether anything was masked."""
    masked = plan_masking(table, threshold)
    if masked:
        _apply(table, masked, threshold)
    return bool(masked)


def mask_tables(tables: list[Table], threshold: int) -> set[int]:
    """Mask, in place, the tables of one report; returns the `id()` of those masked.

    Tables of one population show one total (reportkit.invariants): a total masked in one
    table would be read in another, then give back the masked counts of the first. So when a
    table's headcount is masked, it is masked in every table of that population (with what
    would reveal it there), until no new population's total is masked."""
    forced_populations: set[str] = set()
    while True:
        plans = {}
        for table in tables:
            cell = headcount_cell(table)
            forced = (
                frozenset({cell})
                if cell
                and table.population in forced_populations
                and (integral(table.total_row.cells[cell[1]]) or 0) > 0
                else frozenset()
            )
            plans[id(table)] = plan_masking(table, threshold, forced=forced)
        masked_populations = {
            table.population
            for table in tables
            if table.population and headcount_cell(table) in plans[id(table)]
        }
        if masked_populations <= forced_populations:
            break
        forced_populations |= masked_populations
    for table in tables:
        if plans[id(table)]:
            _apply(table, plans[id(table)], threshold)
    return {id(table) for table in tables if plans[id(table)]}
