"""The one way the application writes a cell of a workbook (reports, import templates).

Text typed by users ends up in workbooks: an instance meeting named
« =HYPERLINK("http://…","CISPD") », a collective action's title used as a column header. openpyxl
turns any string starting with « = » into a live formula, and spreadsheets also evaluate text
starting with « + », « - », « @ », a tab or a carriage return (CSV/formula injection). Every text
cell is therefore written as a string (data type « s », never « f ») and, when it starts like a
formula, with the quote prefix, so that editing the cell in a spreadsheet keeps it text.
Numbers, dates and booleans stay what they are.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time
from decimal import Decimal

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet could read `text` as a formula."""
    return text.startswith(FORMULA_STARTS)


def set_value(cell, value):
    """Puts `value` in `cell`: text as text (never a formula), numbers and dates as they are.
    Control characters a workbook cannot hold (NUL, form feed…) are dropped rather than
    making openpyxl fail on a name someone pasted."""
    if value is None or isinstance(value, bool | int | float | date | datetime | time):
        cell.value = value
        return cell
    if isinstance(value, Decimal):
        cell.value = value
        return cell
    if not isinstance(value, str):
        value = str(value)
    text = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell.value = text
    cell.data_type = "s"
    cell.quotePrefix = looks_like_formula(text)
    return cell


def write_cell(sheet, row: int, column: int, value):
    """The cell at (`row`, `column`) holding `value` as `set_value` writes it."""
    return set_value(sheet.cell(row=row, column=column), value)


def append_row(sheet, values: Iterable) -> int:
    """Appends `values` as a new row under the last one, like `sheet.append` but written by
    `set_value`; returns the row's number."""
    # openpyxl keeps the last written row in _current_row (sheet.append reads it too).
    row = sheet._current_row + 1
    for column, value in enumerate(values, start=1):
        write_cell(sheet, row, column, value)
    sheet._current_row = row
    return row
