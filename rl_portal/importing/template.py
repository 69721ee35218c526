"""The empty workbook an association downloads and fills: a « Mode d'emploi » sheet saying what
each column takes, then one sheet per imported sheet with its headers in bold, a note on each
header and drop-down lists where the values are fixed."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from reportkit.xlsx import FORMULA_STARTS, write_cell
from rl_portal.importing.reader import SheetSpec
from rl_portal.importing.workbook import INSTRUCTIONS_SHEET

LIST_ROWS = 5000


def text_cell(sheet, row: int, column: int, value: str):
    """A cell holding `value` as text, whatever it starts with: a référentiel name such as
    « =HYPERLINK(…) » must never become a live formula (openpyxl turns any string starting
    with « = » into one). The quote prefix keeps it text when someone edits the cell."""
    return write_cell(sheet, row, column, str(value))


def _list_formula(choices: list[str]) -> str | None:
    """The drop-down list of a column, or None where Excel cannot hold it: a list is at most
    255 characters, split on commas, and its items must not read as formulas."""
    if not choices or any("," in c or '"' in c or c.startswith(FORMULA_STARTS) for c in choices):
        return None
    formula = '"' + ",".join(choices) + '"'
    return formula if len(formula) <= 255 else None


def template_workbook(specs: tuple[SheetSpec, ...], *, introduction: list[str]) -> bytes:
    workbook = Workbook()
    guide = workbook.active
    guide.title = INSTRUCTIONS_SHEET
    row = 1
    for paragraph in introduction:
        text_cell(guide, row, 1, paragraph).alignment = Alignment(wrap_text=True)
        guide.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
        guide.row_dimensions[row].height = 30
        row += 1
    row += 1
    for column, header in enumerate(
        ("Feuille", "Colonne", "Obligatoire", "À saisir", "Autres intitulés acceptés"), start=1
    ):
        text_cell(guide, row, column, header).font = Font(bold=True)
    for spec in specs:
        for column in spec.columns:
            row += 1
            choices = list(column.choices()) if column.choices else []
            what = column.hint
            if choices:
                what = " ".join(filter(None, [what, "Valeurs : " + " ; ".join(choices) + "."]))
            values = (
                spec.title,
                column.header,
                "oui" if column.required else "",
                what,
                " ; ".join(column.aliases),
            )
            for index, value in enumerate(values, start=1):
                text_cell(guide, row, index, value).alignment = Alignment(
                    wrap_text=True, vertical="top"
                )
    for letter, width in zip("ABCDE", (16, 26, 12, 70, 34), strict=True):
        guide.column_dimensions[letter].width = width

    for spec in specs:
        sheet = workbook.create_sheet(spec.title)
        for index, column in enumerate(spec.columns, start=1):
            cell = text_cell(sheet, 1, index, column.header)
            cell.font = Font(bold=True)
            note = " ".join(filter(None, ["Obligatoire." if column.required else "", column.hint]))
            if note:
                cell.comment = Comment(note, "RL Portal", width=300, height=120)
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = max(14, len(column.header) + 4)
            formula = _list_formula(list(column.choices()) if column.choices else [])
            if formula:
                # Not a hard rule: the import also accepts codes and other spellings.
                validation = DataValidation(type="list", formula1=formula, allow_blank=True)
                sheet.add_data_validation(validation)
                validation.add(f"{letter}2:{letter}{LIST_ROWS}")
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
